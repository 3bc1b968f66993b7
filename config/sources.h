/*
 * Sources: the sites rumormill crawls, one INI file per site in
 * <configdir>/sources.d/NAME.ini, e.g.
 *
 *	[source]
 *	start = https://www.gsmarena.com/rss-news-reviews.php3
 *	follow = ^https://www\.gsmarena\.com/[a-z0-9_]+-news-\d+\.php$
 *	every = 1h
 *
 * The keys, their types, defaults and bounds live in one table in
 * sources.c (printed by sources_describe).  Loading reports every error
 * of every file as "FILE:LINE: message", PCRE2's own message and offset
 * included for bad patterns.
 */
#ifndef RM_SOURCES_H
#define RM_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/strvec.h"

/* Files read from one directory; names are at most this long. */
#define SOURCES_MAX_FILES 1000
#define SOURCE_NAME_MAX 64
/* PCRE2 match limit per URL test: a hostile pattern costs this, no more. */
#define SOURCE_MATCH_LIMIT 100000

struct pcre2_real_code_8;

struct source {
	char *name;	     /* [a-z0-9_.-]+, from "name" or the file name */
	char *file;	     /* the file it came from */
	struct strvec start; /* normalised http(s) URLs, at least one */
	char *follow;	     /* pattern for article URLs (required) */
	char *skip;	     /* pattern for URLs never fetched, or NULL */
	long long every_ms;  /* crawl interval */
	long long delay_ms;  /* pause between requests to the site */
	long long max_pages; /* pages fetched per run */
	char *body;	     /* CSS selector of the article body, or NULL */
	double weight;	     /* trust in the site, for rumor confidence */
	bool enabled;
	struct pcre2_real_code_8 *follow_re, *skip_re; /* JIT-compiled */
};

struct source_list {
	struct source **v; /* sorted by file name */
	size_t n;
};

/*
 * Load every *.ini file in DIR.  On success *OUT (freed with
 * sources_free) holds all sources, enabled or not.  On failure returns
 * RM_ECONFIG (or RM_EIO when DIR cannot be read) and *ERR (malloc'd,
 * caller frees) lists every error found, one per line.
 */
int sources_load_dir(const char *dir, struct source_list **out, char **err);

/*
 * The regular files in DIR that sources_load_dir does not read (their
 * name does not end in .ini; hidden files aside), sorted, appended to
 * *OUT, so that a "site.conf" is reported instead of silently left
 * out.  Returns 0, or RM_EIO when DIR cannot be read.
 */
int sources_ignored(const char *dir, struct strvec *out);

/* The source called NAME, or NULL. */
const struct source *sources_find(const struct source_list *l,
				  const char *name);

/*
 * Whether the crawler should fetch URL as an article of S: "follow"
 * matches and "skip" does not.  Returns 1 or 0, or RM_ELIMIT when a
 * pattern needed more than SOURCE_MATCH_LIMIT steps (treat as "no" and
 * warn).  Safe to call from several threads at once.
 */
int source_wants(const struct source *s, const char *url);

void sources_free(struct source_list *l);

/* Write every key with its help, bounds and default, as comments. */
void sources_describe(FILE *out);

#endif
