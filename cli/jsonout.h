/*
 * JSON output with jansson: strings are always made valid UTF-8 first
 * (jansson refuses anything else), NULL becomes null.
 */
#ifndef RM_JSONOUT_H
#define RM_JSONOUT_H

#include <stdio.h>

#include <jansson.h>

#include "extract/article.h"

/* A JSON string for S (sanitised), or null when S is NULL. */
json_t *json_str(const char *s);
/* The same, but "" and NULL both give null (optional fields). */
json_t *json_str_or_null(const char *s);

/*
 * The extract command's object for one article: file, url, title,
 * published, author, text, devices, chipsets, launches, rumors,
 * chipset_events.  New reference.
 */
json_t *article_to_json(const char *file, const char *url,
			const struct article *a);

/* Print V compactly on one line to OUT; 0 or -1. */
int json_print_line(FILE *out, const json_t *v);

#endif
