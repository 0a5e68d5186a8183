"""The one catalog of regulatory and policy citations the documents and rules use.

The FAR is being re-issued in parts (the "Revolutionary FAR Overhaul", 2025 onward) and
each agency adopts the class deviations on its own schedule, so section numbers here
follow the pre-overhaul FAR that most agency templates and reviewers still use. An
agency that has adopted the new text updates the entries here in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CITATIONS", "Citation", "cite"]


@dataclass(frozen=True)
class Citation:
    """A citable source: what it is called in text and what it says, in a line."""

    key: str
    text: str  # how it is cited in a document, e.g. "FAR 15.304(e)"
    about: str  # one line on what it requires


_ENTRIES = [
    Citation("far_7_105", "FAR 7.105", "Contents of written acquisition plans."),
    Citation("far_7_103_e", "FAR 7.103(e)", "When a written acquisition plan is required."),
    Citation(
        "far_7_103_j",
        "FAR 7.103(j)",
        "Approval of plans above the contracting officer for other than firm-fixed-price "
        "contracts.",
    ),
    Citation(
        "far_7_103_q",
        "FAR 7.103(q)",
        "ICT accessibility standards in requirements documents.",
    ),
    Citation(
        "far_7_503",
        "FAR 7.503",
        "Inherently governmental functions and functions closely supporting them.",
    ),
    Citation(
        "far_7_503_e",
        "FAR 7.503(e)",
        "Written determination that no inherently governmental functions are in the work "
        "statement.",
    ),
    Citation("far_part_10", "FAR Part 10", "Market research."),
    Citation(
        "far_10_001",
        "FAR 10.001",
        "Market research policy, including the order in which sources are considered.",
    ),
    Citation("far_part_19", "FAR Part 19", "Small business programs and set-asides."),
    Citation(
        "far_6_302",
        "FAR 6.302",
        "Circumstances permitting other than full and open competition.",
    ),
    Citation("far_8_4", "FAR subpart 8.4", "Ordering from Federal Supply Schedules."),
    Citation("far_8_405_6", "FAR 8.405-6", "Limiting sources under Federal Supply Schedules."),
    Citation(
        "far_16_505",
        "FAR 16.505",
        "Ordering under indefinite-delivery contracts, including fair opportunity.",
    ),
    Citation("far_16_505_b_2", "FAR 16.505(b)(2)", "Exceptions to fair opportunity."),
    Citation("far_part_15", "FAR Part 15", "Contracting by negotiation."),
    Citation("far_part_13", "FAR Part 13", "Simplified acquisition procedures."),
    Citation("far_16_103", "FAR 16.103", "Negotiating contract type."),
    Citation(
        "far_16_601",
        "FAR 16.601(d)",
        "Determination and findings required for a time-and-materials or labor-hour contract.",
    ),
    Citation(
        "far_37_102",
        "FAR 37.102(a)",
        "Performance-based acquisition is the preferred method for services.",
    ),
    Citation(
        "far_37_6",
        "FAR subpart 37.6",
        "Performance-based acquisition: statements of objectives, work statements and "
        "surveillance.",
    ),
    Citation(
        "far_37_203_d",
        "FAR 37.203(d)",
        "Determination before contractors may help evaluate proposals.",
    ),
    Citation(
        "far_39_2",
        "FAR subpart 39.2",
        "Information and communication technology accessibility (Section 508).",
    ),
    Citation(
        "far_4_13",
        "FAR subpart 4.13",
        "Personal identity verification of contractor personnel.",
    ),
    Citation("far_24_1", "FAR subpart 24.1", "Protection of individual privacy."),
    Citation("far_part_27", "FAR Part 27", "Patents, data and copyrights."),
    Citation("far_52_227_14", "FAR 52.227-14", "Rights in Data—General."),
    Citation("far_32_7", "FAR subpart 32.7", "Contract funding."),
    Citation("far_2_101", "FAR 2.101", "Definitions, including source selection information."),
    Citation("far_3_104", "FAR 3.104", "Procurement integrity."),
    Citation(
        "far_3_104_4",
        "FAR 3.104-4",
        "Disclosure, protection and marking of source selection information.",
    ),
    Citation("far_15_101_1", "FAR 15.101-1", "The tradeoff process."),
    Citation(
        "far_15_101_2",
        "FAR 15.101-2",
        "The lowest price technically acceptable process and when it may be used.",
    ),
    Citation("far_15_102", "FAR 15.102", "Oral presentations."),
    Citation(
        "far_15_102_d",
        "FAR 15.102(d)",
        "What the solicitation must say about oral presentations.",
    ),
    Citation("far_15_102_e", "FAR 15.102(e)", "The record of an oral presentation."),
    Citation(
        "far_15_102_f",
        "FAR 15.102(f)",
        "Oral statements become contract terms only in writing.",
    ),
    Citation("far_15_303", "FAR 15.303", "Responsibilities of the source selection authority."),
    Citation("far_15_304", "FAR 15.304", "Evaluation factors and significant subfactors."),
    Citation(
        "far_15_304_e",
        "FAR 15.304(e)",
        "Stating the importance of non-price factors relative to price.",
    ),
    Citation("far_15_305", "FAR 15.305", "Proposal evaluation."),
    Citation(
        "far_15_306",
        "FAR 15.306",
        "Exchanges with offerors: clarifications and discussions.",
    ),
    Citation("far_15_308", "FAR 15.308", "The source selection decision."),
    Citation(
        "far_15_001",
        "FAR 15.001",
        "Definitions of deficiency, weakness and significant weakness.",
    ),
    Citation("far_15_506", "FAR 15.506", "Postaward debriefing of offerors."),
    Citation("far_52_217_8", "FAR 52.217-8", "Option to extend services."),
    Citation(
        "omb_a11_280",
        "OMB Circular A-11, section 280",
        "Managing customer experience and improving service delivery.",
    ),
    Citation(
        "eo_14058",
        "Executive Order 14058",
        "Transforming federal customer experience and service delivery (2021).",
    ),
    Citation(
        "idea_act",
        "21st Century Integrated Digital Experience Act (Pub. L. 115-336)",
        "Modern, accessible federal websites and digital services.",
    ),
    Citation(
        "pra",
        "Paperwork Reduction Act (44 U.S.C. 3501 et seq.)",
        "OMB clearance before collecting information from ten or more people.",
    ),
    Citation("privacy_act", "Privacy Act of 1974 (5 U.S.C. 552a)", "Records about individuals."),
    Citation(
        "section_508",
        "Section 508 of the Rehabilitation Act (29 U.S.C. 794d)",
        "Accessible information and communication technology.",
    ),
    Citation("508_standards", "36 CFR part 1194", "The Revised Section 508 Standards."),
    Citation("hsam_3007", "HSAM chapter 3007", "DHS acquisition planning procedures."),
    Citation(
        "dhs_cx_guidance",
        "DHS, Acquisition Guidance for CX Support at DHS (June 14, 2024)",
        "The DHS roadmap for buying CX support.",
    ),
    Citation(
        "gao_b_422616",
        "GAO B-422616 (2024)",
        "Ratings may not rest on a mechanical count of strengths and weaknesses.",
    ),
]

CITATIONS: dict[str, Citation] = {entry.key: entry for entry in _ENTRIES}


def cite(key: str) -> str:
    """Return how the citation ``key`` is written in a document.

    Raises:
        KeyError: The key is not in the catalog (a template or rule bug).
    """
    return CITATIONS[key].text
