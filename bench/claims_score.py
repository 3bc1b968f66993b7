#!/usr/bin/env python3
"""Score rumormill's device, chipset and claim extraction on labelled sets.

    bench/claims_score.py [--rumormill BIN] [--json OUT] SET.jsonl...

Each set is JSON Lines in the format of tests/data/extract-dev/LABELS.md:
a passage ("text") or a saved page ("html", relative to the set's
folder), its publication date, and what a reader found in it.  All items
are extracted in two runs of `rumormill extract --list` (passages with
--plain, pages as HTML), each list line carrying the item's publication
date.  Printed per set and over all sets: precision and recall of
devices, chipsets, chipset claims, launch claims and claims together,
and the share of items labelled with no claim that got one (negatives).

Names are compared as a reader would: case, spacing, punctuation,
trademark signs, network words (5G), screen sizes ("11-inch"), a
leading maker's name and, for
chips, the maker's prefix and "Bionic"/"Fusion"/"Mobile Platform" do not
count.  With --catalogue, a catalogue's aliases count as the name they
stand for.  Only chipset and launch claims are scored.
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MAKERS = {
    "samsung", "apple", "google", "xiaomi", "oneplus", "oppo", "vivo",
    "realme", "huawei", "honor", "motorola", "sony", "nokia", "hmd", "lg",
    "asus", "zte", "nothing", "sharp", "tcl", "tecno", "infinix", "itel",
    "meizu", "lenovo", "fairphone", "htc", "kyocera", "blackberry", "nubia",
    "microsoft", "amazon", "garmin", "fossil", "panasonic", "alcatel",
}
CHIP_MAKERS = {"qualcomm", "mediatek", "apple", "samsung", "google",
               "hisilicon", "huawei", "unisoc", "spreadtrum"}
CHIP_WORDS = {"bionic", "fusion", "mobile", "platform", "chipset", "chip",
              "processor", "soc", "sip", "5g", "the", "for", "galaxy"}


def words(s):
    s = s.replace("®", " ").replace("™", " ").lower()
    s = re.sub(r"\bplus\b", "+", s)
    return re.findall(r"[a-z0-9]+\+*|\+", s)


ALIASES = {}  # device key of an alias -> device key of its name


def load_aliases(paths):
    """Catalogue aliases ("iPhone SE 2" is "iPhone SE (2nd generation)")
    make two spellings one device for the scorer, as for rumormill."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or not cols[3]:
                    continue
                for alias in cols[3].split("|"):
                    if alias:
                        ALIASES[raw_device_key(alias)] = raw_device_key(
                            cols[2])


def device_key(name):
    k = raw_device_key(name)
    return ALIASES.get(k, k)


def raw_device_key(name):
    # Screen sizes are variants of one model: "11-inch iPad Pro".
    name = re.sub(r"\b\d+(?:\.\d+)?(?:-|\s)?(?:inch(?:es)?\b|in\b|\")", " ",
                  name)
    w = [x for x in words(name) if x not in ("5g", "4g", "lte", "the")]
    # A leading maker word does not count, unless the rest is a bare
    # number ("Xiaomi 14" is not "14").
    while len(w) > 1 and w[0] in MAKERS and any(
            c.isalpha() for c in "".join(w[1:])):
        w = w[1:]
    # "Galaxy Z Fold 6" is "Galaxy Z Fold6".
    return "".join(w)


def chip_key(name):
    w = [x for x in words(name) if x not in CHIP_WORDS]
    while w and w[0] in CHIP_MAKERS:
        w = w[1:]
    if w and w[0] == "sd":
        w[0] = "snapdragon"
    return "".join(w)


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, gold, got):
        gold, got = set(gold), set(got)
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    def p(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def r(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


CLASSES = ("devices", "chipsets", "chipset_claims", "launch_claims",
           "claims")


def load(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    item = json.loads(line)
                except ValueError as e:
                    sys.exit("%s:%d: %s" % (path, n, e))
                item["_dir"] = os.path.dirname(path)
                items.append(item)
    return items


def extract(binary, items, work, plain):
    """Run rumormill over ITEMS; returns one output object per item."""
    listing = os.path.join(work, "list-%s" % ("plain" if plain else "html"))
    with open(listing, "w", encoding="utf-8") as lf:
        for i, item in enumerate(items):
            path = os.path.join(work, "%05d.%s" % (i, "txt" if plain
                                                   else "html"))
            if plain:
                title = item.get("title")
                body = (title + "\n\n" if title else "") + item["text"]
                with open(path, "w", encoding="utf-8") as f:
                    f.write(body + "\n")
            else:
                src = os.path.join(item["_dir"], item["html"])
                opener = gzip.open if src.endswith(".gz") else open
                with opener(src, "rb") as fi, open(path, "wb") as fo:
                    shutil.copyfileobj(fi, fo)
            lf.write("%s\t%s\t%s\n" % (item.get("url") or "", path,
                                       item["published"]))
    cmd = [binary, "--config", os.path.join(work, "cfg"), "extract"]
    if plain:
        cmd.append("--plain")
    cmd += ["--list", listing]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("claims_score: %s failed: %s" % (" ".join(cmd),
                                                   out.stderr[:2000]))
    objs = [json.loads(x) for x in out.stdout.splitlines() if x.strip()]
    if len(objs) != len(items):
        sys.exit("claims_score: %d results for %d items: %s" %
                 (len(objs), len(items), out.stderr[:2000]))
    return objs


def gold_sets(item):
    dev = {device_key(d) for d in item.get("devices", [])}
    chip = {chip_key(c) for c in item.get("chipsets", [])}
    cc, lc = set(), set()
    for c in item.get("claims", []):
        if c["attribute"] == "chipset":
            cc.add((device_key(c["device"]), chip_key(c["value"])))
        elif c["attribute"] == "launch":
            lc.add((device_key(c["device"]), c["value"]))
    return dev, chip, cc, lc


def got_sets(obj):
    dev = {device_key(d) for d in obj.get("devices") or []}
    chip = {chip_key(c) for c in obj.get("chipsets") or []}
    cc, lc = set(), set()
    for r in obj.get("rumors") or []:
        if r.get("attribute") == "chipset":
            cc.add((device_key(r["device"]), chip_key(r["value"])))
        elif r.get("attribute") == "launch":
            lc.add((device_key(r["device"]), r["value"]))
    return dev, chip, cc, lc


def score(items, objs, report):
    s = {k: Score() for k in CLASSES}
    neg = neg_hit = 0
    for item, obj in zip(items, objs):
        g, o = gold_sets(item), got_sets(obj)
        for k, a, b in zip(CLASSES[:4], g, o):
            s[k].add(a, b)
        s["claims"].add(g[2] | g[3], o[2] | o[3])
        if not item.get("claims"):
            neg += 1
            if o[2] or o[3]:
                neg_hit += 1
        if report is not None:
            miss = {
                "devices": sorted(g[0] - o[0]),
                "extra_devices": sorted(o[0] - g[0]),
                "chipsets": sorted(g[1] - o[1]),
                "extra_chipsets": sorted(o[1] - g[1]),
                "claims": sorted(map(list, (g[2] | g[3]) - (o[2] | o[3]))),
                "extra_claims": sorted(map(list,
                                           (o[2] | o[3]) - (g[2] | g[3]))),
            }
            if any(miss.values()):
                miss["id"] = item.get("id")
                report.append(miss)
    return s, neg, neg_hit


def print_scores(name, n, s, neg, neg_hit):
    print("== %s (%d items)" % (name, n))
    for k in CLASSES:
        print("%s_precision=%.3f %s_recall=%.3f  # tp %d fp %d fn %d" % (
            k, s[k].p(), k, s[k].r(), s[k].tp, s[k].fp, s[k].fn))
    print("negatives=%d negatives_with_claim=%d negative_claim_rate=%.3f" %
          (neg, neg_hit, neg_hit / neg if neg else 0.0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rumormill", default="./rumormill")
    ap.add_argument("--json", help="write each item's misses to this file")
    ap.add_argument("--name", help="label for the combined figures")
    ap.add_argument("--catalogue", action="append", default=[],
                    help="a catalogue (.tsv) whose aliases name one device")
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    load_aliases(args.catalogue)
    work = tempfile.mkdtemp(prefix="rm-claims-")
    os.mkdir(os.path.join(work, "cfg"))
    report = [] if args.json else None
    total = {k: Score() for k in CLASSES}
    tneg = tneg_hit = tn = 0
    try:
        for path in args.sets:
            items = load(path)
            text = [i for i in items if "html" not in i]
            html = [i for i in items if "html" in i]
            objs = {}
            for group, plain in ((text, True), (html, False)):
                if group:
                    for it, ob in zip(group, extract(args.rumormill, group,
                                                     work, plain)):
                        objs[id(it)] = ob
            ordered = [objs[id(i)] for i in items]
            s, neg, neg_hit = score(items, ordered, report)
            print_scores(os.path.basename(path), len(items), s, neg, neg_hit)
            for k in CLASSES:
                total[k].tp += s[k].tp
                total[k].fp += s[k].fp
                total[k].fn += s[k].fn
            tneg += neg
            tneg_hit += neg_hit
            tn += len(items)
        if len(args.sets) > 1 or args.name:
            print_scores(args.name or "all", tn, total, tneg, tneg_hit)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if report is not None:
        with open(args.json, "w", encoding="utf-8") as f:
            for r in report:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
