#include "extract/doc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/utf8.h"
#include "common/xalloc.h"

/* A first paragraph longer than this is text, not a title. */
#define PLAIN_TITLE_MAX 200
/* Plain input larger than this is refused rather than half-read. */
#define PLAIN_MAX (16u << 20)

void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
}

void
doc_free(struct doc *d)
{
	free(d->title);
	free(d->author);
	free(d->text);
	free(d->canonical);
	free(d->lang);
	doc_init(d);
}

/* Next paragraph: a run of non-blank lines, joined with single spaces. */
static bool
next_paragraph(const char **pos, const char *end, struct buf *para)
{
	const char *p = *pos;

	buf_reset(para);
	for (;;) {
		const char *eol, *line;
		size_t llen;

		if (p >= end)
			break;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		line = ascii_trim(p, (size_t)(eol - p), &llen);
		p = eol < end ? eol + 1 : end;
		if (!llen) {
			if (para->len)
				break;
			continue;
		}
		if (para->len)
			buf_append_char(para, ' ');
		buf_append(para, line, llen);
	}
	*pos = p;
	return para->len > 0;
}

/* A title is one short line that does not end like a sentence. */
static bool
looks_like_title(const char *s, size_t len)
{
	char last;

	if (len == 0 || len > PLAIN_TITLE_MAX)
		return false;
	last = s[len - 1];
	return last != '.' && last != '!' && last != '?' && last != ',' &&
	       last != ';' && last != ':';
}

int
plain_extract(const char *text, size_t len, struct doc *out)
{
	struct buf body, para;
	const char *p, *end;
	char *clean;
	bool first = true;

	if (len > PLAIN_MAX)
		return RM_ETOOLARGE;
	clean = utf8_sanitize(text, len);
	p = clean;
	end = clean + strlen(clean);
	doc_init(out);
	buf_init(&body, PLAIN_MAX);
	buf_init(&para, PLAIN_MAX);
	while (next_paragraph(&p, end, &para)) {
		if (first && looks_like_title(para.data, para.len)) {
			out->title = xstrndup(para.data, para.len);
			first = false;
			continue;
		}
		first = false;
		if (body.len)
			buf_append(&body, "\n\n", 2);
		buf_append(&body, para.data, para.len);
	}
	out->title = out->title ? out->title : xstrdup("");
	out->text = buf_steal(&body);
	buf_free(&para);
	free(clean);
	return 0;
}
