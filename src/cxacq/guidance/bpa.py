"""Rules for a blanket purchase agreement under the schedules (``schedule_bpa``).

Both are warnings, not errors: under the overhaul the legacy paragraphs they rest on moved to
GSA's own ordering procedures, whose text is not stored with the catalog, and the project's
FAR overhaul notes say to warn and have the contracting officer confirm the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxacq.answers.facts import decide_facts
from cxacq.answers.model import Answers
from cxacq.guidance import Finding, Loc, rule

_HIGHEST_RATED = re.compile(
    r"\bhighest[- ](?:technically[- ])?rated\b|\bHTR(?:-?F?RP)?\b", re.IGNORECASE
)
"""Words that describe award to the highest technically rated quotation, price only checked."""

_HINT = (
    "compare price with the non-price factors (a tradeoff or a comparative evaluation), or "
    "establish multiple-award agreements; confirm the rule with the contracting officer"
)

_MONTHS_PER_PERIOD = 12
_MAX_OPTIONS = 4


@rule("BPA-C01", "warning",
      "A single-award schedule BPA is not awarded on the highest technical rating alone",
      "{gao_b_418141}; {fss_single_award_bpa}")
def _highest_rated(a: Answers) -> Iterator[Finding]:
    facts = decide_facts(a)
    if not facts.is_single_award_bpa:
        return
    if facts.is_highest_technically_rated:
        yield (
            ("evaluation", "basis_for_award"),
            "basis_for_award: highest_technically_rated establishes the single-award schedule "
            "blanket purchase agreement with the highest technically rated quotation whose "
            "price is fair and reasonable. GAO found that this does not consider price as the "
            "schedules require, and no later competition among holders makes up for it",
            _HINT,
        )
        return
    # Second check: words in the evaluation's free text that describe the same approach while
    # basis_for_award names another (a file written before the model could say it).
    for loc, text in _strings(a.evaluation.model_dump(mode="json"), ("evaluation",)):
        match = _HIGHEST_RATED.search(text)
        if match:
            yield (
                loc,
                f"'{match.group(0)}' describes award to the highest technically rated "
                "quotation with a reasonable price. For a single-award schedule blanket purchase "
                "agreement GAO found that this does not consider price as the schedules require, "
                "and no later competition among holders makes up for it",
                _HINT,
            )


@rule("BPA-C02", "warning",
      "A single-award schedule BPA runs one year with up to four one-year options",
      "{fss_bpa_duration}")
def _single_award_periods(a: Answers) -> Iterator[Finding]:
    if not decide_facts(a).is_single_award_bpa:
        return
    options = 0
    for index, period in enumerate(a.funding.periods):
        if period.kind == "option":
            options += 1
            if options == _MAX_OPTIONS + 1:
                yield (
                    ("funding", "periods", index),
                    f"this is option {options}; a single-award blanket purchase agreement may "
                    f"have at most {_MAX_OPTIONS} options",
                    "end the agreement after four options, or establish multiple-award "
                    "agreements",
                )
        if period.months > _MONTHS_PER_PERIOD:
            yield (
                ("funding", "periods", index, "months"),
                f"'{period.name}' is {period.months} months; each period of a single-award "
                f"blanket purchase agreement is at most {_MONTHS_PER_PERIOD} months",
                "split it into a one-year base or option periods",
            )


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Yield every string in a dumped answers section, with where it is."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))
