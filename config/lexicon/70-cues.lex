# Cue words: what a sentence says about the names in it.  See README.md,
# "How cues make claims".  Within this file the first line that matches
# at a position wins, so longer phrases come before the words in them.

# Dates that are no launches: a date nearer one of these than its launch
# cue is none.  Deals and discounts ("$100 off until Sunday", "the deal
# ends Friday"; a price alone is none: "goes on sale on May 8 for $999"),
# "as of August 2016" (a state of things), and news being announced
# ("made the announcement on Monday", "said in a post on Tuesday"), and
# a date before "ahead of" ("confirmed on Monday, ahead of a launch
# event later this month").
cue nolaunch ahead\s+of|(?:made|make|makes|making)\s+the\s+announcement|(?:said|says|confirmed|confirms|revealed|reveals|posted|wrote|teased|teases)\s+(?:on|in)\s+(?:a|an|its|their|his|her)\s+(?:post|statement|tweet|blog|Weibo|video|interview|call)|deals?|discount(?:s|ed)?|price[\s-]+(?:cut|drop|slash)(?:s|ped)?|(?:\$|€|£|₹|Rs\.?\s?)\d[\d,.]*\s+off|savings?|save|coupons?|offers?|lowest\s+price|bargain|as\s+of|until|till|through|ends?|ending|expires?|runs?\s+through

# Things a date may be about that are not the phone: software updates,
# betas, patches, accessories.  "The beta arrives for the X on ...",
# "cases for the X go on sale ...", "X screen protectors ...".
cue item (?:software\s+|firmware\s+|security\s+|OTA\s+|stable\s+|beta\s+|system\s+|feature\s+)*(?:updates?|patch(?:es)?|betas?|firmware)|(?:protective\s+|silicone\s+|leather\s+|MagSafe\s+)?cases|covers|(?:case|cover|charger|strap)(?=\s+(?:for|of)\b)|chargers?|charging\s+(?:bricks?|cables?|stands?|pads?)|screen\s+protectors?|accessor(?:y|ies)|watch\s+bands|straps

# A cancelled, scrapped or delayed launch: the sentence's launch dates
# are denied ("X, once set for April, is postponed").
cue cancel cancel(?:l)?(?:ed|s|ing)|scrap(?:ped|s|ping)|axed|shelved|killed\s+off|delay(?:s|ed)|postpone(?:s|d)?|pushed\s+back|den(?:y|ies|ied)|ruled\s+out|called\s+off

# Names that are not the subject.  `other`: the name after it ("faster
# than the X", "unlike the X", "last year's X", "a rival to the X");
# `other_before`: the name right before it ("the X's successor", "X
# rival"); `versus`: both ("X vs Y", "X, the predecessor of Y").
cue versus vs\.?|versus|v\.|predecessors?\s+(?:of|to)
cue other (?:successors?|rivals?|competitors?|challengers?|follow-?ups?|replacements?|alternatives?|answer|sequels?)\s+(?:to|of|for)|(?:its|their|the|a)\s+predecessors?\s*[,:(]|predecessors?\s*[,:(]|last\s+year(?:'|’)s|outgoing|previous(?:[\s-]+gen(?:eration)?)?|prior\s+to|older|than|unlike|compared\s+(?:to|with)|in\s+comparison\s+(?:to|with)|(?:upgrade|improvement|step\s+up|jump|boost)\s+(?:over|from)|rivals|rivall?ing|tak(?:e|es|ing)\s+on|(?:tak(?:e|es|ing)|took)\s+aim\s+at|aim(?:s|ed|ing)?\s+at|compet(?:e|es|ing)\s+(?:with|against)|go(?:es|ing)?\s+up\s+against|squar(?:e|es|ing)\s+off\s+(?:with|against)|challeng(?:e|es|ing)|outperform(?:s|ed|ing)?|outscor(?:e|es|ed|ing)|beat(?:s|ing)?|trounc(?:e|es|ed|ing)|trail(?:s|ed|ing)?|bests|against|instead\s+of|replac(?:es|ed|ing)|succeed(?:s|ed|ing)|supersed(?:es|ed|ing)|(?:ditch|abandon)(?:es|s|ed|ing)?|(?:drop|skip)(?:s|ped|ping)?\s+the
cue other_before successors?|predecessors?|rivals?|competitors?|challengers?|killers?|alternatives?|clones?|look-?alikes?|replacements?

# Tense: which way a month without a year is read ("launched in March"
# written in May is this March; "will launch in March", next March).
cue launched launched|debuted|came(?!\s+with)|unveiled|released|arrived|announced|introduced|went\s+(?:on\s+sale|official|live)|landed|rolled\s+out|came\s+out|shipped|broke\s+cover|revealed|premiered
cue past was|were|had|did|has\s+been|have\s+been|ago|previously|recently|back\s+in|sold
cue future will|(?:'|’)ll|shall|going\s+to|(?:is|are)\s+(?:expected|set|slated|scheduled|tipped|rumou?red|said|poised|likely)\s+to|upcoming|expected|soon|to\s+be|plans?\s+to

cue chipset powered\s+by|(?:come|comes|came|coming)\s+with|equipped\s+with|driven\s+by|fuell?ed\s+by|under\s+the\s+hood|at\s+(?:its|the)\s+(?:heart|core)|inside|power(?:s|ing)?|feature(?:s|d)?|featuring|pack(?:s|ed|ing)?|sport(?:s|ed|ing)?|boast(?:s|ed|ing)?|use(?:s|d)?|using|rely\s+on|relies\s+on|houses|carries|employs|rocks|built\s+(?:around|on)|(?:its|the)\s+(?:chipset|processor|SoC)\s+(?:is|will\s+be)|(?:chipset|processor|SoC|CPU|platform)\s*:
cue launch launch(?:es|ed|ing)?|(?:take|takes|taking|took|taken)\s+the\s+wraps\s+off|(?:lift|lifts|lifting|lifted)\s+the\s+(?:lid|curtain|veil)\s+(?:off|on)|debut(?:s|ed|ing)?|unveil(?:s|ed|ing)?|releas(?:e|es|ed|ing)|arriv(?:e|es|ed|ing|al)|announc(?:e|es|ed|ing|ement)|introduc(?:e|es|ed|ing)|(?:go|goes|went|going)\s+on\s+sale|on\s+sale|hit(?:s|ting)?\s+(?:the\s+)?(?:shelves|stores|market)|reach(?:es|ing)?\s+(?:the\s+)?(?:stores|shelves|market|customers|buyers)|(?:first|open)\s+sale|(?:go|goes|going|gone)\s+official|break(?:s|ing)?\s+cover|reveal(?:s|ed|ing)?|unpacked|premiere(?:s|d)?|due(?!\s+to\b)|drop(?:s|ping)?(?!\s+(?:the|its|a|an|to|by|from|support)\b)|(?:come|comes|coming|came)(?!\s+with)|ship(?:s|ping)?(?!\s+with)|roll(?:s|ed|ing)?\s+out|available|availability|pre-?orders?|land(?:s|ing)?
cue camera collaborat\w*|partner\w*|co-?engineered|co-?developed|co-?branded|tuned|tuning|cameras?|lens(?:es)?|optics|imaging|branding
cue os run(?:s|ning)?(?:\s+on)?|ship(?:s|ping)?\s+with|boot(?:s|ing)?|based\s+on|on\s+top\s+of|out\s+of\s+the\s+box|showcas\w+|pre-?installed|skin
cue first initial(?:ly)?|first
cue relative which|that
cue device (?:smart)?phones?|devices?|handsets?|flagships?|models?
cue negation no\s+plans?\s+(?:to|for)|not\s+planning|not(?!\s+only)|never|no\s+longer|cannot|(?:won|don|doesn|didn|isn|aren|wasn|weren|hasn|haven|can|couldn|wouldn|shouldn)(?:'|’)t

# Markets.  The name after "region" is the claim's qualifier.
region China China|Chinese\s+market|mainland
region global global(?:ly)?|worldwide|international(?:ly)?|(?:the\s+)?rest\s+of\s+the\s+world
region India India|Indian\s+market
region Europe Europe|European\s+markets?|(?-i:EU)
region US (?-i:US|U\.S\.|USA)|United\s+States
region UK (?-i:UK)|United\s+Kingdom|Britain
region Japan Japan|Japanese\s+market
