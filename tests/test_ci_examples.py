"""The shipped CI workflow and pre-commit hooks run as written."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import yaml

from conftest import EXAMPLES, ROOT

WORKFLOW = EXAMPLES / "ci" / ".github" / "workflows" / "cxacq.yml"


def test_workflow_commands_run_on_a_repository_of_answers(
    tmp_path: Path, run_cli, monkeypatch
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in (
        "uscis-work-authorization.yaml",
        "fema-disaster-assistance.yaml",
        "tsa-precheck-enrollment.yaml",
    ):
        shutil.copy(EXAMPLES / name, answers / name)
    monkeypatch.chdir(tmp_path)
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["package"]["steps"]
    commands = [s["run"] for s in steps if s.get("run", "").startswith("cxacq ")]
    assert len(commands) == 3
    for command in commands:
        result = run_cli(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output[-400:])
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 8
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "out/"


def test_ci_example_is_not_taken_for_an_answers_file(run_cli) -> None:
    assert run_cli("validate", EXAMPLES).exit_code == 0


def test_pre_commit_hooks_name_real_commands(run_cli) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"cxacq-validate", "cxacq-check", "cxacq-render-check"}
    for hook in hooks:
        args = shlex.split(hook["entry"])[1:]
        assert run_cli(*args, "--help").exit_code == 0
