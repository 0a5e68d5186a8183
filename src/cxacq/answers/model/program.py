"""The program, its public-facing service, and the people behind the acquisition."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from cxacq.answers.model.base import Ask, Section, Text, check_zip_date
from cxacq.citations import DEFAULT_EDITION, Edition

__all__ = [
    "Agency",
    "Approval",
    "Channel",
    "DocumentControl",
    "ExecutiveSponsor",
    "Participant",
    "People",
    "Person",
    "Program",
]

Channel = Literal["online", "mobile_app", "phone", "in_person", "mail", "email", "chat", "video"]


class DocumentControl(Section):
    """Document control: the date, version and number the documents carry."""

    date: Annotated[dt.date, AfterValidator(check_zip_date)] = Field(
        description=(
            "The date printed on the documents, written YYYY-MM-DD. It is fixed in the file "
            "so the same answers always give the same documents."
        ),
        json_schema_extra=Ask(
            question="What date should the documents carry (YYYY-MM-DD)?",
        ),
    )
    version: Text = Field(
        "1.0",
        max_length=40,
        description="The version of this package, e.g. 1.0 for the first draft.",
        json_schema_extra=Ask(
            question="Which version of the package is this?",
        ),
    )
    plan_number: str | None = Field(
        None, description="The acquisition plan number your office assigns, if any."
    )
    marking: str | None = Field(
        None,
        description=(
            "A handling marking printed at the top of every page of the acquisition strategy, "
            "e.g. 'Pre-decisional – For Official Use Only'. The evaluation plan always carries "
            "the source selection information legend."
        ),
    )
    far_edition: Edition = Field(
        DEFAULT_EDITION,
        description=(
            "Which FAR the documents cite: rfo (the FAR overhaul class deviations, the "
            "default), legacy (48 CFR as codified before the overhaul) or dual (the overhaul "
            "number with the old one in parentheses). `--far-edition` overrides it."
        ),
        examples=["rfo"],
        json_schema_extra=Ask(
            question="Which FAR should the documents cite?",
            note=(
                "rfo: the FAR overhaul class deviations (the default); legacy: 48 CFR before the "
                "overhaul; dual: both."
            ),
        ),
    )
    distribution_statement: str | None = Field(
        None,
        description=(
            "Who may receive the acquisition strategy, printed on its cover. Leave it out for "
            "the default that fits the marking; the evaluation plan and scenario always carry "
            "the source selection statement."
        ),
        examples=[
            "Distribution authorized to DHS personnel and support contractors with a need to know."
        ],
    )


class Agency(Section):
    """The agency buying the support; DHS-specific text appears only for DHS."""

    name: Text = Field(
        "Department of Homeland Security",
        description="The department or agency, e.g. 'General Services Administration'.",
        examples=["Department of Homeland Security"],
        json_schema_extra=Ask(
            question="Which department or agency is buying the support?",
        ),
    )
    abbreviation: Text = Field(
        "DHS",
        description="Its short name, e.g. DHS, GSA or CDC. DHS adds the DHS text.",
        examples=["DHS"],
    )
    supplement: str | None = Field(
        None,
        description=(
            "The agency's FAR supplement or acquisition manual, if not DHS's, e.g. 'HHS "
            "Acquisition Regulation (HHSAR)'. DHS uses the Homeland Security Acquisition "
            "Manual."
        ),
        examples=["HHS Acquisition Regulation (HHSAR)"],
    )
    cx_advisors: str | None = Field(
        None,
        description=(
            "Where CX advisors for the evaluation come from, if not the DHS OCIO Customer "
            "Experience Directorate, e.g. 'the HHS customer experience team'."
        ),
        examples=["the CDC Office of the Chief Information Officer's CX team"],
    )

    @property
    def is_dhs(self) -> bool:
        """Return True when the buying agency is DHS."""
        return self.abbreviation.strip().upper() == "DHS"


class Program(Section):
    """The program buying CX support and the public-facing service it delivers."""

    # Word's core properties hold 255 characters. The title property is
    # "<document title>: <name>" and the author is "<office>, <component>", so these
    # limits keep every property in bounds (tests/test_limits.py renders them all).
    name: Text = Field(
        max_length=200,
        description="The program or project buying the support.",
        json_schema_extra=Ask(
            question="What is the program or project buying CX support called?",
        ),
    )
    acronym: str | None = Field(None, description="The program's short name, if it has one.")
    component: Text = Field(
        max_length=120,
        description="The DHS Component, e.g. 'U.S. Citizenship and Immigration Services (USCIS)'.",
        json_schema_extra=Ask(
            question="Which DHS Component is buying?",
        ),
    )
    office: Text = Field(
        max_length=120, description="The office that owns the customer need and the budget.",
        json_schema_extra=Ask(
            question="Which office owns the customer need and the budget?",
        ),
    )
    service: Text = Field(
        description=(
            "The public-facing service whose customer experience this work will improve, "
            "named as customers know it."
        ),
        json_schema_extra=Ask(
            question=(
                "Which public-facing service will this work improve, named as customers know it?"
            ),
            note=(
                'CX is "the sum of all touch points and experiences a customer has with your '
                'organization".'
            ),
        ),
    )
    service_description: Text = Field(
        description="Two or three sentences on what the service does and for whom.",
        json_schema_extra=Ask(
            question="In two or three sentences, what does the service do, and for whom?",
        ),
    )
    customers: list[Text] = Field(
        min_length=1, description="The groups of people who use the service.",
        json_schema_extra=Ask(
            question="Who uses the service? One group per line.",
        ),
    )
    channels: list[Channel] = Field(
        min_length=1,
        description=(
            "Where customers meet the service (every touchpoint counts): online, mobile_app, "
            "phone, in_person, mail, email, chat, video."
        ),
        json_schema_extra=Ask(
            question="Where do customers meet the service? Pick every channel.",
            note=(
                'Design "each touchpoint for a cohesive experience, whether digital, in person, '
                'on the phone, or other methods."'
            ),
            labels="channel",
        ),
    )
    annual_volume: str | None = Field(
        None, description="How many customers or transactions a year, in words or numbers.",
        json_schema_extra=Ask(
            question="How many customers or transactions a year?",
        ),
    )
    hisp: bool = Field(
        False,
        description=(
            "true if the Component is a High-Impact Service Provider under OMB Circular A-11 "
            "section 280."
        ),
        json_schema_extra=Ask(
            question=(
                "Is the Component a High-Impact Service Provider under OMB Circular A-11 section "
                "280?"
            ),
        ),
    )
    priority_service: str | None = Field(
        None, description="The A-11 designated priority service this work supports, if any.",
        json_schema_extra=Ask(
            question="Which A-11 designated priority service does this work support, if any?",
        ),
    )


class Person(Section):
    """A named person and how to reach them."""

    name: Text = Field(description="Full name.")
    title: str | None = Field(None, description="Job title.")
    organization: str | None = Field(None, description="Office or organization.")
    email: str | None = Field(
        None, description="Work email address.", examples=["alicia.moreno@uscis.dhs.gov"]
    )
    phone: str | None = Field(None, description="Work phone number.", examples=["202-555-0143"])


class ExecutiveSponsor(Person):
    """The executive whose commitment the DHS guidance asks for from the start."""

    commitment: Text = Field(
        description=(
            "What the sponsor has committed to: decisions they will make, time they will give, "
            "resources they will protect."
        ),
        json_schema_extra=Ask(
            question="What has the sponsor committed to: decisions, time, resources?",
            note=(
                'A specific commitment ("reviews findings monthly and decides which pilots go '
                'ahead") carries the work further than general support.'
            ),
        ),
    )


class Participant(Section):
    """A member of the cross-functional team that shapes the acquisition."""

    name: Text = Field(description="Full name.")
    role: Text = Field(description="Their role on the team, e.g. 'Privacy officer'.")
    organization: str | None = Field(None, description="Office or organization.")
    email: str | None = Field(
        None, description="Work email address.", examples=["dana.whitfield@uscis.dhs.gov"]
    )


class Approval(Section):
    """One signature on the Government's documents: who prepares, reviews or approves them."""

    name: Text = Field(description="Full name.", examples=["Carla Nguyen"])
    title: Text = Field(
        description="Job title, as it goes under the signature.",
        examples=["Attorney-advisor, Office of Chief Counsel"],
    )
    step: Literal["prepared", "reviewed", "approved"] = Field(
        description=(
            "prepared, reviewed or approved. An approved entry replaces the default approving "
            "official of the documents it names."
        ),
        examples=["reviewed"],
    )
    documents: list[Text] = Field(
        default_factory=list,
        description=(
            "The documents this signature goes on, by file name without extension, e.g. "
            "acquisition-strategy or market-research-report. Empty: every document with an "
            "approval page (every Government document: the strategy, evaluation plan, "
            "surveillance plan, market research report, D&F, evaluator packet and cost "
            "estimate)."
        ),
        examples=[["acquisition-strategy", "determination-and-findings"]],
    )


class People(Section):
    """Who leads the acquisition; the guidance asks for cross-functional work from the start."""

    program_manager: Person = Field(
        description="The program manager who owns the requirement.",
        json_schema_extra=Ask(
            question="The program manager who owns the requirement",
        ),
    )
    contracting_officer: Person = Field(
        description="The contracting officer.",
        json_schema_extra=Ask(
            question="The contracting officer",
        ),
    )
    cx_lead: Person = Field(
        description="The CX or human-centered design lead.",
        json_schema_extra=Ask(
            question="The CX or human-centered design lead",
        ),
    )
    executive_sponsor: ExecutiveSponsor = Field(
        description="The executive who commits to and supports the CX work.",
        json_schema_extra=Ask(
            question="Who is the executive sponsor?",
            note=(
                '"Ensure that executive-level leadership understands and commits and supports '
                'advancing CX within your organization from the start."'
            ),
        ),
    )
    contracting_officers_representative: Person | None = Field(
        None, description="The contracting officer's representative (COR), if already named.",
        json_schema_extra=Ask(
            question="Is a contracting officer's representative (COR) named yet?",
        ),
    )
    participants: list[Participant] = Field(
        default_factory=list,
        description=(
            "Everyone else on the cross-functional team: budget, legal counsel, privacy, "
            "security, IT, policy, front-line staff, small business specialist."
        ),
        json_schema_extra=Ask(
            question="Who else is on the cross-functional team?",
            note=(
                '"Collaborate cross-functionally, early and frequently": budget, legal, privacy, '
                "security, IT, policy, front-line staff and your small business specialist."
            ),
            item="team member",
        ),
    )
    approvals: list[Approval] = Field(
        default_factory=list,
        description=(
            "Signatures beyond the defaults. Every Government document already has lines for "
            "the program manager, the CX lead, the contracting officer and its approving "
            "official; add legal counsel, the competition advocate or a named approving "
            "official here."
        ),
    )
