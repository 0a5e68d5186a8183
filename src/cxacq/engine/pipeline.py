"""Run the stages for each answers file and collect results; never prints or exits.

Every command processes all its inputs, so one bad file never hides problems in
the others; the CLI reports once everything is done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shlex
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from cxacq.answers.inputs import collect_inputs, refuse_special
from cxacq.answers.loader import Loaded, load_answers_file, starter_data
from cxacq.answers.model import Answers
from cxacq.answers.validate import line_warnings, validate_loaded
from cxacq.documents.catalog import distribution_for, documents_for, written_documents
from cxacq.engine import output
from cxacq.engine.batch import parse_shard, run_batch, select_shard
from cxacq.engine.clock import run_clock
from cxacq.engine.output import (
    PACKAGE_EDITED,
    PACKAGE_EXTRA,
    PACKAGE_MISSING,
    PACKAGE_REMOVED,
    PACKAGE_STALE,
    PACKAGE_UNRECORDED,
    compare_package,
    edited_files,
    extra_files,
    unrecorded,
)
from cxacq.engine.pdf import DEFAULT_TIMEOUT as DEFAULT_PDF_TIMEOUT
from cxacq.errors import (
    EXIT_PRECEDENCE,
    CxacqError,
    Diagnostic,
    ExitCode,
    FileResult,
    InputError,
    OptionError,
    Severity,
    TemplateError,
    worst_exit_code,
)
from cxacq.guidance import readiness, run_rules
from cxacq.resources import templates_dir

__all__ = [
    "EXIT_PRECEDENCE",
    "PACKAGE_EDITED",
    "PACKAGE_EXTRA",
    "PACKAGE_MISSING",
    "PACKAGE_REMOVED",
    "PACKAGE_STALE",
    "PACKAGE_UNRECORDED",
    "Renderer",
    "build_one",
    "build_package",
    "check_answers",
    "check_files",
    "make_renderer",
    "package_names",
    "regenerate_command",
    "render_files",
    "render_one",
    "validate_files",
    "validate_one",
    "worst_exit",
]


def validate_one(path: Path) -> tuple[FileResult, Answers | None]:
    """Load and validate one file, returning its result and the answers if valid."""
    result = FileResult(path=str(path))
    try:
        refuse_special(path)
        loaded = load_answers_file(path)
        result.diagnostics.extend(line_warnings(loaded))
        answers = validate_loaded(loaded)
    except CxacqError as exc:
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
        return result, None
    return result, answers


def check_one(
    path: Path, *, ignore: tuple[str, ...] = (), strict: bool = False,
    far_edition: str | None = None,
) -> FileResult:
    """Validate one file and run the guidance rules on it.

    Errors fail the file; warnings fail it only when ``strict`` is set. ``far_edition``
    overrides the file's ``document.far_edition``.
    """
    return _check(path, ignore=ignore, strict=strict, far_edition=far_edition, plain=True)[0]


def _check(
    path: Path, *, ignore: tuple[str, ...] = (), strict: bool = False,
    far_edition: str | None = None, plain: bool = False,
) -> tuple[FileResult, Answers | None]:
    result = FileResult(path=str(path))
    warnings: list[Diagnostic] = []
    try:
        refuse_special(path)
        loaded = load_answers_file(path)
        warnings = line_warnings(loaded)
        answers = validate_loaded(loaded).with_far_edition(far_edition)
    except CxacqError as exc:
        result.diagnostics.extend(warnings)
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
        return result, None
    result = check_answers(answers, loaded, ignore=ignore, strict=strict)
    result.diagnostics[:0] = warnings
    if strict and warnings:
        result.exit_code = ExitCode.INPUT
    if plain:
        _add_plain_report(result, answers, loaded, ignore=ignore, strict=strict)
    return result, answers


def _add_plain_report(
    result: FileResult, answers: Answers, loaded: Loaded, *, ignore: tuple[str, ...],
    strict: bool,
) -> None:
    """Add the plain-language figures and warnings (see :mod:`cxacq.engine.plain`)."""
    from cxacq.engine.plain import plain_diagnostics, plain_notes, plain_reports

    accepted = {item.code for item in answers.accepted_findings}
    try:
        reports = plain_reports(answers)
    except CxacqError as exc:
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
        return
    found = plain_diagnostics(reports, loaded, ignore=(*ignore, *accepted))
    result.diagnostics = sorted([*result.diagnostics, *found], key=Diagnostic.sort_key)
    result.notes.extend(plain_notes(reports))
    if found and strict and result.exit_code == ExitCode.OK:
        result.exit_code = ExitCode.INPUT


def check_answers(
    answers: Answers, loaded: Loaded, *, ignore: tuple[str, ...] = (), strict: bool = False
) -> FileResult:
    """Run the guidance rules on valid answers; the result carries findings and readiness.

    Errors fail the file; warnings fail it only when ``strict`` is set.
    """
    result = FileResult(path=loaded.path)
    result.diagnostics.extend(run_rules(answers, loaded, ignore=ignore))
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(d.severity in failing for d in result.diagnostics):
        result.exit_code = ExitCode.INPUT
    for label, state, counts in readiness(result.diagnostics):
        result.readiness.append((label, state, counts))
    return result


def _problem_results(problems: list[Diagnostic]) -> list[FileResult]:
    """One result per input the expansion had something to say about."""
    results: dict[str, FileResult] = {}
    for diag in problems:
        result = results.setdefault(diag.path, FileResult(path=diag.path))
        result.diagnostics.append(diag)
        if diag.severity == Severity.ERROR:
            result.exit_code = ExitCode.INPUT
    return list(results.values())


def _inputs(paths: Iterable[str], shard: str | None) -> tuple[list[Path], list[FileResult]]:
    found = collect_inputs(paths)
    return select_shard(found.paths, parse_shard(shard)), _problem_results(found.problems)


def check_files(
    paths: Iterable[str],
    *,
    ignore: tuple[str, ...] = (),
    strict: bool = False,
    jobs: int = 1,
    shard: str | None = None,
    far_edition: str | None = None,
) -> list[FileResult]:
    """Run :func:`check_one` on every answers file named by ``paths``."""
    selected, problems = _inputs(paths, shard)
    return problems + run_batch(
        partial(check_one, ignore=ignore, strict=strict, far_edition=far_edition), selected, jobs
    )


def _validate_result(path: Path) -> FileResult:
    return validate_one(path)[0]


def validate_files(
    paths: Iterable[str],
    *,
    jobs: int = 1,
    shard: str | None = None,
) -> list[FileResult]:
    """Validate every answers file named by ``paths`` (files, directories, globs)."""
    selected, problems = _inputs(paths, shard)
    return problems + run_batch(_validate_result, selected, jobs)


def worst_exit(results: Iterable[FileResult]) -> ExitCode:
    """Return the exit code for a run: the first of :data:`EXIT_PRECEDENCE` among the files."""
    return worst_exit_code(r.exit_code for r in results)


def _safe_name(text: str) -> str:
    """Return a folder name that cannot escape the output folder."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")
    return name or "package"


def package_names(paths: Sequence[Path], out_dir: Path) -> dict[Path, str]:
    """Name each input's package folder from its path below the folder the inputs share.

    One file, or files in one folder, get their file name without the suffix
    (``examples/minimal.yaml`` → ``minimal``); ``answers/uscis/program.yaml`` and
    ``answers/fema/program.yaml`` get ``uscis-program`` and ``fema-program``. The
    names are worked out from every input before any shard is taken, so a CI
    matrix names each package as a single run would.

    Raises:
        InputError: Two inputs would still share a folder (``a.yaml`` and
            ``a.yml``, or names differing only in case or in replaced
            characters); nothing has been written.
    """
    absolute = [Path(os.path.abspath(p)) for p in paths]
    try:
        root = Path(os.path.commonpath([str(p.parent) for p in absolute])) if paths else None
    except ValueError:  # pragma: no cover - different drives on Windows
        root = None
    names: dict[Path, str] = {}
    taken: dict[str, Path] = {}
    for path, full in zip(paths, absolute, strict=True):
        relative = full.relative_to(root) if root is not None else Path(full.name)
        name = _safe_name("-".join((*relative.parent.parts, relative.stem)))
        other = taken.setdefault(name.casefold(), path)
        if other != path:
            raise InputError(
                f"{other} and {path} would both be written to the package folder "
                f"{out_dir / name}; nothing was written",
                path=str(path),
                hint="rename one of the files (package folders are named from each file's "
                "path below the folder the inputs share)",
            )
        names[path] = name
    return names


@dataclass
class Renderer:
    """What every package of a run shares, built once per run (and per worker process).

    The template environment (templates compile once per run, and once per
    installation with the bytecode cache), the clock (``SOURCE_DATE_EPOCH`` read
    once) and the writers from the registry, the Word writer on the run's
    reference document; the others are made when a package first asks for them.
    """

    env: Any  # jinja2.Environment, imported only when rendering
    clock: Callable[[dt.date], dt.datetime]
    writers: dict[str, Any]  # format → Writer (see cxacq.engine.writers.WRITERS)


def make_renderer(templates: Path | None = None, reference: Path | None = None) -> Renderer:
    """Build the run-wide :class:`Renderer` for ``--templates`` and ``--reference-docx``.

    Raises:
        OptionError: ``SOURCE_DATE_EPOCH`` is not a whole number of seconds.
    """
    from cxacq.documents.render import make_environment
    from cxacq.engine.writers import get_writer

    search = [templates, templates_dir()] if templates else [templates_dir()]
    return Renderer(
        env=make_environment(search, sandboxed=templates is not None),
        clock=run_clock(),
        writers={"docx": get_writer("docx", reference=reference)},
    )


# The renderer of the run under way in this process, by run token: render_files sets it
# before any worker starts (forked workers inherit it); a worker that did not inherit it
# builds its own once. A token is never reused, so a later run never sees stale templates.
_RUN_RENDERER: dict[str, Renderer] = {}


def _renderer_for(token: str | None, templates: Path | None, reference: Path | None) -> Renderer:
    if token is None:
        return make_renderer(templates, reference)
    renderer = _RUN_RENDERER.get(token)
    if renderer is None:
        _RUN_RENDERER.clear()
        renderer = _RUN_RENDERER[token] = make_renderer(templates, reference)
    return renderer


def build_package(
    answers: Answers,
    *,
    formats: tuple[str, ...] = ("docx",),
    templates: Path | None = None,
    reference: Path | None = None,
    renderer: Renderer | None = None,
) -> dict[str, bytes]:
    """Render every document of one package in memory: ``{file name: bytes}``.

    ``renderer`` is the run's (see :func:`make_renderer`); without one, a renderer
    for ``templates`` and ``reference`` is built for this package alone.

    Raises:
        TemplateError: A template fails, produces Markdown the documents cannot
            hold, or the result fails the accessibility self-check.
    """
    from cxacq.documents.context import build_context
    from cxacq.documents.doctree import DocMeta
    from cxacq.documents.render import longdate, render_markdown
    from cxacq.engine.accessibility import check_docx
    from cxacq.engine.reader import read_markdown

    if renderer is None:
        renderer = make_renderer(templates, reference)
    env = renderer.env
    program = answers.program
    author = f"{program.office}, {program.component}"
    timestamp = renderer.clock(answers.document.date)
    files: dict[str, bytes] = {}
    for kind in documents_for(answers):
        cover = [
            ("Program", program.name + (f" ({program.acronym})" if program.acronym else "")),
            ("Office", program.office),
            ("Version", answers.document.version),
            ("Date", longdate(answers.document.date)),
        ]
        if answers.document.plan_number:
            cover.append(("Plan number", answers.document.plan_number))
        meta = DocMeta(
            title=kind.title_for(answers),
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
            component=program.component,
            acquisition=answers.acquisition.title,
            distribution=distribution_for(kind, answers),
        )
        if kind.build is not None:
            files[f"{kind.filename}.{kind.extension}"] = kind.build(answers, meta)
            continue
        template = kind.template
        assert template is not None  # DocumentKind requires a template or a build
        text = render_markdown(env, template, build_context(answers, kind=kind.key))
        doc = read_markdown(text, source=template)
        data = renderer.writers["docx"].write(doc, meta)
        problems = check_docx(data)
        if problems:
            raise TemplateError(
                f"the {kind.title.lower()} fails the accessibility check: {problems[0]}",
                path=kind.template,
            )
        files[f"{kind.filename}.docx"] = data
        if "markdown" in formats:
            files[f"{kind.filename}.md"] = _writer(renderer, "markdown").write(doc, meta)
    return files


def _writer(renderer: Renderer, name: str) -> Any:
    """Return the run's writer for the format ``name``, made the first time it is asked for."""
    writer = renderer.writers.get(name)
    if writer is None:
        from cxacq.engine.writers import get_writer

        writer = renderer.writers[name] = get_writer(name)
    return writer


@dataclass
class _Built:
    """One package built in memory (in a worker), ready to be written or compared."""

    result: FileResult
    target: Path
    files: dict[str, bytes] | None = None  # None: nothing to write (the file failed)


def build_one(
    path: Path,
    target: Path,
    *,
    formats: tuple[str, ...] = ("docx",),
    templates: Path | None = None,
    reference: Path | None = None,
    strict: bool = False,
    pdf: bool = False,
    pdf_timeout: float = DEFAULT_PDF_TIMEOUT,
    far_edition: str | None = None,
    run: str | None = None,
) -> _Built:
    """Validate and render one package in memory (PDFs too, with ``pdf``); never raises CxacqError.

    ``run`` is the token of the :func:`render_files` run whose renderer to use.

    With ``pdf``, LibreOffice turns the Word documents into PDFs that join the
    package (see :mod:`cxacq.engine.pdf`): a missing LibreOffice is a warning, a
    failed conversion an error with exit code 4; the Word documents are still
    written.
    """
    result, answers = _check(path, strict=strict, far_edition=far_edition)
    if answers is None or (result.exit_code != 0 and strict):
        return _Built(result, target)
    result.exit_code = ExitCode.OK  # guidance errors keep their severity but do not stop render
    result.readiness = []
    try:
        renderer = _renderer_for(run, templates, reference)
        files = build_package(answers, formats=formats, renderer=renderer)
    except CxacqError as exc:
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
        return _Built(result, target)
    if pdf:
        from cxacq.engine.pdf import package_pdfs

        pdfs, diagnostics = package_pdfs(files, target, timeout=pdf_timeout)
        files.update(pdfs)
        result.diagnostics.extend(diagnostics)
        if any(d.severity == Severity.ERROR for d in diagnostics):
            result.exit_code = ExitCode.OUTPUT
    result.documents = [d.to_dict() for d in written_documents(answers, files, target)]
    return _Built(result, target, files)


_STATES = {
    "missing": (PACKAGE_MISSING, "missing: the answers produce this document but it is not there"),
    "stale": (PACKAGE_STALE, "stale: this document differs from what the answers now produce"),
    "extra": (PACKAGE_EXTRA,
              "extra: the answers no longer produce this document; a render removes it"),
    "edited": (PACKAGE_EDITED, "edited by hand: this document changed after cxacq wrote it; "
               "a render refuses to replace it"),
}


def _edited_hint(regenerate_forced: str) -> str:
    then = (f"replace it with: {regenerate_forced}" if regenerate_forced
            else "render again with --force to replace it")
    return ("to keep the edits, move them into the answers file or copy this file out of the "
            f"package folder; then {then}")


def _unrecorded_note(target: Path, why: str, *, check_only: bool) -> Diagnostic:
    """Say that a package has no usable record, so hand edits cannot be told from stale files."""
    then = ("documents that differ are reported as stale" if check_only
            else "its documents were replaced as before, and the record is now written")
    what = (f"no record of what cxacq wrote here ({output.MANIFEST_NAME}; a cxacq older than "
            "the record wrote none)" if why == "absent"
            else f"the record of what cxacq wrote here ({output.MANIFEST_NAME}) is {why}")
    return Diagnostic(
        path=str(target), code=PACKAGE_UNRECORDED,
        severity=Severity.INFO if why == "absent" else Severity.WARNING,
        message=f"{what}, so documents edited by hand cannot be told from stale ones: {then}",
        hint="the next render writes the record" if check_only else None,
    )


def _commit(
    path: Path, built: _Built, *, check_only: bool, regenerate: str, force: bool = False,
    regenerate_forced: str = "",
) -> FileResult:
    """Write (or compare) one built package; runs in the main process, one at a time."""
    result, target, files = built.result, built.target, built.files
    if files is None:
        return result
    try:
        why = unrecorded(target)
        if check_only:
            for name, state in compare_package(files, target):
                code, message = _STATES[state]
                if state == "edited" and name not in files:
                    message += " (the answers no longer produce it, so a render would remove it)"
                hint = (_edited_hint(regenerate_forced) if state == "edited"
                        else f"regenerate with: {regenerate}")
                result.diagnostics.append(Diagnostic(
                    path=str(target / name), code=code, message=message, hint=hint))
                result.exit_code = ExitCode.INPUT
            if why is not None:
                result.diagnostics.append(_unrecorded_note(target, why, check_only=True))
            result.outputs = [str(target / name) for name in files]
            return result
        removed = extra_files(files, target)
        replaced = edited_files(files, target) if force else []
        result.outputs = [str(p) for p in output.write_package(files, target, force=force)]
        result.diagnostics.extend(
            Diagnostic(path=str(target / name), code=PACKAGE_REMOVED, severity=Severity.INFO,
                       message="removed: the answers no longer produce this document")
            for name in removed if name not in replaced
        )
        for name in replaced:
            done = ("replaced" if name in files
                    else "removed (the answers no longer produce it)")
            result.diagnostics.append(Diagnostic(
                path=str(target / name), code=PACKAGE_EDITED, severity=Severity.WARNING,
                message=f"edited by hand, {done} as --force asked; its edits are gone"))
        if why is not None:
            result.diagnostics.append(_unrecorded_note(target, why, check_only=False))
    except CxacqError as exc:
        result.diagnostics.extend(exc.to_diagnostics())
        result.exit_code = exc.exit_code
    return result


def render_one(path: Path, out_dir: Path = Path("out"), **options: Any) -> FileResult:
    """Render one answers file into ``out_dir/<file name>/`` (see :func:`render_files`)."""
    check_only = bool(options.pop("check_only", False))
    force = bool(options.pop("force", False))
    built = build_one(path, out_dir / package_names([path], out_dir)[path], **options)
    return _commit(path, built, check_only=check_only, regenerate="", force=force)


def regenerate_command(
    paths: Sequence[str],
    out_dir: Path,
    *,
    formats: tuple[str, ...] = ("docx",),
    templates: Path | None = None,
    reference: Path | None = None,
    shard: str | None = None,
    far_edition: str | None = None,
    force: bool = False,
) -> str:
    """Return the shell command that rewrites the outputs ``render --check`` compared.

    It repeats every input and option that changes the output, and
    ``SOURCE_DATE_EPOCH`` when set, each quoted with the shell's rules; with
    ``force``, it replaces documents edited by hand too.
    """
    words = ["cxacq", "render", "--out", str(out_dir)]
    if force:
        words.append("--force")
    if "markdown" in formats:
        words.append("--markdown")
    if templates is not None:
        words += ["--templates", str(templates)]
    if reference is not None:
        words += ["--reference-docx", str(reference)]
    if far_edition:
        words += ["--far-edition", far_edition]
    if shard:
        words += ["--shard", shard]
    if any(p.startswith("-") for p in paths):
        words.append("--")
    words += list(paths)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    prefix = f"SOURCE_DATE_EPOCH={shlex.quote(epoch)} " if epoch else ""
    return prefix + shlex.join(words)


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
    far_edition: str | None = None,
    force: bool = False,
) -> list[FileResult]:
    """Render every answers file named by ``paths``; one bad file never stops the others.

    Each package goes to ``out_dir/<name>/`` (see :func:`package_names`) and is
    replaced as a unit (see :mod:`cxacq.engine.output`); temporary folders a killed run
    left in ``out_dir`` are removed first. On SIGINT or SIGTERM no package is
    written after the signal (see :mod:`cxacq.engine.batch`). A package holding a document
    edited by hand since cxacq wrote it is not written (exit code 4, one error per
    document) unless ``force`` is true (see :func:`cxacq.engine.output.edited_files`).

    Raises:
        OptionError: ``pdf`` or ``force`` is asked for together with ``check_only``,
            or ``SOURCE_DATE_EPOCH`` is not a whole number.
        InputError: Two inputs would share a package folder.
        TemplateError: The template directory or reference document is unusable
            (checked once, before any package is rendered).
    """
    if pdf and check_only:
        raise OptionError(
            "--pdf cannot be used with --check: --check writes nothing, --pdf writes files"
        )
    if force and check_only:
        raise OptionError(
            "--force cannot be used with --check: --check writes nothing, so it replaces nothing"
        )
    run_clock()  # a bad SOURCE_DATE_EPOCH stops the run at once
    if templates is not None and not templates.is_dir():
        raise TemplateError("the template directory does not exist", path=str(templates))
    if reference is not None:
        from cxacq.engine.reference import check_reference

        check_reference(reference)
    paths = list(paths)
    found = collect_inputs(paths)
    names = package_names(found.paths, out_dir)
    selected = select_shard(found.paths, parse_shard(shard))
    if not check_only:
        output.remove_leftovers(out_dir)
    token = uuid.uuid4().hex
    if selected:  # built here, before any worker starts, so forked workers share it
        _RUN_RENDERER.clear()
        _RUN_RENDERER[token] = renderer = make_renderer(templates, reference)
        if jobs > 1 and len(selected) > 1:
            _preload(renderer, formats)
    build = partial(
        _build_named, names=names, out_dir=out_dir, formats=formats, templates=templates,
        reference=reference, strict=strict, pdf=pdf, pdf_timeout=pdf_timeout,
        far_edition=far_edition, run=token,
    )
    regenerate = partial(regenerate_command, paths, out_dir, formats=formats,
                         templates=templates, reference=reference, shard=shard,
                         far_edition=far_edition)
    commit = partial(_commit, check_only=check_only, force=force, regenerate=regenerate(),
                     regenerate_forced=regenerate(force=True))
    progress = on_start(len(selected)) if on_start is not None else None
    try:
        built = run_batch(build, selected, jobs, progress, commit)
    finally:
        _RUN_RENDERER.pop(token, None)
    return _problem_results(found.problems) + built


def _preload(renderer: Renderer, formats: tuple[str, ...]) -> None:
    """Load, once in this process, what every worker would otherwise load for itself.

    Workers are forked, so the libraries imported here, the checked reference document
    and the starter example the guidance compares with are theirs without the cost.
    """
    import cxacq.documents.context
    import cxacq.engine.accessibility
    import cxacq.engine.reader
    import cxacq.engine.writers.xlsx  # noqa: F401 - imported for the forked workers

    with contextlib.suppress(ImportError):
        import openpyxl  # noqa: F401 - the cost workbook's library
    for name in formats:
        prepare = getattr(_writer(renderer, name), "prepare", None)
        if prepare is not None:
            prepare()
    with contextlib.suppress(CxacqError):
        starter_data()


def _build_named(path: Path, *, names: dict[Path, str], out_dir: Path, **options: Any) -> _Built:
    return build_one(path, out_dir / names[path], **options)
