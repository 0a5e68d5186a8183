"""The command line: thin adapters over the core, and the single error boundary.

Each command turns options into arguments, calls one core function, hands the
results to a reporter and exits with an :class:`~cxacq.errors.ExitCode`. Nothing
here knows about YAML, Jinja or Word.
"""

from __future__ import annotations

import enum
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

try:  # typer 0.2x vendors its own copy of click; older releases use click itself
    from typer._click.exceptions import ClickException as _ClickException
except ImportError:  # pragma: no cover - depends on the installed typer
    from click.exceptions import ClickException as _ClickException

from cxacq import __version__
from cxacq.errors import CxacqError, ExitCode

_ABORT = (typer.Abort, KeyboardInterrupt)

__all__ = ["app", "main", "run"]

app = typer.Typer(
    name="cxacq",
    help=(
        "Turn a program office's answers about its customer-experience need into a DHS CX "
        "acquisition package in Word: an acquisition strategy, an evaluation plan with CX "
        "discriminators, and an oral-presentation scenario."
    ),
    add_completion=False,
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


JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes to use (default: one per CPU; 1 = sequential).",
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
    from cxacq.batch import default_jobs

    return jobs if jobs is not None else default_jobs()


def _report(
    fmt: OutputFormat,
    command: str,
    results: list,
    extra: dict[str, object],
    start: float,
) -> None:
    import time

    from cxacq.reporter import REPORTERS

    extra = {**extra, "seconds": round(time.perf_counter() - start, 2)}
    REPORTERS[fmt.value](command, results, extra)


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


# The interview's sections (cxacq.interview.engine.SECTIONS), named here so that `--help`
# needs no import of the interview; test_interview checks the two agree.
INTERVIEW_SECTIONS = (
    "document", "program", "people", "customer_need", "discovery", "vision", "capacity",
    "needs", "support_model", "partners", "capacity_building", "research_sharing", "funding",
    "market_research", "acquisition", "compliance", "evaluation", "oral_presentation",
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
    from cxacq.console import err_console, escape, interview_console
    from cxacq.errors import OptionError
    from cxacq.scaffold import DEFAULT_ANSWERS_NAME, init_answers

    if interactive and no_input:
        raise OptionError("--interactive and --no-input cannot be used together")
    target = path or Path(DEFAULT_ANSWERS_NAME)
    asked = quick or resume or section is not None
    if (interactive or asked) and no_input:
        raise OptionError("--quick, --section and --resume interview; --no-input never asks")
    if interactive or asked or (not no_input and path is None and sys.stdin.isatty()):
        from cxacq.interview import interview_answers

        if sys.stdin.isatty():
            import readline  # noqa: F401 - line editing for input() on a terminal
        written = interview_answers(
            target, console=interview_console(), read=input, echo=not sys.stdin.isatty(),
            source=source, force=force, quick=quick, section=section, resume=resume,
            pending=_stdin_pending if sys.stdin.isatty() else lambda: False,
        )
        raise typer.Exit(0 if written else 1)
    written = init_answers(target, force=force, source=source)
    for item in written:
        err_console().print(f"wrote {escape(str(item))}")
    err_console().print(
        f"Next: edit {escape(str(target))}, then run `cxacq validate {escape(str(target))}`."
    )


@app.command()
def validate(
    paths: PathsArgument,
    output_format: FormatOption = OutputFormat.text,
    jobs: JobsOption = None,
    shard: ShardOption = None,
) -> None:
    """Check answers files against the answers model; report every problem with its line.

    Exit code 0 when every file is valid, 1 when any is not.

    Example: cxacq validate examples/
    """
    import time

    from cxacq.pipeline import validate_files, worst_exit

    start = time.perf_counter()
    results = validate_files(paths, jobs=_jobs(jobs), shard=shard)
    _report(output_format, "validate", results, {}, start)
    raise typer.Exit(int(worst_exit(results)))


IgnoreOption = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Skip a rule by code (repeatable), e.g. --ignore ORAL-C05."),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")]


@app.command()
def check(
    paths: PathsArgument,
    ignore: IgnoreOption = None,
    strict: StrictOption = False,
    output_format: FormatOption = OutputFormat.text,
    jobs: JobsOption = None,
    shard: ShardOption = None,
) -> None:
    """Check answers against the DHS CX guidance and the FAR; show each package's readiness.

    Each finding has a code, a severity, the field with its line, a hint and the rule it
    rests on. Exit 0 when there are no errors (no warnings either, with --strict), else 1.
    Accept a finding on purpose in the answers file under accepted_findings, with a reason.

    Example: cxacq check examples/ --strict
    """
    import time

    from cxacq.pipeline import check_files, worst_exit

    start = time.perf_counter()
    results = check_files(
        paths, ignore=tuple(ignore or ()), strict=strict, jobs=_jobs(jobs), shard=shard
    )
    _report(output_format, "check", results, {}, start)
    raise typer.Exit(int(worst_exit(results)))


@app.command()
def rules() -> None:
    """List every guidance rule with its code, severity, summary and basis.

    Example: cxacq rules
    """
    from cxacq.guidance import RULES

    for item in sorted(RULES.values(), key=lambda r: r.code):
        typer.echo(f"{item.code}\t{item.severity.value}\t{item.summary}\t{item.citation}")


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
        typer.Option("--check", help="Write nothing; exit 1 if any output is missing or stale."),
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
    output_format: FormatOption = OutputFormat.text,
    jobs: JobsOption = None,
    shard: ShardOption = None,
) -> None:
    """Render each answers file into OUT/<file name>/: strategy, evaluation plan, scenario.

    Every package is built in memory and checked first; files are then written all
    together or not at all, so a failure never leaves a half-written package.

    Example: cxacq render examples/uscis-work-authorization.yaml --out out
    """
    import time

    from cxacq.pipeline import render_files, worst_exit

    start = time.perf_counter()
    formats = ("docx", "markdown") if markdown else ("docx",)
    import contextlib

    from cxacq.console import progress_bar

    with contextlib.ExitStack() as stack:

        def begin(total: int) -> Callable[[], None]:
            bar, tick = progress_bar(total, "Rendering packages")
            stack.enter_context(bar)  # type: ignore[arg-type]
            return tick

        results = render_files(
            paths, out, formats=formats, templates=templates, reference=reference_docx,
            check_only=check, strict=strict, jobs=_jobs(jobs), shard=shard, on_start=begin,
            pdf=pdf, pdf_timeout=pdf_timeout,
        )
    for result in results:
        if not check:
            result.notes.extend(f"wrote {item}" for item in result.outputs)
    extra: dict[str, object] = {}
    if check and any(r.notes for r in results):
        command = (
            "cxacq render "
            + " ".join(paths)
            + f" --out {out}"
            + (" --markdown" if markdown else "")
        )
        for result in results:
            if result.notes:
                result.notes.append(f"regenerate with: {command}")
        extra["regenerate"] = command
    _report(output_format, "render", results, extra, start)
    raise typer.Exit(int(worst_exit(results)))


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
    from cxacq.schema import answers_json_schema_text

    text = answers_json_schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    from cxacq.atomic import write_text_file

    write_text_file(output, text)


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("CXACQ_DEBUG", "") not in ("", "0")


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (the single error boundary)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="cxacq", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except _ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except _ABORT:
        _stderr("cxacq: interrupted; nothing was left half-written")
        return int(ExitCode.INTERRUPTED)
    except CxacqError as exc:
        from cxacq.console import err_console, escape

        for diag in exc.to_diagnostics():
            field = f"{diag.field}: " if diag.field else ""
            err_console().print(f"{escape(diag.location())}: error: {field}{escape(diag.message)}")
            if diag.hint:
                err_console().print(f"    hint: {escape(diag.hint)}")
        return int(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - the boundary for bugs
        if _debug_requested(args):
            traceback.print_exc()
        _stderr(f"cxacq: internal error: {type(exc).__name__}: {exc}; rerun with --debug")
        return int(ExitCode.INTERNAL)
    return int(result or 0)


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def main() -> None:
    """Entry point of the ``cxacq`` console script."""
    sys.exit(run())
