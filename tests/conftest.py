"""Shared fixtures: run the CLI in-process and insist that no traceback escapes.

Rendering an example, and converting its documents with LibreOffice, are the costly steps of
the suite, and most tests only read their output. ``example_package`` and ``example_pdfs``
do each once per test run and share the result: between the tests of one process in memory,
and between pytest-xdist workers through a file-locked cache under the run's base temporary
folder (the first worker to ask produces it, the others wait and read it).
"""

from __future__ import annotations

import contextlib
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
    from cxacq.cli import run

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

    def get(self, key: str, produce: Callable[[], Any]) -> Any:
        if key not in self._memory:
            path = self.folder / (hashlib.sha256(key.encode()).hexdigest()[:20] + ".pickle")
            with _locked(path.with_suffix(".lock")):
                if path.exists():
                    value = pickle.loads(path.read_bytes())
                else:
                    value = produce()
                    partial = path.with_suffix(".partial")
                    partial.write_bytes(pickle.dumps(value))
                    partial.replace(path)
            self._memory[key] = value
        return self._memory[key]


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


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> SharedCache:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # the workers' base folders share a parent
        base = base.parent
    return SharedCache(base / "shared-cache")


def _clean_environment() -> None:
    """What is cached must be what a test in the standard environment would render."""
    assert "SOURCE_DATE_EPOCH" not in os.environ, "a cached package must use the answers' date"


@pytest.fixture(scope="session")
def example_package(shared_cache: SharedCache) -> Callable[..., dict[str, bytes]]:
    """``example_package(path, formats)``: the package of an unchanged example, rendered once.

    Returns a new dict each time (the bytes are shared); for tests that only read the
    output. Tests about rendering itself (clocks, templates, failures) call build_package.
    """
    from cxacq.pipeline import build_package
    from cxacq.validate import load_and_validate

    def _build(path: Path) -> dict[str, bytes]:
        _clean_environment()
        return build_package(load_and_validate(path), formats=("docx", "markdown"))

    def _package(path: Path, formats: tuple[str, ...] = ("docx",)) -> dict[str, bytes]:
        path = Path(path).resolve()
        files = shared_cache.get(f"package:{path}", lambda: _build(path))
        return {name: data for name, data in files.items()
                if "markdown" in formats or not name.endswith(".md")}

    return _package


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
        from cxacq.pdf import convert_to_pdf, locate_soffice

        docx = {f"{path.stem}--{name}": data
                for path in example_paths()
                for name, data in example_package(path).items()
                if name.endswith(".docx")}  # the workbook is not a page document
        return convert_to_pdf(locate_soffice(), docx, timeout=900)

    return shared_cache.get("pdfs:every example", _convert)
