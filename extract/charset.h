/*
 * Character sets of fetched pages: find the encoding the way a browser
 * does (byte order mark, Content-Type, <meta> prescan) and convert the
 * bytes to UTF-8 with iconv, replacing what cannot be decoded.
 */
#ifndef RM_CHARSET_H
#define RM_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#define CHARSET_NAME_MAX 40 /* longest label kept, with its NUL */

/*
 * Decide the encoding of LEN bytes of HTML.  HINT is the charset from
 * Content-Type (NULL when none).  Order: BOM, HINT, <meta charset> or
 * http-equiv in the first bytes, else UTF-8 when the bytes are valid
 * UTF-8, else windows-1252.  Labels are mapped as browsers map them
 * ("iso-8859-1" and "ascii" become "windows-1252").  Writes an iconv
 * name into OUT and returns the length of a BOM to skip (0 when none).
 */
size_t charset_detect(const char *data, size_t len, const char *hint,
		      char out[CHARSET_NAME_MAX]);

/* True when the whole of S[0..LEN) is well-formed UTF-8. */
bool charset_utf8_valid(const char *s, size_t len);

/*
 * Convert LEN bytes from CHARSET (an iconv name) to UTF-8; undecodable
 * or malformed sequences become U+FFFD.  The result, at most MAX bytes
 * and NUL-terminated, is malloc'd into *OUT (caller frees), its length
 * in *OUTLEN.  Returns 0, RM_EINVAL for a charset iconv does not know,
 * or RM_ETOOLARGE past MAX.
 */
int charset_to_utf8(const char *data, size_t len, const char *charset,
		    size_t max, char **out, size_t *outlen);

#endif
