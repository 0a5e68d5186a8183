"""Write one file atomically, through the same all-or-nothing path as a package."""

from __future__ import annotations

from pathlib import Path

from cxacq.errors import OutputError

__all__ = ["atomic_write", "write_text_file"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    Raises:
        OutputError: The folder is missing, read-only or full, or ``path`` is a directory.
    """
    from cxacq.output import write_package

    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError("this is a directory, not a file", path=str(path))
    if not parent.is_dir():
        raise OutputError("the folder does not exist", path=str(parent))
    write_package({path.name: data}, parent)


def write_text_file(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings atomically (see :func:`atomic_write`)."""
    atomic_write(path, text.encode("utf-8"))
