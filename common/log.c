#include "common/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

static enum log_level current_level = LOG_NORMAL;
/* Worker threads log too; keep each message on its own line. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void
log_set_level(enum log_level level)
{
	current_level = level;
}

enum log_level
log_get_level(void)
{
	return current_level;
}

static void
log_v(const char *prefix, const char *fmt, va_list ap)
{
	pthread_mutex_lock(&log_lock);
	fputs("rumormill: ", stderr);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&log_lock);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v("error: ", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	if (current_level < LOG_NORMAL)
		return;
	va_start(ap, fmt);
	log_v("warning: ", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	if (current_level < LOG_VERBOSE)
		return;
	va_start(ap, fmt);
	log_v("", fmt, ap);
	va_end(ap);
}
