"""Regenerate the README's command reference from the live --help output.

Run `python scripts/update_readme.py` after changing a command; tests/test_docs.py
fails while the README and --help disagree.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def help_text(*args: str) -> str:
    from cxacq.cli import run

    os.environ["COLUMNS"] = "100"
    os.environ["NO_COLOR"] = "1"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        run([*args, "--help"])
    return buffer.getvalue().rstrip() + "\n"


def commands() -> list[str]:
    from cxacq.cli import app

    return [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


def reference() -> str:
    parts = [START, "", "```text", "$ cxacq --help", help_text().rstrip(), "```"]
    for name in commands():
        parts += ["", "```text", f"$ cxacq {name} --help", help_text(name).rstrip(), "```"]
    parts += ["", END]
    return "\n".join(parts)


def updated(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + reference() + tail


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else 1)
    README.write_text(new, encoding="utf-8")
