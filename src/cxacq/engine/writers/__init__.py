"""Writers turn a document tree into bytes; one per output format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from cxacq.documents.doctree import DocMeta, Document
from cxacq.engine.writers.markdown import MarkdownWriter

__all__ = ["WRITERS", "Writer", "get_writer"]


class Writer(Protocol):
    """Something that writes a document tree in one format."""

    name: str
    extension: str
    binary: bool

    def write(self, doc: Document, meta: DocMeta) -> bytes:
        """Return the document in this writer's format."""


def _docx(*, reference: Path | None = None) -> Writer:
    from cxacq.engine.writers.docx import DocxWriter

    return DocxWriter(reference)


def _markdown(*, reference: Path | None = None) -> Writer:
    return MarkdownWriter()  # plain text: no reference document


WRITERS: dict[str, Callable[..., Writer]] = {"docx": _docx, "markdown": _markdown}


def get_writer(name: str, *, reference: Path | None = None) -> Writer:
    """Return a new writer for the format ``name`` (a key of :data:`WRITERS`).

    ``reference`` is the reference document (styles, page set-up) for writers that
    use one; None means the shipped one.
    """
    return WRITERS[name](reference=reference)
