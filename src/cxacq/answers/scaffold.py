"""`cxacq init`: a fully commented answers file built from the model.

Comments come from the model's field descriptions; each top-level section is
introduced in the guidance's own words (:data:`SECTION_INTROS`); values come from
a complete example so the file validates and renders as it is. Optional fields the
example leaves out are written as commented lines, so every field can be found.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import yaml

from cxacq.answers.fields import FieldSpec, fields_under
from cxacq.answers.loader import load_answers_file, load_answers_text, starter_data
from cxacq.answers.schema import SCHEMA_FILENAME, answers_json_schema_text
from cxacq.answers.validate import validate_loaded
from cxacq.engine.atomic import write_text_file
from cxacq.errors import CxacqError, OutputError

__all__ = [
    "DEFAULT_ANSWERS_NAME",
    "SECTION_INTROS",
    "check_target",
    "init_answers",
    "scaffold_text",
    "starter_data",
    "write_answers",
]

DEFAULT_ANSWERS_NAME = "cxacq-answers.yaml"
_WIDTH = 92

SECTION_INTROS: dict[str, str] = {
    spec.name: spec.intro for spec in fields_under(()) if spec.intro
}


STARTER_HEADER = (
    "EVERY VALUE BELOW IS AN EXAMPLE for a fictional USCIS program: replace each one with",
    "your program's own. `cxacq check` lists the example values you have not replaced yet,",
    "and `cxacq validate` points at any mistake by line and field.",
)


def scaffold_text(
    data: dict[str, Any] | None = None,
    *,
    schema_ref: str = SCHEMA_FILENAME,
    header: tuple[str, ...] = STARTER_HEADER,
) -> str:
    """Return the commented answers file for ``data`` (default: the starter example).

    Args:
        data: Answers as the loader reads them; the starter example when None.
        schema_ref: The JSON Schema the editor modeline points at.
        header: Lines said at the top about where the values came from.
    """
    values = starter_data() if data is None else data
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        "#",
        "# cxacq answers file: your program office's answers about its customer-experience need.",
        "# `cxacq render` turns it into an acquisition strategy, an evaluation plan and an",
        "# oral-presentation scenario in Word.",
        "#",
        *(f"# {line}" for line in header),
        "# Indent with spaces. Lines starting with '#' are comments; '# field:' lines are optional",
        "# fields you can fill in by removing the '# '.",
        "",
    ]
    for spec in fields_under(()):
        if spec.name in SECTION_INTROS:
            lines.append("")
            lines.extend(_comment(SECTION_INTROS[spec.name], 0))
        elif spec.description:
            lines.extend(_comment(spec.description, 0))
        lines.extend(_emit_field(spec, (spec.name,), values.get(spec.name, _MISSING), 0))
    return "\n".join(lines).strip() + "\n"


_MISSING = object()
Loc = tuple[str | int, ...]


def _comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {line}" for line in textwrap.wrap(text, _WIDTH - indent - 2)]


def _emit_field(spec: FieldSpec, loc: Loc, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    name = spec.name
    if value is _MISSING:
        return [f"{pad}# {name}:"]
    if isinstance(value, dict) and spec.model is not None:
        if not value:  # an empty section stays a section, not null
            return [f"{pad}{name}: {{}}", *_emit_mapping(loc, value, indent + 2)]
        return [f"{pad}{name}:", *_emit_mapping(loc, value, indent + 2)]
    if isinstance(value, list):
        if not value:
            return [f"{pad}{name}: []"]
        out = [f"{pad}{name}:"]
        sections = spec.kind == "section_list"
        for index, item in enumerate(value):
            out.extend(_emit_item((*loc, 0) if sections else None, item, indent + 2,
                                  commented=index == 0))
        return out
    return _emit_scalar(f"{pad}{name}:", value, indent)


def _emit_mapping(
    loc: Loc, value: dict[str, Any], indent: int, *, comments: bool = True
) -> list[str]:
    out: list[str] = []
    for spec in fields_under(loc):
        if comments and spec.description:
            out.extend(_comment(spec.description, indent))
        out.extend(
            _emit_field(spec, (*loc, spec.name), value.get(spec.name, _MISSING), indent)
        )
    return out


def _emit_item(
    item_loc: Loc | None,
    item: Any,
    indent: int,
    *,
    commented: bool,
) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict) and item_loc is not None:
        body = _emit_mapping(item_loc, item, indent + 2, comments=commented)
        body = [line for line in body if commented or not line.lstrip().startswith("# ")]
        first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
        head = body[first]
        body[first] = f"{pad}- {head[indent + 2:]}"
        return body
    return _emit_scalar(f"{pad}-", item, indent)


def _emit_scalar(prefix: str, value: Any, indent: int) -> list[str]:
    if value is None:
        return [f"{prefix}"]
    text = str(value)
    dumped = yaml.safe_dump(text, default_flow_style=True, allow_unicode=True, width=10_000)
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    # Text that cxacq's own loader reads back unchanged is written without quotes.
    if len(prefix) + len(text) + 1 <= _WIDTH and _reads_back_plain(text):
        return [f"{prefix} {text}"]
    if len(prefix) + len(dumped) + 1 <= _WIDTH or "\n" in text:
        return [f"{prefix} {dumped}"]
    # Long text: a folded block keeps the file readable and reads back as one line.
    inner = " " * (indent + 2)
    wrapped = textwrap.wrap(
        text,
        _WIDTH - indent - 2,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [f"{prefix} >-", *(f"{inner}{line}" for line in wrapped)]


def _reads_back_plain(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        loaded = load_answers_text(f"k: {text}\n", "<scaffold>")
    except CxacqError:
        return False
    return bool(loaded.data == {"k": text})


def init_answers(path: Path, *, force: bool = False, source: Path | None = None) -> list[Path]:
    """Write a new answers file (and the JSON Schema beside it) for ``cxacq init``.

    Args:
        path: The answers file to create.
        force: Overwrite an existing answers file.
        source: An answers file whose values to write, in the commented layout,
            instead of the starter example's.

    Returns:
        The files written.

    Raises:
        InputError: ``source`` cannot be read.
        AnswersInvalid: ``source`` does not validate.
        OutputError: The file exists and ``force`` is off, or it cannot be written.
    """
    check_target(path, force=force)
    if source is None:
        return write_answers(path, scaffold_text(), force=force)
    loaded = load_answers_file(source)
    validate_loaded(loaded)
    header = (
        f"Written by `cxacq init --from {source.name}` from that file's answers.",
        "`cxacq validate` points at any mistake by line and field.",
    )
    return write_answers(path, scaffold_text(loaded.data, header=header), force=force)


def check_target(path: Path, *, force: bool, replacing: Path | None = None) -> None:
    """Refuse a target that is a directory, or that exists without ``force``.

    Args:
        path: The answers file to write.
        force: Overwrite an existing file.
        replacing: The file the answers came from; writing back to it is allowed.

    Raises:
        OutputError: The target is a directory, or exists and may not be replaced.
    """
    if path.is_dir():
        raise OutputError(
            "this is a directory; give the name of the answers file to create",
            path=str(path),
            hint=f"e.g. cxacq init {path / DEFAULT_ANSWERS_NAME}",
        )
    same = replacing is not None and path.exists() and path.resolve() == replacing.resolve()
    if path.exists() and not force and not same:
        raise OutputError(
            "the file already exists; nothing was written",
            path=str(path),
            hint="choose another name, or add --force to overwrite it",
        )


def write_answers(path: Path, text: str, *, force: bool) -> list[Path]:
    """Write the answers file, and the JSON Schema beside it unless one is there.

    Raises:
        OutputError: A file cannot be written.
    """
    written = [path]
    write_text_file(path, text)
    schema_path = path.parent / SCHEMA_FILENAME
    if not schema_path.exists() or force:
        write_text_file(schema_path, answers_json_schema_text())
        written.append(schema_path)
    return written
