from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CASES, EXAMPLES
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import DOCUMENTS, documents_for
from cxacq.engine.output import MANIFEST_NAME, write_package
from cxacq.errors import ExitCode
from helpers import doc_file

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
MINIMAL = EXAMPLES / "minimal.yaml"


def test_render_writes_the_package_and_markdown(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", USCIS, MINIMAL, "--out", tmp_path, "--markdown")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "uscis-work-authorization").iterdir())
    kinds = documents_for(load_and_validate(USCIS))
    assert names == sorted(
        [kind.file_name for kind in kinds]
        + [f"{kind.filename}.md" for kind in kinds if kind.template is not None]
        + [MANIFEST_NAME])
    left_out = {k.file_name for k in DOCUMENTS.values()} - {
        k.file_name for k in documents_for(load_and_validate(MINIMAL))}
    assert left_out and not any((tmp_path / "minimal" / name).exists() for name in left_out)


def test_check_mode_detects_missing_stale_and_current(run_cli, tmp_path: Path) -> None:
    missing = run_cli("render", USCIS, "--out", tmp_path, "--check")
    assert missing.exit_code == ExitCode.INPUT
    assert "missing: " in missing.stdout and "regenerate with: cxacq render" in missing.stdout
    assert not any(tmp_path.iterdir())
    assert run_cli("render", USCIS, "--out", tmp_path).exit_code == 0
    assert run_cli("render", USCIS, "--out", tmp_path, "--check").exit_code == 0
    package = tmp_path / "uscis-work-authorization"
    target = package / doc_file("evaluation-plan")
    # Written by cxacq (so recorded) with other bytes, as earlier answers would have made it.
    files = {p.name: p.read_bytes() for p in package.iterdir() if p.name != MANIFEST_NAME}
    write_package({**files, target.name: target.read_bytes() + b"x"}, package)
    stale = run_cli("render", USCIS, "--out", tmp_path, "--check")
    assert stale.exit_code == ExitCode.INPUT and "stale: " in stale.stdout


def test_one_bad_file_does_not_stop_the_others(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", CASES / "invalid" / "bad-choice.yaml", MINIMAL, "--out", tmp_path)
    assert result.exit_code == ExitCode.INPUT
    # Inputs from different folders are named from their paths below the shared root.
    assert [p.name for p in tmp_path.iterdir()] == ["examples-minimal"]
    assert (tmp_path / "examples-minimal" / doc_file("evaluation-plan")).exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_output_folder(run_cli, tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        result = run_cli("render", MINIMAL, "--out", tmp_path / "out")
    finally:
        tmp_path.chmod(0o700)
    assert result.exit_code == ExitCode.OUTPUT


def test_output_path_that_is_a_file(run_cli, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    result = run_cli("render", MINIMAL, "--out", blocker)
    assert result.exit_code == ExitCode.OUTPUT
    assert blocker.read_text() == "not a folder"


def test_failing_writes_leave_nothing_behind(run_cli, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    assert run_cli("render", MINIMAL, "--out", out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real_fsync = os.fsync
    calls = {"n": 0}

    def full_disk(fd):
        calls["n"] += 1
        if calls["n"] == 2:  # the second document of the package
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    (tmp_path / "minimal.yaml").write_text(
        MINIMAL.read_text().replace("date: 2026-11-02", "date: 2026-12-01")
    )
    result = run_cli("render", tmp_path / "minimal.yaml", "--out", out)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == ExitCode.OUTPUT
    assert "No space left on device" in result.stdout
    assert ".cxacq-" not in result.stdout  # the message names the package, not a temporary
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in out.iterdir()] == ["minimal"]


def test_odd_answers_file_names_stay_inside_the_output_folder(run_cli, tmp_path: Path) -> None:
    odd = tmp_path / "in" / "..weird name;$(x).yaml"
    odd.parent.mkdir()
    odd.write_text(MINIMAL.read_text())
    out = tmp_path / "out"
    assert run_cli("render", odd, "--out", out).exit_code == 0
    produced = [p for p in tmp_path.rglob("*.docx")]
    assert produced and all(out in p.parents for p in produced)
