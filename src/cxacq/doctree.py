"""The intermediate document: the contract between the reader and the writers.

Blocks and inlines are frozen dataclasses; writers consume only these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

__all__ = [
    "Block", "BulletList", "Cell", "DocMeta", "Document", "Emphasis", "Heading", "Inline",
    "LineBreak", "Link", "ListItem", "Notice", "OrderedList", "PageBreak", "Paragraph",
    "Strong", "Table", "Text", "plain_text",
]


@dataclass(frozen=True)
class Text:
    """Literal text."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    """Italic text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink with descriptive text."""

    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Union[Text, Strong, Emphasis, Link, LineBreak]  # noqa: UP007 - runtime alias
Cell = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 to 3 (the title comes from :class:`DocMeta`)."""

    level: int
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class ListItem:
    """One list item; it may hold paragraphs and nested lists."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class BulletList:
    """A bulleted list."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class OrderedList:
    """A numbered list; every list restarts at 1."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Table:
    """A table whose first row is a header row."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Notice:
    """A callout (from a Markdown block quote)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Union[Heading, Paragraph, BulletList, OrderedList, Table, Notice, PageBreak]  # noqa: UP007


@dataclass(frozen=True)
class Document:
    """A whole document body."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class DocMeta:
    """What a writer needs besides the body: cover, properties, marking."""

    title: str
    subtitle: str | None
    program: str
    office: str
    version: str
    date: dt.date
    timestamp: dt.datetime
    author: str
    subject: str
    keywords: tuple[str, ...] = ()
    marking: str | None = None
    language: str = "en-US"
    cover_lines: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    toc: bool = True


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """Return the text of inlines without formatting."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)
