"""The command line: thin adapters over the core, and the single error boundary.

Each command turns options into arguments, calls one core function, hands the
results to a reporter and exits with an :class:`~cxacq.errors.ExitCode`. Nothing
here knows about YAML, Jinja or Word.
"""

from __future__ import annotations

import enum
import functools
import gc
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

try:  # typer 0.2x vendors its own copy of click; older releases use click itself
    from typer._click.exceptions import ClickException as _ClickException
except ImportError:  # pragma: no cover - depends on the installed typer
    from click.exceptions import ClickException as _ClickException  # type: ignore[no-redef]

from cxacq import __version__
from cxacq.answers.inputs import answers_only
from cxacq.cli.reporter import REPORTERS, group_example_values, print_documents, print_rules
from cxacq.engine.atomic import write_text_file
from cxacq.engine.batch import limit_jobs
from cxacq.engine.output import PACKAGE_STATES
from cxacq.errors import CxacqError, Diagnostic, ExitCode, FileResult, OptionError

_ABORT = (typer.Abort, KeyboardInterrupt)
# What the boundary lets through untouched: the interpreter's own ways of stopping.
_SIGNALS = (SystemExit, GeneratorExit)
_EXCERPT = 200  # characters of an internal error's message shown on its one line

__all__ = ["app", "main", "run"]

app = typer.Typer(
    name="cxacq",
    help=(
        "Turn a program office's answers about its customer-experience need into a DHS CX "
        "acquisition package in Word: an acquisition strategy, an evaluation plan with CX "
        "discriminators, and the oral-presentation handout and evaluator packet."
    ),
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class OutputFormat(enum.StrEnum):
    """How results are printed."""

    text = "text"
    json = "json"
    github = "github"


class FarEdition(enum.StrEnum):
    """Which FAR the documents and findings cite (see cxacq.citations)."""

    rfo = "rfo"
    legacy = "legacy"
    dual = "dual"


FarEditionOption = Annotated[
    FarEdition | None,
    typer.Option(
        "--far-edition",
        help=(
            "Cite the FAR overhaul (rfo), 48 CFR before it (legacy) or both (dual); "
            "overrides document.far_edition."
        ),
        case_sensitive=False,
        show_default=False,
    ),
]

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="text for people, json for tools, github for GitHub Actions annotations.",
        case_sensitive=False,
    ),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Answers files, directories (every *.yaml/*.yml below) or glob patterns.",
        show_default=False,
        metavar="PATH",
    ),
]
AnswersOnlyOption = Annotated[
    bool,
    typer.Option(
        "--answers-only",
        help="Pass over YAML files with no top-level schema_version (for pre-commit hooks).",
    ),
]


def _answers_only(paths: list[str], enabled: bool) -> list[str]:
    return answers_only(paths) if enabled else paths


JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes to use (default and most: one per CPU; 1 = sequential).",
    ),
]
ShardOption = Annotated[
    str | None,
    typer.Option(
        "--shard",
        help="Process only share I of N of the inputs, e.g. 2/4 (for a CI matrix).",
    ),
]


def _jobs(jobs: int | None) -> int:
    used, why = limit_jobs(jobs)
    if why:
        _stderr(f"cxacq: warning: {why}")
    return used


@dataclass
class _Invocation:
    """The running command and its output format, for reporting run-level errors."""

    command: str = ""
    fmt: OutputFormat | None = None
    start: float = 0.0
    reported: bool = False


_RUN = _Invocation()


def _begin(command: str, fmt: OutputFormat) -> float:
    """Record the command and format, so an error that ends the run is reported in that format."""
    global _RUN
    _RUN = _Invocation(command, fmt, time.perf_counter())
    return _RUN.start


def _report(
    fmt: OutputFormat,
    command: str,
    results: Sequence[FileResult],
    extra: dict[str, object],
    start: float,
    *,
    verbose: bool = True,
) -> None:
    if not verbose and fmt is not OutputFormat.json:
        results = group_example_values(results)
    extra = {**extra, "seconds": round(time.perf_counter() - start, 2)}
    _RUN.reported = True
    REPORTERS[fmt.value](command, results, extra)


def _report_failure(diagnostics: list[Diagnostic], code: ExitCode) -> bool:
    """Report an error that ended the run through the command's reporter.

    Returns False when there is no command format to report in (an error before any
    command started, or in text format), so the caller prints the plain lines instead.
    """
    if _RUN.fmt in (None, OutputFormat.text) or _RUN.reported:
        return False
    path = diagnostics[0].path if diagnostics else "cxacq"
    result = FileResult(path=path, diagnostics=diagnostics, exit_code=code)
    _report(_RUN.fmt, _RUN.command, [result], {}, _RUN.start)
    return True


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxacq {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback on an internal error.")
    ] = False,
) -> None:
    """Turn CX answers into a DHS acquisition package."""


# The interview's sections (cxacq.cli.interview.engine.SECTIONS), named here so that `--help`
# needs no import of the interview; test_interview checks the two agree.
INTERVIEW_SECTIONS = (
    "document", "agency", "program", "people", "customer_need", "discovery", "vision",
    "capacity", "needs", "support_model", "partners", "capacity_building", "research_sharing",
    "funding", "cost_estimate", "market_research", "acquisition", "compliance", "evaluation",
    "oral_presentation",
)


def _stdin_pending() -> bool:
    """Return whether more typed or pasted input is already waiting on the terminal."""
    import select

    return bool(select.select([sys.stdin], [], [], 0.03)[0])


@app.command()
def init(
    path: Annotated[
        Path | None,
        typer.Argument(help="Where to write the answers file.", show_default=False),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i",
            help="Ask the questions one by one (the default on a terminal when no path is given).",
        ),
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never ask; write the commented starter file."),
    ] = False,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Start from this example or answers file: its values become the defaults.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing answers file.")
    ] = False,
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help="Interview: ask only what a package needs; fill the rest from safe defaults "
            "marked to do.",
        ),
    ] = False,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            help="Interview: go through one section of the answers file. One of: "
            + ", ".join(INTERVIEW_SECTIONS) + ".",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue the interview that was stopped (its draft)."),
    ] = False,
) -> None:
    """Write an answers file to fill in (default: cxacq-answers.yaml), or interview you for it.

    Without --interactive the file starts as a complete example that validates and
    renders; every section is introduced in the DHS guidance's words and every value is
    marked to replace. With --interactive (the default on a terminal when no path is
    given) cxacq asks for each answer in the guidance's order, checks it as you go,
    shows a summary and the guidance checks, and writes the same commented file. --from
    starts either from an example or an existing answers file, so the interview is
    also the way to revise one. A JSON Schema (cxacq.schema.json) is written beside the
    file for editor help.

    The interview keeps every answer in a draft beside the file as you go: after
    Ctrl-C, --resume continues where you stopped. Type ? at a question to mark it to
    do (`cxacq check` lists it). --quick asks only what a package needs; --section
    goes straight to one section of an existing file.

    Example: cxacq init --interactive --from examples/minimal.yaml my-program.yaml
    """
    from cxacq.answers.scaffold import DEFAULT_ANSWERS_NAME, init_answers
    from cxacq.cli.console import err_console, escape, interview_console, visible

    if interactive and no_input:
        raise OptionError("--interactive and --no-input cannot be used together")
    target = path or Path(DEFAULT_ANSWERS_NAME)
    asked = quick or resume or section is not None
    if (interactive or asked) and no_input:
        raise OptionError("--quick, --section and --resume interview; --no-input never asks")
    if interactive or asked or (not no_input and path is None and sys.stdin.isatty()):
        from cxacq.cli.interview import interview_answers

        if sys.stdin.isatty():
            import readline  # noqa: F401 - line editing for input() on a terminal
        written = interview_answers(
            target, console=interview_console(), read=input, echo=not sys.stdin.isatty(),
            source=source, force=force, quick=quick, section=section, resume=resume,
            pending=_stdin_pending if sys.stdin.isatty() else lambda: False,
        )
        raise typer.Exit(0 if written else 1)
    written = init_answers(target, force=force, source=source)
    shown = escape(visible(str(target)))
    for item in written:
        err_console().print(f"wrote {escape(visible(str(item)))}")
    err_console().print(f"Next: edit {shown}, then run `cxacq validate {shown}`.")


@app.command()
def validate(
    paths: PathsArgument,
    output_format: FormatOption = OutputFormat.text,
    jobs: JobsOption = None,
    shard: ShardOption = None,
    answers_only: AnswersOnlyOption = False,
) -> None:
    """Check answers files against the answers model; report every problem with its line.

    Exit code 0 when every file is valid, 1 when any is not.

    Example: cxacq validate examples/
    """
    from cxacq.engine.pipeline import validate_files, worst_exit

    start = _begin("validate", output_format)
    paths = _answers_only(paths, answers_only)
    results = validate_files(paths, jobs=_jobs(jobs), shard=shard) if paths else []
    _report(output_format, "validate", results, {}, start)
    raise typer.Exit(int(worst_exit(results)))


IgnoreOption = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Skip a rule by code (repeatable), e.g. --ignore ORAL-C05."),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v",
        help="List every HYG-C01 finding (example values left in) instead of one per section.",
    ),
]


@app.command()
def check(
    paths: PathsArgument,
    ignore: IgnoreOption = None,
    strict: StrictOption = False,
    far_edition: FarEditionOption = None,
    output_format: FormatOption = OutputFormat.text,
    jobs: JobsOption = None,
    shard: ShardOption = None,
    verbose: VerboseOption = False,
    answers_only: AnswersOnlyOption = False,
) -> None:
    """Check answers against the DHS CX guidance and the FAR; show each package's readiness.

    Each finding has a code, a severity, the field with its line, a hint and the rule it
    rests on. Exit 0 when there are no errors (no warnings either, with --strict), else 1.
    Accept a finding on purpose in the answers file under accepted_findings, with a reason.

    Example: cxacq check examples/ --strict
    """
    from cxacq.engine.pipeline import check_files, worst_exit
    from cxacq.guidance import check_rule_codes

    start = _begin("check", output_format)
    ignored = check_rule_codes(ignore or ())
    paths = _answers_only(paths, answers_only)
    results = (
        check_files(
            paths, ignore=ignored, strict=strict, jobs=_jobs(jobs), shard=shard,
            far_edition=far_edition.value if far_edition else None,
        )
        if paths else []
    )
    _report(output_format, "check", results, {}, start, verbose=verbose)
    raise typer.Exit(int(worst_exit(results)))


@app.command()
def rules(
    code: Annotated[
        str | None,
        typer.Argument(help="Explain this one rule, e.g. FAR-C06.", show_default=False),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="text for people, json for tools.", case_sensitive=False
        ),
    ] = OutputFormat.text,
) -> None:
    """List every guidance rule with its code, severity, summary and basis, or explain one.

    Example: cxacq rules FAR-C06
    """
    from cxacq.guidance import RULES, check_rule_codes

    _begin("rules", output_format)
    if code is not None:
        (code,) = check_rule_codes([code.upper()], option="cxacq rules")
    chosen = [RULES[code]] if code else sorted(RULES.values(), key=lambda r: r.code)
    _RUN.reported = True
    print_rules(chosen, output_format.value, explain=code is not None)


@app.command()
def render(
    paths: PathsArgument,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the packages (one subfolder each).")
    ] = Path("out"),
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Also write each document as Markdown for review.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 if any output is missing, stale, extra or edited by hand.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace documents edited by hand since cxacq wrote them (the edits are lost).",
        ),
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Folder of templates overriding the shipped ones."),
    ] = None,
    reference_docx: Annotated[
        Path | None,
        typer.Option("--reference-docx", help="Word file whose styles and page set-up to use."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse to render a package with any guidance finding.")
    ] = False,
    pdf: Annotated[
        bool,
        typer.Option("--pdf", help="Also write a tagged PDF of each document (needs LibreOffice)."),
    ] = False,
    pdf_timeout: Annotated[
        int,
        typer.Option("--pdf-timeout", min=1, help="Seconds LibreOffice may take per package."),
    ] = 120,
    far_edition: FarEditionOption = None,
    output_format: FormatOption = OutputFormat.text,
    jobs: JobsOption = None,
    shard: ShardOption = None,
    verbose: VerboseOption = False,
    answers_only: AnswersOnlyOption = False,
) -> None:
    """Render each answers file into OUT/<file name>/: strategy, evaluation plan, oral documents.

    Every package is built in memory and checked first, then swapped in whole, so a
    failure or Ctrl-C never leaves a half-written or mixed package. Files from several
    folders are named from their paths (answers/uscis/program.yaml → OUT/uscis-program/).
    A package with a document edited by hand is not written (exit 4) unless --force.

    Example: cxacq render examples/uscis-work-authorization.yaml --out out
    """
    from cxacq.engine.pipeline import render_files, worst_exit

    start = _begin("render", output_format)
    paths = _answers_only(paths, answers_only)
    if not paths:
        _report(output_format, "render", [], {}, start)
        raise typer.Exit(0)
    formats = ("docx", "markdown") if markdown else ("docx",)
    import contextlib

    from cxacq.cli.console import progress_bar

    with contextlib.ExitStack() as stack:

        def begin(total: int) -> Callable[[], None]:
            bar, tick = progress_bar(total, "Rendering packages")
            stack.enter_context(bar)  # type: ignore[arg-type]
            return tick

        results = render_files(
            paths, out, formats=formats, templates=templates, reference=reference_docx,
            check_only=check, strict=strict, jobs=_jobs(jobs), shard=shard, on_start=begin,
            pdf=pdf, pdf_timeout=pdf_timeout,
            far_edition=far_edition.value if far_edition else None, force=force,
        )
    for result in results:
        if not check:
            result.notes.extend(f"wrote {item}" for item in result.outputs)
    extra: dict[str, object] = {}
    if check and any(d.code in PACKAGE_STATES for r in results for d in r.diagnostics):
        from cxacq.engine.pipeline import regenerate_command

        extra["regenerate"] = regenerate_command(
            paths, out, formats=formats, templates=templates, reference=reference_docx,
            shard=shard, far_edition=far_edition.value if far_edition else None,
        )
    _report(output_format, "render", results, extra, start, verbose=verbose)
    raise typer.Exit(int(worst_exit(results)))


@app.command()
def documents(
    paths: PathsArgument,
    far_edition: FarEditionOption = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="text for people, json for tools.", case_sensitive=False
        ),
    ] = OutputFormat.text,
) -> None:
    """Show each file's package, why each document is in or out, and what else the file needs.

    The completeness map lists the documents and approvals the contract file needs beyond
    the package, for the path, value and contract type, each with its basis under the
    chosen FAR edition. Renders nothing. Exit 0 when every file is valid, else as validate.

    Example: cxacq documents examples/fema-disaster-assistance.yaml --far-edition dual
    """
    from cxacq.engine.completeness import plan_files
    from cxacq.engine.pipeline import worst_exit

    _begin("documents", output_format)
    planned = plan_files(paths, far_edition=far_edition.value if far_edition else None)
    _RUN.reported = True
    print_documents(planned, output_format.value)
    raise typer.Exit(int(worst_exit(result for result, _ in planned)))


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schema to this file instead of stdout."),
    ] = None,
) -> None:
    """Print the answers file's JSON Schema (for editors and other tools).

    Example: cxacq schema -o cxacq.schema.json
    """
    from cxacq.answers.schema import answers_json_schema_text

    text = answers_json_schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    write_text_file(output, text)


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("CXACQ_DEBUG", "") not in ("", "0")


@functools.cache
def _command() -> Callable[..., Any]:
    """The Click command Typer builds from ``app``, built once per process.

    ``app(...)`` builds it afresh on each call (about 10 ms), and the tests run the command
    line in-process some two thousand times. Calling the command directly skips only what
    ``Typer.__call__`` adds for exceptions that escape it, and none escapes :func:`run`
    but ``SystemExit`` and ``GeneratorExit``, which Typer lets through untouched.
    """
    return typer.main.get_command(app)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (the single error boundary).

    A :class:`CxacqError` that ends the run is reported in the command's output format
    (so ``--format json`` always prints its object); anything else a library raises,
    ``BaseException`` subclasses included, is one line and exit 70. Only the
    interpreter's own ways of stopping (``SystemExit``, ``GeneratorExit``) pass through.
    """
    global _RUN
    _RUN = _Invocation()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = _command()(args=args, prog_name="cxacq", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except _ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except _ABORT:
        _stderr("cxacq: interrupted; nothing was left half-written")
        return int(ExitCode.INTERRUPTED)
    except CxacqError as exc:
        from cxacq.cli.console import err_console, escape, visible

        diagnostics = exc.to_diagnostics()
        if not _report_failure(diagnostics, exc.exit_code):
            for diag in diagnostics:
                field = f"{escape(visible(diag.field))}: " if diag.field else ""
                err_console().print(
                    f"{escape(visible(diag.location()))}: error: {field}"
                    f"{escape(visible(diag.message, keep_newlines=True))}"
                )
                if diag.hint:
                    err_console().print(f"    hint: {escape(visible(diag.hint))}")
        return int(exc.exit_code)
    except _SIGNALS:
        raise
    except BaseException as exc:  # noqa: BLE001 - the boundary for bugs, PanicException included
        return _internal_error(exc, args)
    return int(result or 0)


def _internal_error(exc: BaseException, args: list[str]) -> int:
    """Print the one line for a bug (and the traceback with --debug); report it; return 70."""
    from cxacq.cli.console import visible

    if _debug_requested(args):
        traceback.print_exception(exc)
    text = str(exc)
    if len(text) > _EXCERPT:
        text = text[:_EXCERPT] + "…"
    message = f"internal error: {type(exc).__name__}: {visible(text)}; rerun with --debug"
    _stderr(f"cxacq: {message}")
    try:
        _report_failure(
            [Diagnostic(path="cxacq", message=message, code="CX070")], ExitCode.INTERNAL
        )
    except Exception:  # noqa: BLE001 - the reporter itself failed; the line above stands
        pass
    return int(ExitCode.INTERNAL)


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def main() -> None:
    """Entry point of the ``cxacq`` console script.

    The process ends with its one command, so Python's cyclic garbage collector stays
    off: with it on, collections walked every object of the libraries as they were
    imported and again while a package was built, about a tenth of a render's
    processor time. A batch collects between files instead (see
    :func:`cxacq.engine.batch.collect_between_files`). At the end everything is
    frozen, so the interpreter's last collection at exit walks nothing.

    cxacq uses no Pydantic plugins, so unless the environment says otherwise Pydantic
    is told not to look for any: looking reads every installed package's entry points
    (importlib.metadata) when the first model is built.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    gc.disable()
    code = run()
    gc.freeze()
    sys.exit(code)
