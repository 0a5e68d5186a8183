"""The only module that imports rich: consoles for stdout and stderr.

Color and other styling (bold, dim) appear only on a terminal, never when ``NO_COLOR``
is set, and lines are never wrapped, so ``file:line:col`` stays parsable in CI logs.
:func:`visible` shows control characters in user values and file names as escapes, so
nothing a file holds can steer the terminal.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:  # imported on first use: only the reports that print a table need it
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
    "no_color",
    "out_console",
    "progress_bar",
    "visible",
]

# C0 and C1 control characters, DEL, and the Unicode marks that reorder text on screen
# (bidirectional overrides and isolates), which could make a line read differently than it is.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    r"""Return ``text`` with control characters shown as escapes (``\x1b``, ``\n``, ``\u202e``).

    Args:
        text: A user value, message or file name about to be printed.
        keep_newlines: Keep line breaks (for multi-line messages); tabs and every other
            control character are still escaped.
    """

    def show(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
        if char in named:
            return named[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _UNSAFE.sub(show, text)


def no_color() -> bool:
    """Return True when ``NO_COLOR`` is set to anything but the empty string (no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))


def is_ci() -> bool:
    """Return True when running under CI (``CI`` set to anything but false)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _console(stream: object) -> Console:
    return Console(
        file=stream,  # type: ignore[arg-type]
        soft_wrap=True,
        highlight=False,
        no_color=no_color(),
        color_system=None if no_color() else "auto",  # no bold or dim either
        emoji=False,
    )


@cache
def _out(stream_id: int, plain: bool) -> Console:
    return _console(sys.stdout)


@cache
def _err(stream_id: int, plain: bool) -> Console:
    return _console(sys.stderr)


def out_console() -> Console:
    """Return the console for results (stdout); rebuilt if stdout was swapped."""
    return _out(id(sys.stdout), no_color())


def err_console() -> Console:
    """Return the console for progress and errors (stderr)."""
    return _err(id(sys.stderr), no_color())


def __getattr__(name: str) -> Any:
    """Import rich's ``Table`` when a report first asks for it (``render`` prints none)."""
    if name == "Table":
        from rich.table import Table

        return Table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def indented(markup: str, indent: int, style: str | None = None) -> Padding:
    """Return ``markup`` indented by ``indent`` spaces, wrapped lines included."""
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text.from_markup(markup, style=style or ""), (0, 0, 0, indent))


def interview_console() -> Console:
    """Return a console for the interview: stdout, words wrapped to the terminal's width."""
    return Console(
        file=sys.stdout,
        soft_wrap=False,
        highlight=False,
        no_color=no_color(),
        color_system=None if no_color() else "auto",
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
