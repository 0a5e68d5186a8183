"""The only module that imports rich: consoles for stdout and stderr.

Colour appears only on a terminal, never when ``NO_COLOR`` is set, and lines are
never wrapped, so ``file:line:col`` stays parsable in CI logs.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["Table", "err_console", "escape", "is_ci", "out_console"]


def is_ci() -> bool:
    """Return True when running under CI (``CI`` set to anything but false)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _console(stream: object) -> Console:
    return Console(
        file=stream,  # type: ignore[arg-type]
        soft_wrap=True,
        highlight=False,
        no_color="NO_COLOR" in os.environ,
        emoji=False,
    )


@cache
def _out(stream_id: int) -> Console:
    return _console(sys.stdout)


@cache
def _err(stream_id: int) -> Console:
    return _console(sys.stderr)


def out_console() -> Console:
    """Return the console for results (stdout); rebuilt if stdout was swapped."""
    return _out(id(sys.stdout))


def err_console() -> Console:
    """Return the console for progress and errors (stderr)."""
    return _err(id(sys.stderr))
