# How sure a claim's sentence sounds, for rumor confidence
# (docs/confidence.md).  "certainty FACTOR PATTERN": a factor above 1
# for words of fact, below 1 for hedges.  In one sentence the lowest
# hedge wins over any certainty ("could be confirmed" is a maybe);
# without a hedge the highest certainty counts; with neither, 1.
# Lines are tried in order at each word, so put the longer phrases
# ("not confirmed") before the words they contain.

# Denials of certainty are hedges.
certainty 0.5 (?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:officially\s+)?(?:confirmed|announced|official)|unconfirmed|yet\s+to\s+(?:be\s+)?(?:confirm|announce)\w*|unofficial(?:ly)?
certainty 0.5 speculat\w*|allegedly|purported(?:ly)?|unverified
certainty 0.6 could|may|might|possibly|perhaps|likely|probably|rumou?r(?:s|ed)?|tipped|tipster|leaker|hints?|hinted|suggest(?:s|ed)?
certainty 0.7 reportedly|report(?:s|ed)?\s+(?:says?|claims?|suggests?)|claims?|claimed|sources?\s+(?:say|said|claim)|leak(?:s|ed)?|expected|believed|said\s+to
# Words of fact.
certainty 1.6 officially|confirm(?:s|ed)?|announc(?:e|es|ed)|unveil(?:s|ed)|launched|introduced|revealed|teased\s+officially
certainty 1.4 official|press\s+release|now\s+available|went\s+on\s+sale|is\s+on\s+sale|(?:company|maker|brand)\s+(?:said|says)
