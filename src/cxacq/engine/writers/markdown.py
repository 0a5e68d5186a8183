"""Document tree → normalized Markdown, for review in pull requests and goldens."""

from __future__ import annotations

import re

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

__all__ = ["MarkdownWriter"]

# Characters that make structure wherever they stand. An underscore only matters at
# the edge of a word (CommonMark ignores snake_case), an ampersand only before
# something that reads as an entity.
_ANYWHERE = re.compile(
    r"[\\`*\[\]<|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)"
)
# At the start of a line: headings, list markers, block quotes, thematic breaks.
_AT_START = re.compile(r"^(?:#{1,6}(?=\s|$)|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|>|-(?=[-\s]*$))")
_UNDERSCORES_PER_LINE = 10


def _text(text: str, *, at_start: bool = False) -> str:
    """Escape only what would change the structure, so reviewers read plain prose."""
    escaped = _ANYWHERE.sub(lambda m: "\\" + m.group(0), text)
    if at_start:
        match = _AT_START.match(escaped)
        if match and match.group(0)[:1].isdigit():
            end = match.end()
            escaped = escaped[:end] + "\\" + escaped[end:]
        elif match:
            escaped = "\\" + escaped
    return escaped


class MarkdownWriter:
    """Write a document tree as CommonMark with tables."""

    name = "markdown"
    extension = ".md"
    binary = False

    def write(self, doc: Document, meta: DocMeta) -> bytes:
        """Return UTF-8 Markdown: a title block, then the body one level down."""
        lines = [f"# {_text(meta.title)}", ""]
        if meta.subtitle:
            lines += [f"**{_text(meta.subtitle)}**", ""]
        if meta.marking:
            lines += [f"*{_text(meta.marking)}*", ""]
        front = [("Agency", meta.agency), ("Component", meta.component),
                 ("Acquisition", meta.acquisition)]
        for label, value in [*front, *meta.cover_lines]:
            if value:
                lines.append(f"- {_text(label)}: {_text(value)}")
        lines.append("")
        if meta.distribution:
            lines += [f"*{_text(meta.distribution)}*", ""]
        for block in doc.blocks:
            lines += _block(block, "")
        text = "\n".join(lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return (text.strip() + "\n").encode("utf-8")


def _inline(nodes: tuple[Inline, ...], *, at_start: bool = True) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(_text(node.text, at_start=at_start))
        elif isinstance(node, Strong):
            out.append(f"**{_inline(node.children, at_start=False)}**")
        elif isinstance(node, Emphasis):
            out.append(f"*{_inline(node.children, at_start=False)}*")
        elif isinstance(node, Link):
            shown = plain_text(node.children)
            if node.url in (shown, f"mailto:{shown}") and node.children == (Text(shown),):
                out.append(_text(shown))  # the reader links a bare address again
            else:
                out.append(f"[{_inline(node.children, at_start=False)}](<{node.url}>)")
        elif isinstance(node, LineBreak):
            out.append("\\\n")
        elif isinstance(node, WriteIn):
            out.append("_" * (_UNDERSCORES_PER_LINE * node.lines))
        at_start = isinstance(node, LineBreak)
    return "".join(out)


def _block(block: Block, indent: str) -> list[str]:
    if isinstance(block, Heading):
        heading = f"{indent}{'#' * (block.level + 1)} {_inline(block.inlines, at_start=False)}"
        return [f"{indent}***", "", heading, ""] if block.new_page else [heading, ""]
    if isinstance(block, Paragraph):
        return [f"{indent}{_inline(block.inlines)}", ""]
    if isinstance(block, BulletList | OrderedList):
        lines: list[str] = []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}. " if isinstance(block, OrderedList) else "- "
            inner = " " * len(marker)
            for i, child in enumerate(item.blocks):
                sub = _block(child, indent + inner)
                if i == 0 and sub:
                    sub[0] = indent + marker + sub[0][len(indent + inner):]
                lines += [line for line in sub if line]
        return [*lines, ""]
    if isinstance(block, Table):
        # Inside a cell nothing starts a block, so only inline characters are escaped.
        header = "| " + " | ".join(_inline(c, at_start=False) for c in block.header) + " |"
        rule = "| " + " | ".join("---" for _ in block.header) + " |"
        rows = ["| " + " | ".join(_inline(c, at_start=False) for c in row) + " |"
                for row in block.rows]
        return [header, rule, *rows, ""]
    if isinstance(block, Notice):
        quoted = [line for b in block.blocks for line in _block(b, "")]
        return [f"> {line}" if line else ">" for line in quoted[:-1]] + [""]
    return []  # pragma: no cover - every block type is handled above
