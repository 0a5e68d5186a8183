"""The shipped CI workflow and pre-commit hooks run as written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import documents_for
from cxacq.errors import ExitCode

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
    expected = sum(
        kind.extension == "docx"
        for path in answers.glob("*.yaml")
        for kind in documents_for(load_and_validate(path))
    )
    assert len(list((tmp_path / "out").rglob("*.docx"))) == expected
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
         "import cxacq, sys; from cxacq.cli.commands import run;"
         " print(cxacq.__file__, file=sys.stderr);"
         " sys.exit(run(sys.argv[1:]))",
         "validate", "--format", "github", "answers/"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr.startswith(str(site))  # the installed copy ran, not the source tree
    assert "cxacq validate: 1 file, 0 error(s)" in proc.stdout
    assert (site / "bin" / "cxacq").exists()


def _readme_pre_commit_config() -> dict:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [
        textwrap.dedent(body)
        for _, body in re.findall(r"^( *)```yaml\n(.*?)^ *```", text, flags=re.S | re.M)
    ]
    (block,) = [b for b in blocks if b.startswith("# .pre-commit-config.yaml")]
    return yaml.safe_load(block)


def test_readme_pre_commit_config_uses_the_shipped_hooks() -> None:
    config = _readme_pre_commit_config()
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    shipped = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert [h["id"] for h in repo["hooks"]] == list(shipped)
    for hook in repo["hooks"]:
        for key in ("entry", "types", "exclude"):
            assert hook[key] == shipped[hook["id"]][key], (hook["id"], key)
        assert hook["language"] == "system"  # cxacq installed as in the README's Install


def _pre_commit_selects(hook: dict, files: list[str]) -> list[str]:
    """Return the files pre-commit passes to ``hook`` (types: yaml, files, exclude)."""
    assert hook["types"] == ["yaml"]
    return [
        name for name in files
        if name.endswith((".yaml", ".yml"))
        and re.search(hook.get("files", ""), name)
        and not re.search(hook.get("exclude", "^$"), name)
    ]


def test_pre_commit_hooks_pass_over_a_repositorys_other_yaml(
    tmp_path: Path, run_cli, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    files = {
        ".pre-commit-config.yaml": yaml.safe_dump(_readme_pre_commit_config()),
        ".github/workflows/cxacq.yml": WORKFLOW.read_text(),
        "config/settings.yaml": "server:\n  port: 8080\n",
        "mkdocs.yml": "site_name: Program docs\n",
        "answers/uscis.yaml": (EXAMPLES / "uscis-work-authorization.yaml").read_text(),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert run_cli("render", "answers/uscis.yaml", "--out", "packages").exit_code == 0
    hooks = _readme_pre_commit_config()["repos"][0]["hooks"]
    for hook in hooks:
        selected = _pre_commit_selects(hook, sorted(files))
        assert ".pre-commit-config.yaml" not in selected
        assert "config/settings.yaml" in selected  # only --answers-only keeps this one out
        result = run_cli(*shlex.split(hook["entry"])[1:], *selected)
        assert result.exit_code == 0, (hook["id"], result.output[-600:])
        assert "1 file" in result.stdout.splitlines()[-1], hook["id"]
    # Without --answers-only the same files fail, as they did before.
    assert run_cli("validate", "config/settings.yaml").exit_code == ExitCode.INPUT
