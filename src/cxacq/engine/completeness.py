"""The completeness map: what a contract file needs beyond the documents cxacq writes.

For the path, the value and the contract type the answers choose, each rule here
names a document or approval the contracting officer's file still needs (a
small-business review, a limited-sources justification, a determination and
findings for a time-and-materials order, the award decision…), says why, and cites
its basis as a concept from :mod:`cxacq.citations` under the chosen FAR edition.
A package document that satisfies an item (its registry entry lists the item's key
in ``covers``) marks the item as written instead.

:func:`plan_package` joins this map with the registry's decisions (which documents
cxacq writes and why); :func:`plan_files` does it for the ``cxacq documents`` command.
It renders nothing, so the command stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxacq.answers.facts import (
    ORDER_DEBRIEFING_THRESHOLD,
    SINGLE_AWARD_BPA_THRESHOLD,
    Facts,
    decide_facts,
)
from cxacq.answers.inputs import collect_inputs
from cxacq.citations import CITATIONS
from cxacq.documents.catalog import Decision, decide_documents
from cxacq.engine.pipeline import validate_one
from cxacq.errors import ExitCode, FileResult, Severity

if TYPE_CHECKING:
    from cxacq.answers.model import Answers

__all__ = [
    "COMPLETENESS",
    "PackagePlan",
    "Requirement",
    "Rule",
    "completeness_map",
    "plan_files",
    "plan_package",
]


@dataclass(frozen=True)
class Requirement:
    """One document or approval the contract file needs for this package."""

    key: str
    title: str
    reason: str
    concept: str | None  # a key of cxacq.citations.CITATIONS; None: agency procedure
    basis: str  # the concept cited under the edition, or the agency procedure in words
    written_by: str | None = None  # the package document that satisfies it, if any

    def to_dict(self) -> dict[str, str | None]:
        """Return the JSON object (see "JSON output" in the README)."""
        return {"key": self.key, "title": self.title, "reason": self.reason,
                "concept": self.concept, "basis": self.basis, "written_by": self.written_by}


@dataclass(frozen=True)
class Rule:
    """When the contract file needs one item, what it is called, why, and its basis."""

    key: str
    applies: Callable[[Answers, Facts], bool]
    title: Callable[[Facts], str]
    reason: Callable[[Answers, Facts], str]
    concept: Callable[[Facts], str | None]


def _limited(a: Answers) -> bool:
    return a.acquisition.competition == "limited_sources"


def _limited_title(f: Facts) -> str:
    if f.is_schedule:
        return "Limited-sources justification"
    if f.is_task_order:
        return "Justification for an exception to fair opportunity"
    return "Justification for other than full and open competition"


def _award_title(f: Facts) -> str:
    if f.is_part_15:
        return "Source selection decision document"
    if f.is_task_order:
        return "Fair opportunity award decision"
    if f.is_bpa:
        return "Award decision for the blanket purchase agreements" if f.is_multiple_award_bpa \
            else "Award decision for the blanket purchase agreement"
    return f"Award decision for the {f.award_noun}"


def _award_concept(f: Facts) -> str:
    if f.is_part_15:
        return "source_selection_decision"
    if f.is_task_order:
        return "fair_opportunity"
    if f.is_schedule_order:
        return "fss_ordering"
    if f.is_bpa:
        return "fss_bpa"
    return "commercial_quotation_evaluation"


def _small_business_reason(a: Answers, f: Facts) -> str:
    if a.acquisition.competition == "small_business_set_aside":
        return "the agency's small business specialist reviews and records the set-aside decision"
    return (
        "the agency's small business specialist reviews why the buy is not set aside for "
        "small businesses"
    )


def _money(value: object) -> str:
    return f"${value:,.0f}"


def _award_reason(a: Answers, f: Facts) -> str:
    if f.is_multiple_award_bpa:
        return f"the file must record why the agreements went to the chosen {f.responders}"
    return f"the file must record why the {f.award_noun} went to the chosen {f.responder}"


def _single_award_reason(a: Answers, f: Facts) -> str:
    why = ("the schedule procedures prefer multiple-award agreements, so the file records why "
           "one agreement with one contractor is the better choice")
    if a.funding.total > SINGLE_AWARD_BPA_THRESHOLD:
        return (f"{why}; the agreement's value ({_money(a.funding.total)}) is above "
                f"{_money(SINGLE_AWARD_BPA_THRESHOLD)}, so the head of the agency must also "
                "determine in writing that a single award is justified")
    return why


COMPLETENESS: tuple[Rule, ...] = (
    Rule(
        key="small_business_review",
        applies=lambda a, f: True,
        title=lambda f: "Small-business review",
        reason=_small_business_reason,
        concept=lambda f: "small_business_coordination",
    ),
    Rule(
        key="limited_sources_justification",
        applies=lambda a, f: _limited(a),
        title=_limited_title,
        reason=lambda a, f: f"the answers choose {f.competition_phrase}",
        concept=lambda f: f.limited_sources_concept,
    ),
    Rule(
        key="brief_explanation",
        applies=lambda a, f: f.is_schedule and not _limited(a),
        title=lambda f: "Brief explanation for unsuccessful quoters",
        reason=lambda a, f: f"{'a schedule order' if f.is_schedule_order else f.path_name} owes "
        "an unsuccessful quoter who asks a brief explanation of the award",
        concept=lambda f: "fss_brief_explanation",
    ),
    Rule(
        key="bpa_terms",
        applies=lambda a, f: f.is_bpa,
        title=lambda f: "Terms of the blanket purchase agreement",
        reason=lambda a, f: "the agreement states the work and estimated value, the ordering "
        "period, who may place orders and how, invoicing, delivery and any discounts",
        concept=lambda f: "fss_bpa",
    ),
    Rule(
        key="single_award_bpa_determination",
        applies=lambda a, f: f.is_single_award_bpa,
        title=lambda f: "Single-award determination for the blanket purchase agreement",
        reason=_single_award_reason,
        concept=lambda f: "fss_single_award_bpa",
    ),
    Rule(
        key="bpa_ordering_procedures",
        applies=lambda a, f: f.is_multiple_award_bpa,
        title=lambda f: "Ordering procedures among the agreement holders",
        reason=lambda a, f: "the holders of multiple-award agreements compete for each order "
        "under procedures the agreements state, and the file records each order's competition",
        concept=lambda f: "fss_bpa_ordering",
    ),
    Rule(
        key="bpa_annual_review",
        applies=lambda a, f: f.is_bpa,
        title=lambda f: "Annual review of the blanket purchase agreement",
        reason=lambda a, f: "at least once a year the contracting officer determines in writing "
        "that the schedule contract is still in effect, the agreement is still the best value "
        "and whether its estimated amounts were exceeded"
        + ("; the competition advocate approves the review before each option is exercised"
           if f.is_single_award_bpa else ""),
        concept=lambda f: "fss_bpa_review",
    ),
    Rule(
        key="tm_determination",
        applies=lambda a, f: f.is_time_and_materials,
        title=lambda f: "Determination and findings for the contract type",
        reason=lambda a, f: f"the answers choose a {a.acquisition.contract_type.replace('_', '-')}"
        f" {f.award_noun}: the file must find that no other contract type is suitable and "
        "set a ceiling price",
        concept=lambda f: "tm_determination",
    ),
    Rule(
        key="cost_type_plan_approval",
        applies=lambda a, f: f.is_cost_reimbursement,
        title=lambda f: "Acquisition plan approval above the contracting officer",
        reason=lambda a, f: "a cost-reimbursement contract needs a written plan approved at "
        "least one level above the contracting officer",
        concept=lambda f: "cost_type_plan_approval",
    ),
    Rule(
        key="award_decision",
        applies=lambda a, f: True,
        title=_award_title,
        reason=_award_reason,
        concept=_award_concept,
    ),
    Rule(
        key="price_reasonableness",
        applies=lambda a, f: True,
        title=lambda f: "Price reasonableness determination",
        reason=lambda a, f: "the contracting officer must find the price fair and reasonable "
        "before award",
        concept=lambda f: "contract_pricing",
    ),
    Rule(
        key="order_debriefing",
        applies=lambda a, f: f.order_debriefing_applies,
        title=lambda f: "Postaward notices and debriefings",
        reason=lambda a, f: f"the order's value ({_money(a.funding.total)}) is above "
        f"{_money(ORDER_DEBRIEFING_THRESHOLD)}",
        concept=lambda f: "order_debriefing",
    ),
    Rule(
        key="cor_nomination",
        applies=lambda a, f: True,
        title=lambda f: "Contracting officer's representative nomination and designation",
        reason=lambda a, f: "the program office nominates the representative who monitors "
        "performance; the contracting officer designates them in writing",
        concept=lambda f: "cor_designation",
    ),
    Rule(
        key="legal_review",
        applies=lambda a, f: True,
        title=lambda f: "Legal review",
        reason=lambda a, f: "counsel reviews the solicitation and the award above a value the "
        "agency sets; cxacq holds no checked threshold, so confirm it with the contracting "
        "officer",
        concept=lambda f: None,
    ),
)
"""The completeness rules, in the order a contract file is usually assembled."""


def completeness_map(
    answers: Answers, facts: Facts, decisions: Iterable[Decision] = ()
) -> list[Requirement]:
    """Return what the contract file needs for ``answers`` under ``facts.edition``.

    An item that an included document ``covers`` names that document in ``written_by``.
    """
    covered = {
        key: decision.kind.file_name
        for decision in decisions if decision.included for key in decision.kind.covers
    }
    found = []
    for rule in COMPLETENESS:
        if not rule.applies(answers, facts):
            continue
        concept = rule.concept(facts)
        if concept is None:
            basis = facts.supplement or "the agency's procedures"
        else:
            basis = CITATIONS[concept].text(facts.edition) or CITATIONS[concept].concept
        found.append(Requirement(rule.key, rule.title(facts), rule.reason(answers, facts),
                                 concept, basis, covered.get(rule.key)))
    return found


@dataclass
class PackagePlan:
    """The package one answers file produces and what its contract file still needs."""

    edition: str
    decisions: list[Decision] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)


def plan_package(answers: Answers, edition: str | None = None) -> PackagePlan:
    """Return which documents ``answers`` produce (and why) and the completeness map."""
    facts = decide_facts(answers, edition)
    decisions = decide_documents(answers, facts)
    return PackagePlan(facts.edition, decisions, completeness_map(answers, facts, decisions))


def plan_files(
    paths: Iterable[str], *, far_edition: str | None = None
) -> list[tuple[FileResult, PackagePlan | None]]:
    """Validate each answers file named by ``paths`` and plan its package (no rendering)."""
    found = collect_inputs(paths)
    planned: list[tuple[FileResult, PackagePlan | None]] = []
    problems: dict[str, FileResult] = {}
    for diag in found.problems:
        result = problems.setdefault(diag.path, FileResult(path=diag.path))
        result.diagnostics.append(diag)
        if diag.severity == Severity.ERROR:
            result.exit_code = ExitCode.INPUT
    planned.extend((result, None) for result in problems.values())
    for path in found.paths:
        result, answers = validate_one(Path(path))
        planned.append((result, plan_package(answers, far_edition) if answers else None))
    return planned
