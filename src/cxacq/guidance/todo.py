"""Answers marked "to do": a comment line the interview writes above an answer to revisit.

The interview (``cxacq init --interactive``) lets a person type ``?`` to come back to a
question later, and its short path fills what it does not ask from safe defaults. Either
way the answer gets a value that validates, and the line above it a marker comment::

    # TO DO: answer or confirm this, then delete this line
    vehicle: "To do: the contract vehicle, chosen with the contracting officer."

A comment keeps the file valid for every kind of answer (dates, choices, numbers), and
``cxacq check`` lists each marker at the answer's line (HYG-C03) until someone deletes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cxacq.answers.loader import Loaded, load_answers_text
from cxacq.guidance import Finding, Loc, file_rule

__all__ = ["MARK", "mark_to_do", "to_do_locs"]

MARK = "# TO DO: answer or confirm this, then delete this line"
_MARKER = re.compile(r"^\s*#\s*TO DO\b", re.IGNORECASE)


def mark_to_do(text: str, locs: Iterable[Loc]) -> str:
    """Return answers ``text`` with a marker line above each answer at ``locs``.

    Locations the text does not hold (a section left out since) are skipped.
    """
    loaded = load_answers_text(text, "<answers>")
    lines = text.split("\n")
    at: dict[int, int] = {}
    for loc in locs:
        position = loaded.positions.get(tuple(loc))
        if position is not None:
            line, column = position
            at[line] = column
    for line in sorted(at, reverse=True):
        if line >= 2 and _MARKER.match(lines[line - 2]):
            continue  # already marked
        lines.insert(line - 1, " " * (at[line] - 1) + MARK)
    return "\n".join(lines)


def to_do_locs(loaded: Loaded) -> list[Loc]:
    """Return the answers marked "to do" in a loaded file, in file order."""
    by_line: dict[int, Loc] = {}
    for loc, (row, _column) in loaded.positions.items():
        if loc and len(loc) >= len(by_line.get(row, ())):
            by_line[row] = loc
    found: list[Loc] = []
    lines = loaded.text.split("\n")
    for number, line in enumerate(lines, 1):
        if not _MARKER.match(line):
            continue
        for after in range(number + 1, len(lines) + 1):
            following = lines[after - 1].strip()
            if following and not following.startswith("#"):
                if after in by_line:
                    found.append(by_line[after])
                break
    return found


@file_rule("HYG-C03", "warning", "No answer is still marked to do", "cxacq init")
def _marked_to_do(loaded: Loaded) -> Iterable[Finding]:
    for loc in to_do_locs(loaded):
        yield (
            loc,
            "this answer is marked to do: it holds a placeholder or a default, not your answer",
            "answer or confirm it, then delete the '# TO DO' line above it "
            "(or go back to it with `cxacq init --section`)",
        )
