"""Turn loaded answers into a validated :class:`Answers`, or into diagnostics.

This is the one place that translates Pydantic's errors: each becomes a
:class:`Diagnostic` with a dotted field path, plain English (never Pydantic's type
names or URLs), a "did you mean" hint for misspelt keys, and the line and column
the loader recorded for that path (or its nearest parent, for a missing field).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from cxacq.answers.fields import FieldSpec, fields_under, spec_at
from cxacq.answers.loader import OUTSIDE_UNICODE, Loaded, excerpt, load_answers_file
from cxacq.answers.model import Answers, cross_check
from cxacq.errors import AnswersInvalid, Diagnostic, InputError, Severity

__all__ = [
    "OLD_NAME",
    "Problem",
    "line_warnings",
    "old_name_warnings",
    "field_path",
    "find_problems",
    "load_and_validate",
    "validate_loaded",
    "value_problem",
]


def load_and_validate(path: Path, *, display: str | None = None) -> Answers:
    """Load an answers file and validate it.

    Raises:
        InputError: The file cannot be read or parsed.
        AnswersInvalid: The answers do not match the model; its diagnostics hold
            every problem in the file, sorted by line.
    """
    loaded = load_answers_file(path, display=display)
    return validate_loaded(loaded)


@dataclass(frozen=True)
class Problem:
    """One problem in answers data, before it is placed at a line of a file."""

    loc: tuple[str | int, ...]
    message: str
    hint: str | None
    code: str
    missing: bool = False  # a missing field has no line of its own: place it at its parent


def find_problems(data: Any) -> tuple[Answers | None, list[Problem]]:
    """Check answers data (as the loader reads it) against the model and cross-field rules.

    This is the one translation of Pydantic's errors into plain English; ``validate``
    and the ``init`` interview both use it, so they say the same thing.

    Returns:
        The answers when valid (else None) and every problem found.
    """
    hidden = list(_control_characters(data, ()))
    if hidden:
        return None, [_hidden_problem(loc, char, key) for loc, char, key in hidden]
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(error) for error in exc.errors(include_url=False)]
        return None, _drop_explained_missing(problems)
    return answers, [
        Problem(loc, message, hint, "CX011") for loc, message, hint in cross_check(answers)
    ]


def value_problem(loc: tuple[str | int, ...], value: Any) -> Problem | None:
    """Check one answer for the field at ``loc`` on its own; None when it is fine.

    ``value`` is what the loader would read: text, a list or a mapping. The
    message is the one ``validate`` gives for the same value in a file.
    """
    hidden = list(_control_characters(value, loc))
    if hidden:
        return _hidden_problem(*hidden[0])
    adapter = _adapter(_pattern(loc))
    if adapter is None:
        return None
    try:
        adapter.validate_python(value.strip() if isinstance(value, str) else value)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        return _problem({**error, "loc": (*loc, *error["loc"])})
    return None


def _pattern(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    return tuple(0 if isinstance(part, int) else part for part in loc)


@functools.cache
def _adapter(loc: tuple[str | int, ...]) -> TypeAdapter[Any] | None:
    if not loc:
        return None
    if isinstance(loc[-1], int):  # one item of a list: the list's item type
        parent = spec_at(loc[:-1])
        item = parent.item_type if parent is not None else None
        return TypeAdapter(item) if item is not None else None
    spec = spec_at(loc)
    return TypeAdapter(spec.constrained_type) if spec is not None else None


def validate_loaded(loaded: Loaded) -> Answers:
    """Validate parsed answers against the model and the cross-field rules.

    Raises:
        AnswersInvalid: With one diagnostic per problem, sorted by line.
    """
    try:
        answers, problems = find_problems(loaded.data)
    except RecursionError:  # pragma: no cover - the loader caps depth first
        raise InputError("the file is nested too deeply", path=loaded.path) from None
    if problems:
        raise _invalid(loaded, [_place(loaded, problem) for problem in problems])
    assert answers is not None
    return answers


def line_warnings(loaded: Loaded) -> list[Diagnostic]:
    """Return warnings for lines that parse but may not say what was meant.

    A ``#`` after a space starts a comment, so "see ticket #4521" reads as
    "see ticket"; Word's curly quotes around a value are printed with it. A key
    under its old name is read as the new one, and said at its line
    (:func:`old_name_warnings`).
    """
    by_line: dict[int, tuple[str | int, ...]] = {}
    for loc, (line, _column) in loaded.positions.items():
        if loc and (line not in by_line or len(loc) > len(by_line[line])):
            by_line[line] = loc
    return sorted([*old_name_warnings(loaded), *[
        Diagnostic(
            path=loaded.path,
            line=problem.line,
            column=problem.column,
            field=field_path(by_line[problem.line]) if problem.line in by_line else None,
            message=problem.message,
            hint=problem.hint,
            code=problem.code,
            severity=Severity.WARNING,
        )
        for problem in loaded.line_warnings
    ]], key=Diagnostic.sort_key)


OLD_NAME = "CX015"
"""The code of a key written under its old name: read as the new one, with a warning."""

_OLD_GATE = {"true": "advisory", "false": "none"}


def old_name_warnings(loaded: Loaded) -> list[Diagnostic]:
    """Return a warning at each key the model still reads under its old name.

    ``evaluation.phases[].advisory_down_select`` (true or false) is read as ``gate``
    (advisory or none) by :class:`~cxacq.answers.model.evaluation.Phase`; the file loads,
    and the warning says what to write instead. A phase that also has ``gate`` is an
    error of validation, not a warning.
    """
    found = []
    for loc in loaded.positions:
        if not (len(loc) == 4 and loc[:2] == ("evaluation", "phases")
                and isinstance(loc[2], int) and loc[3] == "advisory_down_select"):
            continue
        phase = _at(loaded.data, loc[:3])
        if not isinstance(phase, dict) or "gate" in phase:
            continue
        value = phase.get("advisory_down_select")
        if not isinstance(value, str) or value.strip().lower() not in _OLD_GATE:
            continue  # not true or false: validation says so
        value = value.strip()
        gate = _OLD_GATE[value.lower()]
        found.append(dataclasses.replace(
            _located(
                loaded, loc,
                f"advisory_down_select is the old name of gate; advisory_down_select: "
                f"{value} is read as gate: {gate}",
                f"rename it: write gate: {gate} instead",
                code=OLD_NAME,
            ),
            severity=Severity.WARNING,
        ))
    return found


def _at(data: Any, loc: tuple[str | int, ...]) -> Any:
    """Return the value at ``loc`` in loaded data, or None when the path is not there."""
    for part in loc:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _place(loaded: Loaded, problem: Problem) -> Diagnostic:
    where = problem.loc[:-1] if problem.missing else problem.loc
    diag = _located(loaded, where, problem.message, problem.hint, code=problem.code)
    if not problem.missing:
        return diag
    position = _where_missing_belongs(loaded, problem.loc)
    return dataclasses.replace(
        diag,
        field=field_path(problem.loc),
        line=position[0] if position else diag.line,
        column=position[1] if position else diag.column,
    )


def _where_missing_belongs(
    loaded: Loaded, loc: tuple[str | int, ...]
) -> tuple[int, int] | None:
    """Return the line and column where a missing field belongs.

    That is the next field the model puts after it, else the last line written
    in its section; None when the section is empty.
    """
    parent, name = loc[:-1], loc[-1]
    order = _fields_at(parent)
    if name in order:
        for later in order[order.index(name) + 1:]:
            found = loaded.positions.get((*parent, later))
            if found is not None:
                return found
    children = [
        position for key, position in loaded.positions.items()
        if len(key) == len(parent) + 1 and key[: len(parent)] == parent
    ]
    if not children:
        return None
    column = min(position[1] for position in children)
    last = max(
        position[0] for key, position in loaded.positions.items()
        if len(key) > len(parent) and key[: len(parent)] == parent
    )
    return last, column


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff\U0010fffe]")


def _control_characters(
    node: Any,
    loc: tuple[str | int, ...],
) -> Iterable[tuple[tuple[str | int, ...], str, bool]]:
    """Yield each key or text value holding a character XML (and so Word) cannot hold.

    Each item is the location, the character and whether it is in the key (a name)
    rather than the value.
    """
    stack = [(node, loc)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            match = _CONTROL.search(value)
            if match:
                yield where, match.group(), False
        elif isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    continue
                match = _CONTROL.search(key)
                if match:
                    yield (*where, key), match.group(), True
                else:
                    stack.append((item, (*where, key)))
        elif isinstance(value, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(value))


def _hidden_problem(loc: tuple[str | int, ...], char: str, key: bool) -> Problem:
    """Describe a character that cannot appear in a document, at its field."""
    point = ord(char)
    where = "the name" if key else "the value"
    if point == OUTSIDE_UNICODE:
        return Problem(
            loc,
            f"{where} holds an escape for a code point beyond Unicode (above \\U0010FFFF)",
            "Unicode ends at \\U0010FFFF; check the escape, or type the character itself",
            "CX012",
        )
    if 0xD800 <= point <= 0xDFFF:
        return Problem(
            loc,
            f"{where} holds half of a surrogate pair (U+{point:04X}), which is not a character "
            "on its own",
            "write the character itself, or its full code as \\U followed by eight digits",
            "CX012",
        )
    return Problem(
        loc,
        f"{where} contains a control character (U+{point:04X}) that cannot appear in a document",
        "delete it; a YAML escape such as \\a or \\x07 produces one",
        "CX012",
    )


def _invalid(loaded: Loaded, diagnostics: list[Diagnostic]) -> AnswersInvalid:
    diagnostics = sorted(dict.fromkeys(diagnostics), key=Diagnostic.sort_key)
    count = len(diagnostics)
    return AnswersInvalid(
        f"{count} problem{'s' if count != 1 else ''} in the answers",
        path=loaded.path,
        diagnostics=diagnostics,
    )


def _drop_explained_missing(problems: list[Problem]) -> list[Problem]:
    """Drop "X is missing" when a misspelt sibling's "did you mean 'X'" already says so."""
    suggested = {
        (problem.loc[:-1], problem.hint[14:-2])
        for problem in problems
        if problem.hint and problem.hint.startswith("did you mean '")
    }
    return [
        problem for problem in problems
        if not (problem.missing and (problem.loc[:-1], problem.loc[-1]) in suggested)
    ]


def field_path(loc: Iterable[str | int]) -> str:
    """Return a dotted field path such as ``evaluation.factors[2].name``.

    List indexes are shown 1-based, as people count items in a file.
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            shown = excerpt(part)  # a hostile key must not flood or forge a line
            text += f".{shown}" if text else shown
    return text or "(top of file)"


def _located(
    loaded: Loaded,
    loc: tuple[str | int, ...],
    message: str,
    hint: str | None,
    *,
    code: str,
) -> Diagnostic:
    position = loaded.position_of(loc)
    return Diagnostic(
        path=loaded.path,
        line=position[0] if position else None,
        column=position[1] if position else None,
        field=field_path(loc),
        message=message,
        hint=hint,
        code=code,
    )


def _problem(error: Any) -> Problem:
    loc = _clean_loc(error["loc"])
    kind = error["type"]
    message, hint = _plain_message(kind, error, loc)
    return Problem(loc, message, hint, "CX010", missing=kind == "missing")


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    # Pydantic adds validator names (e.g. 'function-after[...]') for Annotated types; a key
    # of the user's own, such as '([]', is kept so the message can name it.
    return tuple(
        part
        for part in loc
        if isinstance(part, int) or not (isinstance(part, str) and _VALIDATOR_NAME.match(part))
    )


_VALIDATOR_NAME = re.compile(r"^[a-z][a-z-]*\[.*\]$", re.DOTALL)


_TYPE_WORDS = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number, e.g. 12",
    "int_from_float": "must be a whole number, without decimals",
    "float_parsing": "must be a number",
    "decimal_parsing": "must be an amount, e.g. 1250000",
    "decimal_type": "must be an amount, e.g. 1250000",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date written as YYYY-MM-DD, e.g. 2027-03-15",
    "date_parsing": "must be a date written as YYYY-MM-DD, e.g. 2027-03-15",
    "date_from_datetime_parsing": "must be a date written as YYYY-MM-DD, e.g. 2027-03-15",
    "date_from_datetime_inexact": "must be a date without a time, written as YYYY-MM-DD",
    "list_type": "must be a list: put each item on its own line starting with '- '",
    "model_type": "must be a section with named fields, not a single value",
    "model_attributes_type": "must be a section with named fields, not a single value",
    "dict_type": "must be a section with named fields, not a single value",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "decimal_max_digits": "is too large an amount",
    "decimal_max_places": "may have at most two decimal places (cents)",
}


def _plain_message(kind: str, error: Any, loc: tuple[str | int, ...]) -> tuple[str, str | None]:
    ctx = error.get("ctx") or {}
    if kind == "missing":
        where = f" under '{field_path(loc[:-1])}'" if len(loc) > 1 else ""
        described = _describe(loc)
        hint = f"add '{loc[-1]}:'{where}" + (
            f": {described[0].lower()}{described[1:]}" if described else ""
        )
        return f"'{loc[-1]}' is required here but missing", hint
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind in ("literal_error", "enum"):
        allowed = _allowed_values(loc)
        got = error.get("input")
        shown = f"'{excerpt(got)}'" if isinstance(got, str) else "this value"
        return f"{shown} is not one of the allowed values", f"use one of: {allowed}"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        items = "item" if minimum == 1 else "items"
        return f"needs at least {minimum} {items}", _describe(loc)
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} items", None
    if kind == "string_too_long":
        got = error.get("input")
        size = f"is {len(got):,} characters long; " if isinstance(got, str) else ""
        return f"{size}at most {ctx.get('max_length')} characters fit here", (
            "the documents' Word properties (title, author) hold 255 characters; "
            "shorten it or use an abbreviation"
        )
    if kind.startswith("date_") and _looks_like_iso_date(error.get("input")):
        return f"'{error['input']}' is not a real date", (
            "check the month (01 to 12) and the day (February has 28 days, or 29 in a leap year)"
        )
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "is not valid"))), None
    if kind == "string_type" and isinstance(error.get("input"), list | dict):
        return "must be a single piece of text, not a list or a section", None
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind].format(**ctx), None
    return error.get("msg", "is not valid").replace("Input", "the value"), None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _looks_like_iso_date(value: Any) -> bool:
    return isinstance(value, str) and bool(_ISO_DATE.match(value.strip()))


def _unknown_key(loc: tuple[str | int, ...]) -> tuple[str, str | None]:
    if not loc:
        return "a key here is not a field", None
    key = str(loc[-1])
    fields = _fields_at(loc[:-1])
    message = f"'{excerpt(key)}' is not a field here"
    if not fields:
        return message, None
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        return message, f"did you mean '{close[0]}'?"
    return message, "fields here: " + ", ".join(fields)


def _fields_at(loc: tuple[str | int, ...]) -> list[str]:
    return [spec.name for spec in fields_under(loc)]


def _field_info(loc: tuple[str | int, ...]) -> FieldSpec | None:
    if not loc or isinstance(loc[-1], int):
        return None
    return spec_at(loc)


def _describe(loc: tuple[str | int, ...]) -> str | None:
    spec = _field_info(loc)
    return spec.description if spec is not None and spec.description else None


def _allowed_values(loc: tuple[str | int, ...]) -> str:
    spec = _field_info(loc)
    if spec is None and loc and isinstance(loc[-1], int):
        spec = _field_info(loc[:-1])
    if spec is None:
        return "see `cxacq schema`"
    return ", ".join(spec.choices) or "see `cxacq schema`"
