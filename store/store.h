/*
 * The rumor database: articles, the devices and chipsets they name, and
 * rumors (one per device, attribute and normalised value) with the
 * evidence for each.  SQLite in WAL mode; the schema is created and
 * migrated by store_open() and documented in docs/schema.md.
 *
 * A struct store is used by one thread at a time.
 */
#ifndef RM_STORE_H
#define RM_STORE_H

#include <stdbool.h>

#include "common/rumor.h"
#include "common/strvec.h"

struct store;

enum store_flags {
	STORE_READONLY = 1 << 0, /* open an existing database for reading */
};

/*
 * Open (creating and migrating as needed) the database at PATH.  On
 * failure returns RM_EDB or RM_EIO and sets *ERR to a message the caller
 * frees.
 */
int store_open(const char *path, unsigned flags, struct store **out,
	       char **err);
void store_close(struct store *st);
/* The message for the last failure on ST; valid until the next call. */
const char *store_errmsg(const struct store *st);

struct store_article {
	const char *url;       /* normalised URL, the article's identity */
	const char *source;    /* source name; NULL for "import" */
	const char *title;
	const char *author;    /* may be NULL */
	const char *text;
	const char *published; /* YYYY-MM-DD, or NULL when unknown */
	const struct rumor_set *rumors;
};

/*
 * Insert or update the article with A->url and everything extracted from
 * it, in one transaction: importing the same URL again updates, never
 * duplicates.  Claims this article no longer makes lose its evidence;
 * a rumor left with no evidence is removed.  *ID, when not NULL, is set
 * to the article's id.  Returns 0, RM_EINVAL (no URL, a published date
 * that is not YYYY[-MM[-DD]], a claim or entity missing a field; nothing
 * is written) or RM_EDB, with the message in store_errmsg.
 */
int store_put_article(struct store *st, const struct store_article *a,
		      long long *id);

/*
 * Change detection for the crawler: the hash store_put_article records
 * for an article (64-bit FNV-1a over its title, author, published date
 * and text) as 16 hex digits.  Compare store_content_hash() of a fresh
 * copy with store_article_hash() of the stored one to skip unchanged
 * pages.
 */
#define STORE_HASH_SIZE 17 /* 16 hex digits and NUL */
void store_content_hash(const struct store_article *a,
			char out[STORE_HASH_SIZE]);
/* The recorded hash of the article at URL: 0, RM_ENOTFOUND or RM_EDB. */
int store_article_hash(struct store *st, const char *url,
		       char out[STORE_HASH_SIZE]);

/* Filters for store_query_rumors; NULL or 0 means "any". */
struct rumor_query {
	const char *device;    /* name or leading words of it, any case/spacing */
	const char *brand;
	const char *chipset;   /* rumors whose chipset value matches */
	const char *attribute; /* "chipset", "launch", ... */
	const char *since;     /* last seen on or after (YYYY[-MM[-DD]]) */
	const char *until;     /* first seen on or before */
	const char *source;    /* evidence from this source */
	const char *search;    /* words in the articles' title or text (FTS5) */
	long limit;
};

struct rumor_row {
	long long id;
	const char *device;
	const char *brand;
	const char *attribute;
	const char *value;
	const char *qualifier; /* NULL when none */
	const char *first_seen;
	const char *last_seen;
	long sources;          /* distinct articles */
	struct strvec urls;    /* their URLs, oldest first */
};

/*
 * Call CB for each rumor matching Q, newest last_seen first.  The row is
 * valid only during the call.  A non-zero return from CB stops the query
 * and is returned.  Returns 0, RM_EINVAL for a bad filter (message in
 * store_errmsg) or RM_EDB.
 */
typedef int (*rumor_cb)(const struct rumor_row *row, void *arg);
int store_query_rumors(struct store *st, const struct rumor_query *q,
		       rumor_cb cb, void *arg);

/* Totals, for summaries and tests. */
struct store_counts {
	long long articles, devices, chipsets, rumors, evidence;
};
int store_counts(struct store *st, struct store_counts *out);

#endif
