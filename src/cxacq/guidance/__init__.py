"""Guidance rules: checks on the answers that rest on the DHS guidance or the FAR.

Each rule has a stable code, a severity, a one-line summary and the citation it
rests on, and yields findings located at a field. ``run_rules`` turns findings
into diagnostics, drops ignored codes and findings the answers file accepts (with
a reason), and sorts them by line.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from cxacq.errors import Diagnostic, Severity
from cxacq.loader import Loaded
from cxacq.model import Answers

__all__ = ["RULES", "Finding", "Rule", "file_rule", "readiness", "rule", "run_rules"]

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str, str | None]  # location, message, hint


@dataclass(frozen=True)
class Rule:
    """One guidance check."""

    code: str
    severity: Severity
    summary: str
    citation: str
    area: str  # roadmap step or capacity question it bears on, for readiness
    check: Callable[[Answers], Iterable[Finding]]
    # A rule about the file as written rather than the answers it means (HYG-C01).
    check_file: Callable[[Loaded], Iterable[Finding]] | None = None


RULES: dict[str, Rule] = {}


def _register(item: Rule) -> None:
    if item.code in RULES:  # pragma: no cover - caught by the registry test
        raise ValueError(f"duplicate rule code {item.code}")
    RULES[item.code] = item


def rule(code: str, severity: str, summary: str, citation: str, area: str = "acquisition"):
    """Register a rule function under ``code``."""

    def register(
        fn: Callable[[Answers], Iterable[Finding]],
    ) -> Callable[[Answers], Iterable[Finding]]:
        if code in RULES:  # pragma: no cover - caught by the registry test
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, Severity(severity), summary, citation, area, fn)
        return fn

    return register


def file_rule(code: str, severity: str, summary: str, citation: str):
    """Register a rule that reads the loaded file (its text values) under ``code``."""

    def register(
        fn: Callable[[Loaded], Iterable[Finding]],
    ) -> Callable[[Loaded], Iterable[Finding]]:
        _register(Rule(code, Severity(severity), summary, citation, "hygiene", _nothing, fn))
        return fn

    return register


def _nothing(answers: Answers) -> Iterable[Finding]:
    return ()


def run_rules(
    answers: Answers,
    loaded: Loaded,
    *,
    ignore: Collection[str] = (),
) -> list[Diagnostic]:
    """Run every rule and return located diagnostics, sorted by line."""
    from cxacq.validate import field_path

    accepted = {item.code for item in answers.accepted_findings}
    diagnostics: list[Diagnostic] = []

    def located(
        code: str,
        severity: Severity,
        loc: Loc,
        message: str,
        hint: str | None,
        citation: str,
    ) -> Diagnostic:
        position = loaded.position_of(loc)
        return Diagnostic(
            path=loaded.path, message=message, line=position[0] if position else None,
            column=position[1] if position else None, field=field_path(loc), code=code,
            severity=severity, hint=hint, citation=citation,
        )

    for item in RULES.values():
        if item.code in ignore or item.code in accepted:
            continue
        findings = item.check_file(loaded) if item.check_file else item.check(answers)
        for loc, message, hint in findings:
            diagnostics.append(located(item.code, item.severity, loc, message, hint, item.citation))
    if "HYG-C01" not in ignore and "HYG-C01" not in accepted:
        for loc in _unreplaced(loaded):
            diagnostics.append(located(
                "HYG-C01",
                Severity.WARNING,
                loc,
                "this is still the example value `cxacq init` wrote",
                "replace it with your program's own answer",
                "cxacq init",
            ))
    for index, finding in enumerate(answers.accepted_findings):
        if finding.code not in RULES:
            diagnostics.append(located(
                "HYG-C02", Severity.WARNING, ("accepted_findings", index, "code"),
                f"'{finding.code}' is not a rule code, so nothing is accepted by this entry",
                "see `cxacq rules` for the codes", "cxacq",
            ))
    return sorted(diagnostics, key=Diagnostic.sort_key)


_DISTINCTIVE = {
    "program", "customer_need", "discovery", "vision", "capacity", "needs",
    "capacity_building", "research_sharing", "oral_presentation",
}


def _distinctive(loc: Loc, text: str) -> bool:
    """Return True for example text no other program would share word for word."""
    if loc and loc[0] == "people" and loc[-1] in ("name", "email", "commitment"):
        return True
    return bool(loc) and loc[0] in _DISTINCTIVE and len(text.split()) >= 6


def _unreplaced(loaded: Loaded) -> list[Loc]:
    """Return where the file still holds the starter example's longer text values."""
    from pathlib import Path

    from cxacq.resources import examples_dir
    from cxacq.scaffold import STARTER_EXAMPLE, starter_data

    if Path(loaded.path).resolve() == (examples_dir() / STARTER_EXAMPLE).resolve():
        return []
    found: list[Loc] = []

    def walk(mine: object, theirs: object, loc: Loc) -> None:
        if isinstance(mine, dict) and isinstance(theirs, dict):
            for key, value in mine.items():
                if key in theirs:
                    walk(value, theirs[key], (*loc, key))
        elif isinstance(mine, list) and isinstance(theirs, list):
            for index, (value, other) in enumerate(zip(mine, theirs, strict=False)):
                walk(value, other, (*loc, index))
        elif isinstance(mine, str) and mine == theirs and _distinctive(loc, mine):
            found.append(loc)

    walk(loaded.data, starter_data(), ())
    return found


AREAS = (
    ("step-1", "Roadmap 1: persistent customer need"),
    ("step-2", "Roadmap 2: inspiring vision"),
    ("step-3", "Roadmap 3: needs and help"),
    ("step-4", "Roadmap 4: research in the open"),
    ("q1", "Question 1: what great CX looks like"),
    ("q2", "Question 2: biggest challenges"),
    ("q3", "Question 3: how success is measured"),
)


def readiness(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, dict[str, int]]]:
    """Return (area, ready/partial/missing, counts by severity) for the roadmap and questions."""
    by_area: dict[str, dict[str, int]] = {
        key: {"error": 0, "warning": 0, "info": 0} for key, _ in AREAS
    }
    for diag in diagnostics:
        item = RULES.get(diag.code)
        if item is not None and item.area in by_area:
            by_area[item.area][diag.severity.value] += 1
    rows = []
    for key, label in AREAS:
        counts = by_area[key]
        state = "missing" if counts["error"] else "partial" if counts["warning"] else "ready"
        rows.append((label, state, counts))
    return rows




# Imported last on purpose: the rule modules import ``rule`` and ``Finding`` from this module,
# and importing them is what registers their rules in RULES.
from cxacq.guidance import evaluation, need, strategy, todo  # noqa: E402,F401  (registers rules)
