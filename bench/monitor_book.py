#!/usr/bin/env python3
"""A synthetic customer book for the monitoring benchmark: N people whose names come from
public name resources (common forenames and surnames by country, US Census surnames), each
with a date of birth and the nationality of their names, plus every person the UN list added
between two versions, written as a bank would have them (planted: they must raise alerts
when the newer version is imported). Seeded, so every run writes the same book.

    monitor_book.py N OLD.xml NEW.xml OUT.csv
"""

import csv
import random
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def names(reference: Path):
    """(forenames, surnames) by country, and US Census surnames."""
    base = reference / "data" / "names"
    fore, sur = {}, {}
    with open(base / "common_names_by_country" / "common-forenames-by-country.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["Romanized Name"]:
                fore.setdefault(row["Country"], []).append(row["Romanized Name"])
    with open(base / "common_names_by_country" / "common-surnames-by-country.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["Romanized Name"]:
                sur.setdefault(row["Country"], []).append(row["Romanized Name"])
    census = (base / "name_databases_by_culture" / "surnames" / "us.txt").read_text().split()
    first_us = (base / "name_databases_by_culture" / "first_names" / "us.txt").read_text().split()
    return fore, sur, census, first_us


def individuals(path: Path):
    """Reference number → (full name, date of birth, nationality) of a UN list's people."""
    out = {}
    for ind in ET.parse(path).getroot().iter("INDIVIDUAL"):
        ref = (ind.findtext("REFERENCE_NUMBER") or "").strip()
        parts = [ind.findtext(t) or "" for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        name = " ".join(p.strip() for p in parts if p.strip())
        dob = ""
        for d in ind.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            dob = (d.findtext("DATE") or d.findtext("YEAR") or "").strip()
            if dob:
                break
        nationality = (ind.findtext("NATIONALITY/VALUE") or "").strip()
        out[ref] = (name.title(), dob, nationality)
    return out


def main():
    n, old, new, out = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    reference = new.parents[2]
    fore, sur, census, first_us = names(reference)
    countries = sorted(set(fore) & set(sur))
    rng = random.Random(20261202)
    before, after = individuals(old), individuals(new)
    planted = [(ref, *after[ref]) for ref in sorted(set(after) - set(before))]
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["customer_id", "full_name", "dob", "nationality", "planted_ref"])
        for i, (ref, name, dob, nationality) in enumerate(planted):
            w.writerow([f"planted-{i}", name, dob, nationality, ref])
        for i in range(n - len(planted)):
            if rng.random() < 0.3:
                country, first, last = "US", rng.choice(first_us), rng.choice(census)
            else:
                country = rng.choice(countries)
                first, last = rng.choice(fore[country]), rng.choice(sur[country])
            if rng.random() < 0.25:
                first = f"{first} {rng.choice(fore[rng.choice(countries)])}"
            dob = f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            w.writerow([f"c{i:08d}", f"{first} {last}".title(), dob, country, ""])
    print(f"{n} customers ({len(planted)} planted) written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
