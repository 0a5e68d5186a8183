"""The interview: walk the answers model in the guidance's order and ask for each answer.

Answers are kept as the loader would read them from a file (text, lists and
sections), so what the interview collects is exactly what the answers file will
hold. Each answer is checked on its own as it is given (:func:`value_problem`),
and the whole set is checked at the end (:func:`find_problems`): any problem
that spans fields is asked again at the field it concerns, with the message
``validate`` would give.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from cxacq.answers.fields import FieldSpec, answer_fields, field_spec
from cxacq.answers.model import Answers
from cxacq.answers.scaffold import SECTION_INTROS
from cxacq.answers.validate import Problem, field_path, find_problems, value_problem
from cxacq.cli.console import escape
from cxacq.cli.interview import quick, script
from cxacq.cli.interview.prompter import TODO, Prompter, Question

__all__ = ["SECTIONS", "Interview", "asks_as_required", "is_long", "parse_key"]

Loc = tuple[str | int, ...]
_MISSING: Any = object()
_ASK: Any = object()

# The sections the interview walks, in the guidance's order (accepted findings are kept as they
# are, each with its reason; schema_version is always "1").
SECTIONS: tuple[str, ...] = tuple(
    name for name in Answers.model_fields if name not in ("schema_version", "accepted_findings")
)

ITEM_NAMES: dict[str, str] = {
    spec.path: spec.item for spec in answer_fields() if spec.item
}


def asks_as_required(spec: FieldSpec, root: dict[str, Any], section: dict[str, Any]) -> bool:
    """Return whether the question for ``spec`` must be answered (no "Enter to skip")."""
    return (
        spec.required
        or spec.min_items > 0
        or script.required_here(spec.path, root, section)
    )


def is_long(spec: FieldSpec) -> bool:
    """Return whether a text question takes several lines (its example is a paragraph)."""
    return spec.kind == "text" and len(spec.example or "") > 110


def parse_key(key: str) -> Loc:
    """Return the location of a field path as the interview shows it (``needs[1].rank``)."""
    loc: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", key):
        loc.append(int(index) - 1 if index else name)  # shown counting from 1
    return tuple(loc)


class Interview:
    """Ask for every answer, starting from ``start`` (an earlier file) when given.

    Args:
        prompter: Asks one question at a time.
        start: Answers from an earlier file or example, offered as defaults.
        quick: The short path: ask only what a package needs, fill the rest from safe
            defaults marked "to do". None asks the user first (short or full?).
        only: Go through this one section; keep the others from ``start``.
        replay: Answers from a draft, by question key: given again without asking.
        todo: Questions marked "to do" so far (from a draft or the file revised).
        on_answer: Called after every answer (saves the draft).
    """

    def __init__(
        self,
        prompter: Prompter,
        start: dict[str, Any] | None = None,
        *,
        quick: bool | None = False,
        only: str | None = None,
        replay: dict[str, Any] | None = None,
        todo: Iterable[str] = (),
        on_answer: Callable[[], None] | None = None,
    ) -> None:
        self.p = prompter
        self.start = start or {}
        self.root: dict[str, Any] = {}
        self.quick = quick
        self.only = only
        self.replay = dict(replay or {})
        self.journal: dict[str, Any] = {}
        self.todo: set[str] = set(todo)
        self.on_answer = on_answer or (lambda: None)
        self.asked = 0  # questions shown (not counting a repeat after a bad answer)
        self._settling = False
        self._heading: tuple[str, str] | None = None
        self._pending: list[tuple[str, str | None, str | None]] = []
        self._progress = (0, 0, 0, False)  # section number, asked in it, expected, estimate?

    def run(self) -> dict[str, Any]:
        """Ask every question in order, then until the answers validate; return them."""
        self.root["schema_version"] = "1"
        if self.quick is None:
            self.quick = self._choose_path()
        chosen = self._choose_sections()
        for number, name in enumerate(SECTIONS, 1):
            current = self.start.get(name, _MISSING)
            if name not in chosen and (current is not _MISSING or self.only is not None):
                if current is not _MISSING:
                    self.root[name] = current
                continue
            title = f"Section {number} of {len(SECTIONS)}: {script.SECTION_TITLES[name]}"
            self._heading = (title, SECTION_INTROS[name])
            self._progress = (number, 0, *quick.estimate(name, quick=bool(self.quick)))
            self._ask((name,), current, self.root)
        if "accepted_findings" in self.start:
            self.root["accepted_findings"] = self.start["accepted_findings"]
        self._settling = True
        self._settle()
        return self.root

    # -- the interview's own questions -------------------------------------

    def _choose_path(self) -> bool:
        recalled = self._recall("mode")
        if recalled is not _MISSING:
            return bool(recalled == "short")
        self._started("mode")
        picked = self.p.menu(
            "Short or full interview? The short path asks only what a package needs "
            f"(about {quick.quick_question_count()} questions) and fills the rest from safe "
            "defaults, each marked \"to do\" for `cxacq check` to list. The full interview "
            "asks everything (about 150 questions).",
            ["short", "full"],
            "short",
        )
        self._record("mode", picked)
        return picked == "short"

    def _choose_sections(self) -> set[str]:
        """Return the sections to go through: one menu instead of a question per section."""
        if self.only is not None:
            return {self.only}
        present = [name for name in SECTIONS if name in self.start]
        if not present:
            return set(SECTIONS)
        recalled = self._recall("revise")
        if recalled is not _MISSING:
            return set(recalled)
        _, problems = find_problems(self.start)
        troubled = {str(problem.loc[0]) for problem in problems if problem.loc}
        marked = {parse_key(key)[0] for key in self.todo}
        notes = {
            name: "needs attention" if name in troubled else "to do" if name in marked else ""
            for name in present
        }
        self._started("revise")
        picked = self.p.pick(
            "Which sections do you want to go through? The others keep their answers"
            + (" (sections with no answers yet are always asked)." if len(present) < len(SECTIONS)
               else "."),
            present,
            {name: script.SECTION_TITLES[name] for name in present},
            notes,
        )
        self._record("revise", picked)
        return set(picked)

    # -- progress, drafts and replay ---------------------------------------

    def _started(self, key: str) -> str:
        """Count a new question, show a section heading that is due; return the progress."""
        self.p.key = key
        if self._heading is not None:
            self.p.heading(*self._heading)
            self._heading = None
        for title, note, description in self._pending:
            self.p.say()
            self.p.say(f"[bold underline]{_escape(title)}[/]")
            if note:
                self.p.say(f"  {_escape(note)}", style="italic")
            if description:
                self.p.say(f"  {_escape(description)}")
        self._pending.clear()
        self.asked += 1
        number, asked, expected, rough = self._progress
        if not number:
            return ""
        asked += 1
        self._progress = (number, asked, expected, rough)
        of = f" of {'about ' if rough else ''}{expected}" if asked <= expected else ""
        return f"section {number} of {len(SECTIONS)}, question {asked}{of}"

    def _recall(self, key: str) -> Any:
        """Return the draft's answer to ``key`` (recording it again), or _MISSING."""
        if self._settling or key not in self.replay:
            return _MISSING
        value = self.replay.pop(key)
        self.journal[key] = value
        return value

    def _record(self, key: str, value: Any) -> None:
        self.journal[key] = value
        self.on_answer()

    # -- walking the model -------------------------------------------------

    def _ask(self, loc: Loc, current: Any, parent: dict[str, Any]) -> None:
        """Ask for the field at ``loc`` and store the answer in ``parent`` (or leave it out)."""
        spec = field_spec(loc)
        name = str(loc[-1])
        if not script.applies(spec.path, self.root, parent):
            parent.pop(name, None)
            return
        if spec.kind == "section":
            self._section(loc, spec, current, parent)
        elif spec.kind == "section_list":
            self._items(loc, spec, current, parent)
        else:
            value = self._leaf(loc, spec, current, parent)
            if value is _MISSING:
                parent.pop(name, None)
            else:
                parent[name] = value

    def _section(self, loc: Loc, spec: FieldSpec, current: Any, parent: dict[str, Any]) -> None:
        name = str(loc[-1])
        key = _display_path(loc)
        asked_to_include = (
            spec.optional_section
            and spec.path not in script.ALWAYS_INCLUDE
            and not script.required_here(spec.path, self.root, parent)
        )
        if asked_to_include:
            present = isinstance(current, dict)
            include = self._recall(key)
            if include is _MISSING and self.quick:
                include = present
            elif include is _MISSING:
                text, note = script.QUESTIONS.get(spec.path, (f"Add: {spec.description}", None))
                question = Question(
                    text, key, note, spec.description if text != spec.description else None,
                    progress=self._started(key),
                )
                answer = self.p.yes_no(question, default=present)
                while answer not in ("true", "false"):
                    self.p.problem("answer y or n", None)
                    answer = self.p.yes_no(replace(question, again=True), default=present)
                include = answer == "true"
                self._record(key, include)
            if not include:
                parent.pop(name, None)
                return
        mark = len(self._pending)
        if len(loc) > 1 and not asked_to_include:
            text, note = script.QUESTIONS.get(spec.path, (spec.description, None))
            self._later(text, note)
        section: dict[str, Any] = {}
        parent[name] = section  # visible at once, so later questions can refer to it
        existing = current if isinstance(current, dict) else {}
        assert spec.model is not None
        for field_name in spec.model.model_fields:
            self._ask((*loc, field_name), existing.get(field_name, _MISSING), section)
        del self._pending[mark:]  # no question was asked in it: its title is not shown
        if not section and not spec.required:
            parent.pop(name, None)  # nothing answered: leave the section out

    def _items(self, loc: Loc, spec: FieldSpec, current: Any, parent: dict[str, Any]) -> None:
        name = str(loc[-1])
        key = _display_path(loc)
        recalled = self._recall(key)
        if recalled is not _MISSING:  # a list the short path filled
            parent[name] = recalled
            return
        fill = quick.QUICK_DEFAULTS.get(spec.path)
        if self.quick and fill is not None and not isinstance(current, list):
            parent[name] = fill(self.root)
            self.todo.add(key)
            self._record(key, parent[name])
            return
        noun = ITEM_NAMES.get(spec.path, "item")
        text, note = script.QUESTIONS.get(spec.path, (spec.description, None))
        items: list[Any] = []
        parent[name] = items
        existing = current if isinstance(current, list) else []
        if self.quick and not existing and not spec.min_items:
            parent.pop(name, None)
            return
        mark = len(self._pending)
        self._later(text, note, spec.description if spec.description != text else None)
        for number, item in enumerate(existing, 1):
            action = "keep" if self.quick else self._recall(f"{key}[{number}]")
            if action is _MISSING:
                self._started(f"{key}[{number}]")
                action = self.p.menu(
                    f"{noun.capitalize()} {number}: {_summary(item)}",
                    ["keep", "edit", "remove"],
                    "keep",
                )
                self._record(f"{key}[{number}]", action)
            if action == "keep":
                items.append(item)
            elif action == "edit":
                self._item((*loc, len(items)), spec, item, items)
        while True:
            if len(items) < spec.min_items:
                self._pending.append((
                    f"{noun.capitalize()} {len(items) + 1} (at least {spec.min_items} needed)",
                    None, None,
                ))
            elif self.quick:
                break
            else:
                add_key = f"{key}[{len(items) + 1}]?"
                more = self._recall(add_key)
                if more is _MISSING:
                    self._started(add_key)
                    more = self.p.confirm(
                        f"Add {'another' if items else _article(noun)} {noun}?",
                        default=False,
                    )
                    self._record(add_key, more)
                if not more:
                    break
                self._pending.append((f"{noun.capitalize()} {len(items) + 1}", None, None))
            self._item((*loc, len(items)), spec, _new_item(spec.path, items), items)
        del self._pending[mark:]
        if not items and not spec.required:
            parent.pop(name, None)

    def _item(self, loc: Loc, spec: FieldSpec, current: Any, items: list[Any]) -> None:
        item: dict[str, Any] = {}
        items.append(item)
        existing = current if isinstance(current, dict) else {}
        assert spec.model is not None
        for field_name in spec.model.model_fields:
            self._ask((*loc, field_name), existing.get(field_name, _MISSING), item)

    def _later(self, title: str, note: str | None, description: str | None = None) -> None:
        """Show a subsection's title before its first question (never before a skipped one)."""
        self._pending.append((title, note, description))

    def _leaf(
        self,
        loc: Loc,
        spec: FieldSpec,
        current: Any,
        parent: dict[str, Any],
        problem: Problem | None = None,
    ) -> Any:
        """Ask for one answer until it passes the field's own checks."""
        key = _display_path(loc)
        required = asks_as_required(spec, self.root, parent)
        default = _as_answer(spec.default) if current is _MISSING else current
        if current is _MISSING and spec.offered is not None:
            default = spec.offered  # the usual rule (the field's Ask), shown to keep or change
        if spec.path == "document.date" and default is None:
            default = quick.today()  # written into the file, so the documents stay the same
        if problem is None:
            recalled = self._recall(key)
            if recalled is not _MISSING:
                return _MISSING if recalled is None else recalled
            if self.quick:
                value = self._quick(key, spec, current, required)
                if value is not _ASK:
                    self._record(key, None if value is _MISSING else value)
                    return value
        text, note = script.QUESTIONS.get(spec.path, (spec.description, None))
        question = Question(
            text=text, path=key, note=note,
            description=spec.description, example=spec.example,
            required=required, long=is_long(spec), progress=self._started(key),
        )
        if problem is not None:
            self.p.problem(problem.message, problem.hint)
        while True:
            answer = self._read(spec, question, default)
            question = replace(question, again=True)
            if answer is TODO:
                value = self._todo_value(loc, spec, default)
                if value is _MISSING:
                    self.p.problem(
                        "this answer cannot be left to do: there is no safe value to hold its "
                        "place",
                        "give an answer now; you can change it later",
                    )
                    continue
                self.todo.add(key)
                self.p.say(f"  marked to do: {_escape(_shown(value))}", style="dim")
                self._record(key, value)
                return value
            if answer is None:
                if required:
                    self.p.problem(f"'{spec.name}' is required here but missing", spec.description)
                    continue
                self.todo.discard(key)
                self._record(key, None)
                return _MISSING
            found = value_problem(loc, answer)
            if found is None:
                self.todo.discard(key)
                self._record(key, answer)
                return answer
            self.p.problem(found.message, found.hint)

    def _quick(self, key: str, spec: FieldSpec, current: Any, required: bool) -> Any:
        """Return the short path's answer without asking, or _ASK when it must be asked."""
        if current is not _MISSING:
            return current
        fill = quick.QUICK_DEFAULTS.get(spec.path)
        if fill is not None:
            if spec.path not in quick.QUICK_SETTLED:
                self.todo.add(key)
            return fill(self.root)
        return _ASK if required else _MISSING

    def _todo_value(self, loc: Loc, spec: FieldSpec, default: Any) -> Any:
        """Return a value that validates and holds the place of an answer marked "to do"."""
        text = script.QUESTIONS.get(spec.path, (spec.description, None))[0]
        fill = quick.QUICK_DEFAULTS.get(spec.path)
        references = script.reference_choices(spec.path, self.root)
        candidates: list[Any] = [default]
        if fill is not None:
            candidates.append(fill(self.root))
        if references:
            candidates.append(references[:1] if spec.kind.endswith("list") else references[0])
        if spec.kind == "text":
            candidates.append(f"To do: {text}")
        elif spec.kind == "text_list":
            candidates.append([f"To do: {text}"])
        elif spec.kind == "date":
            candidates.append(quick.today())
        if spec.example is not None:
            candidates.append([spec.example] if spec.kind.endswith("list") else spec.example)
        for value in candidates:
            if value is not None and value_problem(loc, value) is None:
                return value
        return _MISSING

    def _read(self, spec: FieldSpec, question: Question, default: Any) -> Any:
        references = script.reference_choices(spec.path, self.root)
        labels = _labels(spec.path)
        if references is not None and spec.kind in ("text_list", "int_list"):
            return self.p.choices(question, references, labels, _as_list(default))
        if references is not None:
            fallback = default if default is not None else (references[0] if references else None)
            return self.p.choice(question, references, labels, fallback)
        if spec.kind == "choice":
            return self.p.choice(question, spec.choices, labels, default)
        if spec.kind == "choice_list":
            return self.p.choices(question, spec.choices, labels, _as_list(default))
        if spec.kind == "bool":
            known = default if isinstance(default, str) else None
            return self.p.yes_no(
                question,
                None if known is None else known.lower() in ("true", "yes", "y"),
            )
        if spec.kind in ("text_list", "int_list"):
            return self.p.lines(question, _as_list(default))
        return self.p.text(question, default if isinstance(default, str) else None)

    # -- settling problems that span fields --------------------------------

    def _settle(self) -> None:
        """Ask again wherever the whole set of answers does not validate."""
        announced = False
        while True:
            _, problems = find_problems(self.root)
            if not problems:
                return
            if not announced:
                self.p.heading("A few answers need another look")
                announced = True
            self._fix(problems[0])  # one at a time: fixing one often settles others

    def _fix(self, problem: Problem) -> None:
        loc = problem.loc
        while loc and (isinstance(loc[-1], int) or _spec_or_none(loc) is None):
            loc = loc[:-1]
        spec = _spec_or_none(loc)
        if spec is None:  # pragma: no cover - every problem is at or below a field
            return
        parent = _container(self.root, loc[:-1])
        current = parent.get(str(loc[-1]), _MISSING)
        if spec.kind in ("section", "section_list"):
            self.p.problem(problem.message, problem.hint)
            (self._section if spec.kind == "section" else self._items)(loc, spec, current, parent)
            return
        value = self._leaf(loc, spec, current, parent, problem)
        if value is _MISSING:
            parent.pop(str(loc[-1]), None)
        else:
            parent[str(loc[-1])] = value


def _shown(value: Any) -> str:
    return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _spec_or_none(loc: Loc) -> FieldSpec | None:
    try:
        return field_spec(loc) if loc else None
    except KeyError:
        return None


def _container(root: dict[str, Any], loc: Loc) -> dict[str, Any]:
    node: Any = root
    for part in loc:
        if isinstance(part, int):
            node = node[part]
        else:
            node = node.setdefault(part, {})
    return node


def _new_item(path: str, items: list[Any]) -> dict[str, Any]:
    """Return the defaults of a new list item: the next rank for a need."""
    if path != "needs":
        return {}
    ranks = [
        int(i["rank"])
        for i in items
        if isinstance(i, dict) and str(i.get("rank", "")).isdigit()
    ]
    return {"rank": str(max(ranks, default=0) + 1)}


def _as_answer(value: Any) -> Any:
    """Return a model default as the loader would read it from a file."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _as_list(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _labels(path: str) -> dict[str, str]:
    from cxacq.documents.context import LABELS

    table = script.CHOICE_LABELS.get(path)
    return dict(LABELS.get(table, {})) if table else {}


def _summary(item: Any) -> str:
    if isinstance(item, dict):
        for value in item.values():
            if isinstance(value, str) and len(value) > 3:
                return value if len(value) <= 90 else value[:89].rstrip() + "…"
    return str(item)[:90]


def _display_path(loc: Loc) -> str:
    return field_path(loc)


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _escape(text: str) -> str:
    return escape(text)
