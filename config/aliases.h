/*
 * Device aliases: other names of a device, one per line in aliases.conf
 * files (the bundled config/aliases.conf, then the user's own, which
 * may add and override):
 *
 *	# ALIAS = DEVICE
 *	Mi 14 = Xiaomi 14
 *
 * The store folds a device named by an alias into the device it names
 * (store_set_aliases); queries find it under either name.
 */
#ifndef RM_CONFIG_ALIASES_H
#define RM_CONFIG_ALIASES_H

#include <stddef.h>

/* Largest alias file read, longest name, most aliases in all. */
#define ALIASES_FILE_MAX (1 << 20)
#define ALIAS_NAME_MAX 128
#define ALIASES_MAX 20000

struct alias_entry {
	char *alias; /* as written */
	char *name;  /* the device's canonical name */
};

struct alias_list {
	struct alias_entry *v;
	size_t n;
};

/*
 * Append the aliases of every file in PATHS (NULL-terminated, in order;
 * a missing file is skipped) to *OUT (zeroed by the caller, freed with
 * aliases_free).  On failure returns RM_ECONFIG (or RM_EIO,
 * RM_ETOOLARGE) and *ERR (caller frees) lists every error as
 * "FILE:LINE: message", one per line.
 */
int aliases_load(const char *const *paths, struct alias_list *out,
		 char **err);
void aliases_free(struct alias_list *l);

#endif
