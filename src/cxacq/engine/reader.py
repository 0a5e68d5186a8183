"""Markdown text → :mod:`cxacq.documents.doctree`, with markdown-it-py (CommonMark + tables).

The parser recognizes raw HTML so that it can be refused: anything the writers
cannot express (headings deeper than three levels, images, code blocks, HTML) is a
:class:`TemplateError` naming the source and line, never silent loss and never
tags written out as text. Answers reach the Markdown escaped (a backslash before
``<``), so an answer is never read as HTML.

Three conventions carry what Markdown has no syntax for:

- a thematic break (``***``) just before a heading starts a new page at that heading;
- a table cell holding only (unescaped) underscores is a write-in field, ten
  underscores a line; escaped underscores from an answer stay text;
- e-mail addresses and web addresses in text become links.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cxacq.documents.doctree import (
    Block,
    BulletList,
    Cell,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListItem,
    Notice,
    OrderedList,
    Paragraph,
    Strong,
    Table,
    Text,
    WriteIn,
)
from cxacq.errors import TemplateError

__all__ = ["read_markdown"]

# text_join is off so that escaped characters (text_special) stay distinguishable
# from template text; _merge joins the pieces afterwards.
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").disable("text_join")
_WRITE_IN = re.compile(r"_{3,}")
_UNDERSCORES_PER_LINE = 10
_ADDRESS = re.compile(
    r"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"|(?P<url>https?://[^\s<>()]+[^\s<>().,;:!?\"'])"
)


def read_markdown(text: str, *, source: str) -> Document:
    """Parse Markdown into a document tree.

    Args:
        text: The Markdown a template produced.
        source: The template's name, used in error messages.

    Raises:
        TemplateError: The Markdown uses something the documents cannot hold.
    """
    tokens = _PARSER.parse(text)
    blocks, _ = _blocks(tokens, 0, None, source)
    return Document(tuple(blocks))


def _line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _fail(token: Token, source: str, what: str) -> TemplateError:
    return TemplateError(
        f"the template produced {what}, which the documents cannot hold",
        path=source,
        line=_line(token),
        hint="the generated Markdown line is counted from the start of the rendered template",
    )


def _blocks(
    tokens: list[Token], index: int, closing: str | None, source: str
) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    page_break: Token | None = None
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if closing is not None and kind == closing:
            break
        if page_break is not None and kind != "heading_open":
            raise _fail(page_break, source, "a page break that is not followed by a heading")
        if kind == "heading_open":
            level = int(token.tag[1])
            if level > 3:
                raise _fail(token, source, f"a level-{level} heading")
            inlines = _inlines(tokens[index + 1].children or [], source)
            blocks.append(Heading(level, inlines, new_page=page_break is not None))
            page_break = None
            index += 3
        elif kind == "paragraph_open":
            inlines = _inlines(tokens[index + 1].children or [], source)
            if inlines:
                blocks.append(Paragraph(inlines))
            index += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            items, index = _list_items(tokens, index + 1, kind.replace("_open", "_close"), source)
            blocks.append(BulletList(items) if kind.startswith("bullet") else OrderedList(items))
        elif kind == "blockquote_open":
            inner, index = _blocks(tokens, index + 1, "blockquote_close", source)
            blocks.append(Notice(tuple(inner)))
        elif kind == "hr":
            page_break = token
            index += 1
        elif kind == "table_open":
            table, index = _table(tokens, index + 1, source)
            blocks.append(table)
        elif kind in ("code_block", "fence", "html_block"):
            raise _fail(token, source, "a code block or raw HTML")
        else:
            raise _fail(token, source, f"an unsupported block ({kind})")
    if page_break is not None:
        raise _fail(page_break, source, "a page break that is not followed by a heading")
    if closing is not None and index < len(tokens):
        index += 1
    return blocks, index


def _list_items(
    tokens: list[Token], index: int, closing: str, source: str
) -> tuple[tuple[ListItem, ...], int]:
    items: list[ListItem] = []
    while tokens[index].type != closing:
        if tokens[index].type != "list_item_open":  # pragma: no cover - parser invariant
            raise _fail(tokens[index], source, "a malformed list")
        blocks, index = _blocks(tokens, index + 1, "list_item_close", source)
        items.append(ListItem(tuple(blocks)))
    return tuple(items), index + 1


def _table(tokens: list[Token], index: int, source: str) -> tuple[Table, int]:
    header: list[Cell] = []
    rows: list[tuple[Cell, ...]] = []
    current: list[Cell] = []
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            current = []
        elif token.type == "tr_close":
            if in_head:
                header = current
            else:
                rows.append(tuple(current))
        elif token.type == "inline":
            children = token.children or []
            if len(children) == 1 and children[0].type == "text" and _WRITE_IN.fullmatch(
                children[0].content
            ):
                lines = max(1, round(len(children[0].content) / _UNDERSCORES_PER_LINE))
                current.append((WriteIn(lines),))
            else:
                current.append(_inlines(children, source))
        index += 1
    return Table(tuple(header), tuple(rows)), index + 1


def _inlines(children: list[Token], source: str) -> tuple[Inline, ...]:
    stack: list[tuple[str, Any, list[Inline]]] = [("root", None, [])]
    for token in children:
        kind = token.type
        out = stack[-1][2]
        if kind in ("text", "text_special"):
            out.append(Text(token.content))
        elif kind == "code_inline":
            out.append(Text(token.content))
        elif kind == "softbreak":
            out.append(Text(" "))
        elif kind == "hardbreak":
            out.append(LineBreak())
        elif kind in ("strong_open", "em_open"):
            stack.append((kind, None, []))
        elif kind == "link_open":
            stack.append((kind, token.attrGet("href") or "", []))
        elif kind in ("strong_close", "em_close", "link_close"):
            opened, url, inner = stack.pop()
            merged = _merge(inner)
            node: Inline
            if opened == "strong_open":
                node = Strong(merged)
            elif opened == "em_open":
                node = Emphasis(merged)
            else:
                node = Link(merged, str(url))
            stack[-1][2].append(node)
        elif kind == "image":
            raise _fail(token, source, "an image")
        elif kind == "html_inline":
            raise _fail(token, source, "raw HTML")
        else:
            raise _fail(token, source, f"unsupported inline text ({kind})")
    return _linkify(_merge(stack[0][2]))


def _linkify(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Turn e-mail and web addresses in text into links (not inside links)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            start = 0
            for match in _ADDRESS.finditer(node.text):
                if match.start() > start:
                    out.append(Text(node.text[start:match.start()]))
                address = match.group(0)
                url = f"mailto:{address}" if match.group("email") else address
                out.append(Link((Text(address),), url))
                start = match.end()
            if start < len(node.text):
                out.append(Text(node.text[start:]))
        elif isinstance(node, Strong):
            out.append(Strong(_linkify(node.children)))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_linkify(node.children)))
        else:
            out.append(node)
    return tuple(out)


def _merge(nodes: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)
