# Cue words: what a sentence says about the names in it.
cue chipset powered\s+by|(?:come|comes|came|coming)\s+with|equipped\s+with|driven\s+by|fuell?ed\s+by|under\s+the\s+hood|feature(?:s|d)?|featuring|pack(?:s|ed|ing)?|sport(?:s|ed|ing)?|boast(?:s|ed|ing)?|use(?:s|d)?|using|rely\s+on|relies\s+on|(?:its|the)\s+(?:chipset|processor|SoC)\s+(?:is|will\s+be)
cue launch launch(?:es|ed|ing)?|debut(?:s|ed|ing)?|unveil(?:s|ed|ing)?|releas(?:e|es|ed|ing)|arriv(?:e|es|ed|ing|al)|announc(?:e|es|ed|ing|ement)|introduc(?:e|es|ed|ing)|(?:go|goes|went|going)\s+on\s+sale|on\s+sale|hit(?:s|ting)?\s+(?:the\s+)?(?:shelves|stores|market)|(?:come|comes|coming|came)(?!\s+with)|ship(?:s|ping)?(?!\s+with)|roll(?:s|ed|ing)?\s+out|available|availability|pre-?orders?|land(?:s|ing)?
cue camera collaborat\w*|partner\w*|co-?engineered|co-?developed|co-?branded|tuned|tuning|cameras?|lens(?:es)?|optics|imaging|branding
cue os run(?:s|ning)?(?:\s+on)?|ship(?:s|ping)?\s+with|boot(?:s|ing)?|based\s+on|on\s+top\s+of|out\s+of\s+the\s+box|showcas\w+|pre-?installed|skin
cue first initial(?:ly)?|first
cue relative which|that
cue device (?:smart)?phones?|devices?|handsets?|flagships?|models?
cue negation not|never|no\s+longer|cannot|(?:won|don|doesn|didn|isn|aren|wasn|weren|hasn|haven|can|couldn|wouldn|shouldn)(?:'|’)t

# Markets.  The name after "region" is the claim's qualifier.
region China China|Chinese\s+market|mainland
region global global(?:ly)?|worldwide|international(?:ly)?|(?:the\s+)?rest\s+of\s+the\s+world
region India India|Indian\s+market
region Europe Europe|European\s+markets?|(?-i:EU)
region US (?-i:US|U\.S\.|USA)|United\s+States
region UK (?-i:UK)|United\s+Kingdom|Britain
region Japan Japan|Japanese\s+market
