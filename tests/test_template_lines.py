"""Template lines stay short enough to read and review.

Issue 18: lines of up to 1,609 characters held conditions mid-sentence. Every template now
puts one sentence or clause on a line (a line break inside a paragraph reads
as a space, so the documents do not change) and move business decisions into
``cxacq.answers.facts`` or a small macro at the top of the template. A table row cannot be
broken, so it has a limit of its own.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

TEMPLATES = ROOT / "templates"

CLEANED = (
    "_macros.md.j2",
    "acquisition_strategy.md.j2",
    "determination_and_findings.md.j2",
    "evaluation_plan.md.j2",
    "instructions_and_criteria.md.j2",
    "market_research_report.md.j2",
    "oral_evaluator_packet.md.j2",
    "oral_presentation_handout.md.j2",
    "oral_presentation_rules.md.j2",
    "qasp.md.j2",
    "statement_of_objectives.md.j2",
)
PROSE_LIMIT = 200
TABLE_ROW_LIMIT = 250


def _too_long(name: str) -> list[tuple[int, int]]:
    lines = (TEMPLATES / name).read_text(encoding="utf-8").splitlines()
    return [
        (number, len(line))
        for number, line in enumerate(lines, 1)
        if len(line) > (TABLE_ROW_LIMIT if line.startswith("|") else PROSE_LIMIT)
    ]


@pytest.mark.parametrize("name", CLEANED)
def test_cleaned_template_lines_stay_short(name: str) -> None:
    assert _too_long(name) == [], f"{name}: (line, characters) over the limit"


def test_every_template_is_cleaned() -> None:
    # All of them are now: a new template keeps one clause a line from the start.
    assert sorted(CLEANED) == sorted(p.name for p in TEMPLATES.glob("*.j2"))


def test_the_limit_catches_a_long_line(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(f"{__name__}.TEMPLATES", tmp_path)
    (tmp_path / "long.md.j2").write_text("word " * 50 + "\n| " + "cell " * 60 + "|\n")
    assert _too_long("long.md.j2") == [(1, 250), (2, 303)]
