"""The independent Government cost estimate: rate card, team shape, other costs, totals.

The workbook writer (:mod:`cxacq.engine.writers.xlsx`) writes these inputs and spreadsheet
formulas over them; :func:`estimate_totals` computes the same formulas in Python with
``Decimal`` so ``cxacq check`` can compare the estimate with the funding table.
Rates come only from the answers: the tool never invents one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import Field, PositiveInt

from cxacq.answers.model.acquisition import FundingPeriod
from cxacq.answers.model.base import Ask, Id, Money, Section, Text

__all__ = [
    "CostEstimate",
    "EstimateTotals",
    "LaborLine",
    "OtherDirectCost",
    "Rate",
    "CostSummary",
    "cost_estimate_problems",
    "summarize_estimate",
    "escalated_rate",
    "escalation_years",
    "estimate_totals",
]

CENT = Decimal("0.01")

RateSourceType = Literal["schedule_contract", "prior_order", "market_survey", "other"]


class Rate(Section):
    """One rate on the rate card, with where it comes from."""

    id: Id = Field(
        description="A short name the labor lines use to pick this rate.",
        examples=["service-designer-senior"],
    )
    labor_category: Text = Field(
        description="The labor category as the source names it.",
        examples=["Service Designer III"],
    )
    hourly_rate: Money = Field(
        description=(
            "The fully burdened hourly rate in dollars for the first period; later periods "
            "escalate it by escalation_percent."
        ),
        examples=["165.00"],
    )
    source_type: RateSourceType = Field(
        description=(
            "Where the rate comes from: schedule_contract (a GSA schedule or other contract's "
            "price list), prior_order (a rate the agency paid on an earlier order), "
            "market_survey (a survey of published or quoted rates) or other."
        ),
        examples=["schedule_contract"],
    )
    source: Text = Field(
        description=(
            "The source itself: the contract number and SIN, the prior order number, or the "
            "survey and its date, so a reviewer can find the rate."
        ),
        examples=["GSA MAS SIN 541611 labor rate for a service designer, example figure"],
    )


class LaborLine(Section):
    """One role on the team the estimate prices: who, how many, how many hours."""

    name: Text = Field(
        description="The role on the team, e.g. 'Senior service designer'.",
        examples=["Senior service designer"],
    )
    rate: Id = Field(
        description="The id of the rate card entry that prices this role.",
        examples=["service-designer-senior"],
    )
    count: PositiveInt = Field(
        description="How many people fill this role.",
        examples=[2],
    )
    hours: list[PositiveInt] = Field(
        min_length=1,
        description=(
            "Hours each person works in each period, one number per funding period in the "
            "order of funding.periods (1,880 is a full year; 940 a half year)."
        ),
        examples=[[1880, 1880]],
    )


class OtherDirectCost(Section):
    """A cost that is not labor: travel, participant incentives, tools."""

    description: Text = Field(
        description="What the cost is for and how it was estimated.",
        examples=["Participant incentives: 120 research sessions at $75"],
    )
    amounts: list[Money] = Field(
        min_length=1,
        description=(
            "The amount in dollars in each period, one per funding period in the order of "
            "funding.periods (0 where there is none)."
        ),
        examples=[[9000, 9000]],
    )


class CostEstimate(Section):
    """The independent Government cost estimate: the workbook the contracting officer keeps."""

    escalation_percent: float = Field(
        ge=0,
        le=25,
        description=(
            "Annual escalation in percent (3 means 3%), applied to every rate once for each "
            "full year between the start of the first period and the start of a period."
        ),
        examples=[3],
    )
    rates: list[Rate] = Field(
        min_length=1,
        description="The rate card: every hourly rate the estimate uses, each with its source.",
        json_schema_extra=Ask(
            question="What hourly rates does the estimate use, and where does each come from?",
            note=(
                "cxacq never supplies a rate: give each rate with its source, such as a schedule "
                "contract, a prior order or a market survey."
            ),
            item="rate",
        ),
    )
    labor: list[LaborLine] = Field(
        min_length=1,
        description="The team shape: each role, its rate, its head count and hours per period.",
        json_schema_extra=Ask(
            question=(
                "What team does the estimate price: each role, its rate, how many people and "
                "hours?"
            ),
            item="role",
        ),
    )
    other_direct_costs: list[OtherDirectCost] = Field(
        default_factory=list,
        description="Costs other than labor, per period: travel, incentives, tools.",
        json_schema_extra=Ask(
            question="What costs besides labor does the work need, period by period?",
            note="For example travel, participant incentives and research tools.",
            item="other direct cost",
        ),
    )
    assumptions: list[Text] = Field(
        default_factory=list,
        description="What the estimate assumes, e.g. how many research rounds, remote or on site.",
        examples=["Research sessions are remote; travel covers two on-site visits a year."],
    )


def escalation_years(periods: Sequence[FundingPeriod]) -> list[int]:
    """Return, for each period, the full years between the first period's start and its own."""
    years: list[int] = []
    months = 0
    for period in periods:
        years.append(months // 12)
        months += period.months
    return years


def escalated_rate(hourly_rate: Decimal, percent: float, years: int) -> Decimal:
    """Return a rate escalated for ``years`` full years, rounded to cents as the sheet does."""
    factor = (1 + Decimal(str(percent)) / 100) ** years
    return (hourly_rate * factor).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class EstimateTotals:
    """The estimate's totals, per period in the funding table's order and in all."""

    labor: tuple[Decimal, ...]
    other: tuple[Decimal, ...]

    @property
    def periods(self) -> tuple[Decimal, ...]:
        """Return labor plus other direct costs for each period."""
        return tuple(a + b for a, b in zip(self.labor, self.other, strict=True))

    @property
    def total(self) -> Decimal:
        """Return the estimate over all periods."""
        return sum(self.periods, Decimal(0))


def estimate_totals(estimate: CostEstimate, periods: Sequence[FundingPeriod]) -> EstimateTotals:
    """Compute the workbook's totals with the workbook's formulas, in ``Decimal``.

    Each escalated rate and each labor line is rounded to cents; sums are exact.
    The answers must have passed :func:`cost_estimate_problems` (rates known,
    one value per period).
    """
    rates = {rate.id: rate.hourly_rate for rate in estimate.rates}
    years = escalation_years(periods)
    labor = []
    other = []
    for index, year in enumerate(years):
        labor.append(sum(
            (
                (line.count * line.hours[index]
                 * escalated_rate(rates[line.rate], estimate.escalation_percent, year)
                 ).quantize(CENT, rounding=ROUND_HALF_UP)
                for line in estimate.labor
            ),
            Decimal(0),
        ))
        other.append(sum((odc.amounts[index] for odc in estimate.other_direct_costs), Decimal(0)))
    return EstimateTotals(labor=tuple(labor), other=tuple(other))


SOURCE_LABELS = {
    "schedule_contract": "schedule contracts",
    "prior_order": "prior orders",
    "market_survey": "a market survey",
    "other": "other sources",
}


@dataclass(frozen=True)
class CostSummary:
    """What the strategy says about the estimate: its shape, sources and totals."""

    roles: int
    people: int
    hours: str  # e.g. "52,640", total hours over all periods
    escalation: str  # e.g. "2.5", percent a year
    sources: tuple[str, ...]  # rate sources in words, in rate card order
    labor: Decimal
    other: Decimal
    total: Decimal
    matches_funding: bool


def summarize_estimate(
    estimate: CostEstimate, periods: Sequence[FundingPeriod]
) -> CostSummary:
    """Return the estimate's summary for the documents (see :class:`CostSummary`)."""
    totals = estimate_totals(estimate, periods)
    sources: list[str] = []
    for rate in estimate.rates:
        if SOURCE_LABELS[rate.source_type] not in sources:
            sources.append(SOURCE_LABELS[rate.source_type])
    escalation = Decimal(str(estimate.escalation_percent)).normalize()
    return CostSummary(
        roles=len(estimate.labor),
        people=sum(line.count for line in estimate.labor),
        hours=f"{sum(line.count * sum(line.hours) for line in estimate.labor):,}",
        escalation=f"{escalation:f}",
        sources=tuple(sources),
        labor=sum(totals.labor, Decimal(0)),
        other=sum(totals.other, Decimal(0)),
        total=totals.total,
        matches_funding=all(
            amount == period.amount
            for amount, period in zip(totals.periods, periods, strict=True)
        ),
    )


Loc = tuple[str | int, ...]


def cost_estimate_problems(
    estimate: CostEstimate, periods: Sequence[FundingPeriod]
) -> Iterator[tuple[Loc, str, str | None]]:
    """Yield the estimate's cross-field problems, each at its field under ``cost_estimate``."""
    base: Loc = ("cost_estimate",)
    ids = [rate.id for rate in estimate.rates]
    seen: set[str] = set()
    for index, rate_id in enumerate(ids):
        if rate_id in seen:
            yield (
                (*base, "rates", index, "id"),
                f"the rate id '{rate_id}' is used twice; each rate needs its own id",
                None,
            )
        seen.add(rate_id)
    names = ", ".join(p.name for p in periods)
    wanted = len(periods)
    for index, line in enumerate(estimate.labor):
        if line.rate not in seen:
            yield (
                (*base, "labor", index, "rate"),
                f"no rate on the rate card has the id '{line.rate}'",
                "known rate ids: " + (", ".join(ids) or "none yet"),
            )
        if len(line.hours) != wanted:
            yield (
                (*base, "labor", index, "hours"),
                f"gives hours for {len(line.hours)} period(s), but the funding table has "
                f"{wanted}: {names}",
                "give one number per funding period, in the same order",
            )
    for index, odc in enumerate(estimate.other_direct_costs):
        if len(odc.amounts) != wanted:
            yield (
                (*base, "other_direct_costs", index, "amounts"),
                f"gives amounts for {len(odc.amounts)} period(s), but the funding table has "
                f"{wanted}: {names}",
                "give one amount per funding period, in the same order (0 where there is none)",
            )
