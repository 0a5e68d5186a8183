"""Every invalid case produces the expected file, line, field and exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, example_paths
from cxacq.errors import ExitCode

INVALID = CASES / "invalid"

# case file → (line, field or None, fragment of the message)
EXPECTED: dict[str, tuple[int | None, str | None, str]] = {
    "misspelt-key.yaml": (11, "program.offce", "is not a field here"),
    "wrong-type.yaml": (68, "funding.periods[1].months", "whole number"),
    "duplicate-key.yaml": (12, None, "duplicate key 'office'"),
    "tab-indentation.yaml": (6, None, "tab character"),
    "unclosed-quote.yaml": (9, None, "ends inside a quoted text"),
    "empty-file.yaml": (None, None, "the file is empty"),
    "top-level-list.yaml": (1, None, "not a list"),
    "wrong-encoding.yaml": (9, None, "not UTF-8"),
    "alias-bomb.yaml": (6, None, "aliases"),
    "missing-required.yaml": (12, "program.service", "required here but missing"),
    "bad-choice.yaml": (92, "evaluation.rating_method", "not one of the allowed values"),
    "bad-date.yaml": (6, "document.date", "YYYY-MM-DD"),
    "cross-field-oral.yaml": (114, "oral_presentation.format", "required when oral"),
    "cross-field-duplicate-rank.yaml": (57, "needs[2].rank", "more than one need"),
    "python-tag.yaml": (9, None, "tag"),
    "indent-too-far.yaml": (11, None, "indentation: 'office' is indented 4 spaces, deeper than"),
    "indent-too-little.yaml": (11, None, "indentation: 'office' is indented 1 space"),
    "indent-first-key-too-far.yaml": (9, None, "indentation: 'name' is indented 4 spaces"),
    "indent-list-item.yaml": (18, None, "indentation: the list item is indented 3 spaces"),
    "section-as-scalar.yaml": (39, "vision", "section with named fields"),
    "path-fair-opportunity-in-schedule-order.yaml": (
        75, "acquisition.competition", "fair opportunity applies only to task orders"
    ),
    "path-set-aside-without-set-aside-competition.yaml": (
        74, "market_research.small_business.set_aside", "does not fit competition"
    ),
    "path-limited-sources-without-authority.yaml": (
        75, "acquisition.competition", "needs the authority and reason"
    ),
    "path-simplified-above-threshold.yaml": (
        74, "acquisition.ordering_procedure", "simplified procedures stop at $9,000,000"
    ),
    "path-simplified-not-commercial.yaml": (
        75, "acquisition.commercial", "only for commercial services"
    ),
    "path-comparative-in-negotiated.yaml": (
        91, "evaluation.basis_for_award", "is not a basis for award in a negotiated contract"
    ),
    "path-comparative-rating-in-negotiated.yaml": (
        92, "evaluation.rating_method", "a negotiated contract evaluates each proposal against"
    ),
    "path-plain-comparison-in-negotiated.yaml": (
        106, "evaluation.non_price_vs_price",
        "a negotiated contract must state one of three: significantly more important than, "
        "approximately equal to or significantly less important than price",
    ),
    "path-authority-without-limited-sources.yaml": (
        76, "acquisition.limited_sources_authority", "a limited-sources authority is given"
    ),
}


def test_every_case_file_has_an_expectation() -> None:
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_case(name: str, run_cli) -> None:
    line, field, fragment = EXPECTED[name]
    path = INVALID / name
    result = run_cli("validate", path)
    assert result.exit_code == ExitCode.INPUT
    first = result.stdout.splitlines()[0]
    location = f"{path}:{line}:" if line else f"{path}: error"
    assert first.startswith(location), first
    if field:
        assert f": {field}: " in first, first
    assert fragment in first, first
    if name.startswith("path-"):  # a path combination names the allowed choices
        assert "allowed" in result.stdout or "set " in result.stdout or "give " in result.stdout


@pytest.mark.parametrize(
    "path",
    sorted((CASES / "valid").glob("*.yaml")) + example_paths(),
    ids=str,
)
def test_valid_cases_and_examples(path: Path, run_cli) -> None:
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.output


def test_misspelt_key_suggests_and_does_not_also_report_missing(run_cli) -> None:
    result = run_cli("validate", INVALID / "misspelt-key.yaml")
    assert "did you mean 'office'?" in result.stdout
    assert "'office' is required" not in result.stdout


def test_all_problems_reported_in_one_run_sorted_by_line(tmp_path: Path, run_cli) -> None:
    text = (INVALID.parent / "valid" / "minimal.yaml").read_text()
    text = text.replace("  rating_method: adjectival", "  rating_method: stars")
    text = text.replace("      months: 12", "      months: a year")
    text = text.replace("  acronym", "  acronym")
    text = text.replace("  office: Recovery", "  ofice: Recovery")
    bad = tmp_path / "several.yaml"
    bad.write_text(text)
    result = run_cli("validate", bad)
    lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(lines) == 3
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)


def test_no_pydantic_words_reach_the_user(run_cli) -> None:
    for path in sorted(INVALID.glob("*.yaml")):
        out = run_cli("validate", path).output
        for word in ("pydantic", "errors.pydantic.dev", "Input should", "type=", "str_type"):
            assert word not in out, (path, out)


def test_several_files_each_reported(run_cli) -> None:
    result = run_cli("validate", INVALID / "bad-date.yaml", INVALID / "bad-choice.yaml",
                     CASES / "valid" / "minimal.yaml")
    assert result.exit_code == ExitCode.INPUT
    assert "bad-date.yaml:6:" in result.stdout
    assert "bad-choice.yaml:92:" in result.stdout
    assert "ok " in result.stdout


def test_a_key_with_brackets_is_named_not_a_crash(run_cli, tmp_path) -> None:
    # Found by the arbitrary-bytes property test: '([]:' exited 70 (an IndexError).
    for text, key in (("([]:\n", "([]"), ("schema_version: 1\n'(a[1])': x\n", "(a[1])")):
        path = tmp_path / "brackets.yaml"
        path.write_text(text)
        result = run_cli("validate", path)
        assert result.exit_code == 1, result.output
        assert f"'{key}' is not a field here" in result.stdout


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.startswith("indent-")))
def test_indentation_mistakes_are_not_called_quoting_or_parser_words(name: str, run_cli) -> None:
    result = run_cli("validate", INVALID / name)
    assert "quotes" not in result.stdout
    assert "<block" not in result.stdout and "expected" not in result.stdout
    assert "hint: indent it 2 spaces" in result.stdout or "hint: indent it 4 spaces" \
        in result.stdout


def test_missing_sections_are_listed_in_model_order_where_they_belong(
    tmp_path: Path, run_cli
) -> None:
    text = (INVALID.parent / "valid" / "minimal.yaml").read_text()
    lines = text.splitlines()
    start = lines.index("people:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()
               and not lines[i].startswith("#"))
    without_people = "\n".join(lines[:start] + lines[end:]) + "\n"
    without_people = without_people.replace("  component: Federal", "  # component removed", 1)
    path = tmp_path / "missing.yaml"
    path.write_text(without_people)
    result = run_cli("validate", path)
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    new_lines = without_people.splitlines()
    next_section = new_lines[start].split(":")[0]
    assert errors[1].startswith(f"{path}:{start + 1}:1: error: people: 'people' is required"), \
        (errors, next_section)
    office = new_lines.index("  office: Recovery Directorate, Individual Assistance Division") + 1
    assert errors[0].startswith(f"{path}:{office}:3: error: program.component: ")


def test_fields_missing_at_one_place_keep_the_model_order(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "short.yaml"
    path.write_text("schema_version: 1\ndocument:\n  date: 2026-01-01\nprogram:\n  name: x\n")
    result = run_cli("validate", path)
    fields = [line.split(": error: ")[1].split(":")[0]
              for line in result.stdout.splitlines() if ": error: " in line]
    assert fields[:4] == ["people", "customer_need", "discovery", "vision"]
    assert fields[-6:] == ["program.component", "program.office", "program.service",
                           "program.service_description", "program.customers", "program.channels"]
    assert all(f"{path}:1:" not in line for line in result.stdout.splitlines())
