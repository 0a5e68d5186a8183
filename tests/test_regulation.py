"""The regulation a contracting officer works under: paths, editions, words and the agency.

Every example renders under every FAR edition; every "FAR …" and "GSAR …" string in the
output is a catalogue entry under that edition; each path uses its own words; no FAR number
is typed anywhere outside the catalogue.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, example_answers, example_paths, render_example
from cxacq.answers.facts import ALLOWED_COMPETITION, PATH_NAMES, decide_facts
from cxacq.answers.model import Answers
from cxacq.citations import (
    CITATIONS,
    EDITIONS,
    REUSED,
    citations_for,
    cite,
    find_far_numbers,
    known_numbers,
    legacy_concept,
)
from cxacq.documents.catalog import DOCUMENTS
from cxacq.engine.pipeline import build_package
from helpers import doc_file

RAW_CITATION = re.compile(r"\b(?:FAR|GSAR)\s+(?:Part|part|subpart|Subpart|\d)")
BORROWED = "does not apply to this"
PART_15_WORDS = ("offeror", "proposal", "discussions", "competitive range", "fair opportunity")


def _answers(name: str) -> Answers:
    return example_answers(EXAMPLES / name)


@functools.cache
def _package(name: str, edition: str) -> dict[str, str]:
    files = render_example(EXAMPLES / name, formats=("markdown",), edition=edition)
    return {k: v.decode("utf-8") for k, v in files.items() if k.endswith(".md")}


def _text(name: str, edition: str = "rfo") -> str:
    return "\n".join(text for _, text in sorted(_package(name, edition).items()))


def _examples_on(path: str) -> list[str]:
    return [p.name for p in example_paths() if _answers(p.name).acquisition.ordering_procedure
            == path]


def test_shipped_examples_cover_every_path() -> None:
    paths = {_answers(p.name).acquisition.ordering_procedure for p in example_paths()}
    assert paths == set(PATH_NAMES)


def test_no_far_number_is_typed_outside_the_catalogue() -> None:
    sources = [p for p in (ROOT / "src" / "cxacq").rglob("*.py") if p.name != "citations.py"]
    sources += sorted((ROOT / "templates").glob("*.j2"))
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RAW_CITATION.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_citation_in_every_document_is_in_the_catalogue(path: Path, edition: str) -> None:
    current = known_numbers(edition)
    legacy = known_numbers("legacy")
    package = _package(path.name, edition)
    assert package, "nothing rendered"
    for name, text in package.items():
        for number, formerly in find_far_numbers(text):
            if formerly:
                assert edition == "dual", (name, number)
                assert number in legacy, (name, number)
            else:
                assert number in current, (name, number, edition)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_rfo_documents_cite_no_legacy_only_or_reused_number(path: Path) -> None:
    legacy_only = known_numbers("legacy") - known_numbers("rfo")
    for edition in ("rfo", "dual"):
        plain = re.sub(r"\(formerly [^)]*\)+", "", _text(path.name, edition))
        found = {number for number, _ in find_far_numbers(plain)}
        assert not found & legacy_only, (edition, found & legacy_only)
        assert not found & {"FAR subpart 37.6", "FAR 37.6"}


def test_legacy_documents_use_the_old_numbers() -> None:
    text = _text("uscis-work-authorization.yaml", "legacy")
    assert cite("plan_elements", "legacy") in text  # FAR 7.105
    assert cite("fss_ordering", "legacy") in text  # FAR subpart 8.4
    assert cite("plan_elements", "rfo") not in text
    dual = _text("uscis-work-authorization.yaml", "dual")
    assert "FAR 7.104(c) (formerly 7.105)" in dual


@pytest.mark.parametrize("name", _examples_on("schedule_order"))
def test_schedule_orders_use_no_part_15_words(name: str) -> None:
    for edition in EDITIONS:
        for line in _text(name, edition).splitlines():
            if BORROWED in line:
                assert "Part 15" in line and "used for clarity" in line
                continue
            lowered = line.lower()
            assert not [w for w in PART_15_WORDS if w in lowered], line
            assert not re.search(r"FAR (15\.|Part 15)", line), line
    text = _text(name)
    assert "quotation" in text and "brief explanation" in text
    assert "No regulation requires a formal evaluation plan" in text


@pytest.mark.parametrize("name", _examples_on("simplified_commercial"))
def test_simplified_buys_use_quotation_words(name: str) -> None:
    text = _text(name)
    assert "request for quotations" in text and "quoter" in text
    assert cite("simplified_commercial") in text
    for line in text.splitlines():
        if BORROWED not in line:
            assert not [w for w in PART_15_WORDS if w in line.lower()], line


@pytest.mark.parametrize("name", _examples_on("task_order"))
def test_task_orders_say_fair_opportunity_and_their_debriefing_rule(name: str) -> None:
    text = _text(name)
    assert "fair opportunity" in text
    assert "debriefing" in text and cite("order_debriefing") in text
    assert "competitive range" not in text
    legacy = _text(name, "legacy")
    assert cite("order_debriefing", "legacy") in legacy


@pytest.mark.parametrize("name", _examples_on("negotiated"))
def test_negotiated_contracts_use_part_15_words(name: str) -> None:
    text = _text(name)
    for word in ("offeror", "proposal", "competitive range", "negotiations"):
        assert word in text, word
    assert "quoter" not in text and "fair opportunity" not in text
    assert cite("relative_importance") in text and cite("postaward_debriefing") in text
    assert BORROWED not in text
    assert "discussions" in _text(name, "legacy")


def test_every_document_opens_with_its_regulatory_basis() -> None:
    for path in example_paths():
        for name, text in _package(path.name, "rfo").items():
            head = text.split("\n## ", 3)
            assert "**Regulatory basis.**" in "\n## ".join(head[:3]), (path.name, name)
            assert "Homeland Security Acquisition Manual" in text
            kind = next(k for k in DOCUMENTS.values() if name == f"{k.filename}.md")
            # The contracting officer's own checks stay out of what offerors receive.
            internal = "December 1, 2026" in text and "deviation status" in text
            assert internal == (kind.audience != "offerors"), (path.name, name)


def test_oral_instructions_follow_the_companion_not_a_removed_rule() -> None:
    rfo = _package("fema-flood-claims.yaml", "rfo")[doc_file("oral-presentation-handout", "md")]
    assert cite("fc_oral_presentations") in rfo and "good practice" in rfo
    handout = doc_file("oral-presentation-handout", "md")
    legacy = _package("fema-flood-claims.yaml", "legacy")[handout]
    assert cite("oral_solicitation_items", "legacy") in legacy


def test_another_agency_gets_none_of_the_dhs_text() -> None:
    base = _answers("minimal.yaml")
    other = base.model_copy(update={
        "agency": base.agency.model_copy(update={
            "name": "General Services Administration", "abbreviation": "GSA",
            "supplement": "General Services Administration Acquisition Manual (GSAM)",
        }),
        "compliance": base.compliance.model_copy(update={"system_access": True}),
    })
    files = build_package(other, formats=("docx", "markdown"))
    text = "\n".join(v.decode() for k, v in files.items() if k.endswith(".md"))
    for dhs in ("Homeland Security Acquisition Manual", "HSAM", "DHS OCIO", "DHS systems",
                "DHS clauses", "DHS information security"):
        assert dhs not in text, dhs
    assert "General Services Administration Acquisition Manual (GSAM)" in text
    assert "GSA systems or facilities" in text
    dhs_text = "\n".join(
        v.decode() for k, v in build_package(
            base.model_copy(update={"compliance": base.compliance.model_copy(
                update={"system_access": True})}), formats=("docx", "markdown")).items()
        if k.endswith(".md")
    )
    assert "DHS clauses" in dhs_text and cite("hsam_planning") in dhs_text


def test_facts_decide_the_path_words_and_what_applies() -> None:
    uscis = decide_facts(_answers("uscis-work-authorization.yaml"))
    assert (uscis.path, uscis.responder, uscis.response) == ("schedule_order", "quoter",
                                                            "quotation")
    assert not uscis.evaluation_plan_required and not uscis.has_competitive_range
    assert uscis.is_fixed_price and uscis.is_order and not uscis.has_fair_opportunity
    fema = decide_facts(_answers("fema-disaster-assistance.yaml"))
    assert fema.is_task_order and fema.has_fair_opportunity and fema.is_time_and_materials
    assert fema.order_debriefing_applies and fema.responder == "offeror"
    assert fema.needs_type_determination
    flood = decide_facts(_answers("fema-flood-claims.yaml"), "legacy")
    assert flood.is_part_15 and flood.evaluation_plan_required and flood.exchanges == "discussions"
    assert decide_facts(_answers("fema-flood-claims.yaml")).exchanges == "negotiations"
    assert flood.has_past_performance_factor and flood.has_price_factor and flood.is_tradeoff
    cbp = decide_facts(_answers("cbp-global-entry-renewal.yaml"))
    assert cbp.is_simplified and cbp.is_quotation and cbp.award_noun == "order"


def test_each_path_allows_fair_opportunity_only_for_task_orders() -> None:
    for path, allowed in ALLOWED_COMPETITION.items():
        assert ("fair_opportunity" in allowed) == (path == "task_order")


def test_catalogue_entries_are_complete_and_parse_back() -> None:
    for key, entry in CITATIONS.items():
        assert entry.key == key and entry.concept and entry.verified, key
        if entry.rfo is None:
            assert entry.note, f"{key}: a concept with no successor says what replaces it"
        for edition in EDITIONS:
            text = entry.text(edition)
            for number, _ in find_far_numbers(text):
                assert number in known_numbers("legacy") | known_numbers("rfo"), (key, number)
    assert citations_for("dual")["relative_importance"] == "FAR 15.104(d) (formerly 15.304(e))"
    assert citations_for("rfo")["oral_solicitation_items"] == ""
    assert not citations_for("rfo").has("oral_solicitation_items")
    with pytest.raises(ValueError):
        citations_for("1984")


def test_legacy_numbers_are_found_at_their_paragraph() -> None:
    entry = legacy_concept("FAR 8.405-6(a)(1)(i)(B)")
    assert entry is not None and entry.key == "fss_limited_sources"
    assert legacy_concept("FAR 8.405") is None
    assert set(REUSED) >= {"FAR 15.202", "FAR subpart 37.6"}


def test_docs_citations_is_current() -> None:
    script = ROOT / "scripts" / "make_citations_doc.py"
    spec = importlib.util.spec_from_file_location("make_citations_doc", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.is_current(), "docs/citations.md is stale: run make docs"
    text = (ROOT / "docs" / "citations.md").read_text(encoding="utf-8")
    for entry in CITATIONS.values():
        assert f"`{entry.key}`" in text


def test_far_edition_option_overrides_the_file(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    result = run_cli("render", EXAMPLES / "minimal.yaml", "--out", out, "--markdown",
                     "--far-edition", "legacy")
    assert result.exit_code == 0, result.output
    text = (out / "minimal" / doc_file("acquisition-strategy", "md")).read_text(encoding="utf-8")
    assert cite("plan_elements", "legacy") in text and "before the overhaul" in text
    answers = tmp_path / "legacy-numbers.yaml"
    answers.write_text(
        (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8").replace(
            "  relative_importance: The CX approach is the only non-price factor.",
            "  relative_importance: The CX approach is the only non-price factor (FAR 15.304(e)).",
        ),
        encoding="utf-8",
    )
    rfo = run_cli("check", answers, "--format", "json")
    assert "RFO-C01" in rfo.stdout and "FAR 15.104(d)" in rfo.stdout
    legacy = run_cli("check", answers, "--format", "json", "--far-edition", "legacy")
    assert "RFO-C01" not in legacy.stdout
