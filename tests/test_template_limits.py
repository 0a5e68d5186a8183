"""User templates cannot read outside their folder, run for ever, or write without bound.

Issue 20 items 3 and 10: each test reproduces an attack that once read any file
through a symbolic link, hung, took a gigabyte, ended in an internal error (exit 70),
or wrote raw HTML into the documents as text.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import CASES
from cxacq.errors import ExitCode

MINIMAL = CASES / "valid" / "minimal.yaml"
STRATEGY = "acquisition_strategy.md.j2"


def _render(run_cli, tmp_path: Path, templates: Path):
    out = tmp_path / "out"
    result = run_cli("render", MINIMAL, "--out", out, "--templates", templates)
    return result, out


def _templates(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / STRATEGY).write_text(text, encoding="utf-8")
    return folder


def test_a_link_out_of_the_templates_folder_is_refused(tmp_path: Path, run_cli) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret\n")
    folder = _templates(tmp_path, '# Strategy\n\n{% include "leak.md.j2" %}\n')
    (folder / "leak.md.j2").symlink_to(secret)
    result, out = _render(run_cli, tmp_path, folder)
    assert result.exit_code == ExitCode.TEMPLATE, result.output
    assert f"{folder / 'leak.md.j2'}: error: this template is a link to a file outside " \
        "the templates folder" in result.output
    assert "the secret" not in result.output
    assert not out.exists()


def test_a_link_to_a_template_outside_replacing_a_shipped_one_is_refused(
    tmp_path: Path, run_cli
) -> None:
    outside = tmp_path / "elsewhere.md.j2"
    outside.write_text("# Strategy\n\nthe secret\n")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / STRATEGY).symlink_to(outside)
    result, out = _render(run_cli, tmp_path, folder)
    assert result.exit_code == ExitCode.TEMPLATE
    assert "link to a file outside the templates folder" in result.output
    assert not out.exists()


def test_a_link_inside_the_templates_folder_is_fine(tmp_path: Path, run_cli) -> None:
    folder = _templates(tmp_path, "")
    (folder / STRATEGY).unlink()
    (folder / "mine.md.j2").write_text("# Strategy\n\nOur own words.\n")
    (folder / STRATEGY).symlink_to(folder / "mine.md.j2")
    result, out = _render(run_cli, tmp_path, folder)
    assert result.exit_code == 0, result.output


def test_a_template_that_is_not_a_regular_file_is_refused(tmp_path: Path, run_cli) -> None:
    import os

    folder = _templates(tmp_path, '# Strategy\n\n{% include "pipe.md.j2" %}\n')
    os.mkfifo(folder / "pipe.md.j2")  # reading it would wait for ever
    result, out = _render(run_cli, tmp_path, folder)
    assert result.exit_code == ExitCode.TEMPLATE
    assert "pipe.md.j2: error: this template is not a regular file" in result.output


def test_a_control_character_in_template_output_names_the_template(
    tmp_path: Path, run_cli
) -> None:
    folder = _templates(tmp_path, '# Strategy\n\nA bell: {{ "\\x07" }}\n')
    result, out = _render(run_cli, tmp_path, folder)
    assert result.exit_code == ExitCode.TEMPLATE, result.output
    assert f"{folder / STRATEGY}: error: the template's output holds a control character " \
        "(U+0007) on line 3" in result.output
    assert "internal error" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("html", ["Some <b>bold</b> text.", "<div>\nA block\n</div>"])
def test_raw_html_in_a_template_is_refused(tmp_path: Path, run_cli, html: str) -> None:
    folder = _templates(tmp_path, f"# Strategy\n\n{html}\n")
    result, out = _render(run_cli, tmp_path, folder)
    assert result.exit_code == ExitCode.TEMPLATE, result.output
    assert f"{STRATEGY}" in result.output and "raw HTML" in result.output
    assert not out.exists()


def test_html_in_answers_still_comes_out_literally(tmp_path: Path, run_cli) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(MINIMAL.read_text().replace(
        "  name: Disaster Assistance Status Line", '  name: "Status <b>Line</b> <!-- x -->"', 1))
    result = run_cli("render", answers, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(next((tmp_path / "out" / "answers").glob("*trateg*.docx"))))
    assert any("Status <b>Line</b> <!-- x -->" in p.text for p in document.paragraphs)


def test_a_template_that_runs_too_long_is_stopped(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cxacq.documents.render.USER_TEMPLATE_SECONDS", 1.0)
    folder = _templates(
        tmp_path,
        "# Strategy\n\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}\n",
    )
    started = time.monotonic()
    result, out = _render(run_cli, tmp_path, folder)
    assert time.monotonic() - started < 20
    assert result.exit_code == ExitCode.TEMPLATE, result.output
    assert f"{folder / STRATEGY}:3: error: the template ran for more than 1 seconds" \
        in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("body", "fragment"),
    [("{{ lipsum(200000) }}", "lipsum is limited to 100 paragraphs"),
     ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
      "the template wrote more than 2,000,000 characters"),
     ("{{ 'x' * 1000000000 }}", "the repetition would build more than 2,000,000 items")],
)
def test_a_template_that_writes_too_much_is_stopped(
    tmp_path: Path, run_cli, body: str, fragment: str
) -> None:
    folder = _templates(tmp_path, f"# Strategy\n\n{body}\n")
    started = time.monotonic()
    result, out = _render(run_cli, tmp_path, folder)
    assert time.monotonic() - started < 20
    assert result.exit_code == ExitCode.TEMPLATE, result.output
    assert f"{folder / STRATEGY}" in result.output and fragment in result.output
    assert not out.exists()
