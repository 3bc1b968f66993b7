# Date expressions.  See README.md for the line format.
#
# Month names are case-sensitive so that "may" (the verb) is no month.
define MONTH (?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?
define DAY (?<d>[0-3]?\d)(?:st|nd|rd|th)?
define YEAR (?<y>(?:19|20)\d\d)
define ISODATE \d{4}-\d\d-\d\d
define WEEKDAY (?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
# After a month that begins a date: a day or a year.
define MONTHNEXT \.?\s*,?\s*\d

month 1 Jan(?:uary)?\.?
month 2 Feb(?:ruary)?\.?
month 3 Mar(?:ch)?\.?
month 4 Apr(?:il)?\.?
month 5 May\.?
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
# A weekday before a date is part of it: "Wednesday, November 27".
date abs {WEEKDAY},?\s+(?<m>{MONTH})\s+{DAY}(?:,?\s+{YEAR})?
date abs {WEEKDAY},?\s+{DAY}\s+(?:of\s+)?(?<m>{MONTH})(?:,?\s+{YEAR})?
# A day without a year: the next such day from publication (the last
# one when the claim is told in the past tense).  "Sept. 12", "the 12th
# of March".
date abs (?<m>{MONTH})\s+{DAY}
date abs {DAY}\s+(?:of\s+)?(?<m>{MONTH})
# "last October": the last October before the published month.
date past last\s+(?<m>{MONTH})(?!{MONTHNEXT})
# A month alone needs a word that makes it a date: "this July" (and
# gives way to "on October 24", which a line above reads).  Not "until
# March": that is when a deal ends (a `sale` cue in 70-cues.lex).
date abs (?:in|this|by|on|from|during|around|before|after|since|coming|next|early|mid|late|(?:end|start|beginning|middle)\s+of)[\s-]+(?<m>{MONTH})(?!{MONTHNEXT})
# A month naming an occasion: "a February unveiling", "its July debut".
date abs (?<m>{MONTH})(?=\s+(?:launch|unveil|debut|release|announcement|reveal|arrival|event|Unpacked|availability|sale|premiere))

# Days relative to publication.  A weekday is the next one after it,
# or the last one before it when the claim is told in the past tense;
# "last Tuesday" always the last one.
date day+0 today|tonight|later\s+today|this\s+(?:morning|afternoon|evening)
date day+1 tomorrow
date day-1 yesterday
date weekday-1 last\s+(?-i:Monday)
date weekday-2 last\s+(?-i:Tuesday)
date weekday-3 last\s+(?-i:Wednesday)
date weekday-4 last\s+(?-i:Thursday)
date weekday-5 last\s+(?-i:Friday)
date weekday-6 last\s+(?-i:Saturday)
date weekday-7 last\s+(?-i:Sunday)
date weekday+1 (?:(?:on|this|next|coming)\s+)?(?-i:Monday)(?!,?\s+(?:\d|{MONTH}))
date weekday+2 (?:(?:on|this|next|coming)\s+)?(?-i:Tuesday)(?!,?\s+(?:\d|{MONTH}))
date weekday+3 (?:(?:on|this|next|coming)\s+)?(?-i:Wednesday)(?!,?\s+(?:\d|{MONTH}))
date weekday+4 (?:(?:on|this|next|coming)\s+)?(?-i:Thursday)(?!,?\s+(?:\d|{MONTH}))
date weekday+5 (?:(?:on|this|next|coming)\s+)?(?-i:Friday)(?!,?\s+(?:\d|{MONTH}))
date weekday+6 (?:(?:on|this|next|coming)\s+)?(?-i:Saturday)(?!,?\s+(?:\d|{MONTH}))
date weekday+7 (?:(?:on|this|next|coming)\s+)?(?-i:Sunday)(?!,?\s+(?:\d|{MONTH}))
# Weeks keep the precision of a month: the month the week falls in.
date weekmonth+0 (?:later\s+|earlier\s+|early\s+|(?:by\s+)?(?:the\s+)?end\s+of\s+)?this\s+week|(?:by\s+)?the\s+end\s+of\s+the\s+week
date weekmonth+1 (?:early\s+|late\s+|later\s+)?next\s+week|(?:a|one)\s+week\s+from\s+(?:now|today)
date weekmonth-1 last\s+week|a\s+week\s+ago
date weekmonth+2 (?:in\s+)?two\s+weeks(?:(?:'|’)\s+time|\s+from\s+now)?(?!\s+ago)

# Relative to the publication date.  Phrases start after "the" where
# they can: a leading "the" would be tried at every "the" in the text.
date month+0 (?:later\s+|earlier\s+|(?:by\s+)?end\s+of\s+)?this\s+month|(?:by\s+)?(?:the\s+)?end\s+of\s+the\s+month|(?:the\s+)?(?:middle|start|beginning)\s+of\s+the\s+month
date month+1 (?:early\s+|late\s+|end\s+of\s+)?next\s+month
date month-1 last\s+month|a\s+month\s+ago
date year+0 (?:later\s+|earlier\s+|(?:end|second\s+half|first\s+half)\s+of\s+)?this\s+year|(?:by\s+)?the\s+end\s+of\s+the\s+year|(?:by\s+)?year[\s-]end
date year+1 (?:early\s+|late\s+|(?:end|start|beginning|first\s+half|second\s+half)\s+of\s+)?next\s+year
# Not "last year's X": that names a predecessor (an `other` cue).
date year-1 (?:(?:early|late|earlier|later)\s+|(?:the\s+)?(?:end|start|beginning|middle|first\s+half|second\s+half)\s+of\s+)?last\s+year(?!(?:'|’)s)|a\s+year\s+ago
# Seasons keep the year's precision.
date year+0 (?:later\s+|early\s+|late\s+)?this\s+(?:spring|summer|fall|autumn|winter)

# The first weeks of a year are its first month.
date start (?:early|first|opening)\s+(?:few\s+)?(?:weeks|days)\s+of\s+{YEAR}

# Quarters, halves and parts of a year keep the year's precision.
date abs (?:Q[1-4]|H[12])[\s,]+{YEAR}
date abs (?:first|second|third|fourth|last)\s+(?:quarter|half)\s+of\s+{YEAR}
date abs (?:in|by|until|till|during|before|after|early|mid|late|(?:end|start|beginning)\s+of)[\s-]+{YEAR}(?![-/]\d)
