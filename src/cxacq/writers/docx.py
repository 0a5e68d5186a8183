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
    PageBreak,
    Paragraph,
    Strong,
    Table,
    Text,
    plain_text,
)

__all__ = ["DocxWriter"]

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
        from cxacq.writers.docx_package import normalise_package, set_core_properties

        builder = _Builder(self.reference)
        builder.cover(meta, doc)
        for block in doc.blocks:
            builder.block(block, 0)
        builder.header_footer(meta)
        set_core_properties(builder.document, meta)
        buffer = io.BytesIO()
        builder.document.save(buffer)
        return normalise_package(buffer.getvalue(), meta)


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

    # -- element helpers -------------------------------------------------
    def _el(self, tag: str, **attrs: str) -> Any:
        from docx.oxml import OxmlElement

        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(self.qn(f"w:{key}"), value)
        return element

    def _para(self, style: str, num_id: int | None = None, ilvl: int = 0) -> Any:
        p = self._el("w:p")
        ppr = self._el("w:pPr")
        ppr.append(self._el("w:pStyle", val=self.style[style]))
        if num_id is not None:
            numpr = self._el("w:numPr")
            numpr.append(self._el("w:ilvl", val=str(ilvl)))
            numpr.append(self._el("w:numId", val=str(num_id)))
            ppr.append(numpr)
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

    def _link(self, parent: Any, node: Link) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        rid = self.document.part.relate_to(node.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = self._el("w:hyperlink")
        link.set(self.qn("r:id"), rid)
        self._run(link, plain_text(node.children), style="hyperlink")
        parent.append(link)

    # -- blocks ----------------------------------------------------------
    def block(self, block: Block, depth: int) -> None:
        if isinstance(block, Heading):
            self._inlines(self._para(f"h{block.level}"), block.inlines)
        elif isinstance(block, Paragraph):
            self._inlines(self._para("body"), block.inlines)
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
        elif isinstance(block, PageBreak):
            p = self._para("body")
            r = self._el("w:r")
            r.append(self._el("w:br", type="page"))
            p.append(r)

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
        table = self.document.add_table(rows=0, cols=len(block.header))
        table.style = self.document.styles[STYLE_NAMES["table"]]
        tbl = table._tbl
        self.sect.addprevious(tbl)
        for index, cells in enumerate((block.header, *block.rows)):
            row = table.add_row()
            trpr = row._tr.get_or_add_trPr()
            trpr.append(self._el("w:cantSplit"))
            if index == 0:
                trpr.append(self._el("w:tblHeader"))
            for cell, inlines in zip(row.cells, cells, strict=False):
                p = cell.paragraphs[0]._p
                p.append(self._el("w:pPr"))
                p.pPr.append(self._el("w:pStyle", val=self.style["body"]))
                self._inlines(p, inlines, bold=index == 0)

    # -- cover, contents, header and footer --------------------------------
    def cover(self, meta: DocMeta, doc: Document) -> None:
        self._run(self._para("title"), meta.title)
        if meta.subtitle:
            self._run(self._para("subtitle"), meta.subtitle)
        for label, value in meta.cover_lines:
            p = self._para("body")
            self._run(p, f"{label}: ", bold=True)
            self._run(p, value)
        if not meta.toc:
            return
        self._run(self._para("toc_heading"), "Contents")
        headings = [b for b in doc.blocks if isinstance(b, Heading)]
        for index, heading in enumerate(headings):
            p = self._para(f"toc{heading.level}")
            if index == 0:
                self._field_start(p, 'TOC \\o "1-3" \\h \\z \\u')
            self._run(p, plain_text(heading.inlines))
            if index == len(headings) - 1:
                self._field_end(p)
        self.block(PageBreak(), 0)

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
