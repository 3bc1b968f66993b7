/*
 * store_put_article: one article and everything extracted from it, as
 * one transaction.  The article's old evidence is dropped and the
 * current claims written afresh; every rumor either side touches is
 * collected in temp.touched and, at the end, pruned when no evidence is
 * left or given its dates and source count again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/date.h"
#include "common/claims.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "store/match.h"
#include "store/store_priv.h"

#define FNV64_OFFSET 0xcbf29ce484222325ULL
#define FNV64_PRIME 0x100000001b3ULL

static unsigned long long
fnv_field(unsigned long long h, const char *s)
{
	/* 0xff never occurs in UTF-8: it ends a field; 0xfe marks NULL. */
	const unsigned char *p = (const unsigned char *)(s ? s : "\xfe");

	for (; *p; p++)
		h = (h ^ *p) * FNV64_PRIME;
	return (h ^ 0xff) * FNV64_PRIME;
}

void
store_content_hash(const struct store_article *a, char out[STORE_HASH_SIZE])
{
	unsigned long long h = FNV64_OFFSET;

	h = fnv_field(h, a->title);
	h = fnv_field(h, a->author);
	h = fnv_field(h, a->published);
	h = fnv_field(h, a->text);
	snprintf(out, STORE_HASH_SIZE, "%016llx", h);
}

int
store_article_hash(struct store *st, const char *url,
		   char out[STORE_HASH_SIZE])
{
	struct db_stmt *s = st->stmt[SQ_ARTICLE_HASH];
	int rc;

	store_bind_text(s, 1, url);
	rc = db_step(s);
	if (rc == DB_ROW) {
		snprintf(out, STORE_HASH_SIZE, "%s",
			 (const char *)db_column_text(s, 0));
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = store_fail(st, RM_ENOTFOUND, "no article %s", url);
	} else {
		rc = store_fail_db(st, "reading an article's hash");
	}
	db_reset(s);
	return rc;
}

/* Index every leading run of words of a name's key for entity ID. */
static int
index_name(struct store *st, const struct match_key *mk, long long id)
{
	struct db_stmt *s = st->stmt[SQ_KEY_INSERT];
	int rc = 0;

	for (size_t i = 0; !rc && i < mk->nends; i++) {
		db_bind_textn(s, 1, mk->key, mk->ends[i]);
		db_bind_int64(s, 2, id);
		rc = store_exec_stmt(st, s, "indexing a name");
	}
	return rc;
}

static const char KIND_DEVICE[] = "device";
static const char KIND_CHIPSET[] = "chipset";

/*
 * The entity's id, created with its match keys when new.  A device
 * named by an alias is the device the alias stands for.
 */
int
entity_put(struct store *st, const char *kind, const char *name,
	   const char *brand, long long *id)
{
	struct db_stmt *s = st->stmt[SQ_ENTITY_UPSERT];
	struct match_key mk;
	int rc;

	if (!name)
		return store_fail(st, RM_EINVAL, "a %s without a name", kind);
	if (memo_get(st, kind, name, brand ? brand : "", id))
		return 0;
	match_key(name, &mk);
	if (strcmp(kind, KIND_DEVICE) == 0) {
		rc = alias_lookup(st, mk.key, id);
		if (rc != RM_ENOTFOUND)
			return rc;
	}
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, name);
	store_bind_text(s, 3, brand ? brand : "");
	store_bind_text(s, 4, mk.key);
	rc = store_step_id(st, s, "storing a device or chipset", id);
	if (!rc)
		rc = index_name(st, &mk, *id);
	/*
	 * People leave the maker out: "Galaxy S24" is how most write of
	 * the "Samsung Galaxy S24", so the name without its leading brand
	 * is indexed too.
	 */
	if (!rc && brand && *brand) {
		size_t blen = strlen(brand);

		if (ascii_ncasecmp(name, brand, blen) == 0 &&
		    name[blen] == ' ' && name[blen + 1]) {
			match_key(name + blen + 1, &mk);
			rc = index_name(st, &mk, *id);
		}
	}
	if (!rc)
		memo_put(st, kind, name, brand ? brand : "", *id);
	return rc;
}

/* Ids of one article's entities, parallel to the rumor set's arrays. */
struct entity_ids {
	const struct rumor_set *rs;
	long long *device;
	long long *chipset;
};

static long
entity_index(const struct entity *e, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			return (long)i;
	return -1;
}

static int
put_entities(struct store *st, struct entity_ids *ids)
{
	const struct rumor_set *rs = ids->rs;
	int rc = 0;

	for (size_t i = 0; !rc && i < rs->ndevices; i++)
		rc = entity_put(st, KIND_DEVICE, rs->devices[i].name,
				rs->devices[i].brand, &ids->device[i]);
	for (size_t i = 0; !rc && i < rs->nchipsets; i++)
		rc = entity_put(st, KIND_CHIPSET, rs->chipsets[i].name,
				rs->chipsets[i].brand, &ids->chipset[i]);
	return rc;
}

/*
 * The id of NAME as KIND: one of the article's entities, or a new one
 * (brand unknown) when a claim names something the lists lack.
 */
static int
resolve(struct store *st, const struct entity_ids *ids, const char *kind,
	const char *name, long long *id)
{
	const struct rumor_set *rs = ids->rs;
	long i;

	if (!name)
		return store_fail(st, RM_EINVAL, "a claim without a %s",
				  kind == KIND_DEVICE ? "subject" : "value");
	if (kind == KIND_DEVICE) {
		i = entity_index(rs->devices, rs->ndevices, name);
		if (i >= 0) {
			*id = ids->device[i];
			return 0;
		}
	} else {
		i = entity_index(rs->chipsets, rs->nchipsets, name);
		if (i >= 0) {
			*id = ids->chipset[i];
			return 0;
		}
	}
	return entity_put(st, kind, name, "", id);
}

/*
 * What a claim is about: a chipset for the attributes the schema says
 * ("announce", a chipset's own unveiling), or a subject the article
 * names as a chipset only; else a device.
 */
static const char *
subject_kind(const struct store *st, const struct rumor_set *rs,
	     const struct claim *c)
{
	const struct claim_kind *k = claim_schema_find(st->claims,
						       c->attribute);

	if (k && k->subject == CLAIM_OF_CHIPSET)
		return KIND_CHIPSET;
	if (c->subject && entity_index(rs->devices, rs->ndevices,
				       c->subject) < 0 &&
	    entity_index(rs->chipsets, rs->nchipsets, c->subject) >= 0)
		return KIND_CHIPSET;
	return KIND_DEVICE;
}

/* The rumor a claim makes, by its key: ?1 to ?4 of S. */
static void
bind_rumor_key(struct db_stmt *s, long long subject, const struct claim *c,
	       const char *qualifier)
{
	db_bind_int64(s, 1, subject);
	store_bind_text(s, 2, c->attribute);
	store_bind_text(s, 3, c->value);
	store_bind_text(s, 4, qualifier);
}

static int
put_claim(struct store *st, const struct entity_ids *ids,
	  const struct claim *c, long long article_id)
{
	struct db_stmt *s = st->stmt[SQ_RUMOR_UPSERT];
	const struct claim_kind *k;
	const char *qualifier;
	long long subject = 0, object = 0;
	int rc;

	rc = resolve(st, ids, subject_kind(st, ids->rs, c), c->subject,
		     &subject);
	if (rc)
		return rc;
	if (!c->attribute || !c->value)
		return store_fail(st, RM_EINVAL,
				  "a claim about %s without an attribute "
				  "or value",
				  c->subject);
	/* A claim whose value is a chip links to the chipset's entity. */
	k = claim_schema_find(st->claims, c->attribute);
	if (k && k->value == CLAIM_VALUE_CHIP) {
		rc = resolve(st, ids, KIND_CHIPSET, c->value, &object);
		if (rc)
			return rc;
	}
	qualifier = c->qualifier ? c->qualifier : "";
	bind_rumor_key(s, subject, c, qualifier);
	if (object)
		db_bind_int64(s, 5, object);
	else
		db_bind_null(s, 5);
	rc = store_exec_stmt(st, s, "storing a rumor");
	if (rc)
		return rc;
	s = st->stmt[SQ_EVIDENCE_INSERT];
	bind_rumor_key(s, subject, c, qualifier);
	db_bind_int64(s, 5, article_id);
	store_bind_text(s, 6, c->cue ? c->cue : "");
	db_bind_double(s, 7, c->certainty > 0 ? c->certainty : 1.0);
	rc = store_exec_stmt(st, s, "storing evidence");
	if (rc)
		return rc;
	s = st->stmt[SQ_TOUCH_ADD];
	bind_rumor_key(s, subject, c, qualifier);
	return store_exec_stmt(st, s, "noting a rumor");
}

/*
 * The source's id, created when new.  A changed weight is recorded and
 * every rumor the source backs is rescored with this article's.
 */
static int put_source_row(struct store *st, const char *name, double weight,
			  long long *id);

static int
put_source(struct store *st, const char *name, double weight, long long *id)
{
	char w[32];
	int rc;

	/* The same source with the same weight again in a batch: nothing
	 * to read or change. */
	snprintf(w, sizeof(w), "%.17g", weight);
	if (memo_get(st, "source", name, w, id))
		return 0;
	rc = put_source_row(st, name, weight, id);
	if (!rc)
		memo_put(st, "source", name, w, *id);
	return rc;
}

static int
put_source_row(struct store *st, const char *name, double weight,
	       long long *id)
{
	struct db_stmt *s = st->stmt[SQ_SOURCE_GET];
	double old = 0;
	int rc;

	store_bind_text(s, 1, name);
	rc = db_step(s);
	if (rc == DB_ROW) {
		*id = db_column_int64(s, 0);
		old = db_column_double(s, 1);
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail_db(st, "reading the source");
	if (rc == DB_DONE) {
		s = st->stmt[SQ_SOURCE_INSERT];
		store_bind_text(s, 1, name);
		db_bind_double(s, 2, weight > 0 ? weight : 1.0);
		return store_step_id(st, s, "storing the source", id);
	}
	if (weight <= 0 || weight == old)
		return 0;
	s = st->stmt[SQ_SOURCE_WEIGHT];
	db_bind_int64(s, 1, *id);
	db_bind_double(s, 2, weight);
	rc = store_exec_stmt(st, s, "changing the source's weight");
	if (!rc)
		rc = store_exec_id(st, SQ_TOUCH_SOURCE, *id,
				   "noting the source's rumors");
	return rc;
}

/* The article's row; with KEEP_SAME, one stored with the same words is
 * left as it is and *SAME set. */
static int
put_row(struct store *st, const struct store_article *a, long long *id,
	bool keep_same, bool *same)
{
	struct db_stmt *s;
	char hash[STORE_HASH_SIZE];
	long long source = 0;
	int rc;

	rc = put_source(st, a->source ? a->source : "import", a->weight,
			&source);
	if (rc)
		return rc;
	store_content_hash(a, hash);
	s = st->stmt[SQ_ARTICLE_UPSERT];
	store_bind_text(s, 1, a->url);
	db_bind_int64(s, 2, source);
	store_bind_text(s, 3, a->title ? a->title : "");
	store_bind_text(s, 4, a->author);
	store_bind_text(s, 5, a->published);
	store_bind_text(s, 6, a->text ? a->text : "");
	store_bind_text(s, 7, hash);
	db_bind_int64(s, 8, keep_same);
	rc = store_lookup_int(st, s, "storing the article", id);
	if (rc == RM_ENOTFOUND && keep_same) {
		*same = true;
		return 0;
	}
	return rc == RM_ENOTFOUND ? store_fail(st, RM_EDB, "storing the "
					       "article: no id came back")
				  : rc;
}

/* Everything inside the transaction; the touched rumors are settled
 * now, or by the caller when SETTLE is false. */
static int
put_locked(struct store *st, const struct store_article *a, long long *id,
	   bool settle, bool *same)
{
	const struct rumor_set *rs = a->rumors;
	struct entity_ids ids = { rs, NULL, NULL };
	bool unchanged = false;
	int rc;

	rc = put_row(st, a, id, same != NULL, &unchanged);
	if (same)
		*same = unchanged;
	if (rc || unchanged)
		return rc;
	if (!rc)
		rc = prints_put(st, a, *id);
	if (!rc)
		rc = store_exec_id(st, SQ_TOUCH_OLD, *id, "noting old evidence");
	if (!rc)
		rc = store_exec_id(st, SQ_EVIDENCE_CLEAR, *id, "clearing evidence");
	if (rc || !rs)
		goto recount;
	ids.device = xcalloc(rs->ndevices + 1, sizeof(*ids.device));
	ids.chipset = xcalloc(rs->nchipsets + 1, sizeof(*ids.chipset));
	rc = put_entities(st, &ids);
	for (size_t i = 0; !rc && i < rs->nclaims; i++)
		rc = put_claim(st, &ids, &rs->claims[i], *id);
recount:
	if (!rc && settle)
		rc = score_settle(st);
	free(ids.device);
	free(ids.chipset);
	return rc;
}

static int
check_article(struct store *st, const struct store_article *a)
{
	struct ymd d;

	if (st->flags & STORE_READONLY)
		return store_fail(st, RM_EINVAL, "the store is read-only");
	if (!a->url || !*a->url)
		return store_fail(st, RM_EINVAL, "an article without a URL");
	if (a->published && date_parse(a->published, &d))
		return store_fail(st, RM_EINVAL,
				  "%s: published date \"%.40s\" is not "
				  "YYYY[-MM[-DD]]",
				  a->url, a->published);
	return 0;
}

int
store_put_article_tx(struct store *st, const struct store_article *a,
		     long long *id, bool settle, bool *same)
{
	long long aid = 0;
	int rc = check_article(st, a);

	if (same)
		*same = false;
	if (!rc)
		rc = put_locked(st, a, &aid, settle, same);
	if (!rc && !(same && *same))
		st->written++;
	if (!rc && id)
		*id = aid;
	return rc;
}

int
store_put_article(struct store *st, const struct store_article *a,
		  long long *id)
{
	struct db_stmt *end;
	long long aid = 0;
	int rc;

	rc = check_article(st, a);
	if (rc)
		return rc;
	rc = store_exec_stmt(st, st->stmt[SQ_BEGIN], "starting a transaction");
	if (rc)
		return rc;
	rc = put_locked(st, a, &aid, true, NULL);
	if (!rc)
		rc = store_exec_stmt(st, st->stmt[SQ_COMMIT], "committing");
	if (!rc) {
		st->written++;
		store_refresh_stats(st);
	}
	if (rc) {
		/* Not store_exec_stmt: the first failure's message stays. */
		end = st->stmt[SQ_ROLLBACK];
		db_step(end);
		db_reset(end);
		return rc;
	}
	if (id)
		*id = aid;
	return 0;
}
