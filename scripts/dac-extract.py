#!/usr/bin/env python3
"""Writes data/dac-sectors.tsv from the IATI Sector codelist (OECD DAC 5-digit purpose codes).

Usage: scripts/dac-extract.py Sector.xml SectorCategory.xml [out.tsv]
Sector.xml and SectorCategory.xml are the files of that name in the xml/ folder of the
IATI-Codelists-NonEmbedded repository (see data/README.md). Only active codes are kept."""
import sys
import xml.etree.ElementTree as ET


def items(path):
    root = ET.parse(path).getroot()
    meta = root.find("metadata/url")
    for it in root.iter("codelist-item"):
        yield it, (meta.text if meta is not None else "")


def name(it):
    for n in it.findall("name/narrative"):
        if not n.get("{http://www.w3.org/XML/1998/namespace}lang"):
            return " ".join(n.text.split())
    return ""


def main():
    sectors, cats, out = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "data/dac-sectors.tsv"
    catname = {it.findtext("code"): name(it) for it, _ in items(cats)}
    rows = []
    for it, _ in items(sectors):
        if it.get("status", "active") != "active":
            continue
        code, cat = it.findtext("code"), it.findtext("category")
        if not (code and len(code) == 5 and code.isdigit()):
            raise SystemExit("odd code %r" % code)
        rows.append((code, cat, catname.get(cat, ""), name(it)))
    rows.sort()
    with open(out, "w", encoding="utf-8") as f:
        f.write("# OECD DAC 5-digit sector (CRS purpose) codes, active ones: code, category, "
                "category name, name.\n")
        f.write("# Source: IATI Sector and SectorCategory codelists (IATI-Codelists-NonEmbedded, "
                "xml/Sector.xml), which replicate the OECD DAC list; written by "
                "scripts/dac-extract.py.\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("%d codes written to %s" % (len(rows), out))


main()
