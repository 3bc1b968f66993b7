# Date expressions.  See README.md for the line format.
#
# Month names are case-sensitive so that "may" (the verb) is no month.
define MONTH (?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?
define DAY (?<d>[0-3]?\d)(?:st|nd|rd|th)?
define YEAR (?<y>(?:19|20)\d\d)
define ISODATE \d{4}-\d\d-\d\d

month 1 Jan(?:uary)?\.?
month 2 Feb(?:ruary)?\.?
month 3 Mar(?:ch)?\.?
month 4 Apr(?:il)?\.?
month 5 May
month 6 June?\.?
month 7 July?\.?
month 8 Aug(?:ust)?\.?
month 9 Sep(?:t|tember)?\.?
month 10 Oct(?:ober)?\.?
month 11 Nov(?:ember)?\.?
month 12 Dec(?:ember)?\.?

# Full dates.
date abs (?<y>\d{4})-(?<m>\d\d)-(?<d>\d\d)
date abs (?<y>\d{4})/(?<m>\d\d)/(?<d>\d\d)
date abs (?<m>{MONTH})\s+{DAY},?\s+{YEAR}
date abs {DAY}\s+(?:of\s+)?(?<m>{MONTH}),?\s+{YEAR}
# A month and a year: "July 2024", "early July 2024".
date abs (?:(?:early|mid|late|(?:end|start|beginning)\s+of)[\s-]+)?(?<m>{MONTH}),?\s+{YEAR}
# Part of a month: "the first week of January".
date abs (?:first|second|third|last|final|early|late|opening|closing)\s+(?:few\s+)?(?:weeks?|days|half)\s+of\s+(?<m>{MONTH})(?:,?\s+{YEAR})?
# A day without a year: the next such day from publication.
date abs (?<m>{MONTH})\s+{DAY}
date abs {DAY}\s+(?:of\s+)?(?<m>{MONTH})
# A month alone needs a word that makes it a date: "this July" (and
# gives way to "on October 24", which a line above reads).
date abs (?:in|this|by|on|until|till|from|during|around|before|after|coming|next|early|mid|late|(?:end|start|beginning)\s+of)[\s-]+(?<m>{MONTH})(?!\s*,?\s*\d)

# Relative to the publication date.  Phrases start after "the" where
# they can: a leading "the" would be tried at every "the" in the text.
date month+0 (?:later\s+|earlier\s+|(?:by\s+)?end\s+of\s+)?this\s+month|(?:by\s+)?the\s+end\s+of\s+the\s+month
date month+1 (?:early\s+|late\s+|end\s+of\s+)?next\s+month
date year+0 (?:later\s+|earlier\s+|(?:end|second\s+half|first\s+half)\s+of\s+)?this\s+year|(?:by\s+)?the\s+end\s+of\s+the\s+year|(?:by\s+)?year[\s-]end
date year+1 (?:early\s+|late\s+|(?:end|start|beginning|first\s+half|second\s+half)\s+of\s+)?next\s+year

# The first weeks of a year are its first month.
date start (?:early|first|opening)\s+(?:few\s+)?(?:weeks|days)\s+of\s+{YEAR}

# Quarters, halves and parts of a year keep the year's precision.
date abs (?:Q[1-4]|H[12])[\s,]+{YEAR}
date abs (?:first|second|third|fourth|last)\s+(?:quarter|half)\s+of\s+{YEAR}
date abs (?:in|by|until|till|during|before|after|early|mid|late|(?:end|start|beginning)\s+of)[\s-]+{YEAR}(?![-/]\d)
