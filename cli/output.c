#include "cli/output.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/jsonout.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"

#define FNV64_OFFSET 0xcbf29ce484222325ULL
#define FNV64_PRIME 0x100000001b3ULL

bool
out_parse_format(const char *cmd, const char *arg, bool allow_csv,
		 enum out_format *out)
{
	if (strcmp(arg, "table") == 0)
		*out = OUT_TABLE;
	else if (strcmp(arg, "json") == 0)
		*out = OUT_JSON;
	else if (allow_csv && strcmp(arg, "csv") == 0)
		*out = OUT_CSV;
	else {
		fprintf(stderr, "rumormill: %s: --format: '%s' is not table, "
				"json%s\n",
			cmd, arg, allow_csv ? " or csv" : "");
		return false;
	}
	return true;
}

int
out_open_db(struct cli *cli, struct store **st)
{
	char *err = NULL;
	int rc = store_open(cli->db_path, STORE_READONLY, st, &err);

	if (!rc)
		return 0;
	fprintf(stderr, "rumormill: %s\n", err ? err : rm_strerror(rc));
	free(err);
	return EXIT_FAIL;
}

int
out_device_name(struct cli *cli, const char *text, struct alias_list *l,
		const char **resolved)
{
	int rc = cli_aliases(cli, l);

	if (!rc)
		*resolved = cli_alias_resolve(l, text);
	return rc;
}

void
out_confidence(double c, char out[OUT_CONF_SIZE])
{
	snprintf(out, OUT_CONF_SIZE, "%.2f", c < 0 ? 0 : c > 1 ? 1 : c);
}

/* A number with three decimals, as JSON. */
static json_t *
json_score(double v)
{
	return json_real(round(v * 1000) / 1000);
}

json_t *
out_rumor_json(const struct rumor_row *r)
{
	json_t *o = json_object();
	json_t *urls = json_array();

	for (size_t i = 0; i < r->urls.n; i++)
		json_array_append_new(urls, json_str(r->urls.v[i]));
	json_object_set_new(o, "device", json_str(r->device));
	json_object_set_new(o, "brand", json_str(r->brand));
	json_object_set_new(o, "attribute", json_str(r->attribute));
	json_object_set_new(o, "value", json_str(r->value));
	json_object_set_new(o, "qualifier", json_str_or_null(r->qualifier));
	json_object_set_new(o, "first_seen", json_str(r->first_seen));
	json_object_set_new(o, "last_seen", json_str(r->last_seen));
	json_object_set_new(o, "sources", json_integer(r->sources));
	json_object_set_new(o, "independent_sources",
			    json_integer(r->independent_sources));
	json_object_set_new(o, "confidence", json_score(r->confidence));
	json_object_set_new(o, "contested", json_boolean(r->contested));
	json_object_set_new(o, "first_source",
			    json_str_or_null(r->first_source));
	json_object_set_new(o, "first_url", json_str_or_null(r->first_url));
	json_object_set_new(o, "created_at", json_str_or_null(r->created_at));
	json_object_set_new(o, "changed_at", json_str_or_null(r->changed_at));
	json_object_set_new(o, "urls", urls);
	return o;
}

static uint64_t
fnv_fields(uint64_t h, const struct rumor_row *r)
{
	const char *f[4] = { r->device, r->attribute, r->value,
			     r->qualifier ? r->qualifier : "" };

	for (int i = 0; i < 4; i++) {
		for (const char *p = f[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * FNV64_PRIME;
		h = (h ^ 0xff) * FNV64_PRIME;
	}
	return h;
}

void
out_rumor_uuid(const struct rumor_row *r, char out[OUT_UUID_SIZE])
{
	/* Two differently seeded hashes make 128 bits; version 8 (RFC
	 * 9562: custom) and the RFC variant bits are set over them. */
	uint64_t hi = fnv_fields(FNV64_OFFSET, r);
	uint64_t lo = fnv_fields(FNV64_OFFSET ^ 0x5bd1e9955bd1e995ULL, r);

	hi = (hi & ~0xf000ULL) | 0x8000ULL;
	lo = (lo & ~(3ULL << 62)) | (2ULL << 62);
	snprintf(out, OUT_UUID_SIZE,
		 "urn:uuid:%08llx-%04llx-%04llx-%04llx-%012llx",
		 (unsigned long long)(hi >> 32),
		 (unsigned long long)((hi >> 16) & 0xffff),
		 (unsigned long long)(hi & 0xffff),
		 (unsigned long long)(lo >> 48),
		 (unsigned long long)(lo & 0xffffffffffffULL));
}

/*
 * Whether PATH may be replaced: it does not exist, or it is a regular
 * file.  A rename over a symlink replaces the link, over a FIFO or a
 * device node the node (as root, /dev/null): say so and refuse.
 */
static bool
replaceable(const char *path)
{
	struct stat st;
	const char *what;

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return true;
		fprintf(stderr, "rumormill: %s: %s\n", path, strerror(errno));
		return false;
	}
	if (S_ISREG(st.st_mode))
		return true;
	what = S_ISLNK(st.st_mode)    ? "a symbolic link"
	       : S_ISFIFO(st.st_mode) ? "a FIFO"
	       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)
		       ? "a device node"
	       : S_ISDIR(st.st_mode) ? "a directory"
				     : "not a file";
	fprintf(stderr, "rumormill: %s: not a regular file (%s); not "
			"replacing it\n", path, what);
	return false;
}

FILE *
out_atomic_open(const char *path, char **tmp)
{
	struct buf b;
	int fd;
	FILE *f;

	*tmp = NULL;
	/* "-" is standard output, as for every other command's input. */
	if (strcmp(path, "-") == 0)
		return stdout;
	if (!replaceable(path))
		return NULL;
	buf_init(&b, (size_t)-1 / 2);
	buf_printf(&b, "%s.tmp.XXXXXX", path);
	*tmp = buf_steal(&b);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		fprintf(stderr, "rumormill: %s: %s\n", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	/* mkstemp makes it 0600; a page for a web server is public. */
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f) {
		fprintf(stderr, "rumormill: %s: %s\n", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

int
out_atomic_close(FILE *f, char *tmp, const char *path, bool failed)
{
	int err = 0;

	if (f == stdout && !tmp) {
		if (fflush(f) != 0 || ferror(f)) {
			fprintf(stderr, "rumormill: standard output: %s\n",
				strerror(errno ? errno : EIO));
			return EXIT_FAIL;
		}
		return failed ? EXIT_FAIL : 0;
	}
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)
		err = errno ? errno : EIO;
	if (fclose(f) != 0 && !err)
		err = errno;
	/* Again: something may have taken PATH's place meanwhile. */
	if (!failed && !err && !replaceable(path))
		failed = true;
	else if (!failed && !err && rename(tmp, path) != 0)
		err = errno;
	if (failed || err)
		unlink(tmp);
	if (err)
		fprintf(stderr, "rumormill: %s: %s\n", path, strerror(err));
	free(tmp);
	return failed || err ? EXIT_FAIL : 0;
}
