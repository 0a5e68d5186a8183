"""Phases and their gates, submissions due by phase, and comparative evaluation.

Each test mutates a shipped example: a gate of each kind (none, advisory, mandatory) must
read the same in the evaluation plan, the instructions and the acquisition strategy, in the
path's words; a comparative evaluation prints no rating scale anywhere; the rules find each
inconsistency at its field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model import Answers
from cxacq.answers.validate import OLD_NAME, validate_loaded
from cxacq.citations import cite
from cxacq.documents.ratings import (
    RATING_SCALES,
    comparison_method,
    past_performance_method,
    rating_scale,
)
from cxacq.engine.pipeline import build_package
from cxacq.errors import AnswersInvalid
from cxacq.guidance import run_rules
from helpers import doc_file

USCIS = EXAMPLES / "uscis-work-authorization.yaml"  # schedule order, two phases
FEMA = EXAMPLES / "fema-disaster-assistance.yaml"  # task order, two phases
CBP = EXAMPLES / "cbp-global-entry-renewal.yaml"  # simplified commercial buy, no phases
PHASED_DOCS = ("evaluation-plan", "instructions-and-evaluation-criteria", "acquisition-strategy")
MAY_STILL = "may still continue"


def _data(path: Path) -> dict[str, Any]:
    return load_answers_file(path).data


def _loaded(data: dict[str, Any]):
    return load_answers_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                             "case.yaml")


def _answers(data: dict[str, Any]) -> Answers:
    return validate_loaded(_loaded(data))


def _docs(data: dict[str, Any], keys: tuple[str, ...] = PHASED_DOCS) -> dict[str, str]:
    answers = _answers(data)
    # the dump leaves out the alias the path was given by (as conftest's CLI cache knows)
    same = (answers.model_dump_json(), answers.acquisition.path_alias)
    if same not in _RENDERED:
        files = build_package(answers, formats=("markdown",))
        _RENDERED[same] = {name: body.decode("utf-8") for name, body in files.items()
                           if name.endswith(".md")}
    return {key: _RENDERED[same][doc_file(key, "md")] for key in keys}


# Markdown by validated answers: several cases come to the same answers (a gate the example
# already has, or "none" where the example leaves it out), and render them once per process.
_RENDERED: dict[tuple[str, str | None], dict[str, str]] = {}


def _findings(data: dict[str, Any], prefix: str) -> list[tuple[str, str | None, str]]:
    loaded = _loaded(data)
    return [(d.code, d.field, d.message) for d in run_rules(validate_loaded(loaded), loaded)
            if d.code.startswith(prefix)]


def _gate(data: dict[str, Any], index: int, gate: str) -> dict[str, Any]:
    data["evaluation"]["phases"][index]["gate"] = gate
    return data


def _paragraph_with(text: str, phrase: str) -> str:
    return next(line for line in text.splitlines() if phrase in line)


# The old key ------------------------------------------------------------------------------


def _old_key(data: dict[str, Any], value: Any) -> dict[str, Any]:
    phase = data["evaluation"]["phases"][0]
    del phase["gate"]
    phase["advisory_down_select"] = value
    return data


def test_the_old_advisory_down_select_key_still_loads_as_an_advisory_gate() -> None:
    assert _data(USCIS)["evaluation"]["phases"][0]["gate"] == "advisory"
    old = _answers(_old_key(_data(USCIS), True))
    assert [p.gate for p in old.evaluation.phases] == ["advisory", "none"]
    assert _answers(_old_key(_data(USCIS), False)).evaluation.phases[0].gate == "none"
    assert _answers(_old_key(_data(USCIS), "true")).evaluation.phases[0].gate == "advisory"
    # The old key and the new say the same, in the same words, byte for byte.
    assert _docs(_old_key(_data(USCIS), True)) == _docs(_data(USCIS))


def test_old_and_new_gate_keys_together_are_refused_at_the_phase() -> None:
    data = _old_key(_data(USCIS), True)
    data["evaluation"]["phases"][0]["gate"] = "mandatory"
    with pytest.raises(AnswersInvalid) as caught:
        _answers(data)
    (problem,) = caught.value.diagnostics
    assert problem.field == "evaluation.phases[1]"
    assert "advisory_down_select is the old name of gate" in problem.message
    for wrong in ("maybe", [True], {"x": 1}):
        with pytest.raises(AnswersInvalid) as caught:
            _answers(_old_key(_data(USCIS), wrong))
        assert "advisory_down_select must be true or false" in \
            caught.value.diagnostics[0].message


@pytest.mark.parametrize(("value", "gate"), [("true", "advisory"), ("false", "none")])
def test_the_old_key_is_a_warning_at_its_line_in_validate_and_check(
    run_cli, tmp_path: Path, value: str, gate: str
) -> None:
    text = USCIS.read_text(encoding="utf-8")
    assert text.count("      gate: advisory\n") == 1
    old = tmp_path / "old.yaml"
    old.write_text(
        text.replace("      gate: advisory\n", f"      advisory_down_select: {value}\n"),
        encoding="utf-8",
    )
    line = old.read_text(encoding="utf-8").splitlines().index(
        f"      advisory_down_select: {value}") + 1
    for command in ("validate", "check"):
        result = run_cli(command, old, "--format", "json")
        assert result.exit_code == 0, result.output[-2000:]  # the file still loads
        found = [
            d for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]
            if d["code"] == OLD_NAME
        ]
        assert [(d["line"], d["column"], d["field"], d["severity"]) for d in found] == [
            (line, 7, "evaluation.phases[1].advisory_down_select", "warning")
        ], command
        assert f"rename it: write gate: {gate} instead" == found[0]["hint"]
        said = run_cli(command, old).output
        assert f"old.yaml:{line}:7: warning" in said
        assert "advisory_down_select is the old name of gate" in said
    # Under the new name there is nothing to say.
    shipped = run_cli("validate", USCIS, "--format", "json")
    assert OLD_NAME not in shipped.stdout


# Each gate in each document, in the path's words ---------------------------------------------


@pytest.mark.parametrize(
    ("path", "mutate", "responder", "award"),
    [
        (USCIS, None, "quoter", "order"),
        (FEMA, None, "offeror", "order"),
        (USCIS, "negotiated", "offeror", "contract"),
    ],
    ids=["schedule-order", "task-order", "negotiated"],
)
def test_each_gate_kind_reads_the_same_in_every_document(
    path: Path, mutate: str | None, responder: str, award: str
) -> None:
    base = _data(path)
    if mutate:
        base["acquisition"]["ordering_procedure"] = mutate
    first = base["evaluation"]["phases"][0]["name"]

    mandatory = _docs(_gate(_copy(base), 0, "mandatory"))
    for key, text in mandatory.items():
        said = _paragraph_with(text, "mandatory gate.")
        assert f"{responder.capitalize()}s that fail are not evaluated further and are no " \
            f"longer considered for the {award}" in said, key
        assert f"each {responder} must pass every one to continue" in said, key
        assert MAY_STILL not in text and "advises each" not in text, key
    assert first in _paragraph_with(mandatory["acquisition-strategy"], "mandatory gate.")

    advisory = _docs(_gate(_copy(base), 0, "advisory"))
    for key, text in advisory.items():
        said = _paragraph_with(text, "advisory down-select")
        assert f"advises each {responder} whether it is likely to be a viable competitor" in said
        assert f"{responder} advised not to continue {MAY_STILL}" in said, key
        assert "mandatory gate" not in text, key

    none = _docs(_gate(_copy(base), 0, "none"))
    for key, text in none.items():
        assert f"Every {responder} continues to the next phase." in text, key
        assert MAY_STILL not in text and "mandatory gate" not in text, key


def _copy(value: Any) -> Any:
    return yaml.safe_load(yaml.safe_dump(value))


def test_a_mandatory_gate_rates_its_factors_pass_or_fail() -> None:
    docs = _docs(_gate(_data(USCIS), 0, "mandatory"))
    plan = docs["evaluation-plan"]
    assert "| Gate rating | Definition |" in plan
    assert "| Pass | The quotation meets what the factor requires" in plan
    assert "| Fail | The quotation does not meet what the factor requires. The quoter is not " \
        "evaluated further and is no longer considered for the order. |" in plan
    assert "Demonstrated CX practice (written case study) is evaluated in a phase with a " \
        "mandatory gate and rated pass or fail" in plan
    # Its worksheet asks for a gate rating; the others keep the confidence scale.
    assert "| Proposed gate rating (Pass, Fail) |" in plan
    assert "| Proposed rating (High confidence, Some confidence, Low confidence) |" in plan
    for text in (plan, docs["instructions-and-evaluation-criteria"]):
        assert "rates the factor pass or fail: the factor is part of a mandatory gate, and " \
            "quoters that fail it are not evaluated further." in text
    # Without a gate, no factor is passed or failed.
    assert "Gate rating" not in _docs(_data(USCIS))["evaluation-plan"]


def test_a_phase_due_date_is_stated_in_every_document() -> None:
    data = _data(USCIS)
    data["evaluation"]["phases"][1]["submission_due"] = "2027-02-22"
    for key, text in _docs(data).items():
        said = _paragraph_with(text, "Factors: Oral presentation")
        assert "Quotations for this phase are due by 2:00 p.m. Eastern Time on February 22, " \
            "2027." in said, key


# Comparative evaluation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "concept"),
    [(USCIS, None), (FEMA, "order_streamlined"), (CBP, "commercial_quotation_evaluation")],
    ids=["schedule-order", "task-order", "simplified"],
)
def test_comparative_evaluation_says_how_responses_are_compared_and_prints_no_scale(
    path: Path, concept: str | None
) -> None:
    data = _data(path)
    scale = RATING_SCALES[data["evaluation"]["rating_method"]]
    data["evaluation"]["rating_method"] = "comparative"
    answers = _answers(data)
    oral = answers.oral_presentation.used
    keys = (*PHASED_DOCS, "oral-evaluator-packet") if oral else PHASED_DOCS
    docs = _docs(data, keys)
    from cxacq.answers.facts import decide_facts

    facts = decide_facts(answers)
    plan = docs["evaluation-plan"]
    assert "# Comparative evaluation" in plan and "# Rating method" not in plan
    for sentence in comparison_method(facts.response, facts.responses):
        assert sentence in plan
    if concept:
        assert cite(concept) in _paragraph_with(plan, "There is no rating scale")
    assert "| Rating | Definition |" not in plan
    assert f"How this {facts.response} compares with the others on the factor" in plan
    for level, _ in scale:
        for key, text in docs.items():
            assert f"| {level} |" not in text, (key, level)
            assert f"Proposed rating ({level}" not in text, (key, level)
    compared = f"compares the {facts.response} with the other {facts.responses} on this " \
        "factor; no rating is assigned"
    assert compared in plan and compared in docs["instructions-and-evaluation-criteria"]
    assert f"Evaluators compare the {facts.responses} with each other on each factor and " \
        "assign no ratings" in docs["acquisition-strategy"]
    if oral:
        assert "Do not rate the presentation" in docs["oral-evaluator-packet"]
        assert "scale in the evaluation plan" not in docs["oral-evaluator-packet"]


def test_comparative_evaluation_is_refused_for_a_negotiated_contract() -> None:
    data = _data(USCIS)
    data["acquisition"]["ordering_procedure"] = "negotiated"
    data["evaluation"]["rating_method"] = "comparative"
    with pytest.raises(AnswersInvalid) as caught:
        _answers(data)
    (problem,) = caught.value.diagnostics
    assert problem.field == "evaluation.rating_method"
    assert cite("proposal_evaluation") in problem.message
    assert cite("order_streamlined") in problem.message
    assert cite("commercial_quotation_evaluation") in problem.message


def test_the_rating_definitions_have_no_scale_for_comparative_evaluation() -> None:
    assert rating_scale("comparative", "quoter") == ()
    words = " ".join(comparison_method("quotation", "quotations"))
    assert "compare the quotations with each other" in words
    assert "never on a count of findings" in words
    assert not any(level in words for levels in RATING_SCALES.values() for level, _ in levels)
    # A gated past performance factor defaults to the pass or fail scale.
    assert past_performance_method(None, lpta=False, gated=True) == "pass_fail"
    assert past_performance_method("acceptable", lpta=False, gated=True) == "acceptable"
    assert past_performance_method(None, lpta=False) == "confidence"


# The rules ----------------------------------------------------------------------------------


def test_a_factor_in_no_phase_is_found_at_its_id() -> None:
    data = _data(USCIS)
    data["evaluation"]["phases"][1]["factors"] = ["oral-scenario", "price"]
    assert _findings(data, "PHASE-C01") == [(
        "PHASE-C01", "evaluation.factors[3].id",
        "the factor 'staffing' is evaluated in no phase, so the documents never say when it is "
        "evaluated",
    )]
    data["evaluation"]["phases"] = []
    assert _findings(data, "PHASE-C01") == []


def test_a_part_due_before_the_phase_that_evaluates_it_is_found_at_the_factor() -> None:
    data = _data(USCIS)
    data["evaluation"]["phases"][1]["submission_due"] = "2027-02-22"
    (finding,) = _findings(data, "PHASE-C02")
    code, field, message = finding
    # Technical quotation answers case-study (Phase I) and staffing (Phase II).
    assert field == "evaluation.instructions.parts[1].factors[2]"
    assert "'staffing' is evaluated in 'Phase II: oral presentation, staffing and price', " \
        "whose responses are due on February 22, 2027" in message
    assert "due with 'Phase I: written case study' on February 8, 2027" in message
    # Split by phase, the parts are due in the right phases.
    parts = data["evaluation"]["instructions"]["parts"]
    parts[0]["factors"] = ["case-study"]
    parts[1]["factors"] = ["staffing", "price"]
    assert _findings(data, "PHASE-C02") == []


def test_phase_dates_out_of_order_or_against_the_deadline_are_found() -> None:
    data = _data(USCIS)
    phases = data["evaluation"]["phases"]
    phases[0]["submission_due"] = "2027-02-10"  # the instructions say February 8
    phases[1]["submission_due"] = "2027-02-05"
    fields = {field: message for _, field, message in _findings(data, "PHASE-C02")}
    assert "evaluation.phases[1].submission_due" in fields
    assert "the instructions give February 8, 2027" in fields["evaluation.phases[1].submission_due"]
    assert "before those of 'Phase I: written case study'" in fields[
        "evaluation.phases[2].submission_due"]


def test_an_oral_presentation_held_before_its_phase_is_found_at_its_date() -> None:
    data = _data(USCIS)
    data["evaluation"]["phases"][1]["submission_due"] = "2027-03-03"
    data["evaluation"]["instructions"]["parts"][0]["factors"] = ["case-study"]
    data["evaluation"]["instructions"]["parts"][1]["factors"] = ["staffing", "price"]
    found = _findings(data, "PHASE-C02")
    assert [f for _, f, _ in found] == ["oral_presentation.dates[1]"]
    assert "the presentation on March 2, 2027 comes before 'Phase II: oral presentation, " \
        "staffing and price' responses are due (March 3, 2027)" in found[0][2]
    data["oral_presentation"]["dates"] = ["2027-02-08"]  # the day Phase I is due
    del data["evaluation"]["phases"][1]["submission_due"]
    assert [f for _, f, _ in _findings(data, "PHASE-C02")] == ["oral_presentation.dates[1]"]


def test_a_mandatory_gate_on_price_or_confidence_rated_past_performance_is_an_error() -> None:
    data = _gate(_data(FEMA), 1, "mandatory")
    found = _findings(data, "PHASE-C03")
    assert [(c, f) for c, f, _ in found] == [("PHASE-C03", "evaluation.phases[2].factors[3]")]
    assert "'price' is price, which is judged fair and reasonable" in found[0][2]
    data = _gate(_data(FEMA), 0, "mandatory")
    assert _findings(data, "PHASE-C03") == []  # past performance defaults to pass or fail
    plan = _docs(data, ("evaluation-plan",))["evaluation-plan"]
    said = _paragraph_with(plan, "record of comparable public-sector CX work, for relevance")
    assert said.endswith("and the offeror passes. The factor is part of a mandatory gate: "
                         "offerors whose records fail are not evaluated further.")
    assert "| Pass | Based on the offeror's recent, relevant record" in plan
    data["evaluation"]["past_performance_method"] = "confidence"
    found = _findings(data, "PHASE-C03")
    assert [f for _, f, _ in found] == ["evaluation.phases[1].factors[2]"]
    assert "evaluation.past_performance_method" in found[0][2]
