"""Run the stages for each answers file and collect results; never prints or exits.

Every command processes all its inputs, so one bad file never hides problems in
the others; the CLI reports once everything is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from cxacq.errors import CxacqError, Diagnostic, ExitCode, FileResult
from cxacq.inputs import expand_inputs
from cxacq.loader import Loaded
from cxacq.model import Answers
from cxacq.pdf import DEFAULT_TIMEOUT as DEFAULT_PDF_TIMEOUT

__all__ = [
    "build_package",
    "check_answers",
    "check_files",
    "render_files",
    "render_one",
    "validate_files",
    "validate_one",
    "worst_exit",
]


def validate_one(path: Path) -> tuple[FileResult, Answers | None]:
    """Load and validate one file, returning its result and the answers if valid."""
    from cxacq.loader import load_answers_file
    from cxacq.validate import line_warnings, validate_loaded

    result = FileResult(path=str(path))
    try:
        loaded = load_answers_file(path)
        result.diagnostics.extend(line_warnings(loaded))
        answers = validate_loaded(loaded)
    except CxacqError as exc:
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
        return result, None
    return result, answers


def check_one(path: Path, *, ignore: tuple[str, ...] = (), strict: bool = False) -> FileResult:
    """Validate one file and run the guidance rules on it.

    Errors fail the file; warnings fail it only when ``strict`` is set.
    """
    return _check(path, ignore=ignore, strict=strict)[0]


def _check(
    path: Path, *, ignore: tuple[str, ...] = (), strict: bool = False
) -> tuple[FileResult, Answers | None]:
    from cxacq.loader import load_answers_file
    from cxacq.validate import line_warnings, validate_loaded

    result = FileResult(path=str(path))
    warnings: list[Diagnostic] = []
    try:
        loaded = load_answers_file(path)
        warnings = line_warnings(loaded)
        answers = validate_loaded(loaded)
    except CxacqError as exc:
        result.diagnostics.extend(warnings)
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
        return result, None
    checked = check_answers(answers, loaded, ignore=ignore, strict=strict)
    checked.diagnostics[:0] = warnings
    if strict and warnings:
        checked.exit_code = ExitCode.INPUT
    return checked, answers


def check_answers(
    answers: Answers, loaded: Loaded, *, ignore: tuple[str, ...] = (), strict: bool = False
) -> FileResult:
    """Run the guidance rules on valid answers; the result carries findings and readiness.

    Errors fail the file; warnings fail it only when ``strict`` is set.
    """
    from cxacq.errors import Severity
    from cxacq.guidance import readiness, run_rules

    result = FileResult(path=loaded.path)
    result.diagnostics.extend(run_rules(answers, loaded, ignore=ignore))
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(d.severity in failing for d in result.diagnostics):
        result.exit_code = ExitCode.INPUT
    for label, state, counts in readiness(result.diagnostics):
        result.readiness.append((label, state, counts))
    return result


def _inputs(paths: Iterable[str], shard: str | None) -> list[Path]:
    from cxacq.batch import parse_shard, select_shard

    return select_shard(expand_inputs(paths), parse_shard(shard))


def check_files(
    paths: Iterable[str],
    *,
    ignore: tuple[str, ...] = (),
    strict: bool = False,
    jobs: int = 1,
    shard: str | None = None,
) -> list[FileResult]:
    """Run :func:`check_one` on every answers file named by ``paths``."""
    from functools import partial

    from cxacq.batch import run_batch

    return run_batch(partial(check_one, ignore=ignore, strict=strict), _inputs(paths, shard), jobs)


def _validate_result(path: Path) -> FileResult:
    return validate_one(path)[0]


def validate_files(
    paths: Iterable[str],
    *,
    jobs: int = 1,
    shard: str | None = None,
) -> list[FileResult]:
    """Validate every answers file named by ``paths`` (files, directories, globs)."""
    from cxacq.batch import run_batch

    return run_batch(_validate_result, _inputs(paths, shard), jobs)


def worst_exit(results: Iterable[FileResult]) -> ExitCode:
    """Return the exit code for a run: the most serious code among the files."""
    order = [ExitCode.INTERNAL, ExitCode.OUTPUT, ExitCode.TEMPLATE, ExitCode.USAGE, ExitCode.INPUT]
    codes = {r.exit_code for r in results}
    for code in order:
        if code in codes:
            return code
    return ExitCode.OK


def _safe_stem(path: Path) -> str:
    """Return a folder name for an answers file that cannot escape the output folder."""
    import re

    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip(".-")
    return stem or "package"


def build_package(
    answers: Answers,
    *,
    formats: tuple[str, ...] = ("docx",),
    templates: Path | None = None,
    reference: Path | None = None,
) -> dict[str, bytes]:
    """Render every document of one package in memory: ``{file name: bytes}``.

    Raises:
        TemplateError: A template fails, produces Markdown the documents cannot
            hold, or the result fails the accessibility self-check.
    """
    from cxacq.accessibility import check_docx
    from cxacq.catalog import documents_for
    from cxacq.clock import document_timestamp
    from cxacq.context import build_context
    from cxacq.doctree import DocMeta
    from cxacq.errors import TemplateError
    from cxacq.reader import read_markdown
    from cxacq.render import longdate, make_environment, render_markdown
    from cxacq.resources import templates_dir
    from cxacq.writers.docx import DocxWriter
    from cxacq.writers.markdown import MarkdownWriter

    search = [templates, templates_dir()] if templates else [templates_dir()]
    env = make_environment(search, sandboxed=templates is not None)
    program = answers.program
    author = f"{program.office}, {program.component}"
    timestamp = document_timestamp(answers.document.date)
    files: dict[str, bytes] = {}
    for kind in documents_for(answers):
        text = render_markdown(env, kind.template, build_context(answers, kind=kind.key))
        doc = read_markdown(text, source=kind.template)
        cover = [
            ("Program", program.name + (f" ({program.acronym})" if program.acronym else "")),
            ("Component", program.component),
            ("Office", program.office),
            ("Acquisition", answers.acquisition.title),
            ("Version", answers.document.version),
            ("Date", longdate(answers.document.date)),
        ]
        if answers.document.plan_number:
            cover.append(("Plan number", answers.document.plan_number))
        meta = DocMeta(
            title=kind.title,
            subtitle=program.name,
            program=program.name,
            office=program.office,
            version=answers.document.version,
            date=answers.document.date,
            timestamp=timestamp,
            author=author,
            subject=kind.subject,
            keywords=("customer experience", "acquisition", "DHS", program.component),
            marking=kind.marking(answers),
            cover_lines=tuple(cover),
        )
        data = DocxWriter(reference).write(doc, meta)
        problems = check_docx(data)
        if problems:
            raise TemplateError(
                f"the {kind.title.lower()} fails the accessibility check: {problems[0]}",
                path=kind.template,
            )
        files[f"{kind.filename}.docx"] = data
        if "markdown" in formats:
            files[f"{kind.filename}.md"] = MarkdownWriter().write(doc, meta)
    return files


def render_one(
    path: Path,
    out_dir: Path = Path("out"),
    *,
    formats: tuple[str, ...] = ("docx",),
    templates: Path | None = None,
    reference: Path | None = None,
    check_only: bool = False,
    strict: bool = False,
    pdf: bool = False,
    pdf_timeout: float = DEFAULT_PDF_TIMEOUT,
) -> FileResult:
    """Validate, render and write (or compare) one package; never raises CxacqError.

    With ``pdf``, LibreOffice then turns the written Word documents into PDFs
    beside them (see :mod:`cxacq.pdf`): a missing LibreOffice is a warning, a
    failed conversion an error with exit code 4; the Word documents stay written.
    """
    from cxacq.output import compare_package, write_package

    result, answers = _check(path, strict=strict)
    if answers is None or (result.exit_code != 0 and strict):
        return result
    import dataclasses

    from cxacq.errors import Severity

    result.exit_code = ExitCode.OK
    result.readiness = []
    result.diagnostics = [
        dataclasses.replace(d, severity=Severity.WARNING) if d.severity == Severity.ERROR else d
        for d in result.diagnostics
    ]
    target = out_dir / _safe_stem(path)
    try:
        files = build_package(answers, formats=formats, templates=templates, reference=reference)
        if check_only:
            for name, state in compare_package(files, target):
                result.notes.append(f"{state}: {target / name}")
                result.exit_code = ExitCode.INPUT
            result.outputs = [str(target / name) for name in files]
        else:
            result.outputs = [str(p) for p in write_package(files, target)]
            if pdf:
                _add_pdfs(result, files, target, pdf_timeout)
    except CxacqError as exc:
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
    return result


def _add_pdfs(result: FileResult, files: dict[str, bytes], target: Path, timeout: float) -> None:
    from cxacq.errors import Severity
    from cxacq.pdf import pdf_package

    written, diagnostics = pdf_package(files, target, timeout=timeout)
    result.outputs.extend(str(p) for p in written)
    result.diagnostics.extend(diagnostics)
    if any(d.severity == Severity.ERROR for d in diagnostics):
        result.exit_code = ExitCode.OUTPUT


def render_files(
    paths: Iterable[str],
    out_dir: Path,
    *,
    formats: tuple[str, ...] = ("docx",),
    templates: Path | None = None,
    reference: Path | None = None,
    check_only: bool = False,
    strict: bool = False,
    jobs: int = 1,
    shard: str | None = None,
    on_start: Callable[[int], Callable[[], None]] | None = None,
    pdf: bool = False,
    pdf_timeout: float = DEFAULT_PDF_TIMEOUT,
) -> list[FileResult]:
    """Render every answers file named by ``paths``; one bad file never stops the others.

    Raises:
        OptionError: ``pdf`` is asked for together with ``check_only``.
        TemplateError: The template directory or reference document is unusable
            (checked once, before any package is rendered).
    """
    from cxacq.errors import OptionError, TemplateError
    from cxacq.reference import check_reference

    if pdf and check_only:
        raise OptionError(
            "--pdf cannot be used with --check: --check writes nothing, --pdf writes files"
        )
    if templates is not None and not templates.is_dir():
        raise TemplateError("the template directory does not exist", path=str(templates))
    if reference is not None:
        check_reference(reference)
    from functools import partial

    from cxacq.batch import run_batch

    progress = None
    one = partial(
        render_one, out_dir=out_dir, formats=formats, templates=templates, reference=reference,
        check_only=check_only, strict=strict, pdf=pdf, pdf_timeout=pdf_timeout,
    )
    inputs = _inputs(paths, shard)
    if on_start is not None:
        progress = on_start(len(inputs))
    return run_batch(one, inputs, jobs, progress)
