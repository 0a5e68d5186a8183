"""Planted inconsistencies: one mutated example per consistency and protest-risk rule.

Each case takes a shipped example, plants one defect and expects exactly its rule to fire at
its field with its citation; the shipped examples, as they are, fire none of these rules.
``CASES`` is also what ``tests/test_guidance.py`` runs for these codes (on the USCIS example).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.validate import validate_loaded
from cxacq.citations import CITATIONS
from cxacq.documents.ratings import PAST_PERFORMANCE_SCALES, RATING_SCALES
from cxacq.errors import Diagnostic
from cxacq.guidance import RULES, run_rules
from cxacq.guidance.consistency import (
    event_kind,
    lead_time_days,
    priced_per_iteration,
    window_dates,
)
from cxacq.guidance.protest import counts_findings, overlap

USCIS = "uscis-work-authorization.yaml"
FEMA = "fema-disaster-assistance.yaml"
MINIMAL = "minimal.yaml"
CBP = "cbp-global-entry-renewal.yaml"
SHIPPED = sorted(EXAMPLES.glob("*.yaml"))
Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is _DELETE:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return mutate


def _all(*mutations: Mutation) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        for one in mutations:
            one(data)
    return mutate


_DELETE = object()
ORAL = "oral_presentation"
SCENARIO = f"{ORAL}.scenario"


def _repeat_prompt(data: dict[str, Any]) -> None:
    data[ORAL]["questions"][0] = (
        "So how would you measure whether the change worked, and report it?"
    )


# code -> (example, mutation, the field the finding must be at). Mutations index lists from 0;
# field paths, as findings print them, count from 1.
PLANTED: dict[str, list[tuple[str, Mutation, str]]] = {
    "PKG-C20": [
        # The plan puts the presentations on a day the oral documents do not print.
        (USCIS, _set("acquisition.milestones.4.date", "2027-03-04"),
         "acquisition.milestones[5].date"),
        # The plan's deadline is not the instructions' deadline.
        (USCIS, _set("evaluation.instructions.deadline", "2027-02-05"),
         "acquisition.milestones[4].date"),
        # The window in words names other days than the dates.
        (USCIS, _set(f"{ORAL}.window", "the week of March 8, 2027 (March 9 and 10, 2027)"),
         f"{ORAL}.window"),
    ],
    "PKG-C21": [
        # Proposals due after the presentations.
        (USCIS, _all(_set("evaluation.instructions.deadline", "2027-03-05"),
                     _set("acquisition.milestones.3.date", "2027-03-05")),
         f"{ORAL}.dates[1]"),
        # Questions due before the request is even released.
        (USCIS, _set("evaluation.instructions.questions_due", "2027-01-04"),
         "evaluation.instructions.questions_due"),
        # The release after the award.
        (USCIS, _set("acquisition.milestones.2.date", "2027-03-29"),
         "acquisition.milestones[6].date"),
        # Advisory notices after the presentations they advise about.
        (USCIS, _set("evaluation.schedule.1.date", "2027-03-05"), "evaluation.schedule[2].date"),
        # Questions due after the responses.
        (USCIS, _set("evaluation.instructions.questions_due", "2027-02-10"),
         "evaluation.instructions.questions_due"),
        # Performance starts before the award.
        (USCIS, _set("funding.periods.0.start", "2027-03-01"), "funding.periods[1].start"),
    ],
    "PKG-C22": [
        # 48 hours before a Tuesday presentation is a Sunday.
        (USCIS, _set(f"{ORAL}.scenario_lead_time", "48 hours"), f"{ORAL}.scenario_lead_time"),
    ],
    "PKG-C23": [
        # The rationale counts four option years; the funding table has two.
        (USCIS, _set("acquisition.contract_type_rationale",
                     "Fixed prices per iteration keep competition through four option years."),
         "acquisition.contract_type_rationale"),
        # A period named as an option but counted as the base.
        (MINIMAL, _set("funding.periods.0.name", "Option period 1"), "funding.periods[1].kind"),
        # Option wording in a package with no options.
        (MINIMAL, _set("acquisition.contract_type_rationale",
                       "Competition is sustained through the option periods."),
         "acquisition.contract_type_rationale"),
        # Periods that overlap.
        (USCIS, _set("funding.periods.1.start", "2028-01-01"), "funding.periods[2].start"),
    ],
    "PKG-C24": [
        (FEMA, _set("evaluation.past_performance_years", 5), "evaluation.factors[4].description"),
    ],
    "PKG-C25": [
        # The table prints "No limit" while the only factor tells offerors 10 pages.
        (MINIMAL, _set("evaluation.instructions", {}), "evaluation.factors[1].submission"),
        # (field paths count from 1, as people count items in a file)
        # A factor's share larger than its part's limit.
        (USCIS, _set("evaluation.factors.0.submission",
                     "A case study of no more than 25 pages."), "evaluation.factors[1].submission"),
    ],
    "PKG-C26": [
        # The rationale prices each iteration, but no schedule says how many or how long.
        (USCIS, _set("acquisition.iterations", _DELETE), "acquisition.contract_type_rationale"),
        # Iterations counted per period, but their length never given.
        (USCIS, _set("acquisition.iterations.weeks", _DELETE), "acquisition.iterations.weeks"),
        # Five-week iterations do not fill a 12-month period, and no counts are given.
        (CBP, _set("acquisition.iterations.weeks", 5), "acquisition.iterations.per_period"),
        # Counts for two periods in a package of three.
        (USCIS, _set("acquisition.iterations.per_period", [8, 8]),
         "acquisition.iterations.per_period"),
        # A schedule of iterations in a labor-hour package, where nothing prices it.
        (USCIS, lambda d: d["acquisition"].update(contract_type="labor_hour", time_and_materials={
            "why_not_fixed_price": "The hours cannot be estimated when the order is placed.",
            "ceiling_price": 4000000,
            "cost_surveillance": "The COR reviews a monthly burn report against the ceiling.",
         }), "acquisition.iterations"),
    ],
    "PKG-C27": [
        # A price per deliverable on top of the price per iteration the documents ask for.
        (USCIS, _set("acquisition.price_per_deliverable", True),
         "acquisition.price_per_deliverable"),
        # The rationale prices each deliverable; nothing gives offerors the schedule.
        (MINIMAL, _set("acquisition.contract_type_rationale",
                       "Each deliverable is priced at a fixed price, paid on acceptance."),
         "acquisition.contract_type_rationale"),
        # A price per deliverable on a time-and-materials contract.
        (FEMA, _set("acquisition.price_per_deliverable", True),
         "acquisition.price_per_deliverable"),
    ],
    "PRT-C01": [
        (USCIS, _set("evaluation.relative_importance",
                     "The oral scenario is most important. A response with multiple strengths "
                     "is rated Outstanding."),
         "evaluation.relative_importance"),
    ],
    "PRT-C02": [
        # No prompt asks for capacity building, which evaluators score for the oral factor.
        (USCIS, _set(f"{SCENARIO}.prompt_criteria",
                     ["customer_centred", "iteration", "iteration", "iteration"]),
         "evaluation.factors[2].discriminators[3]"),
    ],
    "PRT-C03": [
        # Discussions allowed in the session, yet award without discussions.
        (USCIS, _set(f"{ORAL}.discussions_permitted", True), f"{ORAL}.discussions_permitted"),
        # A standard question that re-asks a prompt.
        (USCIS, _repeat_prompt, f"{ORAL}.questions[1]"),
    ],
    "PRT-C04": [
        (USCIS, _set(f"{ORAL}.qa_minutes", _DELETE), f"{ORAL}.qa_minutes"),
    ],
    "PRT-C05": [
        # Four prompts in 60 minutes, with no time for each.
        (USCIS, _set(f"{SCENARIO}.prompt_minutes", _DELETE), f"{SCENARIO}.prompt_minutes"),
        (FEMA, _set(f"{SCENARIO}.prompt_minutes", []), f"{SCENARIO}.prompt_minutes"),
    ],
}
CODES = sorted(PLANTED)

# One USCIS case per code, for tests/test_guidance.py's every-rule-has-a-case registry.
CASES: dict[str, Mutation] = {
    code: next(mutate for name, mutate, _ in cases if name == USCIS)
    for code, cases in PLANTED.items()
    if any(name == USCIS for name, _, _ in cases)
}
CASES["PKG-C24"] = _all(
    _set("evaluation.factors.0.kind", "experience"),
    _set("evaluation.factors.0.description",
         "Comparable public-sector research and design work within the last five years."),
)


def _diagnostics(name: str, mutate: Mutation | None = None) -> list[Diagnostic]:
    data = load_answers_file(EXAMPLES / name).data
    if mutate is not None:
        mutate(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, name)
    return run_rules(validate_loaded(loaded), loaded)


@pytest.mark.parametrize(
    ("code", "name", "mutate", "field"),
    [(code, *case) for code in CODES for case in PLANTED[code]],
    ids=[f"{code}-{i}" for code in CODES for i in range(len(PLANTED[code]))],
)
def test_planted_defect_fires_its_rule_at_its_field(
    code: str, name: str, mutate: Mutation, field: str
) -> None:
    assert code not in {d.code for d in _diagnostics(name)}
    found = [d for d in _diagnostics(name, mutate) if d.code == code]
    assert [d.field for d in found if d.field == field] == [field], [
        (d.field, d.message) for d in found
    ]
    hit = next(d for d in found if d.field == field)
    assert hit.citation == RULES[code].citation and hit.citation
    assert hit.line is not None  # located in the file, not only by path
    assert "B-" not in hit.message and "FAR " not in hit.message  # cited only through the catalogue


@pytest.mark.parametrize("code", CODES)
def test_the_uscis_case_fires_for_the_registry(code: str) -> None:
    assert code in {d.code for d in _diagnostics(USCIS, CASES[code])}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_examples_fire_none_of_these_rules(path: Path) -> None:
    fired = sorted({d.code for d in _diagnostics(path.name)} & set(CODES))
    assert fired == []


def test_every_protest_rule_cites_a_checked_gao_decision() -> None:
    protest = [code for code in RULES if code.startswith("PRT-")]
    assert protest == sorted(c for c in CODES if c.startswith("PRT-"))
    for code in protest:
        concepts = [p[1:-1] for p in RULES[code].basis.split("; ") if p.startswith("{")]
        gao = [CITATIONS[c] for c in concepts if c.startswith("gao_")]
        assert gao, code
        for entry in gao:
            assert entry.rfo and entry.rfo.startswith("GAO")
            assert "search of stored public pages" in entry.verified, entry.key


def test_the_shipped_rating_definitions_do_not_count() -> None:
    for scales in (RATING_SCALES, PAST_PERFORMANCE_SCALES):
        for levels in scales.values():
            for name, text in levels:
                assert counts_findings(text) is None, (name, text)


def test_a_counting_rating_definition_fires_at_the_rating_method(monkeypatch) -> None:
    levels = list(RATING_SCALES["confidence"])
    levels[0] = ("High confidence", "The response contains multiple strengths and no weaknesses.")
    monkeypatch.setitem(RATING_SCALES, "confidence", tuple(levels))
    found = [d for d in _diagnostics(USCIS) if d.code == "PRT-C01"]
    assert [d.field for d in found] == ["evaluation.rating_method"]
    assert "High confidence" in found[0].message and "multiple strengths" in found[0].message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Outstanding: contains multiple strengths", "multiple strengths"),
        ("Good: at least two significant strengths", "at least two significant strengths"),
        ("ratings count the strengths found", "count the strengths"),
        ("two or more weaknesses make it Marginal", "two or more weaknesses"),
        ("Its strengths, taken together, give high confidence", None),
        ("A single strength of great merit can make a response outstanding", None),
    ],
)
def test_counting_words(text: str, words: str | None) -> None:
    assert counts_findings(text) == words


@pytest.mark.parametrize(
    ("text", "year", "dates"),
    [
        ("March 2 and 3, 2027", None, {dt.date(2027, 3, 2), dt.date(2027, 3, 3)}),
        ("March 2-4", 2027, {dt.date(2027, 3, d) for d in (2, 3, 4)}),
        ("2027-05-18", None, {dt.date(2027, 5, 18)}),
        ("the week of the deadline", 2027, set()),
    ],
)
def test_window_dates(text: str, year: int | None, dates: set[dt.date]) -> None:
    assert window_dates(text, year) == dates


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("48 hours", (2, False)),
        ("24 hours", (1, False)),
        ("2 business days", (2, True)),
        ("one week", (7, False)),
        ("The Friday before, at noon", None),
    ],
)
def test_lead_time_days(text: str, lead: tuple[int, bool] | None) -> None:
    assert lead_time_days(text) == lead


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        ("Request for task order proposals issued to IDIQ holders", "release"),
        ("Quotations and written case studies due", "due"),
        ("Oral presentations and same-day consensus", "orals"),
        ("Scenario released to offerors", "scenario"),
        ("Task order award", "award"),
        ("Questions due", "questions"),
        ("Phase I consensus and advisory notices", "advice"),
        ("Evaluators' conflict-of-interest and non-disclosure forms signed", None),
    ],
)
def test_event_kind(event: str, kind: str | None) -> None:
    assert event_kind(event) == kind


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Competition is sustained through the option periods.", True),
        ("The Government may exercise each option.", True),
        ("Offerors may compare two design options with customers.", False),
        ("Prototype the options that research suggests.", False),
    ],
)
def test_option_wording_without_options(text: str, fires: bool) -> None:
    mutate = _set("acquisition.contract_type_rationale", text)
    found = [d for d in _diagnostics(MINIMAL, mutate) if d.code == "PKG-C23"]
    assert bool(found) is fires


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Each fixed-length iteration is priced at a fixed amount.", "Each fixed-length iteration"),
        ("Its work is priced per fixed-length quarterly iteration against the outcomes.",
         "per fixed-length quarterly iteration"),
        ("The agreement sets a fixed price per round and each order buys whole rounds.",
         "per round"),
        ("The team and its iterations can be priced with confidence.", None),
        ("A readout is delivered each iteration. The whole year has one price.", None),
    ],
)
def test_words_that_price_per_iteration(text: str, words: str | None) -> None:
    assert priced_per_iteration(text) == words


def test_overlap_measures_a_repeated_prompt() -> None:
    prompt = "How would you measure whether the change worked, and report it to agency leaders?"
    assert overlap("How would you measure whether the change worked?", prompt) >= 0.6
    assert overlap("Tell us about a time research changed what your team built.", prompt) < 0.6
