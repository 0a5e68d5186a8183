"""Report results: text for people, JSON for tools, GitHub annotations for CI.

Every reporter takes the finished list of :class:`FileResult` once all the work
is done. The JSON shape is documented in the README and versioned.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from cxacq.answers.inputs import SKIPPED
from cxacq.engine.output import PACKAGE_STATES
from cxacq.errors import Diagnostic, FileResult, Severity

if TYPE_CHECKING:
    from cxacq.engine.completeness import PackagePlan
    from cxacq.guidance import Rule

__all__ = [
    "EXAMPLE_VALUE_CODE",
    "GITHUB_ANNOTATION_LIMIT",
    "JSON_VERSION",
    "REPORTERS",
    "Reporter",
    "group_example_values",
    "print_documents",
    "print_rules",
    "readiness_headline",
    "summarize",
]

JSON_VERSION = 1
GITHUB_ANNOTATION_LIMIT = 10  # GitHub shows at most ten annotations of a kind per step
EXAMPLE_VALUE_CODE = "HYG-C01"  # "still the example value": many per file, grouped by section


class Reporter(Protocol):
    """Something that prints a command's results."""

    def __call__(
        self,
        command: str,
        results: Sequence[FileResult],
        extra: dict[str, object],
    ) -> None:
        """Print ``results`` of ``command``; ``extra`` holds command-specific summary data."""


def summarize(results: Sequence[FileResult]) -> dict[str, int]:
    """Count files and diagnostics by severity."""
    counts = Counter(d.severity for r in results for d in r.diagnostics)
    return {
        "files": len(results),
        "failed": sum(1 for r in results if r.exit_code != 0),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def _ordered(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Return one file's diagnostics errors first, then warnings, then notes, each by line."""
    return sorted(diagnostics, key=lambda d: (d.severity.rank, *Diagnostic.sort_key(d)))


def _all(results: Sequence[FileResult]) -> list[Diagnostic]:
    """Return every diagnostic, errors of every file before any warning (annotation slots)."""
    return sorted(
        (d for r in results for d in r.diagnostics),
        key=lambda d: (d.severity.rank, *Diagnostic.sort_key(d)),
    )


def _section(field: str | None) -> str:
    return re.split(r"[.\[]", field or "")[0]


def group_example_values(results: Sequence[FileResult]) -> list[FileResult]:
    """Fold each section's "still the example value" findings into one (``--verbose`` skips this).

    A fresh starter file holds dozens of them; one line per section keeps the errors and
    the other findings in view. JSON output always lists each one.
    """
    grouped: list[FileResult] = []
    for result in results:
        examples = [d for d in result.diagnostics if d.code == EXAMPLE_VALUE_CODE]
        if len(examples) <= 1:
            grouped.append(result)
            continue
        sections: dict[str, list[Diagnostic]] = {}
        for diag in sorted(examples, key=Diagnostic.sort_key):
            sections.setdefault(_section(diag.field), []).append(diag)
        folded = []
        for section, items in sections.items():
            if len(items) == 1:
                folded.append(items[0])
                continue
            first, last = items[0], items[-1]
            lines = f" (lines {first.line} to {last.line})" if first.line and last.line else ""
            folded.append(dataclasses.replace(
                first,
                field=section,
                column=None,
                message=f"{len(items)} values here are still the example values `cxacq init` "
                f"wrote{lines}",
                hint="replace them with your program's own answers; --verbose lists each",
            ))
        others = [d for d in result.diagnostics if d.code != EXAMPLE_VALUE_CODE]
        grouped.append(dataclasses.replace(result, diagnostics=others + folded))
    return grouped


def report_json(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> None:
    """Print one JSON object (see "JSON output" in the README)."""
    from cxacq.cli.console import out_console

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
                **({"documents": list(r.documents)} if command == "render" else {}),
            }
            for r in results
        ],
        "summary": summarize(results),
        **extra,
    }
    out_console().file.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plain(text: str) -> str:
    """Escape a plain line so that GitHub can never read it as a workflow command.

    The runner takes any line that starts with ``::`` (after leading blanks) as a command;
    line breaks are escaped, so a file name cannot start a new line either.
    """
    line = _escape_data(text)
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[: len(line) - len(stripped)] + "%3A" + stripped[1:]
    return line


def report_github(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> None:
    """Print GitHub Actions workflow commands, then the overflow as plain lines.

    Errors take the annotation slots first; every line written is escaped by the
    workflow-command rules, so no value or file name can forge a command.
    """
    from cxacq.cli.console import out_console

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
        stream.write(_plain(f"{diag.location()}: {diag.severity.value}: {_one_line(diag)}") + "\n")
    if overflow:
        stream.write(
            f"{len(overflow)} more problem(s) not shown as annotations "
            f"(GitHub shows {GITHUB_ANNOTATION_LIMIT} of each kind per step); "
            "all are listed above.\n"
        )
    for result in results:
        for note in result.notes:
            stream.write(_plain(note) + "\n")
    stream.write(_plain(_summary_line(command, results, extra)) + "\n")


def _one_line(diag: Diagnostic) -> str:
    text = f"{diag.field}: {diag.message}" if diag.field else diag.message
    if diag.hint:
        text += f" (hint: {diag.hint})"
    if diag.citation:
        text += f" [{diag.citation}]"
    return f"{diag.code} {text}" if diag.is_rule else text


def _summary_line(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> str:
    s = summarize(results)
    files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
    documents = sum(1 for r in results for o in r.outputs if o.endswith((".docx", ".xlsx")))
    made = f", {documents} document(s)" if documents else ""
    took = f" in {extra['seconds']:.2f} s" if isinstance(extra.get("seconds"), float | int) else ""
    states = Counter(PACKAGE_STATES[d.code] for r in results for d in r.diagnostics
                     if d.code in PACKAGE_STATES and d.severity == Severity.ERROR)
    if states:  # render --check: how many documents are out of date, by kind
        made += "".join(f", {states[k]} {k}" for k in PACKAGE_STATES.values() if states[k])
        made += " document(s)"
    unblocked = sum(
        1 for r in results if r.exit_code == 0
        for d in r.diagnostics if d.is_rule and d.severity == Severity.ERROR
    )
    kept = (
        f" ({unblocked} guidance error(s); documents rendered anyway; --strict refuses)"
        if command == "render" and unblocked else ""
    )
    return (
        f"cxacq {command}: {files}{made}, {s['errors']} error(s){kept}, "
        f"{s['warnings']} warning(s), {s['infos']} note(s){took}"
    )


def readiness_headline(result: FileResult) -> str:
    """Return the readiness table's first line: what blocks the package, area by area.

    A package is never called ready while ``check`` fails: with ``--strict`` the
    warnings that fail it are what blocks it.
    """
    rows = result.readiness
    errors = sum(c["error"] for _, _, c in rows)
    warnings = sum(c["warning"] for _, _, c in rows)
    if errors:
        state, kind, total, why = "Not ready", "error", errors, ""
    elif result.exit_code != 0 and warnings:
        state, kind, total, why = "Not ready", "warning", warnings, " (--strict)"
    elif result.exit_code != 0:
        return "Not ready"
    elif warnings:
        state, kind, total, why = "No errors", "warning", warnings, " to review"
    else:
        return "Ready"
    areas = sorted(
        ((label, c[kind]) for label, _, c in rows if c[kind]), key=lambda item: -item[1]
    )
    noun = kind if total == 1 else f"{kind}s"
    return f"{state}: {total} {noun}{why} — " + ", ".join(f"{a} {n}" for a, n in areas)


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def report_text(command: str, results: Sequence[FileResult], extra: dict[str, object]) -> None:
    """Print ``file:line:col: severity: field: message`` lines with hints beneath.

    Each file's errors come first; the summary line comes last. Control characters in
    any value or file name are shown escaped (see :func:`cxacq.cli.console.visible`).
    """
    from cxacq.cli.console import escape, out_console, visible

    def safe(text: str) -> str:
        return escape(visible(text))

    console = out_console()
    for result in results:
        diagnostics = _ordered(result.diagnostics)
        for diag in diagnostics:
            style = _STYLE[diag.severity]
            field = f"{safe(diag.field)}: " if diag.field else ""
            code = f" [dim]{safe(diag.code)}[/]" if diag.is_rule else ""
            console.print(
                f"{safe(diag.location())}: [{style}]{diag.severity.value}[/]{code}: "
                f"{field}{escape(visible(diag.message, keep_newlines=True))}"
            )
            if diag.hint:
                console.print(f"    [dim]hint:[/] {escape(visible(diag.hint, keep_newlines=True))}")
            if diag.citation:
                console.print(f"    [dim]basis:[/] {safe(diag.citation)}")
        for line in result.notes:
            console.print(safe(line))
        if result.readiness:
            from cxacq.cli.console import Table

            table = Table(
                title=f"Readiness of {safe(result.path)}: {readiness_headline(result)}",
                title_justify="left",
            )
            for column in ("Area", "State", "Errors", "Warnings", "Notes"):
                table.add_column(column)
            for label, state, counts in result.readiness:
                color = {"ready": "green", "partial": "yellow", "missing": "red"}[state]
                table.add_row(label, f"[{color}]{state}[/]", str(counts["error"]),
                              str(counts["warning"]), str(counts["info"]))
            console.print(table)
        if result.exit_code == 0 and not any(
            d.severity == Severity.ERROR or d.code == SKIPPED for d in diagnostics
        ):
            console.print(f"[green]ok[/] {safe(result.path)}")
    console.print(safe(_summary_line(command, results, extra)))


def print_rules(rules: Sequence[Rule], fmt: str, *, explain: bool = False) -> None:
    """Print guidance rules: a table with a header, one rule explained, or JSON for tools."""
    from cxacq.cli.console import out_console

    stream = out_console().file
    rows = [
        {"code": r.code, "severity": r.severity.value, "summary": r.summary,
         "basis": r.citation, "area": r.area}
        for r in rules
    ]
    if fmt == "json":
        payload = {"version": JSON_VERSION, "command": "rules", "rules": rows}
        stream.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    elif explain:
        (row,) = rows
        stream.write(
            f"{row['code']} ({row['severity']}): {row['summary']}\n"
            f"Basis: {row['basis']}\n"
            f"Skip it for one run with --ignore {row['code']}, or accept it in the answers "
            "file under accepted_findings with a reason.\n"
        )
    else:
        stream.write("Code\tSeverity\tRule\tBasis\n")
        for row in rows:
            stream.write(f"{row['code']}\t{row['severity']}\t{row['summary']}\t{row['basis']}\n")


def _plan_dict(result: FileResult, plan: PackagePlan | None) -> dict[str, object]:
    entry: dict[str, object] = {
        "path": result.path,
        "ok": result.exit_code == 0,
        "exit_code": int(result.exit_code),
        "diagnostics": [d.to_dict() for d in sorted(result.diagnostics, key=Diagnostic.sort_key)],
    }
    if plan is not None:
        entry["far_edition"] = plan.edition
        entry["documents"] = [
            {"kind": d.kind.key, "file": d.kind.file_name, "title": d.kind.title,
             "audience": d.kind.audience, "included": d.included, "reason": d.reason}
            for d in plan.decisions
        ]
        entry["also_needed"] = [r.to_dict() for r in plan.requirements]
    return entry


def print_documents(
    planned: Sequence[tuple[FileResult, PackagePlan | None]], fmt: str
) -> None:
    """Print ``cxacq documents``: documents in or out and why, then the completeness map.

    Text is a table of each for people; JSON is one object for tools.
    """
    from cxacq.cli.console import Table, escape, out_console, visible

    console = out_console()
    results = [result for result, _ in planned]
    if fmt == "json":
        payload = {
            "version": JSON_VERSION,
            "command": "documents",
            "files": [_plan_dict(result, plan) for result, plan in planned],
            "summary": summarize(results),
        }
        console.file.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return

    def safe(text: str) -> str:
        return escape(visible(text))

    for result, plan in planned:
        for diag in _ordered(result.diagnostics):
            field = f"{safe(diag.field)}: " if diag.field else ""
            console.print(f"{safe(diag.location())}: [{_STYLE[diag.severity]}]"
                          f"{diag.severity.value}[/]: {field}{safe(diag.message)}")
        if plan is None:
            continue
        table = Table(title=f"Package from {safe(result.path)}", title_justify="left")
        for column in ("Document", "For", "In package", "Why"):
            table.add_column(column)
        for d in plan.decisions:
            table.add_row(safe(d.kind.title), d.kind.audience,
                          "[green]yes[/]" if d.included else "[dim]no[/]",
                          safe(d.reason if d.included else f"not needed: {d.reason}"))
        console.print(table)
        needed = Table(
            title=f"Also needed in the contract file (FAR edition: {plan.edition})",
            title_justify="left",
        )
        for column in ("Document or approval", "Basis", "In package", "Why"):
            needed.add_column(column)
        for r in plan.requirements:
            needed.add_row(safe(r.title), safe(r.basis), safe(r.written_by or "no"),
                           safe(r.reason))
        console.print(needed)
    s = summarize(results)
    console.print(f"cxacq documents: {s['files']} file{'s' if s['files'] != 1 else ''}, "
                  f"{s['errors']} error(s)")


REPORTERS: dict[str, Callable[[str, Sequence[FileResult], dict[str, object]], None]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
