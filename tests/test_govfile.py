"""The Government's own file: market research report, T&M determination, approval pages."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, example_paths, render_example
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model import Answers
from cxacq.answers.validate import load_and_validate, validate_loaded
from cxacq.documents.catalog import DOCUMENTS, documents_for
from cxacq.engine.pipeline import build_package
from cxacq.errors import AnswersInvalid

FEMA = EXAMPLES / "fema-disaster-assistance.yaml"
GOVERNMENT = [k for k, kind in DOCUMENTS.items() if kind.signed]
WRITE_IN = re.compile(r"^_{3,}$")


def _data(path=FEMA) -> dict[str, Any]:
    return load_answers_file(path).data


def _validate(data: dict[str, Any]) -> Answers:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return validate_loaded(load_answers_text(text, "case.yaml"))


def _markdown(answers: Answers) -> dict[str, str]:
    files = build_package(answers, formats=("markdown",))
    return {k.rsplit("/", 1)[-1].removesuffix(".md"): v.decode("utf-8")
            for k, v in files.items() if k.endswith(".md")}


@functools.cache
def _example(name: str, edition: str = "rfo") -> dict[str, str]:
    files = render_example(EXAMPLES / name, formats=("markdown",), edition=edition)
    return {k.rsplit("/", 1)[-1].removesuffix(".md"): v.decode("utf-8")
            for k, v in files.items() if k.endswith(".md")}


def _approval_rows(text: str) -> list[list[str]]:
    page = text.split("## Approval and signatures", 1)[1]
    rows = [line for line in page.splitlines() if line.startswith("| ") and "---" not in line]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[1:]]


def test_each_kind_renders_only_where_it_applies() -> None:
    for path in example_paths():
        answers = load_and_validate(path)
        keys = {kind.key for kind in documents_for(answers)}
        docs = _example(path.name)
        tm = answers.acquisition.contract_type in ("time_and_materials", "labor_hour", "hybrid")
        assert ("determination-and-findings" in keys) == tm, path.name
        assert ("determination-and-findings" in docs) == tm, path.name
        has_research = bool(answers.market_research.methods)
        assert ("market-research-report" in docs) == has_research, path.name
    assert "determination-and-findings" in _example(FEMA.name)
    assert "market-research-report" not in _example("minimal.yaml")


def test_market_research_report_carries_methods_sources_vehicles_and_conclusions() -> None:
    answers = load_and_validate(FEMA)
    mr = answers.market_research
    text = _example(FEMA.name)["market-research-report"]
    for heading in ("Methods and when they were used", "Sources contacted and their responses",
                    "What market research found", "Small business analysis and the set-aside "
                    "decision", "Vehicles considered and the choice",
                    "Conclusions the strategy relies on"):
        assert f"## {heading}" in text
    assert "October 30, 2026" in text
    for source in mr.sources_contacted:
        assert source.response in text
    for vehicle in mr.vehicles_considered:
        assert vehicle.name in text
    assert mr.vehicle_choice and " ".join(mr.vehicle_choice.split()) in text
    assert "no set-aside (FAR Part 19)" in text and "(FAR 10.001)" in text
    assert "time-and-materials contract type" in text
    strategy = _example(FEMA.name)["acquisition-strategy"]
    report = DOCUMENTS["market-research-report"].file_name
    assert f"The market research report ({report}) records" in strategy


def test_determination_cites_the_commercial_rule_under_each_edition() -> None:
    rfo = _example(FEMA.name)["determination-and-findings"]
    assert "**Authority:** FAR 12.104(b) and FAR 16.601-3." in rfo
    assert "$12,820,000" in rfo and "not more than three years" in rfo
    assert "Head of the contracting activity" not in rfo
    for finding in ("Why no other contract type is suitable", "Ceiling price",
                    "Surveillance that controls cost", "The move to fixed price"):
        assert finding in rfo
    assert "month 9 review" in rfo
    legacy = _example(FEMA.name, "legacy")["determination-and-findings"]
    assert "**Authority:** FAR 12.207(b) and FAR 16.601(d)." in legacy
    assert "12.104" not in legacy and "16.601-3" not in legacy
    dual = _example(FEMA.name, "dual")["determination-and-findings"]
    assert "FAR 12.104(b) (formerly 12.207(b))" in dual


def test_noncommercial_labor_hour_over_three_years_needs_the_hca() -> None:
    data = _data()
    data["acquisition"].update(contract_type="labor_hour", commercial=False)
    data["acquisition"]["time_and_materials"].pop("fixed_price_plan")
    data["funding"]["periods"][0]["months"] = 24
    text = _markdown(_validate(data))["determination-and-findings"]
    assert "**Authority:** FAR 16.601-3." in text and "12.104" not in text
    assert "labor-hour order" in text and "48 months, more than three years" in text
    assert "No plan to move to fixed-price pricing is recorded" in text
    rows = _approval_rows(text)
    assert rows[-1][0] == "Approved by: Head of the contracting activity"
    assert WRITE_IN.match(rows[-1][1])


@pytest.mark.parametrize("kind", ["time_and_materials", "labor_hour", "hybrid"])
def test_time_and_materials_without_findings_is_an_error_at_the_field(kind: str) -> None:
    data = _data(EXAMPLES / "uscis-work-authorization.yaml")
    data["acquisition"]["contract_type"] = kind
    with pytest.raises(AnswersInvalid) as info:
        _validate(data)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.field == "acquisition.time_and_materials"
    assert "why_not_fixed_price, ceiling_price and cost_surveillance" in diagnostic.message
    assert diagnostic.line is not None


def test_findings_on_a_fixed_price_type_and_a_ceiling_above_the_estimate_are_errors() -> None:
    data = _data()
    data["acquisition"]["time_and_materials"]["ceiling_price"] = "99000000"
    with pytest.raises(AnswersInvalid) as info:
        _validate(data)
    assert [d.field for d in info.value.diagnostics] == [
        "acquisition.time_and_materials.ceiling_price"]
    data = _data()
    data["acquisition"]["contract_type"] = "firm_fixed_price"
    with pytest.raises(AnswersInvalid) as info:
        _validate(data)
    assert [d.field for d in info.value.diagnostics] == ["acquisition.time_and_materials"]


def test_every_government_document_has_its_approval_page_with_the_names() -> None:
    for path in example_paths():
        answers = load_and_validate(path)
        people = answers.people
        docs = _example(path.name)
        present = [k for k in GOVERNMENT if k in docs]
        assert "acquisition-strategy" in present and "evaluation-plan" in present
        for key in present:
            text = docs[key]
            assert text.count("## Approval and signatures") == 1, (path.name, key)
            rows = _approval_rows(text)
            steps = [row[0].split(":")[0] for row in rows]
            assert steps == sorted(steps, key=["Prepared by", "Reviewed by",
                                               "Approved by"].index), (path.name, key)
            assert {"Prepared by", "Approved by"} <= set(steps), (path.name, key)
            for row in rows:  # signature and date are write-in cells
                assert WRITE_IN.match(row[2]) and WRITE_IN.match(row[3]), (path.name, key)
            names = " ".join(row[1] for row in rows)
            assert people.contracting_officer.name in names, (path.name, key)
            if key in ("acquisition-strategy", "market-research-report"):
                assert people.program_manager.name in names and people.cx_lead.name in names
        strategy = docs["acquisition-strategy"]
        assert people.executive_sponsor.name in " ".join(
            r[1] for r in _approval_rows(strategy))
        assert "Approval: the contracting officer" not in strategy


def test_approvals_from_the_answers_go_on_the_documents_they_name() -> None:
    docs = _example(FEMA.name)
    for key in ("acquisition-strategy", "determination-and-findings"):
        assert "Patricia Holloway" in docs[key].split("## Approval and signatures")[1]
    for key in ("market-research-report", "evaluation-plan"):
        assert "Patricia Holloway" not in docs[key]
    assert "Carla Nguyen" in docs["acquisition-strategy"].split("## Approval")[1]
    data = _data()
    data["people"]["approvals"] = [
        {"name": "Maria Lopez", "title": "Head of the Contracting Activity", "step": "approved",
         "documents": ["acquisition-strategy"]},
        {"name": "Ann Lee", "title": "Chief of Staff", "step": "reviewed"},
    ]
    docs = _markdown(_validate(data))
    rows = _approval_rows(docs["acquisition-strategy"])
    assert rows[-1][:2] == ["Approved by: Head of the Contracting Activity", "Maria Lopez"]
    assert not any(WRITE_IN.match(row[1]) for row in rows)
    for key in GOVERNMENT:
        if key in docs:
            assert "Ann Lee" in docs[key], key
    data["people"]["approvals"][0]["documents"] = ["acquisition-stratgy"]
    with pytest.raises(AnswersInvalid) as info:
        _validate(data)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.field == "people.approvals[1].documents[1]"  # counted from 1
    assert "acquisition-strategy" in (diagnostic.hint or "")


def test_every_government_document_is_signed() -> None:
    """Issue 14: an approval page on every Government document, the workbook included."""
    government = {k for k, kind in DOCUMENTS.items() if kind.audience == "government"}
    assert government == set(GOVERNMENT)


def test_the_cost_estimate_has_an_approvals_sheet_with_the_names() -> None:
    import io

    from openpyxl import load_workbook

    path = next(p for p in example_paths() if p.name == "uscis-work-authorization.yaml")
    answers = load_and_validate(path)
    files = render_example(path)  # the example as shipped
    book = load_workbook(io.BytesIO(files[DOCUMENTS["cost-estimate"].file_name]))
    sheet = book["Approvals"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Step and role", "Name and title", "Signature", "Date"]
    steps = [row[0] for row in rows[1:]]
    assert steps == ["Prepared by: Program manager", "Reviewed by: Contracting officer",
                     "Approved by: Approving official"]
    assert answers.people.program_manager.name in rows[1][1]
    assert answers.people.contracting_officer.name in rows[2][1]
    assert rows[3][1] is None  # written in by the official who signs
    assert all(row[2] is None and row[3] is None for row in rows[1:])  # room to sign
    assert "Signatures" in sheet.tables
