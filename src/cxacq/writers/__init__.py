"""Writers turn a document tree into bytes; one per output format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from cxacq.doctree import DocMeta, Document

__all__ = ["WRITERS", "Writer", "get_writer"]


class Writer(Protocol):
    """Something that writes a document tree in one format."""

    name: str
    extension: str
    binary: bool

    def write(self, doc: Document, meta: DocMeta) -> bytes:
        """Return the document in this writer's format."""


def _docx() -> Writer:
    from cxacq.writers.docx import DocxWriter

    return DocxWriter()


def _markdown() -> Writer:
    from cxacq.writers.markdown import MarkdownWriter

    return MarkdownWriter()


WRITERS: dict[str, Callable[[], Writer]] = {"docx": _docx, "markdown": _markdown}


def get_writer(name: str) -> Writer:
    """Return a new writer for the format ``name`` (a key of :data:`WRITERS`)."""
    return WRITERS[name]()
