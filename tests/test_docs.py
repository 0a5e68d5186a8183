"""The README cannot rot: its command reference equals --help; every command is documented."""

from __future__ import annotations

import importlib.util
import re

from conftest import ROOT
from cxacq.errors import ExitCode


def _script():
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts" / "update_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader
    spec.loader.exec_module(module)
    return module


def test_readme_command_reference_matches_help() -> None:
    script = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert script.updated(text) == text, "run: python scripts/update_readme.py"


def test_every_command_has_help_and_appears_in_readme() -> None:
    script = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in script.commands():
        assert f"$ cxacq {name} --help" in text
        assert len(script.help_text(name).splitlines()) > 3


def test_exit_code_table_matches_enum() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", text, flags=re.MULTILINE))
    assert sorted(int(code) for code in table) == sorted(int(code) for code in ExitCode)


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")
    ]
    # The last command is the README's test command, and nothing else runs tests: the lines
    # before it only install LibreOffice and poppler for the page-level tests.
    assert commands[-1] == "make test"
    assert not [line for line in commands[:-1] if "pytest" in line or "make " in line]
    assert "libreoffice-writer-nogui" in ci and "poppler-utils" in ci
