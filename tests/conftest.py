"""Shared fixtures: run the CLI in-process and insist that no traceback escapes.

Rendering an example, and converting its documents with LibreOffice, are the costly steps of
the suite, and most tests only read their output. ``example_package`` and ``example_pdfs``
do each once per test run and share the result: between the tests of one process in memory,
and between pytest-xdist workers through a file-locked cache under the run's base temporary
folder (the first worker to ask produces it, the others wait and read it).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", default=False,
        help="Rewrite tests/golden/ from the current output (review the diff before committing).",
    )


# Python's cyclic garbage collector walks every tracked object at each full collection, and a
# test process keeps a great many alive (the collected tests, their fixtures, the imported
# libraries); with the default thresholds that walking took about 18 % of the processor time
# of test_oral_sessions, test_guidance and test_phases. Collect less often, and after
# collection move what exists to the permanent generation, which full collections skip.
# The program turns the collector off for its one command instead (cxacq.cli.commands.main),
# which a test process, running many commands, cannot do.
def pytest_configure(config: pytest.Config) -> None:
    gc.set_threshold(50_000, 20, 20)


# Tests that run for seconds, mostly waiting on another process (LibreOffice converting every
# example, a program on a pseudo-terminal, mypy, the hostile property runs). Run first, they
# overlap with the many short tests; left where file order puts them, one of them could be
# the last thing a worker does while the other core sits idle.
_LONG_FIXTURES = {"example_pdfs", "pdf_pages"}
_LONG_MARKS = {"slow", "hostile"}
_LONG_TESTS = ("tests/test_interview.py::test_on_a_terminal", "tests/test_lint.py::",
               "tests/test_batch.py::test_parallel", "tests/test_terminal.py::")


def _runs_long(item: pytest.Item) -> bool:
    return (
        bool(_LONG_FIXTURES & set(getattr(item, "fixturenames", ())))
        or any(item.get_closest_marker(mark) for mark in _LONG_MARKS)
        or item.nodeid.startswith(_LONG_TESTS)
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not _runs_long(item))  # stable: file order otherwise


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates go to this session's own cache folder, never the user's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("CXACQ_DEBUG", raising=False)
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``cxacq`` in-process; fail the test if a traceback reaches the user."""
    from cxacq.cli.commands import run

    def _run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        result = CliResult(code, captured.out, captured.err)
        assert "Traceback" not in result.output, result.output
        return result

    return _run


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


# -- one rendering and one PDF conversion per test run --------------------------------------
class SharedCache:
    """Values computed once per test run, shared by every test and every xdist worker."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._memory: dict[str, Any] = {}

    def get(self, key: str, produce: Callable[[], Any], *, remember: bool = True) -> Any:
        """The value for ``key``; ``remember=False`` keeps it on disk only, not in memory."""
        if key in self._memory:
            return self._memory[key]
        path = self.folder / (hashlib.sha256(key.encode()).hexdigest()[:20] + ".pickle")
        with _locked(path.with_suffix(".lock")):
            if path.exists():
                value = pickle.loads(path.read_bytes())
            else:
                value = produce()
                partial = path.with_suffix(f".{os.getpid()}.partial")
                partial.write_bytes(pickle.dumps(value))
                partial.replace(path)
        if remember:
            self._memory[key] = value
        return value


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: workers may compute a value twice
        yield
        return
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_SHARED: list[SharedCache] = []  # this process's cache, set once per session below


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> SharedCache:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # the workers' base folders share a parent
        base = base.parent
    _SHARED[:] = [SharedCache(base / "shared-cache")]
    return _SHARED[0]


def _clean_environment() -> None:
    """What is cached must be what a test in the standard environment would render."""
    assert "SOURCE_DATE_EPOCH" not in os.environ, "a cached package must use the answers' date"


@functools.cache
def _answers(path: Path) -> Any:
    from cxacq.answers.validate import load_and_validate

    return load_and_validate(path)


def example_answers(path: Path) -> Any:
    """The validated answers of an unchanged example, loaded once per process and shared
    (the packages ``render_example`` renders are made from the same object): read them,
    never change them."""
    return _answers(Path(path).resolve())


def render_example(
    path: Path, formats: tuple[str, ...] = ("docx",), edition: str | None = None
) -> dict[str, bytes]:
    """The package of an unchanged example (under another FAR edition if given), rendered once.

    Once per test run, whichever test module or xdist worker asks first; for helpers that
    are not fixtures. Returns a new dict each time (the bytes are shared); for tests that
    only read the output. Tests about rendering itself (clocks, templates, failures) call
    build_package.
    """
    from cxacq.engine.pipeline import build_package

    path = Path(path).resolve()
    edition = edition or _answers(path).document.far_edition

    def _build() -> dict[str, bytes]:
        _clean_environment()
        answers = _answers(path).with_far_edition(edition)
        return build_package(answers, formats=("docx", "markdown"))

    assert _SHARED, "render_example runs inside a test, after the session cache is set"
    files = _SHARED[0].get(f"package:{path}:{edition}", _build)
    return {name: data for name, data in files.items()
            if "markdown" in formats or not name.endswith(".md")}


@pytest.fixture(scope="session")
def example_package(shared_cache: SharedCache) -> Callable[..., dict[str, bytes]]:
    """``example_package(path, formats, edition)``: see :func:`render_example`."""
    return render_example


# -- the CLI's packages: each distinct input rendered once per test run --------------------
# Most command-line tests render the same unchanged example (to test writing, checking,
# naming, reporting), and each such render costs a second or two of processor time. In the
# CLI's path, ``cxacq.engine.pipeline.build_package`` is wrapped so that a package of the shipped
# templates and reference document, without SOURCE_DATE_EPOCH, is rendered once per distinct
# answers and formats and then shared (the bytes are what the renderer gives: rendering is
# deterministic, and test_render, test_golden and test_batch render without this cache).
# A test renders afresh when it replaces any attribute with monkeypatch (it may be changing
# how rendering behaves), or carries the ``renders`` or ``hostile`` mark. Tests that call
# build_package themselves always render: they bound the function before it was wrapped.
_CLI_CACHE: dict[str, Any] = {"on": False, "monkeypatch": None}


def _cli_cache_applies(renderer: Any) -> bool:
    patch = _CLI_CACHE["monkeypatch"]
    return (
        _CLI_CACHE["on"]
        and getattr(renderer, "shared_in_tests", False)
        and patch is not None
        and not getattr(patch, "_setattr", [None])  # no attribute is monkeypatched
    )


@pytest.fixture(scope="session", autouse=True)
def _cli_render_cache(shared_cache: SharedCache) -> Iterator[None]:
    import cxacq.engine.pipeline as pipeline

    real_build, real_make = pipeline.build_package, pipeline.make_renderer

    def make_renderer(templates: Path | None = None, reference: Path | None = None) -> Any:
        renderer = real_make(templates, reference)
        renderer.shared_in_tests = (  # the shipped templates and reference, the answers' date
            templates is None and reference is None
            and not os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        )
        return renderer

    def build_package(answers: Any, *, formats: tuple[str, ...] = ("docx",),
                      renderer: Any = None, **options: Any) -> dict[str, bytes]:
        def render() -> dict[str, bytes]:
            return real_build(answers, formats=formats, renderer=renderer, **options)

        if options or not _cli_cache_applies(renderer):
            return render()
        digest = hashlib.sha256(answers.model_dump_json().encode())
        digest.update(repr((tuple(formats), answers.acquisition.path_alias)).encode())
        return dict(shared_cache.get(f"cli-package:{digest.hexdigest()}", render,
                                     remember=False))

    patch = pytest.MonkeyPatch()
    patch.setattr(pipeline, "make_renderer", make_renderer)
    patch.setattr(pipeline, "build_package", build_package)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _cli_render_cache_for_this_test(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    fresh = any(request.node.get_closest_marker(name) for name in ("renders", "hostile"))
    _CLI_CACHE.update(on=not fresh, monkeypatch=monkeypatch)
    yield
    _CLI_CACHE.update(on=False, monkeypatch=None)


@pytest.fixture(scope="session")
def example_pdfs(
    shared_cache: SharedCache, example_package: Callable[..., dict[str, bytes]]
) -> dict[str, bytes]:
    """``{"<example>--<document>.pdf": bytes}`` for every Word document of every example.

    One LibreOffice run converts them all (with the tagged-PDF filter ``render --pdf``
    uses). Skips the test where LibreOffice is not installed.
    """
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")

    def _convert() -> dict[str, bytes]:
        from cxacq.engine.pdf import convert_to_pdf, locate_soffice

        docx = {f"{path.stem}--{name}": data
                for path in example_paths()
                for name, data in example_package(path).items()
                if name.endswith(".docx")}  # the workbook is not a page document
        return convert_to_pdf(locate_soffice(), docx, timeout=900)

    return shared_cache.get("pdfs:every example", _convert)
