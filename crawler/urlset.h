/*
 * The URLs one crawl run has asked for: a set of strings, so that each
 * URL is requested at most once a run however many pages list it.
 */
#ifndef RM_URLSET_H
#define RM_URLSET_H

#include <stddef.h>

struct urlset;

/* An empty set that holds at most MAX URLs; urlset_free releases it. */
struct urlset *urlset_new(size_t max);
void urlset_free(struct urlset *s);

/*
 * Add a copy of URL.  Returns 1 when it was new, 0 when it was there
 * already, RM_ETOOLARGE (set unchanged) when it was new and the set
 * holds its MAX.
 */
int urlset_add(struct urlset *s, const char *url);

#endif
