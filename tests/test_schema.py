"""The editor schema accepts exactly what the loader accepts (issue 17 item 17).

An editor reads YAML 1.2: ``version: 1.0`` and ``target: 3.8`` are numbers to it,
while the loader reads them as text. The starter file ``init`` writes was once
rejected by the schema ``init`` wrote beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import CASES, EXAMPLES
from cxacq.answers.schema import answers_json_schema


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader without timestamps, as YAML 1.2's core schema reads dates.

    It keeps YAML 1.1's booleans (yes, no, on, off), which is harsher than YAML 1.2.
    """


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _editor_reads(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)  # noqa: S506


def _validator() -> jsonschema.protocols.Validator:
    schema = answers_json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _starter(tmp_path: Path, run_cli) -> Path:
    path = tmp_path / "start.yaml"
    assert run_cli("init", path).exit_code == 0
    return path


def test_the_starter_file_and_every_example_pass_the_schema(tmp_path: Path, run_cli) -> None:
    validator = _validator()
    paths = [_starter(tmp_path, run_cli), *sorted(EXAMPLES.glob("*.yaml")),
             *sorted((CASES / "valid").glob("*.yaml"))]
    for path in paths:
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(_editor_reads(path))]
        assert errors == [], (path, errors[:5])


def test_the_starter_file_holds_numbers_to_an_editor(tmp_path: Path, run_cli) -> None:
    """The case that failed: values the loader reads as text are numbers in YAML 1.2."""
    data = _editor_reads(_starter(tmp_path, run_cli))
    assert isinstance(data["document"]["version"], float)


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [("version", 2.1, True), ("version", "2.1", True), ("version", True, True),
     ("version", None, False), ("version", ["a"], False),
     ("date", "2026-11-02", True), ("date", 20261102, False)],
)
def test_the_schema_agrees_with_validate_on_document_values(
    tmp_path: Path, run_cli, field: str, value: Any, valid: bool
) -> None:
    data = _editor_reads(EXAMPLES / "minimal.yaml")
    data["document"][field] = value
    schema_ok = _validator().is_valid(data)
    path = tmp_path / "answers.yaml"
    # JSON is YAML: the loader reads 2.1 and true as the text they are written as.
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert schema_ok is valid
    assert (run_cli("validate", path).exit_code == 0) is valid
