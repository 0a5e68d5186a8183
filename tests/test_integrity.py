"""Ratings that judge, contract type and options that agree, data rights asked, the CX
roadmap carried through, and the consistency rules of ``cxacq.guidance.integrity``.

Each test starts from a defect quoted in issue 15 and fails on the behavior before it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, render_example
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.validate import validate_loaded
from cxacq.documents.ratings import (
    PAST_PERFORMANCE_SCALES,
    RATING_SCALES,
    has_neutral_level,
    past_performance_method,
    past_performance_scale,
    rating_scale,
)
from cxacq.engine.pipeline import build_package
from cxacq.guidance import run_rules
from cxacq.guidance.integrity import federal_holidays, non_business_day
from helpers import doc_file

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
FEMA = EXAMPLES / "fema-disaster-assistance.yaml"
TSA = EXAMPLES / "tsa-precheck-enrollment.yaml"

Mutation = Callable[[dict[str, Any]], object]


def _loaded(path=USCIS, mutate: Mutation | None = None):
    data = load_answers_file(path).data
    if mutate:
        mutate(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return load_answers_text(text, "case.yaml")


def _documents(path=USCIS, mutate: Mutation | None = None) -> dict[str, str]:
    if mutate is None:  # an unchanged example: its package is rendered once per run
        files = render_example(path, formats=("markdown",))
    else:
        files = build_package(validate_loaded(_loaded(path, mutate)), formats=("markdown",))
    return {name: data.decode() for name, data in files.items() if name.endswith(".md")}


def _findings(path=USCIS, mutate: Mutation | None = None, code: str = ""):
    loaded = _loaded(path, mutate)
    return [d for d in run_rules(validate_loaded(loaded), loaded) if d.code == code]


def _no_accepted(data: dict[str, Any]) -> None:
    data["accepted_findings"] = []


# -- 1. Ratings that judge, never count ------------------------------------------------------

COUNTING = re.compile(
    r"\b(multiple|several|at least one|one or more|two or more|number of)\b", re.IGNORECASE
)


@pytest.mark.parametrize("method", sorted(RATING_SCALES))
def test_rating_levels_describe_judgments_not_counts(method: str) -> None:
    for level, text in rating_scale(method, "offeror"):
        assert not COUNTING.search(text), (method, level, text)


@pytest.mark.parametrize("method", sorted(PAST_PERFORMANCE_SCALES))
def test_past_performance_scales_have_a_neutral_level_and_do_not_count(method: str) -> None:
    levels = PAST_PERFORMANCE_SCALES[method]
    assert has_neutral_level(levels)
    for level, text in levels:
        assert not COUNTING.search(text), (method, level, text)


def test_technical_scales_have_no_neutral_level() -> None:
    for method in RATING_SCALES:
        assert not has_neutral_level(rating_scale(method, "offeror"))


def test_lpta_past_performance_is_acceptable_neutral_or_unacceptable() -> None:
    lpta, tradeoff = past_performance_method(None, True), past_performance_method(None, False)
    names = [name for name, _ in past_performance_scale(lpta, "quoter")]
    assert names == ["Acceptable", "Neutral", "Unacceptable"]
    assert "Neutral confidence" in [name for name, _ in past_performance_scale(tradeoff, "quoter")]


@pytest.mark.parametrize(
    ("method", "levels"),
    [
        ("pass_fail", "Pass, Neutral, Fail"),
        ("acceptable", "Acceptable, Neutral, Unacceptable"),
        ("confidence", "Substantial confidence, Satisfactory confidence, Neutral confidence, "
                       "Limited confidence, No confidence"),
    ],
)
def test_past_performance_method_is_chosen_and_every_document_prints_it(
    method: str, levels: str
) -> None:
    def choose(data: dict[str, Any]) -> None:
        data["evaluation"]["past_performance_method"] = method

    docs = _documents(FEMA, choose)
    plan = docs[doc_file("evaluation-plan", "md")]
    instructions = docs[doc_file("instructions-and-evaluation-criteria", "md")]
    first, *_ = levels.split(", ")
    assert f"| Past performance rating | Definition |\n| --- | --- |\n| {first} |" in plan
    assert f"Proposed rating ({levels}) |" in plan  # the worksheet
    named = levels.replace(", No", ", or No").replace(", Fail", ", or Fail").replace(
        ", Unacceptable", ", or Unacceptable")
    for text in (plan, instructions):
        factor = text.split("Factor 4: Past performance\n", 1)[1].split("\n#", 1)[0]
        assert f"It is rated {named}." in factor, factor
    assert past_performance_method(method, lpta=True) == method


def test_fema_plan_rates_past_performance_on_its_own_scale() -> None:
    plan = _documents(FEMA)[doc_file("evaluation-plan", "md")]
    assert "contains multiple strengths" not in plan
    assert "rated neutrally" not in plan
    assert "| Neutral confidence |" in plan
    # The worksheet for the past performance factor offers the past performance levels.
    assert "Proposed rating (Substantial confidence, Satisfactory confidence, Neutral" in plan


def test_tsa_work_samples_are_not_evaluated_with_references_or_a_neutral_rating() -> None:
    plan = _documents(TSA)[doc_file("evaluation-plan", "md")]
    factor = plan.split("CX work samples", 1)[1].split("\n## ", 1)[0]
    assert "references" not in factor
    assert "Contractor Performance Assessment" not in factor
    assert "neutral" not in plan.lower()


def test_past_performance_years_reach_the_text() -> None:
    def five_years(data: dict[str, Any]) -> None:
        data["evaluation"]["past_performance_years"] = 5

    assert "within the 5 years before proposals are due" in _documents(FEMA, five_years)[
        doc_file("evaluation-plan", "md")
    ]


# -- 2. Contract type and options that agree ---------------------------------------------------


def test_fixed_price_rationale_that_buys_a_stable_team_is_flagged() -> None:
    def quote(data: dict[str, Any]) -> None:
        _no_accepted(data)
        data["acquisition"]["contract_type_rationale"] = (
            "The work is priced per fixed-length iteration of a stable team against objectives "
            "in the statement of objectives."
        )

    (finding,) = _findings(mutate=quote, code="PKG-C01")
    assert finding.field == "acquisition.contract_type_rationale"
    assert '"stable team"' in finding.message
    assert not _findings(code="PKG-C01")  # the reworded example prices accepted iterations


def test_fixed_price_rule_leaves_time_and_materials_alone() -> None:
    assert not _findings(FEMA, _no_accepted, code="PKG-C01")


def _base_only(data: dict[str, Any]) -> None:
    periods = data["funding"]["periods"]
    data["funding"]["periods"] = [p for p in periods if p["kind"] == "base"]
    data.pop("cost_estimate", None)  # its hours are given for every period


def test_no_option_sentences_without_option_periods() -> None:
    strategy = _documents(mutate=_base_only)[doc_file("acquisition-strategy", "md")]
    assert "through the option periods" not in strategy
    assert "option periods are exercised" not in strategy
    assert "a base period with no option periods" in strategy
    strategy = _documents()[doc_file("acquisition-strategy", "md")]
    assert "sustains competition through the option periods" in strategy


def test_option_periods_without_a_date_start_when_exercised_not_on_award() -> None:
    def undated(data: dict[str, Any]) -> None:
        for period in data["funding"]["periods"]:
            period.pop("start", None)

    strategy = _documents(mutate=undated)[doc_file("acquisition-strategy", "md")]
    rows = [line for line in strategy.splitlines() if line.startswith("| Option period")]
    assert rows and all("When exercised" in row and "On award" not in row for row in rows)
    assert "| Base period | 12 | On award |" in strategy


# -- 3. Data rights asked, not assumed --------------------------------------------------------


def test_silent_data_rights_leave_the_decision_to_the_contracting_officer() -> None:
    strategy = _documents()[doc_file("acquisition-strategy", "md")]
    assert "will own" not in strategy
    assert "The contracting officer will decide" in strategy
    assert "Unlimited rights are a license, not ownership." in strategy
    (finding,) = _findings(mutate=_no_accepted, code="PKG-C02")
    assert finding.field == "acquisition.data_rights"


def test_stated_data_rights_are_printed_and_not_warned() -> None:
    def stated(data: dict[str, Any]) -> None:
        _no_accepted(data)
        data["acquisition"]["data_rights"] = "Source code is delivered every iteration."

    strategy = _documents(mutate=stated)[doc_file("acquisition-strategy", "md")]
    assert "Source code is delivered every iteration." in strategy
    assert "The contracting officer will decide" not in strategy
    assert not _findings(mutate=stated, code="PKG-C02")


def test_software_deliverables_make_test_and_sustainment_apply() -> None:
    fema = _documents(FEMA)[doc_file("acquisition-strategy", "md")]
    assert "No system is being developed" not in fema
    assert "Test and evaluation, and logistics (sustainment), do apply" in fema
    uscis = _documents()[doc_file("acquisition-strategy", "md")]
    assert "| Test and evaluation | No system is being developed" in uscis


# -- 4. The CX roadmap carried through --------------------------------------------------------


def test_cx_minority_among_voting_evaluators_is_warned() -> None:
    (finding,) = _findings(mutate=_no_accepted, code="PKG-C03")
    assert "only 1 of the 3 voting evaluators" in finding.message
    assert not _findings(FEMA, _no_accepted, code="PKG-C03")


def test_selection_authority_who_is_the_sponsor_is_questioned() -> None:
    (finding,) = _findings(mutate=_no_accepted, code="PKG-C04")
    assert finding.field == "evaluation.evaluators[1].name"  # fields count from 1
    assert finding.message.endswith("?")

    def other(data: dict[str, Any]) -> None:
        _no_accepted(data)
        data["evaluation"]["evaluators"][0]["name"] = "Someone Else"

    assert not _findings(mutate=other, code="PKG-C04")


def test_plan_calibrates_evaluators_on_the_discriminators() -> None:
    plan = _documents()[doc_file("evaluation-plan", "md")]
    section = plan.split("Calibration before evaluation", 1)[1].split("\n## ", 1)[0]
    assert "calibration session" in section
    assert plan.index("Calibration before evaluation") < plan.index("Consensus and documentation")


def test_strategy_ties_the_work_to_a11_reporting() -> None:
    strategy = _documents()[doc_file("acquisition-strategy", "md")]
    assert "High-Impact Service Provider" in strategy
    assert "Applying for an immigration benefit online" in strategy

    def not_hisp(data: dict[str, Any]) -> None:
        data["program"]["hisp"] = False
        data["program"].pop("priority_service", None)

    assert "A-11 section 280 reporting" not in _documents(mutate=not_hisp)[
        doc_file("acquisition-strategy", "md")
    ]


def test_strategy_has_a_backward_plan_from_the_stretch_to_award() -> None:
    strategy = _documents()[doc_file("acquisition-strategy", "md")]
    table = strategy.split("The backward plan", 1)[1].split("\n#", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| The one-year stretch:")
    assert "| March 26, 2028 |" in rows[1]  # one year after the award milestone
    assert any(r.startswith("| Ease of applying online: 3.8 | December 31, 2027 |") for r in rows)
    assert any(r.startswith("| Award | March 26, 2027 |") for r in rows)
    # June 30, 2028 is after the stretch: named as a longer-term checkpoint, not in the table.
    assert "Avoidable requests for evidence by June 30, 2028" in table


# -- 5. Dates and discriminators --------------------------------------------------------------


def test_federal_holidays_follow_the_statute_and_observed_dates() -> None:
    h2026 = federal_holidays(2026)
    assert len(h2026) == 11
    assert h2026[dt.date(2026, 7, 3)] == "Independence Day"  # July 4 is a Saturday
    assert h2026[dt.date(2026, 11, 26)] == "Thanksgiving Day"
    assert h2026[dt.date(2026, 5, 25)] == "Memorial Day"
    h2027 = federal_holidays(2027)
    assert h2027[dt.date(2027, 1, 18)] == "Birthday of Martin Luther King, Jr."
    assert h2027[dt.date(2027, 12, 24)] == "Christmas Day"  # December 25 is a Saturday
    # January 1, 2028 is a Saturday, so New Year's Day is observed on December 31, 2027.
    assert h2027[dt.date(2027, 12, 31)] == "New Year's Day"
    assert dt.date(2022, 1, 1) not in federal_holidays(2022)
    assert federal_holidays(2021)[dt.date(2021, 12, 31)] == "New Year's Day"
    assert federal_holidays(2023)[dt.date(2023, 1, 2)] == "New Year's Day"  # Sunday → Monday


def test_non_business_days() -> None:
    assert non_business_day(dt.date(2027, 1, 9)) == "a Saturday"
    assert non_business_day(dt.date(2027, 1, 10)) == "a Sunday"
    assert non_business_day(dt.date(2027, 2, 15)) == "a federal holiday (Washington's Birthday)"
    assert non_business_day(dt.date(2027, 2, 16)) is None


def test_release_on_a_saturday_is_flagged_at_its_field() -> None:
    def saturday(data: dict[str, Any]) -> None:
        data["acquisition"]["milestones"][2]["date"] = "2027-01-09"
        data["evaluation"]["schedule"] = [{"event": "Orals", "date": "2027-07-05"}]

    findings = _findings(mutate=saturday, code="PKG-C05")
    assert {f.field for f in findings} == {
        "acquisition.milestones[3].date",  # fields count from 1
        "evaluation.schedule[1].date",
    }
    messages = " ".join(f.message for f in findings)
    assert "a Saturday" in messages and "Independence Day" in messages
    assert not _findings(code="PKG-C05")


def test_more_than_three_discriminators_is_warned_with_the_reason() -> None:
    def six(data: dict[str, Any]) -> None:
        data["evaluation"]["factors"][2]["discriminators"] = [
            "customer_centred", "needs_to_products", "integrated_design",
            "inclusive_research", "measurable_outcomes", "whole_journey",
        ]

    (finding,) = _findings(mutate=six, code="PKG-C06")
    assert finding.field == "evaluation.factors[3].discriminators"  # fields count from 1
    assert "tests 6 discriminators" in finding.message and "cannot test more" in finding.message
    assert not _findings(code="PKG-C06")


def test_presenter_who_is_not_key_personnel_is_flagged_at_the_presenter() -> None:
    # USCIS required its "Product or delivery lead" to present but did not make it key
    # personnel, so an offeror could send someone who will never do the work.
    def product_lead(data: dict[str, Any]) -> None:
        data["oral_presentation"]["required_presenters"] = [
            "Lead user researcher (key personnel)", "lead service designer",
            "Product or delivery lead",
        ]
        data["evaluation"]["instructions"]["key_personnel"] = [
            "Lead user researcher", "Lead service designer",
        ]

    (finding,) = _findings(mutate=product_lead, code="PKG-C07")
    assert finding.field == "oral_presentation.required_presenters[3]"  # fields count from 1
    assert "'Product or delivery lead' must present" in finding.message
    assert "evaluation.instructions.key_personnel" in finding.message
    assert finding.severity == "warning"

    def no_orals(data: dict[str, Any]) -> None:
        product_lead(data)
        data["oral_presentation"] = {"used": False, "not_used_reason": "A written case study."}

    assert not _findings(mutate=no_orals, code="PKG-C07")
    for path in (USCIS, FEMA, TSA, EXAMPLES / "fema-flood-claims.yaml"):
        assert not _findings(path, code="PKG-C07"), path


# -- Program-specific guidance ----------------------------------------------------------------


def _guide(plan: str) -> str:
    return plan.split("CX discriminator guide", 1)[1].split("Price and past performance", 1)[0]


def test_two_programs_discriminator_guides_differ_and_name_their_customers() -> None:
    fema = _guide(_documents(FEMA)[doc_file("evaluation-plan", "md")])
    tsa = _guide(_documents(TSA)[doc_file("evaluation-plan", "md")])
    assert fema != tsa
    # Both programs use customer_centred and integrated_design; their guides still differ.
    fema_lines = set(fema.splitlines())
    tsa_lines = set(tsa.splitlines())
    assert any("Grounds its examples in customers like this program's" in x for x in fema_lines)
    assert fema_lines - tsa_lines and tsa_lines - fema_lines


def test_guide_names_the_languages_other_than_english() -> None:
    from cxacq.documents.discriminators import DISCRIMINATORS, program_guide

    guide = program_guide(
        DISCRIMINATORS["inclusive_research"],
        customers=["Survivors"],
        channels=["Phone", "Online"],
        languages=["English", "Spanish", "Vietnamese"],
    )
    assert "Plans research and testing in Spanish and Vietnamese, not in English alone." in (
        guide.strong
    )
    assert "Plans research through one channel (phone) and misses the others." in guide.red_flags
    english_only = program_guide(
        DISCRIMINATORS["inclusive_research"], customers=["Survivors"], channels=["Phone"],
        languages=["English"],
    )
    assert not any("not in English alone" in item for item in english_only.strong)


def test_guide_escapes_the_answers() -> None:
    from cxacq.documents.discriminators import DISCRIMINATORS, program_guide

    guide = program_guide(
        DISCRIMINATORS["customer_centred"],
        customers=["*bold* applicants"],
        channels=["Online"],
        languages=["English"],
    )
    assert any("\\*bold\\* applicants" in item for item in guide.strong)
    assert guide.strong[: len(DISCRIMINATORS["customer_centred"].strong)] == (
        DISCRIMINATORS["customer_centred"].strong
    )


# -- Template slips ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "words"),
    [("soo", "the statement of objectives states objectives rather than solutions"),
     ("pws", "the performance work statement states the results required"),
     ("sow", "the statement of work describes research and design work")],
)
def test_discovery_not_done_describes_the_requirement_document_chosen(
    document: str, words: str
) -> None:
    # The strategy said "written as objectives" beside a performance work statement.
    def planned(data: dict[str, Any]) -> None:
        data["discovery"]["status"] = "planned"
        data["acquisition"]["requirement"]["document"] = document
        data["acquisition"]["requirement"]["rationale"] = "The form fits this buy."

    strategy = _documents(mutate=planned)[doc_file("acquisition-strategy", "md")]
    sentence = strategy.split("Because discovery is not yet complete, ", 1)[1].split("\n", 1)[0]
    assert sentence.startswith(words), sentence
    if document != "soo":
        assert "objectives" not in sentence


@pytest.mark.parametrize(
    ("lead_time", "printed"),
    [("48 hours", "48 hours before the presentation"),
     ("48 hours before the presentation", "48 hours before the presentation"),
     ("The Friday before, at noon", "The Friday before, at noon")],
)
def test_scenario_lead_time_in_words_is_not_garbled(lead_time: str, printed: str) -> None:
    # Free text that already says when was followed by a second "before the presentation".
    def lead(data: dict[str, Any]) -> None:
        data["oral_presentation"]["scenario_lead_time"] = lead_time

    handout = _documents(mutate=lead)[doc_file("oral-presentation-handout", "md")]
    row = next(line for line in handout.splitlines() if line.startswith("| Scenario released"))
    assert row.endswith(f"| {printed} |"), row
    assert "before the presentation before" not in handout
