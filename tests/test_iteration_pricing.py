"""A firm-fixed price per iteration: the schedule the answers give, the documents and checks.

The workbook's "Price by iteration" sheet is tested with the other workbook tests in
``tests/test_cost.py``; the rule PKG-C25 with the planted inconsistencies in
``tests/test_protest_lint.py``.
"""

from __future__ import annotations

from cxacq.answers.fields import answer_fields
from cxacq.answers.model.acquisition import FundingPeriod, Iterations


def _period(months: int) -> FundingPeriod:
    return FundingPeriod(name="Period", kind="base", months=months, amount=1)


def test_counts_are_given_or_follow_from_the_length() -> None:
    year, half = _period(12), _period(6)
    assert Iterations(weeks=13).counts([year, year]) == (4, 4)
    assert Iterations(weeks=2).counts([year, half]) == (26, 13)
    # Six-week iterations do not fill 52 weeks; without counts there is no schedule.
    assert Iterations(weeks=6).counts([year]) is None
    assert Iterations(weeks=6, per_period=[8, 8]).counts([year, year]) == (8, 8)
    assert Iterations().counts([year]) is None
    assert Iterations(name="research round").plural == "research rounds"


def test_the_field_is_asked_in_words() -> None:
    specs = {spec.path: spec for spec in answer_fields()}
    assert specs["acquisition.iterations"].question
    assert specs["acquisition.iterations.weeks"].question == (
        "How many weeks does one iteration last?"
    )
    assert specs["acquisition.iterations.per_period"].question
