"""Package-level fixes for python-docx output: properties, app.xml, reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from cxacq.doctree import DocMeta

__all__ = ["normalise_package", "set_core_properties"]

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


def normalise_package(data: bytes, meta: DocMeta) -> bytes:
    """Re-pack the zip with a fixed order, timestamps and attributes; drop the thumbnail."""
    stamp = max(meta.timestamp.astimezone(dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if not n.startswith("docProps/thumbnail")]
    names.sort(key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(
                    b'<Override PartName="/docProps/thumbnail.jpeg" '
                    b'ContentType="image/jpeg"/>', b""
                )
            elif name == "_rels/.rels":
                content = _drop_thumbnail_rel(content)
            elif name == "docProps/app.xml":
                content = _APP_XML.format(company=_escape(meta.author)).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            target.writestr(info, content)
    return out.getvalue()


def _drop_thumbnail_rel(content: bytes) -> bytes:
    import re

    return re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", content)
