"""Write one file atomically: a temporary file beside it, then ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cxacq.errors import OutputError

__all__ = ["atomic_write", "write_text_file"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    Raises:
        OutputError: The directory is missing, read-only or full, or ``path`` is a directory.
    """
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError("this is a directory, not a file", path=str(path))
    if not parent.is_dir():
        raise OutputError("the folder does not exist", path=str(parent))
    fd, tmp = -1, ""
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=".cxacq-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = ""
    except OSError as exc:
        raise OutputError(
            f"cannot write the file: {exc.strerror or exc}", path=str(path)
        ) from None
    finally:
        if fd != -1:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_text_file(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings atomically (see :func:`atomic_write`)."""
    atomic_write(path, text.encode("utf-8"))
