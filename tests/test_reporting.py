"""One exit policy and one diagnostic policy: every path through the reporter, every format."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import CASES, EXAMPLES, ROOT
from cxacq.engine.pipeline import worst_exit
from cxacq.errors import (
    EXIT_MEANINGS,
    EXIT_PRECEDENCE,
    Diagnostic,
    ExitCode,
    FileResult,
    Severity,
    worst_exit_code,
)

MINIMAL = EXAMPLES / "minimal.yaml"
BAD = CASES / "invalid" / "bad-choice.yaml"


# --- the exit table -----------------------------------------------------------------------


def _readme_exit_table() -> dict[int, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning for code, meaning in
            re.findall(r"^\| (\d+) \| (.+?) \|$", section, flags=re.MULTILINE)}


def test_exit_table_covers_every_code_once() -> None:
    assert sorted(EXIT_PRECEDENCE) == sorted(ExitCode)
    assert set(EXIT_MEANINGS) == set(ExitCode)


def test_readme_exit_table_is_the_policy() -> None:
    table = _readme_exit_table()
    assert table == {int(code): meaning for code, meaning in EXIT_MEANINGS.items()}
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    order = ", ".join(str(int(code)) for code in EXIT_PRECEDENCE if code != ExitCode.OK)
    assert f"the run exits with the first of {order} that any file ended with" in text


@pytest.mark.parametrize(
    ("first", "second"), list(itertools.combinations(EXIT_PRECEDENCE, 2))
)
def test_worst_exit_follows_the_precedence(first: ExitCode, second: ExitCode) -> None:
    # ``first`` comes earlier in the table, so it wins whatever the order of the files.
    results = [FileResult(path="a", exit_code=second), FileResult(path="b", exit_code=first)]
    assert worst_exit(results) == first == worst_exit_code([first, second])


def test_bad_source_date_epoch_is_a_usage_error(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    result = run_cli("render", MINIMAL, "--out", tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert "SOURCE_DATE_EPOCH" in result.stdout + result.stderr


# --- run-level errors in every format -------------------------------------------------------


def test_missing_templates_folder_is_reported_in_json(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", "--templates", tmp_path / "nope", "--format", "json", MINIMAL,
                     "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.TEMPLATE
    payload = json.loads(result.stdout)
    assert payload["command"] == "render" and payload["summary"]["errors"] == 1
    diag = payload["files"][0]["diagnostics"][0]
    assert diag["code"] == "CX003" and "template directory" in diag["message"]
    assert not (tmp_path / "out").exists()


def test_missing_templates_folder_is_an_annotation_in_github(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", "--templates", tmp_path / "nope", "--format", "github", MINIMAL,
                     "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.TEMPLATE
    assert result.stdout.startswith("::error file=")
    assert "template directory does not exist" in result.stdout


class PanicException(BaseException):
    """Stands in for pyo3's PanicException, which is not an Exception."""


@pytest.mark.parametrize("error", [RuntimeError("kaboom"), PanicException("kaboom"),
                                   MemoryError("kaboom")])
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_anything_a_library_raises_is_one_line_and_exit_70(
    run_cli, monkeypatch, error: BaseException, fmt: str
) -> None:
    import cxacq.engine.pipeline

    def boom(paths, **kwargs):
        raise error

    monkeypatch.setattr(cxacq.engine.pipeline, "check_files", boom)
    result = run_cli("check", "--format", fmt, MINIMAL)
    assert result.exit_code == ExitCode.INTERNAL
    line = f"cxacq: internal error: {type(error).__name__}: kaboom; rerun with --debug\n"
    assert result.stderr == line
    if fmt == "json":
        payload = json.loads(result.stdout)
        assert payload["files"][0]["diagnostics"][0]["code"] == "CX070"
        assert payload["files"][0]["exit_code"] == ExitCode.INTERNAL
    elif fmt == "github":
        assert result.stdout.startswith("::error file=cxacq,title=CX070::internal error")


def test_internal_error_quotes_a_short_excerpt(run_cli, monkeypatch) -> None:
    import cxacq.engine.pipeline

    def boom(paths, **kwargs):
        raise ValueError("x" * 10_000 + "\x1b[2J")

    monkeypatch.setattr(cxacq.engine.pipeline, "validate_files", boom)
    result = run_cli("validate", MINIMAL)
    assert result.exit_code == ExitCode.INTERNAL
    assert len(result.stderr) < 400 and "\x1b" not in result.stderr


@pytest.mark.parametrize("signal", [SystemExit(5), GeneratorExit()])
def test_the_interpreters_own_exits_pass_through(monkeypatch, signal: BaseException) -> None:
    import cxacq.engine.pipeline
    from cxacq.cli.commands import run

    def stop(paths, **kwargs):
        raise signal

    monkeypatch.setattr(cxacq.engine.pipeline, "validate_files", stop)
    with pytest.raises(type(signal)):
        run(["validate", str(MINIMAL)])


# --- GitHub output cannot be forged ---------------------------------------------------------


def _github_lines(results: list[FileResult], capsys) -> list[str]:
    from cxacq.cli.reporter import report_github

    capsys.readouterr()
    report_github("validate", results, {"seconds": 0.1})
    return capsys.readouterr().out.splitlines()


def _assert_no_forged_commands(lines: list[str]) -> None:
    for line in lines:
        if line.lstrip().startswith("::"):
            assert re.match(r"^::(error|warning|notice) file=[^\n:,]*(,line=\d+)?(,col=\d+)?"
                            r",title=[^:,]*::", line), line


def test_every_github_line_is_escaped(capsys) -> None:
    forged = "a\n::error::forged%0A\r.yaml"
    results = [
        FileResult(path=name, exit_code=ExitCode.INPUT, notes=[f"wrote {name}"], diagnostics=[
            Diagnostic(path=name, message=f"bad value\n::warning::{i}", line=i, code="CX010")
            for i in range(1, 13)
        ])
        for name in (forged, "::error::starts-with-colons.yaml")
    ]
    lines = _github_lines(results, capsys)
    _assert_no_forged_commands(lines)
    # Past the ten annotations, plain lines still carry the whole (escaped) diagnostic.
    plain = [line for line in lines if not line.startswith("::")]
    assert any("a%0A%3A%3Aerror" in line or "a%0A::error::forged%250A%0D" in line
               for line in plain)
    assert any(line.startswith("%3A:error::starts-with-colons.yaml") for line in plain)


def test_file_name_with_a_newline_cannot_emit_a_command(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    text = BAD.read_text()
    for index in range(11):  # more than ten errors, so some are plain lines
        (folder / f"bad{index:02}.yaml").write_text(text)
    (folder / "z\n::error file=x::pwned.yaml").write_text(text)
    result = run_cli("validate", "--format", "github", folder)
    assert result.exit_code == ExitCode.INPUT
    lines = result.stdout.splitlines()
    assert any("z%0A::error file=x::pwned.yaml" in line for line in lines)
    _assert_no_forged_commands(lines)


# --- text output is safe for a terminal -----------------------------------------------------


def test_control_characters_in_file_names_are_shown_escaped(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[2J\u202e.yaml"
    path.write_text("")
    result = run_cli("validate", path)
    assert result.exit_code == ExitCode.INPUT
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "evil\\x1b[2J\\u202e.yaml" in result.stdout


def test_no_color_leaves_no_bold_or_dim(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in run_cli("check", MINIMAL).stdout  # styled on a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli("check", MINIMAL).stdout


# --- rules, --ignore ------------------------------------------------------------------------


def test_rules_explains_one_rule(run_cli) -> None:
    result = run_cli("rules", "FAR-C06")
    assert result.exit_code == 0
    assert result.stdout.startswith("FAR-C06 (error): Price and at least one quality factor")
    assert "--ignore FAR-C06" in result.stdout
    assert run_cli("rules", "far-c06").stdout == result.stdout


def test_rules_as_json_lists_every_rule_including_hygiene(run_cli) -> None:
    from cxacq.guidance import RULES

    payload = json.loads(run_cli("rules", "--format", "json").stdout)
    codes = [row["code"] for row in payload["rules"]]
    assert codes == sorted(RULES) and {"HYG-C01", "HYG-C02"} <= set(codes)
    assert set(payload["rules"][0]) == {"code", "severity", "summary", "basis", "area"}


@pytest.mark.parametrize("args", [("rules", "FAR-C6"), ("check", "--ignore", "FAR-C6", MINIMAL)])
def test_unknown_rule_code_is_a_usage_error_with_a_suggestion(run_cli, args) -> None:
    result = run_cli(*args)
    assert result.exit_code == ExitCode.USAGE
    assert "'FAR-C6'" in result.stderr and "did you mean FAR-C06?" in result.stderr


def test_unknown_ignore_code_in_json_prints_the_object(run_cli) -> None:
    result = run_cli("check", "--format", "json", "--ignore", "NOPE", MINIMAL)
    assert result.exit_code == ExitCode.USAGE
    assert json.loads(result.stdout)["files"][0]["diagnostics"][0]["code"] == "CX005"


# --- the example-value findings, readiness, order -------------------------------------------


@pytest.fixture
def starter_with_an_error(tmp_path: Path, run_cli) -> Path:
    target = tmp_path / "new.yaml"
    assert run_cli("init", "--no-input", target).exit_code == 0
    data = yaml.safe_load(target.read_text())
    data["market_research"]["methods"] = []  # SEED-C09, an error, late in the file
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return target


def test_example_values_are_grouped_by_section(run_cli, starter_with_an_error: Path) -> None:
    result = run_cli("check", starter_with_an_error)
    example_lines = [line for line in result.stdout.splitlines() if "HYG-C01" in line]
    sections = [line.split("HYG-C01: ")[1].split(":")[0] for line in example_lines]
    assert len(sections) == len(set(sections)) < 15
    assert "values here are still the example values" in example_lines[0]
    verbose = run_cli("check", "--verbose", starter_with_an_error)
    assert verbose.stdout.count("HYG-C01") > 40
    payload = json.loads(run_cli("check", "--format", "json", starter_with_an_error).stdout)
    assert sum(d["code"] == "HYG-C01" for d in payload["files"][0]["diagnostics"]) > 40


def test_errors_first_summary_last(run_cli, starter_with_an_error: Path) -> None:
    lines = run_cli("check", starter_with_an_error).stdout.splitlines()
    findings = [line for line in lines if re.search(r": (error|warning|info) ", line)]
    assert ": error SEED-C09: " in findings[0]
    assert lines[-1].startswith("cxacq check: 1 file, 1 error(s)")
    github = run_cli("check", "--format", "github", starter_with_an_error).stdout.splitlines()
    assert github[0].startswith("::error ") and "SEED-C09" in github[0]
    assert not any(line.startswith("%") or "more problem(s)" in line for line in github)


def test_readiness_is_never_ready_while_check_fails(run_cli) -> None:
    result = run_cli("check", "--strict", "--ignore", "SEED-C09", MINIMAL)
    assert result.exit_code == ExitCode.INPUT
    headline = next(line for line in result.stdout.splitlines() if "Readiness of " in line)
    strict = re.search(r": Not ready: (\d+) warnings \(--strict\) — ", headline)
    assert strict, headline
    assert "Market research 1" in headline
    lenient = run_cli("check", "--ignore", "SEED-C09", MINIMAL)
    assert lenient.exit_code == 0
    assert f"minimal.yaml: No errors: {strict.group(1)} warnings to review — " in lenient.stdout
    clean = run_cli("check", EXAMPLES / "uscis-work-authorization.yaml")
    assert clean.exit_code == 0
    assert re.search(r"^Readiness of .*uscis-work-authorization.yaml: Ready$", clean.stdout,
                     re.MULTILINE)


def test_severity_rank_orders_errors_first() -> None:
    assert sorted(Severity, key=lambda s: s.rank) == [
        Severity.ERROR, Severity.WARNING, Severity.INFO
    ]


# --- shell completion -----------------------------------------------------------------------


def test_shell_completion_completes_commands_and_options(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_CXACQ_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1)}
        proc = subprocess.run([sys.executable, "-m", "cxacq"], env=env, cwd=tmp_path,
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.split()

    assert complete("cxacq ch") == ["check"]
    assert complete("cxacq check --str") == ["--strict"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "cxacq --install-completion" in readme
