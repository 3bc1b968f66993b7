/*
 * rumormill feed --atom FILE: the rumors new or changed lately as an
 * Atom 1.0 feed (RFC 4287), written with libxml2's text writer so every
 * string is escaped, and replaced atomically.  An entry's id comes from
 * the rumor's device, attribute, value and qualifier, so it stays the
 * same across runs and database rebuilds; its updated is the rumor's
 * changed_at, so a reader shows a rumor again when it gains sources.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define FEED_DEFAULT_DAYS 30
#define FEED_DEFAULT_LIMIT 200
#define FEED_LIMIT_MAX 10000
#define FEED_DAYS_MAX 36500
#define FEED_ARG_MAX 1024
/* Source links per entry at most. */
#define FEED_LINKS_MAX 20

static void
feed_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill feed --atom FILE [--since TIME | --days N] "
		"[--limit N]\n"
		"                      [--title TEXT] [--id URI] [--link URL]\n"
		"\n"
		"Write an Atom 1.0 feed of the rumors new or changed lately, "
		"newest first,\nfor any feed reader.  Each rumor is one entry "
		"with a stable id; it comes\nback as updated when it gains "
		"sources or its confidence or contested flag\nchanges.  The "
		"file is replaced atomically, so a web server may serve it\n"
		"while cron rewrites it.\n"
		"\n"
		"  --atom FILE    where to write the feed (- for standard "
		"output)\n"
		"  --since TIME   changed on or after TIME (YYYY[-MM[-DD]] or "
		"YYYY-MM-DDTHH:MM:SSZ)\n"
		"  --days N       changed in the last N days (default %d)\n"
		"  --limit N      at most N entries (default %d)\n"
		"  --title TEXT   the feed's title\n"
		"  --id URI       the feed's id (default: a urn:uuid from "
		"FILE's path)\n"
		"  --link URL     where the feed is published (rel=self)\n",
		FEED_DEFAULT_DAYS, FEED_DEFAULT_LIMIT);
}

/* Valid UTF-8 without the control characters XML 1.0 forbids. */
static char *
xml_clean(const char *s)
{
	char *c = utf8_sanitize(s ? s : "", strlen(s ? s : ""));

	for (char *p = c; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
			*p = ' ';
	return c;
}

struct feed {
	xmlTextWriterPtr w;
	long entries;
	int err; /* a writer call failed */
};

static void
element(struct feed *f, const char *name, const char *text)
{
	char *c = xml_clean(text);

	if (xmlTextWriterWriteElement(f->w, BAD_CAST name, BAD_CAST c) < 0)
		f->err = 1;
	free(c);
}

static void
link_el(struct feed *f, const char *rel, const char *href)
{
	char *c = xml_clean(href);

	if (xmlTextWriterStartElement(f->w, BAD_CAST "link") < 0 ||
	    xmlTextWriterWriteAttribute(f->w, BAD_CAST "rel", BAD_CAST rel) <
		    0 ||
	    xmlTextWriterWriteAttribute(f->w, BAD_CAST "href", BAD_CAST c) <
		    0 ||
	    xmlTextWriterEndElement(f->w) < 0)
		f->err = 1;
	free(c);
}

static void
entry_text(const struct rumor_row *r, bool is_new, struct buf *b)
{
	char conf[OUT_CONF_SIZE];

	out_confidence(r->confidence, conf);
	buf_printf(b, "%s: %s %s is %s%s%s.\n", is_new ? "New rumor" : "Update",
		   r->device, r->attribute, r->value,
		   r->qualifier ? " in " : "", r->qualifier ? r->qualifier : "");
	buf_printf(b, "Confidence %s; %ld article%s from %ld independent "
		      "site%s.\n",
		   conf, r->sources, r->sources == 1 ? "" : "s",
		   r->independent_sources,
		   r->independent_sources == 1 ? "" : "s");
	buf_printf(b, "First seen %s%s%s%s, last seen %s.\n", r->first_seen,
		   *r->first_source ? " (first reported by " : "",
		   *r->first_source ? r->first_source : "",
		   *r->first_source ? ")" : "", r->last_seen);
	if (r->contested)
		buf_printf(b, "Contested: an independent source claims "
			      "another %s.\n",
			   r->attribute);
}

struct feed_ctx {
	struct feed *f;
	const char *since;
};

static int
add_entry(const struct rumor_row *r, void *arg)
{
	struct feed_ctx *ctx = arg;
	struct feed *f = ctx->f;
	char id[OUT_UUID_SIZE];
	bool is_new = strcmp(r->created_at, ctx->since) >= 0;
	struct buf title, text;

	buf_init(&title, 4096);
	buf_init(&text, 16384);
	buf_printf(&title, "%s: %s %s%s%s%s", r->device, r->attribute,
		   r->value, r->qualifier ? " (" : "",
		   r->qualifier ? r->qualifier : "", r->qualifier ? ")" : "");
	if (r->contested)
		buf_append_str(&title, " [contested]");
	entry_text(r, is_new, &text);
	out_rumor_uuid(r, id);
	if (xmlTextWriterStartElement(f->w, BAD_CAST "entry") < 0)
		f->err = 1;
	element(f, "id", id);
	element(f, "title", buf_str(&title));
	element(f, "updated", r->changed_at);
	element(f, "published", r->created_at);
	if (*r->first_url)
		link_el(f, "alternate", r->first_url);
	for (size_t i = 0; i < r->urls.n && i < FEED_LINKS_MAX; i++)
		if (strcmp(r->urls.v[i], r->first_url) != 0)
			link_el(f, "related", r->urls.v[i]);
	if (xmlTextWriterStartElement(f->w, BAD_CAST "category") < 0 ||
	    xmlTextWriterWriteAttribute(f->w, BAD_CAST "term",
					BAD_CAST r->attribute) < 0 ||
	    xmlTextWriterEndElement(f->w) < 0)
		f->err = 1;
	if (xmlTextWriterStartElement(f->w, BAD_CAST "content") < 0 ||
	    xmlTextWriterWriteAttribute(f->w, BAD_CAST "type",
					BAD_CAST "text") < 0)
		f->err = 1;
	{
		char *c = xml_clean(buf_str(&text));

		if (xmlTextWriterWriteString(f->w, BAD_CAST c) < 0 ||
		    xmlTextWriterEndElement(f->w) < 0 ||
		    xmlTextWriterEndElement(f->w) < 0)
			f->err = 1;
		free(c);
	}
	buf_free(&title);
	buf_free(&text);
	f->entries++;
	return f->err ? RM_EIO : 0;
}

/* The UTC time DAYS ago (0: now) as YYYY-MM-DDTHH:MM:SSZ. */
static void
utc_time(long days, char out[STORE_TIME_SIZE])
{
	time_t t = time(NULL) - (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, STORE_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The newest changed_at among the entries: the feed's updated. */
static int
newest_change(const struct rumor_row *r, void *arg)
{
	char *newest = arg;

	if (strcmp(r->changed_at, newest) > 0)
		snprintf(newest, STORE_TIME_SIZE, "%s", r->changed_at);
	return 0;
}

struct feed_opts {
	const char *file, *since, *title, *id, *link;
	long days, limit;
};

static int
write_feed(struct store *st, const struct feed_opts *o, const char *since,
	   FILE *out)
{
	struct rumor_query q = { .since = since, .limit = o->limit };
	struct feed f = { 0 };
	struct feed_ctx ctx = { &f, since };
	xmlOutputBufferPtr ob;
	char updated[STORE_TIME_SIZE] = "", id[OUT_UUID_SIZE];
	char path[PATH_MAX];
	int rc;

	rc = store_query_rumors(st, &q, newest_change, updated);
	if (rc)
		return rc;
	if (!updated[0])
		utc_time(0, updated);
	ob = xmlOutputBufferCreateFile(out, NULL);
	f.w = ob ? xmlNewTextWriter(ob) : NULL;
	if (!f.w) {
		xmlOutputBufferClose(ob);
		return RM_EIO;
	}
	xmlTextWriterSetIndent(f.w, 1);
	if (xmlTextWriterStartDocument(f.w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(f.w, NULL, BAD_CAST "feed",
					BAD_CAST ATOM_NS) < 0)
		f.err = 1;
	if (o->id) {
		element(&f, "id", o->id);
	} else {
		/* Stable for a feed written to the same place. */
		struct rumor_row key = { .device = "rumormill feed",
					 .attribute = "",
					 .value = realpath(o->file, path)
							  ? path
							  : o->file };

		out_rumor_uuid(&key, id);
		element(&f, "id", id);
	}
	element(&f, "title", o->title);
	element(&f, "updated", updated);
	if (xmlTextWriterStartElement(f.w, BAD_CAST "author") < 0)
		f.err = 1;
	element(&f, "name", "rumormill");
	if (xmlTextWriterEndElement(f.w) < 0)
		f.err = 1;
	element(&f, "generator", "rumormill");
	if (o->link)
		link_el(&f, "self", o->link);
	rc = store_query_rumors(st, &q, add_entry, &ctx);
	if (xmlTextWriterEndDocument(f.w) < 0)
		f.err = 1;
	xmlFreeTextWriter(f.w);
	if (!rc && f.err)
		rc = RM_EIO;
	return rc;
}

static bool
parse_count(const char *opt, const char *arg, unsigned long long max,
	    long *out)
{
	unsigned long long v;

	if (parse_uint(arg, max, &v) || !v) {
		fprintf(stderr, "rumormill: feed: %s: '%s' is not a number "
				"from 1 to %llu\n", opt, arg, max);
		return false;
	}
	*out = (long)v;
	return true;
}

int
cmd_feed(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "atom", required_argument, NULL, 'a' },
		{ "since", required_argument, NULL, 'S' },
		{ "days", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'l' },
		{ "title", required_argument, NULL, 't' },
		{ "id", required_argument, NULL, 'i' },
		{ "link", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct feed_opts o = { .days = FEED_DEFAULT_DAYS,
			       .limit = FEED_DEFAULT_LIMIT,
			       .title = "rumormill: new and changed rumors" };
	char since[STORE_TIME_SIZE], *tmp = NULL;
	struct store *st = NULL;
	FILE *out;
	int c, rc, idx = 0;

	while ((c = getopt_long(argc, argv, "h", options, &idx)) != -1) {
		if (c != '?' && c != 'h' && optarg &&
		    strlen(optarg) > FEED_ARG_MAX) {
			fprintf(stderr, "rumormill: feed: --%s: too long\n",
				options[idx].name);
			return EXIT_USAGE;
		}
		switch (c) {
		case 'a': o.file = optarg; break;
		case 'S': o.since = optarg; break;
		case 'd':
			if (!parse_count("--days", optarg, FEED_DAYS_MAX,
					 &o.days))
				return EXIT_USAGE;
			break;
		case 'l':
			if (!parse_count("--limit", optarg, FEED_LIMIT_MAX,
					 &o.limit))
				return EXIT_USAGE;
			break;
		case 't': o.title = optarg; break;
		case 'i': o.id = optarg; break;
		case 'k': o.link = optarg; break;
		case 'h': feed_usage(stdout); return EXIT_OK;
		default: feed_usage(stderr); return EXIT_USAGE;
		}
	}
	if (!o.file || optind < argc) {
		feed_usage(stderr);
		return EXIT_USAGE;
	}
	if (o.since)
		snprintf(since, sizeof(since), "%s", o.since);
	else
		utc_time(o.days, since);
	rc = out_open_db(cli, &st);
	if (rc)
		return rc;
	out = out_atomic_open(o.file, &tmp);
	if (!out) {
		store_close(st);
		return EXIT_FAIL;
	}
	rc = write_feed(st, &o, since, out);
	if (rc)
		fprintf(stderr, "rumormill: feed: %s\n",
			rc == RM_EIO ? "writing the feed failed"
				     : store_errmsg(st));
	c = out_atomic_close(out, tmp, o.file, rc != 0);
	store_close(st);
	if (rc == RM_EINVAL)
		return EXIT_USAGE;
	return rc || c ? EXIT_FAIL : EXIT_OK;
}
