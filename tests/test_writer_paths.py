"""The writers' fast paths write what python-docx's and openpyxl's own paths write.

The Word writer builds tables as one lxml tree, opens each document on a reference
whose styles part was parsed once, and zips the parts python-docx would save; the
workbook writer zips the members openpyxl would save. Each test compares with the
library's own way of doing it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE

from conftest import EXAMPLES
from cxacq.documents.doctree import DocMeta, Document, Heading, Table, Text, WriteIn
from cxacq.engine.reference import clean_reference, reference_template
from cxacq.engine.writers import xlsx
from cxacq.engine.writers.docx import DocxWriter
from cxacq.resources import reference_docx_path
from helpers import doc_file

FEMA = EXAMPLES / "fema-disaster-assistance.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
META = DocMeta(
    title="Test", subtitle="Sub", program="P", office="O", version="1",
    date=dt.date(2026, 1, 2), timestamp=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
    author="Office, Component", subject="S", marking="MARK",
)


def _cell(text: str) -> tuple[Text, ...]:
    return (Text(text),)


def test_styles_part_is_the_reference_styles_as_python_docx_saves_them() -> None:
    data = DocxWriter().write(Document((Heading(1, (Text("One"),)),)), META)
    written = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")
    reference = docx.Document(io.BytesIO(clean_reference(reference_docx_path())))
    assert written == reference.part.part_related_by(RELATIONSHIP_TYPE.STYLES).blob
    assert docx.Document(io.BytesIO(data)).styles["Table Grid"].type == 3  # whole styles


def test_reference_template_is_made_once_per_reference(tmp_path: Path) -> None:
    shipped = reference_docx_path()
    assert reference_template(shipped) is reference_template(shipped)
    copy = tmp_path / "reference.docx"
    copy.write_bytes(shipped.read_bytes())
    other = reference_template(copy)
    assert other is not reference_template(shipped)
    assert other.styles_blob == reference_template(shipped).styles_blob
    light = zipfile.ZipFile(io.BytesIO(other.light))
    assert len(light.read(other.styles_member)) < 200  # each document parses an empty part


def test_table_rows_and_cells_match_python_docx_tables() -> None:
    table = Table(
        (_cell("Name"), _cell("Amount"), _cell("Signature")),
        ((_cell("Ann"), _cell("$1,200")), (_cell("Bob"), _cell("$30"), (WriteIn(2),))),
    )
    data = DocxWriter().write(Document((Heading(1, (Text("One"),)), table)), META)
    written = docx.Document(io.BytesIO(data)).tables[0]
    assert [[c.text for c in row.cells] for row in written.rows] == [
        ["Name", "Amount", "Signature"], ["Ann", "$1,200", ""], ["Bob", "$30", ""]]
    grid = [int(col.get(f"{W}w")) for col in written._tbl.tblGrid.findall(f"{W}gridCol")]
    for row in written._tbl.findall(f"{W}tr"):
        cells = row.findall(f"{W}tc")
        assert len(cells) == 3  # a short row still has every column, as add_row makes it
        widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in cells]
        assert widths == grid
    short = written._tbl.findall(f"{W}tr")[1].findall(f"{W}tc")[2]
    assert [child.tag for child in short.find(f"{W}p")] == []  # an empty paragraph
    amount = written._tbl.findall(f"{W}tr")[1].findall(f"{W}tc")[1]
    assert amount.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") == "right"
    assert written.style.name == "Table Grid"


def test_workbook_members_are_those_openpyxl_saves(monkeypatch) -> None:
    from cxacq.answers.validate import load_and_validate
    from cxacq.engine.pipeline import build_package

    answers = load_and_validate(FEMA)
    workbook = doc_file("cost-estimate")
    fast = build_package(answers)[workbook]

    def saved(book: object) -> dict[str, bytes]:
        raw = io.BytesIO()
        book.save(raw)  # type: ignore[attr-defined]
        archive = zipfile.ZipFile(raw)
        return {name: archive.read(name) for name in archive.namelist()}

    monkeypatch.setattr(xlsx, "_members", saved)
    assert build_package(answers)[workbook] == fast
