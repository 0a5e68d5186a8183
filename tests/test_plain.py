"""The plain-language report, and US federal English in everything we generate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, example_paths
from cxacq.answers.loader import load_answers_file
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import DOCUMENTS
from cxacq.engine.plain import (
    LONG_PARAGRAPH,
    LONG_SENTENCE,
    plain_diagnostics,
    plain_reports,
    sentences,
)

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
LONG = " ".join(["the program office reviews every answer with care"] * 5) + "."  # 40 words


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(USCIS.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _diagnostics(path: Path):
    return plain_diagnostics(plain_reports(load_and_validate(path)), load_answers_file(path))


def test_sentences_keep_abbreviations_together() -> None:
    assert sentences("The U.S. Citizenship office (e.g. USCIS) acts. It files 5 U.S.C. 552a.") == [
        "The U.S. Citizenship office (e.g. USCIS) acts.", "It files 5 U.S.C. 552a."]


def test_users_words_are_told_apart_from_ours() -> None:
    answers = load_and_validate(USCIS)
    strategy = plain_reports(answers)[0]
    user = " ".join(strategy.user().sentences)
    ours = " ".join(strategy.ours().sentences)
    assert answers.customer_need.pain_point.split(",")[0] in user
    assert answers.customer_need.pain_point.split(",")[0] not in ours
    assert "The program assessed its capacity" in ours
    assert "The program assessed its capacity" not in user


def test_long_sentence_in_an_answer_is_a_located_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda d: d["vision"].__setitem__("five_year", LONG))
    found = [d for d in _diagnostics(path) if d.code == "PLN-C01"]
    assert len(found) == 1
    assert found[0].field == "vision.five_year" and found[0].line is not None
    assert f"{len(LONG.split())} words" in found[0].message
    # One finding for the answer, naming each document that prints it.
    assert "acquisition strategy and the statement of objectives" in found[0].message
    assert not [d for d in _diagnostics(USCIS) if d.code == "PLN-C01"]


def test_long_paragraph_in_an_answer_is_a_warning(tmp_path: Path) -> None:
    paragraph = " ".join(["Research runs every month with customers."] * 30)
    path = _write(tmp_path, lambda d: d["vision"].__setitem__("five_year", paragraph))
    found = [d for d in _diagnostics(path) if d.code == "PLN-C02"]
    assert found and found[0].field == "vision.five_year"
    assert f"{len(paragraph.split())} words" in found[0].message
    assert len(paragraph.split()) > LONG_PARAGRAPH


def test_acronym_used_before_it_is_defined(tmp_path: Path) -> None:
    def change(data):
        data["program"]["service_description"] = "Applicants use the QRS portal to apply."
        data["vision"]["five_year"] = "The Quick Renewal Service (QRS) answers every customer."

    found = [d for d in _diagnostics(_write(tmp_path, change)) if d.code == "PLN-C03"]
    assert found and "QRS" in found[0].message
    assert found[0].field == "program.service_description"


def test_check_reports_figures_and_honors_ignore(tmp_path: Path, run_cli) -> None:
    path = _write(tmp_path, lambda d: d["vision"].__setitem__("five_year", LONG))
    result = run_cli("check", path)
    assert "PLN-C01" in result.stdout and result.exit_code == 0
    handout = DOCUMENTS["oral-presentation-handout"].title.lower()
    assert f"Plain language, {handout} (for offerors, aim at grade 10" in result.stdout
    assert "Plain language, evaluation plan (for the Government, aim at grade 12" in result.stdout
    assert re.search(r"your text: [\d,]+ words, \d+ sentences averaging [\d.]+ words",
                     result.stdout)
    assert run_cli("check", path, "--strict").exit_code != 0
    assert "PLN-C01" not in run_cli("check", path, "--ignore", "PLN-C01").stdout


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_our_template_text_meets_the_same_limits(path: Path) -> None:
    problems = []
    for report in plain_reports(load_and_validate(path)):
        stats = report.ours()
        for sentence, words in zip(stats.sentences, stats.lengths, strict=True):
            if words > LONG_SENTENCE:
                problems.append(f"{report.kind.key}: {words} words: {sentence[:80]}")
        problems += [f"{report.kind.key}: paragraph of {n} words"
                     for n in stats.paragraphs if n > LONG_PARAGRAPH]
        problems += [f"{report.kind.key}: {name} before its definition"
                     for name, unit in report.acronyms_before_definition()
                     if name not in "".join(unit.answers)]
    assert not problems, "\n".join(problems)


# -- US federal English ------------------------------------------------------------
BRITISH = re.compile(
    r"\b(?:organis\w*|centred|centre|centres|prioritis\w*|artefacts?|fictionalis\w*|authoris\w*|"
    r"colours?|behaviour\w*|favour\w*|analys(?:e|ed|es|ing)|catalogue\w*|"
    r"honour\w*|labour\w*|licence|programme\w*|judgement|utilis\w*|recognis\w*|minimis\w*|"
    r"maximis\w*|summaris\w*|optimis\w*|standardis\w*|anonymis\w*|categoris\w*|"
    r"realis(?:e|ed|es|ing)|travell\w*|modell\w*|cancell(?:ed|ing)|defence|enrolment|"
    r"practise[sd]?|whilst|amongst|learnt)\b",
    re.I,
)
SHALL = re.compile(r"\bshall\b", re.I)


@pytest.fixture(scope="module")
def rendered(example_package) -> dict[str, str]:
    texts = {}
    for path in example_paths():
        for name, data in example_package(path, formats=("markdown",)).items():
            if name.endswith(".md"):
                texts[f"{path.stem}/{name}"] = data.decode("utf-8")
    return texts


def test_the_scan_catches_british_spelling() -> None:
    assert {m.lower() for m in BRITISH.findall(
        "organisation centred prioritised artefacts fictionalised authorises colour behaviour "
        "favour analyse catalogue")} == {
        "organisation", "centred", "prioritised", "artefacts", "fictionalised", "authorises",
        "colour", "behaviour", "favour", "analyse", "catalogue"}
    assert not BRITISH.findall("organization centered prioritized artifacts color analyze")


def test_no_british_spelling_in_any_rendered_document(rendered) -> None:
    hits = sorted({f"{name}: {m.group(0)}" for name, text in rendered.items()
                   for m in BRITISH.finditer(text)})
    assert not hits, "\n".join(hits)


# "a" before the vowel-sound words the templates put after an article (the path's words).
WRONG_ARTICLE = re.compile(r"\b[Aa] (?:offeror|order|option|offer|adjectival|acceptable|"
                           r"evaluat\w*|estimate|interview|unacceptable|IDIQ)\b")


def test_no_wrong_article_in_any_rendered_document(rendered) -> None:
    # Seen in the FEMA disaster evaluation plan: "a offeror advised not to continue".
    hits = sorted({f"{name}: {m.group(0)}" for name, text in rendered.items()
                   for m in WRONG_ARTICLE.finditer(text)})
    assert not hits, "\n".join(hits)


def test_generated_text_never_says_shall() -> None:
    for path in example_paths():
        for report in plain_reports(load_and_validate(path)):
            for unit in report.units:
                assert not SHALL.search(unit.ours), (path.stem, unit.ours[:120])


def test_no_british_spelling_outside_the_templates(rendered) -> None:
    """Python modules and examples are fixed here; templates/*.j2 on branch reg."""
    templates = "\n".join(p.read_text(encoding="utf-8")
                          for p in (EXAMPLES.parent / "templates").glob("*.j2"))
    template_words = {m.lower() for m in BRITISH.findall(templates)}
    for name, text in rendered.items():
        for match in BRITISH.finditer(text):
            assert match.group(0).lower() in template_words, (name, match.group(0))
