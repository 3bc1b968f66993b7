/*
 * The alias files, loaded for the commands that store articles (into
 * the database's aliases table) and for those that look devices up by
 * name (so a new alias works before anything is stored again).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "store/match.h"

#define ALIASES_FILE "aliases.conf"

int
cli_aliases(struct cli *cli, struct alias_list *out)
{
	struct buf bundled, user;
	const char *paths[3];
	char *err = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	buf_init(&bundled, (size_t)-1 / 2);
	buf_init(&user, (size_t)-1 / 2);
	buf_printf(&bundled, "%s/%s", cli->data_dir, ALIASES_FILE);
	buf_printf(&user, "%s/%s", cli->config_dir, ALIASES_FILE);
	paths[0] = buf_str(&bundled);
	paths[1] = buf_str(&user);
	paths[2] = NULL;
	rc = aliases_load(paths, out, &err);
	if (rc) {
		fprintf(stderr, "%s", err ? err : rm_strerror(rc));
		aliases_free(out);
	}
	free(err);
	buf_free(&bundled);
	buf_free(&user);
	return rc ? EXIT_USAGE : EXIT_OK;
}

int
cli_store_aliases(struct cli *cli, struct store *st)
{
	struct alias_list l;
	struct store_alias *v;
	int rc;

	rc = cli_aliases(cli, &l);
	if (rc)
		return rc;
	v = xcalloc(l.n + 1, sizeof(*v));
	for (size_t i = 0; i < l.n; i++) {
		v[i].alias = l.v[i].alias;
		v[i].name = l.v[i].name;
	}
	rc = store_set_aliases(st, v, l.n);
	if (rc)
		fprintf(stderr, "rumormill: aliases: %s\n", store_errmsg(st));
	free(v);
	aliases_free(&l);
	if (!rc)
		return EXIT_OK;
	return rc == RM_EINVAL ? EXIT_USAGE : EXIT_FAIL;
}

const char *
cli_alias_resolve(const struct alias_list *l, const char *name)
{
	struct match_key want, mk;
	const char *found = NULL;

	match_key(name, &want);
	/* The last line for an alias wins, as in the store. */
	for (size_t i = 0; want.len && i < l->n; i++) {
		match_key(l->v[i].alias, &mk);
		if (strcmp(mk.key, want.key) == 0)
			found = l->v[i].name;
	}
	return found ? found : name;
}
