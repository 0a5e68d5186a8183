"""The one catalog of regulatory and policy citations, as concepts under a FAR edition.

Every regulation a document, rule or message cites is a *concept* here (for example
"the three relative-importance statements"), with its number in each edition:

- ``rfo``: the Revolutionary FAR Overhaul model deviation text, which agencies (DHS
  included) adopted part by part by class deviation in 2025 and 2026. The default.
- ``legacy``: the FAR as codified in 48 CFR chapter 1, before the overhaul.
- ``dual``: the overhaul number with the 48 CFR number in parentheses, for example
  "FAR 15.104(d) (formerly 15.304(e))".

A concept with no successor under an edition (``rfo=None``) is not cited under it: the
text that uses it must say something else (:meth:`Citations.has` tells a template). Each
entry records what was searched to check it (``verified``): ``grep -n`` in the overhaul's
model deviation text and the FAR Companion, version 2.0. Legacy numbers come from the
old → new map in the project's FAR overhaul notes; 48 CFR itself is not stored here.
``docs/citations.md`` is generated from this module (``make docs``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "CATALOGUE_DATE",
    "CITATIONS",
    "DEFAULT_EDITION",
    "EDITIONS",
    "REUSED",
    "SSI_LEGEND",
    "Citation",
    "Citations",
    "Edition",
    "cite",
    "citations_for",
    "find_far_numbers",
    "known_numbers",
    "legacy_concept",
]

Edition = Literal["rfo", "legacy", "dual"]
EDITIONS: tuple[str, ...] = get_args(Edition)
DEFAULT_EDITION: Edition = "rfo"
CATALOGUE_DATE = dt.date(2026, 12, 1)
"""The day the catalogue was last checked against the overhaul text."""

EDITION_NAMES: dict[str, str] = {
    "rfo": "the FAR as amended by the Revolutionary FAR Overhaul class deviations",
    "legacy": "the FAR as codified in 48 CFR chapter 1, before the overhaul",
    "dual": (
        "the FAR as amended by the Revolutionary FAR Overhaul class deviations, with the "
        "48 CFR number in parentheses"
    ),
}

_RFO = "grep -n in the overhaul's model deviation text"
_FC = "grep -n in the FAR Companion, version 2.0"


@dataclass(frozen=True)
class Citation:
    """A citable concept: its number in each edition and what was checked."""

    key: str
    concept: str  # what it requires, in a line
    legacy: str | None  # as cited under 48 CFR, e.g. "FAR 15.304(e)"; None: not in 48 CFR
    rfo: str | None  # as cited under the overhaul; None: no successor
    verified: str
    statute: str | None = None
    note: str = ""

    def text(self, edition: str) -> str:
        """Return how the concept is cited under ``edition``, or "" if it is not cited."""
        if edition == "legacy":
            return self.legacy or ""
        if self.rfo is None:
            return ""
        if edition == "dual" and self.legacy and self.legacy != self.rfo:
            return f"{self.rfo} (formerly {_short(self.legacy, self.rfo)})"
        return self.rfo


def _short(legacy: str, rfo: str) -> str:
    """Drop the shared "FAR " prefix from a legacy number shown beside its successor."""
    for prefix in ("FAR ",):
        if legacy.startswith(prefix) and rfo.startswith(prefix):
            return legacy[len(prefix):]
    return legacy


def _same(key: str, concept: str, text: str, verified: str, **extra: str) -> Citation:
    """Return a concept cited the same way under both editions."""
    return Citation(key, concept, text, text, verified, **extra)


_ENTRIES = [
    # Acquisition planning (Part 7)
    Citation(
        "plan_elements", "What a written acquisition plan contains.",
        "FAR 7.105", "FAR 7.104(c)",
        f"{_RFO}: '^7.105' shows '7.105 [Reserved]'; '7.104(c)' says content follows the "
        "agency's procedures and the elements relevant to the procurement.",
        note="The old 7.105(b)(1)-(22) checklist has no regulatory home; FAR Companion "
        "7.104(c) offers streamlined and complex lists.",
    ),
    Citation(
        "plan_small_business", "Small business opportunities are considered in planning.",
        "FAR 7.105(b)(1)(iii)", "FAR 7.103(b)(3)",
        f"{_RFO}: '7.103' (b)(3) 'Small business opportunities are considered in acquisitions "
        "to the maximum extent practicable'.",
    ),
    Citation(
        "plan_market_research_impact", "The plan states how market research shaped it.",
        "FAR 7.105(b)(1)(v)", None,
        f"{_RFO}: '^7.105' shows '7.105 [Reserved]'.",
        note="No successor: FAR Companion 7.104(c) lists market research in a streamlined plan.",
    ),
    Citation(
        "plan_data_rights", "The plan addresses technical data and rights.",
        "FAR 7.105(b)(14)(iii)", None,
        f"{_RFO}: '^7.105' shows '7.105 [Reserved]'.",
        note="No successor in Part 7; Part 27 still governs data rights.",
    ),
    Citation(
        "plan_privacy", "The plan addresses privacy.", "FAR 7.105(b)(18)", None,
        f"{_RFO}: '^7.105' shows '7.105 [Reserved]'.",
        note="No successor in Part 7; the Privacy Act still applies.",
    ),
    Citation(
        "plan_milestones", "The plan lists milestones from approval to award.",
        "FAR 7.105(b)(21)", None,
        f"{_RFO}: '^7.105' shows '7.105 [Reserved]'.",
        note="No successor: FAR Companion 7.104(c) asks for a high-level milestone schedule.",
    ),
    Citation(
        "plan_participants", "The plan names the people who took part in it.",
        "FAR 7.105(b)(22)", None,
        f"{_RFO}: '^7.105' shows '7.105 [Reserved]'.",
        note="No successor: FAR Companion 7.104(c) and 7.104(b) on forming the team.",
    ),
    Citation(
        "plan_written_required", "When a written acquisition plan is required.",
        "FAR 7.103(e)", "FAR 7.102(d)",
        f"{_RFO}: '7.102 Requirements' (d) 'A written plan is required for cost "
        "reimbursement and other high-risk contracts other than firm-fixed-price'.",
    ),
    Citation(
        "cost_type_plan_approval",
        "Cost-reimbursement: the plan is approved at least one level above the contracting "
        "officer.",
        "FAR 7.103(j)", "FAR 16.301-2(b)",
        f"{_RFO}: '^16.301-2' (b) 'approved and signed at least one level above the "
        "contracting officer'.",
    ),
    Citation(
        "tm_determination",
        "Time-and-materials and labor-hour: the determination and findings, ceiling price and "
        "approval above three years.",
        "FAR 16.601(d)", "FAR 16.601-3",
        f"{_RFO}: '^16.601-3 Limitations' (a) determination and findings, (a)(2) head of the "
        "contracting activity above three years, (b) ceiling price.",
    ),
    Citation(
        "commercial_tm_determination",
        "Commercial services on a time-and-materials or labor-hour basis: the determination "
        "and findings that a fixed-price type is not suitable, and a ceiling price.",
        "FAR 12.207(b)", "FAR 12.104(b)",
        f"{_RFO}: '(b) Time-and-materials or labor-hour contracts' under '12.104 Contract "
        "type': (b)(1)(i) D&F that firm-fixed-price is not suitable, (b)(1)(ii) ceiling price; "
        "(c)(2)(ii) one level above the contracting officer approves the D&F of a contract "
        "that allows only such orders.",
    ),
    Citation(
        "ict_planning", "Planning considers ICT accessibility standards.",
        "FAR 7.103(q)", "FAR 7.103(b)(6)",
        f"{_RFO}: '7.103' (b)(6) 'information and communication technology (ICT) "
        "accessibility standards (see part 39)'.",
    ),
    Citation(
        "inherently_governmental", "Inherently governmental functions.",
        "FAR 7.503", "FAR 7.503",
        f"{_RFO}: '^7.503 Policy'; (c)(12)(ii) 'Participating as a voting member on any "
        "source selection boards'.",
    ),
    _same(
        "ig_determination",
        "The written determination that no function in the work statement is inherently "
        "governmental.",
        "FAR 7.503(e)",
        f"{_RFO}: '7.503' (e) 'a written determination that none of the functions to be "
        "performed are inherently governmental'.",
    ),
    Citation(
        "aas_evaluation_determination",
        "The determination before contractors help evaluate proposals.",
        "FAR 37.203(d)", "FAR 37.402-3",
        f"{_RFO}: '^37.402-3 A & AS contracts for the evaluation of proposals'; also "
        "7.103(b)(7).",
        statute="41 U.S.C. 1709",
    ),
    # Market research and competition (Parts 6, 10, 19)
    _same(
        "market_research", "Market research.", "FAR Part 10",
        f"{_RFO}: '^PART 10' shows 'PART 10 - MARKET RESEARCH'.",
    ),
    _same(
        "market_research_policy",
        "Market research policy, including the order in which sources are considered.",
        "FAR 10.001", f"{_RFO}: '^10.001 Market research requirements'.",
    ),
    _same(
        "small_business", "Small business programs and set-asides.", "FAR Part 19",
        f"{_RFO}: '^PART 19' shows 'PART 19 - SMALL BUSINESS'.",
    ),
    Citation(
        "other_than_full_and_open",
        "Circumstances permitting other than full and open competition.",
        "FAR 6.302", "FAR 6.103",
        f"{_RFO}: '^6.103' shows '6.103 Other than full and open competition.'",
    ),
    # Ordering under the schedules and IDIQ contracts (Parts 8, 16; GSAR 538.71)
    Citation(
        "fss_ordering", "Orders under the Federal Supply Schedules.",
        "FAR subpart 8.4", "FAR 8.401(b)",
        f"{_RFO}: '^8.401' (b) 'agencies must follow the ordering procedures established by "
        "GSA and found at 538.71'.",
        note="Under the overhaul the ordering procedures left the FAR for GSAR 538.71.",
    ),
    Citation(
        "gsa_ordering_procedures", "GSA's ordering procedures for schedule orders.",
        None, "GSAR subpart 538.71",
        f"{_RFO}: '^8.401' (b) 'found at 538.71'; {_FC}: 'GSAR subpart 538.71'.",
    ),
    Citation(
        "fss_limited_sources", "Limiting sources for a schedule order.",
        "FAR 8.405-6", "GSAR 538.7104-3",
        f"{_FC}: 'FC 8.401(b), 538.7104-3(b)(2) Contents of sole source justifications'.",
    ),
    Citation(
        "fss_brief_explanation",
        "The brief explanation of a schedule order award given to an unsuccessful quoter.",
        "FAR 8.405-2(d)", "GSAR 538.7102-2(b)(6)",
        f"{_FC}: 'provide a brief explanation of the award decision (see GSAR "
        "538.7102-2(b)(6))', requested within 3 days after notice of award.",
    ),
    # Blanket purchase agreements under the schedules. The overhaul's FAR text only routes
    # them to GSA's procedures (8.401(b)); GSAR subpart 538.71 itself is not stored here, so
    # under the overhaul each concept cites the subpart, not a section inside it.
    Citation(
        "fss_bpa",
        "Establishing blanket purchase agreements under the Federal Supply Schedules, with one "
        "or several schedule contractors, for recurring needs.",
        "FAR 8.405-3(a)", "GSAR subpart 538.71",
        f"{_RFO}: '^8.401' (b) 'When placing an order under the FSS, agencies must follow the "
        f"ordering procedures established by GSA and found at 538.71'; {_FC}: 'When "
        "establishing a blanket purchase agreement under the Federal Supply Schedule, the "
        "contracting officer may also establish a reserve for small business (GSAR "
        "538.7102-2(c)(1))', so schedule BPAs are in GSAR subpart 538.71.",
        note="The legacy paragraph is cited from memory (48 CFR is not stored here); GSA's "
        "schedule BPA pages found with search agree that 8.405-3 governs schedule BPAs. The "
        "sections of GSAR subpart 538.71 are not stored here: the contracting officer confirms "
        "the section.",
    ),
    Citation(
        "fss_bpa_ordering",
        "Placing orders under a schedule blanket purchase agreement: directly under a "
        "single-award agreement, competed among the holders of multiple-award agreements.",
        "FAR 8.405-3(c)", "GSAR subpart 538.71",
        f"{_RFO}: '^8.401' (b) routes schedule ordering to 538.71. The legacy paragraph is "
        "from memory; GSA's 'Ordering from BPAs' page found with search gives the same "
        "single-award and multiple-award procedures.",
        note="48 CFR is not stored here; the section of GSAR subpart 538.71 is not checked.",
    ),
    Citation(
        "fss_single_award_bpa",
        "The preference for multiple-award schedule blanket purchase agreements, and the head of "
        "the agency's written determination before a single-award agreement above the "
        "threshold.",
        "FAR 8.405-3(a)(3)", "GSAR subpart 538.71",
        f"{_RFO}: '^8.401' (b) routes schedule ordering to 538.71. The legacy paragraph is "
        "from memory, matched by GSA's MAS desk guide found with search ('agency head "
        "determination required by FAR 8.405-3(a)(3)(ii)'). The threshold is checked in the "
        "overhaul only for the parallel single-award task-order contract: '16.504-3' '(4) (i) "
        "No task or delivery order contract in an amount estimated to exceed $150 million'.",
        note="Secondary summaries of 48 CFR 8.405-3 found with search give $150 million for "
        "single-award schedule BPAs (older text: $100 million, adjusted for inflation). GSA's "
        "figure in GSAR subpart 538.71 is not stored here: the contracting officer confirms it.",
    ),
    Citation(
        "fss_bpa_duration",
        "A single-award schedule blanket purchase agreement: one year, with up to four one-year "
        "options.",
        "FAR 8.405-3(d)(2)", "GSAR subpart 538.71",
        f"{_RFO}: '^8.401' (b) routes schedule ordering to 538.71. The legacy paragraph is "
        "from memory, matched by two pages found with search (GSA's MAS desk guide: 'A "
        "single-award BPA shall not exceed one year, although it may include up to four "
        "one-year options'; a Coalition for Government Procurement comment citing 8.405-3(d)(2)).",
        note="The overhaul text does not say whether GSAR subpart 538.71 keeps the limit: the "
        "contracting officer confirms it.",
    ),
    Citation(
        "fss_bpa_review",
        "The annual review of a schedule blanket purchase agreement, and the competition "
        "advocate's approval before an option of a single-award agreement is exercised.",
        "FAR 8.405-3(e)", "GSAR subpart 538.71",
        f"{_RFO}: '^8.401' (b) routes schedule ordering to 538.71. The legacy paragraph is "
        "from memory, matched by GSA's MAS desk guide found with search ('The ordering "
        "activity Contracting Officer shall review each BPA and determine in writing, at least "
        "once a year') and a comment citing 8.405-3(e)(3) for the competition advocate.",
        note="48 CFR is not stored here; the section of GSAR subpart 538.71 is not checked.",
    ),
    Citation(
        "fc_bpa_contents",
        "What a blanket purchase agreement should state, and its annual review (guidance).",
        None, "FAR Companion 12.201-1(e)(3)",
        f"{_FC}: 'FC 12.201-1(e)(3) Blanket purchase agreements (BPAs).' ... 'On an annual "
        "basis or prior to exercise of an option, BPAs should be reviewed to ensure the BPA "
        "still represents the best value'.",
        note="Written for BPAs under Part 12; the contents and review carry over as good "
        "practice.",
    ),
    Citation(
        "fc_bpa_single_or_multiple",
        "Choosing a single-award or multiple-award blanket purchase agreement (guidance).",
        None, "FAR Companion 16.507-2(c)(3)",
        f"{_FC}: 'FC 16.507-2(c)(3) Blanket Purchase Agreements (BPAs) under multiple-award "
        "contracts.' ... 'Single award BPAs work particularly well when the government’s needs "
        "are highly integrated or sequential'.",
        note="Written for BPAs under multiple-award contracts; the reasoning is the same for "
        "schedule BPAs.",
    ),
    Citation(
        "fair_opportunity", "Fair opportunity for orders under multiple-award contracts.",
        "FAR 16.505(b)(1)", "FAR 16.507-2",
        f"{_RFO}: '^16.507-2' shows '16.507-2 Fair opportunity procedures.'",
    ),
    Citation(
        "order_streamlined",
        "Order placement: broad discretion; no evaluation plan, scores or competitive range "
        "required.",
        "FAR 16.505(b)(1)(ii)", "FAR 16.507-2(a)(3)",
        f"{_RFO}: '16.507-2' (a)(3) 'not required to have evaluation plans, score offeror "
        "responses, or establish a competitive range'.",
    ),
    Citation(
        "order_price_considered",
        "Each order's selection decision considers price or cost as one of its factors.",
        "FAR 16.505(b)(1)(ii)(E)", "FAR 16.507-2(c)(1)(iv)",
        f"{_RFO}: '16.507-2' (c)(1)(iv) 'Consider price or cost under each order as one of the "
        "factors in the selection decision'.",
        note="The legacy paragraph is from the project's notes on 48 CFR 16.505(b)(1)(ii) "
        "('consider price under each order'; '(ii)(E)' in their rule table, with (F) and (G) "
        "the lowest-price limits that are (c)(1)(v) and (vi) here); 48 CFR is not stored here.",
    ),
    Citation(
        "order_debriefing",
        "Orders above $7.5 million: fair notice, documentation, postaward notices and "
        "debriefings.",
        "FAR 16.505(b)(6)", "FAR 16.507-5",
        f"{_RFO}: '^16.507-5 Orders valued above $7.5 million'; (c) 'Provide postaward "
        "notifications and debriefings according to part 15'.",
    ),
    Citation(
        "fair_opportunity_exceptions", "Exceptions to fair opportunity.",
        "FAR 16.505(b)(2)", "FAR 16.507-6",
        f"{_RFO}: '^16.507-6 Exceptions to fair opportunity'.",
    ),
    # Commercial simplified procedures (Parts 12, 13)
    Citation(
        "simplified_commercial", "Simplified procedures for commercial buys up to $9 million.",
        "FAR subpart 13.5", "FAR 12.201-1",
        f"{_RFO}: '^12.201-1 Simplified procedures' (a) 'For acquisitions valued up to $9 "
        "million, issue a request for quotations'.",
        statute="41 U.S.C. 1901",
    ),
    Citation(
        "commercial_quotation_evaluation",
        "Evaluating quotations: broad discretion; no evaluation plan, scores or competitive "
        "range required.",
        "FAR 13.106-2(b)", "FAR 12.203(c)(2)",
        f"{_RFO}: '^12.203 Evaluation' (c)(2) 'not subject to part 15 or 14. Contracting "
        "officers are not required to have evaluation plans, score quotations, or establish a "
        "competitive range'.",
    ),
    # Contract types and services (Parts 16, 37, 39)
    _same(
        "firm_fixed_price",
        "A firm-fixed price suits work defined well enough to set fair and reasonable prices "
        "at the outset.",
        "FAR 16.202-2",
        f"{_RFO}: '^16.202-2 Application.' 'A firm-fixed-price contract is suitable for "
        "acquiring supplies or services on the basis of clearly defined functional or detailed "
        "specifications ... when the contracting officer can establish fair and reasonable "
        "prices at the outset.' The legacy number was checked with a search of stored public "
        "pages (FAR 16.202-2 'Application': reasonably definite functional or detailed "
        "specifications; a fair and reasonable price at the outset).",
    ),
    Citation(
        "pba_policy", "Performance-based acquisition is preferred for services.",
        "FAR 37.102(a)", "FAR 37.101-1",
        f"{_RFO}: '^37.101-1 Policy' (a) 'Use performance-based acquisition methods to the "
        "maximum extent practicable'.",
    ),
    Citation(
        "pws_and_soo",
        "Performance work statements and statements of objectives.",
        "FAR subpart 37.6", "FAR 37.102-1",
        f"{_RFO}: '^37.102-1 Procedures' (a) 'Performance-based contracts must include a "
        "performance work statement'; '^Subpart 37.6' is now 'Nonpersonal Health care "
        "services'.",
        note="RFO subpart 37.6 was reused for nonpersonal health-care services.",
    ),
    # Quality assurance (Part 46) and contractor performance information (Part 42)
    _same(
        "qasp_prescribed",
        "The technical activity prescribes a quality assurance surveillance plan for services.",
        "FAR 46.103(a)",
        f"{_RFO}: '^46.103 Contracting office responsibilities' (a) 'or, for service contracts, "
        "a quality assurance surveillance plan'.",
    ),
    Citation(
        "qasp", "Quality assurance surveillance plans: all work surveilled and the method.",
        "FAR 37.604", "FAR 46.401(a)",
        f"{_RFO}: '^46.401 General.' (a) 'Quality assurance surveillance plans should be "
        "prepared in conjunction with the preparation of the statement of work. The plans "
        "should specify (1) All work requiring surveillance; and (2) The method of surveillance.'",
        note="The QASP left Part 37; the legacy number is from the old-to-new map.",
    ),
    _same(
        "inspection_fixed_price", "Inspection of services under a fixed-price contract.",
        "FAR 52.246-4",
        f"{_RFO}: '52.246-4 Inspection of Services-Fixed-Price.' (e) reperformance, then future "
        "conformance and a price reduction.",
    ),
    _same(
        "inspection_cost", "Inspection of services under a cost-reimbursement contract.",
        "FAR 52.246-5",
        f"{_RFO}: '52.246-5 Inspection of Services-Cost-Reimbursement.'",
    ),
    _same(
        "inspection_tm", "Inspection under a time-and-materials or labor-hour contract.",
        "FAR 52.246-6",
        f"{_RFO}: '52.246-6 Inspection-Time-and-Material and Labor-Hour.'",
    ),
    Citation(
        "past_performance_evaluations",
        "Evaluations of contractor performance, entered in CPARS at least once a year.",
        "FAR subpart 42.15", "FAR subpart 42.11",
        f"{_RFO}: '^Subpart 42.11' shows 'Subpart 42.11 - Contractor Performance Information'; "
        "'^42.1102 Policy.' (a) 'prepared at least annually and at the time the work ... is "
        "completed'.",
        note="Renumbered from subpart 42.15 by the overhaul.",
    ),
    Citation(
        "ict_accessibility", "Information and communication technology accessibility.",
        "FAR subpart 39.2", "FAR 39.104",
        f"{_RFO}: '^39.104' shows '39.104 ICT accessibility standards', 39.104-1 to -5.",
        statute="29 U.S.C. 794d",
    ),
    Citation(
        "piv", "Personal identity verification of contractor personnel.",
        "FAR subpart 4.13", "FAR 4.205",
        f"{_RFO}: '^4.205 ' shows '4.205 Personal identity verification.'",
    ),
    _same(
        "privacy", "Protection of individual privacy.", "FAR subpart 24.1",
        f"{_RFO}: '^Subpart 24.1' shows 'Protection of Individual Privacy'.",
    ),
    _same(
        "data_rights", "Patents, data and copyrights.", "FAR Part 27",
        f"{_RFO}: '^PART 27' shows 'PART 27 - PATENTS, DATA, AND COPYRIGHTS'.",
    ),
    _same(
        "rights_in_data_clause", "Rights in Data-General.", "FAR 52.227-14",
        f"{_RFO}: '^52.227-14' shows '52.227-14 Rights in Data-General.'",
    ),
    _same(
        "contract_funding", "Contract funding.", "FAR subpart 32.7",
        f"{_RFO}: '^Subpart 32.7' shows 'Subpart 32.7 Contract Funding'.",
    ),
    _same(
        "option_to_extend", "Option to extend services.", "FAR 52.217-8",
        f"{_RFO}: '^52.217-8' shows '52.217-8 Option to Extend Services.'",
    ),
    # Integrity (Parts 2, 3)
    _same(
        "ssi_definition", "Definitions, including source selection information.", "FAR 2.101",
        f"{_RFO}: '^2.101 Definitions'.",
    ),
    _same(
        "procurement_integrity", "Procurement integrity.", "FAR 3.104",
        f"{_RFO}: '^3.104-4' shows the section under 3.104.",
    ),
    _same(
        "ssi_marking", "Disclosure, protection and marking of source selection information.",
        "FAR 3.104-4",
        f"{_RFO}: '^3.104-4 Disclosure, protection, and marking of contractor bid or proposal "
        "information and source selection'.",
    ),
    # Source selection (Part 15)
    _same(
        "negotiated_acquisition", "Contracting by negotiation.", "FAR Part 15",
        f"{_RFO}: '^15.104 ' and '^15.202 ' are in Part 15.",
    ),
    Citation(
        "tradeoff", "The tradeoff approach.", "FAR 15.101-1", "FAR 15.103-1",
        f"{_RFO}: '^15.103-1' shows '15.103-1 Tradeoff approach.'",
    ),
    Citation(
        "lpta", "The lowest price technically acceptable approach.",
        "FAR 15.101-2", "FAR 15.103-2",
        f"{_RFO}: '^15.103-2' shows '15.103-2 Lowest price technically acceptable approach.'",
    ),
    Citation(
        "highest_technically_rated",
        "The highest technically rated with a fair and reasonable price approach: rank on the "
        "non-price factors, then award to the top-ranked proposal whose price is fair and "
        "reasonable, with no tradeoff.",
        None, "FAR 15.103-3",
        f"{_RFO}: '^15.103-3' shows '15.103-3 Highest technically rated with a fair and "
        "reasonable price approach'; (a)(2) 'all proposals are evaluated based on the non-price "
        "factors' and the price of the highest technically rated proposal 'is evaluated to "
        "determine if it is fair and reasonable'; (a)(3) if it is not, the next highest "
        "technically rated proposal, until award; (b) the RFP must say the Government 'will not "
        "consider tradeoffs'.",
        note="48 CFR names only tradeoff and LPTA. Before the overhaul the approach rested on "
        "the best-value continuum, which let agencies use 'any one or a combination of source "
        "selection approaches' (GAO's own digest of Sevatec, B-413559.3, found with search), so "
        "under the legacy edition documents cite that decision (gao_b_413559) instead. The old "
        "continuum's number is not given here: the overhaul reused it for early exchanges.",
    ),
    Citation(
        "lpta_limits",
        "When lowest price technically acceptable may be used, and avoiding it for "
        "knowledge-based services.",
        "FAR 15.101-2(c)", "FAR 15.103-2(c)",
        f"{_RFO}: '^15.103-2' (c) 'Limitations'.",
    ),
    Citation(
        "advisory_multistep", "The advisory multistep process.", "FAR 15.202", "FAR 15.101(e)",
        f"{_RFO}: '15.101 Early exchanges with industry' (e) 'Advisory multistep process'; "
        "'^15.202 ' is now 'Evaluating competitive proposals'.",
        note="The overhaul reused 15.202 for proposal evaluation.",
    ),
    Citation(
        "oral_presentations", "Oral presentations.", "FAR 15.102", "FAR 15.105-1",
        f"{_RFO}: '^15.105-1' shows '15.105-1 Oral presentations.' with two paragraphs.",
    ),
    Citation(
        "oral_solicitation_items",
        "The six items a solicitation had to state about oral presentations.",
        "FAR 15.102(d)", None,
        f"{_RFO}: '^15.105-1' (a) and (b) only; no list of required items.",
        note="No successor: FAR Companion 15.105-1 gives the good practice instead.",
    ),
    Citation(
        "oral_record", "The record of an oral presentation.", "FAR 15.102(e)",
        "FAR 15.202(a)(3)",
        f"{_RFO}: '15.202' (a)(3) 'Contracting officers must maintain a record of oral "
        "presentations'.",
    ),
    Citation(
        "oral_in_writing", "Oral statements become contract terms only in writing.",
        "FAR 15.102(f)", "FAR 15.202(a)(3)",
        f"{_RFO}: '15.202' (a)(3) 'the information must be put in writing and incorporated in "
        "the proposal'.",
    ),
    Citation(
        "oral_discussions", "Exchanges during an oral presentation that are discussions.",
        "FAR 15.102(g)", None,
        f"{_RFO}: '^15.105-1' has no paragraph (g).",
        note="No successor: see clarifications and competitive negotiations.",
    ),
    Citation(
        "ssa_responsibilities", "Responsibilities of the source selection authority.",
        "FAR 15.303", "FAR 15.201",
        f"{_RFO}: '^15.201 ' shows '15.201 Source selection responsibilities.'",
    ),
    Citation(
        "evaluation_factors", "Evaluation factors and significant subfactors.",
        "FAR 15.304", "FAR 15.104",
        f"{_RFO}: '^15.104 ' shows '15.104 Establishing competitive evaluation factors and "
        "significant subfactors.'",
        statute="41 U.S.C. 3306(b)(1)",
    ),
    Citation(
        "factors_tailored",
        "Factors tailored to the acquisition, supporting meaningful differentiation.",
        "FAR 15.304(b)", "FAR 15.104(a)",
        f"{_RFO}: '15.104' (a) 'support meaningful differentiation between competing "
        "proposals'.",
    ),
    Citation(
        "price_and_quality", "Price and quality are evaluated in every source selection.",
        "FAR 15.304(c)", "FAR 15.104(b)",
        f"{_RFO}: '15.104' (b) 'Required factors'.",
        statute="41 U.S.C. 3306(c)(1)(B)",
    ),
    Citation(
        "past_performance_factor",
        "Past performance is evaluated unless the contracting officer documents why not.",
        "FAR 15.304(c)(3)", "FAR 15.104(b)(3)",
        f"{_RFO}: '15.104' (b)(3) 'Past performance' ... 'documents the reason past "
        "performance is not an appropriate evaluation factor'.",
    ),
    Citation(
        "relative_importance",
        "The three statements of non-price factors' importance against price.",
        "FAR 15.304(e)", "FAR 15.104(d)",
        f"{_RFO}: '15.104' (d) 'Factor importance' ... '(3) Significantly less important than "
        "cost or price (10 U.S.C. 3206(c)(1)(C) and 41 U.S.C. 3306(c)(1)(C))'.",
        statute="41 U.S.C. 3306(c)(1)(C)",
    ),
    Citation(
        "proposal_evaluation", "Proposal evaluation against the stated factors only.",
        "FAR 15.305", "FAR 15.202",
        f"{_RFO}: '^15.202 ' shows '15.202 Evaluating competitive proposals.'",
    ),
    Citation(
        "clarifications", "Clarifications.", "FAR 15.306(a)", "FAR 15.202(a)(2)",
        f"{_RFO}: '15.202' (a)(2) 'Clarifications'.",
    ),
    Citation(
        "competitive_range", "The competitive range.", "FAR 15.306(c)", "FAR 15.204-1",
        f"{_RFO}: '^15.204-1' shows '15.204-1 Establishing a competitive range.'",
    ),
    Citation(
        "negotiations", "Discussions, now called competitive negotiations.",
        "FAR 15.306(d)", "FAR 15.204-2",
        f"{_RFO}: '^15.204-2' shows '15.204-2 Competitive negotiations.'",
    ),
    Citation(
        "source_selection_decision", "The source selection decision.",
        "FAR 15.308", "FAR 15.205",
        f"{_RFO}: '^15.205' shows '15.205 Source selection decision.'",
    ),
    _same(
        "finding_definitions", "Definitions of deficiency, weakness and significant weakness.",
        "FAR 15.001",
        f"{_RFO}: '^15.001 ' (Definitions): 'Weakness means a flaw in the proposal'.",
        note="The overhaul redefined deficiency.",
    ),
    Citation(
        "postaward_debriefing", "Postaward debriefing of offerors.",
        "FAR 15.506", "FAR 15.301",
        f"{_RFO}: '^15.301' shows '15.301 Postaward debriefing of offerors.'",
    ),
    # Non-binding guidance on the overhaul
    Citation(
        "far_companion", "The non-binding how-to guidance that replaced deleted FAR text.",
        None, "FAR Companion, version 2.0 (October 30, 2025)",
        f"{_FC}: the title page.",
    ),
    Citation(
        "fc_plan_contents", "Streamlined and complex acquisition plan contents (guidance).",
        None, "FAR Companion 7.104(c)",
        f"{_FC}: 'FC 7.104(c) Contents of acquisition plans.'",
    ),
    Citation(
        "fc_oral_presentations", "Good practice for oral presentations (guidance).",
        None, "FAR Companion 15.105-1",
        f"{_FC}: 'FC 15.105-1 Oral presentations and product demonstrations.'",
    ),
    Citation(
        "fc_down_select",
        "Phased evaluation: the factors of each phase, and an advisory or a firm down-select "
        "(guidance).",
        None, "FAR Companion 15.102",
        f"{_FC}: 'FC 15.102 Phased evaluation approach and down-select processes.' ('The "
        "solicitation should clearly detail the evaluation factors that are relevant for each "
        "evaluation phase'; 'In a firm or involuntary down-select process, an offeror not "
        "selected to proceed to the next phase will not be further considered for award').",
    ),
    Citation(
        "fc_best_value_continuum",
        "The best-value continuum, from lowest price technically acceptable to highest "
        "technically rated with a fair and reasonable price (guidance).",
        None, "FAR Companion 15.103",
        f"{_FC}: 'FC 15.103 Best value continuum.' ('HTR-FRP ... Prioritizes technical merit; "
        "no tradeoff between non-price factors and price'; 'Only the price of the highest-ranked "
        "technical proposal is then evaluated to ensure it is fair and reasonable'; 'may be used "
        "for both single award and multiple award contracts').",
    ),
    Citation(
        "fc_schedule_orders", "Good practice for schedule orders (guidance).",
        None, "FAR Companion 8.401",
        f"{_FC}: 'FC 8.401 Periodic Table of Acquisition Innovations (PTAI) procedures for FAR "
        "part 8 RFQ'.",
    ),
    # Policy and statute outside the FAR
    _same(
        "omb_a11_280", "Managing customer experience and improving service delivery.",
        "OMB Circular A-11, section 280", "Not in the FAR: not checked against its text.",
    ),
    _same(
        "eo_14058", "Transforming federal customer experience and service delivery (2021).",
        "Executive Order 14058", "Not in the FAR: not checked against its text.",
    ),
    _same(
        "idea_act", "Modern, accessible federal websites and digital services.",
        "21st Century Integrated Digital Experience Act (Pub. L. 115-336)",
        "Not in the FAR: not checked against its text.",
    ),
    _same(
        "pra", "OMB clearance before collecting information from ten or more people.",
        "Paperwork Reduction Act (44 U.S.C. 3501 et seq.)",
        "Not in the FAR: not checked against its text.",
    ),
    _same(
        "privacy_act", "Records about individuals.", "Privacy Act of 1974 (5 U.S.C. 552a)",
        "Not in the FAR: not checked against its text.",
    ),
    _same(
        "section_508", "Accessible information and communication technology.",
        "Section 508 of the Rehabilitation Act (29 U.S.C. 794d)",
        "Not in the FAR: not checked against its text.",
    ),
    _same(
        "section_508_standards", "The Revised Section 508 Standards.", "36 CFR part 1194",
        f"{_RFO}: '39.104' cites 36 CFR 1194.1.",
    ),
    _same(
        "hsam_planning", "DHS acquisition planning procedures.", "HSAM chapter 3007",
        "Not in the FAR: the Homeland Security Acquisition Manual is not stored here.",
    ),
    _same(
        "dhs_cx_guidance", "The DHS roadmap for buying CX support.",
        "DHS, Acquisition Guidance for CX Support at DHS (June 14, 2024)",
        "The guidance text in the project's reference material.",
    ),
    _same(
        "gao_b_422616",
        "Ratings may not rest on a mechanical count of strengths and weaknesses.",
        "GAO B-422616 (2024)",
        "Not in the FAR. Checked with a search of stored public pages (the decision itself is "
        "not stored): two accounts of the same law-firm article (tillitlawfirm.com, "
        "lexblog.com) say GAO sustained B-422616 on August 28, 2024, against the National "
        "Nuclear Security Administration's mechanical counting of strengths and weaknesses in "
        "a best-value RFQ for agile software support; a third summary (pubkgroup.com) names "
        "the protester Cadre5, LLC (its number printed there as B-42216) and says the agency "
        "found three strengths and three weaknesses 'offset' without explaining how.",
    ),
    _same(
        "gao_oral_discussions",
        "Dialogue during an oral presentation becomes discussions when it lets an offeror "
        "revise or modify its proposal.",
        "GAO, TDS, Inc., B-292674 (2003)",
        "Not in the FAR. Checked with a search of stored public pages (the decision itself is "
        "not stored): oles.com quotes the decision (Nov. 12, 2003, 2003 CPD 204): once agency "
        "personnel speak rather than listen, the dialogue may be discussions, and the 'acid "
        "test' is whether offerors could revise their proposals; wifcon.com's excerpts on oral "
        "presentations apply the same test, citing TDS.",
    ),
    _same(
        "gao_oral_time_limits",
        "An offeror that runs out of its stated presentation time bears the risk; the record "
        "can be adequate without transcripts or recordings.",
        "GAO, Manutek Inc., B-423476.2 (2026)",
        "Not in the FAR. Checked with a search of stored public pages (the decision itself is "
        "not stored): Pillsbury's summary (bid-protest-debrief.pillsburylaw.com) says GAO "
        "denied the protest on January 1, 2026: Manutek spent most of its 45 minutes on two of "
        "four scenarios, time management was its own risk, and NOAA's record was adequate "
        "without worksheets, transcripts or recordings. Checked again for PRT-C05 (a time "
        "budget per prompt) with a search of stored pages and docs: the same Pillsbury page "
        "says Manutek spent most of its allotted 45 minutes on the first two of four required "
        "scenarios and that GAO held it the offeror's obligation to plan and execute its "
        "presentation within the time provided; no other account was found. The decision does "
        "not itself require a budget per part: publishing one is the practice the project's "
        "FAR overhaul notes draw from it.",
    ),
    _same(
        "gao_unstated_criteria",
        "Proposals are evaluated only on the factors the solicitation states, or on "
        "considerations logically encompassed by them.",
        "GAO, Intercon Associates, Inc., B-298282 (2006)",
        "Not in the FAR. Checked with a search of stored public pages (the decision itself is "
        "not stored): Morrison & Foerster's protest primer (govcon.mofo.com) quotes it: "
        "agencies are 'required to evaluate proposals based solely on the factors identified "
        "in the solicitation' (it prints the date as Aug. 10, 2016 beside 2006 CPD 121; the "
        "CPD year is taken as the decision's).",
    ),
    _same(
        "gao_b_418141",
        "A highest-technically-rated, reasonably priced award fails to consider price as the "
        "schedules require, above all for single-award schedule blanket purchase agreements.",
        "GAO B-418141 (2020)",
        "Not in the FAR: Noble Supply & Logistics, Inc., B-418141, Jan. 16, 2020, read in three "
        "summaries found with search (Crowell & Moring, Public Contracting Institute, "
        "SmallGovCon), not in the decision's own text. They agree: the schedule program requires "
        "an order to be the lowest overall cost alternative, an isolated check that the "
        "top-rated quotation's price is fair and reasonable does not meet that, and single-award "
        "agreements made it worse because no price competition follows at the order level.",
        statute="41 U.S.C. 152(3)(B)",
    ),
    _same(
        "gao_b_413559",
        "A highest-technically-rated award with a fair and reasonable price is a permissible "
        "best-value approach, for multiple-award contracts whose holders compete on price for "
        "each order.",
        "GAO B-413559.3 (2017)",
        "Not in the FAR. Checked with a search of stored public pages: Sevatec, Inc. et al., "
        "B-413559.3 et al., Jan. 11, 2017 (GSA's Alliant 2 multiple-award contracts). GAO's own "
        "page digests: the protest that "
        "the scheme fails to consider price 'is denied; the Federal Acquisition Regulation "
        "permits agencies to use any one or a combination of source selection approaches'. Two "
        "summaries found with search (Jones Day; R.D. Lieberman, who also cites Octo Consulting "
        "Group v. United States, 117 Fed. Cl. 334 (2014)) agree; GAO's later Noble decision "
        "(gao_b_418141) distinguished it because price competes again at the order level.",
    ),
    _same(
        "federal_holidays", "The legal public holidays on which federal offices close.",
        "5 U.S.C. 6103", "Not in the FAR: the statute's list of 11 holidays, with OPM's rule "
        "for holidays on a weekend.",
    ),
    _same(
        "usds_playbook", "Scenario-based oral presentations and technical challenges.",
        "USDS Tech Challenge Playbook", "Not in the FAR: not checked against its text.",
    ),
    # The contract file beyond the package (cxacq.engine.completeness)
    Citation(
        "small_business_coordination",
        "Coordination with small business specialists and SBA's representatives, who review "
        "proposed acquisitions.",
        "FAR 19.202-1", "FAR 19.102",
        f"{_RFO}: '^19.102 Coordination.' (d) the representative's duties 'include ... "
        "reviewing proposed acquisitions to recommend the set-aside'; (e)(1) the proposed "
        "acquisition package goes to the representative.",
        note="The legacy number is the 48 CFR section on encouraging small business "
        "participation, cited from memory: 48 CFR is not stored here.",
    ),
    _same(
        "contract_pricing", "Contract pricing: price analysis and fair and reasonable prices.",
        "FAR subpart 15.4",
        f"{_RFO}: '^Subpart 15.4' shows 'Subpart 15.4 - Contract Pricing'; '15.202' (d) 'Cost "
        "or price evaluation' requires fair and reasonable prices.",
    ),
    Citation(
        "cor_designation",
        "The contracting officer's representative: nomination and written designation.",
        "FAR 1.602-2(d)", "FAR 1.404",
        f"{_RFO}: '^1.404 Contracting officer's representative.' (a)(1) 'must be nominated "
        "either by the requiring activity or according to agency procedures' and designated "
        "in writing.",
        note="The legacy number is cited from memory: 48 CFR is not stored here.",
    ),
]

CITATIONS: dict[str, Citation] = {entry.key: entry for entry in _ENTRIES}

REUSED: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "FAR 15.202": (
        "advisory_multistep", "proposal evaluation", ("advisory", "multistep", "multi-step",
                                                      "down-select", "downselect"),
    ),
    "FAR subpart 37.6": ("pws_and_soo", "nonpersonal health-care services", ()),
    "FAR 37.6": ("pws_and_soo", "nonpersonal health-care services", ()),
}
"""Legacy numbers the overhaul gave another meaning.

Number → (old concept, new meaning, words that show the old meaning is meant; none: always).
"""

SSI_LEGEND = "Source Selection Information – See FAR 2.101 and 3.104"
"""The legend FAR 3.104-4(c) prescribes, word for word; the same in both editions."""


class Citations(dict[str, str]):
    """Every concept's citation under one edition, for templates (``cite.relative_importance``).

    A concept with no successor maps to "", so ``{% if cite.oral_solicitation_items %}``
    reads naturally; an unknown key is a ``KeyError`` (a template bug).
    """

    def __init__(self, edition: str) -> None:
        super().__init__({key: entry.text(edition) for key, entry in CITATIONS.items()})
        self.edition = edition

    def has(self, key: str) -> bool:
        """Return True if ``key`` is cited under this edition."""
        return bool(self[key])


def citations_for(edition: str) -> Citations:
    """Return the catalogue as cited under ``edition``."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown FAR edition {edition!r}; use one of {', '.join(EDITIONS)}")
    return Citations(edition)


def cite(key: str, edition: str = DEFAULT_EDITION) -> str:
    """Return how the concept ``key`` is cited under ``edition`` ("" if not cited).

    Raises:
        KeyError: The key is not in the catalog (a template or rule bug).
    """
    return CITATIONS[key].text(edition)


_NUMBER = r"(?:(?:Part|part|subpart|Subpart)\s+\d+(?:\.\d+)?|\d+\.\d+(?:-\d+)?(?:\([a-z0-9]+\))*)"
_FAR_NUMBER = re.compile(rf"\b(FAR|GSAR)\s+({_NUMBER})")
_FORMERLY = re.compile(rf"\(formerly\s+((?:FAR\s+|GSAR\s+)?{_NUMBER})\)")


def find_far_numbers(text: str) -> Iterator[tuple[str, bool]]:
    """Yield every "FAR …" or "GSAR …" citation in ``text``, and whether it is a "formerly".

    Numbers inside "(formerly 15.304(e))" are yielded with the "FAR " prefix restored.
    """
    for match in _FAR_NUMBER.finditer(_FORMERLY.sub("", text)):
        yield f"{match.group(1)} {match.group(2)}", False
    for match in _FORMERLY.finditer(text):
        number = match.group(1)
        if not number.startswith(("FAR ", "GSAR ")):
            number = f"FAR {number}"
        yield number, True


def known_numbers(edition: str) -> set[str]:
    """Return every FAR or GSAR number the catalogue cites under ``edition``."""
    column = "legacy" if edition == "legacy" else "rfo"
    return {
        value
        for entry in CITATIONS.values()
        if (value := getattr(entry, column)) and value.startswith(("FAR ", "GSAR "))
    }


def legacy_concept(number: str) -> Citation | None:
    """Return the concept whose legacy number ``number`` is, or starts, at a paragraph.

    "FAR 8.405-6(a)(1)(i)(B)" finds the concept of "FAR 8.405-6"; "FAR 8.405" does not.
    """
    best: Citation | None = None
    for entry in CITATIONS.values():
        old = entry.legacy
        if not old or not old.startswith(("FAR ", "GSAR ")):
            continue
        if number == old or (number.startswith(old) and number[len(old)] == "("):
            if best is None or len(old) > len(best.legacy or ""):
                best = entry
    return best
