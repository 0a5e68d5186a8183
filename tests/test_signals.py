"""Signals stop a batch: real processes, real process groups, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import documents_for

MINIMAL = EXAMPLES / "minimal.yaml"
COPIES = 24
PER_PACKAGE = len(documents_for(load_and_validate(MINIMAL)))  # files one package writes


def _packages(out: Path) -> dict[str, float]:
    """Package folders in ``out`` (temporary ones left out) and when each was swapped in."""
    if not out.is_dir():
        return {}
    return {p.name: p.stat().st_ctime for p in out.iterdir()
            if p.is_dir() and not p.name.startswith(".")}


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _start(tmp_path: Path, jobs: int) -> tuple[subprocess.Popen[str], Path]:
    answers = tmp_path / "in"
    answers.mkdir()
    for index in range(COPIES):
        (answers / f"p{index:02}.yaml").write_bytes(MINIMAL.read_bytes())
    out = tmp_path / "out"
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "cxacq", "render", str(answers), "--out", str(out),
         "--jobs", str(jobs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,  # its own process group, as a shell gives a job
    )
    deadline = time.monotonic() + 120
    while not _packages(out):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no package was written in time"
        time.sleep(0.02)
    return process, out


@pytest.mark.parametrize(
    ("jobs", "signum", "to_group", "code"),
    [(2, signal.SIGINT, True, 130),  # Ctrl-C reaches the whole foreground group
     (1, signal.SIGINT, True, 130),
     (2, signal.SIGTERM, False, 143)],  # a CI runner or `kill` signals the main process
)
def test_a_signal_stops_the_batch(
    tmp_path: Path, jobs: int, signum: int, to_group: bool, code: int
) -> None:
    process, out = _start(tmp_path, jobs)
    before = _packages(out)
    sent = time.time()
    if to_group:
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    stdout, stderr = process.communicate(timeout=60)
    stopped = time.time() - sent
    assert process.returncode == code, stdout + stderr
    assert "Traceback" not in stdout + stderr
    after = _packages(out)
    # A package being written when the signal came is finished as a unit; nothing starts after.
    late = [name for name, when in after.items() if when > sent + 0.25]
    assert not late, f"written after the signal: {late}"
    assert len(after) <= len(before) + 1
    assert COPIES - len(after) >= COPIES // 2, "the batch did not stop"
    # The report says what was finished and what was not.
    assert stdout.count("wrote ") == PER_PACKAGE * len(after)
    assert stdout.count("not finished") == COPIES - len(after)
    assert signal.Signals(signum).name in stdout
    assert not list(out.glob(".cxacq-*")), "no temporary folder is left"
    assert stopped < 20
    deadline = time.monotonic() + 10
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _group_alive(process.pid), "a worker outlived the run"
