"""The facts are decided once per answers object, and deciding them changes nothing visible."""

from __future__ import annotations

import gc
import pickle
from typing import Any

import pytest
import yaml

import cxacq.answers.facts as facts_module
from conftest import EXAMPLES
from cxacq.answers.facts import decide_facts
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model import Answers
from cxacq.answers.validate import load_and_validate, validate_loaded
from cxacq.engine.pipeline import build_one


@pytest.fixture
def computations(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """Record (answers identity, edition) each time the facts are worked out."""
    seen: list[tuple[int, str]] = []
    decide = facts_module._decide

    def counting(a: Answers, edition: str) -> facts_module.Facts:
        seen.append((id(a), edition))
        return decide(a, edition)

    monkeypatch.setattr(facts_module, "_decide", counting)
    return seen


def test_one_package_render_decides_the_facts_once(computations, tmp_path):
    # Validation, every guidance rule, the document registry and each document's context
    # (nine documents here) ask for the facts; before the cache they were worked out 24 times.
    built = build_one(EXAMPLES / "fema-flood-claims.yaml", tmp_path / "out",
                      formats=("docx", "markdown"))
    assert built.files and len(built.files) > 9
    assert len(computations) == 1


def test_the_same_answers_and_edition_give_the_same_facts(computations):
    answers = load_and_validate(EXAMPLES / "minimal.yaml")  # validation decides them once
    first = decide_facts(answers)
    assert decide_facts(answers) is first
    assert decide_facts(answers, answers.document.far_edition) is first
    assert len(computations) == 1
    other = "legacy" if answers.document.far_edition != "legacy" else "rfo"
    assert decide_facts(answers, other).edition == other
    assert len(computations) == 2


def test_deciding_the_facts_leaves_the_answers_as_they_were():
    answers = load_and_validate(EXAMPLES / "minimal.yaml")
    twin = Answers.model_validate(answers.model_dump())
    dump = answers.model_dump()
    decide_facts(answers)
    assert answers == twin
    assert answers.model_dump() == dump
    assert pickle.loads(pickle.dumps(answers)) == twin


def test_a_copy_with_another_edition_decides_its_own_facts():
    answers = load_and_validate(EXAMPLES / "minimal.yaml")
    other = "legacy" if answers.document.far_edition != "legacy" else "rfo"
    copy = answers.with_far_edition(other)
    assert decide_facts(answers).edition == answers.document.far_edition
    assert decide_facts(copy).edition == other


def test_facts_leave_the_table_with_their_answers():
    answers = load_and_validate(EXAMPLES / "minimal.yaml")
    key = id(answers)
    decide_facts(answers)
    assert key in facts_module._DECIDED
    del answers
    gc.collect()
    assert key not in facts_module._DECIDED


def test_facts_templates_read_instead_of_comparing_answers():
    flood = load_and_validate(EXAMPLES / "fema-flood-claims.yaml")
    facts = decide_facts(flood)
    assert facts.option_periods == sum(p.kind == "option" for p in flood.funding.periods)
    assert facts.runs_over_three_years is (flood.funding.total_months > 36)
    assert facts.is_soo is (flood.acquisition.requirement.document == "soo")
    assert facts.is_pws is (flood.acquisition.requirement.document == "pws")
    assert facts.rates_by_comparison is (flood.evaluation.rating_method == "comparative")
    assert facts.is_commercial is flood.acquisition.commercial
    disaster = decide_facts(load_and_validate(EXAMPLES / "fema-disaster-assistance.yaml"))
    assert disaster.is_task_order
    assert disaster.is_commercial_task_order is disaster.is_commercial
    cbp = decide_facts(load_and_validate(EXAMPLES / "cbp-global-entry-renewal.yaml"))
    assert cbp.is_pws and not cbp.is_soo and not cbp.is_commercial_task_order


def test_the_oral_presentation_is_gated_when_a_factor_it_informs_is_in_a_mandatory_gate():
    data = load_answers_file(EXAMPLES / "fema-disaster-assistance.yaml").data
    assert not decide_facts(_answers(data)).oral_presentation_is_gated  # advisory gate only
    first, second = data["evaluation"]["phases"]
    first["gate"] = "mandatory"
    assert not decide_facts(_answers(data)).oral_presentation_is_gated  # oral is not in it
    second["factors"].remove("oral-scenario")
    first["factors"].append("oral-scenario")
    gated = _answers(data)
    assert "oral-scenario" in gated.evaluation.gated_factors
    assert decide_facts(gated).oral_presentation_is_gated


def _answers(data: dict[str, Any]) -> Answers:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return validate_loaded(load_answers_text(text, "a.yaml"))
