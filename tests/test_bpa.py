"""A blanket purchase agreement under the schedules (``schedule_bpa``), single or multiple award.

The USCIS schedule order is mutated into a BPA and rendered: the documents call the agreement
an agreement (never "an order"), speak to quoters, cite BPA establishment under the chosen FAR
edition; the completeness map lists what the agreement's file needs; validation and the
path-dependent rules behave; the shipped BPA example renders the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, render_example
from cxacq.answers.facts import SINGLE_AWARD_BPA_THRESHOLD, decide_facts
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model import Answers
from cxacq.answers.validate import validate_loaded
from cxacq.citations import EDITIONS, cite
from cxacq.engine.completeness import plan_package
from cxacq.engine.pipeline import build_package
from cxacq.errors import AnswersInvalid, ExitCode
from cxacq.guidance import run_rules

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
USCG = EXAMPLES / "uscg-mariner-credentials.yaml"
PART_15_WORDS = ("offeror", "proposal", "discussions", "competitive range", "fair opportunity")
BORROWED = "does not apply to this"

# Template phrases that would call the agreement itself an order.
ORDER_FOR_AGREEMENT = (
    "The order is", "an order under the Federal Supply Schedules", "the order file",
    "a services order", "Award decision for the order", "part of the order",
    "term of the order", "end of the order", "why the order went",
)


def _bpa_data(award: str = "single") -> dict[str, Any]:
    data = load_answers_file(USCIS).data
    data["acquisition"]["ordering_procedure"] = "schedule_bpa"
    data["acquisition"]["bpa_award"] = award
    # The example's own words chose an order; a BPA file would say so in its own words.
    data["market_research"]["impact"] = (
        "Market research showed a capable small business base on the schedule, so the "
        "strategy establishes a blanket purchase agreement set aside for small businesses."
    )
    return data


def _validate(data: dict[str, Any]) -> Answers:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return validate_loaded(load_answers_text(text, "bpa.yaml"))


def _problems(data: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    with pytest.raises(AnswersInvalid) as caught:
        validate_loaded(load_answers_text(text, "bpa.yaml"))
    assert caught.value.exit_code == ExitCode.INPUT
    return [(d.field or "", d.line, d.message) for d in caught.value.to_diagnostics()]


def _codes(data: dict[str, Any]) -> dict[str, list[str]]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, "bpa.yaml")
    found: dict[str, list[str]] = {}
    for d in run_rules(validate_loaded(loaded), loaded):
        found.setdefault(d.code, []).append(d.field or "")
    return found


@functools.cache
def _package(award: str, edition: str) -> dict[str, str]:
    answers = _validate(_bpa_data(award)).with_far_edition(edition)
    files = build_package(answers, formats=("markdown",))
    return {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".md")}


@functools.cache
def _example(edition: str) -> dict[str, str]:
    files = render_example(USCG, formats=("markdown",), edition=edition)  # as shipped
    return {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".md")}


def _all(package: dict[str, str]) -> str:
    return "\n".join(text for _, text in sorted(package.items()))


PACKAGES: dict[str, Callable[[str], dict[str, str]]] = {
    "uscis-single": lambda edition: _package("single", edition),
    "uscis-multiple": lambda edition: _package("multiple", edition),
    "uscg-example": _example,
}


@pytest.mark.parametrize("which", PACKAGES)
def test_no_document_calls_the_agreement_an_order(which: str) -> None:
    for name, text in PACKAGES[which]("rfo").items():
        for phrase in ORDER_FOR_AGREEMENT:
            assert phrase.lower() not in text.lower(), (name, phrase)
    text = _all(PACKAGES[which]("rfo"))
    assert "blanket purchase agreement" in text
    # Orders are only ever the ones placed under the agreement.
    for match in re.finditer(r"[^.\n]*\b(?:an|the|each) order\b[^.\n]*", text):
        sentence = match.group(0)
        if any(words in sentence for words in ("in the same order", "in this order",
                                                "order of presentations")):
            continue  # the order of questions or of presentations, not a purchase
        assert "under" in sentence or "agreement" in sentence, sentence


@pytest.mark.parametrize("which", PACKAGES)
def test_bpa_documents_speak_to_quoters_in_schedule_words(which: str) -> None:
    for edition in EDITIONS:
        text = _all(PACKAGES[which](edition))
        assert "quoters" in text and "quotation" in text
        for line in text.splitlines():
            if BORROWED in line:
                assert "Part 15" in line and "used for clarity" in line
                assert "does not apply to this blanket purchase agreement" in line
                continue
            lowered = line.lower()
            for word in PART_15_WORDS:
                assert word not in lowered, (edition, word, line)


@pytest.mark.parametrize("edition", EDITIONS)
def test_bpa_establishment_is_cited_under_the_chosen_edition(edition: str) -> None:
    single = _all(_package("single", edition))
    multiple = _all(_package("multiple", edition))
    for key in ("fss_bpa", "fss_bpa_ordering", "fss_brief_explanation"):
        assert cite(key, edition) in single, key
        assert cite(key, edition) in multiple, key
    if edition == "legacy":
        assert "FAR 8.405-3(a)" in single and "GSAR" not in single.replace(
            "GSAR 538", "")  # no overhaul number under the old edition
        assert cite("fss_bpa_duration", "legacy") in single
        assert cite("fss_bpa_duration", "legacy") not in multiple
    else:
        assert "GSAR subpart 538.71" in single
        assert "FAR 8.405-3" not in single.replace("(formerly FAR 8.405-3", "")
    if edition == "dual":
        assert "GSAR subpart 538.71 (formerly FAR 8.405-3(a))" in single
    assert "single-award blanket purchase agreement" in single
    assert "multiple-award blanket purchase agreement" in multiple
    assert "place orders directly under the agreement" in single
    assert "compete for each order" in multiple and "compete for each order" not in single


def test_the_facts_of_a_bpa() -> None:
    single = decide_facts(_validate(_bpa_data("single")))
    assert single.is_bpa and single.is_schedule and single.is_single_award_bpa
    assert not single.is_schedule_order and not single.is_order and not single.is_part_15
    assert not single.has_fair_opportunity and not single.evaluation_plan_required
    assert single.responder == "quoter" and single.responders == "quoters"
    assert single.response == "quotation" and single.solicitation == "request for quotations"
    assert single.award_noun == "blanket purchase agreement"
    assert single.limited_sources_concept == "fss_limited_sources"
    multiple = decide_facts(_validate(_bpa_data("multiple")))
    assert multiple.is_multiple_award_bpa and not multiple.is_single_award_bpa


def _keys(award: str, edition: str = "rfo", **funding: Any) -> dict[str, Any]:
    data = _bpa_data(award)
    if funding:
        data["funding"]["periods"][0]["amount"] = funding["amount"]
    plan = plan_package(_validate(data), edition)
    return {r.key: r for r in plan.requirements}


def test_completeness_map_lists_what_a_bpa_file_needs() -> None:
    single = _keys("single")
    for key in ("bpa_terms", "single_award_bpa_determination", "bpa_annual_review",
                "brief_explanation", "award_decision"):
        assert key in single, key
    assert "bpa_ordering_procedures" not in single
    assert "order_debriefing" not in single
    assert single["award_decision"].title == "Award decision for the blanket purchase agreement"
    assert single["award_decision"].concept == "fss_bpa"
    assert single["single_award_bpa_determination"].basis == cite("fss_single_award_bpa")
    assert "competition advocate" in single["bpa_annual_review"].reason
    assert "head of the agency" not in single["single_award_bpa_determination"].reason
    multiple = _keys("multiple", "legacy")
    assert "single_award_bpa_determination" not in multiple
    assert multiple["bpa_ordering_procedures"].basis == cite("fss_bpa_ordering", "legacy")
    assert multiple["bpa_terms"].basis == "FAR 8.405-3(a)"
    assert "competition advocate" not in multiple["bpa_annual_review"].reason
    assert "chosen quoters" in multiple["award_decision"].reason


def test_a_single_award_bpa_above_the_threshold_needs_the_head_of_the_agency() -> None:
    big = _keys("single", amount=int(SINGLE_AWARD_BPA_THRESHOLD) + 1)
    reason = big["single_award_bpa_determination"].reason
    assert "head of the agency must also determine in writing" in reason
    assert f"${SINGLE_AWARD_BPA_THRESHOLD:,.0f}" in reason


def test_a_schedule_order_has_no_bpa_items() -> None:
    plan = plan_package(validate_loaded(load_answers_file(USCIS)))
    keys = {r.key for r in plan.requirements}
    assert not keys & {"bpa_terms", "single_award_bpa_determination", "bpa_annual_review",
                       "bpa_ordering_procedures"}
    assert "brief_explanation" in keys


def test_a_bpa_must_say_single_or_multiple() -> None:
    data = _bpa_data()
    del data["acquisition"]["bpa_award"]
    problems = _problems(data)
    assert [p[0] for p in problems] == ["acquisition.ordering_procedure"]
    assert problems[0][1] is not None and "single-award or multiple-award" in problems[0][2]


def test_bpa_award_is_only_for_a_bpa() -> None:
    data = load_answers_file(USCIS).data
    data["acquisition"]["bpa_award"] = "single"
    problems = _problems(data)
    assert [p[0] for p in problems] == ["acquisition.bpa_award"]
    assert "applies only to a blanket purchase agreement" in problems[0][2]


def test_fair_opportunity_is_not_a_bpa_competition() -> None:
    data = _bpa_data()
    data["acquisition"]["competition"] = "fair_opportunity"
    data["market_research"]["small_business"]["set_aside"] = "none"
    problems = _problems(data)
    assert [p[0] for p in problems] == ["acquisition.competition"]
    assert "ordering_procedure is schedule_bpa" in problems[0][2]


def test_highest_technically_rated_warns_only_for_a_single_award_bpa() -> None:
    words = "Award goes to the highest technically rated quotation with a fair price."
    single = _bpa_data("single")
    single["evaluation"]["relative_importance"] = words
    assert _codes(single)["BPA-C01"] == ["evaluation.relative_importance"]
    multiple = _bpa_data("multiple")
    multiple["evaluation"]["relative_importance"] = words
    assert "BPA-C01" not in _codes(multiple)
    order = load_answers_file(USCIS).data
    order["evaluation"]["relative_importance"] = words
    assert "BPA-C01" not in _codes(order)


def test_single_award_periods_are_one_year_and_at_most_four_options() -> None:
    data = _bpa_data("single")
    del data["cost_estimate"]  # its hours are per period; this test changes the periods
    periods = data["funding"]["periods"]
    assert "BPA-C02" not in _codes(data)
    extra = [dict(periods[-1], name=f"Option period {n}") for n in range(len(periods), 6)]
    data["funding"]["periods"] = [*periods, *extra]
    data["funding"]["periods"][0]["months"] = "18"
    fields = _codes(data)["BPA-C02"]
    # Diagnostics number list items from 1, as the user counts them.
    assert "funding.periods[1].months" in fields
    assert "funding.periods[6]" in fields  # the fifth option
    assert len(fields) == 2
    data["acquisition"]["bpa_award"] = "multiple"
    assert "BPA-C02" not in _codes(data)


def test_the_shipped_bpa_example_is_a_single_award_bpa() -> None:
    answers = validate_loaded(load_answers_file(USCG))
    facts = decide_facts(answers)
    assert facts.is_single_award_bpa
    assert not {"BPA-C01", "BPA-C02"} & set(_codes(load_answers_file(USCG).data))
    text = _all(_example("legacy"))
    assert cite("fss_bpa", "legacy") in text and cite("fss_bpa_duration", "legacy") in text
