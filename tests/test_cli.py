from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import CASES, EXAMPLES
from cxacq.errors import ExitCode

MINIMAL = CASES / "valid" / "minimal.yaml"
BAD = CASES / "invalid" / "bad-choice.yaml"


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("cxacq 0.")


def test_usage_errors_exit_2(run_cli) -> None:
    assert run_cli("validate").exit_code == ExitCode.USAGE
    assert run_cli("validate", "--format", "xml", MINIMAL).exit_code == ExitCode.USAGE
    assert run_cli("frobnicate").exit_code == ExitCode.USAGE


def test_missing_file_and_directory_without_answers(run_cli, tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope.yaml")
    assert result.exit_code == ExitCode.INPUT
    assert "nope.yaml: error: no such file" in result.stdout


def test_directory_expands_to_answers_files(run_cli) -> None:
    result = run_cli("validate", EXAMPLES)
    assert result.exit_code == 0
    assert result.stdout.count("ok ") == len(list(EXAMPLES.glob("*.yaml")))


def test_json_shape_is_stable(run_cli) -> None:
    result = run_cli("validate", "--format", "json", MINIMAL, BAD)
    assert result.exit_code == ExitCode.INPUT
    payload = json.loads(result.stdout)
    assert set(payload) == {"version", "command", "files", "summary", "seconds"}
    assert payload["version"] == 1 and payload["command"] == "validate"
    assert payload["summary"] == {"files": 2, "failed": 1, "errors": 1, "warnings": 0, "infos": 0}
    bad = payload["files"][1]
    assert bad["ok"] is False and bad["exit_code"] == 1
    diag = bad["diagnostics"][0]
    assert set(diag) == {
        "path",
        "line",
        "column",
        "field",
        "code",
        "severity",
        "message",
        "hint",
        "citation",
    }
    assert (diag["line"], diag["field"], diag["severity"]) == (
        92,
        "evaluation.rating_method",
        "error",
    )


def test_github_annotations(run_cli) -> None:
    result = run_cli("validate", "--format", "github", BAD)
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={BAD},line=92,col=3,title=CX010::")


def test_github_annotations_are_capped_at_ten(run_cli, tmp_path: Path) -> None:
    text = MINIMAL.read_text()
    paths = []
    for index in range(12):
        path = tmp_path / f"bad{index:02}.yaml"
        path.write_text(text.replace("rating_method: adjectival", "rating_method: x"))
        paths.append(path)
    result = run_cli("validate", "--format", "github", *paths)
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(annotations) == 10
    assert "2 more problem(s) not shown as annotations" in result.stdout
    assert result.exit_code == ExitCode.INPUT


def test_init_writes_a_valid_file_and_never_overwrites(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    assert run_cli("init", target).exit_code == 0
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=cxacq.schema.json\n")
    assert (tmp_path / "cxacq.schema.json").exists()
    assert run_cli("validate", target).exit_code == 0
    target.write_text("schema_version: 1\n# my edits\n")
    again = run_cli("init", target)
    assert again.exit_code == ExitCode.OUTPUT
    assert "already exists" in again.stderr
    assert target.read_text() == "schema_version: 1\n# my edits\n"
    assert run_cli("init", target, "--force").exit_code == 0
    assert target.read_text() == text
    assert not list(tmp_path.glob(".cxacq-*"))


def test_init_into_a_directory_is_refused(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", tmp_path)
    assert result.exit_code == ExitCode.OUTPUT
    assert "directory" in result.stderr


def test_schema_to_stdout_and_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "cxacq answers file"
    assert "customer_need" in schema["required"]
    out = tmp_path / "s.json"
    assert run_cli("schema", "-o", out).exit_code == 0
    assert json.loads(out.read_text()) == schema


def test_internal_error_is_one_line_without_traceback(run_cli, monkeypatch) -> None:
    import cxacq.engine.pipeline

    def boom(paths, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(cxacq.engine.pipeline, "validate_files", boom)
    result = run_cli("validate", MINIMAL)
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error: RuntimeError: kaboom; rerun with --debug" in result.stderr


def test_python_dash_m_and_console_script_work(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cxacq", "validate", str(BAD)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "bad-choice.yaml:92:3" in proc.stdout


def test_keyboard_interrupt_exits_130(run_cli, monkeypatch) -> None:
    import cxacq.engine.pipeline

    def interrupted(paths, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cxacq.engine.pipeline, "validate_files", interrupted)
    result = run_cli("validate", MINIMAL)
    assert result.exit_code == ExitCode.INTERRUPTED
