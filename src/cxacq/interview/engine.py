"""The interview: walk the answers model in the guidance's order and ask for each answer.

Answers are kept as the loader would read them from a file (text, lists and
sections), so what the interview collects is exactly what the answers file will
hold. Each answer is checked on its own as it is given (:func:`value_problem`),
and the whole set is checked at the end (:func:`find_problems`): any problem
that spans fields is asked again at the field it concerns, with the message
``validate`` would give.
"""

from __future__ import annotations

from typing import Any

from cxacq.fields import FieldSpec, field_spec
from cxacq.interview import script
from cxacq.interview.prompter import Prompter, Question
from cxacq.model import Answers
from cxacq.validate import Problem, find_problems, value_problem

__all__ = ["Interview"]

Loc = tuple[str | int, ...]
_MISSING: Any = object()

ITEM_NAMES: dict[str, str] = {
    "people.participants": "team member",
    "customer_need.evidence": "piece of evidence",
    "capacity.success_measures": "success measure",
    "needs": "need",
    "partners": "partner",
    "capacity_building": "capacity-building item",
    "funding.periods": "funding period",
    "cost_estimate.rates": "rate",
    "cost_estimate.labor": "role",
    "cost_estimate.other_direct_costs": "other direct cost",
    "market_research.vehicles_considered": "vehicle considered",
    "acquisition.deliverables": "deliverable",
    "acquisition.risks": "risk",
    "acquisition.milestones": "milestone",
    "evaluation.factors": "evaluation factor",
    "evaluation.phases": "evaluation phase",
    "evaluation.evaluators": "evaluator or advisor",
    "evaluation.schedule": "evaluation milestone",
    "accepted_findings": "accepted finding",
}


class Interview:
    """Ask for every answer, starting from ``start`` (an earlier file) when given."""

    def __init__(self, prompter: Prompter, start: dict[str, Any] | None = None) -> None:
        self.p = prompter
        self.start = start or {}
        self.root: dict[str, Any] = {}

    def run(self) -> dict[str, Any]:
        """Ask every question in order, then until the answers validate; return them."""
        from cxacq.scaffold import SECTION_INTROS

        for name in Answers.model_fields:
            current = self.start.get(name, _MISSING)
            if name == "schema_version":
                self.root[name] = "1"
                continue
            if name == "accepted_findings":
                if current is not _MISSING:
                    self.root[name] = current  # kept as they are; each has its reason
                continue
            self.p.heading(script.SECTION_TITLES[name], SECTION_INTROS[name])
            if current is not _MISSING and not self.p.confirm(
                "This section has answers already. Go through its questions?", default=True
            ):
                self.root[name] = current
                continue
            self._ask((name,), current, self.root)
        self._settle()
        return self.root

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
            value = self._leaf(loc, spec, current)
            if value is _MISSING:
                parent.pop(name, None)
            else:
                parent[name] = value

    def _section(self, loc: Loc, spec: FieldSpec, current: Any, parent: dict[str, Any]) -> None:
        name = str(loc[-1])
        if spec.optional_section and spec.path not in script.ALWAYS_INCLUDE:
            present = isinstance(current, dict)
            text, note = script.QUESTIONS.get(spec.path, (f"Add: {spec.description}", None))
            question = Question(
                text,
                spec.path,
                note,
                spec.description if text != spec.description else None,
            )
            include = self.p.yes_no(question, default=present)
            while include not in ("true", "false"):
                self.p.problem("answer y or n", None)
                include = self.p.yes_no(question, default=present)
            if include != "true":
                parent.pop(name, None)
                return
        if len(loc) > 1 and (not spec.optional_section or spec.path in script.ALWAYS_INCLUDE):
            text, note = script.QUESTIONS.get(spec.path, (spec.description, None))
            self.p.say()
            self.p.say(f"[bold underline]{_escape(text)}[/]")
            if note:
                self.p.say(f"  {_escape(note)}", style="italic")
        section: dict[str, Any] = {}
        parent[name] = section  # visible at once, so later questions can refer to it
        existing = current if isinstance(current, dict) else {}
        assert spec.model is not None
        for field_name in spec.model.model_fields:
            self._ask((*loc, field_name), existing.get(field_name, _MISSING), section)
        if not section and not spec.required:
            parent.pop(name, None)  # nothing answered: leave the section out

    def _items(self, loc: Loc, spec: FieldSpec, current: Any, parent: dict[str, Any]) -> None:
        name = str(loc[-1])
        noun = ITEM_NAMES.get(spec.path, "item")
        text, note = script.QUESTIONS.get(spec.path, (spec.description, None))
        self.p.say()
        self.p.say(f"[bold underline]{_escape(text)}[/]")
        if note:
            self.p.say(f"  {_escape(note)}", style="italic")
        if spec.description != text:
            self.p.say(f"  {_escape(spec.description)}")
        items: list[Any] = []
        parent[name] = items
        for number, item in enumerate(current if isinstance(current, list) else [], 1):
            action = self.p.menu(
                f"{noun.capitalize()} {number}: {_summary(item)}",
                ["keep", "edit", "remove"],
                "keep",
            )
            if action == "keep":
                items.append(item)
            elif action == "edit":
                self._item((*loc, len(items)), spec, item, items)
        while True:
            if len(items) < spec.min_items:
                self.p.say(
                    f"\n[bold]{noun.capitalize()} {len(items) + 1}[/] "
                    f"(at least {spec.min_items} needed)"
                )
            elif not self.p.confirm(
                f"Add {'another' if items else _article(noun)} {noun}?",
                default=False,
            ):
                break
            else:
                self.p.say(f"\n[bold]{noun.capitalize()} {len(items) + 1}[/]")
            self._item((*loc, len(items)), spec, _new_item(spec.path, items), items)
        if not items and not spec.required:
            parent.pop(name, None)

    def _item(self, loc: Loc, spec: FieldSpec, current: Any, items: list[Any]) -> None:
        item: dict[str, Any] = {}
        items.append(item)
        existing = current if isinstance(current, dict) else {}
        assert spec.model is not None
        for field_name in spec.model.model_fields:
            self._ask((*loc, field_name), existing.get(field_name, _MISSING), item)

    def _leaf(self, loc: Loc, spec: FieldSpec, current: Any, problem: Problem | None = None) -> Any:
        """Ask for one answer until it passes the field's own checks."""
        text, note = script.QUESTIONS.get(spec.path, (spec.description, None))
        question = Question(
            text=text, path=_display_path(loc), note=note,
            description=spec.description, example=spec.example,
            required=spec.required or spec.min_items > 0,
        )
        default = _as_answer(spec.default) if current is _MISSING else current
        if problem is not None:
            self.p.problem(problem.message, problem.hint)
        while True:
            answer = self._read(spec, question, default)
            if answer is None:
                if question.required:
                    self.p.problem(f"'{spec.name}' is required here but missing", spec.description)
                    continue
                return _MISSING
            found = value_problem(loc, answer)
            if found is None:
                return answer
            self.p.problem(found.message, found.hint)

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
        value = self._leaf(loc, spec, current, problem)
        if value is _MISSING:
            parent.pop(str(loc[-1]), None)
        else:
            parent[str(loc[-1])] = value


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
    return node  # type: ignore[no-any-return]


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
    from cxacq.context import LABELS

    table = script.CHOICE_LABELS.get(path)
    return dict(LABELS.get(table, {})) if table else {}


def _summary(item: Any) -> str:
    if isinstance(item, dict):
        for value in item.values():
            if isinstance(value, str) and len(value) > 3:
                return value if len(value) <= 90 else value[:89].rstrip() + "…"
    return str(item)[:90]


def _display_path(loc: Loc) -> str:
    from cxacq.validate import field_path

    return field_path(loc)


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _escape(text: str) -> str:
    from cxacq.console import escape

    return escape(text)
