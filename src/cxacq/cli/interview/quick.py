"""The short path (``cxacq init --quick``) and the question counts the progress line shows.

The short path asks only the answers a package needs and that only the program office
knows. Everything else it fills from :data:`QUICK_DEFAULTS`: safe starting points, each
marked "to do" in the answers file (see :mod:`cxacq.guidance.todo`) so that ``cxacq check``
lists it until someone, often the contracting officer, confirms or replaces it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from cxacq.answers.fields import answer_fields
from cxacq.answers.model import Answers
from cxacq.cli.interview import script

__all__ = ["QUICK_DEFAULTS", "QUICK_SETTLED", "estimate", "quick_question_count", "today"]


def today() -> str:
    """Return today's date as the answers file writes it (the default document date)."""
    return dt.date.today().isoformat()


def _fiscal_year(_root: dict[str, Any]) -> str:
    day = dt.date.today()
    return f"FY{day.year + 1 if day.month >= 10 else day.year}"


def _get(root: dict[str, Any], dotted: str, fallback: str) -> str:
    node: Any = root
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return str(node) if isinstance(node, str) and node.strip() else fallback


def _todo(what: str) -> str:
    return f"To do: {what}"


# The short path (``cxacq init --quick``): fields it does not ask but fills, as the loader would
# read them. Each is a safe starting point, not an answer; every one is marked "to do" in the
# file (except document.date), so `cxacq check` lists it until someone confirms or replaces it.
QuickValue = Callable[[dict[str, Any]], Any]
QUICK_DEFAULTS: dict[str, QuickValue] = {
    "document.date": lambda _r: today(),
    "people.contracting_officer.name": lambda _r: "To be named",
    "people.executive_sponsor.commitment": lambda _r: _todo(
        "what the sponsor commits to: decisions, time, resources."
    ),
    "discovery.status": lambda _r: "planned",
    "vision.story": lambda _r: _todo("the story to tell once the priority work is done."),
    "capacity.success_measures[].id": lambda _r: "measure-1",
    "needs[].rank": lambda _r: "1",
    "needs[].rationale": lambda _r: _todo("why this need comes first."),
    "funding.source": lambda _r: _todo("the appropriation and PPA that pay for this."),
    "funding.fiscal_year": _fiscal_year,
    "funding.status": lambda _r: "planned",
    "funding.estimate_basis": lambda _r: _todo("how the cost estimate was derived."),
    "funding.periods[].name": lambda _r: "Base period",
    "funding.periods[].kind": lambda _r: "base",
    "funding.periods[].months": lambda _r: "12",
    "acquisition.title": lambda r: f"{_get(r, 'program.name', 'CX')} customer experience support",
    "acquisition.vehicle": lambda _r: _todo("the contract vehicle, chosen with the contracting "
                                            "officer."),
    "acquisition.ordering_procedure": lambda _r: "far_15",
    "acquisition.competition": lambda _r: "full_and_open",
    "acquisition.contract_type": lambda _r: "firm_fixed_price",
    "acquisition.contract_type_rationale": lambda _r: _todo(
        "why this contract type fits the work and its risks."
    ),
    "acquisition.requirement.document": lambda _r: "soo",
    "compliance.public_research": lambda _r: "true",
    "compliance.surveys_public": lambda _r: "true",
    "compliance.handles_pii": lambda _r: "true",
    "evaluation.basis_for_award": lambda _r: "best_value_tradeoff",
    "evaluation.rating_method": lambda _r: "adjectival",
    "evaluation.factors": lambda _r: [
        {
            "id": "approach", "name": "CX approach", "kind": "technical",
            "description": "How the offeror researches with customers and turns what it learns "
            "into product decisions.",
            "submission": "A technical approach of no more than 10 pages.",
            "discriminators": ["customer_centred", "needs_to_products"],
        },
        {
            "id": "price", "name": "Price", "kind": "price",
            "description": "Total evaluated price.", "submission": "A price quotation.",
        },
    ],
    "evaluation.relative_importance": lambda _r: "The CX approach is the only non-price factor.",
    "evaluation.non_price_vs_price": lambda _r: "significantly_more_important",
    "evaluation.evaluators": lambda r: [
        {
            "name": _get(r, "people.executive_sponsor.name", "To be named"),
            "role": "source_selection_authority",
            "organization": _get(r, "program.office", "To be named"),
            "voting": "false",
        },
        {
            "name": _get(r, "people.cx_lead.name", "To be named"),
            "role": "chair",
            "organization": _get(r, "program.office", "To be named"),
            "voting": "true",
            "cx_expertise": "true",
        },
    ],
    "oral_presentation.used": lambda _r: "false",
    "oral_presentation.not_used_reason": lambda _r: _todo(
        "how CX capability is evaluated without an oral presentation."
    ),
}

# Quick defaults that are facts, not guesses: filled without a "to do" mark.
QUICK_SETTLED = frozenset({"document.date", "capacity.success_measures[].id", "needs[].rank"})


def estimate(name: str, *, quick: bool) -> tuple[int, bool]:
    """Return how many questions a section asks, and whether that is only an estimate.

    Lists, optional sections and questions asked only after some answers make the count
    an estimate ("question 3 of about 7").
    """
    count, rough = 0, False
    specs = {spec.path: spec for spec in answer_fields()}
    for spec in answer_fields():
        if spec.path != name and not spec.path.startswith((name + ".", name + "[")):
            continue
        parents = [specs[p] for p in _parents(spec.path) if p in specs]
        optional_parent = any(
            p.optional_section or (p.kind == "section_list" and not p.min_items)
            for p in parents
        )
        if spec.kind == "section_list" or spec.path in script.WHEN or optional_parent:
            rough = True
        if spec.kind in ("section", "section_list"):
            continue
        if quick:
            if optional_parent or spec.path in QUICK_DEFAULTS or not spec.required:
                continue
            if any(p.path in QUICK_DEFAULTS for p in parents):
                continue
        count += 1
    return count, rough


@cache
def quick_question_count() -> int:
    """Return how many questions the short path asks from scratch (its first one included)."""
    sections = [n for n in Answers.model_fields if n not in ("schema_version", "accepted_findings")]
    return 1 + sum(estimate(name, quick=True)[0] for name in sections)


def _parents(path: str) -> list[str]:
    """Return the catalogue paths of the sections around ``path``, outermost first."""
    return [path[: match.start()] for match in re.finditer(r"[.]|\[\]", path)]
