"""The document kinds a package holds: the one place a document kind is named.

Each :class:`DocumentKind` carries everything about a kind: its key, file name,
template (or the writer that builds it), audience, marking, when a package includes
it, and why (:meth:`DocumentKind.decide`). The CLI, the batch, ``render --check``,
the JSON output, ``cxacq documents``, the goldens and the tests read :data:`DOCUMENTS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from cxacq.answers.facts import PATH_NAMES, Facts, decide_facts
from cxacq.citations import SSI_LEGEND

if TYPE_CHECKING:
    from cxacq.answers.model import Answers
    from cxacq.documents.doctree import DocMeta

__all__ = [
    "AUDIENCES",
    "DOCUMENTS",
    "SSI_LEGEND",
    "Decision",
    "DocumentKind",
    "RETIRED",
    "WrittenDocument",
    "decide_documents",
    "distribution_for",
    "released_marking",
    "documents_for",
    "written_documents",
]

AUDIENCES: dict[str, str] = {"offerors": "offerors", "government": "the Government"}
"""Who a document is for (key → words): released to offerors, or kept inside the Government."""

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
    "offerors": "Releasable to prospective {responders} as written.",
}

# Words that mark a handling restriction: a document released with the solicitation
# must not carry such a marking, since it goes to every offeror as written.
_INTERNAL_MARKINGS = (
    "pre-decisional", "predecisional", "official use", "fouo", "cui", "internal",
    "not for public release", "source selection", "need to know", "sensitive",
)


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
    # Why the kind is in or out, from the facts: a phrase such as "the answers use no
    # oral presentation" (``cxacq documents`` prints "not needed: <reason>").
    reason: Callable[[Answers, Facts], str] | None = None
    audience: str = "government"  # or "offerors": plain-language aims are lower for them
    # A kind that is not a Markdown template turned into Word (a workbook) names its own
    # writer: answers and the package's document properties in, file bytes out.
    build: Callable[[Answers, DocMeta], bytes] | None = None
    extension: str = "docx"
    # Items of the completeness map (keys in cxacq.engine.completeness) this document satisfies
    # when the package includes it, for example a determination and findings.
    covers: tuple[str, ...] = ()
    # A title in the procurement path's words; ``title`` when absent.
    titled: Callable[[Answers], str] | None = None
    # The template ends with an approval page (``m.approval_page``), so ``people.approvals``
    # may name this kind to add or replace a signature.
    signed: bool = False

    def title_for(self, answers: Answers) -> str:
        """Return the document's title for these answers."""
        return self.titled(answers) if self.titled else self.title

    def __post_init__(self) -> None:
        if (self.template is None) == (self.build is None):
            raise ValueError(f"document kind {self.key!r} needs a template or a build, not both")
        if self.audience not in AUDIENCES:
            raise ValueError(
                f"document kind {self.key!r}: audience must be one of {', '.join(AUDIENCES)}"
            )
        if self.reason is None:
            raise ValueError(f"document kind {self.key!r} needs a reason (why it is in or out)")

    @property
    def file_name(self) -> str:
        """Return the file the package writes for this kind, e.g. ``cost-estimate.xlsx``."""
        return f"{self.filename}.{self.extension}"

    def decide(self, answers: Answers, facts: Facts | None = None) -> Decision:
        """Return whether a package from ``answers`` includes this kind, and why."""
        assert self.reason is not None  # __post_init__ requires it
        facts = facts or decide_facts(answers)
        return Decision(self, self.applies(answers), self.reason(answers, facts))


@dataclass(frozen=True)
class Decision:
    """Whether one document kind is in a package, and why."""

    kind: DocumentKind
    included: bool
    reason: str

    def sentence(self) -> str:
        """Return "included: <reason>" or "not needed: <reason>"."""
        return f"{'included' if self.included else 'not needed'}: {self.reason}"


@dataclass(frozen=True)
class WrittenDocument:
    """One file a package wrote, as the JSON output lists it."""

    kind: str
    path: str
    audience: str
    marking: str | None

    def to_dict(self) -> dict[str, str | None]:
        """Return the JSON object (see "JSON output" in the README)."""
        return {"kind": self.kind, "path": self.path, "audience": self.audience,
                "marking": self.marking}


def released_marking(answers: Answers) -> str | None:
    """Return the answers' marking for a document released to offerors, if it may carry it.

    A released document carries no handling restriction: an internal-only marking such as
    "Pre-decisional – For Official Use Only" is dropped rather than printed on a page that
    every offeror receives.
    """
    marking = answers.document.marking
    if marking and any(word in marking.lower() for word in _INTERNAL_MARKINGS):
        return None
    return marking


def _requirement_is(document: str) -> Callable[[Answers], bool]:
    return lambda a: a.acquisition.requirement.document == document


_REQUIREMENT_NAMES = {
    "soo": "a statement of objectives",
    "pws": "a performance work statement",
    "sow": "a statement of work",
}


def _requirement_reason(document: str) -> Callable[[Answers, Facts], str]:
    """Return the reason of the kind written when the answers choose ``document``."""

    def reason(a: Answers, f: Facts) -> str:
        chosen = a.acquisition.requirement.document
        if chosen == document:
            return f"the answers describe the requirement in {_REQUIREMENT_NAMES[chosen]}"
        return f"the answers describe the requirement in {_REQUIREMENT_NAMES[chosen]} instead"

    return reason


def _instructions_title(answers: Answers) -> str:
    facts = decide_facts(answers)
    if facts.is_part_15:
        return "Instructions to Offerors and Evaluation Factors (Sections L and M)"
    if facts.has_fair_opportunity:
        return "Fair Opportunity Instructions to Offerors and Basis for Award"
    return f"Instructions to {facts.responders.capitalize()} and Basis for Award"


def _market_research_reason(a: Answers, f: Facts) -> str:
    if a.market_research.methods or a.market_research.findings:
        return "the answers record how the market was researched and what was found"
    return "the answers record no market research methods or findings"


def _determination_reason(a: Answers, f: Facts) -> str:
    kind = a.acquisition.contract_type.replace("_", "-")
    if not f.is_time_and_materials:
        return f"a {kind} {f.award_noun} needs no contract-type determination"
    if a.acquisition.time_and_materials is None:
        return (f"a {kind} {f.award_noun} needs one, but the answers give no "
                "acquisition.time_and_materials section to write it from")
    return (f"a {kind} {f.award_noun} needs a determination that no other contract type "
            "is suitable")


def _cost_workbook(answers: Answers, meta: DocMeta) -> bytes:
    if answers.cost_estimate is None:  # pragma: no cover - ``applies`` leaves the kind out
        raise ValueError("the cost estimate workbook needs a cost_estimate section")
    from cxacq.documents.context import signatures_for  # context reads this registry at import
    from cxacq.engine.writers.xlsx import write_cost_workbook  # only a render writes workbooks

    rows = [
        (f"{s.step}: {s.role}", ", ".join(part for part in (s.name, s.title) if part))
        for s in signatures_for(answers, "cost-estimate", decide_facts(answers))
    ]
    periods = answers.funding.periods
    schedule = answers.acquisition.iteration_schedule(periods)
    return write_cost_workbook(answers.cost_estimate, periods, meta, rows, schedule)


def _always(why: str) -> Callable[[Answers, Facts], str]:
    """Return the reason of a kind every package holds."""
    return lambda a, f: why


def _evaluation_plan_reason(a: Answers, f: Facts) -> str:
    if f.evaluation_plan_required:
        return "a negotiated contract needs a written evaluation plan"
    return (f"not required for {PATH_NAMES[f.path]}, but it records how the {f.responses} "
            "are evaluated")


def _oral_reason(a: Answers, f: Facts) -> str:
    if a.oral_presentation.used:
        return f"the answers use an oral presentation by each {f.responder}"
    return "the answers use no oral presentation"


def _cost_reason(a: Answers, f: Facts) -> str:
    if a.cost_estimate is not None:
        return "the answers give a cost_estimate section (team shape and rates)"
    return "the answers give no cost_estimate section"


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
            reason=_always("every package holds the acquisition strategy"),
            signed=True,
        ),
        DocumentKind(
            key="market-research-report",
            template="market_research_report.md.j2",
            filename="market-research-report",
            title="Market Research Report",
            subject="Market research: methods, sources, findings and the conclusions relied on",
            marking=lambda a: a.document.marking,
            applies=lambda a: bool(a.market_research.methods or a.market_research.findings),
            reason=_market_research_reason,
            signed=True,
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
            reason=_determination_reason,
            covers=("tm_determination",),
            signed=True,
        ),
        # One template writes the requirement document the answers choose: a statement of
        # objectives or a performance work statement. Two entries, because the file name and
        # title are what a package folder is checked and cleaned by; a statement of work
        # (not performance-based) gets neither.
        DocumentKind(
            key="statement-of-objectives",
            template="statement_of_objectives.md.j2",
            filename="statement-of-objectives",
            title="Statement of Objectives",
            subject="Statement of objectives for customer-experience support",
            marking=released_marking,
            applies=_requirement_is("soo"),
            reason=_requirement_reason("soo"),
            audience="offerors",
        ),
        DocumentKind(
            key="performance-work-statement",
            template="statement_of_objectives.md.j2",
            filename="performance-work-statement",
            title="Performance Work Statement",
            subject="Performance work statement for customer-experience support",
            marking=released_marking,
            applies=_requirement_is("pws"),
            reason=_requirement_reason("pws"),
            audience="offerors",
        ),
        DocumentKind(
            key="quality-assurance-surveillance-plan",
            template="qasp.md.j2",
            filename="quality-assurance-surveillance-plan",
            title="Quality Assurance Surveillance Plan",
            subject="How the Government checks the contractor's work against its standards",
            marking=lambda a: a.document.marking,
            applies=lambda a: True,
            reason=_always("every package holds the surveillance plan the Government checks "
                           "the contractor's work by"),
            signed=True,
        ),
        DocumentKind(
            key="instructions-and-evaluation-criteria",
            template="instructions_and_criteria.md.j2",
            filename="instructions-and-evaluation-criteria",
            title="Instructions and Evaluation Criteria",
            subject="Instructions for preparing a response, and how it is evaluated",
            marking=lambda a: None,
            applies=lambda a: True,
            reason=lambda a, f: (f"every solicitation tells {f.responders} what to submit and "
                                 f"how their {f.responses} are evaluated"),
            audience="offerors",
            titled=_instructions_title,
        ),
        DocumentKind(
            key="evaluation-plan",
            template="evaluation_plan.md.j2",
            filename="evaluation-plan",
            title="Evaluation Plan",
            subject="Evaluation plan with CX discriminators",
            marking=lambda a: SSI_LEGEND,
            applies=lambda a: True,
            reason=_evaluation_plan_reason,
            signed=True,
        ),
        DocumentKind(
            key="oral-presentation-handout",
            template="oral_presentation_handout.md.j2",
            filename="oral-presentation-handout",
            title="Oral Presentation Instructions",
            subject="Oral presentation instructions and scenario for release",
            marking=lambda a: None,  # released with the solicitation as it is
            applies=lambda a: a.oral_presentation.used,
            reason=_oral_reason,
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
            reason=_oral_reason,
            signed=True,
        ),
        DocumentKind(
            key="cost-estimate",
            template=None,
            filename="cost-estimate",
            title="Independent Government Cost Estimate",
            subject="Independent Government cost estimate workbook",
            marking=lambda a: SSI_LEGEND,
            applies=lambda a: a.cost_estimate is not None,
            reason=_cost_reason,
            build=lambda a, meta: _cost_workbook(a, meta),
            extension="xlsx",
            signed=True,
        ),
    )
}


# File names (without extension) of kinds cxacq no longer writes. They stay cxacq's own, so a
# file an earlier version left in a package folder is reported as extra and removed on render.
RETIRED: tuple[str, ...] = ("oral-presentation-scenario",)


def distribution_for(kind: DocumentKind, answers: Answers) -> str:
    """Return the cover's distribution statement for one document.

    Source selection documents always carry the source selection statement; documents
    released to offerors say so; the others carry the answers' statement, or the default
    for their marking.
    """
    marking = kind.marking(answers)
    if marking == SSI_LEGEND:
        return _DISTRIBUTION[SSI_LEGEND]
    if kind.audience == "offerors":
        return _DISTRIBUTION["offerors"].format(responders=decide_facts(answers).responders)
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


def decide_documents(answers: Answers, facts: Facts | None = None) -> list[Decision]:
    """Return every registered kind, in registry order, with whether and why it is included."""
    facts = facts or decide_facts(answers)
    return [kind.decide(answers, facts) for kind in DOCUMENTS.values()]


def written_documents(
    answers: Answers, names: Iterable[str], folder: PurePath
) -> list[WrittenDocument]:
    """Return the documents among the file ``names`` a package wrote into ``folder``.

    Every copy of a kind (Word, Markdown for review, PDF) is listed with the kind's
    audience and marking; a name that is no document kind's is left out.
    """
    by_stem = {kind.filename: kind for kind in documents_for(answers)}
    written = []
    for name in names:
        kind = by_stem.get(PurePath(name).stem)
        if kind is not None:
            written.append(WrittenDocument(kind.key, str(folder / name), kind.audience,
                                           kind.marking(answers)))
    return written
