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
