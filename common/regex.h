/*
 * PCRE2 JIT compilation, done one way everywhere.
 *
 * JIT is on.  RUMORMILL_PCRE2_JIT=0 in the environment turns it off,
 * for running under valgrind: memcheck cannot follow machine code that
 * PCRE2 generates at run time and reports its reads as uninitialised.
 * Matching gives the same results either way, only slower.
 */
#ifndef RM_REGEX_H
#define RM_REGEX_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

/* JIT-compile RE for complete matches unless turned off; failures leave
 * RE to the interpreter, which always works. */
void regex_jit(pcre2_code *re);

#endif
