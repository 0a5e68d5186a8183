"""The accessibility self-check run on every rendered .docx (Section 508 basics).

It reads the finished package back, so it checks what Word will open, not what
the writer meant to write.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from typing import cast

from lxml import etree

__all__ = ["A11Y_RULES", "check_docx"]

A11Y_RULES: tuple[tuple[str, str], ...] = (
    ("A11Y-01", "The document title and language are set in its properties."),
    ("A11Y-02", "There is exactly one paragraph in the Title style."),
    ("A11Y-03", "Headings start at Heading 1 and never skip a level."),
    ("A11Y-04", "No heading is empty."),
    ("A11Y-05", "Every table's first row is a repeating header row."),
    ("A11Y-06", "Every image has alternative text."),
    ("A11Y-07", "No empty paragraphs are used for spacing (page breaks excepted)."),
    ("A11Y-08", "Link text is descriptive (not 'click here', 'here', 'link' or 'more')."),
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {
    "w": _W[1:-1],
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
_VAGUE_LINKS = {"click here", "here", "link", "more", "read more", "this link"}
# Tags in Clark notation: a plain tag lookup is several times quicker than a namespaced
# path, which lxml parses again on every call (and there are hundreds of paragraphs).
_P, _PPR, _PSTYLE, _T, _TC, _BR, _FLD_CHAR, _DRAWING, _VAL = (
    _W + tag for tag in ("p", "pPr", "pStyle", "t", "tc", "br", "fldChar", "drawing", "val")
)
_HEADING = re.compile(r"heading (\d)")


def _style_element(p: etree._Element) -> etree._Element | None:
    """Return the paragraph's first ``w:pPr/w:pStyle``, as ``find`` with that path does."""
    for properties in p.iterchildren(_PPR):
        style = properties.find(_PSTYLE)
        if style is not None:
            return style
    return None


def check_docx(data: bytes) -> list[str]:
    """Return the accessibility problems in a .docx package; empty when it passes."""
    package = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(package.read("word/document.xml"))
    core = etree.fromstring(package.read("docProps/core.xml"))
    names = _style_names(package.read("word/styles.xml"))
    problems: list[str] = []
    title = core.findtext("dc:title", default="", namespaces=_NS).strip()
    language = core.findtext("dc:language", default="", namespaces=_NS).strip()
    if not title or not language:
        problems.append("A11Y-01: the document title or language is not set")
    titles, previous = 0, 0
    for p in body.iter(_P):
        style_el = _style_element(p)
        # a w:pStyle without w:val looks up None, as it always has (a style without an id)
        style = names.get(cast(str, style_el.get(_VAL)), "").lower() \
            if style_el is not None else ""
        text = "".join(t.text or "" for t in p.iter(_T)).strip()
        if style == "title":
            titles += 1
        match = _HEADING.fullmatch(style)
        if match:
            level = int(match.group(1))
            if level > previous + 1:
                problems.append(
                    f"A11Y-03: heading '{text[:40]}' skips from level {previous} to {level}"
                )
            previous = level
            if not text:
                problems.append("A11Y-04: an empty heading")
        if not text and next(p.iter(_BR, _FLD_CHAR, _DRAWING), None) is None \
                and p.getparent().tag != _TC:
            problems.append("A11Y-07: an empty paragraph")
    if titles != 1:
        problems.append(f"A11Y-02: {titles} paragraphs use the Title style; there must be one")
    for tbl in body.iter(f"{_W}tbl"):
        first = tbl.find("w:tr", _NS)
        if first is None or first.find("w:trPr/w:tblHeader", _NS) is None:
            problems.append("A11Y-05: a table has no header row")
    for doc_pr in body.iter(f"{{{_NS['wp']}}}docPr"):
        if not (doc_pr.get("descr") or "").strip():
            problems.append("A11Y-06: an image has no alternative text")
    for link in body.iter(f"{_W}hyperlink"):
        text = "".join(t.text or "" for t in link.iter(f"{_W}t")).strip().lower()
        if text in _VAGUE_LINKS or not text:
            problems.append(f"A11Y-08: link text '{text}' does not say where it goes")
    return problems


@functools.lru_cache(maxsize=4)
def _style_names(styles_xml: bytes) -> dict[str, str]:
    """Return each style's name by id; every document on one reference has the same styles."""
    styles = etree.fromstring(styles_xml)
    return {
        s.get(f"{_W}styleId"): s.find("w:name", _NS).get(f"{_W}val")
        for s in styles.findall("w:style", _NS)
        if s.find("w:name", _NS) is not None
    }
