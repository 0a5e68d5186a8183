"""docs/answers-reference.md cannot rot: it is generated from the model and covers every field."""

from __future__ import annotations

import importlib.util
import re
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from conftest import EXAMPLES, ROOT
from cxacq.answers.model import Answers

DOC = ROOT / "docs" / "answers-reference.md"
FIX = "run: python scripts/make_field_reference.py"


def _script():
    path = ROOT / "scripts" / "make_field_reference.py"
    spec = importlib.util.spec_from_file_location("make_field_reference", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader
    spec.loader.exec_module(module)
    return module


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional/Union-with-None and list[...] down to the inner type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _is_list(annotation: Any) -> bool:
    """Whether the annotation (under Annotated/Optional) is a list."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is list:
            return True
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return False
            annotation = args[0]
        else:
            return False


def _model_fields(model: type[BaseModel] = Answers, prefix: str = "") -> list[tuple[str, Any]]:
    """Every field of ``model`` as (``a.b[].c`` path, annotation), walked independently."""
    found: list[tuple[str, Any]] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        found.append((path, info.annotation))
        inner = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found += _model_fields(inner, path + ("[]" if _is_list(info.annotation) else ""))
    return found


def _rows() -> dict[str, list[str]]:
    """The table rows of the document: path → [type, required, description, example]."""
    rows: dict[str, list[str]] = {}
    for line in _text().splitlines():
        match = re.match(r"^\| `([^`]+)` \|", line)
        if not match:
            continue
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        assert len(cells) == 5, line
        assert match.group(1) not in rows, f"{match.group(1)} has two rows"
        rows[match.group(1)] = cells[1:]
    return rows


def test_committed_reference_matches_the_model() -> None:
    assert DOC.is_file(), FIX
    assert _script().render() == _text(), FIX


def test_render_is_deterministic_and_ends_with_a_newline() -> None:
    script = _script()
    first = script.render()
    assert first == script.render()
    assert first.startswith("# Answers file reference\n")
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_every_model_field_appears() -> None:
    fields = _model_fields()
    assert len(fields) > 100
    text = _text()
    missing = [path for path, _ in fields if f"`{path}`" not in text]
    assert not missing, f"fields missing from docs/answers-reference.md: {missing}; {FIX}"
    assert set(_rows()) == {path for path, _ in fields}


def test_every_top_level_section_has_a_heading_in_model_order() -> None:
    headings = re.findall(r"^## (\S+)$", _text(), flags=re.MULTILINE)
    assert headings == list(Answers.model_fields)


def test_every_field_row_has_a_description_and_an_example() -> None:
    for path, (kind, required, description, example) in _rows().items():
        assert description, f"{path} has no description"
        assert required == "yes" or required.startswith("no"), path
        if kind in ("section", "list of sections"):
            assert not example, f"section {path} should have no example"
        else:
            assert example, f"{path} has no example"


def test_every_choice_appears_in_its_row() -> None:
    rows = _rows()
    checked = 0
    for path, annotation in _model_fields():
        inner = _unwrap(annotation)
        if typing.get_origin(inner) is not typing.Literal:
            continue
        row = " | ".join(rows[path])
        for value in typing.get_args(inner):
            assert str(value) in row, f"{path}: choice {value!r} is not in its row"
            checked += 1
    assert checked > 20


def test_values_from_the_minimal_example_show_up() -> None:
    data = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    rows = _rows()
    assert data["support_model"] == "full_teams_with_cx_designers"
    assert "full_teams_with_cx_designers" in " | ".join(rows["support_model"])
    for path, value in [
        ("acquisition.contract_type", data["acquisition"]["contract_type"]),
        ("funding.status", data["funding"]["status"]),
        ("discovery.status", data["discovery"]["status"]),
    ]:
        assert str(value) in " | ".join(rows[path]), path


def test_cells_are_escaped_and_examples_truncated() -> None:
    for path, cells in _rows().items():
        example = cells[3]
        assert len(example.strip("`")) <= 121, path
    assert "\n| " not in _script()._cell("a\n| b")
    assert _script()._cell("a | b\nc") == "a \\| b c"
