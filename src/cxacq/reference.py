"""The reference document: page set-up and the Word styles every output uses.

``build_reference()`` makes ``templates/reference.docx`` reproducibly from
python-docx's default template (``make reference`` or
``scripts/make_reference_docx.py``); ``check_reference()`` vets a user's own.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from cxacq.errors import TemplateError

__all__ = ["REQUIRED_STYLES", "build_reference", "check_reference", "require_styles"]

REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Body Text",
    "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
    "List Number 3", "Table Grid", "Hyperlink", "TOC Heading", "toc 1", "toc 2", "toc 3",
    "Caption", "Intense Quote", "Header", "Footer",
)
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def build_reference() -> bytes:
    """Return the bytes of the shipped reference document (identical every run)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt, RGBColor

    from cxacq.doctree import DocMeta
    from cxacq.writers.docx_package import normalise_package, set_core_properties

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    body = styles["Body Text"]
    body.paragraph_format.space_after = Pt(8)
    body.paragraph_format.line_spacing = 1.1
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        heading = styles[name]
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)  # 10.9:1 contrast on white
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 10)
    styles["Title"].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
                 "List Number 2", "List Number 3"):
        styles[name].paragraph_format.space_after = Pt(4)
    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.underline = True
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    for level in (1, 2, 3):
        name = f"toc {level}"
        if name not in [s.name for s in styles]:
            toc = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            toc.base_style = normal
            toc.paragraph_format.left_indent = Inches(0.25 * (level - 1))
            toc.paragraph_format.space_after = Pt(2)
    meta = DocMeta(
        title="cxacq reference document", subtitle=None, program="", office="", version="1",
        date=_EPOCH.date(), timestamp=_EPOCH, author="cxacq", subject="Styles and page set-up",
    )
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None:  # python-docx's template leaves out the required w:percent
        zoom.set(qn("w:percent"), "100")
    set_core_properties(document, meta)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_package(buffer.getvalue(), meta)


def require_styles(present: set[str], required: tuple[str, ...] | list[str], path: Path) -> None:
    """Raise the one error for a reference document that lacks a style cxacq uses.

    Raises:
        TemplateError: A name in ``required`` is not in ``present``.
    """
    missing = [name for name in required if name not in present]
    if missing:
        raise TemplateError(
            f"the reference document is missing the style '{missing[0]}'"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
            path=str(path),
            hint=(
                "add it in Word (Styles → New Style), "
                "or start from cxacq's templates/reference.docx"
            ),
        )


def check_reference(path: Path) -> None:
    """Check that ``path`` is a Word document with every style cxacq uses.

    Raises:
        TemplateError: The file is missing, not a .docx, or lacks a style.
    """
    import docx

    if not path.is_file():
        raise TemplateError("the reference document does not exist", path=str(path))
    try:
        document = docx.Document(str(path))
        names = {s.name for s in document.styles}
        numbering = document.part.numbering_part
    except Exception as exc:  # noqa: BLE001 - any failure means an unusable reference
        raise TemplateError(
            f"the reference document is not a valid Word file ({type(exc).__name__})",
            path=str(path),
        ) from None
    require_styles(names, REQUIRED_STYLES, path)
    if numbering is None:  # pragma: no cover - python-docx creates one on access
        raise TemplateError("the reference document has no numbering definitions", path=str(path))
