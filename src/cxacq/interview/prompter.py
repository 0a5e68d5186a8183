"""Asking one question on a terminal or from piped input, and reading the answer.

The prompter shows a question with its guidance note, description, example and
default, and returns the answer as the loader would read it from a file: text,
or a list of text. It never judges an answer; the interview does that with the
same checks ``validate`` uses, and asks again.

Reading goes through :func:`input`, so line editing works on a terminal and
piped input works line by line. When input is not a terminal the answers are
echoed, so a transcript reads like a conversation. End of input raises
:class:`EOFError`; Ctrl-C raises :class:`KeyboardInterrupt`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cxacq.console import Console, escape, indented

__all__ = ["CLEAR", "Prompter", "Question"]

CLEAR = "-"  # typed to clear an optional answer that has a default

_YES = {"y", "yes", "true", "t", "on", "1"}
_NO = {"n", "no", "false", "f", "off", "0"}


@dataclass(frozen=True)
class Question:
    """Everything shown for one question."""

    text: str
    path: str
    note: str | None = None
    description: str | None = None
    example: str | None = None
    required: bool = False


class Prompter:
    """Ask questions and read answers, one line at a time."""

    def __init__(self, console: Console, read: Callable[[str], str], *, echo: bool) -> None:
        self.console = console
        self._read = read
        self._echo = echo

    def say(self, text: str = "", *, style: str | None = None) -> None:
        """Print a line (``text`` is rich markup)."""
        self.console.print(text, style=style, highlight=False)

    def heading(self, title: str, intro: str | None = None) -> None:
        """Print a section heading and the guidance's words that introduce it."""
        self._print()
        self.console.rule(f"[bold]{escape(title)}[/]", align="left")
        if intro:
            self._print(escape(intro), style="italic")

    def problem(self, message: str, hint: str | None) -> None:
        """Say why an answer was not accepted (the message ``validate`` gives)."""
        self._print(f"  [red]✗[/] {escape(message)}")
        if hint:
            self._print(f"    hint: {escape(hint)}", style="dim")

    def _print(self, text: str = "", style: str | None = None) -> None:
        """Print a line of markup; leading spaces indent every wrapped line, not just the first."""
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        if indent and stripped:
            self.console.print(indented(stripped, indent, style))
        else:
            self.console.print(text, style=style, highlight=False)

    def _show(self, question: Question) -> None:
        self._print()
        self._print(f"[bold]{escape(question.text)}[/]  [dim]({escape(question.path)})[/]")
        if question.note:
            self._print(f"  {escape(question.note)}", style="italic")
        if question.description and question.description != question.text:
            self._print(f"  {escape(question.description)}")
        if question.example:
            self._print(f"  Example: {escape(_shorten(question.example, 160))}", style="dim")

    def _line(self, prompt: str = "> ") -> str:
        answer = self._read(prompt)
        if self._echo:
            self._print(escape(answer), style="dim")
        return answer.strip()

    def text(self, question: Question, default: str | None) -> str | None:
        """Ask for one piece of text; return it (the default on Enter), or None to skip."""
        self._show(question)
        self._default_line(default is not None and default != "", default or "", question.required)
        answer = self._line()
        if not answer:
            return default or None
        if answer == CLEAR and not question.required:
            return None
        return answer

    def lines(self, question: Question, default: Sequence[str]) -> list[str] | None:
        """Ask for a list of text, one item per line; an empty line ends it.

        Returns:
            The items, the default when the first line is empty, or None to leave
            the list out.
        """
        self._show(question)
        if default:
            self._print("  Current:", style="dim")
            for item in default:
                self._print(f"    - {escape(_shorten(item, 150))}", style="dim")
            self._print(
                "  Press Enter to keep these, or type new items (one per line, an empty line to "
                "finish)" + ("; - to remove them all." if not question.required else "."),
                style="dim",
            )
        else:
            self._print(
                "  One item per line; an empty line finishes the list"
                + ("." if question.required else " (Enter now to leave it empty)."),
                style="dim",
            )
        items: list[str] = []
        while True:
            answer = self._line("- ")
            if not answer:
                break
            if answer == CLEAR and not items and not question.required:
                return None
            items.append(answer)
        if not items:
            return list(default) if default else None
        return items

    def choice(
        self,
        question: Question,
        options: Sequence[str],
        labels: dict[str, str],
        default: str | None,
    ) -> str | None:
        """Offer numbered choices; return the chosen value, or the text typed if not a choice."""
        self._show(question)
        self._menu(options, labels, default)
        self._default_line(default is not None, default or "", question.required, choice=True)
        answer = self._line()
        if not answer:
            return default
        if answer == CLEAR and not question.required:
            return None
        return _pick(answer, options)

    def choices(
        self,
        question: Question,
        options: Sequence[str],
        labels: dict[str, str],
        default: Sequence[str],
    ) -> list[str] | None:
        """Offer numbered choices of which several may be picked (e.g. ``1,3``)."""
        self._show(question)
        self._menu(options, labels, None, picked=set(default))
        if default:
            self._print(
                f"  Press Enter to keep: {escape(', '.join(default))}"
                + ("" if question.required else "; - for none"),
                style="dim",
            )
        self._print(
            "  Type the numbers or names of every one that applies, e.g. 1,3.",
            style="dim",
        )
        answer = self._line()
        if not answer:
            return list(default) if default else None
        if answer == CLEAR and not question.required:
            return None
        return [_pick(part, options) for part in re.split(r"[,\s]+", answer) if part]

    def yes_no(self, question: Question, default: bool | None) -> str:
        """Ask a yes-or-no question; return "true", "false" or the text typed."""
        self._show(question)
        shown = {True: "Y/n", False: "y/N", None: "y/n"}[default]
        answer = self._line(f"[{shown}] > ")
        if not answer and default is not None:
            return "true" if default else "false"
        word = answer.lower()
        if word in _YES:
            return "true"
        if word in _NO:
            return "false"
        return answer

    def confirm(self, text: str, *, default: bool) -> bool:
        """Ask a plain yes-or-no question of the interview itself (not an answer)."""
        shown = "Y/n" if default else "y/N"
        while True:
            self._print()
            self._print(f"[bold]{escape(text)}[/]")
            answer = self._line(f"[{shown}] > ").lower()
            if not answer:
                return default
            if answer in _YES or answer in _NO:
                return answer in _YES
            self.problem("answer y or n", None)

    def menu(self, text: str, options: Sequence[str], default: str) -> str:
        """Ask the interview's own multiple-choice question (e.g. keep, edit or remove)."""
        while True:
            self._print()
            self._print(f"[bold]{escape(text)}[/]")
            self._menu(options, {}, default)
            answer = self._line()
            if not answer:
                return default
            picked = _pick(answer, options)
            if picked in options:
                return picked
            self.problem(f"'{answer}' is not one of the choices", "type its number or its name")

    def _menu(
        self, options: Sequence[str], labels: dict[str, str], default: str | None,
        picked: set[str] | None = None,
    ) -> None:
        for number, option in enumerate(options, 1):
            label = labels.get(option)
            mark = " (current)" if option == default or (picked and option in picked) else ""
            described = (
                f" — {escape(label)}"
                if label and label.lower() != option.replace("_", " ")
                else ""
            )
            self._print(f"  {number}) {escape(option)}{described}{mark}")

    def _default_line(
        self,
        has_default: bool,
        default: str,
        required: bool,
        *,
        choice: bool = False,
    ) -> None:
        if has_default:
            keep = f"  Press Enter to keep: {escape(_shorten(default, 120))}"
            self._print(keep + ("" if required else "; - to clear it"), style="dim")
        elif choice:
            self._print(
                "  Type a number or a name" + ("." if required else "; Enter to skip."),
                style="dim",
            )
        elif not required:
            self._print("  Optional: press Enter to skip.", style="dim")


def _pick(answer: str, options: Sequence[str]) -> str:
    if answer in options:
        return answer
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    return answer


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
