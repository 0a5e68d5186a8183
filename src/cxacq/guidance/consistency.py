"""Rules that read the answers against themselves: one date, one count, one window everywhere.

The package prints the same fact in several documents from different answers: the proposal
deadline from ``evaluation.instructions.deadline`` in the instructions and from a milestone in
the acquisition plan; the presentation dates from ``oral_presentation.dates`` in the oral
documents and from milestones in the plan and the evaluation schedule. When the answers
disagree, so do the documents. Each finding names the field it is at and the field it
disagrees with.

Milestones are free text, so an event is recognized by its words (:func:`event_kind`): "Oral
presentations" is the presentations, "Written proposals due" the deadline, "Request for
quotations issued" the release, "Task order award" the award.

A fixed price per iteration is one more such fact: the rationale that sets it and the
schedule (``acquisition.iterations``) the instructions and the cost estimate price it by.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cxacq.answers.facts import decide_facts
from cxacq.answers.model import Answers
from cxacq.answers.validate import field_path
from cxacq.guidance import Finding, Loc, rule
from cxacq.guidance.integrity import non_business_day

__all__ = ["Dated", "event_kind", "lead_time_days", "priced_per_iteration", "window_dates"]

G = "DHS CX acquisition guidance"

_KINDS = (
    ("scenario", re.compile(r"\bscenarios?\b", re.IGNORECASE)),
    ("questions", re.compile(r"\bquestions?\b.*\bdue\b", re.IGNORECASE)),
    ("advice", re.compile(r"\badvisory\b|\bdown-?select", re.IGNORECASE)),
    ("orals", re.compile(r"\boral\b|\bpresentations?\b", re.IGNORECASE)),
    ("due", re.compile(r"\bdue\b|\breceived\b", re.IGNORECASE)),
    ("release", re.compile(
        r"\b(?:request for|solicitation|rfq|rfp|rftop)\b.*\b(?:issued|released|posted)\b|"
        r"\b(?:issue|release|post)\b.*\b(?:request for|solicitation|rfq|rfp)\b",
        re.IGNORECASE)),
    ("award", re.compile(r"\baward\b", re.IGNORECASE)),
)
# A due date that is not the first submission: a later phase, a revision.
_LATER_SUBMISSION = re.compile(
    r"\b(?:revised|final proposal|final quotation|phase (?:ii|2|two)|price)\b", re.IGNORECASE
)


def event_kind(event: str) -> str | None:
    """Return the kind of event a milestone's words name, or None.

    The kinds: release (of the request), questions (due), due (responses), advice (the
    advisory down-select's notices), orals, scenario (its release) and award.
    """
    for kind, pattern in _KINDS:
        if pattern.search(event):
            return kind
    return None


@dataclass(frozen=True)
class Dated:
    """A date the answers give, where it is and what it is called in a message."""

    loc: Loc
    day: dt.date
    label: str


def _where(loc: Loc) -> str:
    return field_path(loc)


def _milestones(a: Answers) -> Iterator[tuple[Dated, str | None]]:
    """Yield every dated milestone of the plan and the evaluation schedule, with its kind."""
    for section, items in (
        (("acquisition", "milestones"), a.acquisition.milestones),
        (("evaluation", "schedule"), a.evaluation.schedule),
    ):
        for i, ms in enumerate(items):
            yield Dated((*section, i, "date"), ms.date, f"'{ms.event}'"), event_kind(ms.event)


def _of_kind(a: Answers, kind: str) -> list[Dated]:
    return [d for d, k in _milestones(a) if k == kind]


_MONTHS = {
    name: number for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"), 1)
}
_WINDOW = re.compile(
    r"\b(" + "|".join(_MONTHS) + r")\s+"
    r"(\d{1,2}(?!\d)(?:\s*(?:,|and|&|-|to|through)\s*\d{1,2}(?!\d))*)"
    r"(?:,\s*(\d{4}))?",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def window_dates(text: str, year: int | None) -> set[dt.date]:
    """Return the dates a window in words names ("March 2 and 3, 2027", "2027-03-02").

    A month and days with no year take ``year``; a range ("March 2-4") names every day in it.
    Words that name no day ("the week of", "early March") give no dates.
    """
    found: set[dt.date] = set()
    for match in _ISO.finditer(text):
        try:
            found.add(dt.date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            continue
    for match in _WINDOW.finditer(text):
        month = _MONTHS[match[1].lower()]
        when = int(match[3]) if match[3] else year
        if when is None:
            continue
        numbers = [int(n) for n in re.findall(r"\d{1,2}", match[2])]
        days = set(numbers)
        if re.search(r"-|to|through", match[2]) and len(numbers) == 2:
            days = set(range(numbers[0], numbers[1] + 1))
        for day in days:
            try:
                found.add(dt.date(when, month, day))
            except ValueError:
                continue
    return found


@rule(
    "PKG-C20",
    "warning",
    "The deadline and the presentation dates are the same in every document",
    f"{{oral_solicitation_items}}; {{fc_oral_presentations}}; {G}",
)
def _dates_agree(a: Answers) -> Iterator[Finding]:
    deadline = a.evaluation.instructions.deadline
    if deadline is not None:
        for item, kind in _milestones(a):
            if kind != "due" or item.day == deadline:
                continue
            if _LATER_SUBMISSION.search(item.label):
                continue
            yield (
                item.loc,
                f"{item.label} is on {item.day.isoformat()}, but "
                f"evaluation.instructions.deadline, the date the instructions give, is "
                f"{deadline.isoformat()}",
                "give both the same date, or name the milestone for the later submission it is",
            )
    oral = a.oral_presentation
    if not oral.used or not oral.dates:
        return
    dates = sorted(oral.dates)
    shown = ", ".join(d.isoformat() for d in dates)
    for item in _of_kind(a, "orals"):
        if item.day not in dates:
            yield (
                item.loc,
                f"{item.label} is on {item.day.isoformat()}, but oral_presentation.dates, the "
                f"dates the oral documents print, are {shown}",
                "give the milestone one of the presentation dates",
            )
    if oral.window:
        named = window_dates(oral.window, dates[0].year)
        if named and named != set(dates):
            yield (
                ("oral_presentation", "window"),
                f"the window '{oral.window}' names "
                f"{', '.join(d.isoformat() for d in sorted(named))}, but "
                f"oral_presentation.dates are {shown}",
                "take the window out (the documents print the dates), or make them agree",
            )


def _earliest(items: list[Dated]) -> Dated | None:
    return min(items, key=lambda d: d.day) if items else None


def _anchors(a: Answers) -> dict[str, Dated | None]:
    """Return the package's key dates, each with the field it comes from."""
    ins = a.evaluation.instructions
    deadline = (
        Dated(("evaluation", "instructions", "deadline"), ins.deadline,
              "the deadline for responses")
        if ins.deadline else _earliest(
            [d for d in _of_kind(a, "due") if not _LATER_SUBMISSION.search(d.label)]
        )
    )
    oral = a.oral_presentation
    first = last = None
    if oral.used and oral.dates:
        ordered = sorted(enumerate(oral.dates), key=lambda item: item[1])
        first = Dated(("oral_presentation", "dates", ordered[0][0]), ordered[0][1],
                      "the first presentation")
        last = Dated(("oral_presentation", "dates", ordered[-1][0]), ordered[-1][1],
                     "the last presentation")
    elif oral.used:
        orals = _of_kind(a, "orals")
        first = _earliest(orals)
        last = max(orals, key=lambda d: d.day) if orals else None
    return {
        "release": _earliest(_of_kind(a, "release")),
        "questions": Dated(("evaluation", "instructions", "questions_due"), ins.questions_due,
                           "the last day for questions") if ins.questions_due else None,
        "deadline": deadline,
        "first_oral": first,
        "last_oral": last,
        "advice": _earliest(_of_kind(a, "advice")),
        "award": _earliest(_of_kind(a, "award")),
    }


# (earlier, later, same day allowed, the finding is at the later date): the order every
# package's dates must keep. Advisory notices follow the responses they judge and come
# before the presentations they advise about.
_ORDER = (
    ("release", "questions", False, True),
    ("release", "deadline", False, True),
    ("questions", "deadline", True, False),
    ("deadline", "first_oral", False, True),
    ("deadline", "advice", False, True),
    ("advice", "first_oral", False, False),
    ("release", "award", False, True),
    ("deadline", "award", False, True),
    ("last_oral", "award", False, True),
)


@rule(
    "PKG-C21",
    "warning",
    "Release, questions, deadline, presentations, award and performance come in that order",
    f"{{plan_milestones}}; {{fc_plan_contents}}; {G}",
)
def _dates_in_order(a: Answers) -> Iterator[Finding]:
    anchors = _anchors(a)
    for before, after, same_day, at_later in _ORDER:
        first, then = anchors[before], anchors[after]
        if first is None or then is None:
            continue
        if then.day < first.day or (then.day == first.day and not same_day):
            here, there = (then, first) if at_later else (first, then)
            relation = (
                "on the same day as" if then.day == first.day
                else "before" if at_later else "after"
            )
            yield (
                here.loc,
                f"{here.label} ({here.day.isoformat()}) comes {relation} {there.label} "
                f"({there.day.isoformat()}, at {_where(there.loc)})",
                "put the dates in order: release, questions, deadline, advisory notices, "
                "presentations, award",
            )
    award = anchors["award"]
    if award is not None:
        for i, period in enumerate(a.funding.periods):
            if period.start is not None and period.start < award.day:
                yield (
                    ("funding", "periods", i, "start"),
                    f"{period.name} starts on {period.start.isoformat()}, before "
                    f"{award.label} ({award.day.isoformat()}, at {_where(award.loc)})",
                    "start performance on or after the award",
                )
    first_oral = anchors["first_oral"]
    if first_oral is not None:
        for item in _of_kind(a, "scenario"):
            if item.day >= first_oral.day:
                yield (
                    item.loc,
                    f"{item.label} ({item.day.isoformat()}) is not before {first_oral.label} "
                    f"({first_oral.day.isoformat()}, at {_where(first_oral.loc)})",
                    "release the scenario before the presentations",
                )


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "a": 1, "an": 1,
}
_LEAD = re.compile(
    r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")[\s-]*(business|working|calendar)?[\s-]*"
    r"(hours?|days?|weeks?)\b",
    re.IGNORECASE,
)


def lead_time_days(text: str) -> tuple[int, bool] | None:
    """Return (calendar days, counted in business days) for a lead time in words, or None.

    "48 hours" is two days, "one week" seven, "3 business days" three business days.
    """
    match = _LEAD.search(text)
    if match is None:
        return None
    raw = match[1].lower()
    number = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = match[3].lower()
    business = (match[2] or "").lower() in ("business", "working")
    if unit.startswith("hour"):
        return math.ceil(number / 24), False
    if unit.startswith("week"):
        return 7 * number, False
    return number, business


@rule(
    "PKG-C22",
    "warning",
    "The scenario reaches offerors on a business day",
    "{federal_holidays}; {fc_oral_presentations}",
)
def _scenario_release_day(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used or oral.scenario is None or not oral.dates or not oral.scenario_lead_time:
        return
    lead = lead_time_days(oral.scenario_lead_time)
    if lead is None or lead[1]:
        return  # business days never land on a weekend or holiday
    for day in sorted(set(oral.dates)):
        release = day - dt.timedelta(days=lead[0])
        why = non_business_day(release)
        if why:
            yield (
                ("oral_presentation", "scenario_lead_time"),
                f"'{oral.scenario_lead_time}' before the presentations on {day.isoformat()} is "
                f"{release.isoformat()}, {why}, so those offerors lose preparation time the "
                "others have",
                "give the lead time in business days (for example '2 business days'), or move "
                "the presentation dates",
            )


# Words about option periods, not any "option" ("two design options" is no contract option).
_OPTION_WORDS = re.compile(
    r"\boption (?:periods?|years?)\b|\boptions? (?:to extend|is exercised|are exercised)\b|"
    r"\bexercis\w* (?:the |an |any |each )?options?\b",
    re.IGNORECASE,
)
_OPTION_COUNT = re.compile(
    r"\b(\d+|" + "|".join(w for w in _NUMBER_WORDS if len(w) > 2) + r")\s+"
    r"(?:(?:\d+|one|twelve)[- ](?:month|year)\s+)?option\s+(?:periods?|years?)\b",
    re.IGNORECASE,
)


def _option_texts(a: Answers) -> Iterator[tuple[Loc, str]]:
    """Yield the free-text answers that could speak of option periods."""
    acq = a.acquisition
    yield ("acquisition", "contract_type_rationale"), acq.contract_type_rationale
    if acq.tradeoffs:
        yield ("acquisition", "tradeoffs"), acq.tradeoffs
    for i, text in enumerate(acq.conditions):
        yield ("acquisition", "conditions", i), text
    for i, risk in enumerate(acq.risks):
        yield ("acquisition", "risks", i, "mitigation"), risk.mitigation
    if acq.time_and_materials and acq.time_and_materials.fixed_price_plan:
        yield ("acquisition", "time_and_materials", "fixed_price_plan"), (
            acq.time_and_materials.fixed_price_plan
        )
    yield ("funding", "estimate_basis"), a.funding.estimate_basis
    for i, factor in enumerate(a.evaluation.factors):
        yield ("evaluation", "factors", i, "description"), factor.description
        yield ("evaluation", "factors", i, "submission"), factor.submission
    if a.cost_estimate is not None:
        for i, text in enumerate(a.cost_estimate.assumptions):
            yield ("cost_estimate", "assumptions", i), text


@rule(
    "PKG-C23",
    "warning",
    "Option periods are counted the same way everywhere",
    f"{{fc_plan_contents}}; {G}",
)
def _options_counted(a: Answers) -> Iterator[Finding]:
    periods = a.funding.periods
    options = sum(1 for p in periods if p.kind == "option")
    for i, period in enumerate(periods):
        named_option = bool(re.search(r"\boption", period.name, re.IGNORECASE))
        if named_option != (period.kind == "option"):
            yield (
                ("funding", "periods", i, "kind"),
                f"the period named '{period.name}' has kind: {period.kind}, so the documents "
                "count it as " + ("the base period" if period.kind == "base" else "an option"),
                "make the name and the kind agree",
            )
        if i and period.start and periods[i - 1].start:
            before = periods[i - 1]
            assert before.start is not None
            ends = _add_months(before.start, before.months)
            if period.start < ends:
                yield (
                    ("funding", "periods", i, "start"),
                    f"{period.name} starts on {period.start.isoformat()}, before {before.name} "
                    f"ends ({before.months} months from {before.start.isoformat()} is "
                    f"{ends.isoformat()})",
                    "start each period when the one before it ends",
                )
    for loc, text in _option_texts(a):
        count = _OPTION_COUNT.search(text)
        if count:
            raw = count[1].lower()
            said = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
            if said != options:
                yield (
                    loc,
                    f'this answer speaks of "{count[0]}", but funding.periods has {options} '
                    "option period" + ("" if options == 1 else "s"),
                    "make the text and the funding table agree",
                )
                continue
        if options == 0 and _OPTION_WORDS.search(text):
            yield (
                loc,
                "this answer speaks of options, but funding.periods has no option period, so "
                "the documents price and describe none",
                "add the option periods to funding.periods, or take the option wording out",
            )


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


_RECENCY = re.compile(
    r"\b(?:within|in|during|over)\s+the\s+(?:last|past|previous|preceding)\s+(\d+|\w+)\s+years?"
    r"|\b(?:within|last|past|previous)\s+(\d+|\w+)\s+years?",
    re.IGNORECASE,
)


@rule(
    "PKG-C24",
    "warning",
    "Offerors and evaluators are given the same recency window for past work",
    "{past_performance_factor}; {gao_unstated_criteria}",
)
def _recency_agrees(a: Answers) -> Iterator[Finding]:
    years = a.evaluation.past_performance_years
    for i, factor in enumerate(a.evaluation.factors):
        if factor.kind not in ("past_performance", "experience"):
            continue
        for field in ("description", "submission"):
            match = _RECENCY.search(getattr(factor, field))
            if not match:
                continue
            raw = (match[1] or match[2]).lower()
            said = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
            if said is not None and said != years:
                yield (
                    ("evaluation", "factors", i, field),
                    f'the factor \'{factor.name}\' tells offerors "{match[0]}", but '
                    f"evaluation.past_performance_years, the window evaluators apply, is {years}",
                    "give the same number of years in both",
                )


_PAGES = re.compile(
    r"\b(?:no more than|not more than|not to exceed|not exceeding|at most|up to|a maximum of|"
    r"maximum of|limited to|within)\s+(\d+|" + "|".join(w for w in _NUMBER_WORDS if len(w) > 2)
    + r")\s+pages?\b|\b(\d+)[- ]page\b",
    re.IGNORECASE,
)


def _pages_said(text: str) -> int | None:
    """Return the page count a text gives as a limit ("no more than 8 pages"), if any."""
    match = _PAGES.search(text)
    if not match:
        return None
    raw = (match[1] or match[2]).lower()
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


_PRICED_PER_ITERATION = re.compile(
    r"\b(?:per|each)\s+(?:[\w-]+\s+){0,3}?(?:iteration|round|sprint|increment)s?\b",
    re.IGNORECASE,
)
"""Words that set a price per iteration ("per fixed-length quarterly iteration", "per round")."""
_PRICE_WORDS = re.compile(r"\bpric(?:e|es|ed|ing)\b|\bfixed\b", re.IGNORECASE)


def priced_per_iteration(text: str) -> str | None:
    """Return the words of ``text`` that price the work per iteration, or None.

    A sentence must name an iteration with "per" or "each" and speak of a price or a fixed
    amount: "Each fixed-length iteration is priced" does, "a readout each iteration" does not.
    """
    return _priced_per(_PRICED_PER_ITERATION, text)


def _priced_per(unit: re.Pattern[str], text: str) -> str | None:
    """Return the words of the first sentence of ``text`` that prices per ``unit``, or None."""
    for sentence in re.split(r"(?<=[.;])\s+", text):
        match = unit.search(sentence)
        if match and _PRICE_WORDS.search(sentence):
            return match[0]
    return None


@rule(
    "PKG-C25",
    "warning",
    "A page count in the text agrees with the part's page limit",
    G,
)
def _page_limits_agree(a: Answers) -> Iterator[Finding]:
    instructions = a.evaluation.instructions
    own_parts = bool(instructions.parts)
    factors = {f.id: (i, f) for i, f in enumerate(a.evaluation.factors)}
    for p, part in enumerate(a.evaluation.response_parts(decide_facts(a).response)):
        if own_parts:
            limit_loc: Loc = ("evaluation", "instructions", "parts", p, "page_limit")
            texts: list[tuple[Loc, str]] = [
                (("evaluation", "instructions", "parts", p, "holds"), part.holds)
            ]
        else:
            limit_loc = ("evaluation", "instructions", "page_limit")
            texts = []
        for factor_id in part.factors:
            if factor_id in factors:
                i, factor = factors[factor_id]
                texts.append((("evaluation", "factors", i, "submission"), factor.submission))
        # Only a part that is one factor's submission is limited by that text; a part's own
        # description or a factor among several may give a smaller share, never a larger one.
        whole = not own_parts and len(texts) == 1
        for loc, text in texts:
            said = _pages_said(text)
            if said is None or (part.page_limit is None and not whole):
                continue
            where = field_path(limit_loc)
            if part.page_limit is None:
                yield (
                    loc,
                    f"this answer tells offerors {said} pages, but the part '{part.name}' has "
                    f"no page limit ({where} is not set), so the instructions print "
                    "\"No limit\" beside it",
                    f"set {where} to the part's limit, or take the page count out of the text",
                )
            elif said > part.page_limit or (whole and said != part.page_limit):
                yield (
                    loc,
                    f"this answer tells offerors {said} pages, but {where} gives the part "
                    f"'{part.name}' {part.page_limit}",
                    "give the same page limit in both",
                )


@rule(
    "PKG-C26",
    "warning",
    "A fixed price per iteration comes with the length and number of iterations",
    "{firm_fixed_price}; {contract_pricing}",
)
def _iteration_schedule(a: Answers) -> Iterator[Finding]:
    acq = a.acquisition
    iterations = acq.iterations
    if acq.contract_type != "firm_fixed_price":
        if iterations is not None:
            yield (
                ("acquisition", "iterations"),
                f"iterations describe a fixed price per iteration, but contract_type is "
                f"{acq.contract_type}, so no document or workbook uses them",
                "remove iterations, or set contract_type: firm_fixed_price",
            )
        return
    if iterations is None:
        words = priced_per_iteration(acq.contract_type_rationale)
        if words:
            yield (
                ("acquisition", "contract_type_rationale"),
                f'the rationale prices the work per iteration ("{words}"), but the answers give '
                "no schedule of iterations: offerors cannot all price the same thing, and the "
                "cost estimate cannot price it",
                "add acquisition.iterations with weeks (how long one lasts) and, unless the "
                "periods hold a whole number of them, per_period (how many in each period)",
            )
        return
    name = iterations.name
    if iterations.weeks is None:
        yield (
            ("acquisition", "iterations", "weeks"),
            f"the price is fixed per {name}, but the answers do not say how long one lasts",
            "set acquisition.iterations.weeks, for example 13 for a quarter",
        )
    periods = a.funding.periods
    given = len(iterations.per_period)
    if given and given != len(periods):
        names = ", ".join(p.name for p in periods)
        yield (
            ("acquisition", "iterations", "per_period"),
            f"gives numbers of {iterations.plural} for {given} period(s), but the funding table "
            f"has {len(periods)} ({names}), so there is no schedule to price",
            "give one number per funding period, in the same order",
        )
    elif iterations.counts(periods) is None:
        why = (
            f"{iterations.weeks}-week {iterations.plural} do not fill every period a whole "
            "number of times"
            if iterations.weeks
            else f"the answers do not say how many {iterations.plural} each period holds"
        )
        yield (
            ("acquisition", "iterations", "per_period"),
            f"the price is fixed per {name}, but {why}, so there is no schedule to price",
            "give per_period: the number of iterations in each funding period, in order",
        )


_PRICED_PER_DELIVERABLE = re.compile(
    r"\b(?:per|each|for every)\s+(?:[\w-]+\s+){0,2}?deliverables?\b", re.IGNORECASE
)


@rule(
    "PKG-C27",
    "warning",
    "A fixed price per deliverable has deliverables to price, on a fixed-price contract",
    "{firm_fixed_price}; {contract_pricing}",
)
def _deliverable_schedule(a: Answers) -> Iterator[Finding]:
    acq = a.acquisition
    where = ("acquisition", "price_per_deliverable")
    if acq.price_per_deliverable:
        if acq.contract_type != "firm_fixed_price":
            yield (
                where,
                f"a price per deliverable is a fixed price, but contract_type is "
                f"{acq.contract_type}, so no document prices the deliverables",
                "set price_per_deliverable: false, or contract_type: firm_fixed_price",
            )
        elif not acq.deliverables:
            yield (
                where,
                "the price is fixed per deliverable, but acquisition.deliverables lists none, "
                "so offerors have nothing to price",
                "list the deliverables in acquisition.deliverables",
            )
        elif acq.iterations is not None:
            yield (
                where,
                "the price is fixed both per iteration (acquisition.iterations) and per "
                "deliverable; the documents ask for a price per iteration only",
                "keep one: remove iterations, or set price_per_deliverable: false",
            )
        return
    if acq.contract_type != "firm_fixed_price" or acq.iterations is not None:
        return
    words = _priced_per(_PRICED_PER_DELIVERABLE, acq.contract_type_rationale)
    if words:
        yield (
            ("acquisition", "contract_type_rationale"),
            f'the rationale prices the work per deliverable ("{words}"), but '
            "price_per_deliverable is not set, so the instructions give offerors no "
            "schedule of deliverables to price",
            "set acquisition.price_per_deliverable: true",
        )
