"""The guidance's roadmap.

The persistent need, the vision, the three capacity questions, prioritized needs and
support, and sharing research in the open.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, PositiveInt

from cxacq.answers.model.base import Ask, Id, Section, Text

__all__ = [
    "A11Driver",
    "Briefings",
    "CapacityBuilding",
    "CapacityQuestions",
    "CustomerNeed",
    "Discovery",
    "Evidence",
    "Measure",
    "Need",
    "Partner",
    "ResearchSharing",
    "SupportModel",
    "Vision",
]

A11Driver = Literal[
    "satisfaction",
    "trust",
    "effectiveness",
    "ease",
    "efficiency",
    "equity",
    "employee_helpfulness",
]

SupportModel = Literal["cx_designers_in_existing_teams", "full_teams_with_cx_designers"]


class Evidence(Section):
    """One piece of existing data that shows the pain point."""

    source: Text = Field(
        description="Where the data comes from, e.g. 'Contact center logs, FY2026'.",
    )
    finding: Text = Field(description="What the data shows, with numbers where you have them.")


class CustomerNeed(Section):
    """Roadmap step 1: focus on one persistent customer need, agreed with leaders, shown by data."""

    pain_point: Text = Field(
        description=(
            "The persistent customer need: the pain point customers feel, in their words "
            "where possible."
        ),
        json_schema_extra=Ask(
            question="What is the persistent customer need: the pain point customers feel?",
            note=(
                '"Focus will concentrate momentum. Work with leaders and existing data to '
                "identify an agreed-upon pain point, then leverage contracts to bring speed and "
                'expertise to solve it."'
            ),
        ),
    )
    affected_customers: list[Text] = Field(
        min_length=1, description="Who feels the pain point.",
        json_schema_extra=Ask(
            question="Who feels the pain point? One group per line.",
        ),
    )
    impact: str | None = Field(
        None, description="What the pain point costs customers and the agency.",
        json_schema_extra=Ask(
            question="What does the pain point cost customers and the agency?",
        ),
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Existing data that shows the pain point (surveys, call logs, analytics).",
        json_schema_extra=Ask(
            question="What existing data shows the pain point?",
            note=(
                'The guidance asks you to work "with leaders and existing data": surveys, call '
                "logs, web analytics, complaints."
            ),
            item="piece of evidence",
        ),
    )
    agreed_by: list[Text] = Field(
        default_factory=list,
        description="The leaders who agreed this is the pain point to focus on.",
        json_schema_extra=Ask(
            question="Which leaders agreed this is the pain point to focus on?",
            note="The pain point should be \"agreed-upon\" with leaders before you ask for help.",
        ),
    )


class Discovery(Section):
    """Discovery: observing and listening to customers to understand their needs."""

    status: Literal["done", "in_progress", "planned", "not_started"] = Field(
        description="Where discovery stands: done, in_progress, planned or not_started.",
        json_schema_extra=Ask(
            question="Where does discovery with customers stand?",
            note=(
                '"Conduct discovery by observing and listening to customers to understand their '
                'needs and experiences. Use that data to inform your CX vision and goals."'
            ),
            labels="discovery",
        ),
    )
    methods: list[Text] = Field(
        default_factory=list,
        description=(
            "How you observe and listen, e.g. 'Contextual interviews at two field offices'."
        ),
        json_schema_extra=Ask(
            question="How have you observed and listened to customers (or how will you)?",
        ),
    )
    participants: str | None = Field(
        None, description="Who you observed or listened to, and how many."
    )
    period: str | None = Field(None, description="When discovery took or will take place.")
    findings: list[Text] = Field(
        default_factory=list, description="What you learned, one finding per item.",
        json_schema_extra=Ask(
            question="What have you learned? One finding per line.",
        ),
    )


class Vision(Section):
    """Roadmap step 2: start with an inspiring vision, then plan backwards."""

    story: Text = Field(
        description="The story you want to tell others once the initial priority work is done.",
        json_schema_extra=Ask(
            question="What story do you want to tell once the initial priority work is done?",
            note=(
                '"Look forward and think of the story you want to tell others after the initial '
                "priority work is done. Then look backwards and build a plan to realize that "
                'vision."'
            ),
        ),
    )
    five_year: Text = Field(
        description="What this service could look like in five years.",
        json_schema_extra=Ask(
            question="What could this service look like in five years?",
            note=(
                '"Stretch beyond the status quo. Envision what this service could look like in '
                'five years and aim to do that in one year."'
            ),
        ),
    )
    one_year_target: str | None = Field(
        None,
        description="The stretch: what of the five-year picture you will aim to reach in one year.",
        json_schema_extra=Ask(
            question="What of that five-year picture will you aim to reach in one year?",
            note="\"… and aim to do that in one year.\"",
        ),
    )


class Measure(Section):
    """A measure of success: what you count, where it stands now and where it should go."""

    id: Id = Field(description="A short name used to link needs to this measure.")
    name: Text = Field(description="The measure in plain words.")
    metric: Text = Field(description="How it is calculated.")
    baseline: str | None = Field(None, description="Where it stands today, with the date.")
    target: str | None = Field(None, description="Where it should be.")
    by: dt.date | None = Field(None, description="When the target should be met (YYYY-MM-DD).")
    data_source: str | None = Field(None, description="Where the numbers come from.")
    a11_driver: A11Driver | None = Field(
        None,
        description=(
            "The OMB A-11 section 280 customer-experience driver it reflects, if any: "
            "satisfaction, trust, effectiveness, ease, efficiency, equity, employee_helpfulness."
        ),
        json_schema_extra=Ask(
            labels="a11_driver",
        ),
    )


class CapacityQuestions(Section):
    """The guidance's three questions for assessing capacity and support needs."""

    great_cx: Text = Field(
        description="1. What does great CX look like for our program?",
        json_schema_extra=Ask(
            question="Question 1: what does great CX look like for your program?",
            note="Describe it from the customer's side: what they can do, know and feel.",
        ),
    )
    challenges: list[Text] = Field(
        min_length=1, description="2. What are the biggest challenges we want to focus on?",
        json_schema_extra=Ask(
            question="Question 2: what are the biggest challenges you want to focus on?",
            note="Name them concretely, one per line.",
        ),
    )
    success_measures: list[Measure] = Field(
        min_length=1, description="3. How will we measure success?",
        json_schema_extra=Ask(
            question="Question 3: how will you measure success?",
            note=(
                '"Think about how you will measure the impact of your CX efforts." Give each '
                "measure a baseline and a target."
            ),
            item="success measure",
        ),
    )


class Need(Section):
    """A need the contract must meet, ranked against the others."""

    rank: PositiveInt = Field(
        description="Priority: 1 is the most important. Ranks are unique.",
        json_schema_extra=Ask(
            question="What is this need's priority (1 is the most important)?",
        ),
    )
    need: Text = Field(
        description="What you need help with.",
        json_schema_extra=Ask(
            question="What do you need help with?",
        ),
    )
    rationale: Text = Field(
        description="Why it has this priority.",
        json_schema_extra=Ask(
            question="Why does it have this priority?",
        ),
    )
    measures: list[Id] = Field(
        default_factory=list,
        description="The ids of the success measures this need moves.",
        json_schema_extra=Ask(
            question="Which success measures does this need move?",
        ),
    )
    user_story: str | None = Field(
        None,
        description=(
            "The need as a customer's user story, printed with its objective in the statement "
            "of objectives: 'As a …, I want …, so that …'."
        ),
        examples=[
            "As a renewal applicant, I want to know what happens next and when, so that I do "
            "not need to call."
        ],
    )


class Partner(Section):
    """Someone inside or outside the organization who helps; partners, not clients."""

    name: Text = Field(description="The partner, e.g. 'DHS OCIO Customer Experience Directorate'.")
    kind: Literal["internal", "external"] = Field(
        description="internal (inside DHS) or external (other agencies, CX CAP Goal team).",
        json_schema_extra=Ask(
            question="Is this partner inside DHS (internal) or outside it (external)?",
        ),
    )
    role: Text = Field(description="How they help.")


class CapacityBuilding(Section):
    """Something the contractor leaves behind so the program can do CX itself."""

    kind: Literal["process", "training", "template", "hiring_guidance", "playbook", "other"] = (
        Field(
        description="process, training, template, hiring_guidance, playbook or other.",
        json_schema_extra=Ask(
            labels="capacity_kind",
        ),
    )
    )
    description: Text = Field(description="What exactly the contractor delivers.")


class Briefings(Section):
    """Periodic briefings to internal leaders, written into the contract."""

    cadence: Text = Field(description="How often, e.g. 'monthly'.")
    audience: list[Text] = Field(min_length=1, description="Which leaders attend.")
    purpose: str | None = Field(
        None,
        description="What they are for; by default: share insights, choose pilots, show results.",
    )


class ResearchSharing(Section):
    """Roadmap step 4: share your research in the open."""

    leadership_briefings: Briefings | None = Field(
        None, description="Briefings to internal leaders on insights, pilots and results.",
        json_schema_extra=Ask(
            question="Will the contract include periodic briefings to internal leaders?",
            note=(
                '"Integrate periodic briefings to internal leaders within contracting agreements '
                'to share insights, chose pilots, and demonstrate results."'
            ),
        ),
    )
    customer_updates: str | None = Field(
        None, description="How customers are kept in the loop on what you learn and change.",
        json_schema_extra=Ask(
            question="How will you keep customers in the loop on what you learn and change?",
            note=(
                '"Share your insight relentlessly with customers. Always keep them in the loop '
                'and they will be your biggest advocates."'
            ),
        ),
    )
    pilots: list[Text] = Field(
        default_factory=list, description="Pilots you expect to choose from the research."
    )
    publish: str | None = Field(
        None, description="Where research findings are shared openly inside and outside DHS."
    )
