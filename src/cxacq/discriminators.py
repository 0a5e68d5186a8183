"""The CX discriminators: what strong evidence looks like and the red flags.

Keys match :data:`cxacq.model.evaluation.Discriminator`. Sources: the DHS guidance
(customer-centered approach, needs turned into products, design not a silo, capacity
building, research shared in the open) and federal practice (18F's de-risking guide,
the USDS Tech Challenge Playbook, TechFAR Hub, OMB A-11 section 280).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DISCRIMINATORS", "DiscriminatorGuide"]


@dataclass(frozen=True)
class DiscriminatorGuide:
    """How evaluators recognize one CX capability."""

    key: str
    name: str
    basis: str
    strong: tuple[str, ...]
    red_flags: tuple[str, ...]


_GUIDES = [
    DiscriminatorGuide(
        "customer_centred", "A customer-centered approach",
        "DHS CX guidance: an offeror's approach should center on the customer.",
        ("Plans research with real customers before and throughout design, not once at the start.",
         "Names the customers it would talk to first and why, including the hardest to reach.",
         "Treats the Government product owner and front-line staff as partners in the research."),
        ("Gathers requirements only from the program office or business owner.",
         "Describes customers in generic terms that could fit any agency."),
    ),
    DiscriminatorGuide(
        "needs_to_products", "Turning customer needs into products",
        "DHS CX guidance: the offeror should show how they translate customer needs into products.",
        ("Traces specific product or service decisions back to what research showed.",
         "Shows a time research changed or stopped planned work.",
         "Explains design choices in terms of customer goals, not aesthetics."),
        ("Cannot explain why a design is the way it is.",
         "Presents artifacts (personas, journey maps) that never led to a decision."),
    ),
    DiscriminatorGuide(
        "integrated_design", "Design integrated into delivery, not a silo",
        "DHS CX guidance: design should not be a stand-alone silo offering.",
        ("Designers, researchers and developers work in one team with shared goals and rituals.",
         "Research findings flow into the backlog within the same iteration."),
        ("Design is a separate phase or deliverable track handed over to developers.",
         "User testing appears only as acceptance testing at the end."),
    ),
    DiscriminatorGuide(
        "inclusive_research", "Inclusive, ethical research",
        ("Federal practice (18F); Section 508; Executive Order 13166 on limited English "
         "proficiency."),
        (("Recruits people with disabilities, people with limited English and people with low "
          "digital literacy."),
         "Uses informed consent, protects personal information and explains how."),
        ("No recruiting plan, or recruiting only easy-to-reach online users.",
         "Confuses internal stakeholders with customers."),
    ),
    DiscriminatorGuide(
        "whole_journey", "The whole journey across channels",
        ("DHS CX guidance: CX is the sum of all touch points, digital, in person, on the phone "
         "or other."),
        ("Maps the journey across online, phone, mail and in-person touchpoints.",
         "Considers how a change in one channel affects the others and the staff who serve them."),
        ("Looks only at the website.",),
    ),
    DiscriminatorGuide(
        "measurable_outcomes", "Measurable outcomes",
        "DHS CX guidance: think about how you will measure impact; OMB A-11 section 280 measures.",
        ("Proposes outcome measures tied to the program's success measures, with baselines.",
         "Uses A-11 customer feedback drivers alongside operational data.",
         "Explains how results will be reported to leaders."),
        ("Measures outputs only (number of workshops, number of screens).",
         "No baseline or no way to collect the data."),
    ),
    DiscriminatorGuide(
        "accessibility_practice", "Accessibility in practice",
        "Section 508; FAR subpart 39.2.",
        (("Describes how accessibility is designed in and tested, including with "
          "assistive-technology users."),),
        ("Promises compliance in a sentence without a method.",),
    ),
    DiscriminatorGuide(
        "capacity_building", "Building the agency's capacity",
        ("DHS CX guidance: shape contractor relationships to build the capacity of your program "
         "and agency."),
        ("Plans to leave processes, trainings, templates and hiring guidance behind.",
         "Pairs federal staff with contractor staff so skills transfer during the work."),
        ("Proposes open-ended staff augmentation with no transfer of skills.",),
    ),
    DiscriminatorGuide(
        "working_in_the_open", "Working in the open",
        "DHS CX guidance: share your research in the open; brief leaders periodically.",
        ("Shares research readouts with leaders and customers on a regular cadence.",
         "Uses briefings to choose pilots and show results."),
        ("Long stretches without contact with the agency or with customers.",),
    ),
    DiscriminatorGuide(
        "iteration", "Iteration: prototype, test, pilot",
        "DHS CX guidance: choose pilots and demonstrate results; federal agile practice.",
        ("Tests low-fidelity prototypes early and pilots before scaling.",
         "Is candid about unknowns and how the team will learn its way through them."),
        ("A fixed plan that assumes the answer before research.",),
    ),
    DiscriminatorGuide(
        "staffing_realism", "A realistic team with real CX roles",
        "Federal practice (18F, TechFAR Hub).",
        (("Named people in research, service design, content and product roles, at the right "
          "time on the work."),
         "The key personnel who present are the people who will do the work."),
        ("Résumé databases, or the most qualified person proposed part-time.",
         "Presenters who will not work on the contract."),
    ),
]

DISCRIMINATORS: dict[str, DiscriminatorGuide] = {g.key: g for g in _GUIDES}
