"""The only module that imports rich: consoles for stdout and stderr.

Color appears only on a terminal, never when ``NO_COLOR`` is set, and lines are
never wrapped, so ``file:line:col`` stays parsable in CI logs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

__all__ = [
    "Console",
    "Table",
    "err_console",
    "escape",
    "indented",
    "interview_console",
    "is_ci",
    "out_console",
    "progress_bar",
]


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


def indented(markup: str, indent: int, style: str | None = None) -> Padding:
    """Return ``markup`` indented by ``indent`` spaces, wrapped lines included."""
    from rich.text import Text

    return Padding(Text.from_markup(markup, style=style or ""), (0, 0, 0, indent))


def interview_console() -> Console:
    """Return a console for the interview: stdout, words wrapped to the terminal's width."""
    return Console(
        file=sys.stdout,
        soft_wrap=False,
        highlight=False,
        no_color="NO_COLOR" in os.environ,
        emoji=False,
    )


def progress_bar(total: int, label: str) -> tuple[object, Callable[[], None]]:
    """Return a context manager and a tick function for a progress bar on a terminal.

    Off the terminal, under CI, or for a handful of files it is silent: the
    report at the end lists every package.
    """
    import contextlib

    console = err_console()
    if total < 5 or is_ci() or not console.is_terminal:
        return contextlib.nullcontext(), lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console, transient=True)
    task = bar.add_task(label, total=total)
    return bar, lambda: bar.advance(task)
