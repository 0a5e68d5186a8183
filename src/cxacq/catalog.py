"""The document kinds a package holds: template, file name, title and marking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cxacq.citations import SSI_LEGEND
from cxacq.model import Answers

__all__ = ["DOCUMENTS", "SSI_LEGEND", "DocumentKind", "documents_for"]



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
        ),
    )
}


def documents_for(answers: Answers) -> list[DocumentKind]:
    """Return the documents this package holds, in a fixed order.

    Without oral presentations the scenario document is left out; the strategy
    and the evaluation plan say how capability is evaluated instead.
    """
    return [kind for kind in DOCUMENTS.values() if kind.applies(answers)]
