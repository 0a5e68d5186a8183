"""Every field of the answers model, described once for the interview and the reference.

:func:`answer_fields` walks :class:`~cxacq.answers.model.Answers` and returns one
:class:`FieldSpec` per field, with its kind of answer, whether it is required,
its choices, its description and an example. Examples come from the field's own
``examples=`` in the model when it has one, otherwise from the shipped example
answers files (the starter example first), so every example is a value a real
package uses.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cxacq.answers.loader import load_answers_file
from cxacq.answers.model import Answers
from cxacq.answers.model.base import Ask
from cxacq.resources import STARTER_EXAMPLE, examples_dir

__all__ = [
    "FieldSpec",
    "answer_fields",
    "classify",
    "field_spec",
    "fields_under",
    "pattern_of",
    "spec_at",
]

# The kinds of answer a field takes: how it is asked and how it is shown in the reference.
KIND_LABELS = {
    "text": "text",
    "choice": "one of the choices",
    "bool": "true or false",
    "date": "date (YYYY-MM-DD)",
    "int": "whole number",
    "number": "number",
    "money": "amount in dollars",
    "text_list": "list of text",
    "choice_list": "list of choices",
    "int_list": "list of whole numbers",
    "section": "section",
    "section_list": "list of sections",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of the answers model, as a person filling it in needs to know it."""

    path: str  # e.g. "needs[].rank": list items are written "[]"
    name: str
    kind: str  # a key of KIND_LABELS
    required: bool
    optional_section: bool  # a section that may be left out as a whole (``X | None``)
    default: Any
    description: str
    choices: tuple[str, ...]
    explicit_example: str | None  # the field's own ``examples=`` in the model
    model: type[BaseModel] | None  # the section's model, for section kinds
    min_items: int
    annotation: Any  # the field's type as the model declares it
    metadata: tuple[Any, ...]  # its constraints and validators (``min_length`` …)
    words: Ask  # how the interview asks it and `init` introduces it (empty when none)

    @property
    def question(self) -> str | None:
        """Return the question the interview asks for this field."""
        return self.words.question

    @property
    def note(self) -> str | None:
        """Return the note shown under the question, often the guidance's words."""
        return self.words.note

    @property
    def item(self) -> str | None:
        """Return one item of this list in words ("need")."""
        return self.words.item

    @property
    def title(self) -> str | None:
        """Return this top-level section's title in the interview."""
        return self.words.title

    @property
    def intro(self) -> str | None:
        """Return this top-level section's introduction in the guidance's words."""
        return self.words.intro

    @property
    def labels(self) -> str | None:
        """Return the name of the table that explains each choice in plain words."""
        return self.words.labels

    @property
    def offered(self) -> str | list[str] | None:
        """Return the usual rule the interview offers, as an answers file would hold it.

        ``True`` reads "true" and a tuple a list of its items; None when nothing is offered.
        """
        value = self.words.offered
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, tuple):
            return list(value)
        return value

    @property
    def constrained_type(self) -> Any:
        """Return the field's type with its constraints, to validate one value on its own."""
        if not self.metadata:
            return self.annotation
        return typing.Annotated[(self.annotation, *self.metadata)]

    @property
    def item_type(self) -> Any:
        """Return the type of one item of a list field (None for a field that is no list)."""
        annotation, _ = _strip_none(_base(self.annotation))
        annotation = _base(annotation)
        if typing.get_origin(annotation) is list:
            return typing.get_args(annotation)[0]
        return None

    @property
    def example(self) -> str | None:
        """Return an example value: the model's own, else the first in the shipped examples.

        The shipped examples are read only when an example is asked for, so validation,
        which walks the same specs, never loads them.
        """
        if self.explicit_example is not None:
            return self.explicit_example
        return _example_values().get(self.path)

    @property
    def kind_label(self) -> str:
        """Return the kind of answer in plain words."""
        if self.kind in ("choice", "choice_list") and self.choices:
            return ("list of: " if self.kind == "choice_list" else "one of: ") + ", ".join(
                self.choices
            )
        return KIND_LABELS[self.kind]


def _strip_none(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _base(annotation: Any) -> Any:
    """Return the annotation without ``Annotated`` metadata."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def classify(annotation: Any) -> tuple[str, tuple[str, ...], type[BaseModel] | None]:
    """Return the kind of answer an annotation takes, its choices and its section model."""
    annotation, _ = _strip_none(_base(annotation))
    annotation = _base(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return "choice", tuple(str(v) for v in typing.get_args(annotation)), None
    if typing.get_origin(annotation) is list:
        kind, choices, model = classify(typing.get_args(annotation)[0])
        return {"section": "section_list", "choice": "choice_list", "int": "int_list"}.get(
            kind, "text_list"
        ), choices, model
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "section", (), annotation
        if issubclass(annotation, bool):
            return "bool", (), None
        if issubclass(annotation, int):
            return "int", (), None
        if issubclass(annotation, float):
            return "number", (), None
        if issubclass(annotation, Decimal):
            return "money", (), None
        if issubclass(annotation, dt.date):
            return "date", (), None
    return "text", (), None


def pattern_of(loc: tuple[str | int, ...]) -> str:
    """Return the catalog path of a location: ``("needs", 2, "rank")`` → ``needs[].rank``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += "[]"
        else:
            text += f".{part}" if text else part
    return text


def _min_items(info: FieldInfo) -> int:
    for item in info.metadata:
        value = getattr(item, "min_length", None)
        if isinstance(value, int):
            return value
    return 0


def _spec(path: str, name: str, info: FieldInfo) -> FieldSpec:
    kind, choices, model = classify(info.annotation)
    _, optional = _strip_none(info.annotation)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    if isinstance(default, BaseModel | list) and not default:
        default = None
    explicit = [str(item) for item in (info.examples or [])]
    return FieldSpec(
        path=path,
        name=name,
        kind=kind,
        required=info.is_required(),
        optional_section=optional and model is not None,
        default=default,
        description=info.description or "",
        choices=choices,
        explicit_example=explicit[0] if explicit else None,
        model=model,
        min_items=_min_items(info),
        annotation=info.annotation,
        metadata=tuple(info.metadata),
        words=info.json_schema_extra if isinstance(info.json_schema_extra, Ask) else Ask(),
    )


@cache
def answer_fields() -> tuple[FieldSpec, ...]:
    """Return every field of the answers model, in the order of the answers file."""
    specs: list[FieldSpec] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            spec = _spec(path, name, info)
            specs.append(spec)
            if spec.model is not None:
                walk(spec.model, path + ("[]" if spec.kind == "section_list" else ""))

    walk(Answers, "")
    return tuple(specs)


@cache
def _by_path() -> dict[str, FieldSpec]:
    return {spec.path: spec for spec in answer_fields()}


def field_spec(loc: tuple[str | int, ...]) -> FieldSpec:
    """Return the spec of the field at ``loc`` (list indexes are ignored).

    Raises:
        KeyError: No field of the model is at ``loc``.
    """
    return _by_path()[pattern_of(loc)]


def spec_at(loc: tuple[str | int, ...]) -> FieldSpec | None:
    """Return the spec of the field at ``loc``, or None when the model has no field there."""
    return _by_path().get(pattern_of(loc))


@cache
def _children() -> dict[str, tuple[FieldSpec, ...]]:
    found: dict[str, list[FieldSpec]] = {}
    for spec in answer_fields():
        parent = spec.path[: -len(spec.name)].removesuffix(".")
        found.setdefault(parent, []).append(spec)
    return {path: tuple(specs) for path, specs in found.items()}


def fields_under(loc: tuple[str | int, ...]) -> tuple[FieldSpec, ...]:
    """Return the fields of the section at ``loc`` in model order (``()``: the top level).

    A list item's location (ending in an index) gives the fields of one item; a location
    that is not a section of the model gives none.
    """
    path = pattern_of(loc)
    if loc and not isinstance(loc[-1], int):
        spec = _by_path().get(path)
        if spec is not None and spec.kind == "section_list":
            return ()  # the list itself, not one of its items
    return _children().get(path, ())


@cache
def _example_values() -> dict[str, str]:
    """Return the first value each path has in the shipped examples, starter first."""
    folder = examples_dir()
    files = [
        folder / STARTER_EXAMPLE,
        *sorted(p for p in folder.glob("*.yaml") if p.name != STARTER_EXAMPLE),
    ]
    found: dict[str, str] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    walk(item, path + "[]")
                elif isinstance(item, str) and path not in found:
                    found[path] = item
        elif isinstance(value, str) and path not in found:
            found[path] = value

    for file in files:
        walk(load_answers_file(file).data, "")
    return found
