/*
 * Reading fixture files in tests.  Tests run from the repository root,
 * so paths look like "tests/data/robots/rfc9309.txt".
 */
#ifndef RM_TEST_FIXTURE_H
#define RM_TEST_FIXTURE_H

#include <stddef.h>

/* The whole of PATH (at most 64 MiB), NUL-terminated, malloc'd; its
 * length in *LEN when LEN is set.  NULL when it cannot be read. */
char *fixture_read(const char *path, size_t *len);

#endif
