"""The instructions and evaluation criteria: releasable, in the path's words, and stating the
same factors, criteria and relative importance as the evaluation plan, word for word."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest

from conftest import example_answers, example_paths, render_example
from cxacq.answers.model import Answers
from cxacq.citations import EDITIONS
from cxacq.documents.catalog import DOCUMENTS, SSI_LEGEND, distribution_for, documents_for
from cxacq.engine.pipeline import build_package
from helpers import docx_summary

KIND = DOCUMENTS["instructions-and-evaluation-criteria"]
PLAN = DOCUMENTS["evaluation-plan"]
PART_15_WORDS = ("offeror", "proposal", "discussions", "competitive range", "fair opportunity")


def _answers(name: str) -> Answers:
    return example_answers(next(p for p in example_paths() if p.name == name))


@functools.cache
def _files(name: str, edition: str = "rfo") -> dict[str, bytes]:
    path = next(p for p in example_paths() if p.name == name)
    return render_example(path, formats=("docx", "markdown"), edition=edition)


def _md(name: str, kind=KIND, edition: str = "rfo") -> str:
    return _files(name, edition)[f"{kind.filename}.md"].decode("utf-8")


def _on(path: str) -> list[str]:
    return [p.name for p in example_paths()
            if _answers(p.name).acquisition.ordering_procedure == path]


def _factors(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each factor's heading and its criteria: description, submission, method, discriminators.

    The evaluation plan's "Objectives it serves" line points into the acquisition strategy,
    which offerors do not see, so it is the one line the comparison leaves out.
    """
    found: list[tuple[str, list[str]]] = []
    level = 0
    for line in text.splitlines():
        heading = re.match(r"^(#+) (.*)$", line)
        if heading and re.match(r"Factor \d+: ", heading.group(2)):
            level = len(heading.group(1))
            found.append((heading.group(2), []))
        elif heading and found and len(heading.group(1)) <= level:
            level = 0
        elif level and line.strip() and not line.startswith("- **Objectives it serves:**"):
            found[-1][1].append(line)
    return [(name, tuple(lines)) for name, lines in found]


def _relative_importance(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("**Relative importance"))


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_has_the_instructions_releasable_and_unmarked(path: Path) -> None:
    answers = _answers(path.name)
    assert KIND in documents_for(answers)
    assert KIND.audience == "offerors"
    assert KIND.marking(answers) is None
    assert distribution_for(KIND, answers).startswith("Releasable to prospective")
    files = _files(path.name)
    text = files[f"{KIND.filename}.md"].decode("utf-8")
    assert "Source selection information" not in text
    assert SSI_LEGEND not in text
    summary = docx_summary(files[f"{KIND.filename}.docx"])
    assert SSI_LEGEND not in str(summary)
    assert answers.document.marking is None or answers.document.marking not in str(summary)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_factor_names_order_criteria_and_importance_match_the_evaluation_plan(
    path: Path,
) -> None:
    for edition in EDITIONS:
        ours, plan = _md(path.name, KIND, edition), _md(path.name, PLAN, edition)
        assert _factors(ours) == _factors(plan)
        names = [f.name for f in _answers(path.name).evaluation.factors]
        assert [h for h, _ in _factors(ours)] == [
            f"Factor {i}: {n}" for i, n in enumerate(names, 1)
        ]
        # The plan goes on, in the same paragraph, with the exchanges rule.
        statement = _relative_importance(ours)
        assert statement.endswith(" price.")
        assert _relative_importance(plan).startswith(statement + " ")
        assert _answers(path.name).evaluation.relative_importance.split()[0] in (
            _relative_importance(ours)
        )


def test_the_comparison_would_catch_a_drift() -> None:
    plan = _md("uscis-work-authorization.yaml", PLAN)
    ours = _md("uscis-work-authorization.yaml")
    drifted = ours.replace("Factor 2:", "Factor 2: Revised", 1)
    assert _factors(drifted) != _factors(plan)
    reordered = ours.replace("assigns a confidence rating", "assigns a rating", 1)
    assert _factors(reordered) != _factors(plan)


@pytest.mark.parametrize("name", _on("schedule_order") + _on("simplified_commercial"))
def test_quotation_paths_say_quoter_and_none_of_the_part_15_words(name: str) -> None:
    for edition in EDITIONS:
        text = _md(name, edition=edition)
        assert text.startswith("# Instructions to Quoters and Basis for Award")
        for line in text.splitlines():
            assert not [w for w in PART_15_WORDS if w in line.lower()], line
        assert "quotation" in text and "quoter" in text


@pytest.mark.parametrize("name", _on("negotiated"))
def test_negotiated_instructions_are_sections_l_and_m(name: str) -> None:
    text = _md(name)
    assert text.startswith(
        "# Instructions to Offerors and Evaluation Factors (Sections L and M)"
    )
    assert "proposal" in text and "quoter" not in text and "quotation" not in text
    assert "fair opportunity" not in text


@pytest.mark.parametrize("name", _on("task_order"))
def test_task_order_instructions_are_for_fair_opportunity(name: str) -> None:
    text = _md(name)
    assert text.startswith("# Fair Opportunity Instructions to Offerors and Basis for Award")
    assert "task order request" in text and "competitive range" not in text


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_rule_stated_comes_from_the_answers(path: Path) -> None:
    answers = _answers(path.name)
    ins = answers.evaluation.instructions
    text = _md(path.name)
    assert ins.page_size in text and ins.font in text and ins.file_format in text
    assert ins.time_zone in text and ins.deadline_time in text
    assert ins.questions_published_how in text
    if ins.submission_method:
        assert ins.submission_method in text
    if ins.deadline:
        assert ins.deadline.strftime("%B ") + str(ins.deadline.day) in text
    if ins.questions_due:
        assert ins.questions_due.strftime("%B ") + str(ins.questions_due.day) in text
    for role in ins.key_personnel:
        assert role in text
    if ins.key_personnel:
        assert f"no more than {ins.resume_page_limit} pages" in text
        assert ("letter of commitment" in text) == ins.letters_of_commitment
    if ins.assumptions == "not_allowed":
        assert "Do not include assumptions, conditions or exceptions" in text
    else:
        assert "List every assumption, condition or exception" in text
    for part in ins.parts:
        assert part.name in text and part.holds in text
    for factor in answers.evaluation.factors:
        assert factor.name in text


def test_defaults_build_the_parts_from_the_factors_and_say_where_dates_are() -> None:
    answers = _answers("minimal.yaml")
    assert answers.evaluation.instructions.deadline is None
    text = _md("minimal.yaml")
    assert "| Technical quotation | A technical approach of no more than 10 pages." in text
    assert "| Price quotation | A price quotation." in text
    assert "The cover of the request for quotations gives the date." in text
    assert "pages beyond a part's limit are removed before the evaluation" in text


def test_changed_answers_change_the_rules() -> None:
    base = _answers("minimal.yaml")
    ins = base.evaluation.instructions.model_copy(update={
        "over_limit": "not_considered", "assumptions": "separate_list",
        "deadline": dt.date(2027, 5, 3), "deadline_time": "11:00 a.m.",
        "time_zone": "Central Time", "key_personnel": ["Lead researcher"],
        "letters_of_commitment": False, "page_limit": 12,
    })
    answers = base.model_copy(update={
        "evaluation": base.evaluation.model_copy(update={"instructions": ins})
    })
    text = build_package(answers, formats=("markdown",))[f"{KIND.filename}.md"].decode()
    assert "will not be considered for award" in text
    assert "List every assumption, condition or exception" in text
    assert "by 11:00 a.m. Central Time on May 3, 2027" in text
    assert "Lead researcher" in text and "letter of commitment" not in text
    assert "| 12 pages |" in text


def test_a_part_naming_an_unknown_factor_is_a_located_error(tmp_path: Path, run_cli) -> None:
    source = next(p for p in example_paths() if p.name == "uscis-work-authorization.yaml")
    text = source.read_text(encoding="utf-8").replace(
        "factors: [case-study, staffing]", "factors: [case-study, staffs]", 1
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(bad))
    assert result.exit_code != 0
    line = next(n for n, text_line in enumerate(text.splitlines(), 1) if "staffs]" in text_line)
    column = text.splitlines()[line - 1].index("staffs") + 1
    assert (f"bad.yaml:{line}:{column}: error: evaluation.instructions.parts[1].factors[2]"
            in result.output)
    assert "no evaluation factor has the id 'staffs'" in result.output


@pytest.mark.parametrize(
    ("choice", "words"),
    [("more_important", "more important than"), ("equal", "equal to"),
     ("less_important", "less important than")],
)
def test_a_plain_comparison_with_price_prints_in_both_documents(choice: str, words: str) -> None:
    base = _answers("minimal.yaml")
    assert not base.acquisition.ordering_procedure == "negotiated"
    answers = base.model_copy(update={
        "evaluation": base.evaluation.model_copy(update={"non_price_vs_price": choice})
    })
    files = build_package(answers, formats=("markdown",))
    for kind in (KIND, PLAN):
        text = files[f"{kind.filename}.md"].decode()
        statement = f"All non-price factors combined are {words} price."
        assert statement in _relative_importance(text), kind.key
        assert "significantly" not in _relative_importance(text)
