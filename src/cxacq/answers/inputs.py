"""Expand command-line inputs (files, directories, glob patterns) into answers files.

Only regular files are answers files: a FIFO, a device or a socket would hang
the reader or feed it endless data, so one named directly is refused with a
message and one met in a folder scan is skipped with a note. A folder or glob
that holds no answers file is an error, so a typo in a CI job cannot pass.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cxacq.errors import Diagnostic, InputError, Severity

__all__ = [
    "ANSWERS_SUFFIXES",
    "NO_MATCH",
    "SKIPPED",
    "Inputs",
    "answers_only",
    "collect_inputs",
    "expand_inputs",
    "looks_like_answers",
    "refuse_special",
]

ANSWERS_SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = set("*?[")
NO_MATCH = "CX007"  # a folder or glob holds no answers file
SKIPPED = "CX008"  # a folder scan met something that is not a regular file


@dataclass
class Inputs:
    """The answers files to process, and what the expansion itself has to say."""

    paths: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # one per input, path = as typed


def _kind(mode: int) -> str | None:
    """Name a file type that is not a regular file or a folder, else None."""
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return None


def refuse_special(path: Path) -> None:
    """Refuse an answers file that exists but is not a regular file (after links).

    Raises:
        InputError: ``path`` is a FIFO, a device or a socket.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: the loader says so with its own words
    kind = _kind(mode)
    if kind is not None:
        raise InputError(
            f"this is {kind}, not an answers file; cxacq reads only regular files",
            path=str(path),
            hint="give the path of a .yaml file",
        )


def collect_inputs(paths: Iterable[str]) -> Inputs:
    """Turn files, directories and globs into a sorted list of answers files.

    A directory contributes every ``*.yaml``/``*.yml`` below it (hidden folders
    skipped); a glob contributes its matches; anything else is kept as given, so
    that a missing file is reported by the loader with its own name. Duplicates
    are removed; directory and glob results are sorted, explicit files keep
    their order. A directory or glob with no answers file gives an error; a
    non-regular file met in a directory or glob is skipped with a note.

    Args:
        paths: What the user typed.

    Returns:
        The answers files to process, each once, and the expansion's problems.
    """
    result = Inputs()
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            result.paths.append(path)

    def scan(raw: str, candidates: list[Path], what: str) -> None:
        kept = 0
        for candidate in candidates:
            try:
                kind = _kind(os.stat(candidate).st_mode)
            except OSError:
                kind = None
            if kind is not None:
                result.problems.append(Diagnostic(
                    path=str(candidate), code=SKIPPED, severity=Severity.INFO,
                    message=f"skipped: this is {kind}, not an answers file"))
                continue
            kept += 1
            add(candidate)
        if not kept:
            result.problems.append(Diagnostic(
                path=raw, code=NO_MATCH,
                message=f"no answers files (*.yaml, *.yml) {what}",
                hint="check the spelling of the folder or pattern"))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            scan(raw, sorted(_walk(path)), "in this folder or below it")
        elif not path.exists() and _GLOB_CHARS & set(raw):
            matches = [Path(m) for m in sorted(glob.glob(raw, recursive=True))]
            scan(raw, [m for m in matches if m.suffix in ANSWERS_SUFFIXES and not m.is_dir()],
                 "match this pattern")
        else:
            add(path)
    return result


def expand_inputs(paths: Iterable[str]) -> list[Path]:
    """Return just the answers files of :func:`collect_inputs`."""
    return collect_inputs(paths).paths


def _walk(root: Path) -> list[Path]:
    result: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.endswith(ANSWERS_SUFFIXES) and not name.startswith("."):
                result.append(Path(dirpath) / name)
    return result


# An answers file starts its top level with ``schema_version:`` (the model requires it);
# other YAML in a repository (workflows, tool settings) never has it.
_VERSION_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?schema_version[ \t]*:", re.MULTILINE)


def looks_like_answers(path: Path) -> bool:
    """Return False for a regular YAML file with no top-level ``schema_version`` key.

    Used by ``--answers-only`` (the pre-commit hooks) to pass over a repository's other
    YAML. Anything that is not a regular file is kept, so the loader reports it.
    """
    try:
        if not path.is_file():
            return True
        with path.open("rb") as stream:
            head = stream.read(1_048_576)
    except OSError:
        return True
    return _VERSION_KEY.search(head) is not None


def answers_only(paths: Iterable[str]) -> list[str]:
    """Return the answers files among ``paths`` (expanded), passing over other YAML."""
    return [str(path) for path in expand_inputs(paths) if looks_like_answers(path)]
