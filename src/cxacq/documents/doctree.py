"""The intermediate document: the contract between the reader and the writers.

Blocks and inlines are frozen dataclasses; writers consume only these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

__all__ = [
    "Block", "BulletList", "Cell", "DocMeta", "Document", "Emphasis", "Heading", "Inline",
    "LineBreak", "Link", "ListItem", "Notice", "OrderedList", "Paragraph",
    "Strong", "Table", "Text", "WriteIn", "plain_text",
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


@dataclass(frozen=True)
class WriteIn:
    """Room for a reader to write by hand: a form field of ``lines`` empty lines.

    In Markdown it is a table cell holding only underscores, ten per line
    (``__________`` is one line, fifty underscores five); the DOCX writer gives its
    row that much height instead of printing "to be completed" text.
    """

    lines: int


Inline = Union[Text, Strong, Emphasis, Link, LineBreak, WriteIn]  # noqa: UP007 - runtime alias
Cell = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 to 3 (the title comes from :class:`DocMeta`).

    ``new_page`` starts a new page at this heading (a Markdown thematic break,
    ``***``, just before it): the break is a property of the heading, so it never
    leaves a paragraph holding only a break that can spill onto a page of its own.
    """

    level: int
    inlines: tuple[Inline, ...]
    new_page: bool = False


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


Block = Union[Heading, Paragraph, BulletList, OrderedList, Table, Notice]  # noqa: UP007


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
    agency: str = "Department of Homeland Security"
    component: str | None = None
    acquisition: str | None = None
    distribution: str | None = None


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """Return the text of inlines without formatting."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, WriteIn):
            continue
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)
