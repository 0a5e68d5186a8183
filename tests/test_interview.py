"""`cxacq init --interactive`: the guided interview, driven with piped input and a terminal."""

from __future__ import annotations

import builtins
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, EXAMPLES, ROOT, example_paths
import yaml

from cxacq.interview.prompter import Prompter
from cxacq.loader import load_answers_file, load_answers_text
from cxacq.scaffold import SECTION_INTROS
from cxacq.validate import load_and_validate

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


def test_interview_from_scratch_writes_a_file_that_validates(scripted, tmp_path) -> None:
    result = scripted(_script(), "--interactive", "program.yaml")
    assert result.exit_code == 0, result.output[-3000:]
    written = tmp_path / "program.yaml"
    answers = load_and_validate(written)
    assert answers.program.name == "Disaster Assistance Status Line"
    assert list(answers.program.channels) == ["online", "mobile_app", "phone"]
    assert answers.needs[0].rank == 1 and list(answers.needs[0].measures) == ["repeat-calls"]
    assert answers.oral_presentation.used is False
    # The script answers every question the shipped minimal example answers, and nothing more
    # (plus "needs 1 moves repeat-calls", "factor 1 tests need 1" and explicit defaults).
    expected = load_and_validate(EXAMPLES / "minimal.yaml")
    assert (
        answers.model_copy(update={"needs": expected.needs, "evaluation": expected.evaluation})
        == expected
    )
    assert (tmp_path / "cxacq.schema.json").is_file()


def test_interview_file_has_the_scaffold_layout(scripted, tmp_path) -> None:
    scripted(_script(), "-i", "program.yaml")
    text = (tmp_path / "program.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=cxacq.schema.json\n")
    assert "written by `cxacq init --interactive`" in text.lower()
    assert "EVERY VALUE BELOW IS AN EXAMPLE" not in text
    for intro in SECTION_INTROS.values():
        assert f"# {intro.split()[0]}" in text
    assert "# lpta_justification:" in text  # optional fields not answered are offered as comments


def test_invalid_answers_are_asked_again_with_the_validate_message(
    scripted, run_cli, tmp_path
) -> None:
    result = scripted(_script(), "-i", "program.yaml")
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


def test_interview_runs_the_guidance_checks_and_shows_a_summary(scripted) -> None:
    result = scripted(_script(), "-i", "program.yaml")
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


def test_end_of_input_writes_nothing(interview, tmp_path) -> None:
    result = interview("2026-11-02\n\n", "-i", "program.yaml")
    assert result.exit_code == 1
    assert "input ended before the interview finished; nothing was written" in result.stderr
    assert not (tmp_path / "program.yaml").exists()
    assert not (tmp_path / "cxacq.schema.json").exists()


def test_ctrl_c_writes_nothing(interview, tmp_path, monkeypatch) -> None:
    calls = iter(range(100))

    def interrupted(prompt: str = "") -> str:
        if next(calls) == 5:
            raise KeyboardInterrupt
        return ""

    monkeypatch.setattr(builtins, "input", interrupted)
    result = interview("", "-i", "program.yaml")
    assert result.exit_code == 130
    assert "the interview was stopped; nothing was written" in result.stderr
    assert not (tmp_path / "program.yaml").exists()
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


def test_piped_input_through_a_real_process(tmp_path: Path) -> None:
    # Piped input is positional by nature: the short path's questions, in order.
    lines = ["short", "Status Line", "FEMA", "Recovery Directorate", "Checking status", "",
             "Survivors check where their application stands.", "", "Survivors", "", "1",
             "Jordan Ellis", "Sam Okoro", "Alicia Moreno", "Survivors call repeatedly.", "",
             "Survivors", "", "Every survivor sees the status without calling.", "",
             "Clear answers the first time.", "", "Messages are written for staff.", "",
             "Repeat calls", "Share of callers who call again", "Redesign status messages",
             "1", "950000", "Tested messages", "Messages for every channel.", ""]
    done = subprocess.run(
        [*_cxacq(), "init", "--interactive", "program.yaml"],
        input="\n".join(lines) + "\n" * 50, capture_output=True, text=True, cwd=tmp_path,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    load_and_validate(tmp_path / "program.yaml")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_init_interviews_by_default_and_ctrl_c_stops_it(tmp_path: Path) -> None:
    from terminal import Terminal

    with Terminal([*_cxacq(), "init"], cwd=tmp_path) as term:
        term.expect("What date should the documents carry")
        term.send("\x03")  # Ctrl-C
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
        term.expect("Go through its questions?")
        while term.running():
            term.send("\r")
            term.pause()
        code = term.wait()
    assert code == 0, term.output[-2000:]
    assert "wrote t.yaml" in term.output
    assert load_and_validate(tmp_path / "t.yaml") == load_and_validate(EXAMPLES / "minimal.yaml")


def test_interview_modules_stay_out_of_validate_start_up() -> None:
    code = "import sys, cxacq.cli; sys.exit(1 if 'cxacq.interview' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0
