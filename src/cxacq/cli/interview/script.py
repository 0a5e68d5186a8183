"""What the interview says: section titles, questions in the guidance's words, and when to ask.

The interview walks the answers model in order (which follows the DHS guidance);
this module gives it a voice. Questions not listed in :data:`QUESTIONS` are asked
with the field's own description from the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxacq.answers.fields import answer_fields, fields_under

__all__ = [
    "ALWAYS_INCLUDE",
    "CHOICE_LABELS",
    "QUESTIONS",
    "REFERENCES",
    "SECTION_TITLES",
    "WHEN",
    "applies",
    "reference_choices",
]

SECTION_TITLES: dict[str, str] = {
    spec.name: spec.title for spec in fields_under(()) if spec.title
}

# path → (the question, a note in the guidance's words or None)
QUESTIONS: dict[str, tuple[str, str | None]] = {
    spec.path: (spec.question, spec.note) for spec in answer_fields() if spec.question
}


# Optional sections that are needed whenever they are asked (see WHEN): no "add it?" question.
# The scenario is required by session kind instead (REQUIRED_WHEN): optional for a demonstration.
ALWAYS_INCLUDE: frozenset[str] = frozenset()

# path → the LABELS table (cxacq.documents.context.LABELS) that explains each choice
CHOICE_LABELS: dict[str, str] = {
    spec.path: spec.labels for spec in answer_fields() if spec.labels
}


def _yes(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in ("true", "yes", "y", "on", "1")


def _oral_used(root: dict[str, Any], _section: dict[str, Any]) -> bool:
    return _yes(root.get("oral_presentation", {}).get("used"))


# path → whether to ask, given the answers so far and the section being filled
WHEN: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "acquisition.bpa_award": lambda _r, s: s.get("ordering_procedure") == "schedule_bpa",
    "acquisition.limited_sources_authority": lambda _r, s: (
        s.get("competition") == "limited_sources"
    ),
    "acquisition.iterations": lambda _r, s: s.get("contract_type") == "firm_fixed_price",
    "acquisition.price_per_deliverable": lambda _r, s: s.get("contract_type") == "firm_fixed_price",
    "compliance.pra_plan": lambda _r, s: _yes(s.get("surveys_public")),
    "compliance.privacy_plan": lambda _r, s: _yes(s.get("handles_pii")),
    "evaluation.lpta_justification": lambda _r, s: s.get("basis_for_award")
    == "lowest_price_technically_acceptable",
    "evaluation.htr_justification": lambda _r, s: s.get("basis_for_award")
    == "highest_technically_rated",
    "oral_presentation.not_used_reason": lambda r, s: not _yes(s.get("used")),
    "oral_presentation.slide_limit": lambda r, s: (
        _yes(s.get("used")) and _yes(s.get("slides_allowed"))
    ),
    "oral_presentation.slides_submission": lambda r, s: (
        _yes(s.get("used")) and _yes(s.get("slides_allowed"))
    ),
    "oral_presentation.demonstration": lambda r, s: (
        _yes(s.get("used")) and s.get("session") == "product_demonstration"
    ),
    "oral_presentation.technical_check": lambda r, s: (
        _yes(s.get("used")) and s.get("format") != "in_person"
    ),
    "oral_presentation.scenario_lead_time": lambda r, s: (
        _yes(s.get("used")) and s.get("session") != "interview"
    ),
    "oral_presentation.scenario": lambda r, s: (
        _yes(s.get("used")) and s.get("session") != "interview"
    ),
}
for _name in (
    "session", "factors", "format", "location", "window", "order",
    "presentation_minutes", "qa_minutes", "required_presenters", "max_attendees",
    "only_project_staff", "slides_allowed", "no_other_material", "recording",
    "discussions_permitted", "session_rules", "questions",
    "question_criteria", "follow_ups",
):
    WHEN.setdefault(f"oral_presentation.{_name}", lambda r, s: _yes(s.get("used")))


def applies(path: str, root: dict[str, Any], section: dict[str, Any]) -> bool:
    """Return whether the question at ``path`` applies, given the answers so far."""
    test = WHEN.get(path)
    return True if test is None else test(root, section)


def _measure_ids(root: dict[str, Any]) -> list[str]:
    measures = root.get("capacity", {}).get("success_measures", [])
    return [str(m["id"]) for m in measures if isinstance(m, dict) and m.get("id")]


def _rate_ids(root: dict[str, Any]) -> list[str]:
    rates = (root.get("cost_estimate") or {}).get("rates", [])
    return [str(r["id"]) for r in rates if isinstance(r, dict) and r.get("id")]


def _need_ranks(root: dict[str, Any]) -> list[str]:
    ranks = [str(n["rank"]) for n in root.get("needs", []) if isinstance(n, dict) and n.get("rank")]
    return sorted(ranks, key=lambda r: (len(r), r))


def _factor_ids(root: dict[str, Any]) -> list[str]:
    factors = root.get("evaluation", {}).get("factors", [])
    return [str(f["id"]) for f in factors if isinstance(f, dict) and f.get("id")]


# path → the earlier answers a question chooses from
REFERENCES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "needs[].measures": _measure_ids,
    "evaluation.factors[].needs": _need_ranks,
    "evaluation.phases[].factors": _factor_ids,
    "oral_presentation.factors": _factor_ids,
    "oral_presentation.scenario.need_rank": _need_ranks,
    "cost_estimate.labor[].rate": _rate_ids,
}


def reference_choices(path: str, root: dict[str, Any]) -> list[str] | None:
    """Return the earlier answers the question at ``path`` picks from, or None."""
    source = REFERENCES.get(path)
    return None if source is None else source(root)


# path → when an optional field must be answered after all (a cross-field rule in the model).
# The interview then never offers "Enter to skip" there; test_interview walks every question.
REQUIRED_WHEN: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "acquisition.bpa_award": lambda _r, s: s.get("ordering_procedure") == "schedule_bpa",
    "acquisition.limited_sources_authority": lambda _r, s: (
        s.get("competition") == "limited_sources"
    ),
    "acquisition.time_and_materials": lambda _r, s: (
        s.get("contract_type") in ("time_and_materials", "labor_hour", "hybrid")
    ),
    "oral_presentation.not_used_reason": lambda _r, s: not _yes(s.get("used")),
    **{
        f"oral_presentation.{name}": (lambda _r, s: _yes(s.get("used")))
        for name in ("format", "presentation_minutes", "recording", "factors")
    },
    "oral_presentation.scenario": lambda _r, s: (
        _yes(s.get("used"))
        and s.get("session") in (None, "scenario_presentation", "technical_challenge")
    ),
    "oral_presentation.questions": lambda _r, s: (
        _yes(s.get("used")) and s.get("session") == "interview"
    ),
    "oral_presentation.demonstration": lambda _r, s: (
        _yes(s.get("used")) and s.get("session") == "product_demonstration"
    ),
}


def required_here(path: str, root: dict[str, Any], section: dict[str, Any]) -> bool:
    """Return whether an optional field must be answered, given the answers so far."""
    test = REQUIRED_WHEN.get(path)
    return False if test is None else test(root, section)
