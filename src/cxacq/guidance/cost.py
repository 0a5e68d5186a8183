"""Rules on the independent Government cost estimate and the funding table it supports."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cxacq.answers.model import Answers
from cxacq.answers.model.cost import estimate_totals
from cxacq.guidance import Finding, rule


def _dollars(amount: Decimal) -> str:
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


@rule(
    "COST-C01",
    "error",
    "The cost estimate's totals equal the funding table",
    "{fc_plan_contents}",
)
def _totals(a: Answers) -> Iterator[Finding]:
    if a.cost_estimate is None:
        return
    totals = estimate_totals(a.cost_estimate, a.funding.periods)
    for index, (period, estimated) in enumerate(
        zip(a.funding.periods, totals.periods, strict=True)
    ):
        if estimated != period.amount:
            yield (
                ("funding", "periods", index, "amount"),
                f"the cost estimate comes to {_dollars(estimated)} for {period.name}, but the "
                f"funding table says {_dollars(period.amount)} (a difference of "
                f"{_dollars(estimated - period.amount)})",
                "change the estimate's hours, rates or other direct costs, or this amount, until "
                "they agree; the workbook's Summary sheet shows the same difference",
            )


@rule(
    "COST-C02",
    "info",
    "A cost estimate backs the funding table",
    "{fc_plan_contents}",
)
def _estimate(a: Answers) -> Iterator[Finding]:
    if a.cost_estimate is None:
        yield (
            ("funding",),
            "no cost_estimate is given, so the package has no cost estimate workbook",
            "add cost_estimate with your rate card, team and other direct costs "
            "(see `cxacq init`)",
        )
