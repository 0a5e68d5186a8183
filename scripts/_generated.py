"""One generated file under docs/: is it current, write it, and the script's command line.

Shared by ``make_citations_doc.py`` and ``make_field_reference.py``, which differ only in
what they render.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedFile:
    """A file rendered from the code: ``render`` gives its text, ``source`` names what from."""

    target: Path
    root: Path
    render: Callable[[], str]
    source: str
    command: str

    def is_current(self, path: Path | None = None) -> bool:
        """Return whether ``path`` (default: the committed file) equals the rendered text."""
        path = path or self.target
        return path.is_file() and path.read_text(encoding="utf-8") == self.render()

    def write(self, path: Path | None = None) -> bool:
        """Write the file to ``path`` (default: the committed file); return whether it changed."""
        path = path or self.target
        text = self.render()
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return True

    def main(self, argv: list[str] | None = None) -> int:
        """``--check`` exits 1 when the file is stale; otherwise write it."""
        args = sys.argv[1:] if argv is None else argv
        relative = self.target.relative_to(self.root)
        if "--check" in args:
            if self.is_current():
                return 0
            print(f"{relative} is out of date with {self.source}; run: {self.command}",
                  file=sys.stderr)
            return 1
        if self.write():
            print(f"wrote {relative}")
        return 0
