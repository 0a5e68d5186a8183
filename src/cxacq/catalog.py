"""The document kinds a package holds: template, file name, title and marking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cxacq.model import Answers

__all__ = ["DOCUMENTS", "SSI_LEGEND", "DocumentKind", "distribution_for", "documents_for"]

SSI_LEGEND = "Source Selection Information – See FAR 2.101 and 3.104"
_DISTRIBUTION = {
    SSI_LEGEND: (
        "Source selection information. Release only to the evaluation team, the source "
        "selection authority and the officials the contracting officer names."
    ),
    "official use": (
        "Distribution authorized to DHS personnel and support contractors with a need to know. "
        "Not for public release."
    ),
    None: "Internal working document of the program office. Not for public release.",
}


@dataclass(frozen=True)
class DocumentKind:
    """One document of the package."""

    key: str
    template: str
    filename: str  # without extension
    title: str
    subject: str
    marking: Callable[[Answers], str | None]
    applies: Callable[[Answers], bool]
    audience: str = "internal"  # or "offerors": plain-language aims are lower for them


DOCUMENTS: dict[str, DocumentKind] = {
    kind.key: kind
    for kind in (
        DocumentKind(
            key="acquisition-strategy",
            template="acquisition_strategy.md.j2",
            filename="acquisition-strategy",
            title="Acquisition Strategy",
            subject="Acquisition strategy for customer-experience support",
            marking=lambda a: a.document.marking,
            applies=lambda a: True,
        ),
        DocumentKind(
            key="evaluation-plan",
            template="evaluation_plan.md.j2",
            filename="evaluation-plan",
            title="Evaluation Plan",
            subject="Evaluation plan with CX discriminators",
            marking=lambda a: SSI_LEGEND,
            applies=lambda a: True,
        ),
        DocumentKind(
            key="oral-presentation-scenario",
            template="oral_presentation_scenario.md.j2",
            filename="oral-presentation-scenario",
            title="Oral Presentation Scenario",
            subject="Oral presentation instructions, scenario and evaluator materials",
            marking=lambda a: SSI_LEGEND,
            applies=lambda a: a.oral_presentation.used,
            audience="offerors",
        ),
    )
}


def distribution_for(kind: DocumentKind, answers: Answers) -> str:
    """Return the cover's distribution statement for one document.

    Source selection documents always carry the source selection statement; the
    others carry the answers' statement, or the default for their marking.
    """
    marking = kind.marking(answers)
    if marking == SSI_LEGEND:
        return _DISTRIBUTION[SSI_LEGEND]
    if answers.document.distribution_statement:
        return answers.document.distribution_statement
    if marking and ("official use" in marking.lower() or "cui" in marking.lower().split()):
        return _DISTRIBUTION["official use"]
    return _DISTRIBUTION[None]


def documents_for(answers: Answers) -> list[DocumentKind]:
    """Return the documents this package holds, in a fixed order.

    Without oral presentations the scenario document is left out; the strategy
    and the evaluation plan say how capability is evaluated instead.
    """
    return [kind for kind in DOCUMENTS.values() if kind.applies(answers)]
