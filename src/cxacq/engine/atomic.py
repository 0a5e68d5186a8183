"""Write one file atomically: readers see the old file or the new, never half of one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cxacq.engine.output import TEMP_PREFIX, TEMP_SUFFIX, remove_leftovers, umask
from cxacq.errors import OutputError

__all__ = ["atomic_write", "write_text_file"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it and ``os.replace``.

    An existing file keeps its permissions; a new one gets ``0o666`` less the umask.
    Temporary files that a killed cxacq left in the folder are removed first.

    Raises:
        OutputError: The folder is missing, read-only or full, or ``path`` is a
            directory; the message names ``path``, never the temporary file.
    """
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError("this is a directory, not a file", path=str(path))
    if not parent.is_dir():
        raise OutputError("the folder does not exist", path=str(parent))
    remove_leftovers(parent)  # what a killed earlier write left here
    tmp: str | None = None
    try:
        mode = (stat.S_IMODE(path.stat().st_mode) if path.is_file() and not path.is_symlink()
                else 0o666 & ~umask())
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f"{TEMP_PREFIX}{os.getpid()}.",
                                   suffix=TEMP_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0o600; give the file the mode it should have
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(
            f"cannot write the file: {exc.strerror or exc}",
            path=str(path),
            hint="check that the folder is writable and has free space",
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_text_file(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings atomically (see :func:`atomic_write`)."""
    atomic_write(path, text.encode("utf-8"))
