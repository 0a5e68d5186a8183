"""The document kinds a package holds: template, file name, title and marking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cxacq.citations import SSI_LEGEND
from cxacq.doctree import DocMeta
from cxacq.model import Answers
from cxacq.writers.xlsx import write_cost_workbook

__all__ = ["DOCUMENTS", "SSI_LEGEND", "DocumentKind", "distribution_for", "documents_for"]

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
            key="oral-presentation-scenario",
            template="oral_presentation_scenario.md.j2",
            filename="oral-presentation-scenario",
            title="Oral Presentation Scenario",
            subject="Oral presentation instructions, scenario and evaluator materials",
            marking=lambda a: SSI_LEGEND,
            applies=lambda a: a.oral_presentation.used,
            audience="offerors",
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
        DocumentKind(
            key="market-research-report",
            template="market_research_report.md.j2",
            filename="market-research-report",
            title="Market Research Report",
            subject="Market research: methods, sources, findings and the conclusions relied on",
            marking=lambda a: a.document.marking,
            applies=lambda a: bool(a.market_research.methods or a.market_research.findings),
        ),
        DocumentKind(
            key="determination-and-findings",
            template="determination_and_findings.md.j2",
            filename="determination-and-findings",
            title="Contract Type Determination and Findings",
            subject="Determination and findings that no other contract type is suitable",
            marking=lambda a: a.document.marking,
            applies=lambda a: a.acquisition.time_and_materials is not None
            and a.acquisition.contract_type in ("time_and_materials", "labor_hour", "hybrid"),
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
        return _DISTRIBUTION["official use"].format(agency=answers.agency.abbreviation)
    return _DISTRIBUTION[None]


def documents_for(answers: Answers) -> list[DocumentKind]:
    """Return the documents this package holds, in a fixed order.

    Without oral presentations the scenario document is left out; the strategy
    and the evaluation plan say how capability is evaluated instead.
    """
    return [kind for kind in DOCUMENTS.values() if kind.applies(answers)]
