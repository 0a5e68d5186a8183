"""Drive a command on a real pseudo-terminal, as a person at a keyboard would."""

from __future__ import annotations

import os
import pty
import select
import signal
import time
from pathlib import Path


class Terminal:
    """A child process whose standard input, output and error are a pseudo-terminal."""

    def __init__(self, argv: list[str], *, cwd: Path, timeout: float = 120.0) -> None:
        self.argv = argv
        self.cwd = cwd
        self.deadline = time.monotonic() + timeout
        self.output = ""
        self.pid = 0
        self.fd = -1
        self._status: int | None = None
        self.presses = 0  # Ctrl-C presses sent by interrupt()

    def __enter__(self) -> Terminal:
        pid, fd = pty.fork()
        if pid == 0:  # the child
            os.chdir(self.cwd)
            os.environ.update({"NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100"})
            os.environ.pop("CI", None)
            os.execvp(self.argv[0], self.argv)
        self.pid, self.fd = pid, fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    def _read(self, wait: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the child closed the terminal
                data = b""
            self.output += data.decode("utf-8", "replace")

    def expect(self, text: str) -> None:
        """Read until ``text`` has been shown."""
        while text not in self.output:
            if time.monotonic() > self.deadline:
                raise AssertionError(
                    f"never saw {text!r}; the screen ended with:\n{self.output[-2000:]}"
                )
            self._read(0.2)

    def send(self, keys: str) -> None:
        """Type ``keys``."""
        os.write(self.fd, keys.encode("utf-8"))

    def pause(self) -> None:
        """Let the program answer, reading what it shows."""
        self._read(0.05)
        if time.monotonic() > self.deadline:
            raise AssertionError(f"timed out; the screen ended with:\n{self.output[-2000:]}")

    def settle(self, *, quiet: float = 0.04) -> None:
        """Read until the program has shown nothing for ``quiet`` seconds, or has ended.

        The interview reads keys that arrive within 0.03 s of a line as part of a paste
        (``Prompter._raw``); waiting for a quiet longer than that before the next key makes
        each key a key of its own, as a person's is.
        """
        while self.running():
            shown = len(self.output)
            self._read(quiet)
            if len(self.output) == shown:
                return
            if time.monotonic() > self.deadline:
                raise AssertionError(f"timed out; the screen ended with:\n{self.output[-2000:]}")

    def interrupt(self, *, patience: float = 3.0) -> None:
        """Press Ctrl-C as a person does: once the program waits, and again if nothing happens.

        CPython's readline acts on a signal only when its wait for a key is interrupted
        (``readline_until_enter_or_signal`` in Modules/readline.c checks signals on EINTR
        from select()); a Ctrl-C caught after the prompt is drawn but before that wait starts
        is acted on at the next key or signal. A person never presses within those
        microseconds of the prompt appearing; a test on a loaded machine can, and then the
        program waits for a key, as the failing CI run on 2026-12-02 showed. So, like a person
        who sees nothing happen, press again when the program has neither ended nor shown
        anything for ``patience`` seconds. ``presses`` says how many were needed.
        """
        self.wait_until_blocked()
        self.send("\x03")
        self.presses += 1
        shown = len(self.output)
        quiet_since = time.monotonic()
        while self.running():
            self._read(0.05)
            if len(self.output) != shown:
                return  # the program answered the key: it is stopping
            if time.monotonic() - quiet_since > patience:
                self.send("\x03")
                self.presses += 1
                return
            if time.monotonic() > self.deadline:
                raise AssertionError(f"timed out; the screen ended with:\n{self.output[-2000:]}")

    def wait_until_blocked(self, *, limit: float = 5.0) -> None:
        """Wait until the program sleeps (waiting for a key), as a person waits for the cursor.

        Reads the process state from /proc where there is one (Linux); elsewhere waits a
        moment. Reading what it shows meanwhile keeps a full terminal from blocking it.
        """
        stat = Path(f"/proc/{self.pid}/stat")
        if not stat.exists():
            time.sleep(0.5)
            return
        until = time.monotonic() + limit
        while time.monotonic() < until:
            self._read(0.01)
            try:
                state = stat.read_text().rpartition(")")[2].split()[0]
            except (OSError, IndexError):
                return  # the program has ended
            if state == "S":
                return

    def running(self) -> bool:
        """Return whether the program is still running."""
        if self._status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self._status = status
            return False
        return True

    def wait(self) -> int:
        """Wait for the program to end; return its exit code."""
        while self.running():
            self._read(0.1)
            if time.monotonic() > self.deadline:
                raise AssertionError(
                    f"still running; the screen ended with:\n{self.output[-2000:]}"
                )
        for _ in range(20):  # what it printed last
            self._read(0.01)
        assert self._status is not None
        return os.waitstatus_to_exitcode(self._status)
