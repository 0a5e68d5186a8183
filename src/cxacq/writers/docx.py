"""Document tree → Word, on a reference document, with real styles only.

Paragraphs and runs are built as raw WordprocessingML elements: python-docx's
public API looks a style up by scanning every style on each assignment and sets
run text character by character, which dominates a naive writer's time.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from cxacq.doctree import (
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
from cxacq.writers.docx_layout import column_widths, is_amount

__all__ = ["DocxWriter"]

TOC_LINES = 32  # contents entries that surely fit on one Letter page

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
        from cxacq.resources import reference_docx_path

        self.reference = reference or reference_docx_path()

    def write(self, doc: Document, meta: DocMeta) -> bytes:
        """Return the .docx bytes for ``doc``; identical input gives identical bytes."""
        from cxacq.writers.docx_package import normalize_package, set_core_properties

        builder = _Builder(self.reference)
        builder.cover(meta, doc)
        blocks = doc.blocks
        for index, block in enumerate(blocks):
            if index == 0 and isinstance(block, Heading):  # the body starts on its own page
                block = Heading(block.level, block.inlines, new_page=True)
            # A paragraph that introduces a table stays on the table's page.
            follows = blocks[index + 1] if index + 1 < len(blocks) else None
            builder.block(block, 0, keep_next=isinstance(follows, Table))
        builder.header_footer(meta)
        set_core_properties(builder.document, meta)
        buffer = io.BytesIO()
        builder.document.save(buffer)
        return normalize_package(buffer.getvalue(), meta)


class _Builder:
    def __init__(self, reference: Path) -> None:
        from docx.oxml.ns import qn

        from cxacq.reference import open_reference

        self.document, numbering_ids = open_reference(reference)
        self.qn = qn
        self.body = self.document.element.body
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.sect = self.body.find(qn("w:sectPr"))
        ids = {s.name: s.style_id for s in self.document.styles}
        self.style = {key: ids[name] for key, name in STYLE_NAMES.items()}
        self.list_num_ids = {
            key: numbering_ids[name] for key, name in STYLE_NAMES.items() if name in numbering_ids
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
    def _el(self, tag: str, **attrs: str) -> Any:
        from docx.oxml import OxmlElement

        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(self.qn(f"w:{key}"), value)
        return element

    def _para(self, style: str, num_id: int | None = None, ilvl: int = 0, *,
              new_page: bool = False, before: int | None = None,
              keep_next: bool = False) -> Any:
        """Add a paragraph.

        ``new_page`` starts a page here, ``before`` is space in twips, ``keep_next`` keeps it on
        the page of what follows.
        """
        p = self._el("w:p")
        ppr = self._el("w:pPr")
        ppr.append(self._el("w:pStyle", val=self.style[style]))
        if keep_next:
            ppr.append(self._el("w:keepNext"))
        if new_page:
            ppr.append(self._el("w:pageBreakBefore"))
        if num_id is not None:
            numpr = self._el("w:numPr")
            numpr.append(self._el("w:ilvl", val=str(ilvl)))
            numpr.append(self._el("w:numId", val=str(num_id)))
            ppr.append(numpr)
        if self.after_table and not style.startswith("h") and before is None:
            before = 240  # a table's bottom border never touches the next paragraph
        if before is not None:
            ppr.append(self._el("w:spacing", before=str(before)))
        self.after_table = False
        p.append(ppr)
        self.sect.addprevious(p)
        return p

    def _run(self, parent: Any, text: str, *, bold: bool = False, italic: bool = False,
             style: str | None = None) -> None:
        r = self._el("w:r")
        if bold or italic or style:
            rpr = self._el("w:rPr")
            if style:
                rpr.append(self._el("w:rStyle", val=self.style[style]))
            if bold:
                rpr.append(self._el("w:b"))
            if italic:
                rpr.append(self._el("w:i"))
            r.append(rpr)
        t = self._el("w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
        parent.append(r)

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
                r = self._el("w:r")
                r.append(self._el("w:br"))
                parent.append(r)
            elif isinstance(node, Link):
                self._link(parent, node)
            elif isinstance(node, WriteIn):
                continue  # the row's height is the field (see _table)

    def _link(self, parent: Any, node: Link) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        rid = self.document.part.relate_to(node.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = self._el("w:hyperlink")
        link.set(self.qn("r:id"), rid)
        self._run(link, plain_text(node.children), style="hyperlink")
        parent.append(link)

    # -- blocks ----------------------------------------------------------
    def block(self, block: Block, depth: int, *, keep_next: bool = False) -> None:
        if isinstance(block, Heading):
            p = self._para(f"h{block.level}", new_page=block.new_page)
            self.headings += 1
            name = f"_Toc{self.headings}"
            p.append(self._el("w:bookmarkStart", id=str(self.headings), name=name))
            self._inlines(p, block.inlines)
            p.append(self._el("w:bookmarkEnd", id=str(self.headings)))
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
        num = self._el("w:num", numId=str(self.next_num))
        num.append(self._el("w:abstractNumId", val=str(abstract)))
        override = self._el("w:lvlOverride", ilvl="0")
        override.append(self._el("w:startOverride", val="1"))
        num.append(override)
        self.numbering.append(num)
        return self.next_num

    def _list(self, block: BulletList | OrderedList, depth: int) -> None:
        level = min(depth, 2) + 1
        ordered = isinstance(block, OrderedList)
        key = f"{'number' if ordered else 'bullet'}{level}"
        num_id = self._new_num(key) if ordered else None
        for item in block.items:
            first = True
            for inner in item.blocks:
                if isinstance(inner, Paragraph) and first:
                    self._inlines(self._para(key, num_id), inner.inlines)
                    first = False
                elif isinstance(inner, Paragraph):
                    self._inlines(self._para("body"), inner.inlines)
                else:
                    self.block(inner, depth + 1)

    def _table(self, block: Table) -> None:
        cols = len(block.header)
        widths = column_widths(block, self.text_width)
        table = self.document.add_table(rows=0, cols=cols)
        table.style = self.document.styles[STYLE_NAMES["table"]]
        tbl = table._tbl
        tblpr = tbl.tblPr
        for tag in ("w:tblW", "w:tblLayout"):
            old = tblpr.find(self.qn(tag))
            if old is not None:
                tblpr.remove(old)
        # Schema order: tblStyle … tblW … tblLayout, tblCellMar, tblLook.
        style = tblpr.find(self.qn("w:tblStyle"))
        tblw = self._el("w:tblW", w=str(sum(widths)), type="dxa")
        if style is not None:
            style.addnext(tblw)
        else:
            tblpr.insert(0, tblw)
        later = [tblpr.find(self.qn(t)) for t in ("w:tblCellMar", "w:tblLook")]
        later = [e for e in later if e is not None]
        layout = self._el("w:tblLayout", type="fixed")
        if later:
            later[0].addprevious(layout)
        else:
            tblpr.append(layout)
        grid = tbl.tblGrid
        for col, width in zip(grid.findall(self.qn("w:gridCol")), widths, strict=True):
            col.set(self.qn("w:w"), str(width))
        numeric = [
            bool(block.rows) and all(is_amount(plain_text(r[i])) for r in block.rows if i < len(r))
            for i in range(cols)
        ]
        self.sect.addprevious(tbl)
        for index, cells in enumerate((block.header, *block.rows)):
            row = table.add_row()
            trpr = row._tr.get_or_add_trPr()
            trpr.append(self._el("w:cantSplit"))
            if index == 0:
                trpr.append(self._el("w:tblHeader"))
            lines = max((n.lines for c in cells for n in c if isinstance(n, WriteIn)), default=0)
            if lines:  # a write-in field: room for that many handwritten lines
                trpr.append(self._el("w:trHeight", val=str(300 * lines + 60), hRule="atLeast"))
            for col, (cell, inlines) in enumerate(zip(row.cells, cells, strict=False)):
                tcw = cell._tc.get_or_add_tcPr().get_or_add_tcW()
                tcw.set(self.qn("w:w"), str(widths[col]))
                tcw.set(self.qn("w:type"), "dxa")
                p = cell.paragraphs[0]._p
                p.append(self._el("w:pPr"))
                p.pPr.append(self._el("w:pStyle", val=self.style["body"]))
                p.pPr.append(self._el("w:spacing", before="40", after="40"))
                if numeric[col] or (index and is_amount(plain_text(inlines))):
                    p.pPr.append(self._el("w:jc", val="right"))
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
            tabs = self._el("w:tabs")
            tabs.append(self._el("w:tab", val="right", leader="dot", pos=str(tab)))
            p.pPr.insert(1, tabs)
            link = self._el("w:hyperlink", anchor=f"_Toc{index}", history="1")
            self._run(link, plain_text(heading.inlines))
            r = self._el("w:r")
            r.append(self._el("w:tab"))
            link.append(r)
            self._simple_field(link, f"PAGEREF _Toc{index} \\h", "")
            p.append(link)
    def _field_start(self, p: Any, instruction: str) -> None:
        for kind in ("begin", None, "separate"):
            r = self._el("w:r")
            if kind is None:
                instr = self._el("w:instrText")
                instr.text = f" {instruction} "
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(instr)
            else:
                r.append(self._el("w:fldChar", fldCharType=kind))
            p.append(r)

    def _field_end(self, p: Any) -> None:
        r = self._el("w:r")
        r.append(self._el("w:fldChar", fldCharType="end"))
        p.append(r)

    def _simple_field(self, p: Any, instruction: str, shown: str) -> None:
        self._field_start(p, instruction)
        self._run(p, shown)
        self._field_end(p)

    def header_footer(self, meta: DocMeta) -> None:
        section = self.document.sections[0]
        header = _first_paragraph(section.header)
        header.style = self.document.styles[STYLE_NAMES["header"]]
        header.text = meta.marking or f"{meta.title}: {meta.program}"
        paragraph = _first_paragraph(section.footer)
        # python-docx's footer paragraph (or a reference's own) already has a w:pPr:
        # set its style through it, as for the header, and replace what it held
        paragraph.style = self.document.styles[STYLE_NAMES["footer"]]
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
