#!/usr/bin/env python3
"""Cross-checks the CN rulebook against China's catalogues as reproduced in
../shared/data/chem/china_catalogues/ (secondary reproduction; see its README).

Prints, per catalogue file: rows, rows with a CAS number, CAS numbers with a valid check digit,
and how many of those the CN rulebook names (as an entry's CAS). Then lists the catalogue's
opioid-type rows (fentanyl / nitazene / -orphine names) that the rulebook does not name, so the
gaps that matter for this product are visible.

usage: cn_catalogue_coverage.py [CATALOGUE_DIR] [RULEBOOK_DIR]
"""
import html
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CAT_DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data", "chem", "china_catalogues")
RB_DIR = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "data", "rulebooks", "cn")
FILES = ["cn_nonmedical_supplement.md", "cn_narcotics.md", "cn_psychotropics_class1.md", "cn_psychotropics_class2.md"]
OPIOID = re.compile(r"fentan|nitazen|nitazepyne|orphine|onitazene|U-4|AH-7921|MT-45", re.I)


def cas_ok(cas):
    m = re.fullmatch(r"(\d{2,7})-(\d{2})-(\d)", cas)
    if not m:
        return False
    body = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(body)) % 10 == int(m.group(3))


def rows(path):
    text = open(path, encoding="utf-8").read()
    for tr in re.findall(r"<tr>(.*?)</tr>", text, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if len(cells) < 4 or cells[0] in ("序号", "0", ""):
            continue
        yield cells


def rulebook_cas():
    found = set()
    for root, _, files in os.walk(RB_DIR):
        for f in files:
            if not f.endswith((".yaml", ".yml")):
                continue
            for line in open(os.path.join(root, f), encoding="utf-8"):
                m = re.match(r"\s*cas:\s*\[(.*)\]", line)
                if m:
                    found.update(c.strip().strip("'\"") for c in m.group(1).split(",") if c.strip())
    return found


def main():
    covered_cas = rulebook_cas()
    total_valid = total_cov = 0
    missing_opioids = []
    print(f"CN rulebook ({RB_DIR}): {len(covered_cas)} CAS numbers named")
    print(f"{'catalogue':34} {'rows':>5} {'with CAS':>9} {'valid':>6} {'named':>6} {'coverage':>9}")
    for name in FILES:
        path = os.path.join(CAT_DIR, name)
        if not os.path.exists(path):
            print(f"{name:34} missing")
            continue
        n = with_cas = valid = cov = 0
        for cells in rows(path):
            n += 1
            cas_field = cells[3]
            cases = re.findall(r"\d{2,7}-\d{2}-\d", cas_field)
            if not cases:
                continue
            with_cas += 1
            good = [c for c in cases if cas_ok(c)]
            if not good:
                continue
            valid += 1
            if any(c in covered_cas for c in good):
                cov += 1
            elif OPIOID.search(cells[2]) or "芬太尼" in cells[1] or "尼秦" in cells[1]:
                missing_opioids.append((name, cells[1], cells[2], good[0]))
        total_valid += valid
        total_cov += cov
        pct = 100.0 * cov / valid if valid else 0.0
        print(f"{name:34} {n:5} {with_cas:9} {valid:6} {cov:6} {pct:8.1f}%")
    pct = 100.0 * total_cov / total_valid if total_valid else 0.0
    print(f"{'all catalogues':34} {'':5} {'':9} {total_valid:6} {total_cov:6} {pct:8.1f}%")
    print(f"\nopioid-type catalogue rows whose CAS the CN rulebook does not name: {len(missing_opioids)}")
    for cat, zh, en, cas in missing_opioids:
        print(f"  {cas:14} {en[:60]:60} {zh[:30]}  ({cat})")


if __name__ == "__main__":
    main()
