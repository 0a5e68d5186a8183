"""`cxacq init --interactive`: the guided interview, driven with piped input and a terminal."""

from __future__ import annotations

import builtins
import copy
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CASES, EXAMPLES, ROOT, example_paths
from cxacq.answers.fields import answer_fields, field_spec
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.scaffold import SECTION_INTROS
from cxacq.answers.validate import find_problems, load_and_validate, value_problem
from cxacq.cli.interview.engine import SECTIONS, asks_as_required, is_long, parse_key
from cxacq.cli.interview.prompter import Prompter
from cxacq.cli.interview.quick import quick_question_count
from cxacq.errors import CxacqError
from cxacq.guidance.todo import MARK as TODO_MARK

SCRIPT = CASES / "interview" / "from-scratch.yaml"


def _script() -> dict[str, object]:
    return yaml.safe_load(SCRIPT.read_text(encoding="utf-8"))


class Script:
    """Answer each question by the path it shows (``Prompter.key``), never by its position.

    A value is typed at its question; a list gives the answers typed there in turn. A
    question not named is answered with Enter. Adding a question to the interview shifts
    nothing: only the new question's own answer, if any, is needed.
    """

    def __init__(self, answers: dict[str, object]) -> None:
        self.queues = {
            key: [str(v) for v in value] if isinstance(value, list) else [str(value)]
            for key, value in answers.items()
        }
        self.asked: list[str] = []

    def __call__(self, prompter, prompt: str = "") -> str:
        self.asked.append(prompter.key)
        if len(self.asked) > 5000:
            raise EOFError  # a question that never accepts its answer
        queue = self.queues.get(prompter.key)
        return queue.pop(0) if queue else ""

    def unused(self) -> dict[str, list[str]]:
        return {key: queue for key, queue in self.queues.items() if queue}


@pytest.fixture
def interview(run_cli, monkeypatch, tmp_path):
    """Run `cxacq init` in tmp_path with ``text`` piped to standard input."""

    def _run(text: str, *args: str):
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        return run_cli("init", *args)

    return _run


@pytest.fixture
def scripted(run_cli, monkeypatch, tmp_path):
    """Run `cxacq init` in tmp_path answering each question by name (see :class:`Script`)."""

    def _run(answers: dict[str, object], *args: str, complete: bool = True):
        script = Script(answers)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        monkeypatch.setattr(Prompter, "_input", lambda self, prompt: script(self, prompt))
        result = run_cli("init", *args)
        if complete:
            assert not script.unused(), (script.unused(), result.output[-3000:])
        result.script = script
        return result

    return _run


@pytest.fixture(scope="module")
def from_scratch(tmp_path_factory: pytest.TempPathFactory):
    """The from-scratch interview, run once for the four tests that read its transcript or file.

    As ``scripted`` does, in-process, in a folder of its own; the result carries ``folder``.
    """
    import contextlib

    from conftest import CliResult
    from cxacq.cli.commands import run

    folder = tmp_path_factory.mktemp("from-scratch")
    script = Script(_script())
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_COLOR", "1")
        for name in ("SOURCE_DATE_EPOCH", "CXACQ_DEBUG", "CI"):
            patch.delenv(name, raising=False)
        patch.chdir(folder)
        patch.setattr(sys, "stdin", io.StringIO(""))
        patch.setattr(Prompter, "_input", lambda self, prompt: script(self, prompt))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(["init", "--interactive", "program.yaml"])
    result = CliResult(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in result.output, result.output
    assert not script.unused(), (script.unused(), result.output[-3000:])
    result.script = script
    result.folder = folder
    return result


def test_interview_from_scratch_writes_a_file_that_validates(from_scratch) -> None:
    result = from_scratch
    assert result.exit_code == 0, result.output[-3000:]
    written = result.folder / "program.yaml"
    answers = load_and_validate(written)
    assert answers.program.name == "Disaster Assistance Status Line"
    assert list(answers.program.channels) == ["online", "mobile_app", "phone"]
    assert answers.needs[0].rank == 1 and list(answers.needs[0].measures) == ["repeat-calls"]
    assert answers.oral_presentation.used is False
    # The script answers every question the shipped minimal example answers, the cost
    # estimate included, and nothing more (plus "needs 1 moves repeat-calls", "factor 1 tests
    # need 1" and explicit defaults).
    expected = load_and_validate(EXAMPLES / "minimal.yaml")
    assert answers.cost_estimate is not None
    assert [r.id for r in answers.cost_estimate.rates] == [
        "researcher", "service-designer", "content-designer"]
    assert (
        answers.model_copy(update={"needs": expected.needs, "evaluation": expected.evaluation})
        == expected
    )
    assert (result.folder / "cxacq.schema.json").is_file()


def test_interview_file_has_the_scaffold_layout(from_scratch) -> None:
    text = (from_scratch.folder / "program.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=cxacq.schema.json\n")
    assert "written by `cxacq init --interactive`" in text.lower()
    assert "EVERY VALUE BELOW IS AN EXAMPLE" not in text
    for intro in SECTION_INTROS.values():
        assert f"# {intro.split()[0]}" in text
    assert "# lpta_justification:" in text  # optional fields not answered are offered as comments


def test_invalid_answers_are_asked_again_with_the_validate_message(
    from_scratch, run_cli, tmp_path
) -> None:
    result = from_scratch
    assert result.exit_code == 0
    transcript = result.stdout
    # Each bad answer in the script, then the message `validate` gives for the same value in a file.
    minimal = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
    assert "✗ answer y or n" in transcript  # program.hisp: a yes-or-no question says so
    cases = {
        "by": (
            "      target: 20 percent lower than at award\n",
            "      target: 20 percent lower than at award\n      by: 2027-02-30\n",
        ),
        "rank": ("  - rank: 1\n", "  - rank: 0\n"),
    }
    for name, (old, new) in cases.items():
        bad = tmp_path / f"bad-{name}.yaml"
        bad.write_text(minimal.replace(old, new), encoding="utf-8")
        check = run_cli("validate", bad)
        assert check.exit_code == 1
        message = re.search(r": error: [\w.\[\]]+: (.+)$", check.stdout, re.MULTILINE).group(1)
        assert f"✗ {message}" in transcript, (name, message)


def test_interview_runs_the_guidance_checks_and_shows_a_summary(from_scratch) -> None:
    result = from_scratch
    out = result.stdout
    assert "Summary" in out and "Disaster Assistance Status Line" in out
    assert "SEED-C09" in out  # the minimal answers have no market research
    assert "Readiness" in out
    assert "Roadmap step 1: focus on a persistent customer need" in out
    assert "Focus will concentrate momentum" in out  # the guidance's words, with the question


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_starting_from_a_file_offers_its_values_as_defaults(
    interview, tmp_path, example: Path
) -> None:
    # Pressing Enter at every question keeps every value: the interview reproduces the file.
    result = interview("\n" * 3000, "-i", "--from", str(example), "copy.yaml")
    assert result.exit_code == 0, result.output[-2000:]
    assert load_and_validate(tmp_path / "copy.yaml") == load_and_validate(example)


def test_revising_a_file_in_place_changes_only_what_is_answered(scripted, tmp_path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = load_and_validate(target)
    # One menu picks the sections to revise (not a question per section): only "program".
    answers = {"revise": "2", "program.name": "Status Line Modernisation"}
    result = scripted(answers, "-i", "--from", "mine.yaml", "mine.yaml")
    assert result.exit_code == 0, result.output[-2000:]
    assert "Replace mine.yaml" in result.stdout
    assert result.stdout.count("Which sections do you want to go through?") == 1
    assert "Go through its questions?" not in result.stdout
    assert not any(key.startswith("document") for key in result.script.asked)
    after = load_and_validate(target)
    assert after.program.name == "Status Line Modernisation"
    assert after.model_copy(update={"program": before.program}) == before


def test_problems_that_span_fields_are_asked_at_the_field(scripted, tmp_path) -> None:
    source = tmp_path / "two-firsts.yaml"
    text = (EXAMPLES / "uscis-work-authorization.yaml").read_text(encoding="utf-8")
    text = text.replace("  - rank: 2\n", "  - rank: 1\n", 1)
    source.write_text(text, encoding="utf-8")
    # Keep every section as it is; the duplicate rank is asked again at its field.
    answers = {"revise": "0", "needs[2].rank": "2"}
    result = scripted(answers, "-i", "--from", str(source), "fixed.yaml")
    assert result.exit_code == 0, result.output[-2000:]
    assert "rank 1 is given to more than one need" in result.stdout
    assert "needs[2].rank" in result.stdout
    assert [n.rank for n in load_and_validate(tmp_path / "fixed.yaml").needs] == [1, 2, 3, 4]


def test_end_of_input_keeps_the_draft(interview, tmp_path) -> None:
    typed = _typed({"mode": "full", "document.date": "2026-11-02"})
    result = interview(typed, "-i", "program.yaml")
    assert result.exit_code == 1
    assert "input ended before the interview finished; your answers so far are kept in " \
        ".program.yaml.draft" in result.stderr
    assert "cxacq init --resume program.yaml" in result.stderr
    assert not (tmp_path / "program.yaml").exists()
    assert not (tmp_path / "cxacq.schema.json").exists()


def test_ctrl_c_at_the_first_question_writes_nothing(interview, tmp_path, monkeypatch) -> None:
    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(builtins, "input", interrupted)
    result = interview("", "-i", "program.yaml")
    assert result.exit_code == 130
    assert "the interview was stopped; nothing was written" in result.stderr
    assert not list(tmp_path.iterdir())


def test_existing_file_is_refused_before_any_question(scripted, tmp_path) -> None:
    (tmp_path / "program.yaml").write_text("keep me\n", encoding="utf-8")
    result = scripted(_script(), "-i", "program.yaml", complete=False)
    assert result.exit_code == 4
    assert "already exists" in result.stderr
    assert "?" not in result.stdout  # not a single question was asked
    assert (tmp_path / "program.yaml").read_text(encoding="utf-8") == "keep me\n"


def test_interactive_and_no_input_together_is_a_usage_error(interview) -> None:
    result = interview("", "--interactive", "--no-input")
    assert result.exit_code == 2
    assert "cannot be used together" in result.stderr


def test_no_input_from_a_file_writes_it_in_the_commented_layout(interview, tmp_path) -> None:
    result = interview("", "--no-input", "--from", str(EXAMPLES / "minimal.yaml"), "copy.yaml")
    assert result.exit_code == 0
    text = (tmp_path / "copy.yaml").read_text(encoding="utf-8")
    assert "# lpta_justification:" in text
    assert (
        load_answers_text(text, "copy.yaml").data
        == load_answers_file(EXAMPLES / "minimal.yaml").data
    )


def test_without_a_terminal_init_writes_the_starter_file(interview, tmp_path) -> None:
    result = interview("", )
    assert result.exit_code == 0
    assert (tmp_path / "cxacq-answers.yaml").is_file()
    assert "EVERY VALUE BELOW IS AN EXAMPLE" in (tmp_path / "cxacq-answers.yaml").read_text(
        encoding="utf-8"
    )


def _cxacq() -> list[str]:
    return [sys.executable, "-m", "cxacq"]


def _typed(answers: dict[str, object]) -> str:
    """Return what a person types on a pipe for ``answers``, named and in the order asked.

    A list and a long answer end with an empty line, as the interview asks for them; every
    other answer is one line. Only the names and the interview's own field kinds decide the
    lines, so no answer depends on the position of another.
    """
    lines: list[str] = []
    for key, value in answers.items():
        lines += [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if key == "mode":
            continue
        spec = field_spec(parse_key(key))
        if spec.kind in ("text_list", "int_list") or is_long(spec):
            lines.append("")
    return "\n".join(lines) + "\n"


def test_piped_input_through_a_real_process(tmp_path: Path) -> None:
    # The short path's answers, named (QUICK, in the order the short path asks them), typed
    # through a pipe into a real process.
    done = subprocess.run(
        [*_cxacq(), "init", "--interactive", "program.yaml"],
        input=_typed(QUICK), capture_output=True, text=True, cwd=tmp_path,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    load_and_validate(tmp_path / "program.yaml")
    data = load_answers_file(tmp_path / "program.yaml").data
    for key, value in QUICK.items():  # each answer landed at the question it names
        if key == "mode":
            continue
        spec = field_spec(parse_key(key))
        got = _container_of(data, parse_key(key))[parse_key(key)[-1]]
        if spec.kind == "text":
            assert got == value, key
        elif spec.kind == "text_list":
            assert got == [value], key
        elif spec.kind == "choice":
            assert got == spec.choices[int(str(value)) - 1], key
        elif spec.kind == "choice_list":
            assert got == [spec.choices[int(i) - 1] for i in str(value).split(",")], key
        else:
            assert float(got) == float(str(value)), key


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_init_interviews_by_default_and_ctrl_c_stops_it(tmp_path: Path) -> None:
    from terminal import Terminal

    with Terminal([*_cxacq(), "init"], cwd=tmp_path) as term:
        term.expect("Short or full interview?")
        term.interrupt()  # Ctrl-C
        code = term.wait()
    assert code == 130
    assert "the interview was stopped; nothing was written" in term.output
    assert "Traceback" not in term.output
    assert not (tmp_path / "cxacq-answers.yaml").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_the_whole_interview_runs(tmp_path: Path) -> None:
    from terminal import Terminal

    with Terminal(
        [*_cxacq(), "init", "-i", "--from", str(EXAMPLES / "minimal.yaml"), "t.yaml"],
        cwd=tmp_path,
    ) as term:
        term.expect("Which sections do you want to go through?")
        while term.running():  # Enter at each question, once it has been asked
            term.send("\r")
            term.settle()
        code = term.wait()
    assert code == 0, term.output[-2000:]
    assert "wrote t.yaml" in term.output
    assert load_and_validate(tmp_path / "t.yaml") == load_and_validate(EXAMPLES / "minimal.yaml")


def test_interview_modules_stay_out_of_validate_start_up() -> None:
    code = ("import sys, cxacq.cli.commands;"
            " sys.exit(1 if 'cxacq.cli.interview' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0


# -- issue 17: progress, drafts, to-do answers, sections, the short path ------------------------

QUICK = {
    "mode": "short",
    "program.name": "Disaster Assistance Status Line",
    "program.component": "Federal Emergency Management Agency (FEMA)",
    "program.office": "Recovery Directorate",
    "program.service": "Checking the status of a disaster assistance application",
    "program.service_description": "Survivors check where their application stands.",
    "program.customers": "Disaster survivors",
    "program.channels": "1,3",
    "people.program_manager.name": "Jordan Ellis",
    "people.cx_lead.name": "Sam Okoro",
    "people.executive_sponsor.name": "Alicia Moreno",
    "customer_need.pain_point": "Survivors cannot tell what holds up their application.",
    "customer_need.affected_customers": "Survivors whose applications need documents",
    "vision.five_year": "Every survivor sees the status and next step without calling.",
    "capacity.great_cx": "A clear answer the first time survivors ask.",
    "capacity.challenges": "Status messages are written for staff.",
    "capacity.success_measures[1].name": "Repeat status calls",
    "capacity.success_measures[1].metric": "Share of callers who call again within 14 days",
    "needs[1].need": "Research and redesign the status messages",
    "support_model": "1",
    "funding.periods[1].amount": "950000",
    "acquisition.deliverables[1].name": "Tested status messages",
    "acquisition.deliverables[1].description": "Status messages for every channel.",
}


def test_short_path_asks_only_what_a_package_needs_and_renders(
    scripted, run_cli, tmp_path
) -> None:
    result = scripted(QUICK, "-i", "program.yaml")
    assert result.exit_code == 0, result.output[-3000:]
    asked = list(dict.fromkeys(result.script.asked))
    assert asked == list(QUICK), asked  # exactly these questions, in this order
    assert f"You answered {len(QUICK)} questions." in result.stdout
    answers = load_and_validate(tmp_path / "program.yaml")
    assert answers.document.date.isoformat() == dt.date.today().isoformat()
    text = (tmp_path / "program.yaml").read_text(encoding="utf-8")
    assert text.count(TODO_MARK) >= 20  # every default it filled is marked for review
    assert not (tmp_path / ".program.yaml.draft").exists()  # finished: the draft is gone
    rendered = run_cli("render", "program.yaml", "--out", "out")
    assert rendered.exit_code in (0, 1), rendered.output[-2000:]
    assert list((tmp_path / "out").rglob("*.docx")), rendered.output[-2000:]


def test_quick_option_skips_the_short_or_full_question(scripted, tmp_path) -> None:
    answers = {key: value for key, value in QUICK.items() if key != "mode"}
    result = scripted(answers, "--quick", "program.yaml")
    assert result.exit_code == 0, result.output[-3000:]
    assert "mode" not in result.script.asked
    assert quick_question_count() == len(QUICK)


def test_to_do_answers_validate_and_check_lists_them_at_their_line(
    scripted, run_cli, tmp_path
) -> None:
    answers = {
        **_script(),
        "funding.source": "?",  # text: a placeholder
        "acquisition.contract_type": "todo",  # a choice: a safe value
        "compliance.handles_pii": "?",  # yes or no
        "funding.periods[1].amount": "?",  # a number with no default: the example
    }
    result = scripted(answers, "-i", "program.yaml")
    assert result.exit_code == 0, result.output[-3000:]
    load_and_validate(tmp_path / "program.yaml")
    lines = (tmp_path / "program.yaml").read_text(encoding="utf-8").splitlines()
    check = run_cli("check", "program.yaml", "--format", "json")
    found = [
        d for f in json.loads(check.stdout)["files"] for d in f["diagnostics"]
        if d["code"] == "HYG-C03"
    ]
    fields = {d["field"]: d["line"] for d in found}
    assert set(fields) == {
        "funding.source", "acquisition.contract_type", "compliance.handles_pii",
        "funding.periods[1].amount",
    }, fields
    for field, line in fields.items():
        assert lines[line - 1].strip().startswith(field.rsplit(".", 1)[-1] + ":"), field
        assert lines[line - 2].strip() == TODO_MARK
    # Answering a to-do question later (here: going through the section again) clears it.
    again = scripted({"revise": "funding", "funding.source": "Disaster Relief Fund"},
                     "-i", "--from", "program.yaml", "program.yaml")
    assert again.exit_code == 0, again.output[-2000:]
    text = (tmp_path / "program.yaml").read_text(encoding="utf-8")
    assert text.count(TODO_MARK) == 3


def test_section_goes_straight_to_one_section(scripted, run_cli, tmp_path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = scripted({"funding.fiscal_year": "FY2028"}, "--section", "funding", "mine.yaml")
    assert result.exit_code == 0, result.output[-2000:]
    assert {key.split(".")[0].split("[")[0] for key in result.script.asked} <= {
        "funding", "replace"
    }
    assert load_and_validate(target).funding.fiscal_year == "FY2028"
    unknown = run_cli("init", "--section", "fundng", "mine.yaml")
    assert unknown.exit_code == 2
    assert "there is no section 'fundng'" in unknown.stderr
    assert "funding, cost_estimate, market_research" in unknown.stderr
    assert "market_research" in run_cli("init", "--help").stdout


def _shown_before(stdout: str, key: str) -> str:
    """Return everything shown before the question at ``key``, lines unwrapped.

    A question is shown as its words, then its path in brackets: the text returned
    ends with the words it was asked in.
    """
    flat = " ".join(stdout.split())
    where = flat.find(f" ({key} ")
    assert where >= 0, f"{key} was not asked"
    return flat[:where]


def test_a_phase_gate_and_due_date_are_asked_in_their_own_words(scripted, tmp_path) -> None:
    target = tmp_path / "mine.yaml"
    uscis = EXAMPLES / "uscis-work-authorization.yaml"
    target.write_text(uscis.read_text(encoding="utf-8"), encoding="utf-8")
    answers = {
        "evaluation.phases[2]": "edit",
        "evaluation.phases[2].gate": "none",
        "evaluation.phases[2].submission_due": "2027-02-22",
    }
    result = scripted(answers, "--section", "evaluation", "mine.yaml")
    assert result.exit_code == 0, result.output[-3000:]
    for name in ("gate", "submission_due"):
        spec = field_spec(("evaluation", "phases", 0, name))
        assert spec.question and spec.question != spec.description, name
        assert _shown_before(result.stdout, f"evaluation.phases[2].{name}").endswith(
            f" {spec.question}"
        ), name
    phase = load_and_validate(target).evaluation.phases[1]
    assert (phase.gate, phase.submission_due) == ("none", dt.date(2027, 2, 22))


OFFERING = [spec for spec in answer_fields() if spec.offered is not None]


def test_every_offered_rule_passes_its_fields_own_check() -> None:
    assert OFFERING  # the oral session's usual rules, kept on each field's Ask
    for spec in OFFERING:
        loc = tuple(spec.path.split("."))
        assert "[]" not in spec.path, spec.path
        assert value_problem(loc, spec.offered) is None, spec.path


def test_the_interview_offers_each_fields_usual_rule(scripted, tmp_path) -> None:
    # Turning orals on in a file without them: Enter at each rule keeps the rule the field's
    # Ask offers, and the file then states it.
    target = tmp_path / "mine.yaml"
    target.write_text((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    answers = {
        "oral_presentation.used": "y",
        "oral_presentation.factors": "1",
        "oral_presentation.format": "2",  # virtual: the connection test is asked too
        "oral_presentation.recording": "1",
        "oral_presentation.presentation_minutes": "60",
        "oral_presentation.qa_minutes": "30",
        "oral_presentation.required_presenters": ["Lead researcher", ""],
        "oral_presentation.max_attendees": "4",
        "oral_presentation.scenario.title": "Where is my permit?",
        "oral_presentation.scenario.fictionalized": "n",
        "oral_presentation.scenario.context": "A customer waits for a decision.",
        "oral_presentation.scenario.current_state": "Calls doubled to 40,000 a month.",
        "oral_presentation.scenario.prompts": ["How would you find out why?",
                                               "What would you change first?", ""],
    }
    result = scripted(answers, "--section", "oral_presentation", "mine.yaml")
    assert result.exit_code == 0, result.output[-2000:]
    written = load_answers_file(target).data["oral_presentation"]
    for spec in OFFERING:
        assert spec.path not in answers, spec.path
        assert spec.path in result.script.asked, spec.path
        assert written[spec.name] == spec.offered, spec.path


def test_cli_section_names_are_the_interview_sections() -> None:
    from cxacq.cli.commands import INTERVIEW_SECTIONS

    assert INTERVIEW_SECTIONS == SECTIONS


def test_choices_and_yes_no_say_what_they_accept_and_ask_again_briefly(
    scripted, tmp_path
) -> None:
    answers = {**_script(), "discovery.status": ["9", "3"]}
    del answers["document.date"]  # Enter: today, written into the file
    result = scripted(answers, "-i", "program.yaml")
    assert result.exit_code == 0, result.output[-3000:]
    today = dt.date.today().isoformat()
    assert f"Press Enter to keep: {today}" in result.stdout
    assert f"date: {today}" in (tmp_path / "program.yaml").read_text(encoding="utf-8")
    out = result.stdout
    assert "✗ choose 1 to 4" in out
    assert "✗ answer y or n" in out
    # Asked again after a bad answer: the error and a short prompt, not the question again.
    assert out.count("Where does discovery with customers stand?") == 1
    assert out.count("Is the Component a High-Impact Service Provider") == 1


def test_every_question_that_offers_enter_to_skip_accepts_enter() -> None:
    """Walk every question of every example: an optional one can always be left out."""
    variants = []
    for path in example_paths():
        data = load_answers_file(path).data
        variants.append((path.stem, data))
        oral = data.get("oral_presentation", {})
        if oral.get("used") == "true":
            variants.append((path.stem + "-no-orals", {**data, "oral_presentation": {
                "used": "false", "not_used_reason": "A written case study instead."}}))
        acquisition = dict(data["acquisition"], competition="limited_sources",
                           limited_sources_authority="Only one source can do it.")
        variants.append((path.stem + "-limited", {**data, "acquisition": acquisition}))
    wrong = []
    for name, data in variants:
        assert not find_problems(data)[1], name
        before = copy.deepcopy(data)
        for loc, section in _leaves(data, ()):
            spec = field_spec(loc)
            if asks_as_required(spec, data, section):
                continue
            smaller = _without(data, loc)
            problems = [p for p in find_problems(smaller)[1] if tuple(p.loc[: len(loc)]) == loc]
            if problems:
                wrong.append((name, spec.path, problems[0].message))
        assert data == before, name  # the copies share what they did not change: none changed
    assert not wrong, wrong


def _without(root, loc):
    """A copy of ``root`` without the answer at ``loc``: only the containers on its path are
    copied (a deep copy of the whole file for each answer took half of the test's time)."""
    if len(loc) == 1:
        return {k: v for k, v in root.items() if k != loc[0]} if isinstance(root, dict) else \
            [v for i, v in enumerate(root) if i != loc[0]]
    copied = dict(root) if isinstance(root, dict) else list(root)
    copied[loc[0]] = _without(root[loc[0]], loc[1:])
    return copied


def _leaves(node, loc):
    """Yield (location, its section) of every answer a question asks for."""
    for key, value in node.items():
        here = (*loc, key)
        try:
            spec = field_spec(here)
        except KeyError:
            continue
        if spec.kind == "section" and isinstance(value, dict):
            yield here, node
            yield from _leaves(value, here)
        elif spec.kind == "section_list" and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield from _leaves(item, (*here, index))
        elif here != ("schema_version",):
            yield here, node


def _container_of(root, loc):
    node = root
    for part in loc[:-1]:
        node = node[part]
    return node


def _run_in_terminal(tmp_path: Path, *args: str):
    from terminal import Terminal

    return Terminal([*_cxacq(), "init", *args], cwd=tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_progress_shows_the_section_and_question(tmp_path: Path) -> None:
    with _run_in_terminal(tmp_path, "--quick", "p.yaml") as term:
        term.expect("(program.name")
        term.expect("> ")
        assert "(program.name · section 3 of 20, question 1 of 7)" in _screen(term.output)
        term.send("Status Line\r")
        term.expect("(program.component")
        term.expect("> ")
        assert "(program.component · section 3 of 20, question 2 of 7)" in _screen(term.output)
        term.interrupt()
        assert term.wait() == 130


def _screen(output: str) -> str:
    """Return what a terminal showed as plain words: no colors, lines wrapped back."""
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", output).split())


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_ctrl_c_keeps_a_draft_and_resume_continues(
    tmp_path: Path, scripted
) -> None:
    with _run_in_terminal(tmp_path, "-i", "p.yaml") as term:
        term.expect("Short or full interview?")
        term.send("short\r")
        term.expect("(program.name")
        term.send("Disaster Assistance Status Line\r")
        term.expect("(program.component")
        # Ctrl-C at the next prompt, as a person would press it (a "> " shown earlier does
        # not count); Terminal.interrupt presses again if the first press is lost in
        # readline's window between drawing the prompt and waiting for a key.
        start = term.output.index("(program.component")
        while "> " not in term.output[start:]:
            term.pause()
        term.interrupt()
        code = term.wait()
    assert code == 130
    assert "your answers so far are kept in .p.yaml.draft" in term.output
    assert "cxacq init --resume p.yaml" in term.output
    draft = tmp_path / ".p.yaml.draft"
    assert draft.is_file() and not (tmp_path / "p.yaml").exists()
    with pytest.raises(CxacqError):  # the draft is not an answers file
        load_and_validate(draft)
    # Resume: the two answers are not asked again; the interview goes on from the third.
    rest = {k: v for k, v in QUICK.items() if k not in ("mode", "program.name")}
    result = scripted(rest, "--resume", "p.yaml")
    assert result.exit_code == 0, result.output[-3000:]
    assert result.script.asked[0] == "program.component"
    assert "Continuing where you stopped" in result.stdout
    assert load_and_validate(tmp_path / "p.yaml").program.name == "Disaster Assistance Status Line"
    assert not draft.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_a_paste_never_spills_into_the_next_questions(tmp_path: Path) -> None:
    with _run_in_terminal(tmp_path, "--quick", "p.yaml") as term:
        term.expect("(program.name")
        term.send("Disaster Assistance\rStatus Line\rProgram\r")  # three lines pasted at once
        term.expect("read the 3 pasted lines as one answer")
        term.expect("(program.component")
        term.send("FEMA\rDHS\r")
        term.expect("(program.office")
        term.pause()
        term.interrupt()
        assert term.wait() == 130
    state = yaml.safe_load((tmp_path / ".p.yaml.draft").read_text(encoding="utf-8"))
    assert state["answers"]["program.name"] == "Disaster Assistance Status Line Program"
    assert state["answers"]["program.component"] == "FEMA DHS"
    assert "program.office" not in state["answers"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_a_paste_into_a_choice_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with _run_in_terminal(tmp_path, "--section", "discovery", "p.yaml") as term:
        term.expect("(discovery.status")
        term.send("1\r2\r")
        term.expect("you pasted 2 lines; this question takes one line")
        term.interrupt()
        assert term.wait() == 130
    state = yaml.safe_load((tmp_path / ".p.yaml.draft").read_text(encoding="utf-8")) \
        if (tmp_path / ".p.yaml.draft").exists() else {"answers": {}}
    assert "discovery.status" not in state["answers"]


def test_to_do_marker_round_trip_and_rule() -> None:
    from cxacq.answers.validate import validate_loaded
    from cxacq.guidance import run_rules
    from cxacq.guidance.todo import mark_to_do, to_do_locs

    text = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
    wanted = [("funding", "source"), ("needs", 0, "rank"), ("evaluation", "factors")]
    marked = mark_to_do(text, wanted)
    assert mark_to_do(marked, wanted) == marked  # marking twice adds nothing
    loaded = load_answers_text(marked, "m.yaml")
    assert sorted(to_do_locs(loaded), key=str) == sorted(wanted, key=str)
    assert load_answers_text(marked, "m.yaml").data == load_answers_text(text, "m.yaml").data
    found = [d for d in run_rules(validate_loaded(loaded), loaded) if d.code == "HYG-C03"]
    assert [d.field for d in found] == ["needs[1].rank", "funding.source", "evaluation.factors"]
    assert all(marked.splitlines()[d.line - 2].strip() == TODO_MARK for d in found)
