"""Read an answers file as the lines a person typed, to explain hand-editing mistakes.

The YAML parser says where it got lost, which is often not where the mistake is
and never in a program manager's words ("expected <block end>, but found '?'").
This module looks at the lines themselves:

* :func:`indentation_problem` finds the first line whose indentation fits no
  section around it (a key indented too far or too little, a list item out of
  line), for the loader to report instead of the parser's words;
* :func:`comment_after_value` and :func:`curly_quotes` find values that parse but
  do not say what the person meant: ``see ticket #4521`` loses ``#4521`` as a
  comment, and Word's quotes (“…”) are printed literally.

Only block-style YAML is understood, which is what ``init`` writes; anything else
(flow collections, quoted text over several lines) is left to the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LineProblem", "comment_after_value", "curly_quotes", "indentation_problem"]


@dataclass(frozen=True)
class LineProblem:
    """A problem at one line (1-based) and column of the file, in plain words."""

    line: int
    column: int
    message: str
    hint: str
    code: str = "CX010"  # CX013: a comment cuts a value; CX014: curly quotes


# "key:" or "key: value"; keys in answers files are plain names.
_KEY = re.compile(r"(?P<key>[A-Za-z0-9_][A-Za-z0-9_ .-]*?):(?:[ \t]+(?P<value>.*))?$")
_ITEM = re.compile(r"-(?:[ \t]+(?P<rest>.*))?$")
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*[ \t]*(?:#.*)?$")


@dataclass
class _Level:
    indent: int
    line: int
    label: str  # 'name' for a key, 'list item' for an item
    is_item: bool
    after_opener: bool = False  # right after a 'key:' at the same indent (its first child?)
    first: _Level | None = None  # the first line at this level, when this one is not
    closed: _Level | None = None  # the deeper level this line ended, if it ended one


STEP = 2  # spaces per level, as `init` writes and the README asks


def _shown(key: str) -> str:
    return key if len(key) <= 40 else key[:40] + "…"


def indentation_problem(text: str, error_line: int) -> LineProblem | None:
    """Return the first badly indented line at or before ``error_line``, if any.

    Args:
        text: The whole file.
        error_line: The 1-based line where the parser failed.
    """
    lines = text.splitlines()
    levels: list[_Level] = []  # open levels, outermost first
    opens: _Level | None = None  # the previous line ends with ':' or is a bare '-'
    scalar: tuple[int, int | None, int] | None = None  # block scalar: key indent, text indent, line
    depth = 0  # open flow brackets: their lines are the parser's business
    for number, raw in enumerate(lines[:error_line], start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if scalar is not None:
            owner, text_indent, first = scalar
            if text_indent is None and indent > owner:
                scalar = (owner, indent, number)
                continue
            if text_indent is not None and indent >= text_indent:
                continue
            if text_indent is not None and indent > owner:
                return LineProblem(
                    number, indent + 1,
                    f"indentation: this line of a text written over several lines is indented "
                    f"{indent} spaces, less than its first line (line {first}, {text_indent} "
                    "spaces)",
                    f"indent every line of the text {text_indent} spaces, like line {first}",
                )
            scalar = None
        if depth:
            depth = max(0, depth + _brackets(stripped))
            continue
        item = _ITEM.match(stripped)
        key = None if item else _KEY.match(stripped)
        if item is None and key is None:
            continue  # the next line of a value written over several lines
        label = "the list item" if item else f"'{_shown(key['key'].strip())}'"  # type: ignore[index]
        level = _Level(indent, number, label, item is not None)
        if opens is not None and (
            indent > opens.indent or (indent == opens.indent and item and not opens.is_item)
        ):
            levels.append(level)  # the first line inside a section or list
        else:
            popped = None
            while levels and levels[-1].indent > indent:
                popped = levels.pop()
            problem: LineProblem | None = None
            if levels and levels[-1].indent == indent and levels[-1].is_item != level.is_item:
                if (not level.is_item and len(levels) > 1 and levels[-2].indent == indent
                        and not levels[-2].is_item):
                    levels.pop()  # the list written under its key ends here
                else:
                    problem = _misplaced(level, levels[-1], popped, levels, same_column=True)
            elif levels and levels[-1].indent != indent:
                problem = _misplaced(level, levels[-1], popped, levels)
            elif not levels and popped is not None:
                problem = _blame_earlier(popped, level, "the top-level keys")
            if problem is not None:
                return _rather_earlier(level, levels, popped) or problem
            level.closed = popped
            if levels:
                level.first = levels[-1].first or levels[-1]
                level.after_opener = opens is not None and opens.indent == indent
                levels[-1] = level
            else:
                levels.append(level)
        opens = None
        rest = ((item["rest"] if item else key["value"]) or "").strip()  # type: ignore[index]
        inner = _KEY.match(rest) if item and rest else None
        if inner is not None:  # "- key: value": the item holds a section
            column = indent + (len(stripped) - len(rest))
            level = _Level(column, number, f"'{_shown(inner['key'].strip())}'", False)
            levels.append(level)
            rest = (inner["value"] or "").strip()
        if not rest or rest.startswith("#"):
            opens = level
        elif _BLOCK_SCALAR.match(rest):
            scalar = (level.indent, None, number)
        else:
            depth = max(0, _brackets(rest))
    return None


def _fits(line: _Level, parent: _Level | None) -> bool:
    """Say whether ``line`` sits where a child of ``parent`` belongs (STEP deeper)."""
    if parent is None:
        return line.indent == 0
    return line.indent == parent.indent + STEP or (line.is_item and line.indent == parent.indent)


def _rather_earlier(
    line: _Level, levels: list[_Level], popped: _Level | None
) -> LineProblem | None:
    """Blame an earlier line when it, not ``line``, is out of step with its section.

    A section's first key indented wrongly makes the parser stop at the second,
    which is right: the one that is not :data:`STEP` spaces inside its parent is
    the mistake.
    """
    above = levels[-1] if levels else None
    item = _item_of(levels, popped)
    if item is not None:
        index = levels.index(item)
        if not _fits(item, levels[index - 1] if index else None):
            return LineProblem(
                item.line,
                item.indent + 1,
                f"indentation: the list item on line {item.line} is indented {item.indent} "
                f"spaces, but the keys that follow it ({line.label} on line {line.line}) are at "
                f"{line.indent}",
                f"indent the '- ' {max(line.indent - STEP, 0)} spaces, {STEP} to the left of "
                "the keys of its item",
            )
    if (popped is None and above is not None and above.closed is not None
            and above.closed.indent == line.indent):
        return _blame_earlier(above, line, f"the keys around it ({line.label}")
    if popped is None and above is not None and line.indent > above.indent:
        parent = levels[-2] if len(levels) > 1 else None
        if above.after_opener and line.indent == above.indent + STEP:
            return _blame_earlier(above, line, f"the keys after it ({line.label}")
        if not _fits(above, parent) and _fits(line, parent):
            return _blame_earlier(above, line, f"the keys after it ({line.label}")
        return None
    if popped is not None:
        earlier = popped.first or popped
        if not _fits(earlier, above) and _fits(line, above):
            return _blame_earlier(earlier, line, f"the keys after it ({line.label}")
    return None


def _item_of(levels: list[_Level], popped: _Level | None) -> _Level | None:
    """Return the list item whose line also holds the key ``line`` was measured against."""
    if popped is not None and levels and levels[-1].is_item and levels[-1].line == popped.line:
        return levels[-1]
    if len(levels) > 1 and levels[-2].is_item and levels[-2].line == levels[-1].line:
        return levels[-2]
    return None


def _blame_earlier(earlier: _Level, later: _Level, who: str) -> LineProblem:
    closing = ")" if who.startswith(("the keys after it (", "the keys around it (")) else ""
    return LineProblem(
        earlier.line,
        earlier.indent + 1,
        f"indentation: {earlier.label} is indented {earlier.indent} spaces, but {who} on line "
        f"{later.line}{closing} {'are' if closing else 'start at'} {later.indent} spaces",
        f"indent it {later.indent} spaces, like {later.label} on line {later.line}; "
        "keys of one section start in the same column",
    )


def _brackets(text: str) -> int:
    """Return how many flow brackets ``text`` leaves open (quotes ignored roughly)."""
    unquoted = re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'", "", text)
    return unquoted.count("[") + unquoted.count("{") - unquoted.count("]") - unquoted.count("}")


def _misplaced(
    line: _Level,
    above: _Level,
    inner: _Level | None,
    levels: list[_Level],
    *,
    same_column: bool = False,
) -> LineProblem:
    """Describe ``line``, which fits no level: ``above`` is the level it falls under.

    ``inner`` is the deeper level it stepped out of, when it is indented less
    than the line before it; None when it is indented deeper. ``same_column`` says
    that it lines up with ``above`` but is a list item among keys or the reverse.
    """
    spaces = f"{line.indent} space{'s' if line.indent != 1 else ''}"
    if same_column:
        message = (
            f"indentation: {line.label} is indented {spaces}, in line with {above.label} on line "
            f"{above.line}, where {'list items' if above.is_item else 'keys'} are"
        )
        like = inner or (levels[-2] if len(levels) > 1 else above)
    elif inner is None:
        message = (
            f"indentation: {line.label} is indented {spaces}, deeper than {above.label} on line "
            f"{above.line} ({above.indent} spaces), which already has its value"
        )
        like = above
    else:
        message = (
            f"indentation: {line.label} is indented {spaces}, which lines up with nothing around "
            f"it: {inner.label} on line {inner.line} is indented {inner.indent} spaces and "
            f"{above.label} on line {above.line} is indented {above.indent}"
        )
        like = inner
    what = "list items" if line.is_item else "keys of one section"
    hint = (
        f"indent it {like.indent} spaces, like {like.label} on line {like.line}; "
        f"{what} start in the same column"
    )
    return LineProblem(line.line, line.indent + 1, message, hint)


_NOT_PLAIN = tuple("'\"[{|>&*!%@`#")


def comment_after_value(text: str) -> list[LineProblem]:
    """Find plain values followed by ``#`` on the same line: YAML drops the rest as a comment."""
    found: list[LineProblem] = []
    scalar_indent: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if scalar_indent is not None:
            if not stripped or indent > scalar_indent:
                continue  # inside a block scalar, '#' is text
            scalar_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        body = stripped[2:].lstrip() if stripped.startswith("- ") else stripped
        key = _KEY.match(body)
        value = (key["value"] or "") if key else body
        start = len(raw) - len(value)
        if key and _BLOCK_SCALAR.match(value.strip()):
            scalar_indent = indent
            continue
        if not value or value.startswith(_NOT_PLAIN):
            continue
        cut_at = re.search(r"\s#", value)
        if cut_at is None:
            continue
        kept = value[: cut_at.start()].strip()
        cut = value[cut_at.start():].strip()
        if not kept or not cut.strip("# "):
            continue  # an empty comment cuts nothing worth a warning
        found.append(LineProblem(
            number,
            start + cut_at.start() + 2,
            f"the text after '#' is a comment, so the value is only '{_shown(kept)}' "
            f"and '{_shown(cut)}' is left out",
            "put quotes around the whole value if the '#' belongs to it, "
            f"e.g. \"{_shown(kept)} {_shown(cut)}\"",
            "CX013",
        ))
    return found


_CURLY = re.compile(r"^(?P<lead>\s*(?:-\s+)?(?:[A-Za-z0-9_][\w .-]*?:\s+)?)(?P<open>[“”‘’„])"
                    r"(?P<inner>.*?)(?P<close>[“”‘’])?\s*(?:#.*)?$")


def curly_quotes(text: str) -> list[LineProblem]:
    """Find values wrapped in Word's curly quotes, which YAML prints as part of the text."""
    found: list[LineProblem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _CURLY.match(raw)
        if match is None or match["close"] is None:
            continue
        found.append(LineProblem(
            number,
            match.start("open") + 1,
            "the value is wrapped in curly quotes (“…” or ‘…’), which are printed as part of "
            "the text",
            "use straight quotes (\"…\") or none; word processors turn them curly, so edit "
            "answers files in a plain text editor",
            "CX014",
        ))
    return found


def curly_quote_problem(text: str, line: int) -> LineProblem | None:
    """Return the curly-quote problem on ``line`` (1-based), if that line has one."""
    for problem in curly_quotes(text):
        if problem.line == line:
            return LineProblem(
                problem.line,
                problem.column,
                "the value is wrapped in curly quotes (“…” or ‘…’), which YAML does not read "
                "as quotes, so a ': ' or '#' inside it breaks the line",
                "use straight quotes (\"…\") instead; word processors turn them curly",
                "CX014",
            )
    return None
