"""make checks the Python version first and repairs a .venv another interpreter made."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _copy(tmp_path: Path) -> Path:
    """Return a scratch copy of what make needs, so the real .venv is never touched."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "scripts/check-python.sh"):
        shutil.copy(ROOT / name, project / name)
    return project


def _fake_python(path: Path, version: str, prefix: str) -> Path:
    """Write a stand-in interpreter that reports ``version`` and fails the 3.11 check if older."""
    newer = tuple(int(part) for part in version.split(".")) >= (3, 11)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        'case "$2" in\n'
        f'  *base_prefix*) echo "{version} {prefix}" ;;\n'
        f"  *) exit {0 if newer else 1} ;;\n"
        "esac\n"
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def _make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", "-n", *args], cwd=project, env=env, capture_output=True,
                          text=True, check=False)


def test_an_old_python_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    old = _fake_python(tmp_path / "bin" / "python3.9", "3.9.18", "/usr")
    result = _make(project, "demo", f"PYTHON={old}")
    assert result.returncode != 0
    assert f"cxacq needs Python 3.11 or later; '{old}' is Python 3.9.18." in result.stderr
    assert "make demo PYTHON=python3.11" in result.stderr
    assert "venv" not in result.stdout  # nothing was going to be built


def test_a_missing_python_is_refused(tmp_path: Path) -> None:
    result = _make(_copy(tmp_path), "test", f"PYTHON={tmp_path / 'no-such-python'}")
    assert result.returncode != 0
    assert "cannot be run" in result.stderr


def test_a_venv_from_another_python_is_rebuilt(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    _fake_python(project / ".venv" / "bin" / "python", "3.10.12", "/usr")
    (project / ".venv" / ".installed-stamp").write_text("")
    result = _make(project, "demo", f"PYTHON={sys.executable}")
    assert result.returncode == 0, result.stderr
    assert "Rebuilding .venv: it was made by 3.10.12" in result.stderr
    assert not (project / ".venv").exists()
    assert "-m venv .venv" in result.stdout  # and make goes on to build a new one


def test_a_venv_from_the_same_python_is_kept(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    probe = (
        "import sys; print('%d.%d.%d %s' % (sys.version_info[:3] + "
        "(getattr(sys, 'base_prefix', sys.prefix),)))"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True).stdout.split()
    _fake_python(project / ".venv" / "bin" / "python", found[0], found[1])
    result = _make(project, "demo", f"PYTHON={sys.executable}")
    assert result.returncode == 0, result.stderr
    assert "Rebuilding" not in result.stderr and (project / ".venv").exists()


def test_make_wheel_builds_offline_into_dist(tmp_path: Path) -> None:
    result = _make(_copy(tmp_path), "wheel", f"PYTHON={sys.executable}")
    assert "pip wheel --no-deps --no-build-isolation --wheel-dir dist ." in result.stdout
