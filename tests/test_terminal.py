"""The pseudo-terminal driver the interview tests use presses Ctrl-C as a person does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from terminal import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

# A program that answers Ctrl-C by exiting 130, after ``lost`` presses it never sees (the way a
# press is lost when it lands between readline drawing the prompt and waiting for a key).
PROGRAM = """
import readline, signal, sys
lost = int(sys.argv[1])
def swallow(signum, frame):
    global lost
    lost -= 1
    if lost <= 0:
        signal.signal(signal.SIGINT, signal.default_int_handler)
if lost:
    signal.signal(signal.SIGINT, swallow)
try:
    input("> ")
except KeyboardInterrupt:
    print("stopped")
    sys.exit(130)
"""


@pytest.mark.parametrize(("lost", "presses"), [(0, 1), (1, 2)])
def test_interrupt_presses_again_only_when_the_first_press_is_lost(
    tmp_path: Path, lost: int, presses: int
) -> None:
    with Terminal([sys.executable, "-c", PROGRAM, str(lost)], cwd=tmp_path, timeout=30) as term:
        term.expect("> ")
        term.interrupt(patience=1.0)
        assert term.wait() == 130
    assert "stopped" in term.output
    assert term.presses == presses
