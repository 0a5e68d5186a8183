"""Will Word open it? Schema and package checks for .docx and .xlsx files.

``validate_package(data)`` returns every problem in an Office Open XML package
(WordprocessingML or SpreadsheetML), as ``Problem(part, line, message)``:

- package structure (Open Packaging Conventions): no duplicate zip entry, a
  ``[Content_Types].xml``, a content type for every part, and an existing target
  for every internal relationship;
- every XML part whose root namespace the schema set covers is validated against
  the ECMA-376 5th edition transitional schemas in ``tests/data/ooxml-xsd/``
  (the standard Word implements), after markup compatibility (ECMA-376 Part 3)
  is applied the way a consumer that knows only the ECMA namespaces applies it;
- the children of every ``w:rPr`` follow the order of ECMA-376 1st edition,
  which Word's Open XML SDK enforces (ISO 29500 transitional allows any order).

Based on the shared ``ooxml_validate.py`` tool: the same driver-schema approach
(one in-memory schema that imports every namespace once, so no schema is fetched
from the network) and the same markup-compatibility rules. Each schema set is
parsed once per process (``schema_set``), which keeps the tests fast.
"""

from __future__ import annotations

import collections
import functools
import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

__all__ = ["Problem", "schema_set", "validate_package"]

XSD = Path(__file__).resolve().parent / "data" / "ooxml-xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
ECMA = "ecma-376-transitional"

# Parts every package carries, whatever its kind.
_COMMON = [
    (XML_NS, "w3c/xml.xsd"),
    ("http://purl.org/dc/elements/1.1/", "dublin-core/dc.xsd"),
    ("http://purl.org/dc/terms/", "dublin-core/dcterms.xsd"),
    ("http://purl.org/dc/dcmitype/", "dublin-core/dcmitype.xsd"),
    (CT_NS, "opc/opc-contentTypes.xsd"),
    (PKG_REL, "opc/opc-relationships.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
     "opc/opc-coreProperties.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     f"{ECMA}/shared-documentPropertiesExtended.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
     f"{ECMA}/shared-documentPropertiesCustom.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/customXml",
     f"{ECMA}/shared-customXmlDataProperties.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/bibliography",
     f"{ECMA}/shared-bibliography.xsd"),
]
# The vocabulary of each kind of package; XML_NS comes first (wml.xsd imports it
# without a location), and a namespace imported twice is loaded once.
IMPORTS = {
    "wordprocessingml": [
        _COMMON[0],
        (W, f"{ECMA}/wml.xsd"),
        ("urn:schemas-microsoft-com:vml", f"{ECMA}/vml-main.xsd"),
        *_COMMON[1:],
    ],
    "spreadsheetml": [
        _COMMON[0],
        (S, f"{ECMA}/sml.xsd"),
        ("urn:schemas-microsoft-com:vml", f"{ECMA}/vml-main.xsd"),
        *_COMMON[1:],
    ],
}
# Namespaces the schemas define beyond the ones imported directly (they import the rest).
_DEFINED = {
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
    "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
    "urn:schemas-microsoft-com:office:excel",
    "urn:schemas-microsoft-com:office:powerpoint",
}
# Markup in any other namespace is "not understood" in the markup-compatibility sense.
UNDERSTOOD = {ns for imports in IMPORTS.values() for ns, _ in imports} | _DEFINED

PREFIX = {
    W: "w", S: "s", MC: "mc", XML_NS: "xml", PKG_REL: "rel", CT_NS: "ct",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "ep",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "urn:schemas-microsoft-com:vml": "v",
    "urn:schemas-microsoft-com:office:office": "o",
    "http://schemas.microsoft.com/office/word/2010/wordml": "w14",
    "http://schemas.microsoft.com/office/word/2012/wordml": "w15",
}


@dataclass(frozen=True)
class Problem:
    """One thing that makes a package invalid."""

    part: str  # zip member name, or "[zip]" for the archive itself
    line: int  # line in the part as stored (0 when unknown)
    message: str

    def __str__(self) -> str:
        return f"{self.part}:{self.line}: {self.message}"


@dataclass(frozen=True)
class SchemaSet:
    """The compiled schema for one kind of package, and the w:rPr child order."""

    kind: str
    schema: etree.XMLSchema
    rpr_order: dict[str, int]


@functools.cache
def schema_set(kind: str) -> SchemaSet:
    """Return the compiled schema set for ``kind`` (parsed once per process)."""
    body = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(XSD / rel).as_uri()}"/>'
        for ns, rel in IMPORTS[kind]
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{body}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    schema = etree.XMLSchema(etree.fromstring(driver.encode(), parser))
    return SchemaSet(kind, schema, _rpr_order() if kind == "wordprocessingml" else {})


def _rpr_order() -> dict[str, int]:
    """Return the child order of w:rPr as ECMA-376 1st edition fixes it.

    ISO 29500 transitional made EG_RPrBase a repeatable choice (any order) but
    lists its elements in the 1st edition's sequence order, which is read here.
    """
    xs = "{http://www.w3.org/2001/XMLSchema}"
    tree = etree.parse(str(XSD / ECMA / "wml.xsd"))
    group = tree.find(f'{xs}group[@name="EG_RPrBase"]')
    names = ["ins", "del", "moveFrom", "moveTo"]
    names += [e.get("name") for e in group.iter(f"{xs}element")]
    names.append("rPrChange")
    return {name: index for index, name in enumerate(names)}


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _short(text: str) -> str:
    """Write ``{namespace}local`` as ``prefix:local`` in libxml2 messages."""
    import re

    def sub(match: re.Match[str]) -> str:
        ns, local = match.group(1), match.group(2)
        return f"{PREFIX[ns]}:{local}" if ns in PREFIX else f"{{{ns}}}{local}"

    return re.sub(r"\{([^}]*)\}([\w.-]+)", sub, text)


class _Compatibility:
    """Apply markup compatibility (ECMA-376 Part 3) to a tree in place."""

    def __init__(self) -> None:
        self.errors: list[tuple[int, str]] = []

    def _namespaces(self, el: etree._Element, value: str | None) -> set[str]:
        out = set()
        for prefix in (value or "").split():
            uri = el.nsmap.get(prefix)
            if uri is None:
                self.errors.append(
                    (el.sourceline or 0, f"mc: prefix {prefix!r} is not declared")
                )
            else:
                out.add(uri)
        return out

    def _qnames(self, el: etree._Element, value: str | None) -> set[tuple[str, str]]:
        out = set()
        for qname in (value or "").split():
            prefix, _, local = qname.partition(":")
            uri = el.nsmap.get(prefix)
            if uri is not None:
                out.add((uri, local))
        return out

    def apply(self, root: etree._Element) -> None:
        self._walk(root, frozenset(), frozenset())

    def _walk(self, el: etree._Element, ignorable: frozenset[str],
              process: frozenset[tuple[str, str]]) -> None:
        ign = set(ignorable) | self._namespaces(el, el.get(f"{{{MC}}}Ignorable"))
        proc = set(process) | self._qnames(el, el.get(f"{{{MC}}}ProcessContent"))
        for uri in self._namespaces(el, el.get(f"{{{MC}}}MustUnderstand")):
            if uri not in UNDERSTOOD:
                self.errors.append(
                    (el.sourceline or 0, f"mc:MustUnderstand names {uri}, which no schema covers")
                )
        for attr in list(el.attrib):
            ans = _ns(attr)
            if ans == MC or (ans and ans not in UNDERSTOOD and ans in ign):
                del el.attrib[attr]
        for child in list(el):
            if isinstance(child.tag, str):  # not a comment or processing instruction
                self._child(el, child, frozenset(ign), frozenset(proc))

    def _child(self, parent: etree._Element, child: etree._Element, ign: frozenset[str],
               proc: frozenset[tuple[str, str]]) -> None:
        cns = _ns(child.tag)
        if child.tag == f"{{{MC}}}AlternateContent":
            chosen = None
            for branch in child:
                if branch.tag == f"{{{MC}}}Choice":
                    required = self._namespaces(branch, branch.get("Requires"))
                    if required and required <= UNDERSTOOD:
                        chosen = branch
                        break
                elif branch.tag == f"{{{MC}}}Fallback":
                    chosen = branch
                    break
            self._replace(parent, child, chosen, ign, proc)
            return
        if cns and cns not in UNDERSTOOD and cns in ign:
            local = etree.QName(child).localname
            if (cns, local) in proc or (cns, "*") in proc:
                self._replace(parent, child, child, ign, proc)
            else:
                self._remove(parent, child)
            return
        self._walk(child, ign, proc)

    @staticmethod
    def _remove(parent: etree._Element, child: etree._Element) -> None:
        if child.tail:  # keep the text that followed the removed element
            previous = child.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + child.tail
            else:
                parent.text = (parent.text or "") + child.tail
        parent.remove(child)

    def _replace(self, parent: etree._Element, child: etree._Element,
                 source: etree._Element | None, ign: frozenset[str],
                 proc: frozenset[tuple[str, str]]) -> None:
        index = parent.index(child)
        kids = list(source) if source is not None else []
        self._remove(parent, child)
        for kid in kids:
            parent.insert(index, kid)
            index += 1
        if source is None:
            return
        inner = frozenset(set(ign) | self._namespaces(source, source.get(f"{{{MC}}}Ignorable")))
        for kid in kids:
            if isinstance(kid.tag, str):
                self._child(parent, kid, inner, proc)


def _rpr_order_problems(root: etree._Element, order: dict[str, int]) -> list[tuple[int, str]]:
    out = []
    for rpr in root.iter(f"{{{W}}}rPr"):
        last, last_name, seen = -1, "", set()
        for child in rpr:
            if not isinstance(child.tag, str) or _ns(child.tag) != W:
                continue
            name = etree.QName(child).localname
            index = order.get(name)
            if index is None:
                continue  # not an rPr child at all: the schema reports it
            where = _short(root.getroottree().getpath(child))
            if name in seen:
                out.append((child.sourceline or 0, f"w:rPr has a second w:{name} (at {where})"))
            elif index < last:
                out.append((child.sourceline or 0,
                            f"w:{name} after w:{last_name} in w:rPr: out of the Office "
                            f"schema order (at {where})"))
            seen.add(name)
            if index >= last:
                last, last_name = index, name
    return out


def _package_problems(z: zipfile.ZipFile) -> list[Problem]:
    out: list[Problem] = []
    names = [info.filename for info in z.infolist()]
    for name, count in collections.Counter(names).items():
        if count > 1:
            out.append(Problem("[zip]", 0, f"zip entry {name!r} appears {count} times"))
    present = set(names)
    if "[Content_Types].xml" not in present:
        return [*out, Problem("[zip]", 0, "no [Content_Types].xml")]
    try:
        types = etree.fromstring(z.read("[Content_Types].xml"))
    except etree.XMLSyntaxError:
        return out  # reported by the schema pass
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{{{CT_NS}}}Default")}
    overrides = {o.get("PartName", "").lower() for o in types.iter(f"{{{CT_NS}}}Override")}
    for name in names:
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        leaf = name.rsplit("/", 1)[-1]
        ext = leaf.rsplit(".", 1)[-1].lower() if "." in leaf else ""
        if f"/{name}".lower() not in overrides and ext not in defaults:
            out.append(Problem("[Content_Types].xml", 0, f"part /{name} has no content type"))
    for name in names:
        if not name.endswith(".rels"):
            continue
        source_dir = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.rels -> word
        try:
            rels = etree.fromstring(z.read(name))
        except etree.XMLSyntaxError:
            continue
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(source_dir, target)))
            if path not in present:
                out.append(Problem(name, rel.sourceline or 0,
                                   f"relationship {rel.get('Id')} targets {target!r}, "
                                   "which is not in the package"))
    return out


def _kind(z: zipfile.ZipFile) -> str:
    names = set(z.namelist())
    return "spreadsheetml" if "xl/workbook.xml" in names else "wordprocessingml"


def validate_package(source: bytes | Path | str) -> list[Problem]:
    """Return every schema and package problem of a .docx or .xlsx (bytes or path)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return [Problem("[zip]", 0, f"not a zip archive: {exc}")]
    with z:
        problems = _package_problems(z)
        schemas = schema_set(_kind(z))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        for info in z.infolist():
            name = info.filename
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                root = etree.fromstring(z.read(name), parser)
            except etree.XMLSyntaxError as exc:
                problems.append(Problem(name, exc.lineno or 0, f"not well-formed XML: {exc.msg}"))
                continue
            if _ns(root.tag) not in UNDERSTOOD:
                continue  # e.g. customXml/item1.xml: arbitrary data, no schema
            compatibility = _Compatibility()
            compatibility.apply(root)
            problems.extend(Problem(name, line, msg) for line, msg in compatibility.errors)
            if schemas.rpr_order and _ns(root.tag) == W:
                problems.extend(
                    Problem(name, line, msg)
                    for line, msg in _rpr_order_problems(root, schemas.rpr_order)
                )
            tree = etree.ElementTree(root)
            if not schemas.schema.validate(tree):
                for error in schemas.schema.error_log:
                    where = f" (at {_short(error.path)})" if error.path else ""
                    problems.append(Problem(name, error.line, _short(error.message) + where))
    return problems
