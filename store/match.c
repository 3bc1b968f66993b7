#include "store/match.h"

#include <string.h>

#include "common/ascii.h"

/* Letters, digits and UTF-8 bytes make words; '+' is handled apart. */
static bool
is_word_byte(unsigned char c)
{
	return ascii_isalnum(c) || c >= 0x80;
}

static void
end_word(struct match_key *mk)
{
	if (mk->nends && mk->ends[mk->nends - 1] == mk->len)
		return;
	if (mk->len == 0)
		return;
	/* Keep the first words and the whole name; drop the middle. */
	if (mk->nends == MATCH_WORDS_MAX)
		mk->nends--;
	mk->ends[mk->nends++] = mk->len;
}

/* Cut the key back to its last whole word: a key never ends mid-word. */
static void
truncate_key(struct match_key *mk)
{
	mk->truncated = true;
	mk->len = mk->nends ? mk->ends[mk->nends - 1] : 0;
}

void
match_key(const char *name, struct match_key *mk)
{
	const unsigned char *p = (const unsigned char *)name;

	memset(mk, 0, sizeof(*mk));
	for (; *p; p++) {
		if (!is_word_byte(*p) && *p != '+') {
			end_word(mk);
			continue;
		}
		if (mk->len + 1 >= MATCH_KEY_MAX) {
			truncate_key(mk);
			break;
		}
		if (*p == '+') {
			end_word(mk);
			mk->key[mk->len++] = '+';
			end_word(mk);
			continue;
		}
		mk->key[mk->len++] = (char)ascii_tolower(*p);
	}
	if (!mk->truncated)
		end_word(mk);
	mk->key[mk->len] = '\0';
}
