"""Valid answers never crash a writer: validation checks every limit the output has.

Issue 20 item 1 and issue 17 item 12: Word's core properties hold 255 characters,
a zip archive dates its parts from 1980 to 2107, and only Unicode code points can
be written. Each of these once passed ``validate`` and crashed ``render`` (exit 70)
or crashed ``validate`` itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CASES
from cxacq.errors import ExitCode

MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")

_FIELD_LINES = {
    "program.name": "  name: Disaster Assistance Status Line",
    "program.office": "  office: Recovery Directorate, Individual Assistance Division",
    "program.component": "  component: Federal Emergency Management Agency (FEMA)",
}


def _answers(tmp_path: Path, name: str = "answers.yaml", **values: str) -> Path:
    """Write the minimal answers with ``field=value`` replacements (YAML text as given)."""
    text = MINIMAL
    for dotted, value in values.items():
        dotted = dotted.replace("__", ".")
        if dotted == "document.date":
            text = re.sub(r"(?m)^  date: .*$", f"  date: {value}", text, count=1)
        elif dotted == "document.version":
            text = text.replace("document:\n", f"document:\n  version: {value}\n", 1)
        else:
            line = _FIELD_LINES[dotted]
            assert line in text
            key = line.split(":")[0]
            text = text.replace(line, f"{key}: {value}", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "limit"),
    [("program.name", 200), ("program.office", 120), ("program.component", 120),
     ("document.version", 40)],
)
def test_a_value_too_long_for_a_word_property_is_refused_at_its_field(
    tmp_path: Path, run_cli, field: str, limit: int
) -> None:
    path = _answers(tmp_path, **{field.replace(".", "__"): "W" * 300})
    for command in ("validate", "render"):
        result = run_cli(command, path, "--out", tmp_path / "out") if command == "render" \
            else run_cli(command, path)
        assert result.exit_code == ExitCode.INPUT, result.output
        assert f": {field}: is 300 characters long; at most {limit} characters fit here" \
            in result.stdout
        assert "W" * 61 not in result.output  # the value is never quoted whole
    assert not (tmp_path / "out").exists()


def test_every_text_property_at_its_limit_renders(tmp_path: Path, run_cli) -> None:
    """The longest accepted values fit every Word property of every document."""
    path = _answers(
        tmp_path,
        program__name="N" * 200,
        program__office="O" * 120,
        program__component="C" * 120,
        document__version="V" * 40,
    )
    result = run_cli("render", path, "--out", tmp_path / "out", "--markdown")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / "answers").glob("*.docx"))) >= 2


def test_a_long_value_does_not_stop_the_batch(tmp_path: Path, run_cli) -> None:
    bad = _answers(tmp_path, "a-bad.yaml", program__office="O" * 256)
    good = _answers(tmp_path, "b-good.yaml")
    result = run_cli("render", bad, good, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == ExitCode.INPUT
    assert list((tmp_path / "out" / "b-good").glob("*.docx"))
    assert not (tmp_path / "out" / "a-bad").exists()


@pytest.mark.parametrize("date", ["2108-01-01", "1979-12-31"])
def test_a_date_a_zip_cannot_hold_is_refused(tmp_path: Path, run_cli, date: str) -> None:
    path = _answers(tmp_path, document__date=date)
    result = run_cli("render", path, "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.INPUT, result.output
    assert ": document.date: must be a year from 1980 to 2107" in result.stdout


@pytest.mark.parametrize("date", ["2107-12-31", "1980-01-01"])
def test_the_first_and_last_zip_years_render(tmp_path: Path, run_cli, date: str) -> None:
    path = _answers(tmp_path, document__date=date)
    assert run_cli("render", path, "--out", tmp_path / "out").exit_code == 0


def test_source_date_epoch_after_2107_is_a_clear_error(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800")
    result = run_cli("render", _answers(tmp_path), "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "SOURCE_DATE_EPOCH" in result.output and "2107" in result.output
    assert "internal error" not in result.output


def test_an_impossible_date_is_not_called_badly_written(tmp_path: Path, run_cli) -> None:
    result = run_cli("validate", _answers(tmp_path, document__date="2025-02-30"))
    assert result.exit_code == ExitCode.INPUT
    assert ": document.date: '2025-02-30' is not a real date" in result.stdout
    assert "YYYY-MM-DD" not in result.stdout


@pytest.mark.parametrize("use_libyaml", [True, False])
@pytest.mark.parametrize("command", ["validate", "check", "render"])
def test_an_escape_beyond_unicode_is_an_error_at_its_field(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch, command: str, use_libyaml: bool
) -> None:
    monkeypatch.setattr("cxacq.answers.loader.HAVE_LIBYAML", use_libyaml and _libyaml())
    path = _answers(tmp_path, program__office='"Office \\U00110000"')
    args = ("--out", tmp_path / "out") if command == "render" else ()
    result = run_cli(command, path, *args)
    assert result.exit_code == ExitCode.INPUT, result.output
    line = MINIMAL.splitlines().index(_FIELD_LINES["program.office"]) + 1
    assert f"{path}:{line}:3: error: program.office: the value holds an escape for a code " \
        "point beyond Unicode" in result.stdout


def test_a_lone_surrogate_is_named_as_such(tmp_path: Path, run_cli) -> None:
    result = run_cli("validate", _answers(tmp_path, program__name='"A \\uD800 B"'))
    assert result.exit_code == ExitCode.INPUT
    assert ": program.name: the value holds half of a surrogate pair (U+D800)" in result.stdout


def test_a_control_character_in_a_key_is_rejected_and_shown_escaped(
    tmp_path: Path, run_cli
) -> None:
    path = _answers(tmp_path)
    path.write_text(
        path.read_text().replace("  service:", '  "serv\\x1b[31mice\\nX": x\n  service:', 1)
    )
    result = run_cli("validate", path)
    assert result.exit_code == ExitCode.INPUT
    assert "\x1b" not in result.output and "\nX" not in result.output
    assert "program.serv\\u001b[31mice\\u000aX: the name contains a control character (U+001B)" \
        in result.stdout


def test_an_error_quotes_only_an_excerpt_of_a_long_value(tmp_path: Path, run_cli) -> None:
    path = _answers(tmp_path)
    path.write_text(path.read_text().replace("rating_method: adjectival",
                                             "rating_method: " + "z" * 10_000))
    result = run_cli("validate", path)
    assert result.exit_code == ExitCode.INPUT
    assert "'" + "z" * 60 + "…' is not one of the allowed values" in result.stdout
    assert max(len(line) for line in result.output.splitlines()) < 300


def _libyaml() -> bool:
    from cxacq.answers import loader

    return loader._CParser is not None
