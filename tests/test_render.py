"""The rendering engine end to end: structure, styles, reproducibility, safety."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, example_paths
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import DOCUMENTS
from cxacq.documents.doctree import DocMeta, Paragraph, plain_text
from cxacq.documents.render import make_environment, md_escape, render_markdown
from cxacq.engine.pipeline import build_package
from cxacq.engine.reader import read_markdown
from cxacq.engine.writers.docx import DocxWriter
from cxacq.engine.writers.markdown import MarkdownWriter
from cxacq.errors import ExitCode, OutputError, TemplateError
from helpers import doc_file, docx_summary, package_text

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
META = DocMeta(
    title="Test", subtitle="Sub", program="P", office="O", version="1",
    date=dt.date(2026, 1, 2), timestamp=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
    author="Office, Component", subject="S", marking="MARK",
)


@pytest.fixture(scope="module")
def uscis_package(example_package) -> dict[str, bytes]:
    return example_package(USCIS, formats=("docx", "markdown"))


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_every_example_renders_every_document(path: Path, example_package) -> None:
    answers = load_and_validate(path)
    files = example_package(path, formats=("docx", "markdown"))
    expected = [k for k in DOCUMENTS.values() if k.applies(answers)]
    assert sorted(files) == sorted(
        [f"{k.filename}.{k.extension}" for k in expected]
        + [f"{k.filename}.md" for k in expected if k.template is not None]
    )


def test_styles_are_real_word_styles(uscis_package) -> None:
    summary = docx_summary(uscis_package[doc_file("acquisition-strategy")])
    styles = {style for style, _ in summary["paragraphs"]}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Body Text", "List Bullet",
            "List Number", "TOC Heading", "toc 1", "toc 2"} <= styles
    assert [s for s, _ in summary["paragraphs"]].count("Title") == 1
    for style, text in summary["paragraphs"]:
        assert not re.match(r"^(\d+\.|•|-)\s", text), (style, text)


def test_numbered_lists_each_restart_at_one() -> None:
    doc = read_markdown("1. a\n2. b\n\nText.\n\n1. c\n2. d\n", source="t")
    data = DocxWriter().write(doc, META)
    document = docx.Document(io.BytesIO(data))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = document.part.numbering_part.element
    for num_id in set(num_ids):
        num = numbering.num_having_numId(num_id)
        start = num.find(f"{W}lvlOverride/{W}startOverride")
        assert start is not None and start.get(f"{W}val") == "1"


def test_tables_have_repeating_header_rows_that_do_not_split(uscis_package) -> None:
    body = zipfile.ZipFile(io.BytesIO(uscis_package[doc_file("evaluation-plan")])).read(
        "word/document.xml"
    )
    tables = re.findall(rb"<w:tbl>.*?</w:tbl>", body, flags=re.S)
    assert tables
    for table in tables:
        rows = re.findall(rb"<w:tr[ >].*?</w:tr>", table, flags=re.S)
        assert b"<w:tblHeader/>" in rows[0]
        assert all(b"<w:cantSplit/>" in row for row in rows)


def test_core_properties_and_no_python_docx_traces(uscis_package) -> None:
    for name, data in uscis_package.items():
        if not name.endswith(".docx"):
            continue
        props = docx.Document(io.BytesIO(data)).core_properties
        kind = next(k for k in DOCUMENTS.values() if name == f"{k.filename}.docx")
        answers = load_and_validate(EXAMPLES / "uscis-work-authorization.yaml")
        assert props.title.startswith(kind.title_for(answers))
        assert props.author == (
            "Office of Performance and Quality, Customer Experience Division, "
            "U.S. Citizenship and Immigration Services (USCIS)"
        )
        assert props.language == "en-US"
        assert props.created == dt.datetime(2026, 11, 2, tzinfo=dt.UTC)
        text = package_text(data)
        assert "python-docx" not in text
        assert "Microsoft Macintosh Word" not in text
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert not [n for n in names if "thumbnail" in n]


def test_ssi_marking_on_evaluation_documents(uscis_package) -> None:
    legend = "Source Selection Information – See FAR 2.101 and 3.104"
    for name in (doc_file("evaluation-plan"), doc_file("oral-evaluator-packet")):
        assert docx_summary(uscis_package[name])["header"] == [legend]
    # The offeror handout is released as it is: no handling marking in its page header.
    header = docx_summary(uscis_package[doc_file("oral-presentation-handout")])["header"]
    assert legend not in header and "Pre-decisional – For Official Use Only" not in header
    assert docx_summary(uscis_package[doc_file("acquisition-strategy")])["header"] == [
        "Pre-decisional – For Official Use Only"
    ]


def test_render_twice_and_with_another_clock_is_byte_identical(monkeypatch) -> None:
    answers = load_and_validate(USCIS)
    first = build_package(answers)
    import time

    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    second = build_package(answers)
    assert {k: hashlib.sha256(v).hexdigest() for k, v in first.items()} == {
        k: hashlib.sha256(v).hexdigest() for k, v in second.items()
    }


def test_source_date_epoch_sets_properties_and_zip_times(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    data = build_package(load_and_validate(USCIS))[doc_file("evaluation-plan")]
    assert docx.Document(io.BytesIO(data)).core_properties.modified == dt.datetime(
        2026, 1, 1, tzinfo=dt.UTC
    )
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {
        (2026, 1, 1, 0, 0, 0)
    }


def test_accessibility_check_passes_and_catches_problems(uscis_package) -> None:
    from cxacq.engine.accessibility import check_docx

    for name, data in uscis_package.items():
        if name.endswith(".docx"):
            assert check_docx(data) == [], name
    skipped = DocxWriter().write(read_markdown("# A\n\n### C\n", source="t"), META)
    assert any(p.startswith("A11Y-03") for p in check_docx(skipped))


def test_missing_style_in_custom_reference_is_a_clean_error(tmp_path: Path, run_cli) -> None:
    from cxacq.engine.reference import build_reference

    source = zipfile.ZipFile(io.BytesIO(build_reference()))
    ref = tmp_path / "agency.docx"
    with zipfile.ZipFile(ref, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/styles.xml":
                content = content.replace(
                    b'<w:name w:val="heading 2"/>', b'<w:name w:val="Agency Head"/>'
                )
            target.writestr(name, content)
    result = run_cli("render", USCIS, "--out", tmp_path / "out", "--reference-docx", ref)
    assert result.exit_code == ExitCode.TEMPLATE
    assert "missing the style 'Heading 2'" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "junk.docx").write_bytes(b"not a zip")
    bad = run_cli(
        "render",
        USCIS,
        "--out",
        tmp_path / "out",
        "--reference-docx",
        tmp_path / "junk.docx",
    )
    assert bad.exit_code == ExitCode.TEMPLATE and "not a valid Word file" in bad.stderr


def test_failure_in_third_document_leaves_no_files(tmp_path: Path, run_cli, monkeypatch) -> None:
    out = tmp_path / "out"
    assert run_cli("render", USCIS, "--out", out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "oral_evaluator_packet.md.j2").write_text("{{ a.no_such_field }}\n")
    (tmp_path / "uscis-work-authorization.yaml").write_text(
        USCIS.read_text().replace("version: \"1.0\"", "version: \"2.0\""))
    result = run_cli("render", tmp_path / "uscis-work-authorization.yaml", "--out", out,
                     "--templates", templates)
    assert result.exit_code == ExitCode.TEMPLATE
    assert "oral_evaluator_packet.md.j2:1" in result.stdout
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(out.rglob(".cxacq-*"))


def test_output_refuses_paths_outside_and_files_in_the_way(tmp_path: Path) -> None:
    from cxacq.engine.output import write_package

    with pytest.raises(OutputError):
        write_package({"../escape.docx": b"x"}, tmp_path / "out")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_package({"a.docx": b"x"}, blocker)


def test_hostile_user_template_is_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "evil.md.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    env = make_environment([tmp_path], sandboxed=True)
    with pytest.raises(TemplateError, match="unsafe"):
        render_markdown(env, "evil.md.j2", {})
    (tmp_path / "read.md.j2").write_text("{% include '/etc/passwd' %}\n")
    with pytest.raises(TemplateError, match="not found"):
        render_markdown(env, "read.md.j2", {})


def test_markdown_constructs_outside_the_tree_are_errors() -> None:
    with pytest.raises(TemplateError) as info:
        read_markdown("# ok\n\n#### too deep\n", source="x.md.j2")
    assert info.value.line == 3
    with pytest.raises(TemplateError):
        read_markdown("![chart](c.png)\n", source="x.md.j2")


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1, max_size=60,
) | st.sampled_from([
    "{{ 7*7 }}", "{% for x in y %}", "<script>alert(1)</script>", "| a | b |", "# Heading",
    "1. item", "- bullet", "**bold**", "`code`", "]]>", "&amp; &lt;", "[x](http://e)",
    "مرحبا بالعالم", "日本語のテキスト", "Ünïcödé – em dash", "emoji 🎉👍", "\\*", "\x07bell",
])


def _normal(text: str) -> str:
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


# Each example is a document of up to six such paragraphs, side by side as answers are in a
# template: about as many values as one value per document, at a fifth of the Word files.
@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_answers_text_reaches_docx_and_markdown_literally(values: list[str]) -> None:
    expected = [_normal(value) for value in values]
    assume(all(expected))
    markdown = "".join(f"Before {md_escape(value)} after.\n\n" for value in values)
    doc = read_markdown(markdown, source="t")
    assert len(doc.blocks) == len(values)
    assert all(isinstance(block, Paragraph) for block in doc.blocks)
    assert [plain_text(b.inlines) for b in doc.blocks] == [f"Before {e} after." for e in expected]
    data = DocxWriter().write(doc, META)
    body = [
        p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Body Text"
    ]
    assert [f"Before {e} after." for e in expected] == body[-len(values):]
    again = read_markdown(MarkdownWriter().write(doc, META).decode(), source="md")
    assert [plain_text(b.inlines) for b in again.blocks[-len(values):]] == [
        plain_text(b.inlines) for b in doc.blocks]
