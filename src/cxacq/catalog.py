"""The document kinds a package holds: template, file name, title and marking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cxacq.citations import SSI_LEGEND
from cxacq.doctree import DocMeta
from cxacq.model import Answers
from cxacq.writers.xlsx import write_cost_workbook

__all__ = [
    "DOCUMENTS",
    "RETIRED",
    "SSI_LEGEND",
    "DocumentKind",
    "distribution_for",
    "documents_for",
]

_DISTRIBUTION = {
    SSI_LEGEND: (
        "Source selection information. Release only to the evaluation team, the source "
        "selection authority and the officials the contracting officer names."
    ),
    "official use": (
        "Distribution authorized to {agency} personnel and support contractors with a need to "
        "know. Not for public release."
    ),
    None: "Internal working document of the program office. Not for public release.",
    "offerors": "For release with the solicitation to everyone invited to respond.",
}


@dataclass(frozen=True)
class DocumentKind:
    """One document of the package."""

    key: str
    template: str | None  # None when ``build`` writes the file instead of a template
    filename: str  # without extension
    title: str
    subject: str
    marking: Callable[[Answers], str | None]
    applies: Callable[[Answers], bool]
    audience: str = "internal"  # or "offerors": plain-language aims are lower for them
    # A kind that is not a Markdown template turned into Word (a workbook) names its own
    # writer: answers and the package's document properties in, file bytes out.
    build: Callable[[Answers, DocMeta], bytes] | None = None
    extension: str = "docx"

    def __post_init__(self) -> None:
        if (self.template is None) == (self.build is None):
            raise ValueError(f"document kind {self.key!r} needs a template or a build, not both")


def _cost_workbook(answers: Answers, meta: DocMeta) -> bytes:
    if answers.cost_estimate is None:  # pragma: no cover - ``applies`` leaves the kind out
        raise ValueError("the cost estimate workbook needs a cost_estimate section")
    return write_cost_workbook(answers.cost_estimate, answers.funding.periods, meta)


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
            key="oral-presentation-handout",
            template="oral_presentation_handout.md.j2",
            filename="oral-presentation-handout",
            title="Oral Presentation Instructions",
            subject="Oral presentation instructions and scenario for release",
            marking=lambda a: None,  # released with the solicitation as it is
            applies=lambda a: a.oral_presentation.used,
            audience="offerors",
        ),
        DocumentKind(
            key="oral-evaluator-packet",
            template="oral_evaluator_packet.md.j2",
            filename="oral-evaluator-packet",
            title="Oral Presentation Evaluator Packet",
            subject="Oral presentation criteria, question bank and evaluator records",
            marking=lambda a: SSI_LEGEND,
            applies=lambda a: a.oral_presentation.used,
        ),
        DocumentKind(
            key="cost-estimate",
            template=None,
            filename="cost-estimate",
            title="Independent Government Cost Estimate",
            subject="Independent Government cost estimate workbook",
            marking=lambda a: SSI_LEGEND,
            applies=lambda a: a.cost_estimate is not None,
            build=lambda a, meta: _cost_workbook(a, meta),
            extension="xlsx",
        ),
    )
}


# File names (without extension) of kinds cxacq no longer writes. They stay cxacq's own, so a
# file an earlier version left in a package folder is reported as extra and removed on render.
RETIRED: tuple[str, ...] = ("oral-presentation-scenario",)


def distribution_for(kind: DocumentKind, answers: Answers) -> str:
    """Return the cover's distribution statement for one document.

    Source selection documents always carry the source selection statement; the
    others carry the answers' statement, or the default for their marking.
    """
    marking = kind.marking(answers)
    if kind.audience == "offerors" and marking is None:
        return _DISTRIBUTION["offerors"]
    if marking == SSI_LEGEND:
        return _DISTRIBUTION[SSI_LEGEND]
    if answers.document.distribution_statement:
        return answers.document.distribution_statement
    if marking and ("official use" in marking.lower() or "cui" in marking.lower().split()):
        return _DISTRIBUTION["official use"].format(agency=answers.agency.abbreviation)
    return _DISTRIBUTION[None]


def documents_for(answers: Answers) -> list[DocumentKind]:
    """Return the documents this package holds, in a fixed order.

    Without oral presentations the handout and the evaluator packet are left out; the strategy
    and the evaluation plan say how capability is evaluated instead.
    """
    return [kind for kind in DOCUMENTS.values() if kind.applies(answers)]
