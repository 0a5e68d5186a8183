"""The answers file's JSON Schema, for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from cxacq import __version__
from cxacq.model import Answers

__all__ = ["SCHEMA_FILENAME", "answers_json_schema", "answers_json_schema_text"]

SCHEMA_FILENAME = "cxacq.schema.json"


def answers_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the answers file, generated from the model."""
    schema = Answers.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://cxacq.invalid/schema/answers-v1-{__version__}.json"
    schema["title"] = "cxacq answers file"
    return schema


def answers_json_schema_text() -> str:
    """Return the schema as stable, sorted, indented JSON text."""
    return json.dumps(answers_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
