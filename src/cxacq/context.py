"""Answers → the context templates render from: labels, totals, links; no I/O.

Templates receive the validated model itself (``a``) plus derived values, so they
never re-derive business facts and never see raw YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxacq.catalog import DOCUMENTS
from cxacq.citations import CATALOGUE_DATE, EDITION_NAMES
from cxacq.discriminators import DISCRIMINATORS, program_guide
from cxacq.facts import PATH_NAMES, decide_facts
from cxacq.model import Answers
from cxacq.model.cost import summarise_estimate
from cxacq.ratings import PRICE_NOTE, finding_terms, past_performance_scale, rating_scale

__all__ = ["LABELS", "TraceRow", "build_context"]

LABELS: dict[str, dict[str, str]] = {
    "ordering_procedure": PATH_NAMES,
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
    },
    "non_price_vs_price": {
        "significantly_more_important": "significantly more important than",
        "approximately_equal": "approximately equal to",
        "significantly_less_important": "significantly less important than",
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


@dataclass(frozen=True)
class TraceRow:
    """One prioritized need traced to its measures, factors and oral prompts."""

    rank: int
    need: str
    measures: tuple[str, ...]
    factors: tuple[str, ...]
    discriminators: tuple[str, ...]
    prompts: tuple[str, ...]


def _trace(a: Answers) -> list[TraceRow]:
    measures = {m.id: m.name for m in a.capacity.success_measures}
    scenario = a.oral_presentation.scenario if a.oral_presentation.used else None
    rows = []
    for need in sorted(a.needs, key=lambda n: n.rank):
        factors = [f for f in a.evaluation.factors if need.rank in f.needs]
        keys = sorted({d for f in factors for d in f.discriminators})
        prompts: tuple[str, ...] = ()
        if scenario is not None and scenario.need_rank == need.rank:
            prompts = tuple(f"Prompt {i}" for i in range(1, len(scenario.prompts) + 1))
        rows.append(
            TraceRow(
                rank=need.rank,
                need=need.need,
                measures=tuple(measures[m] for m in need.measures if m in measures),
                factors=tuple(f.name for f in factors),
                discriminators=tuple(DISCRIMINATORS[k].name for k in keys),
                prompts=prompts,
            )
        )
    return rows


DEFAULT_QUESTIONS = (
    "What would you need from our product owner and front-line staff to succeed?",
    (
        "Who would you talk to first about this challenge, and how would you reach customers "
        "who are hardest to reach?"
    ),
    "How do your researchers, designers and developers work together from week to week?",
    "How would you show agency leaders that the change is working?",
    "What would our staff be able to do without you at the end of the contract?",
)


def _oral_criteria(a: Answers) -> list[Any]:
    """Return two or three discriminators for the oral scenario (USDS Tech Challenge Playbook)."""
    oral = a.oral_presentation
    keys: list[str] = []
    for factor in a.evaluation.factors:
        if factor.id in oral.factors:
            keys.extend(k for k in factor.discriminators if k not in keys)
    for fallback in ("customer_centred", "needs_to_products", "integrated_design"):
        if len(keys) >= 2:
            break
        if fallback not in keys:
            keys.append(fallback)
    return [DISCRIMINATORS[k] for k in keys[:3]]


def build_context(a: Answers, *, kind: str, edition: str | None = None) -> dict[str, Any]:
    """Return everything a template may use for document ``kind``.

    Args:
        a: The validated answers.
        kind: The document kind's registry key.
        edition: The FAR edition to cite; by default the answers' ``document.far_edition``.
    """
    facts = decide_facts(a, edition)
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
        "finding_terms": finding_terms(facts.response),
        "pp_levels": past_performance_scale(facts.is_lpta, facts.responder),
        "pp_factors": [f for f in factors if f.kind == "past_performance"],
        "price_note": PRICE_NOTE,
        "voting": [e for e in a.evaluation.evaluators if e.voting],
        "cx_experts": [e for e in a.evaluation.evaluators if e.cx_expertise],
        "ssa": next(
            (e for e in a.evaluation.evaluators if e.role == "source_selection_authority"), None
        ),
        "total": a.funding.total,
        "cost": (
            summarise_estimate(a.cost_estimate, a.funding.periods) if a.cost_estimate else None
        ),
        "cost_workbook": DOCUMENTS["cost-estimate"],
        "months": a.funding.total_months,
        "ict_deliverables": [d for d in a.acquisition.deliverables if d.ict],
        "scenario_need": next(
            (n for n in a.needs if oral.scenario and n.rank == oral.scenario.need_rank), None
        ),
        "oral_factors": [f for f in factors if f.id in oral.factors],
        "oral_discriminators": _oral_criteria(a),
        "question_bank": list(oral.scenario.questions if oral.scenario else ())
        + [q for q in DEFAULT_QUESTIONS if not oral.scenario or q not in oral.scenario.questions],
        "program_name": a.program.name,
        "channels": [LABELS["channel"][c] for c in a.program.channels],
        "award_date": next(
            (m.date for m in a.acquisition.milestones if "award" in m.event.lower()), None
        ),
    }
