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
