"""Read a .docx back into plain data for assertions and goldens."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx


def docx_summary(data: bytes) -> dict[str, Any]:
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            tr_pr = row._tr.trPr
            header = (
                tr_pr is not None
                and tr_pr.find(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
                )
                is not None
            )
            rows.append({"header": header, "cells": [c.text for c in row.cells]})
        tables.append(rows)
    props = document.core_properties
    return {
        "paragraphs": paragraphs,
        "tables": tables,
        "properties": {"title": props.title, "author": props.author, "language": props.language,
                       "subject": props.subject},
        "header": [p.text for p in document.sections[0].header.paragraphs],
    }


def package_text(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def xlsx_summary(data: bytes) -> dict[str, Any]:
    """Return a JSON-able structure of a workbook: properties, sheets, tables and cells.

    Formulas are kept as their text, so a golden shows exactly what the sheet computes.
    """
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    props = book.properties
    sheets = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value if isinstance(cell.value, str | int) else str(cell.value)
                entry = [cell.coordinate, value]
                if cell.font.b:
                    entry.append("bold")
                if cell.number_format != "General":
                    entry.append(cell.number_format)
                cells.append(entry)
            if cells:
                rows.append(cells)
        sheets.append({
            "name": sheet.title,
            "freeze_panes": sheet.freeze_panes,
            "tables": sorted(
                [t.displayName, t.ref, t.headerRowCount] for t in sheet.tables.values()
            ),
            "header": sheet.oddHeader.center.text,
            "rows": rows,
        })
    return {
        "properties": {
            "title": props.title, "subject": props.subject, "description": props.description,
            "creator": props.creator, "keywords": props.keywords, "language": props.language,
            "created": props.created.isoformat(), "modified": props.modified.isoformat(),
        },
        "sheets": sheets,
    }


def doc_file(key: str, extension: str | None = None) -> str:
    """Return the file a package writes for the registry's kind ``key`` (its own extension,
    or ``extension`` for a review copy or PDF), so no test spells a document's file name."""
    from cxacq.documents.catalog import DOCUMENTS

    kind = DOCUMENTS[key]
    return f"{kind.filename}.{extension or kind.extension}"
