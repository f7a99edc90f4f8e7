"""Writes a region tree (CSV: code,name,parent,level) for the agencies of a synthetic corpus: each agency's city
(「淮安市」) and district or county (「安河区」) as regions, the agency under its district. For scripts/bench-web.

    python3 scripts/web/bench_regions.py CORPUS.sqlite > regions.csv
"""
import re
import sqlite3
import sys

database = sqlite3.connect(sys.argv[1])
rows = []
codes = {}
children = {}


def region(name, parent, level):
    key = (parent, name)
    if key not in codes:
        children[parent] = children.get(parent, 0) + 1
        codes[key] = (parent + "-" if parent else "C") + str(children[parent])
        rows.append((codes[key], name, parent or "", level))
    return codes[key]


for index, (name,) in enumerate(database.execute("SELECT name FROM agency ORDER BY id")):
    match = re.match(r"^(.+?市)(.+?[区县])(.+)$", name)
    if not match:
        continue
    city = region(match.group(1), None, "市")
    district = region(match.group(2), city, match.group(2)[-1])
    rows.append((f"{district}-A{index}", name, district, "agency"))
print("code,name,parent,level")
for row in rows:
    print(",".join(row))
