#include "extract/article.h"

#include <stdio.h>
#include <string.h>

#include "common/errors.h"
#include "common/xalloc.h"
#include "extract/html.h"
#include "extract/rumors.h"

int
article_extract(const struct lexicon *lx, const char *data, size_t len,
		const struct article_options *opt, struct article *out)
{
	struct ymd published, *anchor = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	doc_init(&out->doc);
	rumor_set_init(&out->rumors);
	if (opt->plain) {
		rc = plain_extract(data, len, &out->doc);
	} else {
		struct html_options ho = {
			.url = opt->url,
			.charset = opt->charset,
			.body = opt->body,
			.today = opt->today,
		};

		rc = html_extract(data, len, &ho, &out->doc);
	}
	if (rc)
		return rc;
	if (opt->published)
		snprintf(out->doc.published, sizeof(out->doc.published), "%s",
			 opt->published);
	if (date_parse_day(out->doc.published, &published) == 0)
		anchor = &published;
	rc = rumors_extract(lx, out->doc.title, out->doc.text,
			    strlen(out->doc.text), anchor, &out->rumors);
	if (rc == RM_ELIMIT) {
		out->rumors_incomplete = true;
		rc = 0;
	}
	return rc;
}

void
article_free(struct article *a)
{
	doc_free(&a->doc);
	rumor_set_free(&a->rumors);
}

bool
article_is_chipset(const struct article *a, const char *name)
{
	for (size_t i = 0; i < a->rumors.nchipsets; i++)
		if (strcmp(a->rumors.chipsets[i].name, name) == 0)
			return true;
	return false;
}
