"""Package folders: unique names, replaced as a unit, permissions, extras, leftovers, --check."""

from __future__ import annotations

import json
import os
import shlex
import stat
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import DOCUMENTS, documents_for
from cxacq.engine.output import MANIFEST_NAME, manifest_bytes, owned_names
from cxacq.errors import ExitCode, FileResult
from helpers import doc_file

MINIMAL = EXAMPLES / "minimal.yaml"
USCIS = EXAMPLES / "uscis-work-authorization.yaml"
STRATEGY = doc_file("acquisition-strategy")
PLAN = doc_file("evaluation-plan")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}


def _rewrite(package: Path, changes: dict[str, bytes]) -> None:
    """Write ``package`` again as cxacq would, with ``changes``: as an earlier run left it."""
    from cxacq.engine.output import write_package

    current = {name: data for name, data in _files(package).items() if name in owned_names()}
    write_package({**current, **changes}, package)


def _without_orals(source: Path, target: Path) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["oral_presentation"] = {
        "used": False, "not_used_reason": "Written technical proposals show CX capability."}
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return target


# --- names ----------------------------------------------------------------------------------

def test_same_file_name_in_two_folders_gets_two_packages(run_cli, tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    for office, source in (("uscis", USCIS), ("fema", MINIMAL)):
        (answers / office).mkdir(parents=True)
        (answers / office / "program.yaml").write_bytes(source.read_bytes())
    out = tmp_path / "out"
    result = run_cli("render", answers, "--out", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["fema-program", "uscis-program"]
    assert (out / "uscis-program" / doc_file("oral-presentation-handout")).exists()
    assert not (out / "fema-program" / doc_file("oral-evaluator-packet")).exists()
    # A shard names its packages as the whole run does.
    shard = run_cli("render", answers, "--out", tmp_path / "s", "--shard", "1/2")
    assert shard.exit_code == 0
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["fema-program"]


def test_single_file_and_examples_keep_their_folder_names(tmp_path: Path) -> None:
    from cxacq.engine.pipeline import package_names

    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert package_names(examples, tmp_path) == {p: p.stem for p in examples}
    assert package_names([MINIMAL], tmp_path) == {MINIMAL: "minimal"}


@pytest.mark.parametrize(("first", "second"), [("a.yaml", "a.yml"), ("A b.yaml", "a-B.yaml")])
def test_a_remaining_clash_is_an_error_naming_both_files(
    run_cli, tmp_path: Path, first: str, second: str
) -> None:
    for name in (first, second):
        (tmp_path / name).write_bytes(MINIMAL.read_bytes())
    out = tmp_path / "out"
    result = run_cli("render", tmp_path / first, tmp_path / second, "--out", out)
    assert result.exit_code == ExitCode.INPUT
    assert first in result.stderr and second in result.stderr
    assert "same package folder" in result.stderr or "would both be written" in result.stderr
    assert not out.exists()


# --- replaced as a unit; permissions ------------------------------------------------------

def test_files_honour_the_umask_and_keep_their_permissions(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        assert run_cli("render", MINIMAL, "--out", out).exit_code == 0
    finally:
        os.umask(old)
    document = out / "minimal" / PLAN
    assert stat.S_IMODE(document.stat().st_mode) == 0o644
    assert stat.S_IMODE((out / "minimal").stat().st_mode) == 0o755
    document.chmod(0o640)
    (out / "minimal").chmod(0o750)
    changed = tmp_path / "minimal.yaml"
    changed.write_text(MINIMAL.read_text().replace("date: 2026-11-02", "date: 2026-12-01"))
    assert run_cli("render", changed, "--out", out).exit_code == 0
    assert stat.S_IMODE(document.stat().st_mode) == 0o640
    assert stat.S_IMODE((out / "minimal").stat().st_mode) == 0o750


def test_schema_output_honours_the_umask(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    old = os.umask(0o002)
    try:
        assert run_cli("schema", "-o", target).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_package_is_swapped_in_whole_and_user_files_are_kept(tmp_path: Path) -> None:
    from cxacq.engine.output import write_package

    package = tmp_path / "out" / "p"
    write_package({PLAN: b"old plan", STRATEGY: b"old"},
                  package)
    (package / "notes.txt").write_text("reviewer notes")
    (package / "drafts").mkdir()
    (package / "drafts" / "v1.docx").write_bytes(b"draft")
    inode = package.stat().st_ino
    write_package({PLAN: b"new plan"}, package)
    assert package.stat().st_ino != inode  # a new folder took the old one's place
    assert _files(package) == {PLAN: b"new plan", "notes.txt": b"reviewer notes",
                               "drafts/v1.docx": b"draft",
                               MANIFEST_NAME: manifest_bytes({PLAN: b"new plan"})}
    assert [p.name for p in package.parent.iterdir()] == ["p"]


def test_a_failed_write_leaves_the_old_package_and_names_the_real_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cxacq.engine.output
    from cxacq.engine.output import write_package
    from cxacq.errors import OutputError

    package = tmp_path / "out" / "p"
    old = {PLAN: b"old", STRATEGY: b"old"}
    write_package(old, package)
    real = cxacq.engine.output._write_file

    def failing(path: Path, data: bytes, mode: int | None) -> None:
        if path.name == STRATEGY:
            raise OSError(28, "No space left on device", str(path))
        real(path, data, mode)

    monkeypatch.setattr(cxacq.engine.output, "_write_file", failing)
    with pytest.raises(OutputError) as caught:
        write_package({PLAN: b"new", STRATEGY: b"new"},
                      package)
    assert caught.value.path == str(package / STRATEGY)
    assert _files(package) == {**old, MANIFEST_NAME: manifest_bytes(old)}
    assert [p.name for p in package.parent.iterdir()] == ["p"]


def test_leftovers_of_a_killed_run_are_removed_by_the_next(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("render", MINIMAL, "--out", out).exit_code == 0
    dead = 2**22 + 12345  # above the kernel's pid_max default: no such process
    (out / f".cxacq-{dead}.abc.new.minimal.tmp").mkdir()
    (out / f".cxacq-{dead}.abc.new.minimal.tmp" / PLAN).write_bytes(b"half")
    (out / f".cxacq-{dead}.xyz.tmp").write_bytes(b"half a schema")
    (out / "minimal" / ".cxacq-oldstyle.tmp").write_bytes(b"from an older cxacq")
    live = out / f".cxacq-{os.getppid()}.def.new.other.tmp"  # a live writer's work stays
    live.mkdir()
    assert run_cli("render", MINIMAL, "--out", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(["minimal", live.name])
    assert not list((out / "minimal").glob(".cxacq-*"))


def test_an_interrupted_two_rename_swap_is_put_back(tmp_path: Path) -> None:
    from cxacq.engine.output import remove_leftovers

    out = tmp_path / "out"
    moved = out / f".cxacq-{2**22 + 1}.abc.old.minimal.tmp"
    moved.mkdir(parents=True)
    (moved / PLAN).write_bytes(b"the old package")
    assert remove_leftovers(out) == [moved]
    assert (out / "minimal" / PLAN).read_bytes() == b"the old package"


def test_a_package_folder_that_is_a_symlink_out_of_out_is_refused(
    run_cli, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not cxacq's")
    out = tmp_path / "out"
    out.mkdir()
    (out / "minimal").symlink_to(elsewhere)
    result = run_cli("render", MINIMAL, "--out", out)
    assert result.exit_code == ExitCode.OUTPUT
    assert "symbolic link" in result.stdout and "outside the output folder" in result.stdout
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]
    assert (out / "minimal").is_symlink()


# --- documents no longer produced ----------------------------------------------------------

def test_documents_no_longer_produced_are_removed_and_checked_as_extra(
    run_cli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    answers = tmp_path / "in" / "uscis-work-authorization.yaml"
    answers.parent.mkdir()
    answers.write_bytes(USCIS.read_bytes())
    assert run_cli("render", answers, "--out", out, "--markdown").exit_code == 0
    package = out / "uscis-work-authorization"
    # Files of a kind cxacq no longer writes (the one-file scenario), as an earlier render
    # with --pdf left them (written the way render writes, so they are recorded).
    _rewrite(package, {"oral-presentation-scenario.pdf": b"%PDF from an earlier --pdf",
                       "oral-presentation-scenario.docx": b"from an earlier version"})
    (package / "my-notes.md").write_text("kept")
    _without_orals(USCIS, answers)
    check = run_cli("render", answers, "--out", out, "--markdown", "--check")
    assert check.exit_code == ExitCode.INPUT
    extras = [line for line in check.stdout.splitlines() if ": error: extra:" in line]
    assert sorted(line.split(":")[0].rsplit("/", 1)[1] for line in extras) == [
        doc_file("oral-evaluator-packet"), doc_file("oral-evaluator-packet", "md"),
        doc_file("oral-presentation-handout"), doc_file("oral-presentation-handout", "md"),
        "oral-presentation-scenario.docx", "oral-presentation-scenario.pdf"]
    result = run_cli("render", answers, "--out", out, "--markdown", "--format", "json")
    assert result.exit_code == 0, result.output
    removed = [d for d in json.loads(result.stdout)["files"][0]["diagnostics"]
               if d["code"] == "CX024"]
    assert len(removed) == 6 and all("removed" in d["message"] for d in removed)
    kinds = documents_for(load_and_validate(answers))
    assert not {"oral-presentation-handout", "oral-evaluator-packet"} & {k.key for k in kinds}
    expected = [f"{k.filename}.{k.extension}" for k in kinds]
    expected += [f"{k.filename}.md" for k in kinds if k.template]  # --markdown: templated kinds
    assert sorted(p.name for p in package.iterdir()) == sorted(
        [*expected, "my-notes.md", MANIFEST_NAME])
    assert run_cli("render", answers, "--out", out, "--markdown", "--check").exit_code == 0


def test_owned_names_come_from_the_registry() -> None:
    for kind in DOCUMENTS.values():
        assert {f"{kind.filename}.docx", f"{kind.filename}.md",
                f"{kind.filename}.pdf"} <= owned_names()
    assert "notes.md" not in owned_names()


# --- render --check -------------------------------------------------------------------------

def test_check_github_annotates_each_stale_and_extra_document(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    answers = tmp_path / "in" / "u.yaml"
    answers.parent.mkdir()
    answers.write_bytes(USCIS.read_bytes())
    assert run_cli("render", answers, "--out", out).exit_code == 0
    plan = out / "u" / PLAN
    # As an earlier cxacq (or earlier answers) wrote them: recorded, so stale and extra, not edited.
    _rewrite(out / "u", {PLAN: plan.read_bytes() + b"x",
                         doc_file("acquisition-strategy", "md"): b"an old review copy"})
    result = run_cli("render", answers, "--out", out, "--check", "--format", "github")
    assert result.exit_code == ExitCode.INPUT
    lines = result.stdout.splitlines()
    stale = [ln for ln in lines if ln.startswith("::error ") and PLAN in ln]
    review = doc_file("acquisition-strategy", "md")
    extra = [ln for ln in lines if ln.startswith("::error ") and review in ln]
    assert len(stale) == 1 and "stale" in stale[0] and "regenerate with" in stale[0]
    assert len(extra) == 1 and "extra" in extra[0]
    assert "1 stale" in lines[-1] and "1 extra" in lines[-1]


def test_regenerate_line_repeats_every_output_option_quoted(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my answers; rm -rf ~"
    folder.mkdir()
    answers = folder / "p $(id).yaml"
    answers.write_bytes(MINIMAL.read_bytes())
    templates = tmp_path / "agency templates"
    templates.mkdir()
    out = tmp_path / "out dir"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    options = ["--out", str(out), "--markdown", "--templates", str(templates),
               "--reference-docx", str(EXAMPLES.parent / "templates" / "reference.docx")]
    result = run_cli("render", answers, *options, "--check", "--format", "json")
    assert result.exit_code == ExitCode.INPUT
    command = json.loads(result.stdout)["regenerate"]
    env, *words = shlex.split(command)
    assert env == "SOURCE_DATE_EPOCH=1800000000"
    assert words[:2] == ["cxacq", "render"] and words[-1] == str(answers)
    for option in options:
        assert option in words
    # Running it brings the package up to date.
    assert run_cli(*words[1:]).exit_code == 0
    assert run_cli("render", answers, *options, "--check").exit_code == 0


# --- exit codes -----------------------------------------------------------------------------

def test_every_exit_code_has_a_place_in_the_precedence() -> None:
    from cxacq.engine.pipeline import EXIT_PRECEDENCE, worst_exit

    assert sorted(EXIT_PRECEDENCE) == sorted(ExitCode)
    for position, code in enumerate(EXIT_PRECEDENCE):
        lesser = [FileResult(path="x", exit_code=c) for c in EXIT_PRECEDENCE[position:]]
        assert worst_exit(lesser) == code
        assert worst_exit(reversed(lesser)) == code
    assert worst_exit([]) == ExitCode.OK


def test_bad_source_date_epoch_is_a_usage_error(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    result = run_cli("render", MINIMAL, "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.USAGE
    assert "SOURCE_DATE_EPOCH" in result.output
    assert not (tmp_path / "out").exists()


# --- inputs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["validate", "check", "render"])
def test_a_fifo_named_directly_is_refused(run_cli, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    result = run_cli(command, fifo, *(["--out", tmp_path / "out"] if command == "render" else []))
    assert result.exit_code == ExitCode.INPUT
    assert "named pipe" in result.stdout and str(fifo) in result.stdout


def test_a_fifo_in_a_folder_is_skipped_with_a_note(run_cli, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_bytes(MINIMAL.read_bytes())
    os.mkfifo(tmp_path / "pipe.yaml")
    result = run_cli("validate", tmp_path, "--format", "json")
    assert result.exit_code == 0, result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["good.yaml"]["ok"]
    note = files["pipe.yaml"]["diagnostics"][0]
    assert note["severity"] == "info" and "skipped" in note["message"]
    text = run_cli("validate", tmp_path)
    assert "pipe.yaml: info: skipped: this is a named pipe (FIFO)" in text.stdout
    assert "ok " + str(tmp_path / "pipe.yaml") not in text.stdout


@pytest.mark.parametrize("pattern", ["empty-folder", "answers/*.yaml", "*.ymal"])
def test_a_folder_or_glob_matching_nothing_fails(run_cli, tmp_path: Path, pattern: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "readme.txt").write_text("no answers here")
    for command in ("validate", "check"):
        result = run_cli(command, f"{tmp_path}/{pattern}")
        assert result.exit_code == ExitCode.INPUT, result.output
        assert "no answers files" in result.stdout
    result = run_cli("render", f"{tmp_path}/{pattern}", MINIMAL, "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.INPUT
    assert (tmp_path / "out" / "minimal").is_dir()  # the other input is still rendered


def _write_many(package: str, tag: str, rounds: int) -> int:
    from cxacq.engine.output import write_package
    from cxacq.errors import OutputError

    failures = 0
    for index in range(rounds):
        data = f"{tag}{index}".encode()
        try:
            write_package({PLAN: data, STRATEGY: data},
                          Path(package))
        except OutputError:
            failures += 1  # a clean refusal is allowed; a mixed package is not
    return failures


def test_two_writers_never_leave_a_mixed_package(tmp_path: Path) -> None:
    import multiprocessing

    package = tmp_path / "out" / "p"
    with multiprocessing.get_context("fork").Pool(2) as pool:
        failures = pool.starmap(_write_many, [(str(package), "a", 40), (str(package), "b", 40)])
    files = _files(package)
    assert sorted(files) == [MANIFEST_NAME, STRATEGY, PLAN]
    assert files[STRATEGY] == files[PLAN]
    documents = {name: data for name, data in files.items() if name != MANIFEST_NAME}
    assert files[MANIFEST_NAME] == manifest_bytes(documents)  # the record matches the package
    assert sum(failures) < 80
    assert [p.name for p in package.parent.iterdir()] == ["p"]


def test_a_killed_single_file_write_is_cleaned_up_by_the_next(run_cli, tmp_path: Path) -> None:
    leftover = tmp_path / f".cxacq-{2**22 + 7}.k3j2.tmp"
    leftover.write_bytes(b'{"half": ')
    assert run_cli("schema", "-o", tmp_path / "schema.json").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


# --- documents edited by hand ---------------------------------------------------------------

def _edit_in_word(document: Path) -> bytes:
    """Change a Word document as a person would (open, add a paragraph, save); return its bytes."""
    import docx

    edited = docx.Document(str(document))
    edited.add_paragraph("Contracting officer's note: revised by hand.")
    edited.save(str(document))
    return document.read_bytes()


def _answers(tmp_path: Path, source: Path = USCIS, *, date: str | None = None) -> Path:
    """Copy ``source`` to tmp_path/in/u.yaml (package folder "u"), with another date if given."""
    answers = tmp_path / "in" / "u.yaml"
    answers.parent.mkdir(exist_ok=True)
    text = source.read_text(encoding="utf-8")
    answers.write_text(text.replace("  date: 2026-11-02\n", f"  date: {date}\n", 1) if date
                       else text, encoding="utf-8")
    return answers


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_tells_a_document_edited_by_hand_from_a_stale_one(
    run_cli, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    assert run_cli("render", _answers(tmp_path), "--out", out).exit_code == 0
    _edit_in_word(out / "u" / doc_file("evaluation-plan"))
    answers = _answers(tmp_path, date="2026-12-01")  # every document now reads differently
    result = run_cli("render", answers, "--out", out, "--check", "--format", fmt)
    assert result.exit_code == ExitCode.INPUT
    plan, strategy = (str(out / "u" / f"{name}.docx")
                      for name in ("evaluation-plan", "acquisition-strategy"))
    if fmt == "json":
        found = {d["path"]: d for d in json.loads(result.stdout)["files"][0]["diagnostics"]}
        assert found[plan]["code"] == "CX025" and found[plan]["severity"] == "error"
        assert found[plan]["message"].startswith("edited by hand: ")
        assert "--force" in found[plan]["hint"] and "copy this file out" in found[plan]["hint"]
        assert found[strategy]["code"] == "CX022"
        assert found[strategy]["message"].startswith("stale: ")
        assert [d for d in found.values() if d["code"] == "CX025"] == [found[plan]]
    elif fmt == "github":
        lines = result.stdout.splitlines()
        edited = [ln for ln in lines if ln.startswith(f"::error file={plan},")]
        stale = [ln for ln in lines if ln.startswith(f"::error file={strategy},")]
        assert len(edited) == 1 and "title=CX025::edited by hand: " in edited[0]
        assert "--force" in edited[0]
        assert len(stale) == 1 and "title=CX022::stale: " in stale[0]
        assert "1 edited" in lines[-1] and " stale" in lines[-1]
    else:
        assert f"{plan}: error: edited by hand: " in result.stdout
        assert f"{strategy}: error: stale: " in result.stdout
        assert f"{plan}: error: stale" not in result.stdout
        assert "1 edited document(s)" in result.stdout.splitlines()[-1]


def test_render_refuses_to_replace_a_document_edited_by_hand(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    answers = _answers(tmp_path)
    assert run_cli("render", answers, "--out", out).exit_code == 0
    edited = _edit_in_word(out / "u" / doc_file("evaluation-plan"))
    before = _snapshot(out)
    for date in (None, "2026-12-01"):  # the same answers, then changed ones: both would lose it
        result = run_cli("render", _answers(tmp_path, date=date), "--out", out)
        assert result.exit_code == ExitCode.OUTPUT, result.output
        assert f"{out / 'u' / PLAN}: error: edited by hand: " in result.stdout
        assert "nothing in this package was written" in result.stdout
        assert "render again with --force" in result.stdout
        assert _snapshot(out) == before  # nothing replaced, nothing half-written
        assert [p.name for p in out.iterdir()] == ["u"]  # and no temporary folder left
    both = run_cli("render", answers, "--out", out, "--check", "--force")
    assert both.exit_code == ExitCode.USAGE and "--force cannot be used with --check" in both.stderr
    forced = run_cli("render", answers, "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    plan = out / "u" / doc_file("evaluation-plan")
    assert forced.stdout.count("edited by hand") == 1
    assert f"{plan}: warning: edited by hand, replaced as --force asked" in forced.stdout
    assert "edited" not in forced.stdout.splitlines()[-1]  # the summary counts what is left
    fresh = tmp_path / "fresh"
    assert run_cli("render", answers, "--out", fresh).exit_code == 0
    assert (out / "u" / doc_file("evaluation-plan")).read_bytes() == (
        fresh / "u" / doc_file("evaluation-plan")).read_bytes() != edited
    assert _snapshot(out) == _snapshot(fresh)  # the record as well
    assert run_cli("render", answers, "--out", out, "--check").exit_code == 0


def test_documents_edited_or_added_by_hand_are_not_removed(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    answers = _answers(tmp_path)
    assert run_cli("render", answers, "--out", out).exit_code == 0
    package = out / "u"
    scenario = _edit_in_word(package / doc_file("oral-evaluator-packet"))
    (package / doc_file("evaluation-plan", "pdf")).write_bytes(b"%PDF saved from Word by the team")
    _without_orals(USCIS, answers)
    check = run_cli("render", answers, "--out", out, "--check", "--format", "json")
    assert check.exit_code == ExitCode.INPUT
    found = {Path(d["path"]).name: d for d in json.loads(check.stdout)["files"][0]["diagnostics"]
             if d["code"].startswith("CX02")}
    assert found[doc_file("oral-evaluator-packet")]["code"] == "CX025"  # not "extra"
    assert "no longer produce" in found[doc_file("oral-evaluator-packet")]["message"]
    assert found[doc_file("evaluation-plan", "pdf")]["code"] == "CX025"  # a file cxacq never wrote
    before = _snapshot(out)
    result = run_cli("render", answers, "--out", out)
    assert result.exit_code == ExitCode.OUTPUT
    assert "did not remove it (the answers no longer produce it)" in result.stdout
    assert _snapshot(out) == before
    assert (package / doc_file("oral-evaluator-packet")).read_bytes() == scenario


def test_a_package_from_an_older_cxacq_without_a_record(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    answers = _answers(tmp_path)
    assert run_cli("render", answers, "--out", out).exit_code == 0
    (out / "u" / MANIFEST_NAME).unlink()  # as a cxacq older than the record left it
    _edit_in_word(out / "u" / doc_file("evaluation-plan"))
    check = run_cli("render", answers, "--out", out, "--check", "--format", "json")
    assert check.exit_code == ExitCode.INPUT
    found = {d["code"]: d for d in json.loads(check.stdout)["files"][0]["diagnostics"]}
    assert "CX025" not in found and found["CX022"]["path"].endswith(doc_file("evaluation-plan"))
    assert found["CX026"]["severity"] == "info" and "no record" in found["CX026"]["message"]
    result = run_cli("render", answers, "--out", out)
    assert result.exit_code == 0, result.output  # replaced as before, with a note
    assert "no record of what cxacq wrote here" in result.stdout
    assert (out / "u" / MANIFEST_NAME).is_file()
    clean = run_cli("render", answers, "--out", out, "--check", "--format", "json")
    assert clean.exit_code == 0
    assert not json.loads(clean.stdout)["files"][0]["diagnostics"] or all(
        d["code"] != "CX026" for d in json.loads(clean.stdout)["files"][0]["diagnostics"])


def test_the_record_is_deterministic_and_lists_exactly_what_was_written(
    run_cli, tmp_path: Path
) -> None:
    import hashlib

    for out in ("a", "b"):
        assert run_cli("render", MINIMAL, "--out", tmp_path / out, "--markdown").exit_code == 0
    (tmp_path / "a" / "minimal" / "notes.txt").write_text("a reviewer's notes")
    assert run_cli("render", MINIMAL, "--out", tmp_path / "a", "--markdown").exit_code == 0
    first, second = (tmp_path / out / "minimal" / MANIFEST_NAME for out in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    record = json.loads(first.read_text(encoding="utf-8"))
    package = {p.name: p.read_bytes() for p in first.parent.iterdir()
               if p.name not in (MANIFEST_NAME, "notes.txt")}
    assert record["format"] == 1
    assert record["files"] == {name: hashlib.sha256(data).hexdigest()
                               for name, data in package.items()}
    assert first.read_bytes() == manifest_bytes(package)


@pytest.mark.parametrize("damage", ["garbage", "wrong shape", "fifo"])
def test_an_unreadable_record_is_a_warning_and_never_blocks(
    run_cli, tmp_path: Path, damage: str
) -> None:
    out = tmp_path / "out"
    answers = _answers(tmp_path, MINIMAL)
    assert run_cli("render", answers, "--out", out).exit_code == 0
    record = out / "u" / MANIFEST_NAME
    record.unlink()
    if damage == "fifo":
        os.mkfifo(record)
    else:
        record.write_text("{not json" if damage == "garbage" else '{"format": 1, "files": []}')
    check = run_cli("render", answers, "--out", out, "--check", "--format", "json")
    assert check.exit_code == 0  # the documents are current; the record alone fails nothing
    notes = [d for d in json.loads(check.stdout)["files"][0]["diagnostics"]
             if d["code"] == "CX026"]
    assert len(notes) == 1 and notes[0]["severity"] == "warning"
    assert run_cli("render", answers, "--out", out).exit_code == 0
    assert record.is_file() and json.loads(record.read_text(encoding="utf-8"))["format"] == 1
