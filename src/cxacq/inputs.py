"""Expand command-line inputs: files, directories and glob patterns."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ANSWERS_SUFFIXES", "answers_only", "expand_inputs", "looks_like_answers"]

ANSWERS_SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = set("*?[")


def expand_inputs(paths: Iterable[str]) -> list[Path]:
    """Turn files, directories and globs into a sorted list of answers files.

    A directory contributes every ``*.yaml``/``*.yml`` below it (hidden folders
    skipped); a glob contributes its matches; anything else is kept as given, so
    that a missing file is reported by the loader with its own name. Duplicates
    are removed; directory and glob results are sorted, explicit files keep
    their order.

    Args:
        paths: What the user typed.

    Returns:
        The answers files to process, each once.
    """
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(_walk(path)):
                add(child)
        elif not path.exists() and _GLOB_CHARS & set(raw):
            for match in sorted(glob.glob(raw, recursive=True)):
                candidate = Path(match)
                if candidate.is_file() and candidate.suffix in ANSWERS_SUFFIXES:
                    add(candidate)
        else:
            add(path)
    return found


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
