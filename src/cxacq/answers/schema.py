"""The answers file's JSON Schema, for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from cxacq import __version__
from cxacq.answers.model import Answers

__all__ = ["SCHEMA_FILENAME", "answers_json_schema", "answers_json_schema_text"]

SCHEMA_FILENAME = "cxacq.schema.json"


# How the loader reads what an editor's YAML 1.2 parser sees as numbers and booleans.
_AS_TEXT = ["string", "number", "boolean"]
_INTEGER_TEXT = r"^\s*[-+]?[0-9]+\s*$"
_NUMBER_TEXT = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
_BOOLEAN_TEXT = (
    "^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF|[TtFfYyNn]|0|1)$"
)


def _as_the_loader_reads(node: Any) -> None:
    """Widen types in place so the schema accepts exactly what the loader accepts.

    The loader reads every plain value as text and the model decides what it
    means, so ``version: 1.0`` is the text "1.0" and ``months: "12"`` is twelve.
    An editor reading YAML 1.2 sees a number in the first and text in the second;
    the schema must accept both, as ``validate`` does.
    """
    if isinstance(node, list):
        for item in node:
            _as_the_loader_reads(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _as_the_loader_reads(value)
    kind = node.get("type")
    if isinstance(node.get("const"), int) and not isinstance(node["const"], bool):
        node["enum"] = [node["const"], str(node.pop("const"))]
        node.pop("type", None)
    elif kind == "string" and not ({"enum", "const", "format"} & node.keys()):
        node["type"] = _AS_TEXT
    elif kind in ("integer", "number", "boolean") and "pattern" not in node:
        node["type"] = [kind, "string"]
        node["pattern"] = {
            "integer": _INTEGER_TEXT, "number": _NUMBER_TEXT, "boolean": _BOOLEAN_TEXT
        }[kind]


def answers_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the answers file, generated from the model.

    Types are widened to what the loader accepts (see :func:`_as_the_loader_reads`).
    """
    schema = Answers.model_json_schema(mode="validation")
    _as_the_loader_reads(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://cxacq.invalid/schema/answers-v1-{__version__}.json"
    schema["title"] = "cxacq answers file"
    return schema


def answers_json_schema_text() -> str:
    """Return the schema as stable, sorted, indented JSON text."""
    return json.dumps(answers_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
