"""The guidance's roadmap.

The persistent need, the vision, the three capacity questions, prioritized needs and
support, and sharing research in the open.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, PositiveInt

from cxacq.model.base import Id, Section, Text

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
        )
    )
    affected_customers: list[Text] = Field(
        min_length=1, description="Who feels the pain point."
    )
    impact: str | None = Field(
        None, description="What the pain point costs customers and the agency."
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Existing data that shows the pain point (surveys, call logs, analytics).",
    )
    agreed_by: list[Text] = Field(
        default_factory=list,
        description="The leaders who agreed this is the pain point to focus on.",
    )


class Discovery(Section):
    """Discovery: observing and listening to customers to understand their needs."""

    status: Literal["done", "in_progress", "planned", "not_started"] = Field(
        description="Where discovery stands: done, in_progress, planned or not_started."
    )
    methods: list[Text] = Field(
        default_factory=list,
        description=(
            "How you observe and listen, e.g. 'Contextual interviews at two field offices'."
        ),
    )
    participants: str | None = Field(
        None, description="Who you observed or listened to, and how many."
    )
    period: str | None = Field(None, description="When discovery took or will take place.")
    findings: list[Text] = Field(
        default_factory=list, description="What you learned, one finding per item."
    )


class Vision(Section):
    """Roadmap step 2: start with an inspiring vision, then plan backwards."""

    story: Text = Field(
        description="The story you want to tell others once the initial priority work is done."
    )
    five_year: Text = Field(description="What this service could look like in five years.")
    one_year_target: str | None = Field(
        None,
        description="The stretch: what of the five-year picture you will aim to reach in one year.",
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
    )


class CapacityQuestions(Section):
    """The guidance's three questions for assessing capacity and support needs."""

    great_cx: Text = Field(description="1. What does great CX look like for our program?")
    challenges: list[Text] = Field(
        min_length=1, description="2. What are the biggest challenges we want to focus on?"
    )
    success_measures: list[Measure] = Field(
        min_length=1, description="3. How will we measure success?"
    )


class Need(Section):
    """A need the contract must meet, ranked against the others."""

    rank: PositiveInt = Field(description="Priority: 1 is the most important. Ranks are unique.")
    need: Text = Field(description="What you need help with.")
    rationale: Text = Field(description="Why it has this priority.")
    measures: list[Id] = Field(
        default_factory=list,
        description="The ids of the success measures this need moves.",
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
        description="internal (inside DHS) or external (other agencies, CX CAP Goal team)."
    )
    role: Text = Field(description="How they help.")


class CapacityBuilding(Section):
    """Something the contractor leaves behind so the program can do CX itself."""

    kind: Literal["process", "training", "template", "hiring_guidance", "playbook", "other"] = (
        Field(description="process, training, template, hiring_guidance, playbook or other.")
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
        None, description="Briefings to internal leaders on insights, pilots and results."
    )
    customer_updates: str | None = Field(
        None, description="How customers are kept in the loop on what you learn and change."
    )
    pilots: list[Text] = Field(
        default_factory=list, description="Pilots you expect to choose from the research."
    )
    publish: str | None = Field(
        None, description="Where research findings are shared openly inside and outside DHS."
    )
