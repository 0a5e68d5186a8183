"""Errors, exit codes and diagnostics: the contract between the core and the CLI.

The core never prints and never exits. It returns results that carry
:class:`Diagnostic` objects, or raises a :class:`CxacqError` subclass; the CLI's
single error boundary turns either into text and an :class:`ExitCode`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "AnswersInvalid",
    "CxacqError",
    "EXIT_MEANINGS",
    "EXIT_PRECEDENCE",
    "Diagnostic",
    "ExitCode",
    "FileResult",
    "InputError",
    "Interrupted",
    "OptionError",
    "OutputError",
    "Severity",
    "TemplateError",
    "worst_exit_code",
]


class ExitCode(enum.IntEnum):
    """Process exit codes; CI scripts depend on them, so keep them stable."""

    OK = 0
    # an answers file is unreadable or invalid, a guidance rule failed, or outputs are stale
    INPUT = 1
    USAGE = 2  # bad options or arguments (Click's own code, reused for OptionError)
    TEMPLATE = 3  # a template, template directory or reference document is broken or missing
    OUTPUT = 4  # an output could not be written; nothing was half-written
    INTERNAL = 70  # a bug in cxacq (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM), e.g. a CI job cancelled


# The one exit policy. A run over many files exits with the first code in this order that any
# file (or the run itself) ended with: an interrupted run is unfinished whatever else happened;
# a bug outranks any finding; a usage error means the whole invocation was wrong; then a failed
# write, a broken template or reference, and last a problem in one answers file.
EXIT_PRECEDENCE: tuple[ExitCode, ...] = (
    ExitCode.TERMINATED,
    ExitCode.INTERRUPTED,
    ExitCode.INTERNAL,
    ExitCode.USAGE,
    ExitCode.OUTPUT,
    ExitCode.TEMPLATE,
    ExitCode.INPUT,
    ExitCode.OK,
)

# What each code means, in the words of the README's exit-code table (a test compares them).
EXIT_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "Success.",
    ExitCode.INPUT: (
        "An input problem: an answers file is missing, unreadable or invalid; a folder or "
        "glob holds no answers file; two inputs would share a package folder; a guidance "
        "check failed; or `render --check` found missing, stale, extra or hand-edited outputs."
    ),
    ExitCode.USAGE: (
        "A usage error: unknown command, option or rule code, missing argument, or a bad "
        "`SOURCE_DATE_EPOCH`."
    ),
    ExitCode.TEMPLATE: "A template, template directory or reference document is broken or missing.",
    ExitCode.OUTPUT: (
        "An output could not be written (read-only folder, disk full, file exists, or a "
        "document edited by hand that `render` would replace without `--force`); nothing was "
        "half-written."
    ),
    ExitCode.INTERNAL: (
        "An internal error in cxacq: one line on stderr; rerun with `--debug` for the "
        "traceback."
    ),
    ExitCode.INTERRUPTED: "Interrupted (Ctrl-C, SIGINT): no package was written after the signal.",
    ExitCode.TERMINATED: (
        "Terminated (SIGTERM, e.g. a cancelled CI job): no package was written after the "
        "signal."
    ),
}


def worst_exit_code(codes: Iterable[int]) -> ExitCode:
    """Return the code a run exits with: the first of :data:`EXIT_PRECEDENCE` among ``codes``."""
    present = {int(code) for code in codes}
    return next((code for code in EXIT_PRECEDENCE if code in present), ExitCode.OK)


class Severity(enum.StrEnum):
    """How serious a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return a sortable weight: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=False)
class Diagnostic:
    """One problem found in one file, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # dotted path, e.g. evaluation.factors[2].name
    code: str = "CX000"
    severity: Severity = Severity.ERROR
    hint: str | None = None
    citation: str | None = None

    def sort_key(self) -> tuple[str, int, int, int, str]:
        """Order by file, then line, column and severity.

        Ties keep the order they were found in (sorting is stable), so fields
        missing at one place are listed in the model's order.
        """
        return (
            self.path,
            self.line if self.line is not None else 0,
            self.column if self.column is not None else 0,
            self.severity.rank,
            "",
        )

    @property
    def is_rule(self) -> bool:
        """Return True for a guidance-rule finding (codes outside the CX range)."""
        return not self.code.startswith("CX")

    def location(self) -> str:
        """Return ``file:line:col`` (as much of it as is known)."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def to_dict(self) -> dict[str, object]:
        """Return the stable JSON shape documented in the README."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "citation": self.citation,
        }


class CxacqError(Exception):
    """Root of every error cxacq raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        diagnostics: list[Diagnostic] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.hint = hint
        self.diagnostics: list[Diagnostic] = list(diagnostics or [])

    def to_diagnostics(self) -> list[Diagnostic]:
        """Return this error as diagnostics (its own list, or one built from it)."""
        if self.diagnostics:
            return list(self.diagnostics)
        return [
            Diagnostic(
                path=self.path or "cxacq",
                message=self.message,
                line=self.line,
                column=self.column,
                field=self.field,
                code=self.code,
                hint=self.hint,
            )
        ]

    @property
    def code(self) -> str:
        """Return a short stable code for this kind of error."""
        return _CODES.get(type(self).__name__, "CX000")

    def __str__(self) -> str:
        where = Diagnostic(path=self.path or "", message="", line=self.line, column=self.column)
        prefix = f"{where.location()}: " if self.path else ""
        field_part = f"{self.field}: " if self.field else ""
        return f"{prefix}{field_part}{self.message}"


class InputError(CxacqError):
    """An input file is missing, unreadable, undecodable or not valid YAML."""

    exit_code = ExitCode.INPUT


class AnswersInvalid(CxacqError):
    """The answers file does not match the answers model."""

    exit_code = ExitCode.INPUT


class TemplateError(CxacqError):
    """A template, its Markdown, or the reference document is broken."""

    exit_code = ExitCode.TEMPLATE


class OutputError(CxacqError):
    """An output file or directory could not be written."""

    exit_code = ExitCode.OUTPUT


class OptionError(CxacqError):
    """A combination of options that only the core can judge is wrong."""

    exit_code = ExitCode.USAGE


class Interrupted(CxacqError):
    """The user stopped the work (Ctrl-C) before it was written."""

    exit_code = ExitCode.INTERRUPTED


_CODES = {
    "InputError": "CX001",
    "AnswersInvalid": "CX002",
    "TemplateError": "CX003",
    "OutputError": "CX004",
    "OptionError": "CX005",
    "Interrupted": "CX006",
}


@dataclass
class FileResult:
    """What happened to one input file: its diagnostics and anything it produced."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: ExitCode = ExitCode.OK
    outputs: list[str] = field(default_factory=list)  # files written or checked
    notes: list[str] = field(default_factory=list)  # extra lines for the text report
    readiness: list[tuple[str, str, dict[str, int]]] = field(default_factory=list)
    # render: each document written, {kind, path, audience, marking} (cxacq.documents.catalog)
    documents: list[dict[str, str | None]] = field(default_factory=list)
