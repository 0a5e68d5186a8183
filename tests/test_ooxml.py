"""Will Word open it: every document is schema-valid Office Open XML (issue 21).

LibreOffice forgives markup that Word answers with "Word found unreadable
content"; this test holds every document of every example, and documents made
on a reference a user customised in Word, to the ECMA-376 transitional schemas
and the packaging rules (see ``tests/ooxml.py``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from conftest import CASES, example_paths
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import documents_for
from cxacq.engine.pipeline import build_package
from helpers import doc_file
from ooxml import schema_set, validate_package

CUSTOMISED = CASES / "reference-customised" / "agency-reference.docx"


@pytest.fixture(scope="module")
def wml() -> None:
    """Compile the WordprocessingML schema set once for the module."""
    schema_set("wordprocessingml")


def _problems(data: bytes) -> list[str]:
    return [str(p) for p in validate_package(data)]


def _rendered(path: Path, reference: Path | None = None) -> dict[str, bytes]:
    answers = load_and_validate(path)
    files = build_package(answers, reference=reference)
    expected = {f"{kind.filename}.{kind.extension}" for kind in documents_for(answers)}
    assert set(files) == expected  # every document the catalogue names, and nothing else
    return files


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_document_of_every_example_is_valid(wml: None, path: Path, example_package) -> None:
    files = example_package(path)
    answers = load_and_validate(path)
    assert set(files) == {f"{kind.filename}.{kind.extension}" for kind in documents_for(answers)}
    for name, data in sorted(files.items()):
        assert _problems(data) == [], f"{path.stem}/{name}"


def test_shipped_reference_document_is_valid(wml: None) -> None:
    from cxacq.resources import reference_docx_path

    assert _problems(reference_docx_path().read_bytes()) == []


def _replace_part(data: bytes, part: str, edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, edit(content) if info.filename == part else content)
    return out.getvalue()


@pytest.fixture(scope="module")
def minimal_document(example_package) -> bytes:
    path = next(p for p in example_paths() if p.stem == "minimal")
    return example_package(path)[doc_file("acquisition-strategy")]


def test_two_paragraph_properties_are_reported(wml: None, minimal_document: bytes) -> None:
    broken = _replace_part(
        minimal_document, "word/document.xml",
        lambda xml: xml.replace(b"</w:pPr>", b'</w:pPr><w:pPr><w:jc w:val="left"/></w:pPr>', 1),
    )
    problems = _problems(broken)
    assert any(p.startswith("word/document.xml:") and "'w:pPr': This element is not expected"
               in p for p in problems), problems


def test_element_out_of_order_is_reported(wml: None, minimal_document: bytes) -> None:
    # w:jc must come after w:spacing and w:ind; put it before w:pStyle
    broken = _replace_part(
        minimal_document, "word/document.xml",
        lambda xml: xml.replace(b"<w:pPr><w:pStyle", b'<w:pPr><w:jc w:val="left"/><w:pStyle', 1),
    )
    problems = _problems(broken)
    assert any("'w:pStyle': This element is not expected" in p for p in problems), problems


def test_run_properties_out_of_office_order_are_reported(
    wml: None, minimal_document: bytes
) -> None:
    broken = _replace_part(
        minimal_document, "word/document.xml",
        lambda xml: xml.replace(b"<w:rPr><w:b/>", b"<w:rPr><w:i/><w:b/>", 1),
    )
    assert any("w:b after w:i in w:rPr" in p for p in _problems(broken))


def test_package_structure_problems_are_reported(wml: None, minimal_document: bytes) -> None:
    with_logo = io.BytesIO(minimal_document)
    with zipfile.ZipFile(with_logo, "a") as z:
        z.writestr("word/media/logo.png", b"\x89PNG")  # no Default for .png, no Override
    assert any("part /word/media/logo.png has no content type" in p
               for p in _problems(with_logo.getvalue()))
    dangling = _replace_part(
        minimal_document, "word/_rels/document.xml.rels",
        lambda xml: xml.replace(b'Target="styles.xml"', b'Target="missing.xml"', 1),
    )
    assert any("targets 'missing.xml', which is not in the package" in p
               for p in _problems(dangling))
    assert _problems(b"not a zip")[0].startswith("[zip]:0: not a zip archive")


def test_markup_compatibility_is_applied(wml: None, minimal_document: bytes) -> None:
    # the document declares w14 and names it in mc:Ignorable, as Word does
    para_id = _replace_part(
        minimal_document, "word/document.xml",
        lambda xml: xml.replace(b"<w:p>", b'<w:p w14:paraId="1A2B3C4D">', 1),
    )
    assert _problems(para_id) == []
    not_ignorable = _replace_part(
        para_id, "word/document.xml",
        lambda xml: xml.replace(b'mc:Ignorable="w14 wp14"', b'mc:Ignorable="wp14"', 1),
    )
    assert any("paraId" in p for p in _problems(not_ignorable))


def test_workbook_is_checked_against_spreadsheetml() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cost estimate"
    sheet.append(["Labor category", "Hours", "Rate", "Cost"])
    sheet.append(["Service designer", 1920, 165.0, "=B2*C2"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    assert _problems(data) == []
    broken = _replace_part(
        data, "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData><nonsense/>", 1),
    )
    assert any(p.startswith("xl/worksheets/sheet1.xml:") for p in _problems(broken))


def test_customised_reference_case_is_itself_valid(wml: None) -> None:
    assert _problems(CUSTOMISED.read_bytes()) == []
    names = zipfile.ZipFile(CUSTOMISED).namelist()
    assert {"customXml/item2.xml", "word/media/image1.png", "docProps/custom.xml",
            "word/header1.xml", "word/footer1.xml", "word/webSettings.xml"} <= set(names)


# Two examples that between them hold every kind of document any example holds (checked
# below): what the customised reference changes is per kind of document (its styles,
# header, settings), and every document of every example is already held to the schemas on
# the shipped reference (test_every_document_of_every_example_is_valid).
ON_CUSTOMISED = ("fema-disaster-assistance", "cbp-global-entry-renewal")


def test_the_examples_on_the_customised_reference_hold_every_kind_of_document() -> None:
    def kinds(paths: list[Path]) -> set[str]:
        return {kind.key for path in paths for kind in documents_for(load_and_validate(path))}

    chosen = [path for path in example_paths() if path.stem in ON_CUSTOMISED]
    assert len(chosen) == len(ON_CUSTOMISED)
    assert kinds(chosen) == kinds(example_paths())


@pytest.mark.parametrize("name", ON_CUSTOMISED)
def test_documents_on_a_reference_customised_in_word_are_valid(wml: None, name: str) -> None:
    path = next(path for path in example_paths() if path.stem == name)
    for name, data in sorted(_rendered(path, reference=CUSTOMISED).items()):
        assert _problems(data) == [], f"{path.stem}/{name} on {CUSTOMISED.name}"
        if not name.endswith(".docx"):
            continue  # the workbook takes nothing from a Word reference
        package = zipfile.ZipFile(io.BytesIO(data))
        # what the user customised is kept ...
        assert b'w:left="1800"' in package.read("word/document.xml")
        styles = package.read("word/styles.xml")
        assert b'w:ascii="Georgia"' in styles and b'w:styleId="AgencyTable"' in styles
        assert b'name="DHS Agency Theme"' in package.read("word/theme/theme1.xml")
        assert b'<w:tab w:val="right" w:pos="8640"/>' in package.read("word/header1.xml")
        assert b'w:percent="120"' in package.read("word/settings.xml")
        # ... and what a reference must not carry into a package is not
        assert not [n for n in package.namelist()
                    if n.startswith(("customXml/", "word/media/")) or n == "docProps/custom.xml"]
