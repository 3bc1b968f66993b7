#include "extract/prepass.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"

/* Attributes remembered per tag; later ones are scanned but not kept. */
#define TAG_ATTRS_MAX 32
/* Tag names longer than this are not any element we treat specially. */
#define TAG_NAME_MAX 16
/* Open elements tracked inside a dropped <svg>/<math>; deeper ones are
 * treated as foreign, which only matters for integration points. */
#define FOREIGN_STACK_MAX 32
/* A JSON-LD block larger than this is not page metadata. */
#define JSONLD_BYTES_MAX (512 * 1024)

struct span {
	const char *p;
	size_t n;
};

struct tag {
	char name[TAG_NAME_MAX + 1]; /* lower-case, "" when longer */
	bool end;                    /* </name> */
	bool self_closing;
	bool complete;               /* '>' seen before the end of input */
	size_t nattr;
	struct span aname[TAG_ATTRS_MAX], aval[TAG_ATTRS_MAX];
	size_t nattr_all; /* attributes seen, kept or not */
	size_t cut;  /* where attribute PREPASS_ATTRS_MAX + 1 starts */
	size_t next; /* offset just past the tag */
};

enum text_kind { TEXT_SCRIPT, TEXT_RAW, TEXT_RCDATA, TEXT_PLAIN, TEXT_NONE };

static bool
is_tag_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
name_is(const struct tag *t, const char *name)
{
	return strcmp(t->name, name) == 0;
}

static bool
name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

/*
 * Scan a tag whose name starts at S[I] (just after "<" or "</"),
 * following the tokenizer's tag, attribute name and attribute value
 * states, so that a '>' inside a quoted value does not end it.
 */
static void
tag_scan(const char *s, size_t len, size_t i, bool end, struct tag *t)
{
	enum { NAME, BEFORE_ANAME, ANAME, AFTER_ANAME, BEFORE_VAL, VAL_DQ,
	       VAL_SQ, VAL_UNQ, AFTER_VAL, SELF_CLOSE } st = NAME;
	size_t nlen = 0;
	struct span *cur = NULL, *val = NULL;

	t->end = end;
	t->self_closing = false;
	t->complete = false;
	t->nattr = 0;
	t->nattr_all = 0;
	t->cut = 0;
	t->name[0] = '\0';
	while (i < len) {
		int c = (unsigned char)s[i];

		switch (st) {
		case NAME:
			if (is_tag_space(c)) {
				st = BEFORE_ANAME;
			} else if (c == '/') {
				st = SELF_CLOSE;
			} else if (c == '>') {
				goto done;
			} else if (nlen < TAG_NAME_MAX) {
				t->name[nlen++] = (char)ascii_tolower(c);
				t->name[nlen] = '\0';
			} else {
				nlen = TAG_NAME_MAX + 1;
				t->name[0] = '\0';
			}
			break;
		case BEFORE_ANAME:
			if (is_tag_space(c))
				break;
			if (c == '/' || c == '>') {
				st = AFTER_ANAME;
				continue;
			}
			goto new_attr;
		case ANAME:
			if (is_tag_space(c) || c == '/' || c == '>') {
				st = AFTER_ANAME;
				continue;
			}
			if (c == '=')
				st = BEFORE_VAL;
			else if (cur)
				cur->n++;
			break;
		case AFTER_ANAME:
			if (is_tag_space(c))
				break;
			if (c == '/')
				st = SELF_CLOSE;
			else if (c == '=')
				st = BEFORE_VAL;
			else if (c == '>')
				goto done;
			else
				goto new_attr;
			break;
		case BEFORE_VAL:
			if (is_tag_space(c))
				break;
			if (c == '"' || c == '\'') {
				const char *q = memchr(s + i + 1, c, len - i - 1);

				if (val) {
					val->p = s + i + 1;
					val->n =
						q ? (size_t)(q - s - i - 1)
						  : len - i - 1;
				}
				if (q == NULL)
					goto eof;
				i = q - s + 1;
				st = AFTER_VAL;
				continue;
			}
			if (c == '>')
				goto done;
			st = VAL_UNQ;
			if (val) {
				val->p = s + i;
				val->n = 0;
			}
			continue;
		case VAL_UNQ:
			if (is_tag_space(c))
				st = BEFORE_ANAME;
			else if (c == '>')
				goto done;
			else if (val)
				val->n++;
			break;
		case AFTER_VAL:
			if (is_tag_space(c)) {
				st = BEFORE_ANAME;
			} else if (c == '/') {
				st = SELF_CLOSE;
			} else if (c == '>') {
				goto done;
			} else {
				st = BEFORE_ANAME;
				continue;
			}
			break;
		case SELF_CLOSE:
			if (c == '>') {
				t->self_closing = true;
				goto done;
			}
			st = BEFORE_ANAME;
			continue;
		case VAL_DQ:
		case VAL_SQ:
			break; /* handled in BEFORE_VAL with memchr */
		}
		i++;
		continue;
new_attr:
		cur = val = NULL;
		if (++t->nattr_all == PREPASS_ATTRS_MAX + 1)
			t->cut = i;
		if (t->nattr < TAG_ATTRS_MAX) {
			cur = &t->aname[t->nattr];
			val = &t->aval[t->nattr++];
			cur->p = s + i;
			cur->n = 1;
			val->p = NULL;
			val->n = 0;
		}
		st = ANAME;
		i++;
	}
eof:
	t->next = len;
	return;
done:
	t->complete = true;
	t->next = i + 1;
}

static bool
attr_value(const struct tag *t, const char *name, struct span *out)
{
	size_t i;

	for (i = 0; i < t->nattr; i++) {
		if (t->aname[i].n == strlen(name) &&
		    ascii_ncasecmp(t->aname[i].p, name, t->aname[i].n) == 0) {
			*out = t->aval[i];
			if (out->p == NULL)
				out->n = 0;
			return true;
		}
	}
	return false;
}

/* "</NAME" followed by white space, '/' or '>' at S[I]? */
static bool
end_tag_at(const char *s, size_t len, size_t i, const char *name)
{
	size_t n = strlen(name);

	if (len - i < n + 3 || s[i] != '<' || s[i + 1] != '/' ||
	    ascii_ncasecmp(s + i + 2, name, n) != 0)
		return false;
	return is_tag_space((unsigned char)s[i + 2 + n]) ||
	       s[i + 2 + n] == '/' || s[i + 2 + n] == '>';
}

/* "<script" followed by white space, '/' or '>' at S[I]? */
static bool
script_open_at(const char *s, size_t len, size_t i)
{
	if (len - i < 8 || s[i] != '<' || ascii_ncasecmp(s + i + 1, "script", 6))
		return false;
	return is_tag_space((unsigned char)s[i + 7]) || s[i + 7] == '/' ||
	       s[i + 7] == '>';
}

/*
 * Offset of the "</script" that ends script data starting at I, with
 * the escaped and double-escaped states "<!--" and "<script" inside it
 * create; LEN when the script runs to the end of input.
 */
static size_t
script_end(const char *s, size_t len, size_t i)
{
	enum { DATA, ESCAPED, DOUBLE } st = DATA;
	unsigned dashes = 0;

	while (i < len) {
		int c = (unsigned char)s[i];

		if (st == DATA) {
			const char *lt = memchr(s + i, '<', len - i);

			if (lt == NULL)
				return len;
			i = lt - s;
			if (end_tag_at(s, len, i, "script"))
				return i;
			if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
				st = ESCAPED;
				dashes = 2;
				i += 4;
			} else {
				i++;
			}
			continue;
		}
		if (c == '-') {
			dashes++;
			i++;
			continue;
		}
		if (c == '>' && dashes >= 2) {
			st = DATA;
			dashes = 0;
			i++;
			continue;
		}
		dashes = 0;
		if (c == '<' && st == ESCAPED) {
			if (end_tag_at(s, len, i, "script"))
				return i;
			if (script_open_at(s, len, i)) {
				st = DOUBLE;
				i += 7;
				continue;
			}
		} else if (c == '<' && st == DOUBLE &&
			   end_tag_at(s, len, i, "script")) {
			st = ESCAPED;
			i += 8;
			continue;
		}
		i++;
	}
	return len;
}

/* Offset of "</NAME" + delimiter from I, or LEN. */
static size_t
raw_end(const char *s, size_t len, size_t i, const char *name)
{
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);

		if (lt == NULL)
			return len;
		i = lt - s;
		if (end_tag_at(s, len, i, name))
			return i;
		i++;
	}
	return len;
}

/* Offset just past the end of a comment whose "<!--" is at I. */
static size_t
comment_end(const char *s, size_t len, size_t i)
{
	size_t j = i + 4;

	/* "<!-->" and "<!--->" are complete (empty) comments. */
	if (j < len && s[j] == '>')
		return j + 1;
	if (j + 1 < len && s[j] == '-' && s[j + 1] == '>')
		return j + 2;
	while (j < len) {
		const char *d = memchr(s + j, '-', len - j);

		if (d == NULL)
			return len;
		j = d - s;
		if (len - j >= 3 && memcmp(s + j, "-->", 3) == 0)
			return j + 3;
		if (len - j >= 4 && memcmp(s + j, "--!>", 4) == 0)
			return j + 4;
		j++;
	}
	return len;
}

/* Offset just past the '>' ending a bogus comment or DOCTYPE. */
static size_t
gt_end(const char *s, size_t len, size_t i)
{
	const char *gt = memchr(s + i, '>', len - i);

	return gt ? (size_t)(gt - s) + 1 : len;
}

/* What the tokenizer reads after an HTML start tag of this name. */
static enum text_kind
text_kind_of(const char *name)
{
	static const char *const raw[] = {"style", "xmp", "iframe", "noembed",
					  "noframes", NULL};

	if (strcmp(name, "script") == 0)
		return TEXT_SCRIPT;
	if (name_in(name, raw))
		return TEXT_RAW;
	if (strcmp(name, "textarea") == 0 || strcmp(name, "title") == 0)
		return TEXT_RCDATA;
	if (strcmp(name, "plaintext") == 0)
		return TEXT_PLAIN;
	return TEXT_NONE;
}

/* Offset where the element's text content ends (its end tag). */
static size_t
text_end(const char *s, size_t len, size_t i, const char *name,
	 enum text_kind k)
{
	if (k == TEXT_SCRIPT)
		return script_end(s, len, i);
	if (k == TEXT_PLAIN)
		return len;
	return raw_end(s, len, i, name);
}

/* Offset just past the end tag at I (which may carry attributes). */
static size_t
end_tag_skip(const char *s, size_t len, size_t i)
{
	struct tag t;

	if (i >= len)
		return len;
	tag_scan(s, len, i + 2, true, &t);
	return t.next;
}

/* HTML start tags that close open foreign content (the "breakout"). */
static bool
breaks_foreign(const struct tag *t)
{
	static const char *const out[] = {
		"b", "big", "blockquote", "body", "br", "center", "code", "dd",
		"div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5",
		"h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta",
		"nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
		"strong", "strike", "sub", "sup", "table", "tt", "u", "ul",
		"var", NULL};
	struct span v;

	if (name_in(t->name, out))
		return true;
	return name_is(t, "font") &&
	       (attr_value(t, "color", &v) || attr_value(t, "face", &v) ||
		attr_value(t, "size", &v));
}

static bool
integration_point(const char *root, const char *name)
{
	static const char *const svg[] = {"foreignobject", "desc", "title",
					  NULL};
	static const char *const math[] = {"mi", "mo", "mn", "ms", "mtext",
					   "annotation-xml", NULL};

	return name_in(name, strcmp(root, "svg") == 0 ? svg : math);
}

/*
 * Offset where a <svg> or <math> element whose start tag ends at I
 * stops: its matching end tag (past it), or the HTML start tag that
 * breaks out of foreign content (at it).  Inside HTML integration
 * points (<foreignObject>, <desc>, <title>) script and style bodies
 * are skipped as the tokenizer would.
 */
static size_t
foreign_end(const char *s, size_t len, size_t i, const char *root)
{
	/* Per open element: 1 = foreign, 2 = integration point, 3 = HTML */
	unsigned char stack[FOREIGN_STACK_MAX];
	size_t depth = 1, over = 0;
	struct tag t;

	stack[0] = 1;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		unsigned top;

		if (lt == NULL)
			return len;
		i = lt - s;
		top = over ? 1 : stack[depth - 1];
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			i = comment_end(s, len, i);
			continue;
		}
		if (top == 1 && len - i >= 9 &&
		    memcmp(s + i, "<![CDATA[", 9) == 0) {
			const char *e = memmem(s + i + 9, len - i - 9, "]]>", 3);

			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		if (len - i < 2 || (s[i + 1] != '/' &&
				    !ascii_isalpha((unsigned char)s[i + 1]))) {
			if (len - i >= 2 && (s[i + 1] == '!' || s[i + 1] == '?'))
				i = gt_end(s, len, i);
			else
				i++;
			continue;
		}
		if (s[i + 1] == '/') {
			if (len - i < 3 || !ascii_isalpha((unsigned char)s[i + 2])) {
				i = gt_end(s, len, i);
				continue;
			}
			tag_scan(s, len, i + 2, true, &t);
			i = t.next;
			if (over) {
				over--;
			} else if (name_is(&t, root) && depth == 1) {
				return i;
			} else if (depth > 1) {
				depth--;
			}
			continue;
		}
		tag_scan(s, len, i + 1, false, &t);
		if (top == 1 && breaks_foreign(&t) && depth == 1 && !over)
			return i;
		i = t.next;
		if (t.self_closing && top != 3)
			continue;
		if (top >= 2) {
			enum text_kind k = text_kind_of(t.name);

			if (k != TEXT_NONE) {
				i = text_end(s, len, i, t.name, k);
				i = end_tag_skip(s, len, i);
				continue;
			}
		}
		if (depth < FOREIGN_STACK_MAX && !over) {
			if (top >= 2 && !name_is(&t, "svg") &&
			    !name_is(&t, "math"))
				stack[depth++] = 3;
			else if (top == 1 && integration_point(root, t.name))
				stack[depth++] = 2;
			else
				stack[depth++] = 1;
		} else {
			over++;
		}
	}
	return len;
}

/* Elements left open on purpose and closed by the parser, which would
 * otherwise count as nesting: void elements and implied end tags. */
static bool
depth_neutral(const char *name)
{
	static const char *const list[] = {
		"", "area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr", "keygen",
		"basefont", "bgsound", "frame", "p", "li", "dd", "dt",
		"option", "optgroup", "tr", "td", "th", "tbody", "thead",
		"tfoot", "rb", "rt", "rtc", "rp", "colgroup", "caption",
		"html", "head", "body", "image", NULL};

	return name_in(name, list);
}

static bool
is_jsonld(const struct tag *t)
{
	struct span v;
	const char *p;
	size_t n;

	if (!attr_value(t, "type", &v))
		return false;
	p = ascii_trim(v.p, v.n, &n);
	return n == 19 && ascii_ncasecmp(p, "application/ld+json", 19) == 0;
}

struct pass {
	const char *s;
	size_t len;
	size_t kept;  /* input offset up to which output is written */
	struct buf out;
	unsigned depth, over;
	struct prepass *res;
};

/* Copy input from the last kept offset up to I. */
static int
keep_to(struct pass *p, size_t i)
{
	int rc = 0;

	if (i > p->kept)
		rc = buf_append(&p->out, p->s + p->kept, i - p->kept);
	p->kept = i;
	return rc;
}

/* Drop input from I to J. */
static int
drop(struct pass *p, size_t i, size_t j)
{
	int rc = keep_to(p, i);

	p->kept = j;
	return rc;
}

static void
take_jsonld(struct pass *p, size_t from, size_t to)
{
	char *copy;

	if (p->res->jsonld.n >= PREPASS_JSONLD_MAX || to - from >
							     JSONLD_BYTES_MAX)
		return;
	copy = xstrndup(p->s + from, to - from);
	strvec_push(&p->res->jsonld, copy);
	free(copy);
}

/*
 * Drop the attributes of T past PREPASS_ATTRS_MAX, keeping its end
 * ("/>" or ">"; nothing when the input ends inside the tag, where the
 * tokenizer drops the whole tag anyway).  The first ones are the ones
 * a page's markup means: class, id, href come early.
 */
static int
trim_attrs(struct pass *p, const struct tag *t)
{
	size_t end = t->next;

	if (t->nattr_all <= PREPASS_ATTRS_MAX)
		return 0;
	if (t->complete)
		end -= t->self_closing ? 2 : 1;
	p->res->attrs_dropped++;
	return drop(p, t->cut, end);
}

/* A start tag at I has been scanned into T; returns the offset to go
 * on from. */
static int
start_tag(struct pass *p, size_t i, const struct tag *t, size_t *next)
{
	enum text_kind k = text_kind_of(t->name);
	size_t j = t->next;
	int rc = 0;

	if (name_is(t, "svg") || name_is(t, "math")) {
		if (!t->self_closing)
			j = foreign_end(p->s, p->len, j, t->name);
		rc = drop(p, i, j);
	} else if (k == TEXT_SCRIPT || k == TEXT_RAW) {
		size_t e = text_end(p->s, p->len, j, t->name, k);

		if (k == TEXT_SCRIPT && is_jsonld(t))
			take_jsonld(p, j, e);
		j = end_tag_skip(p->s, p->len, e);
		rc = drop(p, i, j);
	} else if (k != TEXT_NONE) {
		rc = trim_attrs(p, t);
		j = text_end(p->s, p->len, j, t->name, k);
	} else if (!t->self_closing && !depth_neutral(t->name) &&
		   p->depth >= PREPASS_DEPTH_MAX) {
		p->over++;
		p->res->depth_dropped++;
		rc = drop(p, i, j);
	} else {
		if (!t->self_closing && !depth_neutral(t->name))
			p->depth++;
		rc = trim_attrs(p, t);
	}
	*next = j;
	return rc;
}

static int
end_tag(struct pass *p, size_t i, const struct tag *t)
{
	/* The tokenizer checks an end tag's attributes for duplicates
	 * too, before it ignores them. */
	if (depth_neutral(t->name))
		return trim_attrs(p, t);
	if (p->over) {
		p->over--;
		return drop(p, i, t->next);
	}
	if (p->depth)
		p->depth--;
	return trim_attrs(p, t);
}

int
prepass_run(const char *html, size_t len, size_t max, struct prepass *out)
{
	struct pass p = {html, len, 0, {0}, 0, 0, out};
	struct tag t;
	size_t i = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	buf_init(&p.out, max);
	while (i < len && rc == 0) {
		const char *lt = memchr(html + i, '<', len - i);
		int c;

		if (lt == NULL)
			break;
		i = lt - html;
		c = i + 1 < len ? (unsigned char)html[i + 1] : 0;
		if (c == '!' && len - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
			size_t e = comment_end(html, len, i);

			rc = drop(&p, i, e);
			i = e;
		} else if (c == '!' || c == '?') {
			i = gt_end(html, len, i);
		} else if (c == '/' && i + 2 < len &&
			   ascii_isalpha((unsigned char)html[i + 2])) {
			tag_scan(html, len, i + 2, true, &t);
			rc = end_tag(&p, i, &t);
			i = t.next;
		} else if (c == '/') {
			i = gt_end(html, len, i);
		} else if (ascii_isalpha(c)) {
			tag_scan(html, len, i + 1, false, &t);
			rc = start_tag(&p, i, &t, &i);
		} else {
			i++;
		}
	}
	if (rc == 0)
		rc = keep_to(&p, len);
	if (rc == 0 && p.out.data == NULL)
		rc = buf_append(&p.out, "", 0);
	if (rc) {
		buf_free(&p.out);
		prepass_free(out);
		return rc;
	}
	out->len = p.out.len;
	out->html = buf_steal(&p.out);
	return 0;
}

void
prepass_free(struct prepass *p)
{
	free(p->html);
	p->html = NULL;
	p->len = 0;
	strvec_free(&p->jsonld);
}
