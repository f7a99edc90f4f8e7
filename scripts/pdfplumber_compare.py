"""Times pdfplumber's table extraction and `gongkai parse` on the same PDFs and counts the table cells each gets
right against NAME.expected.json.

pdfplumber returns tables as rows of cell strings, not figures; to be fair to it, each figure is looked up the way a
person would: the first extracted row whose text holds the figure's row label, then that row's numbers in column
order (表四: the one row of fifteen numbers). A cell counts as right when the number equals the expected value; an
expected empty cell counts as right when nothing was found.
"""

import argparse
import csv
import json
import re
import subprocess
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pdfplumber

NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")


def key(text):
    """Labels compared without spaces, line breaks, bracket and digit widths."""
    text = text or ""
    table = {ord("（"): "(", ord("）"): ")", ord("："): ":", ord("．"): "."}
    text = text.translate(table)
    text = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    return re.sub(r"\s+", "", text)


def load_figures(path):
    rows = []
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows.append(row)
    return rows


def expected_for(pdf):
    expected = json.loads(pdf.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8"))
    return expected


def number(text):
    text = (text or "").strip().replace(",", "")
    if not NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def same(expected, found):
    if expected is None:
        return found is None
    return found is not None and Decimal(str(expected)) == found


def pdfplumber_cells(pdf, figures, template):
    """Figure id → number found, from pdfplumber's tables."""
    rows = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.extract_tables():
                for row in table:
                    rows.append([cell or "" for cell in row])
    found = {}
    label_rows = {}
    for figure in figures:
        if figure["template"] not in (template, "both"):
            continue
        label_rows.setdefault((figure["table"], figure["row"]), []).append(figure["id"])
    for (table, label), ids in label_rows.items():
        if table == "四":
            continue
        wanted = key(re.sub(r"^[一二三四五六七八九十]+、|^\([一二三四五六七八九十]+\)|^\d+\.", "", key(label)))
        for row in rows:
            text = key("".join(cell for cell in row if number(cell) is None))
            if wanted and wanted in text:
                values = [number(cell) for cell in row if number(cell) is not None]
                for index, figure_id in enumerate(ids):
                    found[figure_id] = values[index] if index < len(values) else None
                break
    # 表四: the first row of fifteen numbers.
    four = [f["id"] for f in figures if f["table"] == "四"]
    for row in rows:
        values = [number(cell) for cell in row if number(cell) is not None]
        if len(values) == len(four):
            found.update(zip(four, values))
            break
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gongkai", required=True)
    parser.add_argument("--figures", required=True)
    parser.add_argument("pdfs", nargs="+")
    arguments = parser.parse_args()
    figures = load_figures(arguments.figures)
    pdfs = [Path(p) for p in arguments.pdfs]

    plumber_time = 0.0
    gongkai_time = 0.0
    totals = {"cells": 0, "pdfplumber": 0, "gongkai": 0}
    print(f"{'file':<24} {'cells':>6} {'pdfplumber':>11} {'gongkai':>8} {'pdfplumber s':>13} {'gongkai s':>10}")
    for pdf in pdfs:
        expected = expected_for(pdf)
        ids = list(expected["figures"].keys())

        start = time.perf_counter()
        plumber = pdfplumber_cells(pdf, figures, expected["template"])
        plumber_seconds = time.perf_counter() - start

        start = time.perf_counter()
        result = subprocess.run([arguments.gongkai, "parse", str(pdf)], capture_output=True, text=True)
        gongkai_seconds = time.perf_counter() - start
        parsed = json.loads(result.stdout)[0]["figures"] if result.returncode == 0 else {}

        right_plumber = sum(same(expected["figures"][i], plumber.get(i)) for i in ids)
        right_gongkai = sum(
            same(expected["figures"][i], None if parsed.get(i) is None else Decimal(str(parsed[i]))) for i in ids
        )
        plumber_time += plumber_seconds
        gongkai_time += gongkai_seconds
        totals["cells"] += len(ids)
        totals["pdfplumber"] += right_plumber
        totals["gongkai"] += right_gongkai
        print(
            f"{pdf.name:<24} {len(ids):>6} {right_plumber:>11} {right_gongkai:>8} "
            f"{plumber_seconds:>13.3f} {gongkai_seconds:>10.3f}"
        )
    print(
        f"{'all':<24} {totals['cells']:>6} {totals['pdfplumber']:>11} {totals['gongkai']:>8} "
        f"{plumber_time:>13.3f} {gongkai_time:>10.3f}"
    )
    ratio = plumber_time / gongkai_time if gongkai_time > 0 else float("inf")
    print(f"gongkai is {ratio:.1f}x faster than pdfplumber (gongkai timed per file, process start included)")


if __name__ == "__main__":
    sys.exit(main())
