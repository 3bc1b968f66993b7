/*
 * URLs as the crawler and the store see them, parsed and rebuilt with
 * libcurl's URL API.  Only http and https URLs are accepted.
 *
 * Rejected with RM_EINVAL, whatever the function:
 *  - schemes other than http and https (ftp:, mailto:, javascript:, ...);
 *  - URLs longer than URL_MAX bytes, before or after normalisation;
 *  - any space, tab, newline or other control byte (callers taking hrefs
 *    from HTML strip and encode those first, as browsers do);
 *  - user names and passwords ("http://user:pw@host/"): the crawler never
 *    sends credentials, and "http://trusted.com@evil.com/" is a classic
 *    way to disguise where a link goes;
 *  - host names that are not plain ASCII (IDN would need punycode, which
 *    the crawler does not do), empty host names, and host names with
 *    anything but letters, digits, '-', '.' and '_' (IPv6 literals in
 *    brackets excepted).
 */
#ifndef RM_URL_H
#define RM_URL_H

#include <stddef.h>

/* The longest URL accepted or produced, in bytes without the NUL. */
#define URL_MAX 4096

/*
 * The normalised form of an absolute http(s) URL: scheme and host in
 * lower case, default port dropped, fragment dropped, dot segments
 * resolved, an empty path made "/", tracking parameters (utm_*, fbclid,
 * gclid, ...) removed.  *OUT is malloc'd, caller frees.  Returns 0, or
 * RM_EINVAL for anything that is not a valid http(s) URL.
 *
 * Also: percent-escapes get upper-case hex digits, escapes of unreserved
 * characters (letters, digits, "-", "_", "~") are decoded, and bytes
 * that may not appear in a URL (non-ASCII, '"', '<', '>', '\', '^', '`',
 * '{', '|', '}', a lone '%') are percent-encoded.  The remaining query
 * parameters keep their order; empty ones ("a=1&&b=2") are dropped.
 */
int url_normalize(const char *url, char **out);

/*
 * Resolve REF against BASE (RFC 3986 section 5: "//host/x", "/x", "../a",
 * "?q", "#f", "" all work) and normalise; same contract as above.  An
 * absolute REF with another scheme (mailto:, javascript:) is RM_EINVAL.
 */
int url_resolve(const char *base, const char *ref, char **out);

/*
 * The path and query of URL, normalised, as robots.txt rules see it
 * ("/a/b?x=1").  *OUT malloc'd.  0 or RM_EINVAL.
 */
int url_path_query(const char *url, char **out);

/* The lower-case host name of URL; *OUT malloc'd.  0 or RM_EINVAL. */
int url_host(const char *url, char **out);

struct buf;

/*
 * Append S[0..LEN) to B with percent-escapes spelt as url_normalize
 * spells them in a path or query (so robots.txt patterns compare equal
 * to normalised paths).  0, or RM_ETOOLARGE at B's cap.
 */
int url_append_escaped(struct buf *b, const char *s, size_t len);

#endif
