"""The three documents carry the answers and what a contracting officer expects."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, example_paths
from cxacq.answers.facts import decide_facts
from cxacq.answers.validate import load_and_validate
from cxacq.citations import cite
from cxacq.documents.catalog import SSI_LEGEND
from cxacq.documents.ratings import rating_scale
from cxacq.documents.surveillance import surveillance_standards
from cxacq.engine.reference import build_reference
from helpers import doc_file, docx_summary

USCIS = EXAMPLES / "uscis-work-authorization.yaml"


@pytest.fixture(scope="module", params=example_paths(), ids=lambda p: p.stem)
def rendered(request, example_package):
    answers = load_and_validate(request.param)
    files = example_package(request.param)
    return answers, {
        name: docx_summary(data) for name, data in files.items() if name.endswith(".docx")
    }


def _text(summary) -> str:
    parts = [text for _, text in summary["paragraphs"]]
    for table in summary["tables"]:
        for row in table:
            parts.extend(row["cells"])
    return "\n".join(parts)


def _sections(summary) -> dict[str, str]:
    """Heading text → the text under it until the next heading of any level."""
    sections: dict[str, list[str]] = {}
    current = None
    for style, text in summary["paragraphs"]:
        if style.startswith("Heading"):
            current = text
            sections[current] = []
        elif current is not None and text:
            sections[current].append(text)
    return {k: "\n".join(v) for k, v in sections.items()}


STRATEGY_SECTIONS = [
    "Executive summary", "Statement of need: the persistent customer need",
    "Discovery with customers",
    "Vision and objectives", "The three capacity questions", "Prioritized needs and support model",
    "Applicable conditions", "Cost, trade-offs and risks", "Performance-based approach",
    "Sources and market research", "Competition", "Contract type and vehicle", "Source selection",
    "Budgeting and funding", "Deliverables, capacity building and data rights",
    "Government roles and inherently governmental functions", "Accessibility, security and privacy",
    "Contract administration", "Traceability from needs to evaluation",
    "Other considerations: elements that do not apply", "Milestones", "Participants and approvals",
]


def test_strategy_has_every_section_with_answers_in_it(rendered) -> None:
    answers, docs = rendered
    summary = docs[doc_file("acquisition-strategy")]
    headings = [t for s, t in summary["paragraphs"] if s.startswith("Heading")]
    for name in STRATEGY_SECTIONS:
        assert name in headings, name
    text = _text(summary)
    sections = _sections(summary)
    assert (
        answers.customer_need.pain_point
        in sections["Statement of need: the persistent customer need"]
    )
    assert answers.vision.five_year in sections["Vision and objectives"]
    assert answers.capacity.great_cx in text
    for need in answers.needs:
        assert need.need in text
    for measure in answers.capacity.success_measures:
        assert measure.name in text
    assert answers.acquisition.vehicle in sections["Contract type and vehicle"]
    assert answers.funding.source in sections["Budgeting and funding"]
    assert answers.people.executive_sponsor.name in text
    assert cite("plan_elements") in text and "agency procedures" in text.lower()
    assert "Regulatory basis." in text


def _qs_ids(cell: str) -> list[str]:
    """Expand a matrix cell such as "QS-1, QS-2, QS-4 to QS-6" into every id it names."""
    ids: list[str] = []
    for part in cell.split(", "):
        first, _, last = part.partition(" to ")
        low = int(first.removeprefix("QS-"))
        high = int(last.removeprefix("QS-")) if last else low
        ids.extend(f"QS-{n}" for n in range(low, high + 1))
    return ids


def test_traceability_matrix_covers_every_need(rendered) -> None:
    answers, docs = rendered
    ranked = sorted(answers.needs, key=lambda n: n.rank)
    standards = surveillance_standards(answers)
    qasp = _text(docs[doc_file("quality-assurance-surveillance-plan")])
    for name in (doc_file("acquisition-strategy"), doc_file("evaluation-plan")):
        table = next(
            t for t in docs[name]["tables"]
            if t[0]["cells"][0] == "Objective (need, by priority) and its surveillance standards"
        )
        assert len(table[0]["cells"]) == 5  # six columns break words mid-word on a Letter page
        for need, row in zip(ranked, table[1:], strict=True):
            cell = row["cells"][0]
            assert cell.startswith(f"OBJ-{need.rank}. {need.need}")
            assert cell.count(" Standards: ") == 1 and cell.endswith(".")
            listed = _qs_ids(cell.rsplit(" Standards: ", 1)[1].removesuffix("."))
            assert listed == [s.id for s in standards if f"OBJ-{need.rank}" in s.objectives]
            assert listed and all(f"\n{i}\n" in f"\n{qasp}\n" for i in listed)


def test_evaluation_plan_marking_factors_ratings_and_importance(rendered) -> None:
    answers, docs = rendered
    summary = docs[doc_file("evaluation-plan")]
    assert summary["header"] == [SSI_LEGEND]
    text = _text(summary)
    facts = decide_facts(answers)
    for level, definition in rating_scale(answers.evaluation.rating_method, facts.responder):
        assert level in text and definition in text
    for term in ("Strength", "Weakness", "Significant weakness", "Deficiency"):
        assert term in text
    assert "not derived by counting strengths and weaknesses" in text
    assert answers.evaluation.relative_importance in text
    assert (cite("relative_importance") in text) == facts.is_part_15
    for factor in answers.evaluation.factors:
        assert f": {factor.name}" in text and factor.submission in text
    assert "CX discriminator guide" in text and "Red flags:" in text
    for person in answers.evaluation.evaluators:
        assert person.name in text
    assert "Appendix A: Evaluator worksheet" in text and "Appendix B: Consensus record" in text


def test_oral_handout_and_packet_or_the_reason_there_are_none(rendered) -> None:
    answers, docs = rendered
    oral = answers.oral_presentation
    if not oral.used:
        assert doc_file("oral-presentation-handout") not in docs
        assert doc_file("oral-evaluator-packet") not in docs
        assert oral.not_used_reason in _text(docs[doc_file("evaluation-plan")])
        return
    handout = docs[doc_file("oral-presentation-handout")]
    packet = docs[doc_file("oral-evaluator-packet")]
    assert SSI_LEGEND not in handout["header"]  # released as it is
    assert not answers.document.marking or answers.document.marking not in handout["header"]
    assert packet["header"] == [SSI_LEGEND]  # the page header repeats on every page
    text = _text(handout)
    assert "Source Selection Information" not in text and "source selection information" not in text
    for prompt in oral.scenario.prompts:
        assert prompt in text
    # The six items the old rule listed stay in the instructions as good practice.
    facts = decide_facts(answers)
    assert "informs the evaluation of" in text  # (1) information and factors
    assert "must present" in text  # (2) presenters
    assert "Only what is presented is evaluated" in text  # (3) material limits
    assert "When:" in text and "Format:" in text  # (4) place, date, time
    assert f"{oral.presentation_minutes} minutes" in text  # (5) time limits
    assert "The Government records the session" in text  # (6) the record
    for rule in oral.session_rules:  # every other rule comes from the answers
        assert rule in text
    assert (cite("oral_record") in text) == facts.is_part_15
    packet_text = _text(packet)
    for heading in ("Evaluation criteria", "Observation worksheet", "Consensus record",
                    "Dry-run checklist"):
        assert heading in packet_text
    assert "Signature" in packet_text  # signature lines on the consensus record


def test_committed_reference_document_is_reproducible() -> None:
    assert (ROOT / "templates" / "reference.docx").read_bytes() == build_reference()


@pytest.mark.slow
def test_libreoffice_opens_every_document(example_pdfs, example_package, tmp_path: Path) -> None:
    """Every Word document of every example converts (the PDFs the page tests read, too)."""
    expected = {f"{path.stem}--{Path(name).stem}.pdf" for path in example_paths()
                for name in example_package(path) if name.endswith(".docx")}
    assert set(example_pdfs) == expected
    for name, data in example_pdfs.items():
        assert data.startswith(b"%PDF") and len(data) > 10_000, name
        if shutil.which("pdfinfo"):
            pdf = tmp_path / name
            pdf.write_bytes(data)
            info = subprocess.run(
                ["pdfinfo", str(pdf)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            pages = int(
                next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
            )
            assert pages >= 3, name


def test_statement_of_need_claims_only_what_the_answers_show(rendered) -> None:
    answers, summaries = rendered
    sections = _sections(summaries[doc_file("acquisition-strategy")])
    text = sections["Statement of need: the persistent customer need"]
    need = answers.customer_need
    assert ("agreed with leaders" in text) == bool(need.agreed_by)
    assert ("shown by existing data" in text) == bool(need.evidence)
