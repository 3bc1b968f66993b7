#include "common/regex.h"

#include <stdlib.h>
#include <string.h>

void
regex_jit(pcre2_code *re)
{
	const char *env = getenv("RUMORMILL_PCRE2_JIT");

	if (env && strcmp(env, "0") == 0)
		return;
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
}
