# What each claim attribute means: one line an attribute, read by
# extraction, the store, scoring and the command line.
#
#   claim NAME SUBJECT VALUE AGREE [CUE]
#
# SUBJECT  device or chipset: what the claim is about
# VALUE    chip, os, camera (read from those tokens), date, or text (what
#          an `attr` line below makes)
# AGREE    equal: one value, two different ones contradict; date: one
#          date, and 2024 agrees with 2024-05; many: values add up
# CUE      the cue kind that makes the claim with its value (`cue` lines),
#          - when the value's own pattern carries its context
claim launch device date date launch
claim chipset device chip equal chipset
claim announce chipset date date launch
claim camera_partner device camera equal camera
claim os device os many os
claim sensor_size device text many -
claim display_size device text equal -
claim battery device text equal -
claim charging device text equal -
claim ram device text many -
claim variant device text many -

# Further claims: "attr NAME PATTERN => VALUE".  A pattern carries its
# own context (a lookahead) where the number alone would be ambiguous.
attr sensor_size (1|1/\d(?:\.\d{1,2})?)[\s-]*inch(?:es)?(?=(?:[\s-]+[A-Za-z]+){0,4}?[\s-]+(?:sensor|camera|lens)) => $1-inch
attr display_size ([4-8]\.\d{1,2})[\s-]*(?:inch(?:es)?|")(?=(?:[\s-]+[A-Za-z0-9+]+){0,4}?[\s-]+(?:display|screen|panel|AMOLED|OLED|LCD|LTPO)) => $1-inch
attr battery (\d{4,5})\s*mAh => $1mAh
attr charging (\d{2,3})\s*W(?=(?:[\s-]+[A-Za-z]+){0,3}?[\s-]+charg) => $1W
attr ram (\d{1,2})\s*GB(?=\s+(?:of\s+)?(?:LPDDR\d\w*\s+)?RAM) => $1GB
attr variant (?-i)(Concept|Limited|Explorer|Transparent|Special|Anniversary|Racing)\s+Edition => \L\u$1\E Edition
