"""All-or-nothing writing of a package, and comparison with what is on disk."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from cxacq.errors import OutputError

__all__ = ["compare_package", "write_package"]


def _target(out_dir: Path, name: str) -> Path:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise OutputError(f"refusing to write outside the output folder: {name}", path=str(out_dir))
    return out_dir.joinpath(*relative.parts)


def write_package(files: Mapping[str, bytes], out_dir: Path) -> list[Path]:
    """Write every file or none: temporary files first, then ``os.replace`` each.

    Raises:
        OutputError: A folder cannot be created or a file cannot be written;
            earlier outputs are left as they were and no temporary file remains.
    """
    temps: list[tuple[str, Path]] = []
    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError("the output path is a file, not a folder", path=str(out_dir))
        for name, data in files.items():
            target = _target(out_dir, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                raise OutputError("a folder is in the way of an output file", path=str(target))
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cxacq-", suffix=".tmp")
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, target in temps:
            os.replace(tmp, target)
        return [target for _, target in temps]
    except OSError as exc:
        raise OutputError(
            f"cannot write the package: {exc.strerror or exc}",
            path=str(getattr(exc, "filename", None) or out_dir),
            hint="check that the output folder exists, is writable and has free space",
        ) from None
    finally:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def compare_package(files: Mapping[str, bytes], out_dir: Path) -> list[tuple[str, str]]:
    """Return ``(name, "missing" | "stale")`` for each file that differs on disk."""
    differences = []
    for name, data in files.items():
        target = _target(out_dir, name)
        if not target.is_file():
            differences.append((name, "missing"))
        elif target.read_bytes() != data:
            differences.append((name, "stale"))
    return differences
