"""mypy in CI: CI runs `make test` only, so the type check that `make lint` runs is a test too."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_recipe() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^lint:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert block, "the Makefile has no lint target"
    return [line.strip() for line in block.group(1).splitlines()]


def test_mypy_finds_no_errors_in_src(tmp_path: Path) -> None:
    # The cache goes under the test's own directory: nothing is left in the checkout, and a
    # stale cache from another mypy or another branch cannot hide an error.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
    assert "Success: no issues found" in result.stdout


def test_make_lint_runs_ruff_and_mypy() -> None:
    recipe = _lint_recipe()
    assert any(line.startswith("$(VENV)/bin/ruff check") for line in recipe), recipe
    assert "$(PY) -m mypy" in recipe, recipe


def test_lint_tools_are_pinned_exactly() -> None:
    # A new release of ruff or mypy must not turn make lint or CI red on its own.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = {
        re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0].lower(): spec
        for spec in pyproject["project"]["optional-dependencies"]["test"]
    }
    for tool in ("ruff", "mypy", "types-pyyaml", "types-openpyxl"):
        assert tool in pins, f"{tool} is missing from the test extra"
        pinned = re.fullmatch(rf"{re.escape(tool)}==[0-9][0-9A-Za-z.]*", pins[tool].lower())
        assert pinned, f"{tool} is not pinned to one version: {pins[tool]}"


def test_mypy_checks_the_package_without_a_blanket_ignore() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["files"] == ["src/cxacq"]
    assert config["check_untyped_defs"] is True
    assert "ignore_errors" not in config and "ignore_missing_imports" not in config
    for override in config.get("overrides", []):
        assert "ignore_errors" not in override, override
