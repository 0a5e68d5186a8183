"""Document tree → Word, on a reference document, with real styles only.

Paragraphs, runs and tables are built as raw WordprocessingML elements with lxml,
each made in place below its parent: python-docx's public API looks a style up by
scanning every style on each assignment, sets run text character by character and
reaches every table cell through a row and column search, which dominates a naive
writer's time.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from lxml.etree import SubElement

from cxacq.documents.doctree import (
    Block,
    BulletList,
    DocMeta,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    Notice,
    OrderedList,
    Paragraph,
    Strong,
    Table,
    Text,
    WriteIn,
    plain_text,
)
from cxacq.engine.reference import reference_template
from cxacq.engine.writers.docx_layout import column_widths, is_amount
from cxacq.engine.writers.docx_package import (
    normalize_members,
    package_members,
    set_core_properties,
)
from cxacq.errors import TemplateError
from cxacq.resources import reference_docx_path

__all__ = ["DocxWriter"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_NSMAP = {"w": W_NS}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_VAL = f"{_W}val"
# the tags and attributes of the elements made most often, in Clark notation
_R, _T, _RPR, _B, _I, _RSTYLE = (_W + tag for tag in ("r", "t", "rPr", "b", "i", "rStyle"))
_TC, _TCPR, _TCW, _P, _PPR, _PSTYLE, _SPACING, _JC = (
    _W + tag for tag in ("tc", "tcPr", "tcW", "p", "pPr", "pStyle", "spacing", "jc")
)
_PRESERVE = {_SPACE: "preserve"}
_CELL_SPACING = {f"{_W}before": "40", f"{_W}after": "40"}
_RIGHT = {_VAL: "right"}

TOC_LINES = 32  # contents entries that surely fit on one Letter page
SHORT_LIST = 6  # a list of this many one-paragraph items or fewer is kept on one page

STYLE_NAMES = {
    "title": "Title", "subtitle": "Subtitle", "body": "Body Text", "notice": "Intense Quote",
    "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "toc_heading": "TOC Heading",
    "toc1": "toc 1", "toc2": "toc 2", "toc3": "toc 3", "table": "Table Grid",
    "hyperlink": "Hyperlink", "header": "Header", "footer": "Footer",
    "bullet1": "List Bullet", "bullet2": "List Bullet 2", "bullet3": "List Bullet 3",
    "number1": "List Number", "number2": "List Number 2", "number3": "List Number 3",
}


class DocxWriter:
    """Write a document tree as a .docx package."""

    name = "docx"
    extension = ".docx"
    binary = True

    def __init__(self, reference: Path | None = None) -> None:
        self.reference = reference or reference_docx_path()

    def prepare(self) -> None:
        """Read and check the reference now (worker processes forked later share it).

        A reference that fails is left for :meth:`write` to report, document by document.
        """
        try:
            reference_template(self.reference)
        except TemplateError:
            pass

    def write(self, doc: Document, meta: DocMeta) -> bytes:
        """Return the .docx bytes for ``doc``; identical input gives identical bytes."""
        builder = _Builder(self.reference)
        builder.cover(meta, doc)
        blocks = doc.blocks
        for index, block in enumerate(blocks):
            if index == 0 and isinstance(block, Heading):  # the body starts on its own page
                block = Heading(block.level, block.inlines, new_page=True)
            # A paragraph that introduces a table or a list stays on its page.
            follows = blocks[index + 1] if index + 1 < len(blocks) else None
            builder.block(block, 0, keep_next=isinstance(follows, Table | BulletList | OrderedList))
        builder.header_footer(meta)
        set_core_properties(builder.document, meta)
        members = package_members(builder.document)
        template = builder.template
        members[template.styles_member] = template.styles_blob
        return normalize_members(members, meta)


class _Builder:
    def __init__(self, reference: Path) -> None:
        import docx
        from docx.oxml.ns import qn

        self.template = template = reference_template(reference)
        self.document = docx.Document(io.BytesIO(template.light))
        self.qn = qn
        self.body = self.document.element.body
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.sect = self.body.find(qn("w:sectPr"))
        ids = template.style_ids
        self.style = {key: ids[name] for key, name in STYLE_NAMES.items()}
        # None when Table Grid is the reference's default table style, as python-docx does
        self.table_style = template.applied_ids[STYLE_NAMES["table"]]
        self.list_num_ids = {
            key: template.numbering_ids[name]
            for key, name in STYLE_NAMES.items() if name in template.numbering_ids
        }
        self.numbering = self.document.part.numbering_part.element
        self.next_num = 1000
        self.headings = 0  # bookmarks _Toc1, _Toc2 … in document order
        self.after_table = False
        page, margins = self.sect.find(qn("w:pgSz")), self.sect.find(qn("w:pgMar"))
        self.text_width = int(page.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(
            margins.get(qn("w:right"))
        )

    # -- element helpers -------------------------------------------------
    @staticmethod
    def _el(tag: str, **attrs: str) -> Any:
        """Return a new element ``w:tag`` standing alone, with ``w:`` attributes in order."""
        from lxml import etree

        return etree.Element(_W + tag, {_W + k: v for k, v in attrs.items()}, nsmap=_NSMAP)

    @staticmethod
    def _sub(parent: Any, tag: str, **attrs: str) -> Any:
        """Return a new element ``w:tag`` appended to ``parent``, ``w:`` attributes in order."""
        return SubElement(parent, _W + tag, {_W + k: v for k, v in attrs.items()})

    def _para(self, style: str, num_id: int | None = None, ilvl: int = 0, *,
              new_page: bool = False, before: int | None = None,
              keep_next: bool = False) -> Any:
        """Add a paragraph.

        ``new_page`` starts a page here, ``before`` is space in twips, ``keep_next`` keeps it on
        the page of what follows.
        """
        sub = self._sub
        p = self._el("p")
        self.sect.addprevious(p)
        ppr = SubElement(p, _PPR)
        SubElement(ppr, _PSTYLE, {_VAL: self.style[style]})
        if keep_next:
            sub(ppr, "keepNext")
        if new_page:
            sub(ppr, "pageBreakBefore")
        if num_id is not None:
            numpr = sub(ppr, "numPr")
            sub(numpr, "ilvl", val=str(ilvl))
            sub(numpr, "numId", val=str(num_id))
        if self.after_table and not style.startswith("h") and before is None:
            before = 240  # a table's bottom border never touches the next paragraph
        if before is not None:
            sub(ppr, "spacing", before=str(before))
        self.after_table = False
        return p

    def _run(self, parent: Any, text: str, *, bold: bool = False, italic: bool = False,
             style: str | None = None) -> None:
        r = SubElement(parent, _R)
        if bold or italic or style:
            rpr = SubElement(r, _RPR)
            if style:
                SubElement(rpr, _RSTYLE, {_VAL: self.style[style]})
            if bold:
                SubElement(rpr, _B)
            if italic:
                SubElement(rpr, _I)
        SubElement(r, _T, _PRESERVE).text = text

    def _inlines(self, parent: Any, inlines: tuple[Inline, ...], *, bold: bool = False,
                 italic: bool = False) -> None:
        for node in inlines:
            if isinstance(node, Text):
                self._run(parent, node.text, bold=bold, italic=italic)
            elif isinstance(node, Strong):
                self._inlines(parent, node.children, bold=True, italic=italic)
            elif isinstance(node, Emphasis):
                self._inlines(parent, node.children, bold=bold, italic=True)
            elif isinstance(node, LineBreak):
                self._sub(self._sub(parent, "r"), "br")
            elif isinstance(node, Link):
                self._link(parent, node)
            elif isinstance(node, WriteIn):
                continue  # the row's height is the field (see _table)

    def _link(self, parent: Any, node: Link) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        rid = self.document.part.relate_to(node.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = self._sub(parent, "hyperlink")
        link.set(self.qn("r:id"), rid)
        self._run(link, plain_text(node.children), style="hyperlink")

    # -- blocks ----------------------------------------------------------
    def block(self, block: Block, depth: int, *, keep_next: bool = False) -> None:
        if isinstance(block, Heading):
            p = self._para(f"h{block.level}", new_page=block.new_page)
            self.headings += 1
            name = f"_Toc{self.headings}"
            self._sub(p, "bookmarkStart", id=str(self.headings), name=name)
            self._inlines(p, block.inlines)
            self._sub(p, "bookmarkEnd", id=str(self.headings))
        elif isinstance(block, Paragraph):
            self._inlines(self._para("body", keep_next=keep_next), block.inlines)
        elif isinstance(block, BulletList | OrderedList):
            self._list(block, depth)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Notice):
            for inner in block.blocks:
                if isinstance(inner, Paragraph):
                    self._inlines(self._para("notice"), inner.inlines)
                else:
                    self.block(inner, depth)

    def _new_num(self, style_key: str) -> int:
        """Create a numbering instance that restarts at 1 for one list."""
        num_id = self.list_num_ids[style_key]
        abstract = self.numbering.num_having_numId(num_id).abstractNumId.val
        self.next_num = max(self.next_num, *(n.numId for n in self.numbering.num_lst)) + 1
        num = self._el("num", numId=str(self.next_num))
        self._sub(num, "abstractNumId", val=str(abstract))
        self._sub(self._sub(num, "lvlOverride", ilvl="0"), "startOverride", val="1")
        self.numbering.append(num)
        return self.next_num

    def _list(self, block: BulletList | OrderedList, depth: int) -> None:
        level = min(depth, 2) + 1
        ordered = isinstance(block, OrderedList)
        key = f"{'number' if ordered else 'bullet'}{level}"
        num_id = self._new_num(key) if ordered else None
        # A short list of one-paragraph items is kept on one page, as its lead-in is kept
        # with it: a page that starts with the last two criteria of a list reads as a stray.
        together = len(block.items) <= SHORT_LIST and all(
            len(item.blocks) == 1 for item in block.items)
        for number, item in enumerate(block.items, 1):
            first = True
            for inner in item.blocks:
                if isinstance(inner, Paragraph) and first:
                    keep = together and number < len(block.items)
                    self._inlines(self._para(key, num_id, keep_next=keep), inner.inlines)
                    first = False
                elif isinstance(inner, Paragraph):
                    self._inlines(self._para("body"), inner.inlines)
                else:
                    self.block(inner, depth + 1)

    def _table(self, block: Table) -> None:
        """Add a fixed-layout table, its whole ``w:tbl`` tree built in one pass.

        The markup is what python-docx's ``add_table``/``add_row`` and cell access
        make, with the widths, header row and cell paragraphs set as they are added.
        """
        sub = self._sub
        cols = len(block.header)
        widths = column_widths(block, self.text_width)
        numeric = [
            bool(block.rows) and all(is_amount(plain_text(r[i])) for r in block.rows if i < len(r))
            for i in range(cols)
        ]
        tbl = self._el("tbl")
        self.sect.addprevious(tbl)
        tblpr = sub(tbl, "tblPr")
        if self.table_style is not None:
            sub(tblpr, "tblStyle", val=self.table_style)
        sub(tblpr, "tblW", w=str(sum(widths)), type="dxa")
        sub(tblpr, "tblLayout", type="fixed")
        sub(tblpr, "tblLook", firstColumn="1", firstRow="1", lastColumn="0", lastRow="0",
            noHBand="0", noVBand="1", val="04A0")
        grid = sub(tbl, "tblGrid")
        texts = [str(width) for width in widths]
        for text in texts:
            sub(grid, "gridCol", w=text)
        style_attrs = {_VAL: self.style["body"]}
        widths_attrs = [{f"{_W}type": "dxa", f"{_W}w": text} for text in texts]
        for index, cells in enumerate((block.header, *block.rows)):
            tr = sub(tbl, "tr")
            trpr = sub(tr, "trPr")
            sub(trpr, "cantSplit")
            if index == 0:
                sub(trpr, "tblHeader")
            lines = max((n.lines for c in cells for n in c if isinstance(n, WriteIn)), default=0)
            if lines:  # a write-in field: room for that many handwritten lines
                sub(trpr, "trHeight", val=str(300 * lines + 60), hRule="atLeast")
            for col in range(cols):
                tc = SubElement(tr, _TC)
                SubElement(SubElement(tc, _TCPR), _TCW, widths_attrs[col])
                p = SubElement(tc, _P)
                if col >= len(cells):
                    continue  # a short row: the cell stays empty
                inlines = cells[col]
                ppr = SubElement(p, _PPR)
                SubElement(ppr, _PSTYLE, style_attrs)
                SubElement(ppr, _SPACING, _CELL_SPACING)
                if numeric[col] or (index and is_amount(plain_text(inlines))):
                    SubElement(ppr, _JC, _RIGHT)
                self._inlines(p, inlines, bold=index == 0)
        self.after_table = True

    # -- cover, contents, header and footer --------------------------------
    def cover(self, meta: DocMeta, doc: Document) -> None:
        """Write the cover page, then the contents on a page of their own."""
        p = self._para("body", before=0)
        self._run(p, meta.agency, bold=True)
        if meta.component:
            self._run(self._para("body"), meta.component)
        self._run(self._para("title", before=2400), meta.title)
        if meta.acquisition:
            self._run(self._para("subtitle"), meta.acquisition)
        elif meta.subtitle:
            self._run(self._para("subtitle"), meta.subtitle)
        for label, value in meta.cover_lines:
            p = self._para("body")
            self._run(p, f"{label}: ", bold=True)
            self._run(p, value)
        if meta.marking:
            self._run(self._para("body", before=1200), meta.marking, bold=True)
        if meta.distribution:
            p = self._para("body", before=None if meta.marking else 1200)
            if not meta.distribution.lower().startswith("distribution"):
                self._run(p, "Distribution: ", bold=True)
            self._run(p, meta.distribution)
        if meta.toc:
            self._contents(doc)

    def _contents(self, doc: Document) -> None:
        """Write the contents: one linked entry per heading, with its page number.

        Each entry links to a bookmark on its heading; its page number is a PAGEREF
        field, which LibreOffice computes as it lays the document out (so every PDF
        has numbers) and Word fills in on F9. There is deliberately no TOC field
        around the entries (LibreOffice would print its stored result, without
        numbers) and no ``w:updateFields`` or dirty flag (Word would ask the reader
        a security question on opening); the README explains the choice.
        """
        self._run(self._para("toc_heading", new_page=True), "Contents")
        headings = list(enumerate((b for b in doc.blocks if isinstance(b, Heading)), start=1))
        for depth in (3, 2, 1):  # the deepest list that fits on one page
            entries = [(i, h) for i, h in headings if h.level <= depth]
            if len(entries) <= TOC_LINES:
                break
        tab = self.text_width
        for index, heading in entries:
            p = self._para(f"toc{heading.level}")
            tabs = self._el("tabs")
            self._sub(tabs, "tab", val="right", leader="dot", pos=str(tab))
            p[0].insert(1, tabs)  # p[0] is the w:pPr, its first child the style
            link = self._sub(p, "hyperlink", anchor=f"_Toc{index}", history="1")
            self._run(link, plain_text(heading.inlines))
            self._sub(self._sub(link, "r"), "tab")
            self._simple_field(link, f"PAGEREF _Toc{index} \\h", "")
    def _field_start(self, p: Any, instruction: str) -> None:
        for kind in ("begin", None, "separate"):
            r = self._sub(p, "r")
            if kind is None:
                instr = self._sub(r, "instrText")
                instr.text = f" {instruction} "
                instr.set(_SPACE, "preserve")
            else:
                self._sub(r, "fldChar", fldCharType=kind)

    def _field_end(self, p: Any) -> None:
        self._sub(self._sub(p, "r"), "fldChar", fldCharType="end")

    def _simple_field(self, p: Any, instruction: str, shown: str) -> None:
        self._field_start(p, instruction)
        self._run(p, shown)
        self._field_end(p)

    def header_footer(self, meta: DocMeta) -> None:
        section = self.document.sections[0]
        applied = self.template.applied_ids
        header = _first_paragraph(section.header)
        header._p.style = applied[STYLE_NAMES["header"]]  # what header.style = … writes
        header.text = meta.marking or f"{meta.title}: {meta.program}"
        paragraph = _first_paragraph(section.footer)
        # python-docx's footer paragraph (or a reference's own) already has a w:pPr:
        # set its style through it, as for the header, and replace what it held
        paragraph._p.style = applied[STYLE_NAMES["footer"]]
        footer = paragraph._p
        for child in list(footer):
            if child.tag != self.qn("w:pPr"):
                footer.remove(child)
        if meta.marking:
            self._run(footer, f"{meta.marking}  |  ")
        self._run(footer, "Page ")
        self._simple_field(footer, "PAGE", "1")
        self._run(footer, " of ")
        self._simple_field(footer, "NUMPAGES", "1")


def _first_paragraph(story: Any) -> Any:
    """Return a header's or footer's first paragraph; add one if it holds only tables."""
    paragraphs = story.paragraphs
    return paragraphs[0] if paragraphs else story.add_paragraph()
