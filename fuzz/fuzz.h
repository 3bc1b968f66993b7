/*
 * What the fuzz targets share.  Each fuzz/fuzz_<name>.c defines the
 * libFuzzer entry points below; it is linked either with libFuzzer
 * (fuzz/Makefile, clang) or with replay.c, which runs it over saved
 * inputs in `make check`.
 */
#ifndef RM_FUZZ_H
#define RM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "extract/lexicon.h"

/* libFuzzer's entry points.  LLVMFuzzerInitialize is optional. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The bundled lexicon, loaded on first use and kept for the process;
 * aborts when it cannot be loaded (a broken build, not an input). */
const struct lexicon *fuzz_lexicon(void);

/*
 * Split DATA at its first newline into two NUL-terminated strings
 * (*A before it, *B after it, "" when there is none), both malloc'd;
 * the caller frees them.  Embedded NUL bytes end a string early, as
 * they would for any C string API.
 */
void fuzz_split(const uint8_t *data, size_t size, char **a, char **b);

/* Abort with MSG when COND is false: an invariant the input broke. */
#define FUZZ_ASSERT(cond, msg)                                              \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, (msg)))
void fuzz_fail(const char *file, int line, const char *msg)
	__attribute__((noreturn));

#endif
