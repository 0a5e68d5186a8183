"""Package-level work: properties, app.xml, the reproducible zip, the cleaned reference."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from cxacq.documents.doctree import DocMeta
from cxacq.errors import TemplateError

__all__ = [
    "MAX_PART_BYTES", "clean_package", "normalize_members", "normalize_package", "package_members",
    "set_core_properties", "write_member",
]

_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>cxacq</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<AppVersion>1.0000</AppVersion></Properties>"
)


def set_core_properties(document: object, meta: DocMeta) -> None:
    """Set every core property from ``meta``; nothing from python-docx's template survives."""
    props = document.core_properties  # type: ignore[attr-defined]
    stamp = meta.timestamp.astimezone(dt.UTC).replace(tzinfo=None)
    props.title = meta.title + (f": {meta.program}" if meta.program else "")
    props.subject = meta.subject
    props.author = meta.author
    props.last_modified_by = meta.author
    props.keywords = ", ".join(meta.keywords)
    props.language = meta.language
    props.category = "Acquisition"
    props.comments = f"{meta.title}, version {meta.version}"
    props.content_status = "Draft"
    props.identifier = ""
    props.version = meta.version
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def normalize_package(data: bytes, meta: DocMeta) -> bytes:
    """Re-pack the zip with a fixed order, timestamps and attributes; drop the thumbnail."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return normalize_members({name: source.read(name) for name in source.namelist()}, meta)


def package_members(document: Any) -> dict[str, bytes]:
    """Return the members a python-docx document would save, by name, without zipping them.

    It is python-docx's own ``PackageWriter`` (content types, package relationships,
    every part and its relationships) writing into a dict, so the bytes of each member
    are those ``document.save`` writes; :func:`normalize_members` zips them once.
    """
    from docx.opc.pkgwriter import PackageWriter

    members: dict[str, bytes] = {}

    class _Collect:
        def write(self, uri: Any, blob: bytes) -> None:
            members[uri.membername] = blob

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    collect = _Collect()
    PackageWriter._write_content_types_stream(collect, package.parts)
    PackageWriter._write_pkg_rels(collect, package.rels)
    PackageWriter._write_parts(collect, package.parts)  # type: ignore[arg-type]
    return members


def normalize_members(members: dict[str, bytes], meta: DocMeta) -> bytes:
    """Zip ``members`` with a fixed order, timestamps and attributes; drop the thumbnail."""
    stamp = max(meta.timestamp.astimezone(dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    names = [n for n in members if not n.startswith("docProps/thumbnail")]
    names.sort(key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = members[name]
            if name == "[Content_Types].xml":
                content = content.replace(
                    b'<Override PartName="/docProps/thumbnail.jpeg" '
                    b'ContentType="image/jpeg"/>', b""
                )
            elif name == "_rels/.rels":
                content = _drop_thumbnail_rel(content)
            elif name == "docProps/app.xml":
                content = _APP_XML.format(company=_escape(meta.author)).encode("utf-8")
            write_member(target, name, content, date_time)
    return out.getvalue()


def write_member(
    target: zipfile.ZipFile, name: str, content: bytes, date_time: tuple[int, ...]
) -> None:
    """Write one zip member with a fixed time, mode and system, so equal input gives equal bytes."""
    info = zipfile.ZipInfo(name, date_time=date_time)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    target.writestr(info, content)


def _drop_thumbnail_rel(content: bytes) -> bytes:
    import re

    return re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", content)


# -- the reference document, reduced to what cxacq takes from it ------------------------

MAX_PART_BYTES = 8 * 2**20  # Word's own styles.xml is about 0.4 MB
MAX_TOTAL_BYTES = 24 * 2**20
MAX_MEMBERS = 1000
_CHUNK = 64 * 1024
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RT = _R + "/"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# relationship type -> (part name in the cleaned package, root element, content type)
_TAKEN = {
    "styles": ("word/styles.xml", f"{{{_W}}}styles", _WML + "styles+xml"),
    "numbering": ("word/numbering.xml", f"{{{_W}}}numbering", _WML + "numbering+xml"),
    "settings": ("word/settings.xml", f"{{{_W}}}settings", _WML + "settings+xml"),
    "fontTable": ("word/fontTable.xml", f"{{{_W}}}fonts", _WML + "fontTable+xml"),
    "theme": (
        "word/theme/theme1.xml", "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
        "application/vnd.openxmlformats-officedocument.theme+xml",
    ),
    "header": ("word/header{n}.xml", f"{{{_W}}}hdr", _WML + "header+xml"),
    "footer": ("word/footer{n}.xml", f"{{{_W}}}ftr", _WML + "footer+xml"),
}
# An element that refers to a relationship we do not carry goes, with the nearest of these
# around it (a picture, an embedded object, a picture bullet), so nothing is left dangling.
_HOLDERS = {
    f"{{{_W}}}drawing", f"{{{_W}}}pict", f"{{{_W}}}object", f"{{{_MC}}}AlternateContent",
    f"{{{_W}}}numPicBullet", f"{{{_W}}}embedRegular",
}
# Settings that would lock or tie every output to something outside it.
_DROPPED_SETTINGS = ("documentProtection", "writeProtection", "attachedTemplate", "mailMerge")


class _Reader:
    """Inflate members of an untrusted zip in bounded chunks, within size limits."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        self.total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise self.error(
                "the reference document is not a valid Word file (not a zip)"
            ) from None
        if len(infos) > MAX_MEMBERS:
            raise self.error(f"the reference document has {len(infos)} parts; the limit is "
                             f"{MAX_MEMBERS}")

    def error(self, message: str) -> TemplateError:
        return TemplateError(message, path=self.where,
                             hint="open it in Word and save it again as a Word Document (.docx)")

    def read(self, name: str) -> bytes | None:
        """Return a member's bytes, or None when there is no such member."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise self._too_large(name, info.file_size)
        chunks, size = [], 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    if size > MAX_PART_BYTES:  # zipfile stops at the declared size; be sure
                        raise self._too_large(name, size)
                    chunks.append(chunk)
        except TemplateError:
            raise
        except Exception as exc:  # noqa: BLE001 - zlib, CRC, encryption, unsupported method
            raise self.error(f"the reference document's part {name} cannot be read "
                             f"({type(exc).__name__})") from None
        self.total += size
        if self.total > MAX_TOTAL_BYTES:
            raise self.error(f"the reference document's parts inflate to more than "
                             f"{MAX_TOTAL_BYTES // 2**20} MB")
        return b"".join(chunks)

    def _too_large(self, name: str, size: int) -> TemplateError:
        return self.error(f"the reference document's part {name} inflates to more than "
                          f"{MAX_PART_BYTES // 2**20} MB (at least {size / 2**20:.1f} MB)")

    def xml(self, name: str) -> Any:
        from lxml import etree

        data = self.read(name)
        if data is None:
            raise self.error(f"the reference document names the part {name}, which it lacks")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise self.error(f"the reference document's part {name} is not well-formed XML "
                             f"(line {exc.lineno})") from None


def _relationships(reader: _Reader, part: str) -> list[tuple[str, str, str]]:
    """Return (id, type, target part) of every internal relationship of ``part``."""
    import posixpath

    folder, leaf = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", leaf + ".rels")
    if reader.read(rels_name) is None:
        return []
    out = []
    for rel in reader.xml(rels_name).iter(f"{{{_PKG}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue  # an attached template, a linked picture: never carried
        target = rel.get("Target", "")
        path = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target)))
        out.append((rel.get("Id", ""), rel.get("Type", ""), path))
    return out


def _strip_references(root: Any, keep: set[str]) -> None:
    """Remove whatever refers to a relationship other than the ids in ``keep``."""
    for element in list(root.iter()):
        refs = [a for a in element.attrib if a.startswith(f"{{{_R}}}")]
        if not refs or all(element.get(a) in keep for a in refs):
            continue
        if element.tag == f"{{{_W}}}hyperlink":
            for attr in refs:
                del element.attrib[attr]
            continue
        doomed = element
        for ancestor in element.iterancestors():
            if ancestor.tag in _HOLDERS:
                doomed = ancestor
        parent = doomed.getparent()
        if parent is not None:
            parent.remove(doomed)


def _tidy_settings(root: Any) -> None:
    for name in _DROPPED_SETTINGS:
        for element in root.findall(f"{{{_W}}}{name}"):
            root.remove(element)
    for holder in ("footnotePr", "endnotePr"):  # separators live in parts we do not carry
        for pr in root.findall(f"{{{_W}}}{holder}"):
            for ref in pr.findall(f"{{{_W}}}{holder[:-2]}"):
                pr.remove(ref)
    zoom = root.find(f"{{{_W}}}zoom")
    if zoom is not None and zoom.get(f"{{{_W}}}percent") is None:
        zoom.set(f"{{{_W}}}percent", "100")  # required by the schema


def _tidy_numbering(root: Any) -> None:
    pictures = {p.get(f"{{{_W}}}numPicBulletId") for p in root.iter(f"{{{_W}}}numPicBullet")}
    for ref in list(root.iter(f"{{{_W}}}lvlPicBulletId")):
        if ref.get(f"{{{_W}}}val") not in pictures:
            ref.getparent().remove(ref)


_CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp='
    b'"http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
)
_PACKAGE_RELS = (
    '<Relationship Id="rId1" Type="{rt}officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="{rt}extended-properties" Target="docProps/app.xml"/>'
)


def clean_package(data: bytes, where: str) -> bytes:
    """Return a .docx holding only what cxacq takes from a reference document.

    Taken: the styles, numbering, settings, theme and font table parts, the
    last section's properties (page size, margins, columns) and the header and
    footer parts that section names. Everything else is left behind: body text,
    macros (``vbaProject.bin``), custom XML, pictures and other media, embedded
    fonts, comments, external relationships (an attached template), and any
    element that refers to a part not carried. Settings that protect the
    document or attach a template are dropped. Each part is inflated in bounded
    chunks and refused beyond :data:`MAX_PART_BYTES`, so a zip bomb fails fast.

    Raises:
        TemplateError: The bytes are not a usable Word document, a part is too
            large or malformed, or the document has no section properties.
    """
    from lxml import etree

    reader = _Reader(data, where)
    main = next((t for _, kind, t in _relationships(reader, "")
                 if kind == _RT + "officeDocument"), None)
    if main is None:
        raise reader.error("the reference document has no main document part")
    document = reader.xml(main)
    if document.tag != f"{{{_W}}}document":
        raise reader.error(f"the reference document's main part {main} is not a Word "
                           "(WordprocessingML transitional) document")
    body = document.find(f"{{{_W}}}body")
    section = body[-1] if body is not None and len(body) else None
    if section is None or section.tag != f"{{{_W}}}sectPr":
        raise reader.error("the reference document has no section properties (page set-up); "
                           f"{main} must end with w:sectPr")
    for child in list(body)[:-1]:
        body.remove(child)
    used = {ref.get(f"{{{_R}}}id") for ref in section
            if ref.tag in (f"{{{_W}}}headerReference", f"{{{_W}}}footerReference")}
    parts: dict[str, Any] = {}
    rels: list[tuple[str, str, str]] = []
    types: dict[str, str] = {}
    counts = {"header": 0, "footer": 0}
    for rid, kind, target in _relationships(reader, main):
        short = kind.removeprefix(_RT)
        if kind == short or short not in _TAKEN:
            continue
        name, root_tag, content_type = _TAKEN[short]
        if short in counts:
            if rid not in used:
                continue
            counts[short] += 1
            name = name.format(n=counts[short])
        elif name in parts:
            continue  # a second styles part (say): only the first counts
        root = reader.xml(target)
        if root.tag != root_tag:
            raise reader.error(f"the reference document's {short} part {target} is not a "
                               f"{short} part")
        _strip_references(root, set())
        if short == "settings":
            _tidy_settings(root)
        elif short == "numbering":
            _tidy_numbering(root)
        parts[name] = root
        rels.append((rid, short, name.removeprefix("word/")))
        types[name] = content_type
    if "word/styles.xml" not in parts:
        raise reader.error("the reference document has no styles part (word/styles.xml)")
    _strip_references(document, {rid for rid, _, _ in rels})
    parts["word/document.xml"] = document
    types["word/document.xml"] = _WML + "document.main+xml"
    ct_root = etree.Element("Types", nsmap={
        None: "http://schemas.openxmlformats.org/package/2006/content-types"})
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    etree.SubElement(ct_root, f"{ns}Default", Extension="rels",
                     ContentType="application/vnd.openxmlformats-package.relationships+xml")
    etree.SubElement(ct_root, f"{ns}Default", Extension="xml", ContentType="application/xml")
    overrides = {
        **types,
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    for name, content_type in sorted(overrides.items()):
        etree.SubElement(ct_root, f"{ns}Override", PartName=f"/{name}", ContentType=content_type)
    document_rels = "".join(
        f'<Relationship Id="{_escape_attr(rid)}" Type="{_RT}{kind}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    members = {
        "[Content_Types].xml": etree.tostring(ct_root, xml_declaration=True, encoding="UTF-8",
                                              standalone=True),
        "_rels/.rels": _rels_xml(_PACKAGE_RELS.format(rt=_RT)),
        "docProps/core.xml": _CORE_XML,
        "docProps/app.xml": _APP_XML.format(company="").encode("utf-8"),
        "word/_rels/document.xml.rels": _rels_xml(document_rels),
        **{name: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
           for name, root in parts.items()},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


def _escape_attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def _rels_xml(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
        f'"{_PKG}">{body}</Relationships>'
    ).encode()
