"""Report results: text for people, JSON for tools, GitHub annotations for CI.

Every reporter takes the finished list of :class:`FileResult` once all the work
is done. The JSON shape is documented in the README and versioned.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from cxacq.errors import Diagnostic, FileResult, Severity
from cxacq.inputs import SKIPPED
from cxacq.output import PACKAGE_STATES

__all__ = ["GITHUB_ANNOTATION_LIMIT", "JSON_VERSION", "REPORTERS", "Reporter", "summarise"]

JSON_VERSION = 1
GITHUB_ANNOTATION_LIMIT = 10  # GitHub shows at most ten annotations of a kind per step


class Reporter(Protocol):
    """Something that prints a command's results."""

    def __call__(
        self,
        command: str,
        results: Sequence[FileResult],
        extra: dict[str, object],
    ) -> None:
        """Print ``results`` of ``command``; ``extra`` holds command-specific summary data."""


def summarise(results: Sequence[FileResult]) -> dict[str, int]:
    """Count files and diagnostics by severity."""
    counts = Counter(d.severity for r in results for d in r.diagnostics)
    return {
        "files": len(results),
        "failed": sum(1 for r in results if r.exit_code != 0),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def _all(results: Sequence[FileResult]) -> list[Diagnostic]:
    return [d for r in results for d in sorted(r.diagnostics, key=Diagnostic.sort_key)]


def report_json(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> None:
    """Print one JSON object (see "JSON output" in the README)."""
    from cxacq.console import out_console

    payload = {
        "version": JSON_VERSION,
        "command": command,
        "files": [
            {
                "path": r.path,
                "ok": r.exit_code == 0,
                "exit_code": int(r.exit_code),
                "diagnostics": [
                    d.to_dict() for d in sorted(r.diagnostics, key=Diagnostic.sort_key)
                ],
                "outputs": list(r.outputs),
            }
            for r in results
        ],
        "summary": summarise(results),
        **extra,
    }
    out_console().file.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> None:
    """Print GitHub Actions workflow commands, then the overflow as plain lines."""
    from cxacq.console import out_console

    stream = out_console().file
    emitted = Counter[str]()
    overflow: list[Diagnostic] = []
    for diag in _all(results):
        level = {"error": "error", "warning": "warning", "info": "notice"}[diag.severity.value]
        if emitted[level] >= GITHUB_ANNOTATION_LIMIT:
            overflow.append(diag)
            continue
        emitted[level] += 1
        props = [f"file={_escape_property(diag.path)}"]
        if diag.line is not None:
            props.append(f"line={diag.line}")
        if diag.column is not None:
            props.append(f"col={diag.column}")
        props.append(f"title={_escape_property(diag.code)}")
        body = _one_line(diag)
        stream.write(f"::{level} {','.join(props)}::{_escape_data(body)}\n")
    for diag in overflow:
        stream.write(f"{diag.location()}: {diag.severity.value}: {_one_line(diag)}\n")
    if overflow:
        stream.write(
            f"{len(overflow)} more problem(s) not shown as annotations "
            f"(GitHub shows {GITHUB_ANNOTATION_LIMIT} of each kind per step); "
            "all are listed above.\n"
        )
    stream.write(_summary_line(command, results, extra) + "\n")


def _one_line(diag: Diagnostic) -> str:
    text = f"{diag.field}: {diag.message}" if diag.field else diag.message
    if diag.hint:
        text += f" (hint: {diag.hint})"
    if diag.citation:
        text += f" [{diag.citation}]"
    return f"{diag.code} {text}" if diag.is_rule else text


def _summary_line(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> str:
    s = summarise(results)
    files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
    documents = sum(1 for r in results for o in r.outputs if o.endswith(".docx"))
    made = f", {documents} document(s)" if documents else ""
    took = f" in {extra['seconds']:.2f} s" if isinstance(extra.get("seconds"), float | int) else ""
    states = Counter(PACKAGE_STATES[d.code] for r in results for d in r.diagnostics
                     if d.code in PACKAGE_STATES)
    if states:  # render --check: how many documents are out of date, by kind
        made += "".join(f", {states[k]} {k}" for k in PACKAGE_STATES.values() if states[k])
        made += " document(s)"
    return (
        f"cxacq {command}: {files}{made}, {s['errors']} error(s), {s['warnings']} warning(s), "
        f"{s['infos']} note(s){took}"
    )


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def report_text(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> None:
    """Print ``file:line:col: severity: field: message`` lines with hints beneath."""
    from cxacq.console import escape, out_console

    console = out_console()
    for result in results:
        diagnostics = sorted(result.diagnostics, key=Diagnostic.sort_key)
        for diag in diagnostics:
            style = _STYLE[diag.severity]
            field = f"{escape(diag.field)}: " if diag.field else ""
            code = f" [dim]{diag.code}[/]" if diag.is_rule else ""
            console.print(
                f"{escape(diag.location())}: [{style}]{diag.severity.value}[/]{code}: "
                f"{field}{escape(diag.message)}"
            )
            if diag.hint:
                console.print(f"    [dim]hint:[/] {escape(diag.hint)}")
            if diag.citation:
                console.print(f"    [dim]basis:[/] {escape(diag.citation)}")
        for line in result.notes:
            console.print(escape(line))
        if result.readiness:
            from cxacq.console import Table

            table = Table(title=f"Readiness: {result.path}", title_justify="left")
            for column in ("Area", "State", "Errors", "Warnings", "Notes"):
                table.add_column(column)
            for label, state, counts in result.readiness:
                colour = {"ready": "green", "partial": "yellow", "missing": "red"}[state]
                table.add_row(label, f"[{colour}]{state}[/]", str(counts["error"]),
                              str(counts["warning"]), str(counts["info"]))
            console.print(table)
        if result.exit_code == 0 and not any(
            d.severity == Severity.ERROR or d.code == SKIPPED for d in diagnostics
        ):
            console.print(f"[green]ok[/] {escape(result.path)}")
    console.print(_summary_line(command, results, extra))


REPORTERS: dict[str, Callable[[str, Sequence[FileResult], dict[str, object]], None]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
