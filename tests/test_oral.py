"""The oral presentation in two files: a releasable handout and an SSI evaluator packet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, example_answers, example_paths, render_example
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.validate import load_and_validate, validate_loaded
from cxacq.documents.catalog import DOCUMENTS, RETIRED, SSI_LEGEND, documents_for
from cxacq.documents.discriminators import DISCRIMINATORS
from cxacq.engine.output import owned_names
from cxacq.engine.pipeline import build_package
from cxacq.guidance import run_rules
from helpers import docx_summary

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
ORAL_EXAMPLES = [p for p in example_paths() if example_answers(p).oral_presentation.used]
HANDOUT = DOCUMENTS["oral-presentation-handout"]
PACKET = DOCUMENTS["oral-evaluator-packet"]


def _markdown(answers) -> tuple[str, str]:
    files = build_package(answers, formats=("markdown",))
    return (files[f"{HANDOUT.filename}.md"].decode(), files[f"{PACKET.filename}.md"].decode())


def _shipped_markdown(path: Path) -> tuple[str, str]:
    """The handout and packet of an unchanged example, from the run's shared packages."""
    files = render_example(path, formats=("markdown",))
    return (files[f"{HANDOUT.filename}.md"].decode(), files[f"{PACKET.filename}.md"].decode())


def _answers(data: dict[str, Any]):
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return validate_loaded(load_answers_text(text, "case.yaml"))


def _findings(data: dict[str, Any], code: str) -> list[tuple[str, int | None, str]]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, "case.yaml")
    return [(d.field, d.line, d.message) for d in run_rules(validate_loaded(loaded), loaded)
            if d.code == code]


def _section(markdown: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    match = re.search(rf"^(#+) {re.escape(heading)}\n(.*?)(?=^#{{1,{{n}}}} |\Z)".replace(
        "{n}", "3"), markdown, re.M | re.S)
    assert match, heading
    return match.group(2)


def test_oral_examples_exist() -> None:
    assert {p.stem for p in ORAL_EXAMPLES} >= {"uscis-work-authorization", "fema-flood-claims"}


def test_both_kinds_only_when_orals_are_used() -> None:
    for path in example_paths():
        answers = load_and_validate(path)
        keys = {k.key for k in documents_for(answers)}
        both = {HANDOUT.key, PACKET.key}
        assert (both <= keys) if answers.oral_presentation.used else not (both & keys)
    assert HANDOUT.audience == "offerors" and PACKET.audience == "government"


@pytest.mark.parametrize("path", ORAL_EXAMPLES, ids=lambda p: p.stem)
def test_handout_is_releasable_and_packet_is_marked(path) -> None:
    answers = load_and_validate(path)
    files = render_example(path, formats=("docx", "markdown"))
    handout = files[f"{HANDOUT.filename}.md"].decode()
    header = docx_summary(files[f"{HANDOUT.filename}.docx"])["header"]
    assert SSI_LEGEND not in header and answers.document.marking not in header
    assert docx_summary(files[f"{PACKET.filename}.docx"])["header"] == [SSI_LEGEND]
    assert "source selection" not in handout.lower()
    for person in answers.evaluation.evaluators:
        assert person.name not in handout, person.name
    assert "Strong evidence" not in handout and "Red flag" not in handout


@pytest.mark.parametrize("path", ORAL_EXAMPLES, ids=lambda p: p.stem)
def test_one_criteria_list_in_both_files(path) -> None:
    answers = load_and_validate(path)
    handout, packet = _shipped_markdown(path)
    oral_ids = set(answers.oral_presentation.factors)
    told = {d for f in answers.evaluation.factors if f.id in oral_ids for d in f.discriminators}
    assert 2 <= len(told) <= 3 * len(oral_ids)
    evaluated = _section(handout, "What the Government will evaluate")
    named = {key for key, guide in DISCRIMINATORS.items() if guide.name in evaluated}
    assert named == told
    # Every criterion named anywhere in either file is one offerors are told.
    for text in (handout, packet):
        shown = {key for key, guide in DISCRIMINATORS.items() if guide.name in text}
        assert shown <= told, shown - told


@pytest.mark.parametrize("path", ORAL_EXAMPLES, ids=lambda p: p.stem)
def test_every_prompt_and_question_names_a_criterion_of_its_factor(path) -> None:
    answers = load_and_validate(path)
    oral = answers.oral_presentation
    scenario = oral.scenario
    oral_ids = set(oral.factors)
    told = {d for f in answers.evaluation.factors if f.id in oral_ids for d in f.discriminators}
    assert len(scenario.prompt_criteria) == len(scenario.prompts)
    assert len(oral.question_criteria) == len(oral.questions)
    assert set(scenario.prompt_criteria) | set(oral.question_criteria) <= told
    handout, packet = _shipped_markdown(path)
    for prompt, key in zip(scenario.prompts, scenario.prompt_criteria, strict=True):
        name = DISCRIMINATORS[key].name
        assert f"{prompt} (criterion: {name})" in handout
        assert f"{prompt} | {name} |" in packet


@pytest.mark.parametrize("path", ORAL_EXAMPLES, ids=lambda p: p.stem)
def test_both_files_give_the_same_specific_dates(path) -> None:
    answers = load_and_validate(path)
    handout, packet = _shipped_markdown(path)
    dates = answers.oral_presentation.dates
    assert dates
    for day in dates:
        words = f"{day:%B} {day.day}, {day.year}"
        assert words in handout and words in packet
    for text in (handout, packet):
        assert "week of" not in text.lower()


def test_a_week_instead_of_dates_is_flagged_at_its_field() -> None:
    data = load_answers_file(USCIS).data
    del data["oral_presentation"]["dates"]
    data["oral_presentation"]["window"] = "The week of March 1, 2027"
    assert [f for f, _, _ in _findings(data, "ORAL-C24")] == ["oral_presentation.window"]


def test_question_period_says_the_same_in_both_files() -> None:
    data = load_answers_file(USCIS).data
    disclosed = _answers(data)
    handout, packet = _markdown(disclosed)
    assert "Standard questions" in handout and "Standard questions" in packet
    rule = ("The answers are part of the evaluated presentation. They cannot change the "
            "written quotation.")
    assert rule in handout and rule in packet
    for question in disclosed.oral_presentation.questions:
        assert question in handout and question in packet
    data["oral_presentation"]["questions_disclosed"] = False
    del data["oral_presentation"]["questions"]
    del data["oral_presentation"]["question_criteria"]
    handout, packet = _markdown(_answers(data))
    clarify = "only ask the quoter to clarify what was presented"
    assert clarify in handout and clarify in packet
    assert "Standard questions" not in handout and "Standard questions" not in packet
    assert "evaluated presentation" not in handout + packet


def test_rated_questions_in_a_clarification_period_are_flagged() -> None:
    data = load_answers_file(USCIS).data
    data["oral_presentation"]["questions_disclosed"] = False
    found = _findings(data, "ORAL-C23")
    assert [f for f, _, _ in found] == ["oral_presentation.questions"]
    assert "negotiations" in found[0][2] or "exchanges" in found[0][2]


def test_prompt_mapped_to_an_undisclosed_criterion_is_an_error_at_its_field() -> None:
    data = load_answers_file(USCIS).data
    data["oral_presentation"]["scenario"]["prompt_criteria"][1] = "staffing_realism"
    found = _findings(data, "ORAL-C21")
    assert [f for f, _, _ in found] == ["oral_presentation.scenario.prompt_criteria[2]"]
    assert "not told" in found[0][2]
    del data["oral_presentation"]["question_criteria"]
    fields = [f for f, _, _ in _findings(data, "ORAL-C21")]
    assert "oral_presentation.questions[1]" in fields


def test_more_than_three_criteria_warns_with_the_reason() -> None:
    data = load_answers_file(USCIS).data
    factor = next(f for f in data["evaluation"]["factors"] if f["kind"] == "oral")
    factor["discriminators"] += ["whole_journey"]
    found = _findings(data, "ORAL-C20")
    assert len(found) == 1 and found[0][0].endswith(".discriminators")
    assert "cannot test more than three in one session" in found[0][2]


@pytest.mark.parametrize(
    ("field", "value", "leak", "source"),
    [
        ("context", "USCIS renews work permits.", "USCIS", "program.component"),
        ("title", "Inside the EAX program", "EAX", "program.acronym"),
        ("current_state", "About 118 calls per 1,000 cases.", "118",
         "capacity.success_measures[0].baseline"),
        ("prompts.2", "How would the Department of Homeland Security know?",
         "Department of Homeland Security", "agency.name"),
    ],
)
def test_fiction_leak_is_listed_at_its_field(field, value, leak, source) -> None:
    data = load_answers_file(USCIS).data
    scenario = data["oral_presentation"]["scenario"]
    if "." in field:
        name, index = field.split(".")
        scenario[name][int(index)] = value
        where = f"oral_presentation.scenario.{name}[{int(index) + 1}]"
    else:
        scenario[field] = value
        where = f"oral_presentation.scenario.{field}"
    found = _findings(data, "ORAL-C22")
    assert [(f, m) for f, _, m in found if leak in m] and all(f == where for f, _, _ in found)
    assert source in found[0][2]
    scenario["fictionalized"] = False  # not claimed fictional: nothing to leak
    assert _findings(data, "ORAL-C22") == []


@pytest.mark.parametrize("path", ORAL_EXAMPLES, ids=lambda p: p.stem)
def test_shipped_fictional_scenarios_leak_nothing(path) -> None:
    data = load_answers_file(path).data
    assert load_and_validate(path).oral_presentation.scenario.fictionalized
    assert _findings(data, "ORAL-C22") == []


def test_a_scenario_that_is_not_fictional_does_not_claim_to_be() -> None:
    data = load_answers_file(USCIS).data
    data["oral_presentation"]["scenario"]["fictionalized"] = False
    handout, packet = _markdown(_answers(data))
    assert "fictionalized" not in _section(handout, 'The scenario: "Where is my work permit?"')
    assert "fictionalized" not in packet


def test_an_unrelated_scenario_is_not_described_as_drawn_from_the_program() -> None:
    data = load_answers_file(USCIS).data
    scenario = data["oral_presentation"]["scenario"]
    scenario["related_to_program"] = False
    del scenario["need_rank"]
    handout, _ = _markdown(_answers(data))
    assert "drawn from the program" not in handout
    assert "not about the program" not in handout  # it is fictionalized, which says enough
    scenario["fictionalized"] = False
    handout, _ = _markdown(_answers(data))
    assert "The scenario is not about the program." in handout


def test_an_interview_without_a_scenario_renders_both_files() -> None:
    data = load_answers_file(USCIS).data
    questions = data["oral_presentation"]["scenario"]
    data["oral_presentation"]["session"] = "interview"
    del data["oral_presentation"]["scenario"]
    del data["oral_presentation"]["scenario_lead_time"]
    handout, packet = _markdown(_answers(data))
    assert "The scenario:" not in handout and "Scenario released" not in handout
    assert questions["title"] not in handout + packet
    assert "Before the presentations begin" in packet


def test_retired_scenario_file_is_still_cxacq_own() -> None:
    assert "oral-presentation-scenario" in RETIRED
    assert "oral-presentation-scenario" not in {k.filename for k in DOCUMENTS.values()}
    owned = owned_names()
    assert {"oral-presentation-scenario.docx", "oral-presentation-scenario.md"} <= owned


# The time budget per prompt --------------------------------------------------------------

INSTRUCTIONS = DOCUMENTS["instructions-and-evaluation-criteria"]


def _budget_tables(answers) -> dict[str, list[tuple[str, str]]]:
    """Return, per document, the rows of its time-budget table (empty when it has none)."""
    files = build_package(answers, formats=("markdown",))
    tables = {}
    for kind in (HANDOUT, PACKET, INSTRUCTIONS):
        text = files[f"{kind.filename}.md"].decode()
        match = re.search(r"budgeted by the scenario's prompts:\n\n\| Part of the \w+ \| Time \|\n"
                          r"\| --- \| --- \|\n((?:\|.*\|\n)+)", text)
        tables[kind.key] = [
            tuple(cell.strip() for cell in row.strip("|").split("|"))
            for row in match.group(1).splitlines()
        ] if match else []
    return tables


@pytest.mark.parametrize("path", ORAL_EXAMPLES, ids=lambda p: p.stem)
def test_the_time_budget_is_one_table_in_the_instructions_handout_and_packet(path) -> None:
    answers = load_and_validate(path)
    oral = answers.oral_presentation
    minutes = oral.scenario.prompt_minutes
    assert minutes, path.stem  # every shipped scenario carries a budget (PRT-C05)
    tables = _budget_tables(answers)
    expected = [(f"Prompt {i}", f"{m} minutes") for i, m in enumerate(minutes, 1)]
    if sum(minutes) < oral.presentation_minutes:
        left = oral.presentation_minutes - sum(minutes)
        expected.append(("Not assigned to a prompt", f"{left} minutes"))
    expected.append(("Total", f"{oral.presentation_minutes} minutes"))
    assert tables == dict.fromkeys(tables, expected)


def test_time_left_over_has_its_row_and_no_budget_prints_no_table() -> None:
    data = load_answers_file(USCIS).data
    data["oral_presentation"]["scenario"]["prompt_minutes"] = ["10", "10", "10", "10"]
    tables = _budget_tables(_answers(data))
    assert {rows[-2] for rows in tables.values()} == {("Not assigned to a prompt", "20 minutes")}
    del data["oral_presentation"]["scenario"]["prompt_minutes"]
    assert _budget_tables(_answers(data)) == dict.fromkeys(tables, [])


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        (["20", "20", "20", "20"], "the prompts' minutes add up to 80, more than the 60 minutes"),
        (["15", "15", "15"], "gives minutes for 3 prompts, but the scenario has 4"),
    ],
    ids=["over-the-presentation", "not-one-per-prompt"],
)
def test_a_time_budget_that_does_not_fit_is_an_error_at_its_line(
    minutes, message, run_cli, tmp_path
) -> None:
    text = USCIS.read_text(encoding="utf-8")
    line = "    prompt_minutes: [15, 20, 10, 10]\n"
    assert text.count(line) == 1
    case = tmp_path / "case.yaml"
    case.write_text(text.replace(line, f"    prompt_minutes: [{', '.join(minutes)}]\n"),
                    encoding="utf-8")
    number = text.splitlines(keepends=True).index(line) + 1
    result = run_cli("validate", case)
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    field = "oral_presentation.scenario.prompt_minutes"
    assert first.startswith(f"{case}:{number}:5: error: {field}: "), first
    assert message in first


def test_an_oral_session_with_no_record_method_is_refused(run_cli, tmp_path) -> None:
    # A protest-risk pattern (an evaluated session nobody can reconstruct) that the model
    # refuses outright, so no PRT rule needs to look for it.
    text = USCIS.read_text(encoding="utf-8")
    line = "  recording: government_video\n"
    assert text.count(line) == 1
    case = tmp_path / "case.yaml"
    case.write_text(text.replace(line, ""), encoding="utf-8")
    result = run_cli("validate", case)
    assert result.exit_code == 1, result.output
    assert "error: oral_presentation.recording: is required when oral presentations are used" \
        in result.stdout
