"""The CX discriminators: what strong evidence looks like and the red flags.

Keys match :data:`cxacq.answers.model.evaluation.Discriminator`. Sources: the DHS guidance
(customer-centered approach, needs turned into products, design not a silo, capacity
building, research shared in the open) and federal practice (18F's de-risking guide,
the USDS Tech Challenge Playbook, TechFAR Hub, OMB A-11 section 280).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DISCRIMINATORS", "DiscriminatorGuide", "program_guide"]


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
        "DHS CX guidance: the approach should center on the customer.",
        ("Plans research with real customers before and throughout design, not once at the start.",
         "Names the customers it would talk to first and why, including the hardest to reach.",
         "Treats the Government product owner and front-line staff as partners in the research."),
        ("Gathers requirements only from the program office or business owner.",
         "Describes customers in generic terms that could fit any agency."),
    ),
    DiscriminatorGuide(
        "needs_to_products", "Turning customer needs into products",
        "DHS CX guidance: the contractor should show how it turns customer needs into products.",
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
        "Section 508 of the Rehabilitation Act; the Revised Section 508 Standards.",
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


def _tailored_items(
    key: str, customers: str, channels: str, first_channel: str, other_languages: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the program-specific strong evidence and red flags for discriminator ``key``."""
    strong: list[str] = []
    red: list[str] = []
    if key in ("customer_centred", "needs_to_products", "measurable_outcomes", "iteration"):
        strong.append(
            f"Grounds its examples in customers like this program's, such as {customers}."
        )
    if key in ("customer_centred", "inclusive_research"):
        red.append(f"Plans research through one channel ({first_channel}) and misses the others.")
    if key in ("inclusive_research", "accessibility_practice") and other_languages:
        strong.append(f"Plans research and testing in {other_languages}, not in English alone.")
        red.append(f"Treats {other_languages} as a translation step after design is done.")
    if key in ("whole_journey", "integrated_design"):
        strong.append(f"Follows the journey across every channel customers use: {channels}.")
        red.append(f"Designs for {first_channel} alone, though customers also use other channels.")
    if key == "accessibility_practice":
        strong.append(
            f"Tests with people with disabilities, using assistive technology, on {channels}."
        )
    return tuple(strong), tuple(red)


def program_guide(
    guide: DiscriminatorGuide,
    *,
    customers: list[str],
    channels: list[str],
    languages: list[str],
) -> DiscriminatorGuide:
    """Return ``guide`` with strong evidence and red flags drawn from the program.

    The general items stay; items that name the program's customers, channels and
    languages are added where the discriminator is about them, so the guide tells
    evaluators what strong evidence looks like for this service, not any service.
    The answers' strings are escaped for Markdown here, because the guide's items are
    printed as they are.
    """
    from cxacq.documents.render import join_and, md_escape

    def listed(values: list[str]) -> str:
        return join_and(md_escape(v) for v in values)

    strong, red = _tailored_items(
        guide.key,
        customers=md_escape(customers[0]) if customers else "its own customers",
        channels=listed([c.lower() for c in channels]),
        first_channel=md_escape(channels[0].lower()) if channels else "one channel",
        other_languages=listed([lang for lang in languages if lang.lower() != "english"]),
    )
    if not strong and not red:
        return guide
    return DiscriminatorGuide(
        guide.key, guide.name, guide.basis, guide.strong + strong, guide.red_flags + red
    )
