"""The shipped CI workflow and pre-commit hooks run as written."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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


def _steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]["package"]["steps"]


def test_workflow_installs_cxacq_from_its_git_repository_at_a_tag() -> None:
    from cxacq import __version__

    text = WORKFLOW.read_text()
    workflow = yaml.safe_load(text)
    # Never a bare name from a package index: nobody has registered "cxacq" there.
    assert "cxacq==" not in text and "pip install cxacq" not in text
    assert workflow["env"]["CXACQ_VERSION"] == f"v{__version__}"
    steps = _steps()
    guard = steps[0]
    assert guard["if"] == "vars.CXACQ_REPOSITORY == ''" and "exit 1" in guard["run"]
    fetch = next(s for s in steps if s.get("name") == "Fetch cxacq at its release tag")
    assert fetch["uses"] == "actions/checkout@v4"
    assert fetch["with"] == {
        "repository": "${{ vars.CXACQ_REPOSITORY }}",
        "ref": "${{ env.CXACQ_VERSION }}",
        "path": ".cxacq",
    }
    install = next(s for s in steps if s.get("name") == "Install cxacq")
    assert install["run"] == "python -m pip install ./.cxacq"
    names = [s.get("name", s.get("uses")) for s in steps]
    assert names.index("Fetch cxacq at its release tag") < names.index("Install cxacq")


@pytest.mark.slow
def test_what_the_workflow_installs_runs(tmp_path: Path) -> None:
    """Fetch this repository at a tag into .cxacq as the workflow does, install it, run it."""
    git = shutil.which("git")
    if git is None:  # pragma: no cover - git is part of the development set-up
        pytest.skip("git is not installed")
    from cxacq import __version__

    tag = f"v{__version__}"
    origin = tmp_path / "origin"
    subprocess.run([git, "clone", "--quiet", "--no-local", str(ROOT), str(origin)], check=True)
    subprocess.run([git, "-C", str(origin), "tag", tag], check=True)
    repo = tmp_path / "answers-repo"
    (repo / "answers").mkdir(parents=True)
    shutil.copy(EXAMPLES / "uscis-work-authorization.yaml", repo / "answers")
    subprocess.run([git, "clone", "--quiet", "--depth", "1", "--branch", tag,
                    f"file://{origin}", str(repo / ".cxacq")], check=True)
    install = next(s for s in _steps() if s.get("name") == "Install cxacq")["run"]
    python, dash_m, pip, verb, *rest = shlex.split(install)
    assert (python, dash_m, pip, verb) == ("python", "-m", "pip", "install")
    site = tmp_path / "site"
    # Offline here: build with the test environment's hatchling and reuse its dependencies.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(site), *rest],
        cwd=repo, check=True, capture_output=True, text=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    env.pop("CI", None)
    proc = subprocess.run(
        [sys.executable, "-c",
         "import cxacq, sys; from cxacq.cli import run; print(cxacq.__file__, file=sys.stderr);"
         " sys.exit(run(sys.argv[1:]))",
         "validate", "--format", "github", "answers/"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr.startswith(str(site))  # the installed copy ran, not the source tree
    assert "cxacq validate: 1 file, 0 error(s)" in proc.stdout
    assert (site / "bin" / "cxacq").exists()
