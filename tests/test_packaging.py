"""The wheel carries the templates and examples, found through cxacq.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("cxacq-*.whl")
    return built


def test_wheel_contains_every_template_and_example(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    assert shipped, "templates/ is empty"
    for path in shipped:
        assert f"cxacq/templates/{path.relative_to(ROOT / 'templates').as_posix()}" in names
    for path in (ROOT / "examples").glob("*.yaml"):
        assert f"cxacq/examples/{path.name}" in names
    assert "cxacq/cli/commands.py" in names


def test_installed_wheel_finds_its_templates(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from cxacq import resources; "
        "print(resources.templates_dir()); print(resources.examples_dir())"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(target)],
                          capture_output=True, text=True, check=True)
    templates, examples = proc.stdout.split()
    assert Path(templates) == target / "cxacq" / "templates"
    assert Path(examples) == target / "cxacq" / "examples"
