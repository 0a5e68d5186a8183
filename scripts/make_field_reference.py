"""Generate docs/answers-reference.md: every field of the answers file, from the model.

Run `python scripts/make_field_reference.py` after changing the answers model (or its
descriptions and examples); `--check` exits 1 when the committed file is stale.
tests/test_field_reference.py fails while the document and the model disagree.
`python scripts/update_readme.py` (`make docs`) also refreshes it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _generated.py sits beside this script
from _generated import GeneratedFile  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "answers-reference.md"
COMMAND = "python scripts/make_field_reference.py"
EXAMPLE_LIMIT = 120
SECTION_KINDS = ("section", "section_list")
_CODE_TOKEN = re.compile(r"[^\s`|]{1,60}")

INTRO = f"""\
This file is generated from the answers model (`src/cxacq/answers/model/`) by
`{COMMAND}`; do not edit it by hand.
`tests/test_field_reference.py` fails while it disagrees with the model.

- `cxacq init FILE` writes a complete, commented answers file with every field and its
  description; start from that rather than from this table.
- `cxacq schema` prints the same fields as a JSON Schema, for editors and other tools.
- Paths use `.` between a section and its fields and `[]` for the items of a list, so
  `needs[].rank` is the `rank` of each item of `needs`.
- Values are read strictly: what you type reaches the model as written. YAML dates, booleans
  and numbers (`2024-10-01`, `NO`, `on`, `1.10`) are not converted by the YAML reader; they
  arrive as text and the field decides what it accepts (a date field reads `2024-10-01` as a
  date, a text field keeps `NO` as the text `NO`).
- **Required** is about the field within its section: a field of an optional section is only
  needed when the section is given. Examples come from the model or from the shipped
  `examples/` files."""


def _cell(text: str) -> str:
    """Return ``text`` fit for one Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _value(value: Any) -> str:
    """Return a default value as it would be typed in the answers file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return str(value)


def _required(spec: Any) -> str:
    if spec.required:
        return "yes"
    if spec.default is None or isinstance(spec.default, BaseModel):
        return "no"
    return f"no (default: {_value(spec.default)})"


def _example(spec: Any) -> str:
    if spec.kind in SECTION_KINDS or spec.example is None:
        return ""
    text = " ".join(str(spec.example).split())
    if len(text) > EXAMPLE_LIMIT:
        text = text[: EXAMPLE_LIMIT - 1].rstrip() + "…"
    if _CODE_TOKEN.fullmatch(text):
        return f"`{text}`"
    return _cell(text)


def _row(spec: Any) -> str:
    cells = [
        f"`{spec.path}`",
        _cell(spec.kind_label),
        _cell(_required(spec)),
        _cell(spec.description),
        _example(spec),
    ]
    return "| " + " | ".join(cells) + " |"


def render() -> str:
    """Return the Markdown of docs/answers-reference.md, built from the answers model."""
    from cxacq.answers.fields import answer_fields
    from cxacq.answers.scaffold import SECTION_INTROS

    specs = answer_fields()
    lines = ["# Answers file reference", "", INTRO]
    top_level = [spec for spec in specs if "." not in spec.path and "[" not in spec.path]
    for top in top_level:
        lines += ["", f"## {top.name}", ""]
        intro = SECTION_INTROS.get(top.name)
        if intro:
            lines += [" ".join(intro.split()), ""]
        lines += [
            "| Field | Type | Required | Description | Example |",
            "| --- | --- | --- | --- | --- |",
        ]
        for spec in specs:
            if spec.path == top.path or spec.path.startswith((top.path + ".", top.path + "[]")):
                lines.append(_row(spec))
    return "\n".join(lines) + "\n"


_FILE = GeneratedFile(REFERENCE, ROOT, render, "the answers model", COMMAND)
is_current = _FILE.is_current
write = _FILE.write
main = _FILE.main


if __name__ == "__main__":
    sys.exit(main())
