/*
 * Device names as a grammar over data.  A name is
 *
 *     [MAKER] LINE MODEL
 *
 * where MAKER is one of a maker's names ("Samsung", "Xiaomi's"), LINE a
 * product line's words ("Galaxy Z Fold", "Redmi Note", "iPhone"; none
 * for makers that number their phones directly: "Xiaomi 14",
 * "OnePlus 12") and MODEL a token of the shape the line takes: a
 * number ("14", "12S", "8a", "5.3", "(2a)"), a code ("S24", "A55",
 * "M55s", "X100"), a word from a list ("XR", "SE") or nothing ("Pixel
 * Fold").  Suffix words ("Pro Max"), network qualifiers and series words
 * come after and are the lexicon scanner's job.  Because the model is a
 * shape, not a list, a name nobody has announced yet ("Galaxy S27
 * Edge", "Xperia 1 IX") is found like a shipped one.
 *
 * A catalogue of known devices (public device lists, *.tsv files in the
 * lexicon directories) supplies canonical spellings and device types,
 * and names that follow a maker's name but no line of it ("Sharp AQUOS
 * sense8").
 *
 * The lines come from `maker` and `name` lines of the lexicon files
 * (config/lexicon/README.md).  Built once, then read-only.
 */
#ifndef RM_DEVNAME_H
#define RM_DEVNAME_H

#include <stddef.h>

struct devname;

#define DEVNAME_VALUE_MAX 64

struct devname_hit {
	size_t end;          /* byte offset just past the name */
	const char *brand;   /* grammar-owned maker name */
	const char *type;    /* "phone", "tablet", "watch"; "" unknown */
	int maker_only;      /* a maker named alone: no device */
	const void *line;    /* the product line read, for devname_continue */
	char value[DEVNAME_VALUE_MAX]; /* the canonical name */
};

/*
 * Tells whether the text at POS starts a word that makes a number a
 * quantity ("14 million", "11-inch"): such a number is no model.
 */
typedef int (*devname_quantity_fn)(void *arg, size_t pos);

struct devname *devname_new(void);
void devname_free(struct devname *g);

/*
 * `maker BRAND NAME...`: the names a maker goes by (words joined by '_'
 * form one name: "Red_Magic"; a leading '=' matches the case exactly).
 * `name BRAND SHAPE[,FLAG...] WORD... => TEMPLATE`: one product line.
 * WORDS is the rest of the line.  On error returns RM_ECONFIG with a
 * message in ERR.
 */
int devname_add_maker(struct devname *g, const char *brand,
		      const char *words, char *err, size_t errlen);
int devname_add_line(struct devname *g, const char *brand,
		     const char *words, const char *tmpl, char *err,
		     size_t errlen);
/*
 * Read a catalogue file: BRAND<TAB>TYPE<TAB>NAME[<TAB>ALIAS|ALIAS...].
 * TEXT (LEN bytes, NUL-terminated, from malloc) is the grammar's from
 * now on, whatever the result: the names point into it.
 */
int devname_add_catalogue(struct devname *g, const char *path, char *text,
			  size_t len, char *err, size_t errlen);

/* Whether a name may start with byte C (a quick filter). */
int devname_may_start(const struct devname *g, unsigned char c);

/*
 * A name starting at word start POS of TEXT: 1 and *HIT filled (a device,
 * or with maker_only a maker alone), else 0.
 */
int devname_match(const struct devname *g, const char *text, size_t len,
		  size_t pos, devname_quantity_fn quantity, void *arg,
		  struct devname_hit *hit);

/*
 * Another model of LINE (a hit's line) at POS, as lists name them: "the
 * iPhone 15 and 15 Plus", "Galaxy S24, S24+ and S24 Ultra".  1 and *HIT
 * filled, else 0.
 */
int devname_continue(const struct devname *g, const void *line,
		     const char *text, size_t len, size_t pos,
		     devname_quantity_fn quantity, void *arg,
		     struct devname_hit *hit);

/*
 * The catalogue's spelling of VALUE (a canonical name with its suffixes),
 * compared ignoring case, spacing and punctuation; VALUE unchanged when
 * the catalogue does not know it.  Sets *TYPE when known.
 */
void devname_canonical(const struct devname *g, char *value, size_t size,
		       const char **type);

/* How many product lines and catalogue names were loaded. */
size_t devname_lines(const struct devname *g);
size_t devname_known(const struct devname *g);

#endif
