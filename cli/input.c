#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/date.h"
#include "common/errors.h"
#include "crawler/feed.h"

bool
cli_check_date_arg(const char *option, const char *s)
{
	struct ymd d;

	if (date_parse_day(s, &d) == 0)
		return true;
	fprintf(stderr, "rumormill: %s: '%s' is not a date (YYYY-MM-DD)\n",
		option, s);
	return false;
}

int
cli_input_option(int c, const char *arg, struct input_opts *in)
{
	switch (c) {
	case 'p':
		in->plain = true;
		return 1;
	case 'u':
		in->url = arg;
		return 1;
	case 'P':
		if (!cli_check_date_arg("--published", arg))
			return -1;
		in->published = arg;
		return 1;
	}
	return 0;
}

const struct lexicon *
cli_lexicon_many(struct cli *cli)
{
	if (cli_lexicon(cli))
		lexicon_optimize(cli->lexicon);
	return cli->lexicon;
}

int
cli_extract_file(struct cli *cli, const char *file,
		 const struct input_opts *opts, struct article *a)
{
	const struct lexicon *lx = cli_lexicon(cli);
	struct article_options ao = {
		.url = opts->url,
		.published = opts->published,
		.plain = opts->plain,
	};
	char *data = NULL;
	size_t len = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	if (!lx)
		return EXIT_USAGE;
	rc = cli_read_file(file, CLI_INPUT_MAX, &data, &len);
	if (rc == RM_ETOOLARGE) {
		fprintf(stderr, "rumormill: %s: larger than %zu MiB, skipped\n",
			file, CLI_INPUT_MAX >> 20);
		return EXIT_FAIL;
	}
	if (rc) {
		fprintf(stderr, "rumormill: %s: %s\n", file, strerror(errno));
		return EXIT_FAIL;
	}
	/* A saved page is often gzipped (wget, archives): the gzip magic
	 * decides, not the name, and the cap holds after inflating. */
	if (len >= 2 && (unsigned char)data[0] == 0x1f &&
	    (unsigned char)data[1] == 0x8b) {
		char *plain = NULL;
		size_t plen = 0;

		rc = feed_gunzip(data, len, CLI_INPUT_MAX, &plain, &plen);
		free(data);
		if (rc == RM_ETOOLARGE) {
			fprintf(stderr, "rumormill: %s: larger than %zu MiB "
					"once decompressed, skipped\n",
				file, CLI_INPUT_MAX >> 20);
			return EXIT_FAIL;
		}
		if (rc) {
			fprintf(stderr, "rumormill: %s: corrupt or truncated "
					"gzip data\n", file);
			return EXIT_FAIL;
		}
		data = plain;
		len = plen;
	}
	rc = article_extract(lx, data, len, &ao, a);
	free(data);
	if (rc) {
		fprintf(stderr, "rumormill: %s: cannot extract: %s\n", file,
			rm_strerror(rc));
		return EXIT_FAIL;
	}
	if (a->rumors_incomplete)
		fprintf(stderr, "rumormill: warning: %s: matching limit reached, "
				"some rumors may be missing\n", file);
	return 0;
}
