/*
 * The bundled lexicon (config/lexicon, tests run from the repository
 * root) as a cmocka group or test state.
 */
#ifndef RM_TEST_LEXICON_FIXTURE_H
#define RM_TEST_LEXICON_FIXTURE_H

/* Load it into *STATE; -1 (with the message printed) when it fails. */
int lexicon_fixture_setup(void **state);
/* Free what lexicon_fixture_setup loaded. */
int lexicon_fixture_teardown(void **state);

#endif
