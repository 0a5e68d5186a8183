"""Rules that read the package against itself: consistency and protest risk.

Each rule here looks for something a contracting officer, or a losing offeror's lawyer,
would find by reading the package closely: a fixed price that buys a team's time, data
rights nobody decided, an evaluation team without CX expertise, a selection authority who
also chose the problem, a date no one can meet, a factor with more discriminators than a
session can test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from cxacq.answers.facts import decide_facts
from cxacq.answers.model import Answers
from cxacq.guidance import Finding, Loc, rule

__all__ = ["federal_holidays", "non_business_day"]

G = "DHS CX acquisition guidance"

MAX_DISCRIMINATORS = 3
"""Evaluators cannot test more than about three discriminators per factor in one session."""

_TIME_BUYING = re.compile(
    r"\b(stable team|team is stable|same team|embedded (?:staff|team)|team's time|"
    r"level of effort|labor rates?|labor hours?|"
    r"hours|per (?:person|full-time equivalent|fte)|staff[- ]months?|person[- ]months?)\b",
    re.IGNORECASE,
)
"""Words that describe paying for a team's time rather than for a defined result."""


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """Return the ``n``-th ``weekday`` (0 is Monday) of a month; ``n = -1`` is the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: dt.date) -> dt.date:
    """Return the day a fixed-date holiday is observed: Friday for Saturday, Monday for Sunday."""
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


def federal_holidays(year: int) -> dict[dt.date, str]:
    """Return the 11 federal holidays observed in ``year`` (5 U.S.C. 6103), by observed date.

    Fixed-date holidays that fall on a Saturday are observed the Friday before and those on
    a Sunday the Monday after, as OPM sets for most federal employees. New Year's Day of the
    next year can be observed on December 31 of this one, so it is included when it is.
    """
    days = {
        _observed(dt.date(year, 1, 1)): "New Year's Day",
        _nth_weekday(year, 1, 0, 3): "Birthday of Martin Luther King, Jr.",
        _nth_weekday(year, 2, 0, 3): "Washington's Birthday",
        _nth_weekday(year, 5, 0, -1): "Memorial Day",
        _observed(dt.date(year, 6, 19)): "Juneteenth National Independence Day",
        _observed(dt.date(year, 7, 4)): "Independence Day",
        _nth_weekday(year, 9, 0, 1): "Labor Day",
        _nth_weekday(year, 10, 0, 2): "Columbus Day",
        _observed(dt.date(year, 11, 11)): "Veterans Day",
        _nth_weekday(year, 11, 3, 4): "Thanksgiving Day",
        _observed(dt.date(year, 12, 25)): "Christmas Day",
    }
    next_new_year = _observed(dt.date(year + 1, 1, 1))
    if next_new_year.year == year:
        days[next_new_year] = "New Year's Day"
    return {day: days[day] for day in sorted(days) if day.year == year}


def non_business_day(day: dt.date) -> str | None:
    """Return why ``day`` is not a federal business day ("a Saturday", a holiday), or None."""
    if day.weekday() >= 5:
        return "a Saturday" if day.weekday() == 5 else "a Sunday"
    holiday = federal_holidays(day.year).get(day)
    return f"a federal holiday ({holiday})" if holiday else None


@rule(
    "PKG-C01",
    "warning",
    "A fixed-price rationale does not describe buying a team's time",
    "{tm_determination}; {pba_policy}",
)
def _fixed_price_buys_time(a: Answers) -> Iterator[Finding]:
    acq = a.acquisition
    if not decide_facts(a).is_fixed_price:
        return
    match = _TIME_BUYING.search(acq.contract_type_rationale)
    if match:
        yield (
            ("acquisition", "contract_type_rationale"),
            (
                f'the firm-fixed-price rationale speaks of "{match.group(0)}": that describes '
                "buying a team's time (level of effort), not a defined result"
            ),
            (
                "price each iteration or deliverable by the result accepted against stated "
                "acceptance criteria, or choose labor-hour or time-and-materials with a ceiling "
                "and the determination"
            ),
        )


@rule(
    "PKG-C02",
    "warning",
    "Data rights are decided, not assumed",
    "{data_rights}; {rights_in_data_clause}",
)
def _data_rights(a: Answers) -> Iterator[Finding]:
    if not a.acquisition.data_rights:
        yield (
            ("acquisition", "data_rights"),
            (
                "the answers do not say what rights the Government needs in research data, "
                "designs and code, so the documents leave the decision to the contracting officer"
            ),
            (
                "state the rights the program needs (for example unlimited rights in research "
                "data and designs, or delivery of source code) and agree them with the "
                "contracting officer"
            ),
        )


@rule("PKG-C03", "warning", "At least half of the voting evaluators bring CX expertise", G)
def _cx_majority(a: Answers) -> Iterator[Finding]:
    voting = [e for e in a.evaluation.evaluators if e.voting]
    experts = [e for e in voting if e.cx_expertise]
    if voting and 2 * len(experts) < len(voting):
        yield (
            ("evaluation", "evaluators"),
            (
                f"only {len(experts)} of the {len(voting)} voting evaluators bring CX expertise, "
                "so the ratings of CX capability rest on a minority"
            ),
            "add a voting evaluator with CX or design expertise, or replace one",
        )


@rule(
    "PKG-C04",
    "warning",
    "The source selection authority is not also the executive sponsor",
    f"{G}; {{ssa_responsibilities}}",
)
def _ssa_sponsor(a: Answers) -> Iterator[Finding]:
    sponsor = a.people.executive_sponsor.name.strip().casefold()
    for i, e in enumerate(a.evaluation.evaluators):
        if e.role == "source_selection_authority" and e.name.strip().casefold() == sponsor:
            yield (
                ("evaluation", "evaluators", i, "name"),
                (
                    f"{e.name} is both the executive sponsor, who chose the customer need, and "
                    "the source selection authority: is the award decision independent enough?"
                ),
                (
                    "record why this is appropriate in the file, or name another official as "
                    "source selection authority"
                ),
            )


def _dated(a: Answers) -> Iterator[tuple[Loc, str, dt.date]]:
    """Yield the location, event and date of every dated milestone in the answers."""
    for i, ms in enumerate(a.acquisition.milestones):
        yield ("acquisition", "milestones", i, "date"), ms.event, ms.date
    for i, ms in enumerate(a.evaluation.schedule):
        yield ("evaluation", "schedule", i, "date"), ms.event, ms.date


@rule(
    "PKG-C05",
    "warning",
    "Releases, due dates and other milestones fall on federal business days",
    "{federal_holidays}",
)
def _business_days(a: Answers) -> Iterator[Finding]:
    for loc, event, day in _dated(a):
        why = non_business_day(day)
        if why:
            yield (
                loc,
                f"{event} is planned for {day.isoformat()}, {why}",
                "move it to a business day, so that no one loses a day to respond",
            )


@rule(
    "PKG-C06",
    "warning",
    "Each factor tests two or three discriminators",
    f"{G}; {{usds_playbook}}",
)
def _discriminator_count(a: Answers) -> Iterator[Finding]:
    for i, f in enumerate(a.evaluation.factors):
        if len(f.discriminators) > MAX_DISCRIMINATORS:
            yield (
                ("evaluation", "factors", i, "discriminators"),
                (
                    f"factor {f.id} tests {len(f.discriminators)} discriminators; evaluators "
                    f"cannot test more than {MAX_DISCRIMINATORS} well in one evaluation"
                ),
                "keep the two or three that best separate strong teams from weak ones",
            )


def _role(text: str) -> str:
    """Return a role's name for comparison: case-folded, without "(key personnel)" and spaces."""
    return " ".join(re.sub(r"\(key personnel\)", "", text, flags=re.IGNORECASE).split()).casefold()


@rule(
    "PKG-C07",
    "warning",
    "Every role required to present is key personnel",
    f"{G}; {{fc_oral_presentations}}",
)
def _presenters_are_key_personnel(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used:
        return
    key = {_role(k) for k in a.evaluation.instructions.key_personnel}
    for i, presenter in enumerate(oral.required_presenters):
        if _role(presenter) not in key:
            yield (
                ("oral_presentation", "required_presenters", i),
                (
                    f"'{presenter}' must present, but evaluation.instructions.key_personnel does "
                    "not name the role, so the person evaluated need not be the one who does "
                    "the work"
                ),
                (
                    "add the role to evaluation.instructions.key_personnel (it then needs a "
                    "resume), or take it out of required_presenters"
                ),
            )
