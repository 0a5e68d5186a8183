"""The quality assurance surveillance plan: its matrix, its split from outcomes, its rules."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, example_paths
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model import Answers
from cxacq.answers.validate import load_and_validate, validate_loaded
from cxacq.citations import cite
from cxacq.documents.catalog import DOCUMENTS, SSI_LEGEND, documents_for
from cxacq.documents.context import build_context
from cxacq.documents.render import make_environment, render_markdown
from cxacq.documents.surveillance import surveillance_standards
from cxacq.errors import AnswersInvalid
from cxacq.guidance import run_rules
from cxacq.resources import templates_dir
from helpers import docx_summary

KIND = DOCUMENTS["quality-assurance-surveillance-plan"]
USCIS = EXAMPLES / "uscis-work-authorization.yaml"


def _markdown(answers: Answers) -> str:
    env = make_environment([templates_dir()], sandboxed=False)
    assert KIND.template is not None
    return render_markdown(env, KIND.template, build_context(answers, kind=KIND.key))


def _rows(text: str, first: str) -> list[list[str]]:
    """Return the body rows of the Markdown table whose header starts with ``first``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first} |"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = line.strip().strip("|").split(" | ")
        rows.append([re.sub(r"\\(.)", r"\1", cell.strip()) for cell in cells])
    return rows


def _loaded(data: dict[str, Any]) -> Answers:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return validate_loaded(load_answers_text(text, "case.yaml"))


@pytest.fixture(scope="module", params=example_paths(), ids=lambda p: p.stem)
def plan(request: pytest.FixtureRequest) -> tuple[Answers, str]:
    answers = load_and_validate(request.param)
    return answers, _markdown(answers)


def test_every_example_has_the_plan_as_a_government_document(plan) -> None:
    answers, _ = plan
    assert KIND in documents_for(answers)
    assert KIND.audience == "government"
    # It holds no source selection information: it carries the package's own marking.
    assert KIND.marking(answers) == answers.document.marking
    assert KIND.marking(answers) != SSI_LEGEND


def test_matrix_has_a_row_per_deliverable_and_the_four_families(plan) -> None:
    answers, text = plan
    rows = _rows(text, "ID")
    ids = [row[0] for row in rows]
    assert ids == [f"QS-{n}" for n in range(1, len(rows) + 1)]
    results = [row[1] for row in rows]
    deliverables = [d.name for d in answers.acquisition.deliverables]
    assert results[: len(deliverables)] == deliverables
    assert "Research cadence" in results
    assert "Usability testing with customers" in results
    usability = rows[results.index("Usability testing with customers")]
    assert "assistive technology" in usability[2]
    accessible = [row for row in rows if row[1].startswith("Accessible ICT")]
    if any(d.ict for d in answers.acquisition.deliverables):
        assert len(accessible) == 1
        assert "Zero accessibility defects" in accessible[0][3]
        assert answers.compliance.accessibility_standard in accessible[0][2]
    else:
        assert not accessible
    capacity = [row for row in rows if row[1].startswith("Capacity building:")]
    assert len(capacity) == len(answers.capacity_building)
    expected = len(deliverables) + 2 + len(accessible) + len(capacity)
    assert len(rows) == expected
    # Every standard names objectives that exist: OBJ-1 … OBJ-n, n ranked needs.
    objectives = {f"OBJ-{n}" for n in range(1, len(answers.needs) + 1)}
    for row in rows:
        named = set(row[4].split(", "))
        assert named and named <= objectives, row
    # The surveillance half of the matrix has the same ids and every column filled.
    checked = _rows(text, "ID | Surveillance method")
    assert [row[0] for row in checked] == ids
    assert all(all(cell for cell in row) for row in checked)


def test_program_outcomes_are_tracked_but_not_standards(plan) -> None:
    answers, text = plan
    standards = " ".join(" ".join(row) for row in _rows(text, "ID"))
    outcomes = [row[0] for row in _rows(text, "Measure")]
    for measure in answers.capacity.success_measures:
        assert measure.name.lower() not in standards.lower()
        assert any(cell.startswith(measure.name) for cell in outcomes)
    assert "The contractor is not held to them" in text


def test_objectives_follow_rank_order_and_explicit_needs() -> None:
    answers = load_and_validate(USCIS)
    text = _markdown(answers)
    objectives = _rows(text, "Objective")
    ranked = sorted(answers.needs, key=lambda n: n.rank)
    assert [row[0] for row in objectives] == [f"OBJ-{n}" for n in range(1, len(ranked) + 1)]
    assert [row[1] for row in objectives] == [n.need for n in ranked]
    tested = next(
        s for s in surveillance_standards(answers) if s.result == "Tested prototypes and content"
    )
    assert tested.objectives == ("OBJ-1", "OBJ-2")  # surveillance.needs: [1, 2]
    assert tested.standard.startswith("Each iteration's prototypes")
    # A deliverable without a block gets the defaults and serves every objective.
    journey = surveillance_standards(answers)[1]
    assert journey.aql == "Every submission accepted, with at most one resubmission."
    assert journey.objectives == ("OBJ-1", "OBJ-2", "OBJ-3", "OBJ-4")


def test_roles_name_the_cor_and_the_product_owner() -> None:
    answers = load_and_validate(USCIS)
    roles = {row[0]: row[1] for row in _rows(_markdown(answers), "Role")}
    cor = answers.people.contracting_officers_representative
    assert cor is not None
    assert roles["Contracting officer's representative (COR)"] == cor.name
    owner = next(p for p in answers.people.participants if "product owner" in p.role.lower())
    assert roles["Product owner"] == owner.name
    minimal = load_and_validate(EXAMPLES / "minimal.yaml")
    roles = {row[0]: row[1] for row in _rows(_markdown(minimal), "Role")}
    assert roles["Contracting officer's representative (COR)"] == "To be appointed before award"
    assert roles["Product owner"] == minimal.people.program_manager.name


@pytest.mark.parametrize(
    ("contract_type", "clauses"),
    [
        ("firm_fixed_price", ["inspection_fixed_price"]),
        ("time_and_materials", ["inspection_tm"]),
        ("cost_reimbursement", ["inspection_cost"]),
        ("hybrid", ["inspection_fixed_price", "inspection_tm"]),
    ],
)
def test_remedies_cite_the_inspection_clause_of_the_contract_type(contract_type, clauses) -> None:
    data = load_answers_file(USCIS).data
    data["acquisition"]["contract_type"] = contract_type
    if contract_type in ("time_and_materials", "hybrid"):  # these need their determination
        data["acquisition"]["time_and_materials"] = {
            "why_not_fixed_price": "The research rounds cannot be sized before the work starts.",
            "ceiling_price": data["funding"]["periods"][0]["amount"],
            "cost_surveillance": "The COR reviews a monthly report of hours against the ceiling.",
        }
    text = _markdown(_loaded(data))
    acceptance = text.split("# Surveillance and acceptance")[1]
    for key in clauses:
        assert cite(key) in acceptance
    others = {"inspection_fixed_price", "inspection_tm", "inspection_cost"} - set(clauses)
    assert not any(cite(key) in acceptance for key in others)
    assert ("may reduce the price" in acceptance) == (contract_type == "firm_fixed_price")
    assert cite("past_performance_evaluations") in text and "CPARS" in text


def test_the_word_document_carries_the_marking_and_a_header_row(example_package) -> None:
    answers = load_and_validate(USCIS)
    files = example_package(USCIS)
    summary = docx_summary(files[f"{KIND.filename}.docx"])
    assert summary["properties"]["title"].startswith(KIND.title)
    assert answers.document.marking in " ".join(summary["header"])
    assert "Source Selection" not in " ".join(summary["header"])
    matrix = next(t for t in summary["tables"] if t[0]["cells"][:2] == ["ID", "Result"])
    assert matrix[0]["header"]
    assert len(matrix) - 1 == len(surveillance_standards(answers))


def _codes(data: dict[str, Any]) -> dict[str, list[str]]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, "case.yaml")
    found: dict[str, list[str]] = {}
    for d in run_rules(validate_loaded(loaded), loaded):
        found.setdefault(d.code, []).append(f"{d.field}: {d.message}")
    return found


def test_a_deliverable_with_no_standard_is_reported() -> None:
    data = load_answers_file(USCIS).data
    assert "QASP-C01" not in _codes(data)
    del data["acquisition"]["deliverables"][0]["due"]
    found = _codes(data)["QASP-C01"]
    assert len(found) == 1 and "Research plans and readouts" in found[0]
    # A standard of its own is enough without a due date.
    own = {"standard": "Readouts name the evidence."}
    data["acquisition"]["deliverables"][0]["surveillance"] = own
    assert "QASP-C01" not in _codes(data)


def test_a_standard_built_on_a_program_outcome_is_an_error() -> None:
    data = load_answers_file(USCIS).data
    block = data["acquisition"]["deliverables"][2]["surveillance"]
    block["measure"] = "status-calls"
    found = _codes(data)["QASP-C02"]
    assert "judged by the success measure 'Status calls about Form I-765'" in found[0]
    del block["measure"]
    block["acceptable_quality_level"] = "Status calls about Form I-765 fall by 25 percent."
    found = _codes(data)["QASP-C02"]
    assert found[0].startswith("acquisition.deliverables[3].surveillance.acceptable_quality_level")


def test_ict_without_an_accessibility_standard_is_reported() -> None:
    data = load_answers_file(USCIS).data
    deliverable = data["acquisition"]["deliverables"][0]
    deliverable["description"] = "A redesigned status web page and its code."
    found = _codes(data)["QASP-C03"]
    assert "names code, web page but ict is false" in found[0]
    deliverable["ict"] = True
    assert "QASP-C03" not in _codes(data)
    standards = surveillance_standards(_loaded(data))
    assert deliverable["name"] in next(s for s in standards if s.kind == "accessibility").result


def test_surveillance_needs_must_name_ranked_needs() -> None:
    data = load_answers_file(USCIS).data
    data["acquisition"]["deliverables"][2]["surveillance"]["needs"] = [1, 9]
    with pytest.raises(AnswersInvalid) as raised:
        _loaded(data)
    fields = [d.field for d in raised.value.diagnostics]
    assert any(re.search(r"deliverables\[3\]\.surveillance\.needs\[2\]", f or "") for f in fields)


def test_objective_ids_carry_the_rank_in_every_document_when_ranks_have_a_gap() -> None:
    # SEED-C06 only notes a gap in the ranks, so needs ranked 1, 2, 3 and 7 are valid: the
    # need of rank 7 is OBJ-7 in the plan, the requirement and the traceability matrix alike.
    data = load_answers_file(USCIS).data
    data["needs"][3]["rank"] = 7
    answers = _loaded(data)
    env = make_environment([templates_dir()], sandboxed=False)

    def markdown(key: str) -> str:
        kind = DOCUMENTS[key]
        assert kind.template is not None
        return render_markdown(env, kind.template, build_context(answers, kind=key))

    plan = [row[0] for row in _rows(_markdown(answers), "Objective")]
    assert plan == ["OBJ-1", "OBJ-2", "OBJ-3", "OBJ-7"]
    requirement = markdown(next(d.key for d in documents_for(answers) if d.key in (
        "statement-of-objectives", "performance-work-statement")))
    assert re.search(r"^#+ OBJ-7\b", requirement, re.MULTILINE)
    assert "OBJ-4" not in requirement
    header = "Objective (need, by priority) and its surveillance standards"
    trace = _rows(markdown("acquisition-strategy"), header)
    assert [row[0].split(".")[0] for row in trace] == plan
    standards = trace[-1][0].rsplit(" Standards: ", 1)[1]
    assert standards.startswith("QS-1, QS-2, QS-4 to ") and "QS-3," not in standards
