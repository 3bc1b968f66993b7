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
/*
 * A second handle on ST's database, with its flags and claim schema,
 * for another thread (a crawl stores on one while it fetches on the
 * other).  Returns what store_open returns.
 */
int store_open_again(struct store *st, struct store **out, char **err);
/*
 * Whether TARGET names a PostgreSQL database (a postgresql:// or
 * postgres:// URI) rather than a SQLite file.  Several crawls may share
 * one: they divide the work through the database itself.
 */
bool store_is_server(const char *target);

/*
 * Copy every row of FROM into TO, which must hold no sources, start
 * URLs or runs yet (a new database): ids, times and scores as they are,
 * in one transaction on TO, so a failure leaves it empty.  PROGRESS
 * (may be NULL) is told each table's rows as it is done.  Returns 0,
 * RM_EINVAL (TO is not empty) or RM_EDB, the message in FROM's
 * store_errmsg.
 */
int store_copy(struct store *from, struct store *to,
	       void (*progress)(const char *table, long long rows, void *arg),
	       void *arg);
/* The round trips to the database server ST has made (0 for SQLite). */
long long store_round_trips(const struct store *st);
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
	double weight;         /* trust in the source for confidence (the
				  sources.d "weight"); 0 keeps the recorded
				  one, 1.0 for a new source */
};

/*
 * Insert or update the article with A->url and everything extracted from
 * it, in one transaction: importing the same URL again updates, never
 * duplicates.  Claims this article no longer makes lose its evidence;
 * a rumor left with no evidence is removed.  An article whose body is
 * the same as (or, by SimHash, within SIMHASH_NEAR_BITS of) one stored
 * earlier is recorded as its copy: it adds no independent source, and
 * an exact copy no source at all.  Device names listed in the aliases
 * table (store_set_aliases) are stored as the name they stand for.
 * Every rumor touched gets its counts, confidence, contested flag and,
 * when any of them changed, changed_at anew.  *ID, when not NULL, is set
 * to the article's id.  Returns 0, RM_EINVAL (no URL, a published date
 * that is not YYYY[-MM[-DD]], a claim or entity missing a field; nothing
 * is written) or RM_EDB, with the message in store_errmsg.
 */
int store_put_article(struct store *st, const struct store_article *a,
		      long long *id);

/*
 * Change detection: the hash store_put_article records for an article
 * (64-bit FNV-1a over its title, author, published date and text) as
 * 16 hex digits.  Compare store_content_hash() of a fresh copy with
 * store_article_hash() of the stored one to skip unchanged pages.  (A
 * crawl has crawlstate_page_store compare them as it writes, without
 * a read first.)
 */
#define STORE_HASH_SIZE 17 /* 16 hex digits and NUL */
void store_content_hash(const struct store_article *a,
			char out[STORE_HASH_SIZE]);
/* The recorded hash of the article at URL: 0, RM_ENOTFOUND or RM_EDB. */
int store_article_hash(struct store *st, const char *url,
		       char out[STORE_HASH_SIZE]);

/*
 * Filters for store_query_rumors; NULL or 0 means "any".
 *
 * SINCE selects the rumors new or changed since a moment: created, or
 * given new evidence, a new count, confidence or contested flag, at or
 * after it (rumors.changed_at).  It is "YYYY[-MM[-DD]]" or a UTC time
 * "YYYY-MM-DDTHH:MM:SSZ", such as the start of the previous crawl;
 * rows whose created_at is at or after it are the new ones.
 */
struct rumor_query {
	const char *device;    /* name or leading words of it, any case/spacing */
	const char *brand;
	const char *chipset;   /* rumors whose chipset value matches */
	const char *attribute; /* "chipset", "launch", ... */
	const char *since;     /* new or changed at or after this time */
	const char *until;     /* first seen on or before */
	const char *source;    /* evidence from this source */
	const char *search;    /* words in the articles' title or text (FTS5) */
	bool contested;        /* only rumors flagged contested */
	long limit;
};

#define STORE_TIME_SIZE 21 /* "YYYY-MM-DDTHH:MM:SSZ" and NUL */

struct rumor_row {
	long long id;
	long long subject_id;  /* the device's (or chipset's) entity */
	const char *device;
	const char *brand;
	const char *attribute;
	const char *value;
	const char *qualifier; /* NULL when none */
	const char *first_seen;
	const char *last_seen;
	long sources;          /* distinct articles (exact copies fold) */
	long independent_sources; /* distinct sites, copies folded */
	double support;        /* corroboration score before recency, 0..1 */
	double confidence;     /* 0..1, docs/confidence.md */
	bool contested;        /* an independent source says otherwise */
	const char *created_at; /* UTC times, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *changed_at;
	const char *first_source; /* the source that reported it first */
	const char *first_url;    /* and its article */
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

/*
 * The confidence of a rumor with corroboration score SUPPORT last seen
 * on LAST_SEEN, as of REFERENCE (the newest date in the database; both
 * YYYY[-MM[-DD]]): SUPPORT times the recency factor of
 * docs/confidence.md.
 */
double store_confidence(double support, const char *last_seen,
			const char *reference);

/* One article's evidence for a rumor (store_rumor_evidence). */
struct evidence_row {
	const char *url;
	const char *title;
	const char *source;    /* source name */
	const char *site;      /* host the article came from, "www." dropped */
	const char *dated;     /* the day it counts for */
	const char *cue;       /* the sentence the claim came from */
	const char *copy_kind; /* NULL for an original, "exact" or "near" */
	const char *origin_url; /* the article it copies; NULL for originals */
	double certainty;      /* the cue's hedge or certainty factor */
	double weight;         /* the source's weight */
};
typedef int (*evidence_cb)(const struct evidence_row *row, void *arg);

/*
 * Call CB for each article with evidence for rumor RUMOR_ID, oldest
 * first (at most STORE_EVIDENCE_MAX).  A non-zero return from CB stops
 * and is returned; else 0 or RM_EDB.
 */
#define STORE_EVIDENCE_MAX 500
int store_rumor_evidence(struct store *st, long long rumor_id,
			 evidence_cb cb, void *arg);

/* A device or chipset with its activity (store_list_entities). */
struct entity_row {
	long long id;
	const char *kind;      /* "device" or "chipset" */
	const char *name;
	const char *brand;     /* maker or vendor; "" when unknown */
	long rumors;           /* about it, or (chipsets) naming it */
	long contested;        /* of those, contested */
	const char *last_seen; /* newest article date among them; "" none */
	const char *changed_at; /* last change among them; "" none */
};
typedef int (*entity_cb)(const struct entity_row *row, void *arg);

enum entity_order { ENTITY_BY_NAME, ENTITY_BY_ACTIVITY };

/*
 * Call CB for the entities of KIND ("device" or "chipset") with at
 * least one rumor, of BRAND (any case; NULL: all), by name or by newest
 * activity first, at most LIMIT (0: all).  Returns 0, RM_EINVAL or
 * RM_EDB; a non-zero return from CB stops and is returned.
 */
int store_list_entities(struct store *st, const char *kind, const char *brand,
			enum entity_order order, long limit, entity_cb cb,
			void *arg);

/* One month of an entity's history (store_entity_timeline). */
struct timeline_row {
	const char *month;    /* "YYYY-MM" */
	long new_rumors;      /* rumors first seen that month */
	long articles;        /* articles with evidence dated that month */
	long sites;           /* distinct sites among them */
};
typedef int (*timeline_cb)(const struct timeline_row *row, void *arg);

/*
 * Call CB for each month with activity about ENTITY_ID (as subject),
 * oldest first, at most STORE_TIMELINE_MAX months (the newest).
 */
#define STORE_TIMELINE_MAX 120
int store_entity_timeline(struct store *st, long long entity_id,
			  timeline_cb cb, void *arg);

/* Per-source figures (store_source_stats). */
struct source_stat_row {
	const char *name;
	double weight;
	long articles;      /* stored */
	long copies;        /* of those, copies of an earlier article */
	long rumors;        /* rumors with evidence from it */
	long first_reports; /* rumors it reported first */
	const char *last_dated; /* its newest article's day; "" when none */
};
typedef int (*source_stat_cb)(const struct source_stat_row *row, void *arg);

/* Call CB for every source with articles, most articles first. */
int store_source_stats(struct store *st, source_stat_cb cb, void *arg);

/* An article as listed by store_recent_articles. */
struct article_row {
	const char *url, *title, *source, *dated;
	const char *copy_kind; /* NULL for an original, "exact" or "near" */
};
typedef int (*article_cb)(const struct article_row *row, void *arg);

/* Call CB for the LIMIT newest articles by date, newest first. */
int store_recent_articles(struct store *st, long limit, article_cb cb,
			  void *arg);

/* The newest article date in the database ("" when empty), the
 * reference for recency.  OUT holds DATE_STR_MAX bytes. */
int store_reference_date(struct store *st, char *out);

/*
 * What each claim attribute means (the lexicon's `claim` lines): whether
 * a claim is about a device or a chipset, whether its value links to a
 * chipset, and whether two values contradict.  CS must outlive ST.
 * Without it every claim is about a device and none contradicts.
 */
struct claim_schema;
void store_set_claims(struct store *st, const struct claim_schema *cs);

/*
 * Device aliases: each ALIAS names the device NAME ("Mi 14" is
 * "Xiaomi 14").  Replaces the aliases table with V[0..N) in one
 * transaction; a device already stored under an alias's name is merged
 * into NAME (its rumors join NAME's, their counts and flags redone).
 * Does nothing when the list is the one last set.  Returns 0, RM_EINVAL
 * (an alias without letters or digits, or naming itself) or RM_EDB.
 */
struct store_alias {
	const char *alias;
	const char *name;
};
int store_set_aliases(struct store *st, const struct store_alias *v,
		      size_t n);

/* Totals, for summaries and tests. */
struct store_counts {
	long long articles, devices, chipsets, rumors, evidence;
};
int store_counts(struct store *st, struct store_counts *out);

#endif
