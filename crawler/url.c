/*
 * URL normalisation and resolution on top of libcurl's URL API.
 *
 * libcurl parses, resolves relative references and removes dot
 * segments; this file checks what it got (scheme, userinfo, host) and
 * rebuilds the URL itself from the parts, so that case, escapes, ports
 * and the query come out in one canonical spelling.
 */
#include "crawler/url.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"

/*
 * Query parameters that only say where a click came from.  Dropping them
 * makes the same article reached from a newsletter and from a feed one
 * URL.  Compared case-insensitively; "utm_" is a prefix.
 */
static const char *const tracking_params[] = {
	"fbclid", "gclid",  "gclsrc", "dclid",	 "msclkid", "yclid",
	"twclid", "mc_cid", "mc_eid", "igshid",	 "ref_src", "ref_url",
	"_ga",	  "_gl",    "_hsenc", "_hsmi",	 "mkt_tok", "oly_enc_id",
	"oly_anon_id", "vero_id", "wickedid", "__s",
};

static bool
is_tracking_param(const char *name, size_t len)
{
	if (len >= 4 && ascii_ncasecmp(name, "utm_", 4) == 0)
		return true;
	for (size_t i = 0;
	     i < sizeof(tracking_params) / sizeof(tracking_params[0]); i++) {
		const char *t = tracking_params[i];

		if (strlen(t) == len && ascii_ncasecmp(name, t, len) == 0)
			return true;
	}
	return false;
}

/* Input a URL may hold at all: bounded, no spaces or control bytes. */
static bool
url_text_ok(const char *s, bool allow_empty)
{
	size_t n = 0;

	if (!s)
		return false;
	for (; s[n]; n++) {
		unsigned char c = (unsigned char)s[n];

		if (n >= URL_MAX || c <= 0x20 || c == 0x7f)
			return false;
	}
	return n > 0 || allow_empty;
}

static bool
is_unreserved(int c)
{
	return ascii_isalnum(c) || c == '-' || c == '_' || c == '~';
}

/* Bytes that must be escaped wherever they appear in a path or query. */
static bool
needs_escape(int c)
{
	return c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL;
}

static int
hexval(int c)
{
	if (ascii_isdigit(c))
		return c - '0';
	c = ascii_tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
url_append_escaped(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = 0;

	for (size_t i = 0; i < len && rc == 0; i++) {
		int c = (unsigned char)s[i];

		if (c == '%' && i + 2 < len &&
		    hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			int v = hexval((unsigned char)s[i + 1]) * 16 +
				hexval((unsigned char)s[i + 2]);

			i += 2;
			if (is_unreserved(v)) {
				rc = buf_append_char(b, (char)v);
				continue;
			}
			c = v;
		} else if (c != '%' && !needs_escape(c)) {
			rc = buf_append_char(b, (char)c);
			continue;
		}
		/* An escape kept, a lone '%', or a byte that needs one. */
		char e[3] = { '%', hex[c >> 4], hex[c & 15] };

		rc = buf_append(b, e, 3);
	}
	return rc;
}

/* Append QUERY without tracking and empty parameters, '?' first. */
static int
append_query(struct buf *b, const char *query)
{
	const char *p = query;
	bool first = true;
	struct buf param;
	int rc = 0;

	buf_init(&param, URL_MAX);
	while (*p && rc == 0) {
		size_t len = strcspn(p, "&");
		const char *norm;

		/* Names are judged as written out: "utm%5Fsource" is UTM. */
		buf_reset(&param);
		rc = url_append_escaped(&param, p, len);
		norm = buf_str(&param);
		if (rc == 0 && len > 0 &&
		    !is_tracking_param(norm, strcspn(norm, "="))) {
			rc = buf_append_char(b, first ? '?' : '&');
			if (rc == 0)
				rc = buf_append(b, norm, param.len);
			first = false;
		}
		p += len;
		if (*p == '&')
			p++;
	}
	buf_free(&param);
	return rc;
}

/*
 * A host as a resolver takes it: letters, digits, '-', '.' and '_' (seen
 * in real subdomains), or an IPv6 literal in brackets.  libcurl leaves
 * a '%' that starts no escape ("a%%b") in the host, and decoding
 * "%44" there could make a new escape: such a host would normalise
 * differently the second time.
 */
static bool
host_ok(const char *s)
{
	const char *extra = s[0] == '[' ? "[]:." : "-._";

	for (; *s; s++)
		if (!ascii_isalnum((unsigned char)*s) && !strchr(extra, *s))
			return false;
	return true;
}

/*
 * HOST as libcurl reads it written out plainly, into *OUT (curl_free).
 * A host that came percent-encoded ("%34") skipped libcurl's IPv4
 * normalisation, so "4" would turn into "0.0.0.4" only the next time.
 */
static int
host_reparse(const char *host, char **out)
{
	CURLU *u = curl_url();
	struct buf b;
	int rc = RM_EINVAL;

	if (!u)
		abort();
	buf_init(&b, URL_MAX);
	if (buf_printf(&b, "http://%s/", host) == 0 &&
	    curl_url_set(u, CURLUPART_URL, buf_str(&b), 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, out, 0) == CURLUE_OK)
		rc = 0;
	buf_free(&b);
	curl_url_cleanup(u);
	return rc;
}

/*
 * Check the URL libcurl parsed into U and write its canonical form to
 * *OUT (malloc'd), or only the lower-case host to *HOST when HOST is set.
 */
static int
url_build(CURLU *u, char **out, char **host_out)
{
	char *scheme = NULL, *user = NULL, *pass = NULL, *host = NULL;
	char *port = NULL, *path = NULL, *query = NULL, *plain = NULL;
	struct buf b;
	bool https;
	int rc = RM_EINVAL;

	buf_init(&b, URL_MAX);
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		goto out;
	ascii_lower(scheme);
	https = strcmp(scheme, "https") == 0;
	if (!https && strcmp(scheme, "http") != 0)
		goto out;
	if (curl_url_get(u, CURLUPART_USER, &user, 0) != CURLUE_NO_USER ||
	    curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) !=
		    CURLUE_NO_PASSWORD)
		goto out;
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    !*host || !host_ok(host) || host_reparse(host, &plain) != 0 ||
	    !host_ok(plain))
		goto out;
	curl_free(host);
	host = plain;
	plain = NULL;
	ascii_lower(host);
	if (host_out) {
		*host_out = xstrdup(host);
		rc = 0;
		goto out;
	}
	if (curl_url_get(u, CURLUPART_PORT, &port, 0) != CURLUE_OK)
		port = NULL;
	if (port && strcmp(port, https ? "443" : "80") == 0) {
		curl_free(port);
		port = NULL;
	}
	if (curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_QUERY, &query, 0) != CURLUE_OK)
		query = NULL;

	if (buf_printf(&b, "%s://%s", scheme, host) ||
	    (port && buf_printf(&b, ":%s", port)))
		goto out;
	if (path[0] != '/' && buf_append_char(&b, '/'))
		goto out;
	if (url_append_escaped(&b, path, strlen(path)))
		goto out;
	if (query && append_query(&b, query))
		goto out;
	*out = buf_steal(&b);
	rc = 0;
out:
	curl_free(scheme);
	curl_free(user);
	curl_free(pass);
	curl_free(host);
	curl_free(plain);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	buf_free(&b);
	return rc;
}

/*
 * Parse BASE, resolve REF (when not NULL) against it, and build either
 * the canonical URL (*OUT) or the host (*HOST).
 */
static int
url_run(const char *base, const char *ref, char **out, char **host)
{
	CURLU *u = NULL;
	int rc = RM_EINVAL;

	if (!url_text_ok(base, false) || (ref && !url_text_ok(ref, true)))
		goto out;
	u = curl_url();
	if (!u)
		abort();
	if (curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
		goto out;
	/*
	 * An empty reference or a bare fragment means the base document
	 * itself (RFC 3986 5.2.2); libcurl 7.88 would drop the last path
	 * segment and the query instead.
	 */
	if (ref && ref[0] != '\0' && ref[0] != '#' &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) != CURLUE_OK)
		goto out;
	rc = url_build(u, out, host);
out:
	curl_url_cleanup(u);
	return rc;
}

int
url_normalize(const char *url, char **out)
{
	return url_run(url, NULL, out, NULL);
}

int
url_resolve(const char *base, const char *ref, char **out)
{
	return url_run(base, ref, out, NULL);
}

int
url_host(const char *url, char **out)
{
	return url_run(url, NULL, NULL, out);
}

int
url_path_query(const char *url, char **out)
{
	char *norm = NULL;
	const char *p;
	int rc = url_normalize(url, &norm);

	if (rc)
		return rc;
	/* A normalised URL is scheme://authority/path[?query]. */
	p = strstr(norm, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	if (!p) {
		free(norm);
		return RM_EINVAL;
	}
	*out = xstrdup(p);
	free(norm);
	return 0;
}
