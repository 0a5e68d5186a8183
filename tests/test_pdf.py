"""`render --pdf`: PDFs beside the Word documents via LibreOffice, never at the DOCX's expense.

Most tests use a fake ``soffice`` (a script named by CXACQ_SOFFICE) so they run
without LibreOffice and can make it succeed, fail or hang on purpose.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import EXAMPLES
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import documents_for
from cxacq.engine.output import MANIFEST_NAME
from cxacq.engine.pdf import TAGGED_PDF_FILTER
from cxacq.errors import ExitCode
from helpers import doc_file

MINIMAL = EXAMPLES / "minimal.yaml"
# The Word documents of minimal.yaml's package (it has no oral presentation), from the registry
DOCS = tuple(k.filename for k in documents_for(load_and_validate(MINIMAL)) if k.template)
WORKBOOK = doc_file("cost-estimate")  # minimal.yaml has one; PDFs are made of documents only

# Writes "%PDF…" for each input into --outdir and appends its argv (one JSON line per run).
GOOD = """#!{python}
import json, pathlib, sys
args = sys.argv[1:]
with open({calls!r}, "a") as log:
    log.write(json.dumps(args) + "\\n")
outdir = pathlib.Path(args[args.index("--outdir") + 1])
for arg in args:
    if arg.endswith(".docx"):
        (outdir / (pathlib.Path(arg).stem + ".pdf")).write_bytes(b"%PDF-1.7 fake\\n")
"""

# Like LibreOffice's launcher: a child process (soffice.bin) that the launcher waits for.
HANGS = """#!/bin/sh
for arg in "$@"; do printf '%s\\n' "$arg"; done > {calls}
sleep 600 &
echo $$ > {pids}
echo $! >> {pids}
wait
"""

# Succeeds, but leaves a child behind (as soffice.bin can outlive its launcher).
LEAVES_A_CHILD = """#!{python}
import pathlib, subprocess, sys
args = sys.argv[1:]
child = subprocess.Popen(["sleep", "600"], start_new_session=False)
pathlib.Path({pids!r}).write_text(str(child.pid))
outdir = pathlib.Path(args[args.index("--outdir") + 1])
for arg in args:
    if arg.endswith(".docx"):
        (outdir / (pathlib.Path(arg).stem + ".pdf")).write_bytes(b"%PDF-1.7 fake\\n")
"""

FAILS = """#!/bin/sh
echo "Error: source file could not be loaded" >&2
exit 1
"""

SILENT = """#!/bin/sh
exit 0
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write a fake soffice from a template and point CXACQ_SOFFICE at it."""

    def _make(template: str) -> Path:
        script = tmp_path / "bin" / "soffice"
        script.parent.mkdir(exist_ok=True)
        script.write_text(template.format(
            python=sys.executable, calls=str(tmp_path / "calls"), pids=str(tmp_path / "pids"),
        ))
        script.chmod(0o755)
        monkeypatch.setenv("CXACQ_SOFFICE", str(script))
        return script

    return _make


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Send cxacq's temporary folders to a directory the test can inspect."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _files(folder: Path) -> list[str]:
    """Return the names in ``folder``, less a package's record (test_package_output.py)."""
    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST_NAME)


def _running(pid: int) -> bool:
    """True while ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_pdf_writes_a_pdf_beside_each_document(
    run_cli, fake_soffice, private_tmp, tmp_path
) -> None:
    fake_soffice(GOOD)
    out = tmp_path / "out"
    result = run_cli("render", MINIMAL, "--out", out, "--pdf", "--format", "json")
    assert result.exit_code == 0, result.output
    assert _files(out / "minimal") == sorted(
        [*(f"{d}.{e}" for d in DOCS for e in ("docx", "pdf")), WORKBOOK]
    )
    assert (out / "minimal" / doc_file("evaluation-plan", "pdf")).read_bytes().startswith(b"%PDF")
    outputs = json.loads(result.stdout)["files"][0]["outputs"]
    assert sorted(Path(o).name for o in outputs) == _files(out / "minimal")
    calls = [json.loads(line) for line in (tmp_path / "calls").read_text().splitlines()]
    assert len(calls) == 1, "one LibreOffice run per package"
    args = calls[0]
    assert "--headless" in args and args[args.index("--convert-to") + 1] == TAGGED_PDF_FILTER
    converted = sorted(Path(a).name for a in args if a.endswith(".docx"))
    assert converted == sorted(f"{d}.docx" for d in DOCS)
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert str(private_tmp) in profile
    assert _files(private_tmp) == [], "the temporary profile and folders are removed"


def test_pdf_timeout_kills_libreoffice_and_keeps_the_docx(
    run_cli, fake_soffice, private_tmp, tmp_path
) -> None:
    fake_soffice(HANGS)
    out = tmp_path / "out"
    started = time.monotonic()
    result = run_cli("render", MINIMAL, "--out", out, "--pdf", "--pdf-timeout", "1")
    assert time.monotonic() - started < 30
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert "did not finish within 1 s" in result.stdout
    assert "the PDFs were not written (the Word documents were)" in result.stdout
    assert "--pdf-timeout" in result.stdout  # the hint
    assert _files(out / "minimal") == sorted([*(f"{d}.docx" for d in DOCS), WORKBOOK])
    assert _files(private_tmp) == []
    args = (tmp_path / "calls").read_text().splitlines()
    profile = Path(unquote(next(a for a in args if a.startswith("-env:")).split("file://", 1)[1]))
    assert str(private_tmp) in str(profile)
    assert not profile.exists()
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert len(pids) == 2  # the launcher and its child
    deadline = time.monotonic() + 10
    while any(_running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(p) for p in pids), "the whole process group is killed"


def test_pdf_ends_the_libreoffice_group_after_a_successful_conversion(
    run_cli, fake_soffice, private_tmp, tmp_path
) -> None:
    fake_soffice(LEAVES_A_CHILD)
    result = run_cli("render", MINIMAL, "--out", tmp_path / "out", "--pdf")
    assert result.exit_code == 0, result.output
    child = int((tmp_path / "pids").read_text())
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child), "a LibreOffice child outlived the conversion"


def test_render_without_pdf_removes_the_earlier_pdfs(
    run_cli, fake_soffice, private_tmp, tmp_path
) -> None:
    fake_soffice(GOOD)
    out = tmp_path / "out"
    assert run_cli("render", MINIMAL, "--out", out, "--pdf").exit_code == 0
    assert (out / "minimal" / doc_file("evaluation-plan", "pdf")).exists()
    assert run_cli("render", MINIMAL, "--out", out, "--check").exit_code == 0  # PDFs not compared
    result = run_cli("render", MINIMAL, "--out", out)
    assert result.exit_code == 0
    assert "removed: the answers no longer produce this document" in result.stdout
    assert _files(out / "minimal") == sorted([*(f"{d}.docx" for d in DOCS), WORKBOOK])


def test_pdf_conversion_that_fails_is_an_output_error(
    run_cli, fake_soffice, private_tmp, tmp_path
) -> None:
    fake_soffice(FAILS)
    out = tmp_path / "out"
    result = run_cli("render", MINIMAL, "--out", out, "--pdf")
    assert result.exit_code == ExitCode.OUTPUT, result.output
    names = ", ".join(sorted(f"{d}.docx" for d in DOCS))
    assert f"error: LibreOffice exited with status 1 converting {names}" in result.stdout
    assert "source file could not be loaded" in result.stdout
    assert "hint:" in result.stdout
    assert _files(out / "minimal") == sorted([*(f"{d}.docx" for d in DOCS), WORKBOOK])
    assert _files(private_tmp) == []


def test_pdf_missing_from_libreoffice_output_is_an_output_error(
    run_cli, fake_soffice, private_tmp, tmp_path
) -> None:
    fake_soffice(SILENT)
    out = tmp_path / "out"
    result = run_cli("render", MINIMAL, "--out", out, "--pdf", "--format", "json")
    assert result.exit_code == ExitCode.OUTPUT
    entry = json.loads(result.stdout)["files"][0]
    # The minimal example's guidance error (SEED-C09) keeps its severity; only CX codes count.
    errors = [d for d in entry["diagnostics"]
              if d["severity"] == "error" and d["code"].startswith("CX")]
    assert len(errors) == 1 and f"no {DOCS[0]}.pdf" in errors[0]["message"]
    outputs = sorted(Path(o).name for o in entry["outputs"])
    assert outputs == sorted([*(f"{d}.docx" for d in DOCS), WORKBOOK])
    assert _files(out / "minimal") == sorted([*(f"{d}.docx" for d in DOCS), WORKBOOK])


def test_missing_libreoffice_is_a_warning(run_cli, monkeypatch, tmp_path) -> None:
    missing = tmp_path / "no-such" / "soffice"
    monkeypatch.setenv("CXACQ_SOFFICE", str(missing))
    out = tmp_path / "out"
    result = run_cli("render", MINIMAL, "--out", out, "--pdf")
    assert result.exit_code == 0, result.output
    assert f"warning: PDFs not written: CXACQ_SOFFICE names {missing}" in result.stdout
    assert "the Word documents were written" in result.stdout
    assert "apt-get install libreoffice-writer-nogui" in result.stdout
    assert _files(out / "minimal") == sorted([*(f"{d}.docx" for d in DOCS), WORKBOOK])


def test_pdf_with_check_is_a_usage_error(run_cli, tmp_path) -> None:
    result = run_cli("render", MINIMAL, "--out", tmp_path, "--pdf", "--check")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.strip().splitlines() == [
        "cxacq: error: --pdf cannot be used with --check: "
        "--check writes nothing, --pdf writes files"
    ]
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_real_libreoffice_writes_tagged_pdfs(run_cli, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("CXACQ_SOFFICE", raising=False)
    out = tmp_path / "out"
    result = run_cli("render", MINIMAL, "--out", out, "--pdf")
    assert result.exit_code == 0, result.output
    answers = load_and_validate(MINIMAL)
    titles = {k.filename: k.title_for(answers) for k in documents_for(answers) if k.template}
    for stem, title in titles.items():
        pdf = out / "minimal" / f"{stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                  check=True).stdout
            assert re.search(r"^Tagged:\s+yes$", info, flags=re.MULTILINE), info
            assert any(line.startswith("Title:") and title in line for line in info.splitlines())
