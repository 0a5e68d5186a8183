"""Regenerate the README's command reference from the live --help output.

Run `python scripts/update_readme.py` (or `make docs`) after changing a command; tests/test_docs.py
fails while the README and --help disagree. It also refreshes docs/answers-reference.md
(scripts/make_field_reference.py), so this one command refreshes every generated doc.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
from pathlib import Path

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def help_text(*args: str) -> str:
    from cxacq.cli.commands import run

    os.environ["COLUMNS"] = "100"
    os.environ["NO_COLOR"] = "1"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        run([*args, "--help"])
    return buffer.getvalue().rstrip() + "\n"


def commands() -> list[str]:
    from cxacq.cli.commands import app

    return [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


def reference() -> str:
    parts = [START, "", "```text", "$ cxacq --help", help_text().rstrip(), "```"]
    for name in commands():
        parts += ["", "```text", f"$ cxacq {name} --help", help_text(name).rstrip(), "```"]
    parts += ["", END]
    return "\n".join(parts)


RULES_START = "<!-- rules:start -->"
RULES_END = "<!-- rules:end -->"


def rules_table() -> str:
    from cxacq.guidance import RULES

    lines = [RULES_START, "", "| Code | Severity | Rule | Basis |", "| --- | --- | --- | --- |"]
    for item in sorted(RULES.values(), key=lambda r: r.code):
        lines.append(f"| {item.code} | {item.severity.value} | {item.summary} | {item.citation} |")
    lines += ["", RULES_END]
    return "\n".join(lines)


def _replace(text: str, start: str, end: str, block: str) -> str:
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return head + block + tail


def updated(text: str) -> str:
    text = _replace(text, START, END, reference())
    return _replace(text, RULES_START, RULES_END, rules_table())


def field_reference():
    """Return scripts/make_field_reference.py as a module (scripts/ is not a package)."""
    path = Path(__file__).resolve().parent / "make_field_reference.py"
    spec = importlib.util.spec_from_file_location("make_field_reference", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    fields = field_reference()
    if "--check" in sys.argv:
        sys.exit(0 if new == text and fields.is_current() else 1)
    README.write_text(new, encoding="utf-8")
    fields.write()
