"""Award to the highest technically rated response with a fair and reasonable price.

``evaluation.basis_for_award: highest_technically_rated`` ranks responses on the non-price
factors and evaluates price only for fairness and reasonableness, the next-ranked response
taking the place of one whose price is not. Shipped examples are mutated onto each path that
allows it: every document that describes the basis for award says so in the path's words and
cites it by concept; the paths that refuse it name the field; BPA-C01 fires from the field.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES
from cxacq.answers.facts import ALLOWED_BASIS, PATH_NAMES, decide_facts
from cxacq.answers.fields import answer_fields
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model import Answers
from cxacq.answers.validate import validate_loaded
from cxacq.citations import cite
from cxacq.documents.context import LABELS
from cxacq.engine.pipeline import build_package
from cxacq.errors import AnswersInvalid
from cxacq.guidance import run_rules
from helpers import doc_file

HTR = "highest_technically_rated"
# The documents that state the basis for award (the others never describe it).
AWARD_DOCUMENTS = ("acquisition-strategy", "instructions-and-evaluation-criteria",
                   "evaluation-plan")
# path → (shipped example on it, changes to its acquisition section)
ON_PATH: dict[str, tuple[str, dict[str, Any]]] = {
    "task_order": ("fema-disaster-assistance.yaml", {}),
    "negotiated": ("fema-flood-claims.yaml", {}),
    "simplified_commercial": ("cbp-global-entry-renewal.yaml", {}),
    "single_bpa": ("uscg-mariner-credentials.yaml", {}),
    "multiple_bpa": ("uscg-mariner-credentials.yaml", {"bpa_award": "multiple"}),
    "schedule_order": ("uscis-work-authorization.yaml", {}),
}
# Words only the tradeoff text uses: a highest-technically-rated package must not say them.
TRADEOFF_WORDS = ("is worth the difference", "tradeoff basis", "and the tradeoffs in")


def _data(case: str, basis: str = HTR) -> dict[str, Any]:
    name, acquisition = ON_PATH[case]
    data = load_answers_file(EXAMPLES / name).data
    data["acquisition"].update(acquisition)
    data["evaluation"]["basis_for_award"] = basis
    return data


def _load(data: dict[str, Any]) -> Any:
    return load_answers_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "a.yaml")


def _problems(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(AnswersInvalid) as caught:
        validate_loaded(_load(data))
    return [(d.field or "", d.message, d.hint or "") for d in caught.value.to_diagnostics()]


@functools.cache
def _answers(case: str) -> Answers:
    return validate_loaded(_load(_data(case)))


@functools.cache
def _package(case: str, edition: str = "rfo") -> dict[str, str]:
    files = build_package(_answers(case).with_far_edition(edition), formats=("markdown",))
    return {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".md")}


def _award_texts(case: str, edition: str = "rfo") -> dict[str, str]:
    package = _package(case, edition)
    return {key: package[doc_file(key, "md")] for key in AWARD_DOCUMENTS}


ALLOWED_CASES = [case for case in ON_PATH if case != "schedule_order"]


@pytest.mark.parametrize("case", ALLOWED_CASES)
def test_every_document_that_describes_award_says_rank_then_fair_and_reasonable(
    case: str,
) -> None:
    facts = decide_facts(_answers(case))
    assert facts.is_highest_technically_rated and not facts.is_tradeoff
    for key, text in _award_texts(case).items():
        flat = " ".join(text.split())
        assert "highest technically rated" in flat, key
        assert re.search(rf"ranks? the {facts.responses} on the non-price factors", flat), key
        assert "fair and reasonable" in flat, key
        assert "next-ranked" in flat, key  # what happens when the top price is not reasonable
        for words in TRADEOFF_WORDS:
            assert words not in flat, (key, words)
    instructions = " ".join(_award_texts(case)["instructions-and-evaluation-criteria"].split())
    # What the solicitation must tell offerors: no tradeoffs, and the top-rated response with a
    # fair and reasonable price is selected.
    assert "will not consider tradeoffs between price and the non-price factors" in instructions
    assert re.search(r"highest technically rated \w+ whose prices? (is|are) fair and reasonable",
                     instructions)


def test_the_path_words_and_citations_follow_the_edition() -> None:
    rfo = _award_texts("negotiated", "rfo")
    legacy = _award_texts("negotiated", "legacy")
    for key in AWARD_DOCUMENTS:
        assert f"({cite('highest_technically_rated')})" in rfo[key], key
        # 48 CFR names no such approach: the legacy documents cite GAO's decision instead.
        assert f"({cite('gao_b_413559', 'legacy')})" in legacy[key], key
    task = _award_texts("task_order")
    assert cite("order_price_considered") in task["evaluation-plan"]
    assert cite("order_price_considered") in task["acquisition-strategy"]
    quotation = _award_texts("simplified_commercial")["instructions-and-evaluation-criteria"]
    assert "highest technically rated quotation" in quotation and "proposal" not in quotation


def test_agreements_say_how_each_is_awarded_and_what_follows() -> None:
    multiple = " ".join(_award_texts("multiple_bpa")["acquisition-strategy"].split())
    assert "Agreements will be established with the highest technically rated quoters" in multiple
    assert "price competes again at the order level" in multiple
    assert cite("gao_b_413559") in multiple
    single = " ".join(_award_texts("single_bpa")["acquisition-strategy"].split())
    assert "Award will be made to the highest technically rated quotation" in single
    assert "leaves no price competition at the order level" in single
    assert cite("gao_b_418141") in single


def test_a_schedule_order_refuses_it_at_its_field() -> None:
    problems = _problems(_data("schedule_order"))
    assert [p[0] for p in problems] == ["evaluation.basis_for_award"]
    field, message, hint = problems[0]
    assert message.startswith(f"{HTR} is not a basis for award in {PATH_NAMES['schedule_order']}")
    assert "lowest overall cost alternative" in message and cite("gao_b_418141") in message
    assert "schedule_bpa" in hint and "multiple" in hint
    assert HTR not in ALLOWED_BASIS["schedule_order"]
    assert {path for path, allowed in ALLOWED_BASIS.items() if HTR in allowed} == (
        set(PATH_NAMES) - {"schedule_order"}
    )


def test_price_cannot_be_weighed_as_equal_to_the_non_price_factors() -> None:
    data = _data("negotiated")
    data["evaluation"]["non_price_vs_price"] = "approximately_equal"
    problems = _problems(data)
    assert [p[0] for p in problems] == ["evaluation.non_price_vs_price"]
    assert "significantly_more_important" in problems[0][2]
    assert "more_important" not in problems[0][2].replace("significantly_more_important", "")
    order = _data("task_order")
    order["evaluation"]["non_price_vs_price"] = "equal"
    assert "significantly_more_important or more_important" in _problems(order)[0][2]


def _bpa_c01(data: dict[str, Any]) -> list[str]:
    loaded = _load(data)
    return [d.field or "" for d in run_rules(validate_loaded(loaded), loaded)
            if d.code == "BPA-C01"]


def test_bpa_c01_fires_from_the_field_on_a_single_award_agreement() -> None:
    assert _bpa_c01(_data("single_bpa")) == ["evaluation.basis_for_award"]
    assert _bpa_c01(_data("multiple_bpa")) == []
    assert _bpa_c01(_data("single_bpa", "best_value_tradeoff")) == []
    # The free text is the second check, for words that describe it under another basis.
    words = _data("single_bpa", "best_value_tradeoff")
    words["evaluation"]["relative_importance"] = "Award goes to the highest technically rated."
    assert _bpa_c01(words) == ["evaluation.relative_importance"]
    # Said in both places, it is one finding, at the field.
    both = _data("single_bpa")
    both["evaluation"]["relative_importance"] = "Award goes to the highest technically rated."
    assert _bpa_c01(both) == ["evaluation.basis_for_award"]


def test_every_basis_has_a_label_and_a_description() -> None:
    spec = next(s for s in answer_fields() if s.path == "evaluation.basis_for_award")
    assert HTR in spec.choices
    assert set(spec.choices) == set(LABELS[spec.labels])
    assert HTR in spec.description and "schedules" in spec.description


def test_a_lowest_price_technically_acceptable_plan_records_no_tradeoffs() -> None:
    # The consensus steps used to end, whatever the basis, with "documents the decision and
    # the tradeoffs": a lowest-price-technically-acceptable award makes none.
    data = _data("negotiated", "lowest_price_technically_acceptable")
    data["evaluation"]["lpta_justification"] = (
        "The research rounds are routine and fully specified; no higher capability is worth "
        "a higher price.")
    answers = validate_loaded(_load(data))
    assert decide_facts(answers).is_lpta
    files = build_package(answers, formats=("markdown",))
    plan = " ".join(files[doc_file("evaluation-plan", "md")].decode("utf-8").split())
    assert "and the tradeoffs in" not in plan
    assert "selects the acceptable proposal with the lowest evaluated price" in plan
    assert "there are no tradeoffs" in plan


def test_the_reason_for_no_tradeoff_is_asked_printed_and_checked() -> None:
    data = _data("task_order")
    assert "FAR-C22" in {d.code for d in run_rules(validate_loaded(_load(data)), _load(data))}
    reason = "Schedule rates for this work fall in a narrow band, so a tradeoff would not pay."
    data["evaluation"]["htr_justification"] = reason
    answers = validate_loaded(_load(data))
    assert "FAR-C22" not in {d.code for d in run_rules(answers, _load(data))}
    files = build_package(answers, formats=("markdown",))
    strategy = " ".join(files[doc_file("acquisition-strategy", "md")].decode("utf-8").split())
    assert f"The program's reason: {reason} The contracting officer records that decision" \
        in strategy
    spec = {s.path: s for s in answer_fields()}["evaluation.htr_justification"]
    assert spec.question.startswith("Why would trading price")
