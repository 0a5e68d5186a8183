"""Oral sessions of every kind real buys use, and every session rule taken from the answers.

Each session kind is rendered from the USCIS example, changed as a program office would change
it, and the four documents that describe the session are read for its own words. Each rule the
templates used to state on their own (the old sentence is quoted) is absent when its answer is,
and printed when it is given.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, example_answers, example_paths
from cxacq.answers.fields import field_spec
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model.evaluation import OralPresentation
from cxacq.answers.scaffold import scaffold_text
from cxacq.answers.validate import validate_loaded, value_problem
from cxacq.cli.interview import script
from cxacq.engine.pipeline import build_package
from cxacq.errors import AnswersInvalid
from cxacq.guidance import run_rules
from helpers import doc_file

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
HANDOUT = doc_file("oral-presentation-handout", "md")
PACKET = doc_file("oral-evaluator-packet", "md")
PLAN = doc_file("evaluation-plan", "md")
INSTRUCTIONS = doc_file("instructions-and-evaluation-criteria", "md")
DEMO = ("Their working prototype of an online case-status page, on their own equipment, using "
        "the test data provided.")


def _data() -> dict[str, Any]:
    return load_answers_file(USCIS).data


def _validated(data: dict[str, Any]):
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return validate_loaded(load_answers_text(text, "case.yaml"))


def _docs(data: dict[str, Any]) -> dict[str, str]:
    return dict(_docs_of(yaml.safe_dump(data, sort_keys=False, allow_unicode=True)))


@functools.cache
def _docs_of(text: str) -> dict[str, str]:
    """The Markdown documents of one answers text, rendered once per process: several tests
    render the same answers (the example unchanged, or one session rule removed or given)."""
    files = build_package(validate_loaded(load_answers_text(text, "case.yaml")),
                          formats=("markdown",))
    return {name: body.decode() for name, body in files.items() if name.endswith(".md")}


def _errors(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(AnswersInvalid) as caught:
        _validated(data)
    return [(d.field, d.message) for d in caught.value.diagnostics]


def _interview(data: dict[str, Any]) -> dict[str, Any]:
    oral = data["oral_presentation"]
    oral["session"] = "interview"
    del oral["scenario"]
    del oral["scenario_lead_time"]
    return data


def _challenge(data: dict[str, Any]) -> dict[str, Any]:
    data["oral_presentation"]["session"] = "technical_challenge"
    return data


def _demonstration(data: dict[str, Any]) -> dict[str, Any]:
    oral = data["oral_presentation"]
    oral["session"] = "product_demonstration"
    oral["demonstration"] = DEMO
    del oral["scenario"]
    del oral["scenario_lead_time"]
    return data


# -- 1. Every kind of session, in its own words ----------------------------------------------

SESSIONS = {
    "scenario_presentation": (
        lambda data: data,
        "Quoters give an oral presentation in response to a scenario drawn from the program's "
        "priority customer-experience challenge.",
        "| Presentation | 60 minutes |",
    ),
    "interview": (
        _interview,
        "Quoters take part in a question-and-answer interview, with no scenario. The evaluators "
        "ask every quoter the same standard questions, in the same order; the questions are "
        "given to quoters in the oral presentation instructions.",
        "| Interview | 60 minutes |",
    ),
    "technical_challenge": (
        _challenge,
        "Quoters take part in a technical challenge: the people who would do the work carry out "
        "a hands-on exercise on a scenario drawn from the program's priority customer-experience "
        "challenge, then show the evaluators what they produced and how they worked.",
        "| Challenge | 60 minutes |",
    ),
    "product_demonstration": (
        _demonstration,
        f"Quoters give a product demonstration. {DEMO}",
        "| Demonstration | 60 minutes |",
    ),
}


@pytest.mark.parametrize("kind", SESSIONS)
def test_each_session_is_described_in_its_own_words_in_all_four_documents(kind: str) -> None:
    mutate, words, timing = SESSIONS[kind]
    docs = _docs(mutate(_data()))
    for name in (HANDOUT, PACKET, PLAN, INSTRUCTIONS):
        assert words in docs[name], name
    assert timing in docs[HANDOUT]
    others = [w for k, (_, w, _) in SESSIONS.items() if k != kind]
    for name in (HANDOUT, PACKET, PLAN, INSTRUCTIONS):
        for other in others:
            assert other not in docs[name], (name, other)


STRATEGY_WORDS = {
    "scenario_presentation": "will give an oral presentation on a simple scenario",
    "interview": "will take part in a question-and-answer interview",
    "technical_challenge": "will take part in a technical challenge on a simple scenario",
    "product_demonstration": "will give a product demonstration",
}


@pytest.mark.parametrize("kind", SESSIONS)
def test_the_acquisition_strategy_names_the_kind_of_session(kind: str) -> None:
    # It said "an oral presentation" for every kind, "on a simple scenario" whenever one was given.
    strategy = _docs(SESSIONS[kind][0](_data()))[doc_file("acquisition-strategy", "md")]
    assert STRATEGY_WORDS[kind] in strategy
    for other, words in STRATEGY_WORDS.items():
        if other != kind:
            assert words not in strategy, other


def test_an_interview_has_no_scenario_and_its_questions_are_the_session() -> None:
    data = _interview(_data())
    docs = _docs(data)
    handout, packet = docs[HANDOUT], docs[PACKET]
    assert "The scenario:" not in handout and "Scenario released" not in handout
    assert "What each prompt tests" not in packet
    rule = "The answers to the standard questions are the evaluated interview."
    assert rule in handout and rule in packet
    for question in data["oral_presentation"]["questions"]:
        assert question in handout and question in packet
    # Questions not given in advance: asked of all alike, in the packet only, never a warning.
    data["oral_presentation"]["questions_disclosed"] = False
    docs = _docs(data)
    assert "the questions are not given in advance" in docs[HANDOUT]
    assert "They are not given to quoters in advance." in docs[PACKET]
    for question in data["oral_presentation"]["questions"]:
        assert question not in docs[HANDOUT] and question in docs[PACKET]
    text = yaml.safe_dump(data, sort_keys=False)
    loaded = load_answers_text(text, "case.yaml")
    assert [d for d in run_rules(validate_loaded(loaded), loaded) if d.code == "ORAL-C23"] == []


def test_a_demonstration_may_work_through_a_scenario() -> None:
    data = _data()
    data["oral_presentation"]["session"] = "product_demonstration"
    data["oral_presentation"]["demonstration"] = DEMO
    handout = _docs(data)[HANDOUT]
    assert (f"{DEMO} The demonstration works through a scenario drawn from the program's "
            "priority customer-experience challenge.") in handout
    assert '# The scenario: "Where is my work permit?"' in handout


def test_no_session_kind_keeps_the_meaning_of_existing_answers() -> None:
    data = _data()
    del data["oral_presentation"]["session"]
    assert _validated(data).oral_presentation.session_kind == "scenario_presentation"
    data = _interview(_data())
    del data["oral_presentation"]["session"]
    assert _validated(data).oral_presentation.session_kind == "interview"


@pytest.mark.parametrize(
    ("kind", "remove", "field", "words"),
    [
        ("scenario_presentation", "scenario", "oral_presentation.scenario", "needs a scenario"),
        ("technical_challenge", "scenario", "oral_presentation.scenario", "needs a scenario"),
        ("interview", None, "oral_presentation.scenario", "has no scenario"),
        ("interview", "questions", "oral_presentation.questions", "standard questions"),
        ("product_demonstration", None, "oral_presentation.demonstration",
         "what offerors demonstrate"),
    ],
)
def test_a_session_without_what_it_needs_is_an_error_at_its_field(
    kind: str, remove: str | None, field: str, words: str
) -> None:
    data = _data()
    oral = data["oral_presentation"]
    oral["session"] = kind
    if remove == "questions":
        del oral["scenario"], oral["question_criteria"]
    if remove:
        del oral[remove]
    found = _errors(data)
    assert [f for f, _ in found] == [field], found
    assert words in found[0][1]


def test_a_bad_session_kind_names_the_choices() -> None:
    data = _data()
    data["oral_presentation"]["session"] = "pitch"
    with pytest.raises(AnswersInvalid) as caught:
        _validated(data)
    (found,) = caught.value.diagnostics
    assert found.field == "oral_presentation.session" and "'pitch'" in found.message
    assert "interview" in (found.hint or "") and "technical_challenge" in (found.hint or "")


def test_a_scenario_link_to_the_program_is_stated_only_when_it_has_one() -> None:
    data = _data()
    scenario = data["oral_presentation"]["scenario"]
    scenario["related_to_program"] = False
    del scenario["need_rank"]
    scenario["fictionalized"] = False
    docs = _docs(data)
    for name in (HANDOUT, PACKET, PLAN, INSTRUCTIONS):
        assert "drawn from the program" not in docs[name], name
        assert "in response to a scenario that is not about the program" in docs[name], name


# -- 2. Every rule about the session comes from the answers ----------------------------------

# (field, the sentence today's templates printed whatever the answers said, the value to give,
#  the words it prints when given)
RULES = [
    ("slides_submission",
     "submitted to the contracting officer by email one hour before the presentation",
     "through the eBuy message center by noon the day before",
     "no more than 20, submitted through the eBuy message center by noon the day before."),
    ("only_project_staff",
     "Presenters who will not work on the contract, such as business development or marketing "
     "staff, may not present.",
     True,
     "Only people who will work on the contract may present: business development and "
     "marketing staff may not."),
    ("no_other_material",
     "no other written material is accepted",
     True,
     "not considered. No other written material is accepted."),
    ("technical_check",
     "a 15-minute connection test is held the business day before",
     "A 5-minute sound check opens each session.",
     "- **Technical check:** A 5-minute sound check opens each session."),
    ("session_rules",
     "Presenters may not consult people outside the room (no reach-back) during the "
     "presentation or the questions.",
     ["Phones stay off during the session."],
     "- Phones stay off during the session."),
    ("session_rules",
     "may ask the contracting officer questions about logistics only.",
     ["Phones stay off during the session."],
     "- Phones stay off during the session."),
    ("session_rules",
     "Times are hard stops: the contracting officer will end each part when its time runs out",
     ["Phones stay off during the session."],
     "- Phones stay off during the session."),
    ("session_rules",
     "may not record it.",
     ["Phones stay off during the session."],
     "- Phones stay off during the session."),
    ("order",
     "random",
     "Sessions run in the order responses were received.",
     "- **Order of presentations:** Sessions run in the order responses were received."),
]


@pytest.mark.parametrize(("field", "old", "value", "printed"), RULES,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(RULES)])
def test_a_session_rule_is_stated_only_from_its_answer(
    field: str, old: str, value: Any, printed: str
) -> None:
    data = _data()
    data["oral_presentation"].pop(field, None)
    docs = _docs(data)
    for name in (HANDOUT, PACKET):
        assert old not in docs[name], (name, old)
    assert printed not in docs[HANDOUT]
    data["oral_presentation"][field] = value
    assert printed in _docs(data)[HANDOUT]


def test_without_a_lead_time_the_contracting_officer_gives_it() -> None:
    data = _data()
    data["oral_presentation"].pop("scenario_lead_time", None)
    handout = _docs(data)[HANDOUT]
    assert "24 hours" not in handout  # the template's own default until now
    assert ("| Scenario released to the quoter | At the time the contracting officer gives in "
            "writing |") in handout


def test_without_dates_or_window_no_notice_period_is_invented() -> None:
    data = _data()
    del data["oral_presentation"]["dates"]
    data["oral_presentation"].pop("window", None)
    handout = _docs(data)[HANDOUT]
    assert "at least five business days ahead" not in handout
    assert "on a date the contracting officer gives each quoter in writing" in handout


def test_without_required_presenters_no_presenter_is_invented() -> None:
    data = _data()
    del data["oral_presentation"]["required_presenters"]
    handout = _docs(data)[HANDOUT]
    assert "including the lead for CX research and design, must present" not in handout
    assert "The quoter chooses who presents." in handout


def test_follow_up_examples_come_from_the_answers() -> None:
    data = _data()
    data["oral_presentation"].pop("follow_ups", None)
    packet = _docs(data)[PACKET]
    assert '"Can you give an example?", "Who on the team would do that?"' not in packet
    assert "For instance" not in packet
    data["oral_presentation"]["follow_ups"] = ["What would you drop first?"]
    packet = _docs(data)[PACKET]
    assert "give an example. For instance:\n\n- What would you drop first?\n" in packet


@pytest.mark.parametrize(
    ("lead_time", "printed"),
    [("two business days before the presentation", "two business days before the presentation"),
     ("at least 48 hours", "at least 48 hours before the presentation"),
     ("At the start of the session", "At the start of the session")],
)
def test_lead_time_is_printed_as_the_field_says(lead_time: str, printed: str) -> None:
    data = _data()
    data["oral_presentation"]["scenario_lead_time"] = lead_time
    handout = _docs(data)[HANDOUT]
    assert f"| Scenario released to the quoter | {printed} |" in handout
    assert "before the presentation before the presentation" not in handout
    description = OralPresentation.model_fields["scenario_lead_time"].description or ""
    assert "two business days before the presentation" in description


# -- 3. Defaults are offered where the user sees them ----------------------------------------

NEW_RULE_FIELDS = ("session", "scenario_lead_time", "order", "technical_check",
                   "only_project_staff", "slides_submission", "no_other_material",
                   "session_rules", "follow_ups")


def test_init_and_the_interview_offer_every_session_rule() -> None:
    starter = scaffold_text()
    for name in NEW_RULE_FIELDS:
        assert f"\n  {name}:" in starter, name  # stated, not commented out
        path = f"oral_presentation.{name}"
        offered = field_spec(("oral_presentation", name)).offered
        assert offered is not None, path
        assert value_problem(("oral_presentation", name), offered) is None, path
        assert path in script.QUESTIONS, path


@pytest.mark.parametrize(
    "path", [p for p in example_paths() if example_answers(p).oral_presentation.used],
    ids=lambda p: p.stem,
)
def test_shipped_oral_examples_state_every_session_rule(path) -> None:
    oral = load_answers_file(path).data["oral_presentation"]
    for name in NEW_RULE_FIELDS:
        assert name in oral, name


def test_no_slides_invents_no_other_permission() -> None:
    data = _data()
    data["oral_presentation"]["slides_allowed"] = False
    del data["oral_presentation"]["slide_limit"], data["oral_presentation"]["slides_submission"]
    handout = _docs(data)[HANDOUT]
    assert "may share sketches or whiteboard work" not in handout  # the template's own rule
    assert "No slides may be used. Only what is presented is evaluated" in handout
