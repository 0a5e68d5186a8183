"""The statement of objectives, or the performance work statement the answers choose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, example_paths
from cxacq.answers.model import Answers
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import DOCUMENTS, SSI_LEGEND, distribution_for, documents_for
from cxacq.documents.context import build_context, objective_id
from cxacq.documents.render import make_environment, money, render_markdown
from cxacq.resources import templates_dir
from helpers import docx_summary

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
CBP = EXAMPLES / "cbp-global-entry-renewal.yaml"
KINDS = {"soo": "statement-of-objectives", "pws": "performance-work-statement"}


def _load(path: Path) -> Answers:
    return load_and_validate(path)


def _with(path: Path, **acquisition: object) -> Answers:
    """Return the answers of ``path`` with acquisition fields replaced."""
    answers = _load(path)
    acq = answers.acquisition
    for name, value in acquisition.items():
        if name == "requirement":
            acq = acq.model_copy(
                update={"requirement": acq.requirement.model_copy(update={"document": value})}
            )
        else:
            acq = acq.model_copy(update={name: value})
    return answers.model_copy(update={"acquisition": acq})


def _markdown(answers: Answers, key: str) -> str:
    """Return the rendered Markdown with the ``md`` filter's escapes removed, as plain text."""
    env = make_environment([templates_dir()], sandboxed=False)
    kind = DOCUMENTS[key]
    assert kind.template is not None
    text = render_markdown(env, kind.template, build_context(answers, kind=key))
    return re.sub(r"\\(.)", r"\1", text)


def _requirement_kind(answers: Answers) -> str:
    return KINDS[answers.acquisition.requirement.document]


def _section(text: str, heading: str) -> str:
    """Return the Markdown under one ``#`` heading, up to the next heading of that level."""
    match = re.search(rf"^# {re.escape(heading)}\n(.*?)(?=^# |\Z)", text, flags=re.M | re.S)
    assert match, f"no section {heading!r}"
    return match.group(1)


@pytest.fixture(scope="module", params=example_paths(), ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> tuple[Answers, str]:
    answers = _load(request.param)
    return answers, _markdown(answers, _requirement_kind(answers))


# Which document the package holds


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_holds_exactly_the_requirement_document_it_chose(path: Path) -> None:
    answers = _load(path)
    keys = {k.key for k in documents_for(answers)}
    chosen = _requirement_kind(answers)
    assert chosen in keys
    assert not (set(KINDS.values()) - {chosen}) & keys


def test_the_shipped_examples_cover_both_documents() -> None:
    chosen = {_load(p).acquisition.requirement.document for p in example_paths()}
    assert {"soo", "pws"} <= chosen


def test_a_statement_of_work_gets_neither_document() -> None:
    answers = _with(USCIS, requirement="sow")
    keys = {k.key for k in documents_for(answers)}
    assert not set(KINDS.values()) & keys


def test_the_two_kinds_share_one_template_and_differ_in_file_name_and_title() -> None:
    soo, pws = DOCUMENTS["statement-of-objectives"], DOCUMENTS["performance-work-statement"]
    assert soo.template == pws.template == "statement_of_objectives.md.j2"
    assert (soo.filename, soo.title) == ("statement-of-objectives", "Statement of Objectives")
    assert (pws.filename, pws.title) == (
        "performance-work-statement", "Performance Work Statement"
    )


# Released as written: audience and marking


@pytest.mark.parametrize("key", sorted(KINDS.values()))
def test_audience_is_offerors_and_internal_markings_are_dropped(key: str) -> None:
    kind = DOCUMENTS[key]
    answers = _load(USCIS)
    assert kind.audience == "offerors"
    assert answers.document.marking == "Pre-decisional – For Official Use Only"
    assert kind.marking(answers) is None
    assert distribution_for(kind, answers).startswith("Releasable to prospective")
    for internal in ("CUI", "Source Selection Information", "Internal use only"):
        changed = answers.model_copy(
            update={"document": answers.document.model_copy(update={"marking": internal})}
        )
        assert kind.marking(changed) is None, internal


def test_a_marking_with_no_handling_restriction_is_kept() -> None:
    answers = _load(USCIS)
    answers = answers.model_copy(
        update={"document": answers.document.model_copy(update={"marking": "Unclassified"})}
    )
    assert DOCUMENTS["statement-of-objectives"].marking(answers) == "Unclassified"


def test_the_answers_distribution_statement_does_not_restrict_a_released_document() -> None:
    answers = _load(USCIS)
    answers = answers.model_copy(
        update={"document": answers.document.model_copy(
            update={"distribution_statement": "Release to the EAX team only."}
        )}
    )
    kind = DOCUMENTS["statement-of-objectives"]
    assert "EAX team only" not in distribution_for(kind, answers)


@pytest.mark.parametrize("path", [USCIS, CBP], ids=lambda p: p.stem)
def test_the_word_document_carries_no_restriction_evaluator_or_estimate(
    path: Path, example_package
) -> None:
    answers = _load(path)
    key = _requirement_kind(answers)
    files = example_package(path)
    summary = docx_summary(files[f"{DOCUMENTS[key].filename}.docx"])
    text = "\n".join(t for _, t in summary["paragraphs"])
    text += "\n".join(c for table in summary["tables"] for row in table for c in row["cells"])
    assert summary["properties"]["title"].startswith(DOCUMENTS[key].title)
    for restricted in (SSI_LEGEND, "Official Use", "Pre-decisional", "Not for public release"):
        assert restricted.lower() not in text.lower()
        assert restricted.lower() not in str(summary.get("header", "")).lower()
    for person in answers.evaluation.evaluators:
        assert person.name not in text
    for amount in [p.amount for p in answers.funding.periods] + [answers.funding.total]:
        assert money(amount) not in text
        assert f"{amount:,.0f}" not in text


# Objectives


def test_every_ranked_need_has_an_objective_with_its_id_in_rank_order(example) -> None:
    answers, text = example
    headings = re.findall(r"^## (OBJ-\d+): (.+)$", _section(text, "Performance objectives"), re.M)
    ranked = sorted(answers.needs, key=lambda n: n.rank)
    assert [h[0] for h in headings] == [objective_id(n.rank) for n in ranked]
    assert [h[0] for h in headings] == [f"OBJ-{n.rank}" for n in ranked]
    for (_, need_text), need in zip(headings, ranked, strict=True):
        assert need_text == need.need


def test_each_objective_shows_its_measures_as_aims_not_standards(example) -> None:
    answers, text = example
    objectives = _section(text, "Performance objectives")
    assert "not performance standards" in objectives or "not contract standards" in objectives
    measures = {m.id: m for m in answers.capacity.success_measures}
    for need in answers.needs:
        block = re.search(
            rf"^## OBJ-{need.rank}: .*?(?=^## |\Z)", objectives, flags=re.M | re.S
        )
        assert block
        for measure_id in need.measures:
            assert measures[measure_id].name in block.group(0)
        if need.user_story:
            assert f"User story: {need.user_story}" in block.group(0)


def test_the_performance_work_statement_asks_for_objective_ids_in_the_soo() -> None:
    answers = _load(USCIS)
    text = _markdown(answers, "statement-of-objectives")
    section = _section(
        text, "What the performance work statement and quality control plan must address"
    )
    ids = ", ".join(f"OBJ-{n.rank}" for n in sorted(answers.needs, key=lambda n: n.rank))
    assert f"({ids})" in section
    assert "assistive technology" in section
    assert "quality control plan" in section


# Deliverables, standards, constraints, collaboration, period


def test_deliverables_table_comes_from_the_answers(example) -> None:
    answers, text = example
    rows = [
        line for line in _section(text, "Deliverables").splitlines()
        if line.startswith("| ") and not line.startswith(("| Deliverable |", "| --- |"))
    ]
    assert len(rows) == len(answers.acquisition.deliverables)
    for row, d in zip(rows, answers.acquisition.deliverables, strict=True):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[0] == d.name
        assert cells[2] == d.description
        if d.due:
            assert cells[1] == d.due
        assert cells[3].startswith("Contracting officer's representative")
        assert ("accessibility conformance check" in cells[3]) == d.ict


def test_a_performance_work_statement_holds_the_contractor_to_standards() -> None:
    answers = _load(CBP)
    text = _markdown(answers, "performance-work-statement")
    assert "What the performance work statement" not in text
    standards = _section(text, "Performance standards")
    for d in answers.acquisition.deliverables:
        assert f"| {d.name} | Due: " in standards
    assert "assistive technology" in standards
    assert "zero accessibility defects" in standards.lower()
    assert "Research cadence" in standards
    assert "# Quality control plan" in text


def test_the_soo_does_not_set_standards_itself() -> None:
    text = _markdown(_load(USCIS), "statement-of-objectives")
    assert "# Performance standards" not in text
    assert "does not (" in _section(text, "Purpose")  # the SOO does not become part of the order


def test_constraints_and_collaboration_carry_the_answers(example) -> None:
    answers, text = example
    constraints = _section(text, "Constraints")
    for condition in answers.acquisition.conditions:
        assert condition in constraints
    for language in answers.acquisition.languages:
        assert language in constraints
    assert answers.compliance.accessibility_standard in constraints
    assert "Paperwork Reduction Act" in constraints
    collab = _section(text, "Collaboration and working in the open")
    for heading in ("Research shared in the open", "Briefings to leaders",
                    "Customers kept in the loop", "Building the program's own capacity"):
        assert f"## {heading}" in collab
    for item in answers.capacity_building:
        assert item.description in collab
    briefings = answers.research_sharing.leadership_briefings
    if briefings:
        for leader in briefings.audience:
            assert f"- {leader}" in collab


def test_vision_and_one_year_stretch(example) -> None:
    answers, text = example
    vision = _section(text, "Vision")
    assert answers.vision.story in vision
    if answers.vision.one_year_target:
        assert f"The one-year stretch: {answers.vision.one_year_target}" in vision


def test_period_and_place_of_performance(example) -> None:
    answers, text = example
    section = _section(text, "Period and place of performance")
    for period in answers.funding.periods:
        assert f"| {period.name} |" in section
    place = answers.acquisition.place_of_performance
    assert f"Place of performance: {place or 'Remote,'}" in section


def test_every_shipped_example_but_the_minimal_one_names_its_place_of_performance() -> None:
    for path in example_paths():
        if path.stem != "minimal":
            assert _load(path).acquisition.place_of_performance, path.stem


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_no_placeholder_or_template_text(path: Path) -> None:
    answers = _load(path)
    text = _markdown(answers, _requirement_kind(answers))
    for bad in ("TBD", "TODO", "XXX", "lorem", "{{", "{%", "None", "option period(s)"):
        assert bad not in text, bad
    assert not re.search(r"\n\n\n", text)
