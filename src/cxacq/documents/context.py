"""Answers → the context templates render from: labels, totals, links; no I/O.

Templates receive the validated model itself (``a``) plus derived values, so they
never re-derive business facts and never see raw YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cxacq.answers.facts import PATH_NAMES, decide_facts
from cxacq.answers.model import Answers
from cxacq.answers.model.cost import summarize_estimate
from cxacq.answers.model.evaluation import OralPresentation
from cxacq.citations import CATALOGUE_DATE, EDITION_NAMES
from cxacq.documents.catalog import DOCUMENTS
from cxacq.documents.discriminators import DISCRIMINATORS, program_guide
from cxacq.documents.ratings import (
    HTR_PRICE_NOTE,
    PRICE_NOTE,
    comparison_method,
    finding_terms,
    gate_levels,
    past_performance_method,
    past_performance_scale,
    rating_scale,
)
from cxacq.documents.render import longdate
from cxacq.documents.surveillance import (
    objective_id,
    objective_ids,
    product_owner,
    surveillance_standards,
)

__all__ = [
    "LABELS",
    "Objective",
    "OralItem",
    "Signature",
    "TraceRow",
    "UNASSIGNED",
    "build_context",
    "id_runs",
    "objective_id",
    "signatures_for",
    "time_budget",
]

LABELS: dict[str, dict[str, str]] = {
    "ordering_procedure": PATH_NAMES,
    "bpa_award": {
        "single": "one agreement with one schedule contractor, which receives the orders",
        "multiple": "several agreements, whose holders compete for each order",
    },
    "competition": {
        "full_and_open": "full and open competition",
        "fair_opportunity": "fair opportunity among the holders of the vehicle",
        "small_business_set_aside": "competition set aside for small businesses",
        "limited_sources": "limited-sources competition",
    },
    "contract_type": {
        "firm_fixed_price": "firm-fixed-price",
        "time_and_materials": "time-and-materials",
        "labor_hour": "labor-hour",
        "cost_reimbursement": "cost-reimbursement",
        "hybrid": "hybrid (firm-fixed-price with time-and-materials line items)",
    },
    "set_aside": {
        "none": "no set-aside",
        "small_business": "a total small business set-aside",
        "8a": "an 8(a) set-aside",
        "hubzone": "a HUBZone set-aside",
        "sdvosb": "a service-disabled veteran-owned small business set-aside",
        "wosb": "a women-owned small business set-aside",
    },
    "channel": {
        "online": "online", "mobile_app": "mobile app", "phone": "phone",
        "in_person": "in person", "mail": "mail", "email": "email", "chat": "chat",
        "video": "video",
    },
    "support_model": {
        "cx_designers_in_existing_teams": (
            "CX designers and researchers who join the program's existing development teams"
        ),
        "full_teams_with_cx_designers": (
            "full development teams that include CX designers and researchers"
        ),
    },
    "requirement": {
        "soo": "statement of objectives",
        "pws": "performance work statement",
        "sow": "statement of work",
    },
    "basis_for_award": {
        "best_value_tradeoff": "best-value tradeoff",
        "best_suited_comparative": "comparative evaluation to select the best-suited contractor",
        "lowest_price_technically_acceptable": "lowest price technically acceptable",
        "highest_technically_rated": (
            "highest technically rated with a fair and reasonable price"
        ),
    },
    "non_price_vs_price": {
        "significantly_more_important": "significantly more important than",
        "approximately_equal": "approximately equal to",
        "significantly_less_important": "significantly less important than",
        "more_important": "more important than",
        "equal": "equal to",
        "less_important": "less important than",
    },
    "role": {
        "source_selection_authority": "Source selection authority",
        "chair": "Evaluation team chair (voting)",
        "evaluator": "Technical evaluator (voting)",
        "technical_advisor": "Technical advisor (non-voting)",
        "price_evaluator": "Price evaluator",
        "contracting_officer": "Contracting officer",
        "legal_counsel": "Legal counsel",
    },
    "recording": {
        "government_video": "a Government video recording of the whole session",
        "government_audio": "a Government audio recording of the whole session",
        "written_record": "a written record prepared by the Government during the session",
    },
    "session": {
        "scenario_presentation": "oral presentation",
        "interview": "question-and-answer interview",
        "technical_challenge": "technical challenge",
        "product_demonstration": "product demonstration",
    },
    "session_part": {
        "scenario_presentation": "Presentation",
        "interview": "Interview",
        "technical_challenge": "Challenge",
        "product_demonstration": "Demonstration",
    },
    "format": {
        "in_person": "in person",
        "virtual": "by video conference",
        "hybrid": "in person or by video conference",
    },
    "a11_driver": {
        "satisfaction": "Satisfaction", "trust": "Trust", "effectiveness": "Effectiveness",
        "ease": "Ease", "efficiency": "Efficiency", "equity": "Equity",
        "employee_helpfulness": "Employee helpfulness",
    },
    "discovery": {
        "done": "has been completed",
        "in_progress": "is under way",
        "planned": "is planned",
        "not_started": "has not started",
    },
    "capacity_kind": {
        "process": "Process", "training": "Training", "template": "Templates",
        "hiring_guidance": "Hiring guidance", "playbook": "Playbook", "other": "Other",
    },
    "factor_kind": {
        "technical": "Technical", "oral": "Oral presentation", "staffing": "Staffing",
        "past_performance": "Past performance", "experience": "Experience", "price": "Price",
    },
}


_SAYS_WHEN = re.compile(r"\b(before|after|prior|ahead|earlier|on|during|start)\b",
                        re.IGNORECASE)


def scenario_release(lead_time: str | None) -> str | None:
    """Return when the scenario is released: a lead time, words that say when, or None.

    ``scenario_lead_time`` takes a length of time ("48 hours"), which reads as "48 hours
    before the presentation", or words that already say when ("two business days before
    the presentation", "The Friday before, at noon"), printed as written so the phrase is
    never doubled. "At least 48 hours" is still a length. No answer gives None: the
    documents then say the contracting officer gives the time, and invent none.
    """
    if lead_time is None or not lead_time.strip():
        return None
    text = lead_time.strip()
    return text if _SAYS_WHEN.search(text) else f"{text} before the presentation"


@dataclass(frozen=True)
class TraceRow:
    """One prioritized need traced to its objective, measures, standards, factors and prompts."""

    rank: int
    objective: str  # OBJ-<rank>, as the statement of objectives and the QASP name it
    need: str
    measures: tuple[str, ...]
    standards: tuple[str, ...]  # the QASP standards (QS-n) that serve the objective
    factors: tuple[str, ...]
    discriminators: tuple[str, ...]
    prompts: tuple[str, ...]

    @property
    def standard_ids(self) -> str:
        """Return the standards' ids with runs shortened: "QS-1 to QS-4, QS-7"."""
        return id_runs(self.standards)


def id_runs(ids: tuple[str, ...]) -> str:
    """Return ids like ``QS-1``…``QS-4``, ``QS-7`` as "QS-1 to QS-4, QS-7", in number order.

    A run of three or more consecutive numbers becomes "first to last"; shorter runs are
    listed, so a matrix cell stays short even when a need is served by a dozen standards.
    """
    numbers = sorted((int(i.rsplit("-", 1)[1]), i.rsplit("-", 1)[0]) for i in ids)
    runs: list[list[tuple[int, str]]] = []
    for number, prefix in numbers:
        if runs and runs[-1][-1] == (number - 1, prefix):
            runs[-1].append((number, prefix))
        else:
            runs.append([(number, prefix)])
    parts: list[str] = []
    for run in runs:
        names = [f"{prefix}-{number}" for number, prefix in run]
        parts.append(f"{names[0]} to {names[-1]}" if len(names) >= 3 else ", ".join(names))
    return ", ".join(parts)


def _trace(a: Answers) -> list[TraceRow]:
    measures = {m.id: m.name for m in a.capacity.success_measures}
    scenario = a.oral_presentation.scenario if a.oral_presentation.used else None
    standards = surveillance_standards(a)
    rows = []
    for need in sorted(a.needs, key=lambda n: n.rank):
        objective = objective_id(need.rank)
        factors = [f for f in a.evaluation.factors if need.rank in f.needs]
        keys = sorted({d for f in factors for d in f.discriminators})
        prompts: tuple[str, ...] = ()
        if scenario is not None and scenario.need_rank == need.rank:
            prompts = tuple(f"Prompt {i}" for i in range(1, len(scenario.prompts) + 1))
        rows.append(
            TraceRow(
                rank=need.rank,
                objective=objective,
                need=need.need,
                measures=tuple(measures[m] for m in need.measures if m in measures),
                standards=tuple(s.id for s in standards if objective in s.objectives),
                factors=tuple(f.name for f in factors),
                discriminators=tuple(DISCRIMINATORS[k].name for k in keys),
                prompts=prompts,
            )
        )
    return rows


@dataclass(frozen=True)
class Signature:
    """One line of a document's approval page; a name of None is written in by hand."""

    step: str  # "Prepared by", "Reviewed by" or "Approved by"
    role: str
    name: str | None
    title: str | None


_STEPS = {"prepared": "Prepared by", "reviewed": "Reviewed by", "approved": "Approved by"}
_REVIEWER_WORDS = ("counsel", "attorney", "legal", "competition advocate")


def _person(step: str, role: str, person: Any) -> Signature:
    return Signature(_STEPS[step], role, person.name, getattr(person, "title", None))


def signatures_for(a: Answers, kind: str, facts: Any) -> list[Signature]:
    """Return the approval page of Government document ``kind``: prepared, reviewed, approved.

    Names and titles come from ``people``; the approving official the answers do not
    name is a write-in line. ``people.approvals`` adds signatures, and an ``approved``
    entry replaces the default approving official of the documents it names.
    """
    people = a.people
    extra = [x for x in people.approvals if not x.documents or kind in x.documents]
    reviewers = [
        Signature("Reviewed by", p.role, p.name, p.organization)
        for p in people.participants
        if any(word in p.role.lower() for word in _REVIEWER_WORDS)
    ]
    rows: list[Signature]
    approvers: list[Signature]
    if kind == "determination-and-findings":
        rows = [
            _person("prepared", "Contracting officer", people.contracting_officer),
            _person("reviewed", "Program manager", people.program_manager),
            *reviewers,
        ]
        approvers = [_person("approved", "Contracting officer", people.contracting_officer)]
        if facts.runs_over_three_years:
            approvers.append(
                Signature("Approved by", "Head of the contracting activity", None, None)
            )
    elif kind == "evaluation-plan":
        chair = next((e for e in a.evaluation.evaluators if e.role == "chair"), None)
        ssa = next(
            (e for e in a.evaluation.evaluators if e.role == "source_selection_authority"), None
        )
        counsel = [
            Signature("Reviewed by", "Legal counsel", e.name, e.organization)
            for e in a.evaluation.evaluators
            if e.role == "legal_counsel"
        ]
        rows = [
            Signature("Prepared by", "Evaluation team chair", chair.name, chair.organization)
            if chair
            else _person("prepared", "Program manager", people.program_manager),
            _person("reviewed", "Contracting officer", people.contracting_officer),
            *(counsel or reviewers),
        ]
        approvers = [
            Signature("Approved by", "Source selection authority", ssa.name if ssa else None,
                      ssa.organization if ssa else None)
        ]
    elif kind == "oral-evaluator-packet":
        chair = next((e for e in a.evaluation.evaluators if e.role == "chair"), None)
        rows = [
            Signature("Prepared by", "Evaluation team chair", chair.name, chair.organization)
            if chair
            else _person("prepared", "Program manager", people.program_manager),
        ]
        approvers = [_person("approved", "Contracting officer", people.contracting_officer)]
    elif kind == "cost-estimate":
        rows = [
            _person("prepared", "Program manager", people.program_manager),
            _person("reviewed", "Contracting officer", people.contracting_officer),
        ]
        approvers = [Signature("Approved by", "Approving official", None, None)]
    elif kind == "quality-assurance-surveillance-plan":
        cor = people.contracting_officers_representative
        rows = [
            _person("prepared", "Contracting officer's representative", cor)
            if cor
            else Signature("Prepared by", "Contracting officer's representative", None, None),
            _person("reviewed", "Program manager", people.program_manager),
        ]
        approvers = [_person("approved", "Contracting officer", people.contracting_officer)]
    elif kind == "market-research-report":
        rows = [
            _person("prepared", "Program manager", people.program_manager),
            _person("prepared", "CX lead", people.cx_lead),
            *[
                Signature("Reviewed by", p.role, p.name, p.organization)
                for p in people.participants
                if "small business" in p.role.lower()
            ],
        ]
        approvers = [_person("approved", "Contracting officer", people.contracting_officer)]
    else:
        authority = facts.cite.get("hsam_planning") if facts.is_dhs else None
        rows = [
            _person("prepared", "Program manager", people.program_manager),
            _person("prepared", "CX lead", people.cx_lead),
            _person("reviewed", "Contracting officer", people.contracting_officer),
            _person("reviewed", "Executive sponsor", people.executive_sponsor),
            *reviewers,
        ]
        approvers = [
            Signature(
                "Approved by",
                f"Approving official ({authority})" if authority else "Approving official",
                None,
                None,
            )
        ]
    for x in extra:
        if x.step == "approved":
            approvers = []
    rows += [Signature(_STEPS[x.step], x.title, x.name, None) for x in extra
             if x.step != "approved"]
    approvers += [Signature("Approved by", x.title, x.name, None) for x in extra
                  if x.step == "approved"]
    order = list(_STEPS.values())
    return sorted(rows + approvers, key=lambda row: order.index(row.step))


@dataclass(frozen=True)
class Objective:
    """A performance objective: one ranked need written as an outcome, with its measures."""

    id: str
    rank: int
    need: str
    rationale: str
    user_story: str | None
    measures: tuple[Any, ...]  # the program measures (``Measure``) the need moves


def _objectives(a: Answers) -> list[Objective]:
    measures = {m.id: m for m in a.capacity.success_measures}
    return [
        Objective(
            id=objective_id(need.rank),
            rank=need.rank,
            need=need.need,
            rationale=need.rationale,
            user_story=need.user_story,
            measures=tuple(measures[m] for m in need.measures if m in measures),
        )
        for need in sorted(a.needs, key=lambda n: n.rank)
    ]


@dataclass(frozen=True)
class OralItem:
    """A scenario prompt or standard question and the criterion it tests (None if unmapped)."""

    text: str
    criterion: Any


def _oral_criteria(a: Answers) -> list[tuple[Any, list[Any]]]:
    """Return each oral factor with its criteria: the one list both oral documents print."""
    oral = a.oral_presentation
    return [
        (f, [DISCRIMINATORS[k] for k in f.discriminators])
        for f in a.evaluation.factors
        if f.id in oral.factors
    ]


def _mapped(texts: list[str], keys: list[str]) -> list[OralItem]:
    """Pair each prompt or question with the criterion given for it, in order."""
    return [
        OralItem(text, DISCRIMINATORS[keys[i]] if i < len(keys) else None)
        for i, text in enumerate(texts)
    ]


UNASSIGNED = "Not assigned to a prompt"
"""The time budget's row for the minutes of the presentation no prompt is given."""


def time_budget(oral: OralPresentation) -> list[tuple[str, int]]:
    """Return the presentation's time budget, the one table every oral document prints.

    One row per prompt with its minutes, then the minutes left, if any; empty when the
    answers give no budget.
    """
    scenario = oral.scenario
    if scenario is None or not scenario.prompt_minutes or oral.presentation_minutes is None:
        return []
    rows = [(f"Prompt {i}", minutes) for i, minutes in enumerate(scenario.prompt_minutes, 1)]
    left = oral.presentation_minutes - sum(scenario.prompt_minutes)
    if left > 0:
        rows.append((UNASSIGNED, left))
    return rows


_INSPECTION = {
    "firm_fixed_price": ("inspection_fixed_price",),
    "time_and_materials": ("inspection_tm",),
    "labor_hour": ("inspection_tm",),
    "cost_reimbursement": ("inspection_cost",),
    "hybrid": ("inspection_fixed_price", "inspection_tm"),
}


def _inspection_clauses(a: Answers) -> tuple[str, ...]:
    """Return the catalogue keys of the inspection clauses the contract type calls for."""
    return _INSPECTION[a.acquisition.contract_type]


def build_context(a: Answers, *, kind: str, edition: str | None = None) -> dict[str, Any]:
    """Return everything a template may use for document ``kind``.

    Args:
        a: The validated answers.
        kind: The document kind's registry key.
        edition: The FAR edition to cite; by default the answers' ``document.far_edition``.
    """
    facts = decide_facts(a, edition)
    gated = {f.kind for f in a.evaluation.factors if f.id in a.evaluation.gated_factors}
    pp_method = past_performance_method(
        a.evaluation.past_performance_method, facts.is_lpta, "past_performance" in gated
    )
    factors = list(a.evaluation.factors)
    non_price = [f for f in factors if f.kind != "price"]
    used_discriminators = sorted({d for f in factors for d in f.discriminators})
    oral = a.oral_presentation
    return {
        "a": a,
        "kind": kind,
        "L": LABELS,
        "cite": facts.cite,
        "facts": facts,
        "edition_name": EDITION_NAMES[facts.edition],
        "catalogue_date": CATALOGUE_DATE,
        "needs": sorted(a.needs, key=lambda n: n.rank),
        "measures": {m.id: m for m in a.capacity.success_measures},
        "trace": _trace(a),
        "objectives": _objectives(a),
        "factors": factors,
        "non_price_factors": non_price,
        "price_factor": next((f for f in factors if f.kind == "price"), None),
        "discriminators": [
            program_guide(
                DISCRIMINATORS[k],
                customers=list(a.program.customers),
                channels=[LABELS["channel"][c] for c in a.program.channels],
                languages=list(a.acquisition.languages),
            )
            for k in used_discriminators or list(DISCRIMINATORS)[:3]
        ],
        "all_discriminators": list(DISCRIMINATORS.values()),
        "dnames": {key: guide.name for key, guide in DISCRIMINATORS.items()},
        "rating_levels": rating_scale(a.evaluation.rating_method, facts.responder),
        "comparison": comparison_method(facts.response, facts.responses),
        "gate_levels": gate_levels(
            facts.responder, facts.response, facts.solicitation, facts.award_noun
        ),
        "finding_terms": finding_terms(facts.response),
        "scenario_release": scenario_release(oral.scenario_lead_time),
        "session": oral.session_kind,
        "pp_method": pp_method,
        "pp_levels": past_performance_scale(pp_method, facts.responder),
        "pp_factors": [f for f in factors if f.kind == "past_performance"],
        "price_note": (
            HTR_PRICE_NOTE.format(response=facts.response, responses=facts.responses)
            if facts.is_highest_technically_rated
            else PRICE_NOTE
        ),
        "voting": [e for e in a.evaluation.evaluators if e.voting],
        "cx_experts": [e for e in a.evaluation.evaluators if e.cx_expertise],
        "ssa": next(
            (e for e in a.evaluation.evaluators if e.role == "source_selection_authority"), None
        ),
        "total": a.funding.total,
        "cost": (
            summarize_estimate(a.cost_estimate, a.funding.periods) if a.cost_estimate else None
        ),
        "cost_workbook": DOCUMENTS["cost-estimate"],
        "iterations": a.acquisition.iteration_schedule(a.funding.periods),
        "months": a.funding.total_months,
        "ict_deliverables": [d for d in a.acquisition.deliverables if d.ict],
        "scenario_need": next(
            (
                n
                for n in a.needs
                if oral.scenario
                and oral.scenario.related_to_program
                and n.rank == oral.scenario.need_rank
            ),
            None,
        ),
        "oral_factors": [f for f in factors if f.id in oral.factors],
        "oral_criteria": _oral_criteria(a),
        "oral_discriminators": list(
            {d.key: d for _, guides in _oral_criteria(a) for d in guides}.values()
        ),
        "oral_prompts": _mapped(
            list(oral.scenario.prompts), list(oral.scenario.prompt_criteria)
        ) if oral.scenario else [],
        "question_bank": _mapped(list(oral.questions), list(oral.question_criteria)),
        "time_budget": time_budget(oral),
        "oral_dates": [longdate(d) for d in sorted(oral.dates)],
        "qasp_standards": surveillance_standards(a),
        "objective_ids": objective_ids(a),
        "product_owner": product_owner(a),
        "inspection_clauses": _inspection_clauses(a),
        "response_parts": a.evaluation.response_parts(facts.response),
        "program_name": a.program.name,
        "channels": [LABELS["channel"][c] for c in a.program.channels],
        "signatures": signatures_for(a, kind, facts),
        "mr_report": DOCUMENTS["market-research-report"]
        if DOCUMENTS["market-research-report"].applies(a)
        else None,
        "document_titles": {key: doc.title for key, doc in DOCUMENTS.items()},
        "award_date": next(
            (m.date for m in a.acquisition.milestones if "award" in m.event.lower()), None
        ),
    }
