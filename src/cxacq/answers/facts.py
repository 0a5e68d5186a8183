"""The facts the documents and rules depend on, decided once from the answers.

The procurement path (schedule order, blanket purchase agreement under the schedules,
task order, simplified commercial buy or negotiated contract) decides the words
(quotation and quoter, or proposal and offeror), which rules apply (fair opportunity
only for task orders, a competitive range and negotiations only in a negotiated
acquisition), the notice and debriefing rule, and whether a formal evaluation plan is
required. Templates and guidance rules read :class:`Facts` (``facts.is_fixed_price``,
``facts.responder``) instead of comparing answers themselves.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cxacq.citations import Citations, citations_for

if TYPE_CHECKING:
    from cxacq.answers.model import Answers

__all__ = [
    "ALLOWED_BASIS",
    "ALLOWED_COMPETITION",
    "HTR_COMPARISONS",
    "ORDER_DEBRIEFING_THRESHOLD",
    "PART_15_COMPARISONS",
    "PATH_NAMES",
    "SIMPLIFIED_THRESHOLD",
    "SINGLE_AWARD_BPA_THRESHOLD",
    "TM_APPROVAL_MONTHS",
    "Facts",
    "decide_facts",
]

SIMPLIFIED_THRESHOLD = Decimal(9_000_000)
"""Simplified procedures for commercial buys: up to $9 million (see ``simplified_commercial``)."""

ORDER_DEBRIEFING_THRESHOLD = Decimal(7_500_000)
"""Orders above $7.5 million get postaward notices and debriefings (see ``order_debriefing``)."""

SINGLE_AWARD_BPA_THRESHOLD = Decimal(150_000_000)
"""A single-award schedule BPA above $150 million needs the head of the agency's determination
(see ``fss_single_award_bpa``: checked against secondary summaries, not GSA's own text)."""

TM_APPROVAL_MONTHS = 36
"""Above three years, base and options, a T&M determination needs the HCA's approval."""

PATH_NAMES: dict[str, str] = {
    "schedule_order": "an order under the Federal Supply Schedules",
    "schedule_bpa": "a blanket purchase agreement under the Federal Supply Schedules",
    "task_order": "a task order under an indefinite-delivery, indefinite-quantity contract",
    "simplified_commercial": "a commercial buy under simplified procedures",
    "negotiated": "a negotiated contract",
}

ALLOWED_COMPETITION: dict[str, tuple[str, ...]] = {
    "schedule_order": ("full_and_open", "small_business_set_aside", "limited_sources"),
    "schedule_bpa": ("full_and_open", "small_business_set_aside", "limited_sources"),
    "task_order": ("fair_opportunity", "small_business_set_aside", "limited_sources"),
    "simplified_commercial": ("full_and_open", "small_business_set_aside", "limited_sources"),
    "negotiated": ("full_and_open", "small_business_set_aside", "limited_sources"),
}
"""The competition each path allows: fair opportunity exists only for task orders."""

ALLOWED_BASIS: dict[str, tuple[str, ...]] = {
    "schedule_order": (
        "best_value_tradeoff", "best_suited_comparative", "lowest_price_technically_acceptable"
    ),
    "schedule_bpa": (
        "best_value_tradeoff", "best_suited_comparative", "lowest_price_technically_acceptable",
        "highest_technically_rated",
    ),
    "task_order": (
        "best_value_tradeoff", "best_suited_comparative", "lowest_price_technically_acceptable",
        "highest_technically_rated",
    ),
    "simplified_commercial": (
        "best_value_tradeoff", "best_suited_comparative", "lowest_price_technically_acceptable",
        "highest_technically_rated",
    ),
    "negotiated": (
        "best_value_tradeoff", "lowest_price_technically_acceptable", "highest_technically_rated"
    ),
}
"""The basis for award each path allows.

A comparative evaluation is not a Part 15 approach. Highest technically rated with a fair and
reasonable price (``highest_technically_rated``) is a named Part 15 approach under the overhaul;
before it, the best-value continuum allowed it (GAO upheld it in ``gao_b_413559``, which the
legacy edition cites). Orders and simplified buys have the broad discretion to use it. It is refused
for an order under the schedules: the schedule program requires each order to be the lowest
overall cost alternative, and GAO held that checking only whether the top-rated quotation's price
is fair and reasonable does not meet that (``gao_b_418141``). Blanket purchase agreements keep it:
holders of multiple-award agreements compete on price again for each order, and a single-award
agreement, the case GAO decided, gets the warning BPA-C01 for the contracting officer to confirm.
"""

HTR_COMPARISONS: tuple[str, ...] = ("significantly_more_important", "more_important")
"""What non-price factors may be against price when award goes to the highest technically rated
response with a fair and reasonable price: price never outweighs them."""

PART_15_COMPARISONS: tuple[str, ...] = (
    "significantly_more_important", "approximately_equal", "significantly_less_important"
)
"""The three statements of non-price factors against price a negotiated contract must use;
orders and simplified buys may also say plainly more important, equal or less important."""

_LIMITED_SOURCES_AUTHORITY: dict[str, str] = {
    "schedule_order": "fss_limited_sources",
    "schedule_bpa": "fss_limited_sources",
    "task_order": "fair_opportunity_exceptions",
    "simplified_commercial": "other_than_full_and_open",
    "negotiated": "other_than_full_and_open",
}

_COMPETITION_WORDS: dict[str, dict[str, str]] = {
    "schedule_order": {
        "full_and_open": "competition among the schedule contractors",
        "small_business_set_aside": "competition set aside for small businesses on the schedule",
        "limited_sources": "limited-sources competition",
    },
    "schedule_bpa": {
        "full_and_open": "competition among the schedule contractors",
        "small_business_set_aside": "competition set aside for small businesses on the schedule",
        "limited_sources": "limited-sources competition",
    },
    "task_order": {
        "fair_opportunity": "fair opportunity among the holders of the contract",
        "small_business_set_aside": "competition set aside for small-business contract holders",
        "limited_sources": "an exception to fair opportunity",
    },
    "simplified_commercial": {
        "full_and_open": "full and open competition",
        "small_business_set_aside": "competition set aside for small businesses",
        "limited_sources": "other than full and open competition",
    },
    "negotiated": {
        "full_and_open": "full and open competition",
        "small_business_set_aside": "competition set aside for small businesses",
        "limited_sources": "other than full and open competition",
    },
}


@dataclass(frozen=True)
class Facts:
    """What the answers decide, in names a template reads as prose."""

    path: str
    edition: str
    cite: Citations
    # The path
    is_schedule_order: bool
    is_bpa: bool  # a blanket purchase agreement under the schedules; orders under it follow
    is_single_award_bpa: bool
    is_task_order: bool
    is_simplified: bool
    is_part_15: bool
    is_commercial: bool  # commercial services, bought on commercial terms
    path_phrase: str  # "an order under the Federal Supply Schedules, placed under …"
    competition_phrase: str
    limited_sources_concept: str
    # Contract type family
    is_fixed_price: bool
    is_time_and_materials: bool  # time-and-materials, labor-hour or a hybrid with T&M lines
    is_cost_reimbursement: bool
    prices_per_iteration: bool  # a firm-fixed price per fixed-length iteration (``iterations``)
    prices_per_deliverable: bool  # a firm-fixed price for each deliverable, paid on acceptance
    runs_over_three_years: bool  # base and options: a T&M determination then needs the HCA
    option_periods: int  # how many option periods follow the base period
    # Factors and basis for award
    has_price_factor: bool
    has_past_performance_factor: bool
    delivers_software: bool  # a deliverable is software: test and sustainment apply
    # The requirement document
    is_soo: bool  # a statement of objectives: each offeror proposes its own work statement
    is_pws: bool  # a performance work statement
    is_lpta: bool
    is_tradeoff: bool
    is_comparative: bool
    is_highest_technically_rated: bool  # rank on non-price factors; price only fair and reasonable
    rates_by_comparison: bool  # responses compared with each other, with no rating scale
    oral_presentation_is_gated: bool  # it informs a factor in a mandatory gate: pass or fail
    # What applies
    evaluation_plan_required: bool
    has_fair_opportunity: bool
    has_competitive_range: bool
    has_negotiations: bool
    order_debriefing_applies: bool
    # The words
    response: str  # quotation or proposal
    responses: str
    responder: str  # quoter or offeror
    responders: str
    solicitation: str
    award_noun: str  # order, blanket purchase agreement or contract
    exchanges: str  # negotiations, discussions or exchanges
    # The agency
    is_dhs: bool
    agency: str
    agency_short: str
    supplement: str
    cx_advisors: str

    @property
    def is_order(self) -> bool:
        """Return True for a schedule order or a task order."""
        return self.is_schedule_order or self.is_task_order

    @property
    def path_name(self) -> str:
        """Return the path in words, without citations ("a blanket purchase agreement …")."""
        return PATH_NAMES[self.path]

    @property
    def is_schedule(self) -> bool:
        """Return True for a schedule order or a blanket purchase agreement under the schedules."""
        return self.is_schedule_order or self.is_bpa

    @property
    def is_multiple_award_bpa(self) -> bool:
        """Return True for multiple blanket purchase agreements whose holders compete for orders."""
        return self.is_bpa and not self.is_single_award_bpa

    @property
    def is_quotation(self) -> bool:
        """Return True when the buy asks for quotations, not proposals."""
        return self.response == "quotation"

    @property
    def is_commercial_task_order(self) -> bool:
        """Return True for a task order for commercial services."""
        return self.is_task_order and self.is_commercial

    @property
    def needs_type_determination(self) -> bool:
        """Return True when the contract type needs findings or approval beyond the CO."""
        return not self.is_fixed_price


_DECIDED: dict[int, dict[str, Facts]] = {}
"""Facts already decided, by the identity of the answers object and then by edition.

The table is kept beside the answers, not on them: equality, dumps, copies and pickles
of an answers object stay as they were. An entry leaves the table when its answers object
is collected (a ``weakref.finalize``), so an identity is never reused while it is here.
"""


def decide_facts(a: Answers, edition: str | None = None) -> Facts:
    """Return the facts for answers ``a`` under ``edition`` (default: the file's own).

    The facts are decided once per answers object and edition: validation, the guidance
    rules, the document registry and every document's context of one package all read the
    same :class:`Facts`. Answers are frozen, so what they decide cannot change. A copy made
    with another edition (``Answers.with_far_edition``) is another object and decides its own.
    """
    edition = edition or a.document.far_edition
    decided = _DECIDED.get(id(a))
    if decided is None:
        decided = _DECIDED.setdefault(id(a), {})
        weakref.finalize(a, _DECIDED.pop, id(a), None).atexit = False
    facts = decided.get(edition)
    if facts is None:
        facts = decided[edition] = _decide(a, edition)
    return facts


def _decide(a: Answers, edition: str) -> Facts:
    """Work out the facts for answers ``a`` under ``edition`` (see :func:`decide_facts`)."""
    cite = citations_for(edition)
    acq = a.acquisition
    path = acq.ordering_procedure
    kinds = {f.kind for f in a.evaluation.factors}
    basis = a.evaluation.basis_for_award
    quotation = path in ("schedule_order", "schedule_bpa", "simplified_commercial")
    bpa = path == "schedule_bpa"
    part_15 = path == "negotiated"
    agency = a.agency
    supplement = agency.supplement or (
        "the Homeland Security Acquisition Manual" if agency.is_dhs else ""
    )
    return Facts(
        path=path,
        edition=edition,
        cite=cite,
        is_schedule_order=path == "schedule_order",
        is_bpa=bpa,
        is_single_award_bpa=bpa and acq.bpa_award == "single",
        is_task_order=path == "task_order",
        is_simplified=path == "simplified_commercial",
        is_part_15=part_15,
        is_commercial=acq.commercial,
        path_phrase=_path_phrase(path, cite, acq.bpa_award),
        competition_phrase=_COMPETITION_WORDS[path].get(
            acq.competition, acq.competition.replace("_", " ")
        ),
        limited_sources_concept=_LIMITED_SOURCES_AUTHORITY[path],
        is_fixed_price=acq.contract_type == "firm_fixed_price",
        is_time_and_materials=acq.contract_type in ("time_and_materials", "labor_hour", "hybrid"),
        is_cost_reimbursement=acq.contract_type == "cost_reimbursement",
        prices_per_iteration=acq.contract_type == "firm_fixed_price"
        and acq.iterations is not None,
        prices_per_deliverable=acq.contract_type == "firm_fixed_price"
        and acq.price_per_deliverable and bool(acq.deliverables),
        runs_over_three_years=a.funding.total_months > TM_APPROVAL_MONTHS,
        option_periods=sum(1 for period in a.funding.periods if period.kind == "option"),
        has_price_factor="price" in kinds,
        has_past_performance_factor=bool({"past_performance", "experience"} & kinds),
        delivers_software=any(
            d.ict and _SOFTWARE.search(f"{d.name} {d.description}") for d in acq.deliverables
        ),
        is_soo=acq.requirement.document == "soo",
        is_pws=acq.requirement.document == "pws",
        is_lpta=basis == "lowest_price_technically_acceptable",
        is_tradeoff=basis == "best_value_tradeoff",
        is_comparative=basis == "best_suited_comparative",
        is_highest_technically_rated=basis == "highest_technically_rated",
        rates_by_comparison=a.evaluation.rating_method == "comparative",
        oral_presentation_is_gated=bool(
            set(a.oral_presentation.factors) & a.evaluation.gated_factors
        ),
        evaluation_plan_required=part_15,
        has_fair_opportunity=path == "task_order" and acq.competition != "limited_sources",
        has_competitive_range=part_15,
        has_negotiations=part_15,
        order_debriefing_applies=path == "task_order"
        and a.funding.total > ORDER_DEBRIEFING_THRESHOLD,
        response="quotation" if quotation else "proposal",
        responses="quotations" if quotation else "proposals",
        responder="quoter" if quotation else "offeror",
        responders="quoters" if quotation else "offerors",
        solicitation=_SOLICITATION[path],
        award_noun="contract" if part_15 else "blanket purchase agreement" if bpa else "order",
        exchanges=("discussions" if edition == "legacy" else "negotiations")
        if part_15
        else "exchanges",
        is_dhs=agency.is_dhs,
        agency=agency.name,
        agency_short=agency.abbreviation,
        supplement=supplement,
        cx_advisors=agency.cx_advisors
        or (
            "the DHS OCIO Customer Experience Directorate"
            if agency.is_dhs
            else f"the {agency.abbreviation} customer experience team"
        ),
    )


_SOFTWARE = re.compile(
    r"\b(code|software|application|app|release[sd]?|production)\b", re.IGNORECASE
)
"""Words that make an ICT deliverable software, not a document or a design file."""

_SOLICITATION = {
    "schedule_order": "request for quotations",
    "schedule_bpa": "request for quotations",
    "task_order": "task order request",
    "simplified_commercial": "request for quotations",
    "negotiated": "request for proposals",
}


def _path_phrase(path: str, cite: Citations, bpa_award: str | None = None) -> str:
    """Return the path in words with its citations under the edition."""
    if path == "schedule_bpa":
        awards = {"single": "a single-award", "multiple": "a multiple-award"}.get(bpa_award or "")
        what = f"{awards} {PATH_NAMES[path][2:]}" if awards else PATH_NAMES[path]
        procedures = (
            "GSA's ordering procedures" if cite.has("gsa_ordering_procedures")
            else "the schedule ordering procedures"
        )
        return f"{what}, established under {procedures} ({cite['fss_bpa']})"
    if path == "schedule_order":
        if cite.has("gsa_ordering_procedures"):
            where = f"{cite['fss_ordering']} and {cite['gsa_ordering_procedures']}"
            return f"{PATH_NAMES[path]}, placed under GSA's ordering procedures ({where})"
        return f"{PATH_NAMES[path]}, placed under the schedule ordering procedures " \
            f"({cite['fss_ordering']})"
    if path == "task_order":
        vehicle = f"{PATH_NAMES[path]} or governmentwide acquisition contract"
        return f"{vehicle} ({cite['fair_opportunity']})"
    if path == "simplified_commercial":
        return f"{PATH_NAMES[path]} ({cite['simplified_commercial']})"
    return f"{PATH_NAMES[path]} ({cite['negotiated_acquisition']})"
