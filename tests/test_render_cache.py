"""Templates compile once per installation (a bytecode cache) and once per run.

The cache must never change a byte of the output: a missing, unwritable, unsafe or
damaged cache means compiling again, and an edited template is never served from it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import EXAMPLES
from cxacq.answers.validate import load_and_validate
from cxacq.documents.render import cache_dir, make_environment, render_markdown
from cxacq.engine import pipeline
from cxacq.engine.pipeline import build_package, make_renderer, render_files
from helpers import doc_file

# These compare packages rendered in different ways: none may come from a shared cache.
pytestmark = pytest.mark.renders

FEMA = EXAMPLES / "fema-disaster-assistance.yaml"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "cxacq"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jinja")) if folder.is_dir() else []


def _render(folder: Path, **context: object) -> str:
    env = make_environment([folder], sandboxed=False)
    return render_markdown(env, "t.md.j2", context)


def test_compiled_templates_are_kept_in_the_user_cache_folder(cache_home: Path,
                                                              tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.md.j2").write_text("Hello {{ name }}\n")
    assert _render(templates, name="A") == "Hello A\n"
    assert cache_dir() == cache_home
    assert len(_entries(cache_home)) == 1
    if hasattr(os, "getuid"):
        assert cache_home.stat().st_mode & 0o077 == 0  # this user's alone
    assert _render(templates, name="B") == "Hello B\n"  # served from the cache
    assert len(_entries(cache_home)) == 1


def test_an_edited_template_is_never_served_from_the_cache(cache_home: Path,
                                                           tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    source = templates / "t.md.j2"
    source.write_text("Hello {{ name }}\n")
    assert _render(templates, name="A") == "Hello A\n"
    before = source.stat()
    source.write_text("Howdy {{ name }}\n")  # same size; same modification time below
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _render(templates, name="A") == "Howdy A\n"


def test_the_sandbox_and_the_shipped_environment_never_share_compiled_code(
    cache_home: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.md.j2").write_text("{{ 'ab' * 3 }}\n")
    assert render_markdown(make_environment([templates], sandboxed=False), "t.md.j2", {}) == (
        "ababab\n")
    assert render_markdown(make_environment([templates], sandboxed=True), "t.md.j2", {}) == (
        "ababab\n")
    assert len(_entries(cache_home)) == 2  # the sandbox compiles operators differently


def test_a_damaged_cache_entry_is_compiled_again(cache_home: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.md.j2").write_text("Hello {{ name }}\n")
    _render(templates, name="A")
    (entry,) = _entries(cache_home)
    entry.write_bytes(entry.read_bytes()[:40])  # cut short, as by a full disk
    assert _render(templates, name="A") == "Hello A\n"


@pytest.mark.parametrize("problem", ["a-file", "group-writable", "relative"])
def test_an_unusable_cache_folder_means_no_cache(problem: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "xdg"
    if problem == "a-file":
        home.write_text("not a folder")  # the cache folder cannot be created under it
    elif problem == "group-writable":
        (home / "cxacq").mkdir(parents=True)
        (home / "cxacq").chmod(0o775)
    else:
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("HOME", str(tmp_path / "no-home"))
        (tmp_path / "no-home").write_text("not a folder")
        home = Path("relative-cache")  # XDG says ignore it: ~/.cache is used, and fails
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    if problem == "group-writable" and not hasattr(os, "getuid"):  # pragma: no cover
        pytest.skip("permission bits are Unix")
    assert cache_dir() is None
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.md.j2").write_text("Hello {{ name }}\n")
    assert _render(templates, name="A") == "Hello A\n"


def test_the_same_bytes_with_a_cold_cache_a_warm_cache_and_no_cache(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = load_and_validate(FEMA)
    cold = build_package(answers, formats=("docx", "markdown"))
    assert _entries(cache_home)  # the shipped templates were compiled into it
    warm = build_package(answers, formats=("docx", "markdown"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "nowhere"))
    (tmp_path / "nowhere").write_text("not a folder")
    assert cache_dir() is None
    uncached = build_package(answers, formats=("docx", "markdown"))
    assert cold == warm == uncached


def test_a_run_builds_one_renderer_for_all_its_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[object] = []

    def counting(*args: object, **kwargs: object) -> pipeline.Renderer:
        renderer = make_renderer(*args, **kwargs)  # type: ignore[arg-type]
        built.append(renderer)
        return renderer

    monkeypatch.setattr(pipeline, "make_renderer", counting)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b", "c"):
        (inputs / f"{name}.yaml").write_bytes(FEMA.read_bytes())
    results = render_files([str(inputs)], tmp_path / "out")
    assert [r.exit_code for r in results] == [0, 0, 0]
    assert len(built) == 1
    assert not pipeline._RUN_RENDERER  # nothing of the run outlives it
    first = (tmp_path / "out" / "a" / doc_file("evaluation-plan")).read_bytes()
    assert first == (tmp_path / "out" / "c" / doc_file("evaluation-plan")).read_bytes()
