"""The reference document: page set-up and the Word styles every output uses.

``build_reference()`` makes ``templates/reference.docx`` reproducibly from
python-docx's default template (``make reference`` or
``scripts/make_reference_docx.py``). ``clean_reference()`` reads a reference
(the shipped one or a user's) within size limits and keeps only what the README
promises to take from it; ``check_styles()`` proves it has what the writer needs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import json
import os
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxacq.documents.doctree import DocMeta
from cxacq.documents.render import cache_dir
from cxacq.engine.writers import docx_package
from cxacq.engine.writers.docx_package import clean_package, normalize_package, set_core_properties
from cxacq.errors import TemplateError

__all__ = [
    "MAX_REFERENCE_BYTES",
    "REQUIRED_STYLES",
    "build_reference",
    "check_reference",
    "check_styles",
    "clean_reference",
    "open_reference",
    "reference_template",
    "require_styles",
]

MAX_REFERENCE_BYTES = 20 * 2**20  # a reference saved by Word is well under 1 MB
REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Body Text",
    "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
    "List Number 3", "Table Grid", "Hyperlink", "TOC Heading", "toc 1", "toc 2", "toc 3",
    "Caption", "Intense Quote", "Header", "Footer",
)
LIST_STYLES = (
    "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
    "List Number 3",
)
_STYLE_TYPES = {"Hyperlink": "character", "Table Grid": "table"}  # all others: paragraph
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build_reference() -> bytes:
    """Return the bytes of the shipped reference document (identical every run)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt, RGBColor

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
    for name in LIST_STYLES:
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
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None:  # python-docx's template leaves out the required w:percent
        zoom.set(qn("w:percent"), "100")
    meta = DocMeta(
        title="cxacq reference document", subtitle=None, program="", office="", version="1",
        date=_EPOCH.date(), timestamp=_EPOCH, author="cxacq", subject="Styles and page set-up",
    )
    set_core_properties(document, meta)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_package(buffer.getvalue(), meta)


def _read_bounded(path: Path) -> tuple[bytes, tuple[int, int]]:
    """Return a regular file's bytes (at most the size limit) and its (size, mtime).

    The file is opened without blocking and checked with ``fstat``, so a FIFO or
    a device is refused instead of read (which could hang or never end).

    Raises:
        TemplateError: The path is missing, a folder, not a regular file,
            unreadable or too large.
    """
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise TemplateError("the reference document does not exist", path=where) from None
    except OSError as exc:
        raise TemplateError(
            f"the reference document cannot be read ({exc.strerror or type(exc).__name__})",
            path=where,
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise TemplateError(
                "the reference document is a folder, not a Word file", path=where,
                hint="give the path of a .docx file",
            )
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError(
                "the reference document is not a regular file (a device, pipe or socket)",
                path=where, hint="give the path of a .docx file",
            )
        if info.st_size > MAX_REFERENCE_BYTES:
            raise TemplateError(
                f"the reference document is {info.st_size / 2**20:.1f} MB; the limit is "
                f"{MAX_REFERENCE_BYTES // 2**20} MB",
                path=where, hint="remove pictures and embedded fonts from it in Word",
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_REFERENCE_BYTES and (chunk := os.read(fd, 2**20)):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > MAX_REFERENCE_BYTES:  # it grew after fstat
        raise TemplateError("the reference document changed while it was read", path=where)
    return data, (info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _cleaned(where: str, _stamp: tuple[int, int], data: bytes) -> bytes:
    return clean_package(data, where)


def clean_reference(path: Path) -> bytes:
    """Return the reference document reduced to what cxacq takes from it.

    That is the styles, numbering, settings, theme and font table, the page
    set-up (the last section's properties) and the header and footer parts that
    section uses, each part limited in size; see
    :func:`cxacq.engine.writers.docx_package.clean_package`. The result is cached per
    file, size and modification time, so a batch reads the reference once.

    Raises:
        TemplateError: The reference is missing, not a regular file, too large,
            not a Word document, or lacks its styles or section properties.
    """
    data, stamp = _read_bounded(path)
    return _cleaned(str(path), stamp, data)


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


def _style_problem(message: str, path: Path) -> TemplateError:
    return TemplateError(
        message, path=str(path),
        hint="fix the style in Word (Styles → Modify), or start from cxacq's "
             "templates/reference.docx",
    )


def _num_id(style: Any) -> int | None:
    """Return the numbering a paragraph style links to, following its base styles."""
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            return int(ppr.numPr.numId.val)
        style = style.base_style
    return None


def check_styles(document: Any, path: Path) -> dict[str, int]:
    """Check a reference opened with python-docx; return each list style's numbering id.

    Every style cxacq uses must exist and be of the right type (Table Grid a
    table style, Hyperlink a character style, the rest paragraph styles), every
    list style must link to numbering that the numbering part defines, and the
    document must end with section properties (the page set-up).

    Raises:
        TemplateError: Naming ``path`` and the style or part at fault.
    """
    styles = {s.name: s for s in document.styles}
    require_styles(set(styles), REQUIRED_STYLES, path)
    for name in REQUIRED_STYLES:
        expected = _STYLE_TYPES.get(name, "paragraph")
        actual = {1: "paragraph", 2: "character", 3: "table", 4: "list"}.get(
            int(styles[name].type), "unknown"
        )
        if actual != expected:
            raise _style_problem(
                f"the style '{name}' in the reference document is a {actual} style; "
                f"it must be a {expected} style", path,
            )
    numbering = document.part.numbering_part.element
    defined = {n.numId: n for n in numbering.num_lst}
    abstracts = {int(a.get(f"{_W}abstractNumId", "-1")) for a in numbering.iter(f"{_W}abstractNum")}
    numbers: dict[str, int] = {}
    for name in LIST_STYLES:
        num_id = _num_id(styles[name])
        if not num_id:
            raise _style_problem(
                f"the style '{name}' in the reference document has no numbering "
                "(bullets or numbers)", path,
            )
        if num_id not in defined:
            raise _style_problem(
                f"the style '{name}' uses numbering {num_id}, which the reference "
                "document does not define (word/numbering.xml)", path,
            )
        if defined[num_id].abstractNumId.val not in abstracts:
            raise _style_problem(
                f"the style '{name}' uses numbering {num_id}, whose list definition "
                f"{defined[num_id].abstractNumId.val} is missing from word/numbering.xml", path,
            )
        numbers[name] = num_id
    if document.element.body.find(f"{_W}sectPr") is None:  # pragma: no cover - cleaned first
        raise TemplateError("the reference document has no section properties", path=str(path))
    return numbers


def open_reference(path: Path) -> tuple[Any, dict[str, int]]:
    """Return the cleaned reference as a python-docx document, and its list numbering ids.

    Raises:
        TemplateError: See :func:`clean_reference` and :func:`check_styles`.
    """
    import docx

    data = clean_reference(path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any failure means an unusable reference
        raise TemplateError(
            f"the reference document is not a valid Word file ({type(exc).__name__})",
            path=str(path),
        ) from None
    checked = _CHECKED.get((str(path), data))
    if checked is not None:  # the same cleaned bytes were checked before in this process
        return document, dict(checked)
    try:
        numbering_ids = check_styles(document, path)
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx on markup Word never writes
        raise TemplateError(
            f"the reference document's styles or numbering cannot be read ({type(exc).__name__})",
            path=str(path), hint="open it in Word and save it again as a Word Document (.docx)",
        ) from None
    if len(_CHECKED) >= 4:
        _CHECKED.clear()
    _CHECKED[(str(path), data)] = dict(numbering_ids)
    return document, numbering_ids


# The list numbering of each reference already checked, by path and cleaned bytes: every
# document of a run opens the same reference, and the check's answer cannot differ.
_CHECKED: dict[tuple[str, bytes], dict[str, int]] = {}


def check_reference(path: Path) -> None:
    """Check that ``path`` is a usable reference document (before a batch starts).

    Raises:
        TemplateError: See :func:`open_reference`.
    """
    open_reference(path)


@dataclass(frozen=True)
class ReferenceTemplate:
    """A checked reference, prepared once for every document written on it in a process.

    The styles part is most of a reference (Word's own is about 0.4 MB) and the writer
    never changes it, so it is parsed and serialized once here: each document opens
    ``light`` (the cleaned package with an empty styles part) and gets ``styles_blob``
    back as its styles member when it is saved, the very bytes python-docx writes for it.
    """

    light: bytes
    styles_member: str  # the styles part's name in the package, such as word/styles.xml
    styles_blob: bytes
    style_ids: dict[str, str]  # every style's name → its id
    numbering_ids: dict[str, int]  # each list style's numbering
    applied_ids: dict[str, str | None]  # the id python-docx writes when a style is applied


_TEMPLATES: dict[tuple[str, bytes], ReferenceTemplate] = {}
_APPLIED = ("Table Grid", "Header", "Footer")  # styles the writer applies through python-docx


def reference_template(path: Path) -> ReferenceTemplate:
    """Return the :class:`ReferenceTemplate` of the reference at ``path``.

    It is cached by path and cleaned bytes, like the style check, so a changed file is
    read afresh.

    A reference prepared once is kept in the user's cache folder (see
    :func:`cxacq.documents.render.cache_dir`), by its bytes and the code that prepares
    it, so a later run skips cleaning and checking it; a cache that cannot be read or
    written costs the preparation, nothing more.

    Raises:
        TemplateError: See :func:`open_reference`.
    """
    raw, stamp = _read_bounded(path)
    saved = _TEMPLATE_FILES.get((str(path), raw))
    if saved is not None:
        return saved
    cache_key = _cache_key(raw)
    template = _load_cached(cache_key)
    if template is None:
        template = _prepare(path, _cleaned(str(path), stamp, raw))
        _save_cached(cache_key, template)
    if len(_TEMPLATE_FILES) >= 4:
        _TEMPLATE_FILES.clear()
    _TEMPLATE_FILES[(str(path), raw)] = template
    return template


# Templates by path and raw bytes, so each document of a run skips even the cache file.
_TEMPLATE_FILES: dict[tuple[str, bytes], ReferenceTemplate] = {}
_CACHE_FORMAT = b"cxacq reference template 1"


def _cache_key(raw: bytes) -> str:
    """Return the cache entry's name: the reference's bytes and the code that prepares it."""
    import docx
    from lxml import etree

    digest = hashlib.sha256()
    for part in (_CACHE_FORMAT, f"{docx.__version__} {etree.LXML_VERSION}".encode(),
                 Path(__file__).read_bytes(),
                 Path(docx_package.__file__).read_bytes(), raw):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return f"reference-{digest.hexdigest()}.bin"


def _load_cached(name: str) -> ReferenceTemplate | None:
    """Return the template saved as ``name`` in the cache folder, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = (folder / name).read_bytes()
        size = int.from_bytes(data[:4], "big")
        header = json.loads(data[4:4 + size])
        light_end = 4 + size + header["light"]
        template = ReferenceTemplate(
            light=data[4 + size:light_end],
            styles_member=header["styles_member"],
            styles_blob=data[light_end:],
            style_ids=header["style_ids"],
            numbering_ids=header["numbering_ids"],
            applied_ids=header["applied_ids"],
        )
        if len(template.styles_blob) != header["styles"]:
            return None
    except Exception:  # noqa: BLE001 - a missing, damaged or foreign entry is prepared again
        return None
    return template


def _save_cached(name: str, template: ReferenceTemplate) -> None:
    """Save ``template`` in the cache folder as ``name``; any failure is ignored."""
    folder = cache_dir()
    if folder is None:
        return
    header = json.dumps({
        "styles_member": template.styles_member, "style_ids": template.style_ids,
        "numbering_ids": template.numbering_ids, "applied_ids": template.applied_ids,
        "light": len(template.light), "styles": len(template.styles_blob),
    }).encode("utf-8")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".reference-", delete=False) as f:
            f.write(len(header).to_bytes(4, "big") + header + template.light
                    + template.styles_blob)
        os.replace(f.name, folder / name)
    except OSError:
        with contextlib.suppress(OSError, NameError):
            os.unlink(f.name)


def _prepare(path: Path, data: bytes) -> ReferenceTemplate:
    """Check the cleaned reference ``data`` and prepare it for the writer."""
    key = (str(path), data)
    template = _TEMPLATES.get(key)
    if template is not None:
        return template
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.constants import RELATIONSHIP_TYPE

    document, numbering_ids = open_reference(path)
    styles_part = document.part.part_related_by(RELATIONSHIP_TYPE.STYLES)
    styles_member = styles_part.partname.membername
    empty = f'<w:styles xmlns:w="{_W[1:-1]}"/>'.encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    light = io.BytesIO()
    with zipfile.ZipFile(light, "w", compression=zipfile.ZIP_STORED) as target:
        for name in source.namelist():
            member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # not the clock's
            target.writestr(member, empty if name == styles_member else source.read(name))
    styles = document.styles
    template = ReferenceTemplate(
        light=light.getvalue(),
        styles_member=styles_member,
        styles_blob=styles_part.blob,
        style_ids={style.name: style.style_id for style in styles},
        numbering_ids=dict(numbering_ids),
        applied_ids={
            name: document.part.get_style_id(
                styles[name],
                WD_STYLE_TYPE.TABLE if name == "Table Grid" else WD_STYLE_TYPE.PARAGRAPH,
            )
            for name in _APPLIED
        },
    )
    if len(_TEMPLATES) >= 4:
        _TEMPLATES.clear()
    _TEMPLATES[key] = template
    return template
