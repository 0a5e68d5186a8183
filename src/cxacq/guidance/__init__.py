"""Guidance rules: checks on the answers that rest on the DHS guidance or the FAR.

Each rule has a stable code, a severity, a one-line summary and the citation it
rests on, and yields findings located at a field. ``run_rules`` turns findings
into diagnostics, drops ignored codes and findings the answers file accepts (with
a reason), and sorts them by line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from cxacq.answers.loader import Loaded, starter_data
from cxacq.answers.model import Answers
from cxacq.answers.validate import field_path
from cxacq.citations import CITATIONS, DEFAULT_EDITION, cite
from cxacq.errors import Diagnostic, OptionError, Severity
from cxacq.resources import STARTER_EXAMPLE, examples_dir

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "area_of",
    "check_rule_codes",
    "file_rule",
    "readiness",
    "readiness_areas",
    "rule",
    "run_rules",
    "suggest_code",
]

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str, str | None]  # location, message, hint


@dataclass(frozen=True)
class Rule:
    """One guidance check."""

    code: str
    severity: Severity
    summary: str
    basis: str  # "; "-separated parts: plain text or a {concept} from the citation catalogue
    area: str  # roadmap step or capacity question it bears on, for readiness
    check: Callable[[Answers], Iterable[Finding]]
    # A rule about the file as written rather than the answers it means (HYG-C01).
    check_file: Callable[[Loaded], Iterable[Finding]] | None = None

    @property
    def citation(self) -> str:
        """Return the basis as cited under the default FAR edition."""
        return self.cited(DEFAULT_EDITION)

    def cited(self, edition: str) -> str:
        """Return the basis under ``edition``; a concept with no successor is left out."""
        parts = []
        for part in self.basis.split("; "):
            if part.startswith("{") and part.endswith("}"):
                part = cite(part[1:-1], edition)
            if part:
                parts.append(part)
        return "; ".join(parts)


RULES: dict[str, Rule] = {}


def _register(item: Rule) -> None:
    for part in item.basis.split("; "):
        if part.startswith("{") and part[1:-1] not in CITATIONS:
            raise ValueError(f"rule {item.code} cites unknown concept {part}")
    if item.code in RULES:  # pragma: no cover - caught by the registry test
        raise ValueError(f"duplicate rule code {item.code}")
    RULES[item.code] = item


def rule(code: str, severity: str, summary: str, basis: str, area: str = "acquisition"):
    """Register a rule function under ``code``.

    ``basis`` is what the rule rests on: "; "-separated parts, each plain text (the
    guidance, a playbook) or a ``{concept}`` key of :data:`cxacq.citations.CITATIONS`,
    so a FAR number is never typed here.
    """

    def register(
        fn: Callable[[Answers], Iterable[Finding]],
    ) -> Callable[[Answers], Iterable[Finding]]:
        _register(Rule(code, Severity(severity), summary, basis, area, fn))
        return fn

    return register


def file_rule(code: str, severity: str, summary: str, basis: str):
    """Register a rule that reads the loaded file (its text values) under ``code``."""

    def register(
        fn: Callable[[Loaded], Iterable[Finding]],
    ) -> Callable[[Loaded], Iterable[Finding]]:
        _register(Rule(code, Severity(severity), summary, basis, "hygiene", _nothing, fn))
        return fn

    return register


def _nothing(answers: Answers) -> Iterable[Finding]:
    return ()


def check_rule_codes(codes: Iterable[str], *, option: str = "--ignore") -> tuple[str, ...]:
    """Return ``codes`` as given; an unknown code is an error naming the nearest real one.

    Raises:
        OptionError: A code is not in :data:`RULES` (a typo would otherwise skip nothing).
    """
    for code in codes:
        if code not in RULES:
            near = suggest_code(code)
            raise OptionError(
                f"no rule has the code '{code}'" + (f"; did you mean {near}?" if near else ""),
                path=option,
                hint="`cxacq rules` lists every code",
            )
    return tuple(codes)


def suggest_code(code: str) -> str | None:
    """Return the rule code closest to a mistyped ``code``, if one is close enough."""
    import difflib

    matches = difflib.get_close_matches(code.upper(), list(RULES), n=1, cutoff=0.6)
    return matches[0] if matches else None


def run_rules(
    answers: Answers,
    loaded: Loaded,
    *,
    ignore: Collection[str] = (),
) -> list[Diagnostic]:
    """Run every rule and return located diagnostics, sorted by line."""
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

    edition = answers.document.far_edition
    for item in RULES.values():
        if item.code in ignore or item.code in accepted:
            continue
        findings = item.check_file(loaded) if item.check_file else item.check(answers)
        cited = item.cited(edition)
        for loc, message, hint in findings:
            diagnostics.append(located(item.code, item.severity, loc, message, hint, cited))
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


@file_rule("HYG-C01", "warning", "Example text that `cxacq init` wrote has been replaced",
           "cxacq init")
def _example_values(loaded: Loaded) -> Iterable[Finding]:
    for loc in _unreplaced(loaded):
        yield (loc, "this is still the example value `cxacq init` wrote",
               "replace it with your program's own answer")


@rule("HYG-C02", "warning", "Every accepted finding names a real rule code", "cxacq rules",
      area="hygiene")
def _accepted_codes(answers: Answers) -> Iterable[Finding]:
    for index, finding in enumerate(answers.accepted_findings):
        if finding.code not in RULES:
            hint = "see `cxacq rules` for the codes"
            near = suggest_code(finding.code)
            if near:
                hint = f"did you mean {near}? " + hint
            yield (("accepted_findings", index, "code"),
                   f"'{finding.code}' is not a rule code, so nothing is accepted by this entry",
                   hint)


def _unreplaced(loaded: Loaded) -> list[Loc]:
    """Return where the file still holds the starter example's longer text values."""
    if Path(loaded.path).resolve() == (examples_dir() / STARTER_EXAMPLE).resolve():
        return []
    if not _may_share_starter_text(loaded.data, ()):
        return []  # nothing to compare: the starter is not parsed
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


# Runs of ASCII letters and digits. YAML writes every one of a value's runs as is, one after
# another: quoting doubles only quotes, folding and indentation change only white space, and
# only a backslash escape (in double quotes) writes a letter or digit another way.
_RUN = re.compile(r"[A-Za-z0-9]+")


@functools.cache
def _starter_runs() -> str | None:
    """Return the starter file's runs joined by spaces; None when it holds a backslash."""
    try:
        text = (examples_dir() / STARTER_EXAMPLE).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # parsing it reports the problem as before
    return None if "\\" in text else " " + " ".join(_RUN.findall(text)) + " "


def _may_share_starter_text(mine: object, loc: Loc) -> bool:
    """Return False when no distinctive text of ``mine`` can be a value of the starter.

    A value the starter holds has its runs of letters and digits, in order, somewhere in
    the starter's text, so a text whose runs are not there is not one of its values. This
    reads the starter's text, about a hundredth of the time parsing it takes.
    """
    if isinstance(mine, dict):
        return any(_may_share_starter_text(v, (*loc, k)) for k, v in mine.items())
    if isinstance(mine, list):
        return any(_may_share_starter_text(v, (*loc, i)) for i, v in enumerate(mine))
    if not isinstance(mine, str) or not _distinctive(loc, mine):
        return False
    starter, runs = _starter_runs(), _RUN.findall(mine)
    return starter is None or not runs or f" {' '.join(runs)} " in starter


AREAS = (
    ("step-1", "Roadmap 1: persistent customer need"),
    ("step-2", "Roadmap 2: inspiring vision"),
    ("step-3", "Roadmap 3: needs and help"),
    ("step-4", "Roadmap 4: research in the open"),
    ("q1", "Question 1: what great CX looks like"),
    ("q2", "Question 2: biggest challenges"),
    ("q3", "Question 3: how success is measured"),
)

# Answers sections that belong to a roadmap step or capacity question; every other section of
# the model gets a readiness row of its own, so a finding always lands on a row.
_SECTION_AREAS = {
    "customer_need": "step-1",
    "vision": "step-2",
    "needs": "step-3",
    "partners": "step-3",
    "capacity_building": "step-3",
    "research_sharing": "step-4",
    "capacity.great_cx": "q1",
    "capacity.challenges": "q2",
    "capacity.success_measures": "q3",
}


def readiness_areas() -> list[tuple[str, str]]:
    """Return every readiness row as (key, label): the roadmap, the questions, each section."""
    sections = [
        (name, name.replace("_", " ").capitalize())
        for name in Answers.model_fields
        if name != "schema_version" and name not in _SECTION_AREAS and name != "capacity"
    ]
    return [*AREAS, *sections]


def area_of(diag: Diagnostic) -> str:
    """Return the readiness row a finding counts against (see :func:`readiness_areas`)."""
    import re

    item = RULES.get(diag.code)
    if item is not None and item.area in dict(AREAS):
        return item.area
    parts = re.split(r"[.\[]", diag.field or "")
    for key in (".".join(parts[:2]), parts[0]):
        if key in _SECTION_AREAS:
            return _SECTION_AREAS[key]
    if parts[0] == "capacity":
        return "q1"
    return parts[0] if parts[0] in Answers.model_fields else "document"


def readiness(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, dict[str, int]]]:
    """Return (area, ready/partial/missing, counts by severity) for every readiness row.

    The rows are the four roadmap steps, the three capacity questions and every other
    section of the answers, so that no finding is left without a row.
    """
    areas = readiness_areas()
    by_area: dict[str, dict[str, int]] = {
        key: {"error": 0, "warning": 0, "info": 0} for key, _ in areas
    }
    for diag in diagnostics:
        by_area[area_of(diag)][diag.severity.value] += 1
    rows = []
    for key, label in areas:
        counts = by_area[key]
        state = "missing" if counts["error"] else "partial" if counts["warning"] else "ready"
        rows.append((label, state, counts))
    return rows


# Imported last on purpose: the rule modules import ``rule`` and ``Finding`` from this module,
# and importing them is what registers their rules in RULES.
from cxacq.guidance import (  # noqa: E402,F401  (registers the rules)
    bpa,
    consistency,
    cost,
    evaluation,
    integrity,
    need,
    oral,
    protest,
    qasp,
    strategy,
    todo,
    trace,
)
