"""The document registry: every kind says who it is for and why it is in or out; the
render JSON lists the documents written; ``cxacq documents`` shows the package and the
completeness map; no file outside the registry names a document kind."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT, example_paths
from cxacq.answers.facts import decide_facts
from cxacq.answers.validate import load_and_validate
from cxacq.citations import CITATIONS
from cxacq.documents.catalog import AUDIENCES, DOCUMENTS, decide_documents, documents_for
from cxacq.engine.completeness import COMPLETENESS, completeness_map, plan_package

FEMA_TM = EXAMPLES / "fema-disaster-assistance.yaml"  # task order, time-and-materials


def _write(tmp_path: Path, source: Path, change) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_every_kind_has_an_audience_and_a_reason() -> None:
    for kind in DOCUMENTS.values():
        assert kind.audience in AUDIENCES and kind.reason is not None, kind.key
    base = DOCUMENTS["acquisition-strategy"]
    with pytest.raises(ValueError, match="audience must be one of offerors, government"):
        dataclasses.replace(base, audience="internal")
    with pytest.raises(ValueError, match="needs a reason"):
        dataclasses.replace(base, reason=None)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_decisions_agree_with_the_package_and_give_a_reason(path: Path) -> None:
    answers = load_and_validate(path)
    decisions = decide_documents(answers)
    assert [d.kind for d in decisions] == list(DOCUMENTS.values())
    assert [d.kind for d in decisions if d.included] == documents_for(answers)
    for decision in decisions:
        assert decision.reason and decision.reason.strip() == decision.reason
        assert decision.sentence().startswith("included: " if decision.included else "not needed: ")


def test_the_oral_scenario_is_out_when_no_oral_presentation_is_used() -> None:
    answers = load_and_validate(EXAMPLES / "minimal.yaml")
    assert not answers.oral_presentation.used
    oral = next(d for d in decide_documents(answers) if d.kind.audience == "offerors"
                and d.kind.template and "oral" in d.kind.template)
    assert not oral.included
    assert oral.sentence() == "not needed: the answers use no oral presentation"


def test_render_json_lists_every_document_with_audience_and_marking(tmp_path: Path,
                                                                    run_cli) -> None:
    result = run_cli("render", str(EXAMPLES / "uscis-work-authorization.yaml"), "--markdown",
                     "--out", str(tmp_path), "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["version"] == 1 and result.exit_code == 0
    (entry,) = payload["files"]
    answers = load_and_validate(EXAMPLES / "uscis-work-authorization.yaml")
    expected = []
    for kind in documents_for(answers):
        extensions = [kind.extension] + (["md"] if kind.template else [])
        expected += [(kind.key, f"{kind.filename}.{ext}", kind.audience, kind.marking(answers))
                     for ext in extensions]
    listed = [(d["kind"], Path(d["path"]).name, d["audience"], d["marking"])
              for d in entry["documents"]]
    assert sorted(listed) == sorted(expected)
    assert all(Path(d["path"]).is_file() for d in entry["documents"])
    assert sorted(d["path"] for d in entry["documents"]) == sorted(entry["outputs"])


def test_documents_json_for_a_time_and_materials_task_order(run_cli) -> None:
    result = run_cli("documents", str(FEMA_TM), "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["version"] == 1 and payload["command"] == "documents"
    (entry,) = payload["files"]
    assert entry["far_edition"] == "rfo"
    assert [d["kind"] for d in entry["documents"]] == list(DOCUMENTS)
    needed = {item["key"]: item for item in entry["also_needed"]}
    assert needed["tm_determination"]["basis"] == CITATIONS["tm_determination"].rfo
    assert needed["award_decision"]["concept"] == "fair_opportunity"
    assert "order_debriefing" in needed  # the order is above $7.5 million
    assert "limited_sources_justification" not in needed
    assert "source selection" not in needed["award_decision"]["title"].lower()
    legacy = json.loads(run_cli("documents", str(FEMA_TM), "--format", "json",
                                "--far-edition", "legacy").stdout)
    items = {i["key"]: i for i in legacy["files"][0]["also_needed"]}
    assert items["tm_determination"]["basis"] == CITATIONS["tm_determination"].legacy
    assert items["cor_nomination"]["basis"] == CITATIONS["cor_designation"].legacy


def test_documents_text_shows_why_and_the_completeness_map(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # one table row a line, so phrases stay whole
    path = _write(tmp_path, EXAMPLES / "fema-flood-claims.yaml",
                  lambda d: d["acquisition"].update(
                      competition="limited_sources",
                      limited_sources_authority="Only one source can meet the need in time."))
    result = run_cli("documents", str(path), str(EXAMPLES / "minimal.yaml"))
    text = re.sub(r"\s+", " ", re.sub(r"[│┃┏┓┗┛┡┩━─┳┻╇╈┼┬┴└┘┌┐]", " ", result.stdout))
    assert "not needed: the answers use no oral presentation" in text
    assert "Justification for other than full and open competition" in text
    assert "Source selection decision document" in text
    assert CITATIONS["source_selection_decision"].rfo in text
    assert "Determination and findings" not in text  # firm-fixed-price


def test_documents_reports_a_bad_file_and_fails(tmp_path: Path, run_cli) -> None:
    result = run_cli("documents", str(tmp_path / "missing.yaml"), "--format", "json")
    assert result.exit_code != 0
    (entry,) = json.loads(result.stdout)["files"]
    assert not entry["ok"] and "documents" not in entry and entry["diagnostics"]


def test_completeness_rules_cite_catalogue_concepts() -> None:
    for path in example_paths():
        answers = load_and_validate(path)
        for edition in ("rfo", "legacy", "dual"):
            for item in plan_package(answers, edition).requirements:
                assert item.concept is None or item.concept in CITATIONS, item.key
                assert item.basis and item.reason, item.key
    assert len({rule.key for rule in COMPLETENESS}) == len(COMPLETENESS)


def test_a_document_that_covers_an_item_marks_it_written() -> None:
    answers = load_and_validate(FEMA_TM)
    facts = decide_facts(answers)
    decisions = decide_documents(answers, facts)
    items = {i.key: i for i in completeness_map(answers, facts, decisions)}
    assert items["tm_determination"].written_by == DOCUMENTS["determination-and-findings"].file_name
    assert items["price_reasonableness"].written_by is None
    # Any kind can cover an item: here the strategy instead of the D&F.
    base = DOCUMENTS["acquisition-strategy"]
    covering = dataclasses.replace(base, covers=("tm_determination",))
    decisions = [
        dataclasses.replace(d, kind=covering) if d.kind is base
        else dataclasses.replace(d, kind=dataclasses.replace(d.kind, covers=()))
        for d in decisions
    ]
    items = {i.key: i for i in completeness_map(answers, facts, decisions)}
    assert items["tm_determination"].written_by == covering.file_name


# --- The registry is the only place a document kind is named --------------------------

# A document's file name is a registered ``filename`` followed by an extension (or by "-",
# as in a workbook sheet LibreOffice exports); a key used to look a kind up in DOCUMENTS is
# not a file name. Files that may still spell one, and why:
ALLOWED: dict[str, str] = {}
EXEMPT = {"src/cxacq/documents/catalog.py", "tests/test_registry.py"}  # the registry; this test
EXTENSIONS = ("docx", "xlsx", "md", "pdf")


def _offenders(root: Path = ROOT) -> list[str]:
    stems = sorted({kind.filename for kind in DOCUMENTS.values()}, key=len, reverse=True)
    pattern = re.compile(
        rf"(?<![\w-])(?:{'|'.join(map(re.escape, stems))})(?:\.(?:{'|'.join(EXTENSIONS)})\b|-)"
    )
    files = sorted((root / "src").rglob("*.py")) + sorted((root / "tests").glob("*.py"))
    found = []
    for path in files:  # tests/golden and tests/data hold outputs and test data: not searched
        rel = path.relative_to(root).as_posix()
        if rel in EXEMPT or rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{rel}:{number}: {line.strip()}")
    return found


def test_only_the_registry_names_document_files() -> None:
    assert _offenders() == [], (
        "name documents through cxacq.documents.catalog.DOCUMENTS (file_name)")


def test_the_search_finds_a_hard_coded_file_name(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "tests").mkdir()
    name = next(iter(DOCUMENTS.values())).file_name
    (tmp_path / "src" / "bad.py").write_text(f'OUT = "{name}"\n', encoding="utf-8")
    (tmp_path / "tests" / "test_ok.py").write_text('KIND = DOCUMENTS["x"]\n', encoding="utf-8")
    assert _offenders(tmp_path) == [f'src/bad.py:1: OUT = "{name}"']
