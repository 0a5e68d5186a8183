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

from cxacq.cli.console import Console, escape, indented

__all__ = ["CLEAR", "TODO", "Prompter", "Question"]

CLEAR = "-"  # typed to clear an optional answer that has a default
TODO = object()  # returned when the user marks an answer "to do" (typed ? or todo)
_TODO_WORDS = {"?", "todo", "to do"}

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
    long: bool = False  # several lines, ending with an empty line
    again: bool = False  # asked again after a bad answer: show only a short prompt
    progress: str = ""  # e.g. "section 3 of 18, question 2 of 7"


class Prompter:
    """Ask questions and read answers, one line at a time."""

    def __init__(
        self,
        console: Console,
        read: Callable[[str], str],
        *,
        echo: bool,
        pending: Callable[[], bool] = lambda: False,
    ) -> None:
        self.console = console
        self._read = read
        self._echo = echo
        self._pending = pending  # whether more input is already waiting (a paste)
        self.key = ""  # the question being asked, e.g. "needs[0].rank"

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

    def _show(self, question: Question) -> bool:
        """Show the question; return False when only a short prompt is due (asked again)."""
        if question.again:
            return False
        self._print()
        where = question.path + (f" · {question.progress}" if question.progress else "")
        self._print(f"[bold]{escape(question.text)}[/]  [dim]({escape(where)})[/]")
        if question.note:
            self._print(f"  {escape(question.note)}", style="italic")
        if question.description and question.description != question.text:
            self._print(f"  {escape(question.description)}")
        if question.example:
            shown = _shorten(question.example, 160)
            cut = " (shortened)" if shown != question.example else ""
            self._print(f"  Example{cut}: {escape(shown)}", style="dim")
        return True

    def _input(self, prompt: str) -> str:
        return self._read(prompt)

    def _raw(self, prompt: str) -> list[str]:
        """Read one line, and every further line already waiting when it was pasted."""
        first = self._input(prompt)
        lines = first.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while self._pending():
            lines.extend(self._input("").replace("\r", "\n").split("\n"))
        while len(lines) > 1 and not lines[-1].strip():
            lines.pop()  # the Enter that ended the paste
        if self._echo:
            for line in lines:
                self._print(escape(line), style="dim")
        return [line.strip() for line in lines]

    def _line(self, prompt: str = "> ") -> str:
        """Read a one-line answer; a paste of several lines is refused until one line comes."""
        while True:
            lines = self._raw(prompt)
            if len(lines) == 1:
                return lines[0]
            self.problem(
                f"you pasted {len(lines)} lines; this question takes one line",
                "type or paste a single line (nothing of the paste was used)",
            )
            prompt = "> "

    def _paragraph(self, prompt: str = "> ") -> list[str]:
        """Read lines until an empty one; pasted lines, empty ones too, all stay in the answer."""
        lines: list[str] = []
        while True:
            got = self._raw(prompt if not lines else "  ")
            if len(got) == 1 and not got[0]:
                return lines
            lines.extend(got)
            if len(got) > 1 and not lines[0]:
                lines.pop(0)

    def _short_prompt(self, question: Question) -> str:
        return f"{question.path} > " if question.again else "> "

    def text(self, question: Question, default: str | None) -> object:
        """Ask for one piece of text; return it (the default on Enter), None to skip, or TODO.

        A long question takes several lines, ending with an empty line; the lines
        become one paragraph. A one-line question reads a paste of several lines as
        one answer too, so that a paste never answers the questions after it.
        """
        if self._show(question):
            self._default_line(
                default is not None and default != "", default or "", question.required
            )
            if question.long:
                self._print("  Several lines are fine; an empty line ends the answer.",
                            style="dim")
        prompt = self._short_prompt(question)
        if question.long:
            lines = [line for line in self._paragraph(prompt) if line]
        else:
            lines = [line for line in self._raw(prompt) if line]
            if len(lines) > 1:
                self._print(f"  (read the {len(lines)} pasted lines as one answer)", style="dim")
        answer = " ".join(lines)
        if not answer:
            return default or None
        if answer.lower() in _TODO_WORDS:
            return TODO
        if answer == CLEAR and not question.required:
            return None
        return answer

    def lines(self, question: Question, default: Sequence[str]) -> object:
        """Ask for a list of text, one item per line; an empty line ends it.

        Returns:
            The items, the default when the first line is empty, None to leave
            the list out, or TODO.
        """
        if not self._show(question):
            pass
        elif default:
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
            got = self._raw("- ")
            if len(got) == 1 and not got[0]:
                break
            for answer in got:
                if not items and answer.lower() in _TODO_WORDS and len(got) == 1:
                    return TODO
                if answer == CLEAR and not items and not question.required and len(got) == 1:
                    return None
                if answer:
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
        if self._show(question):
            self._menu(options, labels, default)
            self._default_line(default is not None, default or "", question.required, choice=True)
        prompt = self._short_prompt(question)
        while True:
            answer = self._line(prompt)
            if not answer:
                return default
            if answer.lower() in _TODO_WORDS:
                return TODO  # type: ignore[return-value]
            if answer == CLEAR and not question.required:
                return None
            if _out_of_range(answer, options):
                self.problem(f"choose 1 to {len(options)}", None)
                prompt = f"{question.path} > "
                continue
            return _pick(answer, options)

    def choices(
        self,
        question: Question,
        options: Sequence[str],
        labels: dict[str, str],
        default: Sequence[str],
    ) -> list[str] | None:
        """Offer numbered choices of which several may be picked (e.g. ``1,3``)."""
        if self._show(question):
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
        prompt = self._short_prompt(question)
        while True:
            answer = self._line(prompt)
            if not answer:
                return list(default) if default else None
            if answer.lower() in _TODO_WORDS:
                return TODO  # type: ignore[return-value]
            if answer == CLEAR and not question.required:
                return None
            parts = [part for part in re.split(r"[,\s]+", answer) if part]
            if any(_out_of_range(part, options) for part in parts):
                self.problem(f"choose 1 to {len(options)}", "separate several with commas")
                prompt = f"{question.path} > "
                continue
            return [_pick(part, options) for part in parts]

    def yes_no(self, question: Question, default: bool | None) -> str:
        """Ask a yes-or-no question; return "true", "false", None (skipped) or TODO."""
        self._show(question)
        shown = {True: "Y/n", False: "y/N", None: "y/n"}[default]
        while True:
            answer = self._line(f"[{shown}] > ")
            if not answer and default is not None:
                return "true" if default else "false"
            word = answer.lower()
            if word in _YES:
                return "true"
            if word in _NO:
                return "false"
            if word in _TODO_WORDS:
                return TODO  # type: ignore[return-value]
            if not answer and not question.required:
                return None  # type: ignore[return-value]
            self.problem("answer y or n", None)

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
            if _out_of_range(answer, options):
                self.problem(f"choose 1 to {len(options)}", None)
            else:
                self.problem(f"'{answer}' is not one of the choices", "type its number or its name")

    def pick(
        self, text: str, options: Sequence[str], labels: dict[str, str], notes: dict[str, str]
    ) -> list[str]:
        """Ask which of ``options`` to go through: Enter for all, numbers for some, 0 for none."""
        self._print()
        self._print(f"[bold]{escape(text)}[/]")
        for number, option in enumerate(options, 1):
            note = f"  [dim]({escape(notes[option])})[/]" if notes.get(option) else ""
            self._print(f"  {number}) {escape(labels.get(option, option))}{note}")
        self._print(
            "  Press Enter for all of them, type numbers such as 2,5 for some, or 0 for none.",
            style="dim",
        )
        while True:
            answer = self._line()
            if not answer:
                return list(options)
            if answer.lower() in ("0", "none"):
                return []
            parts = [part for part in re.split(r"[,\s]+", answer) if part]
            picked = [_pick(part, options) for part in parts]
            if all(item in options for item in picked):
                return [option for option in options if option in picked]
            self.problem(f"choose 1 to {len(options)}, or 0 for none", None)

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


def _out_of_range(answer: str, options: Sequence[str]) -> bool:
    return answer.isdigit() and answer not in options and not 1 <= int(answer) <= len(options)


def _pick(answer: str, options: Sequence[str]) -> str:
    if answer in options:
        return answer
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    return answer


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
