"""Package folders: replaced as a unit, compared with what the answers now produce.

A package folder is cxacq's. A render builds the whole new package in a sibling
temporary folder inside the output folder (``.cxacq-<pid>.<random>.new.<name>.tmp``)
and swaps it in with one atomic exchange of the two folders (``renameat2`` with
``RENAME_EXCHANGE`` on Linux; two renames elsewhere), so a reader, an interrupt
or a second writer only ever sees the old package or the new one, never a mix.

Only cxacq's own document files (the names in :data:`cxacq.documents.catalog.DOCUMENTS`
with the suffixes in :data:`OWNED_SUFFIXES`) are replaced or removed. Anything
else in the folder (a reviewer's notes, a subfolder) is carried into the new
package unchanged. Files keep the permissions they had; new files and folders
get the usual ``0o666``/``0o777`` less the umask.

Each package folder holds a record of what cxacq wrote into it
(:data:`MANIFEST_NAME`: every file's name and SHA-256, in deterministic bytes).
A document whose bytes no longer match the record was changed by someone after
cxacq wrote it ("edited by hand"; a file with one of cxacq's names that the
record does not list counts too): ``render --check`` reports it as edited, not
stale, and a render refuses to replace or remove it unless forced
(:func:`edited_files`). A folder without a record (written by a cxacq older than
the record) cannot tell a hand edit from a stale document: its documents are
treated as before, and the next render writes the record.

Temporary names carry the writer's process id, so the next run removes what a
killed run left (:func:`remove_leftovers`) without touching a live writer's work.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from cxacq.documents.catalog import DOCUMENTS, RETIRED
from cxacq.engine.manifest import (
    MANIFEST_NAME,
    digest,
    load_manifest,
    manifest_bytes,
    read_manifest,
)
from cxacq.errors import Diagnostic, OutputError

__all__ = [
    "MANIFEST_NAME",
    "OWNED_SUFFIXES",
    "PACKAGE_EDITED",
    "PACKAGE_EXTRA",
    "PACKAGE_MISSING",
    "PACKAGE_REMOVED",
    "PACKAGE_STALE",
    "PACKAGE_STATES",
    "PACKAGE_UNRECORDED",
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "compare_package",
    "edited_files",
    "extra_files",
    "manifest_bytes",
    "owned_names",
    "read_manifest",
    "unrecorded",
    "remove_leftovers",
    "umask",
    "write_package",
]

# Codes of the diagnostics about a package folder's documents (render --check, render).
PACKAGE_MISSING = "CX021"
PACKAGE_STALE = "CX022"
PACKAGE_EXTRA = "CX023"
PACKAGE_REMOVED = "CX024"  # a note: a render removed a document no longer produced
PACKAGE_EDITED = "CX025"  # a document changed after cxacq wrote it (an error; a warning if forced)
PACKAGE_UNRECORDED = "CX026"  # a note: the folder has no record of what cxacq wrote
PACKAGE_STATES = {PACKAGE_MISSING: "missing", PACKAGE_STALE: "stale", PACKAGE_EXTRA: "extra",
                  PACKAGE_EDITED: "edited"}

OWNED_SUFFIXES = (".docx", ".md", ".pdf")  # Word, Markdown and PDF forms; plus each kind's own
TEMP_PREFIX = ".cxacq-"
TEMP_SUFFIX = ".tmp"


def owned_names() -> frozenset[str]:
    """Return the file names cxacq writes into a package folder (and may remove)."""
    current = frozenset(
        f"{kind.filename}{suffix}"
        for kind in DOCUMENTS.values()
        for suffix in {f".{kind.extension}", *OWNED_SUFFIXES}
    )
    return current | {f"{name}{suffix}" for name in RETIRED for suffix in OWNED_SUFFIXES}


def umask() -> int:
    """Return the process umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(out_dir: Path, name: str) -> Path:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise OutputError(f"refusing to write outside the output folder: {name}", path=str(out_dir))
    return out_dir.joinpath(*relative.parts)


def _is_temp(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _ours(entry: Path, owned: frozenset[str]) -> bool:
    """True for a document file cxacq wrote (a regular file or a link, never a folder)."""
    return entry.name in owned and (entry.is_symlink() or not entry.is_dir())


def _refuse_unsafe_folder(out_dir: Path) -> None:
    if out_dir.is_symlink():
        where = os.path.realpath(out_dir)
        outside = not Path(where).is_relative_to(os.path.realpath(out_dir.parent))
        raise OutputError(
            "the package folder is a symbolic link"
            + (f" to {where}, outside the output folder" if outside else "")
            + "; cxacq writes packages only into real folders inside --out",
            path=str(out_dir),
            hint="remove the link (or choose another --out) and render again",
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("the output path is a file, not a folder", path=str(out_dir))


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, destination, follow_symlinks=False)


def _carry_over(old: Path, new: Path, owned: frozenset[str]) -> None:
    """Put what is not cxacq's from ``old`` into ``new`` (hard links; copies if need be).

    Temporary files an older cxacq left inside a package folder are not carried.
    """
    for entry in sorted(old.iterdir()):
        if _is_temp(entry.name) or _ours(entry, owned) or entry.name == MANIFEST_NAME:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(new / entry.name))


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False when the system cannot (then rename twice)."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # pragma: no cover - not glibc
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                 rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # pragma: no cover - old fs
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Put ``staging`` at ``out_dir``; afterwards ``staging`` holds the old package, if any."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        return
    backup = staging.with_name(staging.name.replace(".new.", ".old.", 1))  # pragma: no cover
    os.rename(out_dir, backup)  # pragma: no cover
    try:  # pragma: no cover
        os.rename(staging, out_dir)
    except OSError:  # pragma: no cover
        os.rename(backup, out_dir)
        raise
    os.rename(backup, staging)  # pragma: no cover


def _write_file(path: Path, data: bytes, mode: int | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:  # created 0o666 less the umask
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if mode is not None:
        os.chmod(path, mode)


def _real_name(filename: object, staging: Path, out_dir: Path) -> str:
    """Name the destination a user knows, never the temporary folder."""
    text = os.fsdecode(filename) if isinstance(filename, str | bytes) else str(out_dir)
    inside = str(staging)
    return str(out_dir) + text[len(inside):] if text.startswith(inside) else text


def write_package(
    files: Mapping[str, bytes], out_dir: Path, *, force: bool = False
) -> list[Path]:
    """Replace the package folder ``out_dir`` with ``files``, as one unit.

    cxacq's own documents that ``files`` does not hold are removed (see
    :func:`extra_files`); everything else in the folder is kept. The folder's
    record of what cxacq wrote (:data:`MANIFEST_NAME`) is rewritten with it.

    Args:
        files: The package, ``{name: bytes}``.
        out_dir: The package folder.
        force: Replace or remove documents edited by hand as well (their edits are lost).

    Raises:
        OutputError: A document was edited by hand since cxacq wrote it and
            ``force`` is false (one diagnostic per document, coded
            :data:`PACKAGE_EDITED`); the folder is a symbolic link or a file; a
            folder is in the way of an output file; or a file cannot be written.
            The old package is then left exactly as it was and no temporary
            folder remains.
    """
    targets = [_target(out_dir, name) for name in files]
    _refuse_unsafe_folder(out_dir)
    owned = owned_names()
    for target in [*targets, out_dir / MANIFEST_NAME]:
        if target.is_dir() and not target.is_symlink():
            raise OutputError("a folder is in the way of an output file", path=str(target))
    edited = [] if force else edited_files(files, out_dir)
    if edited:
        raise OutputError(
            "documents edited by hand; nothing in the package was written",
            path=str(out_dir),
            diagnostics=[_refusal(out_dir, name, produced=name in files) for name in edited],
        )
    staging: Path | None = None
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}.", suffix=f".new.{out_dir.name}{TEMP_SUFFIX}",
            dir=out_dir.parent,
        ))
        old = out_dir.is_dir()
        os.chmod(staging, stat.S_IMODE(out_dir.stat().st_mode) if old else 0o777 & ~umask())
        if old:
            _carry_over(out_dir, staging, owned)
        for name, data in files.items():
            before = _target(out_dir, name)
            mode = (stat.S_IMODE(before.stat().st_mode)
                    if before.is_file() and not before.is_symlink() else None)
            _write_file(_target(staging, name), data, mode)
        record = out_dir / MANIFEST_NAME
        _write_file(staging / MANIFEST_NAME, manifest_bytes(files),
                    stat.S_IMODE(record.stat().st_mode)
                    if record.is_file() and not record.is_symlink() else None)
        _swap_in(staging, out_dir)
        return targets
    except OSError as exc:
        where = _real_name(exc.filename, staging, out_dir) if staging else str(out_dir)
        raise OutputError(
            f"cannot write the package: {exc.strerror or exc}",
            path=where,
            hint="check that the output folder exists, is writable and has free space",
        ) from None
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _refusal(out_dir: Path, name: str, *, produced: bool) -> Diagnostic:
    what = "replace it" if produced else "remove it (the answers no longer produce it)"
    return Diagnostic(
        path=str(out_dir / name),
        code=PACKAGE_EDITED,
        message=f"edited by hand: this document changed after cxacq wrote it, so the render "
        f"did not {what}; nothing in this package was written",
        hint="to keep the edits, move them into the answers file or copy this file out of "
        "the package folder; then render again with --force to replace it",
    )


def unrecorded(out_dir: Path) -> str | None:
    """Return why a package folder holding cxacq's documents has no usable record, or None."""
    if not out_dir.is_dir() or out_dir.is_symlink():
        return None
    owned = owned_names()
    if not any(_ours(entry, owned) for entry in out_dir.iterdir()):
        return None  # a new package, or one with nothing of cxacq's in it yet
    return load_manifest(out_dir)[1]


def edited_files(files: Mapping[str, bytes], out_dir: Path) -> list[str]:
    """Return the documents in ``out_dir`` edited by hand that writing ``files`` would lose.

    A document of cxacq's (see :func:`owned_names`) is edited by hand when its bytes
    differ from the folder's record, or the record does not list it, or it is not a
    regular file (cxacq writes only regular files), unless it already holds exactly
    what ``files`` would write. Without a record nothing counts as edited.
    """
    record = read_manifest(out_dir)
    if record is None or not out_dir.is_dir() or out_dir.is_symlink():
        return []
    owned = owned_names() | frozenset(files)
    edited = []
    for entry in sorted(out_dir.iterdir()):
        if not _ours(entry, owned):
            continue
        if entry.is_symlink() or not entry.is_file():
            edited.append(entry.name)
            continue
        data = entry.read_bytes()
        if record.get(entry.name) != digest(data) and files.get(entry.name) != data:
            edited.append(entry.name)
    return edited


def extra_files(files: Mapping[str, bytes], out_dir: Path, *, pdfs: bool = True) -> list[str]:
    """Return cxacq's document files in ``out_dir`` that ``files`` no longer holds, sorted.

    With ``pdfs`` false, a PDF whose Word document ``files`` holds is not counted
    (``render --check`` cannot compare PDFs, which LibreOffice makes).
    """
    if not out_dir.is_dir() or out_dir.is_symlink():
        return []
    owned = owned_names()
    extras = []
    for entry in sorted(out_dir.iterdir()):
        if not _ours(entry, owned) or entry.name in files:
            continue
        if not pdfs and entry.suffix == ".pdf" and f"{entry.stem}.docx" in files:
            continue
        extras.append(entry.name)
    return extras


def compare_package(files: Mapping[str, bytes], out_dir: Path) -> list[tuple[str, str]]:
    """Return ``(name, "missing" | "stale" | "edited" | "extra")`` for each file that differs.

    "edited" is a document changed by hand since cxacq wrote it (see
    :func:`edited_files`; a render refuses to replace or remove it); "stale" one
    that still holds what cxacq wrote, which the answers now make differently;
    "extra" a document cxacq wrote earlier that the answers no longer produce (a
    render would remove it).
    """
    edited = edited_files(files, out_dir)
    differences = []
    for name, data in files.items():
        target = _target(out_dir, name)
        if name in edited:
            differences.append((name, "edited"))
        elif not target.is_file():
            differences.append((name, "missing"))
        elif target.read_bytes() != data:
            differences.append((name, "stale"))
    differences.extend((name, "edited") for name in edited if name not in files)
    differences.extend((name, "extra") for name in extra_files(files, out_dir, pdfs=False)
                       if name not in edited)
    return differences


def _writer_alive(name: str) -> bool:
    """True when the process whose id a temporary name carries is still running."""
    pid_text = name[len(TEMP_PREFIX):].split(".", 1)[0]
    if not pid_text.isdigit():
        return False  # an older cxacq's name, which carried no process id
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files and folders a killed cxacq run left in ``folder``.

    A package folder moved aside by an interrupted two-rename swap
    (``….old.<name>.tmp``) is put back when its place is empty.

    Returns:
        What was removed or put back.
    """
    if not folder.is_dir():
        return []
    cleaned = []
    for entry in sorted(folder.iterdir()):
        if not _is_temp(entry.name) or _writer_alive(entry.name):
            continue
        parts = entry.name[: -len(TEMP_SUFFIX)].split(".", 4)
        home = folder / parts[4] if len(parts) == 5 and parts[3] == "old" else None
        with contextlib.suppress(OSError):
            if home is not None and not home.exists() and home.name:
                os.rename(entry, home)
            elif entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            cleaned.append(entry)
    return cleaned
