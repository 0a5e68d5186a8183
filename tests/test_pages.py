"""Pages a contracting officer prints: page breaks, contents, tables, cover, forms.

The DOCX tests read the WordprocessingML. The PDF tests convert every document of
every example with LibreOffice (skipped where it or pdftotext is absent) and read
the pages back as text.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from conftest import EXAMPLES, example_paths
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import SSI_LEGEND
from cxacq.documents.doctree import DocMeta, Table, Text, WriteIn, plain_text
from cxacq.documents.render import md_escape
from cxacq.engine.pipeline import build_package
from cxacq.engine.reader import read_markdown
from cxacq.engine.writers.docx import SHORT_LIST, DocxWriter
from cxacq.engine.writers.docx_layout import column_widths
from cxacq.engine.writers.markdown import MarkdownWriter
from helpers import doc_file
from test_render import META

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
USCIS = EXAMPLES / "uscis-work-authorization.yaml"
MIN_LINES = 5  # a page ended by a forced break holds at least this many lines of body text
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _body(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


@pytest.fixture(scope="module")
def uscis(example_package) -> dict[str, bytes]:
    return example_package(USCIS, formats=("docx", "markdown"))


# -- page breaks -------------------------------------------------------------------
def test_page_break_is_a_property_of_the_heading_never_a_paragraph_of_its_own(uscis) -> None:
    for name, data in uscis.items():
        if not name.endswith(".docx"):
            continue
        body = _body(data)
        assert not body.findall(f".//{W}br[@{W}type='page']"), name
        breaking = body.findall(f".//{W}pPr/{W}pageBreakBefore/../..")
        assert len(breaking) >= 2, name  # the contents and the first heading at least
        for p in breaking:
            style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
            assert style.startswith(("Heading", "TOCHeading")), (name, style)
            assert _text(p).strip(), name


def test_thematic_break_must_lead_into_a_heading() -> None:
    doc = read_markdown("Intro.\n\n***\n\n# Part B\n\nText.\n", source="t")
    assert doc.blocks[1].new_page and not read_markdown("# A\n", source="t").blocks[0].new_page
    again = read_markdown(MarkdownWriter().write(doc, META).decode(), source="md")
    assert [b for b in again.blocks if getattr(b, "new_page", False)]
    from cxacq.errors import TemplateError

    with pytest.raises(TemplateError, match="not followed by a heading"):
        read_markdown("Intro.\n\n***\n\nText.\n", source="t")
    with pytest.raises(TemplateError, match="not followed by a heading"):
        read_markdown("Intro.\n\n***\n", source="t")


# -- contents ----------------------------------------------------------------------
def test_contents_entries_link_to_bookmarked_headings_with_page_fields(uscis) -> None:
    body = _body(uscis[doc_file("acquisition-strategy")])
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    entries = [p for p in body.iter(f"{W}p")
               if (p.find(f"{W}pPr/{W}pStyle") is not None
                   and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("toc"))]
    headings = [p for p in body.iter(f"{W}p")
                if p.find(f"{W}pPr/{W}pStyle") is not None
                and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("Heading")]
    assert len(entries) == len(headings) > 10
    by_anchor = {h.find(f"{W}bookmarkStart").get(f"{W}name"): h for h in headings}
    for entry in entries:
        link = entry.find(f"{W}hyperlink")
        anchor = link.get(f"{W}anchor")
        assert anchor in bookmarks
        heading = by_anchor[anchor]
        instr = "".join(t.text for t in link.iter(f"{W}instrText"))
        assert f"PAGEREF {anchor}" in instr
        assert _text(heading).strip() in _text(entry)
    settings = zipfile.ZipFile(io.BytesIO(uscis[doc_file("acquisition-strategy")])).read(
        "word/settings.xml"
    )
    assert b"updateFields" not in settings  # it would make Word ask a security question
    assert b'w:dirty="true"' not in zipfile.ZipFile(
        io.BytesIO(uscis[doc_file("acquisition-strategy")])).read("word/document.xml")


# -- tables ------------------------------------------------------------------------
def _tables(data: bytes) -> list[etree._Element]:
    return _body(data).findall(f".//{W}tbl")


def _widths(tbl: etree._Element) -> list[int]:
    return [int(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]


def test_column_widths_follow_the_content_in_a_fixed_layout(uscis) -> None:
    tables = _tables(uscis[doc_file("acquisition-strategy")])
    risk = next(t for t in tables if _text(t.find(f"{W}tr")).startswith("RiskLikelihood"))
    risk_w = _widths(risk)
    assert risk_w[1] < risk_w[0] and risk_w[2] < risk_w[3]  # Likelihood, Impact are narrow
    assert risk_w[3] > 2 * risk_w[1]  # Mitigation gets the room
    for tbl in tables:
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        widths = _widths(tbl)
        assert sum(widths) == 9360  # the text width of a Letter page with 1-inch margins
        for tr in tbl.findall(f"{W}tr"):
            cells = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tr.findall(f"{W}tc")]
            assert cells == widths
    assert len({tuple(_widths(t)) for t in tables if len(_widths(t)) == 2}) > 1


def test_widths_never_cut_a_word_or_address_when_the_table_fits() -> None:
    email = (Text("dana.whitfield@uscis.dhs.gov"),)
    table = Table(((Text("Name"),), (Text("Role"),), (Text("Organization"),), (Text("Contact"),)),
                  (((Text("Dana Whitfield"),), (Text("Program manager " * 8),),
                    (Text("USCIS Office of Performance and Quality " * 3),), email),))
    widths = column_widths(table, 9360)
    assert widths[3] >= len("dana.whitfield@uscis.dhs.gov") * 110
    assert widths[1] > widths[0]


def test_a_paragraph_that_introduces_a_table_stays_on_its_page(uscis) -> None:
    # Seen on the page: the evaluator packet's approval heading and its sentence ended page
    # 6 and the signature table stood alone on page 7.
    checked = 0
    for name in (doc_file("oral-evaluator-packet"), doc_file("evaluation-plan")):
        body = _body(uscis[name])
        for tbl in body.iter(f"{W}tbl"):
            before = tbl.getprevious()
            if before is None or before.tag != f"{W}p":
                continue
            style = before.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val", "").lower().startswith("heading"):
                continue  # headings keep with the next paragraph through their style
            assert before.find(f"{W}pPr/{W}keepNext") is not None, _text(before)
            checked += 1
    assert checked > 3


def test_a_short_list_stays_on_one_page_with_its_lead_in(uscis) -> None:
    # Seen on the page: the FEMA handout's last two oral criteria and "No other criteria are
    # used" stood alone on the page before the scenario's forced break.
    checked = 0
    for name in (doc_file("oral-presentation-handout"), doc_file("evaluation-plan")):
        body = _body(uscis[name])
        paragraphs = list(body.iter(f"{W}p"))
        runs: list[list[Any]] = []
        for p in paragraphs:
            listed = p.find(f"{W}pPr/{W}pStyle")
            style = "" if listed is None else listed.get(f"{W}val", "")
            if style.lower().startswith("list"):
                if runs and runs[-1][-1].getnext() is p:
                    runs[-1].append(p)
                else:
                    runs.append([p])
        for items in runs:
            if len(items) > SHORT_LIST:
                continue
            keeps = [p.find(f"{W}pPr/{W}keepNext") is not None for p in items]
            assert keeps == [True] * (len(items) - 1) + [False], _text(items[0])
            before = items[0].getprevious()
            lead = None if before is None else before.find(f"{W}pPr/{W}pStyle")
            if lead is not None and not lead.get(f"{W}val", "").lower().startswith("heading"):
                assert before.find(f"{W}pPr/{W}keepNext") is not None, _text(before)
            checked += 1
    assert checked > 3


def test_an_approval_table_leaves_room_for_names_and_a_short_date_field() -> None:
    name = (Text("Rachel Dominguez, Program Manager, Individual Assistance Customer Experience"),)
    table = Table(((Text("Step and role"),), (Text("Name and title"),), (Text("Signature"),),
                   (Text("Date"),)),
                  (((Text("Reviewed by: Program manager"),), name, (WriteIn(2),), (WriteIn(1),)),))
    widths = column_widths(table, 9360)
    assert widths[3] < widths[2]  # a date is one line; a signature gets two inches
    assert widths[1] > widths[3] and widths[1] >= 2880  # the name is not squeezed


def test_amounts_are_right_aligned_and_other_cells_are_not(uscis) -> None:
    tbl = next(t for t in _tables(uscis[doc_file("acquisition-strategy")])
               if "Estimated cost" in _text(t.find(f"{W}tr")))
    for tr in tbl.findall(f"{W}tr"):
        cells = tr.findall(f"{W}tc")
        jc = [c.find(f"{W}p/{W}pPr/{W}jc") for c in cells]
        assert jc[-1] is not None and jc[-1].get(f"{W}val") == "right", _text(tr)
        assert jc[0] is None


def test_space_after_every_table_header_rows_repeat_rows_do_not_split(uscis) -> None:
    for name, data in uscis.items():
        if not name.endswith(".docx"):
            continue
        for tbl in _tables(data):
            rows = tbl.findall(f"{W}tr")
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
            after = tbl.getnext()
            if after is None or after.tag == f"{W}sectPr":
                continue
            style = after.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
            spacing = after.find(f"{W}pPr/{W}spacing")
            assert style.startswith("Heading") or (
                spacing is not None and int(spacing.get(f"{W}before")) >= 200
            ), (name, _text(after)[:40])


def test_addresses_become_links(uscis) -> None:
    body = _body(uscis[doc_file("acquisition-strategy")])
    rels = zipfile.ZipFile(io.BytesIO(uscis[doc_file("acquisition-strategy")])).read(
        "word/_rels/document.xml.rels"
    ).decode()
    assert "mailto:dana.whitfield@uscis.dhs.gov" in rels
    linked = [_text(h) for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor") is None]
    assert "dana.whitfield@uscis.dhs.gov" in linked


# -- cover -------------------------------------------------------------------------
def _cover(data: bytes) -> list[str]:
    paragraphs = []
    for p in _body(data).iter(f"{W}p"):
        if p.find(f"{W}pPr/{W}pageBreakBefore") is not None:
            break
        paragraphs.append(_text(p))
    return paragraphs


def test_cover_carries_agency_title_acquisition_version_date_marking_distribution(uscis) -> None:
    cover = _cover(uscis[doc_file("acquisition-strategy")])
    assert cover[:3] == ["Department of Homeland Security",
                         "U.S. Citizenship and Immigration Services (USCIS)",
                         "Acquisition Strategy"]
    assert "EAX Customer Experience Research and Design Services" in cover
    assert any(line.startswith("Program: Employment Authorization") for line in cover)
    assert "Version: 1.0" in cover and "Date: November 2, 2026" in cover
    assert "Pre-decisional – For Official Use Only" in cover
    assert any(line.startswith("Distribution authorized to DHS personnel") for line in cover)
    plan = _cover(uscis[doc_file("evaluation-plan")])
    assert SSI_LEGEND in plan
    assert any(line.startswith("Distribution: Source selection information") for line in plan)


def test_distribution_statement_comes_from_the_answers(tmp_path: Path) -> None:
    text = USCIS.read_text(encoding="utf-8").replace(
        "  marking:", "  distribution_statement: Release to the EAX team only.\n  marking:", 1
    )
    answers_file = tmp_path / "a.yaml"
    answers_file.write_text(text, encoding="utf-8")
    files = build_package(load_and_validate(answers_file))
    assert "Distribution: Release to the EAX team only." in _cover(
        files[doc_file("acquisition-strategy")])
    assert "Distribution: Release to the EAX team only." not in _cover(
        files[doc_file("evaluation-plan")])


# -- forms -------------------------------------------------------------------------
def test_write_in_cells_are_rows_with_room_to_write() -> None:
    doc = read_markdown(
        "| Item | Entry |\n| --- | --- |\n| Strengths | " + "_" * 40 + " |\n"
        "| Note | \\_\\_\\_ |\n", source="t")
    table = doc.blocks[0]
    assert table.rows[0][1] == (WriteIn(4),)
    assert table.rows[1][1] == (Text("___"),)  # an answer's underscores stay text
    again = read_markdown(MarkdownWriter().write(doc, META).decode(), source="md")
    assert again.blocks[-1] == table
    tbl = _tables(DocxWriter().write(doc, DocMeta(**{**META.__dict__, "toc": False})))[0]
    rows = tbl.findall(f"{W}tr")
    height = rows[1].find(f"{W}trPr/{W}trHeight")
    assert int(height.get(f"{W}val")) >= 4 * 280 and height.get(f"{W}hRule") == "atLeast"
    assert _text(rows[1].findall(f"{W}tc")[1]) == ""
    assert rows[2].find(f"{W}trPr/{W}trHeight") is None


def test_evaluator_worksheets_are_forms_with_signature_and_date(uscis) -> None:
    body = _body(uscis[doc_file("evaluation-plan")])
    text = _text(body)
    assert "To be completed by the evaluator" not in text
    assert "Recorded by the chair" not in text
    forms = [t for t in body.iter(f"{W}tbl") if "Evaluator's signature and date" in _text(t)
             or "Chair's signature" in _text(t)]
    assert len(forms) == 4  # three non-price factors and the consensus record
    for tbl in forms:
        tall = [r for r in tbl.findall(f"{W}tr") if r.find(f"{W}trPr/{W}trHeight") is not None]
        assert len(tall) >= 5


# -- PDF ---------------------------------------------------------------------------
needs_pdf = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or pdftotext is not installed",
)


@pytest.fixture(scope="module")
def pdf_pages(
    example_pdfs, example_package, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[list[str], bytes]]:
    """``{example--document: (page texts, docx bytes)}`` for every example (shared PDFs)."""
    folder = tmp_path_factory.mktemp("pdf")
    pages: dict[str, tuple[list[str], bytes]] = {}
    for path in example_paths():
        for name, data in example_package(path).items():
            if not name.endswith(".docx"):
                continue
            stem = f"{path.stem}--{Path(name).stem}"
            pdf = folder / f"{stem}.pdf"
            pdf.write_bytes(example_pdfs[pdf.name])
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                  capture_output=True, text=True).stdout
            pages[stem] = (text.split("\f")[:-1], data)
    return pages


def _body_lines(page: str) -> list[str]:
    """Lines of a page without the running header (first line) and footer (Page n of m)."""
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    return [ln for ln in lines[1:] if not re.search(r"Page \d+ of \d+$", ln)]


@needs_pdf
def test_no_blank_pages_and_no_short_pages_before_a_forced_break(pdf_pages) -> None:
    for name, (pages, data) in pdf_pages.items():
        starts = {_text(p).strip() for p in _body(data).findall(
            f".//{W}pPr/{W}pageBreakBefore/../..")}
        for number, page in enumerate(pages, start=1):
            lines = _body_lines(page)
            assert lines, f"{name}: page {number} has no body text"
            if number > 1 and lines[0] in starts:
                before = _body_lines(pages[number - 2])
                assert len(before) >= MIN_LINES, (
                    f"{name}: page {number - 1} holds only {len(before)} lines before "
                    f"the forced break at {lines[0]!r}"
                )


@needs_pdf
def test_pdf_contents_carry_page_numbers(pdf_pages) -> None:
    for name, (pages, data) in pdf_pages.items():
        headings = [_text(p).strip() for p in _body(data).iter(f"{W}p")
                    if p.find(f"{W}pPr/{W}pStyle") is not None
                    and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("Heading")]
        contents = pages[1]  # the contents fit on the page after the cover
        # An entry ends in its page number, after leader dots or, when the heading nearly
        # fills the line (the USCG objective "... test them with mariners 4"), after a space.
        contents = re.sub(r"Page \d+ of \d+\s*$", "", contents, flags=re.M)  # the footer
        numbered = re.findall(r"(?:\.{4,}|[^\d\s.] )\s*(\d+)\s*$", contents, flags=re.M)
        entries = [p for p in _body(data).iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None
                   and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("toc")]
        assert len(numbered) == len(entries) > 5, name
        assert len(entries) == len(headings) or len(headings) > 32, name
        numbers = [int(n) for n in numbered]
        assert numbers == sorted(numbers) and numbers[0] >= 3 and numbers[-1] <= len(pages)


@needs_pdf
def test_no_email_address_is_split_across_lines(pdf_pages) -> None:
    emails = set()
    for path in example_paths():
        emails |= set(EMAIL.findall(path.read_text(encoding="utf-8")))
    assert emails
    seen = 0
    for name, (pages, _) in pdf_pages.items():
        text = "\n".join(pages)
        # Every word holding an "@" is a whole address: a split one leaves a piece on each line.
        for word in re.findall(r"\S*@\S*", text):
            assert any(email in word for email in emails), (name, word)
            seen += 1
    assert seen


# -- Markdown for review -----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Pre-decisional – For Official Use Only", "U.S. Citizenship and Immigration Services (EAX)",
    "3.1 (Q3 FY2026)", "snake_case_name", "Fees & costs", "1,200,000 dollars",
])
def test_markdown_leaves_plain_prose_unescaped(text: str) -> None:
    doc = read_markdown(f"{text}\n", source="t")
    written = MarkdownWriter().write(doc, META).decode()
    assert written.rstrip().endswith(text)


@pytest.mark.parametrize("text", [
    "- not a list", "1. not a list", "# not a heading", "> not a quote", "---", "*stars*",
    "_under_", "[not](a link)", "a | b", "<b>", "&amp; stays", "back\\slash", "`tick`", "+ plus",
])
def test_markdown_escapes_what_would_change_structure(text: str) -> None:
    from cxacq.documents.doctree import Paragraph

    doc = read_markdown(f"Before\n\n{md_escape(text)}\n", source="t")
    written = MarkdownWriter().write(doc, META).decode()
    again = read_markdown(written, source="md")
    assert isinstance(again.blocks[-1], Paragraph)
    assert plain_text(again.blocks[-1].inlines) == text
