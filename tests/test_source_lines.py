"""Values that parse but do not say what was meant get a warning at their line (issue 17).

Item 10: a '#' after a space starts a comment, so "see ticket #4521" became "see
ticket" in the documents without a word. Item 11: Word's curly quotes were called
"put quotes around the whole value" although the user did, and around a plain value
they printed literally.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, EXAMPLES
from cxacq.answers.loader import load_answers_text
from cxacq.answers.source_lines import comment_after_value, curly_quotes
from cxacq.errors import ExitCode

MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
OFFICE = "  office: Recovery Directorate, Individual Assistance Division"
SERVICE = "  service: Checking the status of a disaster assistance application"


def _write(tmp_path: Path, old: str, new: str) -> Path:
    assert old in MINIMAL
    path = tmp_path / "answers.yaml"
    path.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    return path


def _line(old: str) -> int:
    return MINIMAL.splitlines().index(old) + 1


def test_a_comment_cutting_a_value_is_a_warning_at_its_line(tmp_path: Path, run_cli) -> None:
    path = _write(tmp_path, OFFICE, "  office: Recovery Directorate, see ticket #4521")
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:{_line(OFFICE)}:" in result.stdout
    assert "warning: program.office: the text after '#' is a comment, so the value is only " \
        "'Recovery Directorate, see ticket' and '#4521' is left out" in result.stdout
    assert 'e.g. "Recovery Directorate, see ticket #4521"' in result.stdout
    strict = run_cli("check", path, "--strict")
    assert strict.exit_code == ExitCode.INPUT and "'#4521' is left out" in strict.stdout


@pytest.mark.parametrize("value", ['"see ticket #4521"', "see ticket#4521", "plain # "])
def test_no_warning_when_nothing_is_cut(value: str) -> None:
    text = f"note: {value}\nblock: |\n  a line # with a hash\n# a comment line\n"
    found = comment_after_value(text)
    assert found == []


@pytest.mark.parametrize("quotes", ["“…”", "‘…’"])
def test_curly_quotes_around_a_plain_value_are_a_warning(
    tmp_path: Path, run_cli, quotes: str
) -> None:
    opening, closing = quotes[0], quotes[-1]
    path = _write(tmp_path, SERVICE, f"  service: {opening}Checking the status{closing}")
    result = run_cli("validate", path)
    assert result.exit_code == 0
    assert f"{path}:{_line(SERVICE)}:12: warning: program.service: the value is wrapped in " \
        "curly quotes" in result.stdout
    assert "use straight quotes" in result.stdout


def test_curly_quotes_around_a_value_with_a_colon_are_named(tmp_path: Path, run_cli) -> None:
    path = _write(tmp_path, SERVICE, "  service: “Checking: the status”")
    result = run_cli("validate", path)
    assert result.exit_code == ExitCode.INPUT
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{_line(SERVICE)}:12: error: the value is wrapped in curly")
    assert "put quotes around the whole value" not in result.stdout
    assert "use straight quotes" in result.stdout


def test_examples_and_the_starter_file_have_no_line_warnings(tmp_path: Path, run_cli) -> None:
    assert run_cli("init", tmp_path / "start.yaml").exit_code == 0
    paths = [*EXAMPLES.glob("*.yaml"), CASES / "valid" / "minimal.yaml", tmp_path / "start.yaml"]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert comment_after_value(text) == [], path
        assert curly_quotes(text) == [], path
        assert load_answers_text(text, str(path)).line_warnings == []
