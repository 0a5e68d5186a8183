"""The naive baseline: write documents through python-docx's (and openpyxl's) public API.

This is the plain script a developer would write without cxacq: import python-docx,
open the reference document, then ``add_heading``, ``add_paragraph(style=...)``,
``add_table`` and ``cell.text`` for every block, and ``save``; a workbook gets
``Workbook()``, ``append`` per row and ``save``. It knows nothing of YAML, Jinja or
cxacq's own writers.

Its input is a JSON file of blocks that ``whole_process_bench.py`` reads out of cxacq's
own rendered packages, so both write the same words::

    {"packages": [{"name": "fema", "documents": [
        {"file": "evaluation-plan.docx", "title": "...", "subject": "...", "author": "...",
         "blocks": [["heading", 1, "text"], ["paragraph", "Body Text", "text"],
                    ["table", [["cell", ...], ...]], ["page_break"]]},
        {"file": "cost-estimate.xlsx", "title": "...",
         "sheets": [{"name": "Summary", "rows": [["cell", ...], ...]}]}]}]}

Usage: python bench/naive_docx.py INPUT.json OUT_DIR [--reference REFERENCE.docx]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import docx
import openpyxl


def write_docx(spec: dict, path: Path, reference: str | None) -> None:
    document = docx.Document(reference)
    properties = document.core_properties
    properties.title = spec.get("title", "")
    properties.subject = spec.get("subject", "")
    properties.author = spec.get("author", "")
    for block in spec["blocks"]:
        kind = block[0]
        if kind == "heading":
            document.add_heading(block[2], level=block[1])
        elif kind == "paragraph":
            document.add_paragraph(block[2], style=block[1])
        elif kind == "table":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif kind == "page_break":
            document.add_page_break()
    document.save(str(path))


def write_xlsx(spec: dict, path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = spec.get("title", "")
    for sheet in spec["sheets"]:
        worksheet = workbook.create_sheet(sheet["name"])
        for row in sheet["rows"]:
            worksheet.append(row)
    workbook.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--reference", default=None)
    args = parser.parse_args()
    data = json.loads(args.input.read_text(encoding="utf-8"))
    for package in data["packages"]:
        folder = args.out / package["name"]
        folder.mkdir(parents=True, exist_ok=True)
        for spec in package["documents"]:
            if "sheets" in spec:
                write_xlsx(spec, folder / spec["file"])
            else:
                write_docx(spec, folder / spec["file"], args.reference)


if __name__ == "__main__":
    main()
