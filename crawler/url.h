/*
 * URLs as the crawler and the store see them, parsed and rebuilt with
 * libcurl's URL API.  Only http and https URLs are accepted.
 */
#ifndef RM_URL_H
#define RM_URL_H

/*
 * The normalised form of an absolute http(s) URL: scheme and host in
 * lower case, default port dropped, fragment dropped, dot segments
 * resolved, an empty path made "/", tracking parameters (utm_*, fbclid,
 * gclid, ...) removed.  *OUT is malloc'd, caller frees.  Returns 0, or
 * RM_EINVAL for anything that is not a valid http(s) URL.
 */
int url_normalize(const char *url, char **out);

/* Resolve REF against BASE and normalise; same contract as above. */
int url_resolve(const char *base, const char *ref, char **out);

/* The lower-case host name of URL; *OUT malloc'd.  0 or RM_EINVAL. */
int url_host(const char *url, char **out);

#endif
