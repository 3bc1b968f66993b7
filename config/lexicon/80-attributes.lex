# Further claims: "attr NAME PATTERN => VALUE".  A pattern carries its
# own context (a lookahead) where the number alone would be ambiguous.
attr sensor_size (1|1/\d(?:\.\d{1,2})?)[\s-]*inch(?:es)?(?=(?:[\s-]+[A-Za-z]+){0,4}?[\s-]+(?:sensor|camera|lens)) => $1-inch
attr display_size ([4-8]\.\d{1,2})[\s-]*(?:inch(?:es)?|")(?=(?:[\s-]+[A-Za-z0-9+]+){0,4}?[\s-]+(?:display|screen|panel|AMOLED|OLED|LCD|LTPO)) => $1-inch
attr battery (\d{4,5})\s*mAh => $1mAh
attr charging (\d{2,3})\s*W(?=(?:[\s-]+[A-Za-z]+){0,3}?[\s-]+charg) => $1W
attr ram (\d{1,2})\s*GB(?=\s+(?:of\s+)?(?:LPDDR\d\w*\s+)?RAM) => $1GB
attr variant (?-i)(Concept|Limited|Explorer|Transparent|Special|Anniversary|Racing)\s+Edition => \L\u$1\E Edition
