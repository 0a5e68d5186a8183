"""Funding, market research, the acquisition approach, and compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PositiveInt, PrivateAttr, model_validator

from cxacq.answers.model.base import Ask, Money, Section, Text
from cxacq.citations import cite

__all__ = [
    "Acquisition",
    "BpaAward",
    "Compliance",
    "ContractType",
    "Deliverable",
    "Funding",
    "FundingPeriod",
    "IterationSchedule",
    "Iterations",
    "MarketResearch",
    "Milestone",
    "PATH_ALIASES",
    "ProcurementPath",
    "Requirement",
    "Risk",
    "SmallBusiness",
    "SourceContacted",
    "Surveillance",
    "TimeAndMaterials",
    "VehicleConsidered",
]

ContractType = Literal[
    "firm_fixed_price", "time_and_materials", "labor_hour", "cost_reimbursement", "hybrid"
]
Level = Literal["low", "medium", "high"]

ProcurementPath = Literal[
    "schedule_order", "schedule_bpa", "task_order", "simplified_commercial", "negotiated"
]
BpaAward = Literal["single", "multiple"]

PATH_ALIASES: dict[str, str] = {
    "far_8_4": "schedule_order",
    "far_16_505": "task_order",
    "far_15": "negotiated",
    "far_13": "simplified_commercial",
}
"""Values of ``ordering_procedure`` from schema version 1 files: FAR numbers the overhaul moved."""


def _path_alias(value: Any) -> Any:
    if isinstance(value, str):
        return PATH_ALIASES.get(value.strip(), value)
    return value


class FundingPeriod(Section):
    """One period of performance and what it is expected to cost."""

    name: Text = Field(description="e.g. 'Base period' or 'Option period 1'.")
    kind: Literal["base", "option"] = Field(description="base or option.")
    months: PositiveInt = Field(description="Length of the period in months.")
    amount: Money = Field(description="Estimated cost of the period in dollars.")
    start: dt.date | None = Field(None, description="Planned start date (YYYY-MM-DD).")


class Funding(Section):
    """How the need is funded; the guidance says identify funding before engaging procurement."""

    source: Text = Field(
        description="The appropriation and program, project or activity (PPA) that pays.",
        json_schema_extra=Ask(
            question="Which appropriation and program, project or activity (PPA) pays for this?",
            note=(
                '"If you determine you require contractor support … conduct market research, '
                'identify how to fund that need, and engage your procurement office."'
            ),
        ),
    )
    fiscal_year: Text = Field(
        description="The fiscal year of the funds, e.g. FY2027.",
        json_schema_extra=Ask(
            question="Which fiscal year are the funds from?",
        ),
    )
    status: Literal["committed", "requested", "planned"] = Field(
        description="committed (in hand), requested (in a budget request) or planned.",
        json_schema_extra=Ask(
            question="Where does the funding stand?",
        ),
    )
    estimate_basis: Text = Field(
        description=(
            "How the estimate was derived, e.g. an independent government cost estimate built "
            "from labor categories and hours."
        ),
        json_schema_extra=Ask(
            question="How was the cost estimate derived?",
        ),
    )
    periods: list[FundingPeriod] = Field(
        min_length=1, description="The base period and each option period.",
        json_schema_extra=Ask(
            question="What are the periods of performance and what does each cost?",
            item="funding period",
        ),
    )

    @property
    def total(self) -> Decimal:
        """Return the estimated value of all periods together."""
        return sum((period.amount for period in self.periods), Decimal(0))

    @property
    def total_months(self) -> int:
        """Return the total period of performance, options included."""
        return sum(period.months for period in self.periods)


class VehicleConsidered(Section):
    """A contract vehicle looked at during market research, and what you found."""

    name: Text = Field(description="e.g. 'GSA Multiple Award Schedule, SIN 541611'.")
    finding: Text = Field(description="What market research found about it.")


class SmallBusiness(Section):
    """Small business analysis: what the market shows and the set-aside you recommend."""

    analysis: Text = Field(description="What market research showed about small businesses.")
    set_aside: Literal["none", "small_business", "8a", "hubzone", "sdvosb", "wosb"] = Field(
        description="The set-aside you recommend: none, small_business, 8a, hubzone, sdvosb, wosb.",
        json_schema_extra=Ask(
            labels="set_aside",
        ),
    )


class SourceContacted(Section):
    """A firm, agency or group market research asked, and what came back."""

    name: Text = Field(
        description="Who was asked: a firm, a group of firms, another agency or an industry body.",
        examples=["Holders of the DHS enterprise IT services IDIQ (eight firms)"],
    )
    how: Text = Field(
        description="How and when they were asked.",
        examples=["One-on-one sessions after the industry day, September 2026"],
    )
    response: Text = Field(
        description="What they said or sent back.",
        examples=["Seven of eight showed full-team work on public-facing services."],
    )


class MarketResearch(Section):
    """Market research: what industry can do, on which vehicles, at what price."""

    methods: list[Text] = Field(
        default_factory=list,
        description="What you did, e.g. 'Request for information on SAM.gov, 14 responses'.",
        json_schema_extra=Ask(
            question="What market research have you done?",
            note=(
                'A flexible, goals-based approach "will help better assess the marketplace for '
                'your requirement."'
            ),
        ),
    )
    completed: dt.date | None = Field(None, description="When it was completed (YYYY-MM-DD).")
    findings: list[Text] = Field(default_factory=list, description="What you learned.")
    impact: str | None = Field(
        None, description="How the findings shaped this acquisition strategy.",
        json_schema_extra=Ask(
            question="How did market research shape this strategy?",
        ),
    )
    vehicles_considered: list[VehicleConsidered] = Field(
        default_factory=list,
        description="Vehicles considered, existing governmentwide contracts first.",
        json_schema_extra=Ask(
            question="Which contract vehicles did you consider?",
            item="vehicle considered",
        ),
    )
    small_business: SmallBusiness | None = Field(
        None,
        description="Small business analysis.",
        json_schema_extra=Ask(
            question="Has market research looked at what small businesses offer?",
        ),
    )
    sources_contacted: list[SourceContacted] = Field(
        default_factory=list,
        description=(
            "The firms, agencies and groups you asked, how and when, and what they said. The "
            "market research report lists them."
        ),
    )
    vehicle_choice: str | None = Field(
        None,
        description=(
            "Why the chosen vehicle was picked over the others considered. The market research "
            "report gives it as the reason for the choice."
        ),
        examples=[
            "The schedule reaches every capable firm found, and an order can be placed in 60 days."
        ],
    )


class TimeAndMaterials(Section):
    """The findings a time-and-materials or labor-hour contract or order needs."""

    why_not_fixed_price: Text = Field(
        description=(
            "Why no other contract type, firm-fixed-price included, is suitable: what cannot be "
            "estimated with confidence when the order is placed, and why."
        ),
        examples=[
            "The number and size of disasters decide where research happens, so the hours "
            "cannot be estimated when the order is placed."
        ],
    )
    ceiling_price: Money = Field(
        description=(
            "The ceiling price the contractor exceeds at its own risk, in dollars, options "
            "included."
        ),
        examples=["4200000"],
    )
    cost_surveillance: Text = Field(
        description="How the Government watches hours and cost so that they stay in control.",
        examples=[
            "The COR reviews a monthly burn report against the ceiling and approves each "
            "research round's hours before it starts."
        ],
    )
    fixed_price_plan: str | None = Field(
        None,
        description=(
            "How and when work that becomes routine moves to fixed-price pricing, if there is "
            "a plan."
        ),
        examples=["Routine design iterations are priced at a fixed price from the month 9 review."],
    )


WEEKS_PER_YEAR = 52
"""Weeks in a 12-month period, for counting the iterations a period holds."""


class Iterations(Section):
    """The fixed-length iterations a firm-fixed price is set per: their length and number."""

    name: Text = Field(
        "iteration",
        description=(
            "What one iteration is called in the solicitation, in the singular: 'iteration' "
            "by default, or e.g. 'quarterly iteration' or 'research round'."
        ),
        examples=["research round"],
    )
    weeks: PositiveInt | None = Field(
        None,
        description=(
            "How long one iteration lasts, in weeks (13 is a quarter). Offerors need it to "
            "price an iteration; check warns when it is missing."
        ),
        examples=[6],
        json_schema_extra=Ask(
            question="How many weeks does one iteration last?",
        ),
    )
    per_period: list[PositiveInt] = Field(
        default_factory=list,
        description=(
            "How many iterations each funding period holds, one number per funding period in "
            "the order of funding.periods. Left out, it follows from weeks when every period "
            "holds a whole number of iterations (a 12-month period holds 52 weeks)."
        ),
        examples=[[8, 8, 8]],
        json_schema_extra=Ask(
            question="How many iterations does each period of performance hold?",
            note="Give one number per funding period, in the same order.",
        ),
    )

    @property
    def plural(self) -> str:
        """Return the name in the plural ("research rounds")."""
        return plural(self.name)

    def counts(self, periods: Sequence[FundingPeriod]) -> tuple[int, ...] | None:
        """Return the iterations in each period: as given, else from ``weeks``, else None.

        None when the answers give no numbers and ``weeks`` does not divide every period
        into whole iterations, or when the numbers given do not match the periods.
        """
        if self.per_period:
            return tuple(self.per_period) if len(self.per_period) == len(periods) else None
        if self.weeks is None:
            return None
        counts = []
        for period in periods:
            whole, rest = divmod(period.months * WEEKS_PER_YEAR, 12 * self.weeks)
            if rest or not whole:
                return None
            counts.append(whole)
        return tuple(counts)


def plural(name: str) -> str:
    """Return an iteration's name in the plural: "research round" → "research rounds"."""
    return name if name.endswith("s") else f"{name}s"


@dataclass(frozen=True)
class IterationSchedule:
    """A fixed price per iteration, period by period: what the instructions and workbook show."""

    name: str  # "iteration", "research round"
    weeks: int | None
    periods: tuple[tuple[str, int, int], ...]  # (period name, months, iterations)

    @property
    def plural(self) -> str:
        """Return the name in the plural ("research rounds")."""
        return plural(self.name)

    @property
    def total(self) -> int:
        """Return the iterations over all periods."""
        return sum(count for _, _, count in self.periods)


class Requirement(Section):
    """How the requirement is described to industry."""

    document: Literal["soo", "pws", "sow"] = Field(
        description=(
            "soo: a statement of objectives (flexible goals and objectives; offerors propose "
            "how), recommended by the guidance; pws: a performance work statement; sow: a "
            "statement of work (not performance-based)."
        ),
        json_schema_extra=Ask(
            question="How will the requirement be described to industry?",
            note=(
                '"Take a flexible approach that is based on goals and objectives": a statement '
                "of objectives lets offerors propose how to reach them."
            ),
            labels="requirement",
        ),
    )
    rationale: str | None = Field(
        None,
        description="Why this form was chosen; required reasoning if it is not performance-based.",
    )


class Surveillance(Section):
    """How the Government checks one deliverable: the standard it is held to."""

    standard: str | None = Field(
        None,
        description=(
            "What the deliverable must achieve to be accepted, in words the contractor controls. "
            "By default: the content described, delivered when due."
        ),
        examples=["Each readout names the participants' segments, the evidence for each finding "
                  "and a recommendation the product owner can act on."],
    )
    acceptable_quality_level: str | None = Field(
        None,
        description=(
            "How much short of the standard is still acceptable. By default: every submission "
            "accepted, with at most one resubmission."
        ),
        examples=["Every readout meets the standard; none is late by more than five working days."],
    )
    method: str | None = Field(
        None,
        description=(
            "How the Government checks it (inspection of each submission, random sampling, "
            "automated testing, customer feedback). By default: inspection of each submission by "
            "the contracting officer's representative and the product owner."
        ),
        examples=["The product owner and the COR review every readout at the iteration review."],
    )
    needs: list[PositiveInt] = Field(
        default_factory=list,
        description=(
            "The ranks of the needs this deliverable serves; the plan names their objectives "
            "(OBJ-1 is the top-ranked need). By default: every objective."
        ),
        examples=[[1, 2]],
    )
    measure: str | None = Field(
        None,
        description=(
            "The id of a success measure the standard is judged by. Success measures are program "
            "outcomes the contractor does not control, so `cxacq check` flags this; track them in "
            "the plan's outcomes table instead."
        ),
        examples=["status-calls"],
    )


class Deliverable(Section):
    """Something the contractor hands over."""

    name: Text = Field(description="e.g. 'Customer journey map'.")
    description: Text = Field(description="What it contains and what it is for.")
    due: str | None = Field(None, description="When or how often, e.g. 'every two weeks'.")
    ict: bool = Field(
        False,
        description=(
            "true if it is information and communication technology (a website, form, document "
            "published to the public, software): Section 508 applies."
        ),
        json_schema_extra=Ask(
            question=(
                "Is it information and communication technology (a website, form, published "
                "document or software), so that Section 508 applies?"
            ),
        ),
    )
    surveillance: Surveillance | None = Field(
        None,
        description=(
            "How the quality assurance surveillance plan checks this deliverable: its standard, "
            "acceptable quality level, method and the needs it serves. Optional: sensible "
            "defaults follow from the description and due date."
        ),
    )


class Risk(Section):
    """A risk to the acquisition or the work, and what you will do about it."""

    risk: Text = Field(description="What could go wrong.")
    likelihood: Level = Field(description="low, medium or high.")
    impact: Level = Field(description="low, medium or high.")
    mitigation: Text = Field(description="What reduces the risk.")


class Milestone(Section):
    """A dated milestone."""

    event: Text = Field(description="e.g. 'Solicitation released'.")
    date: dt.date = Field(description="Planned date (YYYY-MM-DD).")


class Acquisition(Section):
    """The acquisition approach: vehicle, competition, contract type and requirement."""

    _path_alias: str | None = PrivateAttr(default=None)

    title: Text = Field(
        description="A short name for the acquisition.",
        json_schema_extra=Ask(
            question="What is the acquisition called?",
        ),
    )
    vehicle: Text = Field(
        description="The contract vehicle, e.g. a GSA schedule or a DHS IDIQ.",
        json_schema_extra=Ask(
            question="Which contract vehicle will you use?",
        ),
    )
    ordering_procedure: Annotated[ProcurementPath, BeforeValidator(_path_alias)] = Field(
        description=(
            "The procurement path: schedule_order (an order under the Federal Supply "
            "Schedules, placed under GSA's ordering procedures), schedule_bpa (a blanket "
            "purchase agreement established under the Federal Supply Schedules, for recurring "
            "needs that orders under it then fill; say single or multiple award in bpa_award), "
            "task_order (an order under an "
            "IDIQ contract or GWAC, with fair opportunity among its holders), "
            "simplified_commercial (a commercial buy under simplified procedures, up to $9 "
            "million) or negotiated (a negotiated contract). Older files' far_8_4, far_16_505, "
            "far_15 and far_13 are read as these, with a warning."
        ),
        json_schema_extra=Ask(
            question="Which procurement path does the buy take?",
            labels="ordering_procedure",
        ),
    )
    bpa_award: BpaAward | None = Field(
        None,
        description=(
            "Required when ordering_procedure is schedule_bpa: single (one blanket purchase "
            "agreement, with one schedule contractor) or multiple (several, whose holders then "
            "compete for each order). The schedule procedures prefer multiple awards."
        ),
        examples=["single"],
        json_schema_extra=Ask(
            question="Will there be one blanket purchase agreement or several?",
            labels="bpa_award",
        ),
    )
    commercial: bool = Field(
        True,
        description=(
            "true if the services are commercial services (CX research and design usually "
            "are); simplified_commercial needs true."
        ),
        examples=["true"],
        json_schema_extra=Ask(
            question="Are the services commercial services?",
        ),
    )
    competition: Literal[
        "full_and_open", "fair_opportunity", "small_business_set_aside", "limited_sources"
    ] = Field(
        description=(
            "full_and_open, fair_opportunity (among holders of a vehicle), "
            "small_business_set_aside, or limited_sources."
        ),
        json_schema_extra=Ask(
            question="How will it be competed?",
            labels="competition",
        ),
    )
    limited_sources_authority: str | None = Field(
        None,
        description="The authority and reason, when competition is limited.",
        examples=[
            (
                f"{cite('fss_limited_sources')}: only one source can provide the services at "
                "the level of quality required, because they are unique or highly specialized"
            )
        ],
    )
    contract_type: ContractType = Field(
        description=(
            "firm_fixed_price, time_and_materials, labor_hour, cost_reimbursement or hybrid."
        ),
        json_schema_extra=Ask(
            question="Which contract type?",
            labels="contract_type",
        ),
    )
    contract_type_rationale: Text = Field(
        description="Why this contract type fits the work and its risks.",
        json_schema_extra=Ask(
            question="Why does this contract type fit the work and its risks?",
        ),
    )
    time_and_materials: TimeAndMaterials | None = Field(
        None,
        description=(
            "Required when contract_type is time_and_materials, labor_hour or hybrid: the "
            "findings for the determination that no other type is suitable, the ceiling "
            "price, cost surveillance and any plan to move to fixed price. The package then "
            "includes the determination and findings."
        ),
    )
    price_per_deliverable: bool = Field(
        False,
        description=(
            "True when a firm-fixed price is set for each deliverable: the instructions then "
            "list the deliverables as the price schedule, one fixed price each, and each is "
            "paid on acceptance against its surveillance standard."
        ),
        examples=[True],
        json_schema_extra=Ask(
            question="Is the fixed price set for each deliverable, paid on its acceptance?",
            note=(
                "Offerors then price each deliverable in the schedule, and each is accepted "
                "against its standard in the surveillance plan."
            ),
        ),
    )
    iterations: Iterations | None = Field(
        None,
        description=(
            "For a firm-fixed price set per fixed-length iteration: what an iteration is "
            "called, how long it lasts and how many each period holds. The instructions then "
            "ask for a fixed price per iteration for each period, and the cost estimate "
            "workbook prices the same schedule."
        ),
        json_schema_extra=Ask(
            question="Is the fixed price set per fixed-length iteration? If so, describe them.",
            note=(
                "A price per iteration needs a schedule: how long an iteration lasts and how "
                "many each period holds, so every offeror prices the same thing."
            ),
        ),
    )
    requirement: Requirement = Field(description="How the requirement is described.")
    incumbent: str | None = Field(
        None, description="The current contractor, if any.", examples=["Acme Digital Services LLC"]
    )
    history: list[Text] = Field(
        default_factory=list,
        description="Technical and contractual history: earlier contracts and efforts.",
    )
    alternatives: list[Text] = Field(
        default_factory=list,
        description="Alternatives considered, e.g. doing the work in-house.",
    )
    conditions: list[Text] = Field(
        default_factory=list,
        description="Conditions that shape the work: systems it must fit, policies, deadlines.",
    )
    languages: list[Text] = Field(
        default_factory=lambda: ["English"],
        description="Languages the research and designs must serve.",
    )
    deliverables: list[Deliverable] = Field(
        min_length=1, description="What the contractor hands over.",
        json_schema_extra=Ask(
            question="What will the contractor hand over?",
            item="deliverable",
        ),
    )
    place_of_performance: str | None = Field(
        None,
        description=(
            "Where the contractor works: its own sites, remotely, or at named Government "
            "sites, and when travel is needed. Printed in the statement of objectives or the "
            "performance work statement."
        ),
        examples=[
            "Remote, from the contractor's own sites in the United States; research sessions "
            "at two field offices each year, planned with the program."
        ],
    )
    data_rights: str | None = Field(
        None,
        description=(
            "The rights the Government needs in research data, designs and code. If left out, "
            "the documents leave the decision to the contracting officer and check warns."
        ),
        examples=[
            "The Government has unlimited rights in all research data, recordings, journey maps "
            f"and design files ({cite('rights_in_data_clause')}), delivered in open, editable "
            "formats."
        ],
    )
    tradeoffs: str | None = Field(
        None, description="Trade-offs you expect among cost, capability and schedule."
    )
    risks: list[Risk] = Field(
        default_factory=list,
        description="Risks and mitigations.",
        json_schema_extra=Ask(
            question="What could go wrong, and what will you do about it?",
            item="risk",
        ),
    )
    milestones: list[Milestone] = Field(
        default_factory=list, description="Dated milestones from plan approval to award.",
        json_schema_extra=Ask(
            question="What are the dated milestones from plan approval to award?",
            item="milestone",
        ),
    )

    @model_validator(mode="wrap")
    @classmethod
    def _remember_path_alias(cls, data: Any, handler: Any) -> Any:
        """Keep an old ``ordering_procedure`` value, so a rule can name its new value."""
        old = data.get("ordering_procedure") if isinstance(data, dict) else None
        result = handler(data)
        if isinstance(old, str) and old.strip() in PATH_ALIASES:
            result._path_alias = old.strip()
        return result

    @property
    def path_alias(self) -> str | None:
        """Return the old value ``ordering_procedure`` was written with, if any."""
        return self._path_alias

    def iteration_schedule(self, periods: Sequence[FundingPeriod]) -> IterationSchedule | None:
        """Return the schedule of a firm-fixed price per iteration, or None.

        None unless the contract type is firm-fixed-price and the answers give ``iterations``
        whose counts per period are known (given, or following from the length).
        """
        if self.contract_type != "firm_fixed_price" or self.iterations is None:
            return None
        counts = self.iterations.counts(periods)
        if counts is None:
            return None
        return IterationSchedule(
            name=self.iterations.name,
            weeks=self.iterations.weeks,
            periods=tuple(
                (p.name, p.months, count) for p, count in zip(periods, counts, strict=True)
            ),
        )


class Compliance(Section):
    """Privacy, security, the Paperwork Reduction Act and accessibility."""

    public_research: bool = Field(
        description="true if the contractor will interview, observe or test with the public.",
        json_schema_extra=Ask(
            question="Will the contractor interview, observe or test with members of the public?",
        ),
    )
    surveys_public: bool = Field(
        description=(
            "true if the contractor will ask ten or more members of the public the same "
            "questions (a survey or form): the Paperwork Reduction Act applies."
        ),
        json_schema_extra=Ask(
            question=(
                "Will the contractor ask ten or more members of the public the same questions (a "
                "survey or a form)? If so, the Paperwork Reduction Act applies."
            ),
        ),
    )
    pra_plan: str | None = Field(
        None,
        description="How PRA clearance will be obtained, e.g. a generic clearance, and when.",
        json_schema_extra=Ask(
            question="How will Paperwork Reduction Act clearance be obtained, and when?",
        ),
    )
    handles_pii: bool = Field(
        description="true if research will collect personally identifiable information.",
        json_schema_extra=Ask(
            question="Will research collect personally identifiable information?",
        ),
    )
    privacy_plan: str | None = Field(
        None, description="How PII is protected: consent, storage, retention, privacy review.",
        json_schema_extra=Ask(
            question=(
                "How will that information be protected: consent, storage, retention, privacy "
                "review?"
            ),
        ),
    )
    system_access: bool = Field(
        False, description="true if contractor staff need access to DHS systems or facilities.",
        json_schema_extra=Ask(
            question="Will contractor staff need access to DHS systems or facilities?",
        ),
    )
    accessibility_standard: Text = Field(
        "Revised Section 508 Standards (36 CFR 1194), which incorporate WCAG 2.0 Level AA",
        description="The ICT accessibility standard deliverables must meet.",
        examples=[
            "Revised Section 508 Standards (36 CFR 1194), which incorporate WCAG 2.0 Level AA"
        ],
    )
    accessibility_notes: str | None = Field(
        None, description="Exceptions, or how accessibility will be tested and accepted."
    )
