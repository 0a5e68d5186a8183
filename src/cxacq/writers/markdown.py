"""Document tree → normalised Markdown, for review in pull requests and goldens."""

from __future__ import annotations

import re

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
)
from cxacq.render import md_escape

__all__ = ["MarkdownWriter"]

_ANYWHERE = re.compile(r"([\\`*_\[\]<>|&~])")
_AT_START = re.compile(r"^([#+\-=>!]|\d+[.)])")


def _text(text: str) -> str:
    """Escape only what would make structure, so reviewers read plain prose."""
    escaped = _ANYWHERE.sub(r"\\\1", text)
    return _AT_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped)


class MarkdownWriter:
    """Write a document tree as CommonMark with tables."""

    name = "markdown"
    extension = ".md"
    binary = False

    def write(self, doc: Document, meta: DocMeta) -> bytes:
        """Return UTF-8 Markdown: a title block, then the body one level down."""
        lines = [f"# {md_escape(meta.title)}", ""]
        if meta.subtitle:
            lines += [f"**{md_escape(meta.subtitle)}**", ""]
        if meta.marking:
            lines += [f"*{md_escape(meta.marking)}*", ""]
        for label, value in meta.cover_lines:
            lines.append(f"- {md_escape(label)}: {md_escape(value)}")
        lines.append("")
        for block in doc.blocks:
            lines += _block(block, "")
        text = "\n".join(lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return (text.strip() + "\n").encode("utf-8")


def _inline(nodes: tuple[Inline, ...]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(_text(node.text))
        elif isinstance(node, Strong):
            out.append(f"**{_inline(node.children)}**")
        elif isinstance(node, Emphasis):
            out.append(f"*{_inline(node.children)}*")
        elif isinstance(node, Link):
            out.append(f"[{_inline(node.children)}](<{node.url}>)")
        elif isinstance(node, LineBreak):
            out.append("\\\n")
    return "".join(out)


def _block(block: Block, indent: str) -> list[str]:
    if isinstance(block, Heading):
        return [f"{indent}{'#' * (block.level + 1)} {_inline(block.inlines)}", ""]
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
        header = "| " + " | ".join(_inline(c) for c in block.header) + " |"
        rule = "| " + " | ".join("---" for _ in block.header) + " |"
        rows = ["| " + " | ".join(_inline(c) for c in row) + " |" for row in block.rows]
        return [header, rule, *rows, ""]
    if isinstance(block, Notice):
        inner = [line for b in block.blocks for line in _block(b, "")]
        return [f"> {line}" if line else ">" for line in inner[:-1]] + [""]
    if isinstance(block, PageBreak):
        return ["***", ""]
    return []  # pragma: no cover - every block type is handled above
