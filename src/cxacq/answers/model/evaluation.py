"""How offers are evaluated, and the oral presentation on the priority CX challenge."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, PositiveInt, model_validator

from cxacq.answers.model.acquisition import Milestone
from cxacq.answers.model.base import Ask, Id, Section, Text
from cxacq.citations import cite

__all__ = [
    "Discriminator",
    "Evaluation",
    "Evaluator",
    "Factor",
    "GateKind",
    "Instructions",
    "OralPresentation",
    "Phase",
    "ResponsePart",
    "SESSION_NEEDS_SCENARIO",
    "Scenario",
    "SessionKind",
]

Discriminator = Literal[
    "customer_centred",
    "needs_to_products",
    "integrated_design",
    "inclusive_research",
    "whole_journey",
    "measurable_outcomes",
    "accessibility_practice",
    "capacity_building",
    "working_in_the_open",
    "iteration",
    "staffing_realism",
]

FactorKind = Literal["technical", "oral", "staffing", "past_performance", "experience", "price"]


class Factor(Section):
    """An evaluation factor, listed in descending order of importance (price last is usual)."""

    id: Id = Field(description="A short name used to link phases and the oral presentation.")
    name: Text = Field(description="The factor's name as offerors will read it.")
    kind: FactorKind = Field(
        description="technical, oral, staffing, past_performance, experience or price.",
        json_schema_extra=Ask(
            question="What kind of factor is it?",
            labels="factor_kind",
        ),
    )
    description: Text = Field(description="What the factor evaluates.")
    submission: Text = Field(description="What offerors submit for it, with page or time limits.")
    needs: list[PositiveInt] = Field(
        default_factory=list, description="The ranks of the needs this factor tests.",
        json_schema_extra=Ask(
            question="Which needs (by rank) does this factor test?",
        ),
    )
    discriminators: list[Discriminator] = Field(
        default_factory=list,
        description=(
            "The CX capabilities it discriminates: customer_centred, needs_to_products, "
            "integrated_design, inclusive_research, whole_journey, measurable_outcomes, "
            "accessibility_practice, capacity_building, working_in_the_open, iteration, "
            "staffing_realism."
        ),
        json_schema_extra=Ask(
            question="Which CX capabilities does this factor discriminate?",
            note=(
                '"Design should not be a stand-alone silo offering, but rather integrated into '
                'how an offeror does business."'
            ),
        ),
    )


class Evaluator(Section):
    """A member of the evaluation team or an advisor to it."""

    name: Text = Field(description="Full name, or the position if not yet named.")
    role: Literal[
        "source_selection_authority",
        "chair",
        "evaluator",
        "technical_advisor",
        "price_evaluator",
        "contracting_officer",
        "legal_counsel",
    ] = Field(
        description=(
            "source_selection_authority, chair, evaluator, technical_advisor, price_evaluator, "
            "contracting_officer or legal_counsel."
        ),
        json_schema_extra=Ask(
            question="What is their role?",
            labels="role",
        ),
    )
    organization: Text = Field(description="e.g. 'DHS OCIO Customer Experience Directorate'.")
    voting: bool = Field(
        description="true if they rate offers; advisors do not vote.",
        json_schema_extra=Ask(
            question="Will they rate offers (vote)? Advisors do not vote.",
        ),
    )
    cx_expertise: bool = Field(
        False, description="true if they bring customer-experience or design expertise.",
        json_schema_extra=Ask(
            question="Does this person bring customer-experience or design expertise?",
        ),
    )
    government: bool = Field(
        True,
        description="false for a contractor advisor (never a voting member).",
        examples=["true"],
        json_schema_extra=Ask(
            question="Is this person a Government employee? A contractor advisor never votes.",
        ),
    )


GateKind = Literal["none", "advisory", "mandatory"]

_OLD_ADVISORY = {True: "advisory", False: "none", "true": "advisory", "false": "none"}


class Phase(Section):
    """A phase of the evaluation and the gate that ends it."""

    name: Text = Field(description="e.g. 'Phase I: written case study'.")
    factors: list[Id] = Field(
        min_length=1,
        description="The ids of the factors it evaluates.",
        json_schema_extra=Ask(
            question="Which factors does this phase evaluate?",
        ),
    )
    gate: GateKind = Field(
        "none",
        description=(
            "What happens after the phase: none (every offeror continues), advisory (offerors "
            "are advised whether to continue, and may continue anyway) or mandatory (a "
            "pass/fail gate: an offeror that fails a factor of the phase is not evaluated "
            "further). Older files' advisory_down_select: true is read as advisory, with a warning "
            "to rename it."
        ),
        examples=["advisory"],
        json_schema_extra=Ask(
            question=(
                "After this phase, does every offeror go on (none), are offerors advised whether "
                "to go on (advisory), or must they pass the phase to go on (mandatory)?"
            ),
        ),
    )
    submission_due: dt.date | None = Field(
        None,
        description=(
            "The date responses for this phase's factors are due (YYYY-MM-DD); leave out when "
            "they are due with the first phase's."
        ),
        examples=["2027-04-05"],
        json_schema_extra=Ask(
            question=(
                "On what date are responses for this phase's factors due? Skip it when they are "
                "due with the first phase's."
            ),
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _check_old_advisory_key(cls, data: Any) -> Any:
        """Read ``advisory_down_select`` (the name before gates had kinds) as ``gate``."""
        if not isinstance(data, dict) or "advisory_down_select" not in data:
            return data
        data = dict(data)
        old = data.pop("advisory_down_select")
        key = old.strip().lower() if isinstance(old, str) else old
        if "gate" in data:
            raise ValueError(
                "advisory_down_select is the old name of gate; keep only gate"
            )
        if not isinstance(key, bool | str) or key not in _OLD_ADVISORY:
            raise ValueError("advisory_down_select must be true or false; write gate instead")
        data["gate"] = _OLD_ADVISORY[key]
        return data


class ResponsePart(Section):
    """One part (volume) of a response: what it holds and its page limit."""

    name: Text = Field(description="The part's name as offerors will read it.",
                       examples=["Technical quotation"])
    holds: Text = Field(
        description="What the part must contain, in one or two sentences.",
        examples=["The case study, the research and design artifacts and the staffing plan."],
    )
    page_limit: PositiveInt | None = Field(
        None, description="The most pages the part may have; leave out for no limit.",
        examples=["15"],
    )
    factors: list[Id] = Field(
        default_factory=list, description="The ids of the factors the part responds to."
    )


class Instructions(Section):
    """The rules offerors follow to prepare and submit a response."""

    parts: list[ResponsePart] = Field(
        default_factory=list,
        description=(
            "The parts of a response. Leave out for two parts built from the factors: a "
            "technical part with every written non-price factor and a price part."
        ),
    )
    page_limit: PositiveInt | None = Field(
        None,
        description="The technical part's page limit when parts are built from the factors.",
        examples=["15"],
    )
    page_size: Text = Field(
        "8.5 by 11 inches", description="The page size every part uses.",
        examples=["8.5 by 11 inches"],
    )
    font: Text = Field(
        "12-point type; tables and figures may use 10-point type",
        description="The smallest type allowed.",
        examples=["12-point type; tables and figures may use 10-point type"],
    )
    file_format: Text = Field(
        "PDF with searchable text, one file for each part",
        description="The file format and how files are split.",
        examples=["PDF with searchable text, one file for each part; price in the Excel workbook"],
    )
    not_counted: list[Text] = Field(
        default_factory=lambda: ["a cover page", "a table of contents"],
        description="What does not count toward a page limit.",
        examples=["a cover page"],
    )
    over_limit: Literal["not_read", "not_considered"] = Field(
        "not_read",
        description=(
            "What happens to pages over a limit: not_read (removed and not evaluated) or "
            "not_considered (the whole response is not considered for award)."
        ),
        examples=["not_read"],
    )
    submission_method: str | None = Field(
        None,
        description="How responses are submitted.",
        examples=["Through GSA eBuy, attached to the request for quotations"],
    )
    deadline: dt.date | None = Field(
        None, description="The date responses are due (YYYY-MM-DD).", examples=["2027-03-01"]
    )
    deadline_time: Text = Field(
        "2:00 p.m.", description="The time of day responses are due.", examples=["2:00 p.m."]
    )
    time_zone: Text = Field(
        "Eastern Time", description="The time zone of every time stated.",
        examples=["Eastern Time"],
    )
    questions_due: dt.date | None = Field(
        None, description="The last day for questions (YYYY-MM-DD).", examples=["2027-02-12"]
    )
    questions_to: str | None = Field(
        None, description="How and where questions are sent, to follow 'Send questions'.",
        examples=["by email to the contracting officer at co@example.gov"],
    )
    questions_published_how: Text = Field(
        "Every question and its answer are published as an amendment, without the name of the "
        "firm that asked.",
        description="How answers to questions are published.",
        examples=["Every question and its answer are posted on eBuy as an amendment, without "
                  "the name of the firm that asked."],
    )
    assumptions: Literal["not_allowed", "separate_list"] = Field(
        "not_allowed",
        description=(
            "The rule for assumptions, conditions and exceptions: not_allowed (a response that "
            "has any may be found unacceptable) or separate_list (list them in one place; the "
            "Government evaluates them)."
        ),
        examples=["not_allowed"],
    )
    key_personnel: list[Text] = Field(
        default_factory=list,
        description="The key personnel roles; each needs a resume.",
        examples=["Lead researcher"],
    )
    resume_page_limit: PositiveInt = Field(
        2, description="The most pages for each resume.", examples=["2"]
    )
    resumes_count_toward_limit: bool = Field(
        False,
        description="true if resumes and letters of commitment count toward the page limit.",
        examples=["false"],
    )
    letters_of_commitment: bool = Field(
        True,
        description=(
            "true if each key person not now employed by the firm or a teaming partner must "
            "sign a letter of commitment."
        ),
        examples=["true"],
    )


class Evaluation(Section):
    """The evaluation: structured to discriminate offerors' CX capabilities."""

    basis_for_award: Literal[
        "best_value_tradeoff", "best_suited_comparative", "lowest_price_technically_acceptable",
        "highest_technically_rated",
    ] = Field(
        description=(
            "best_value_tradeoff, best_suited_comparative (schedule orders, task orders and "
            "simplified commercial buys only), "
            "lowest_price_technically_acceptable (not advised for CX services) or "
            "highest_technically_rated (award to the highest technically rated response whose "
            f"price is fair and reasonable, with no tradeoff: {cite('highest_technically_rated')}; "
            "not for an order under the schedules)."
        ),
        json_schema_extra=Ask(
            question="On what basis will the award be made?",
            labels="basis_for_award",
        ),
    )
    lpta_justification: str | None = Field(
        None,
        description=(
            f"If lowest price technically acceptable: why it fits ({cite('lpta_limits')})."
        ),
        examples=[
            "The order buys a fixed set of usability-test sessions whose requirements are fully "
            "defined, so a higher-priced offer would add no value."
        ],
        json_schema_extra=Ask(
            question="Why does lowest price technically acceptable fit?",
        ),
    )
    htr_justification: str | None = Field(
        None,
        description=(
            "If highest technically rated: why trading price against the non-price factors "
            "would not be to the Government's advantage, decided before the solicitation is "
            f"released ({cite('highest_technically_rated') or cite('gao_b_413559')})."
        ),
        examples=[
            "The program needs the strongest research team it can get at a fair price; "
            "market research found schedule rates within a narrow band, so a tradeoff would "
            "add evaluation time without changing the choice."
        ],
        json_schema_extra=Ask(
            question=(
                "Why would trading price against the non-price factors not be to the "
                "Government's advantage?"
            ),
        ),
    )
    rating_method: Literal["adjectival", "confidence", "comparative"] = Field(
        description=(
            "adjectival (Outstanding to Unacceptable), confidence (High, Some, Low "
            "confidence that the offeror will succeed) or comparative (responses are compared "
            "with each other on each factor, with no rating scale; schedule orders, task "
            "orders and simplified commercial buys only)."
        ),
        json_schema_extra=Ask(
            question="How will evaluators rate offers?",
        ),
    )
    factors: list[Factor] = Field(
        min_length=1, description="The evaluation factors, most important first.",
        json_schema_extra=Ask(
            question="What are the evaluation factors, most important first?",
            note=(
                "\"Structure your evaluation to discriminate offeror's CX capabilities. An "
                "offeror's approach should center on the customer, and the offeror should be "
                'able to show how they translate customer needs into products."'
            ),
            item="evaluation factor",
        ),
    )
    relative_importance: Text = Field(
        description="How the non-price factors rank against each other, in one or two sentences.",
        json_schema_extra=Ask(
            question="How do the non-price factors rank against each other?",
        ),
    )
    non_price_vs_price: Literal[
        "significantly_more_important", "approximately_equal", "significantly_less_important",
        "more_important", "equal", "less_important",
    ] = Field(
        description=(
            "All non-price factors combined, compared with price. A negotiated contract must "
            "use one of three statements: significantly_more_important, approximately_equal or "
            f"significantly_less_important ({cite('relative_importance')}). Orders and "
            "simplified buys may also use the plain comparisons more_important, equal or "
            "less_important."
        ),
        examples=["more_important"],
        json_schema_extra=Ask(
            question="Taken together, how do the non-price factors compare with price?",
            labels="non_price_vs_price",
        ),
    )
    phases: list[Phase] = Field(
        default_factory=list,
        description="Phases, if any.",
        json_schema_extra=Ask(
            question="Will the evaluation run in phases?",
            item="evaluation phase",
        ),
    )
    evaluators: list[Evaluator] = Field(
        min_length=1, description="The evaluation team and its advisors.",
        json_schema_extra=Ask(
            question="Who evaluates the offers, and who advises?",
            note=(
                '"Make sure people who understand CX support the evaluation of offers. Consider '
                "bringing in evaluators, technical subject matter experts, or advisors from the "
                'DHS OCIO CX team, or other federal agencies, as needed."'
            ),
            item="evaluator or advisor",
        ),
    )
    award_without_discussions: bool = Field(
        True,
        description=(
            "true if the Government intends to award without negotiations (discussions) or "
            "exchanges."
        ),
        json_schema_extra=Ask(
            question="Does the Government intend to award without discussions?",
        ),
    )
    past_performance_method: Literal["confidence", "pass_fail", "acceptable"] | None = Field(
        None,
        description=(
            "The scale past performance is rated on: confidence (substantial to no confidence, "
            "with neutral confidence), pass_fail (pass, neutral or fail) or acceptable "
            "(acceptable, neutral or unacceptable). Leave out for acceptable under lowest price "
            "technically acceptable and confidence otherwise."
        ),
        examples=["pass_fail"],
    )
    past_performance_years: PositiveInt = Field(
        3, description="How recent past performance must be, in years."
    )
    schedule: list[Milestone] = Field(
        default_factory=list, description="Dated evaluation milestones.",
        json_schema_extra=Ask(
            item="evaluation milestone",
        ),
    )
    instructions: Instructions = Field(
        default_factory=Instructions,
        description="The rules for preparing and submitting a response.",
    )

    def phase_index(self, factor_id: str) -> int | None:
        """Return the index of the first phase that evaluates ``factor_id``, or None."""
        return next((i for i, p in enumerate(self.phases) if factor_id in p.factors), None)

    @property
    def gated_factors(self) -> frozenset[str]:
        """Return the ids of the factors evaluated in a phase with a mandatory gate."""
        return frozenset(
            f for p in self.phases if p.gate == "mandatory" for f in p.factors
        )

    @property
    def phase_due_dates(self) -> tuple[dt.date | None, ...]:
        """Return the date each phase's responses are due, in phase order.

        A phase without ``submission_due`` takes the previous phase's date; the first
        takes the response deadline in the instructions.
        """
        dates: list[dt.date | None] = []
        for index, phase in enumerate(self.phases):
            before = dates[-1] if index else self.instructions.deadline
            dates.append(phase.submission_due or before)
        return tuple(dates)

    def response_parts(self, response: str) -> list[ResponsePart]:
        """Return the parts of a response: the answers' own, or a technical and a price part.

        Built from the factors, the technical part holds every written non-price factor's
        submission (an oral factor is presented, not written) and the price part the
        price's; ``response`` is the path's word for it ("quotation" or "proposal").
        """
        if self.instructions.parts:
            return list(self.instructions.parts)
        written = [f for f in self.factors if f.kind not in ("price", "oral")]
        price = [f for f in self.factors if f.kind == "price"]
        parts = []
        for name, factors, limit in (
            (f"Technical {response}", written, self.instructions.page_limit),
            (f"Price {response}", price, None),
        ):
            if factors:
                parts.append(ResponsePart(
                    name=name,
                    holds=" ".join(f.submission for f in factors),
                    page_limit=limit,
                    factors=[f.id for f in factors],
                ))
        return parts


class Scenario(Section):
    """The scenario of an oral session: from the program's priority CX challenge, or unrelated."""

    title: Text = Field(description="A short title for the scenario.")
    related_to_program: bool = Field(
        True,
        description=(
            "true if the scenario is drawn from one of the program's needs (give need_rank); "
            "false for a scenario deliberately unrelated to the program."
        ),
        examples=["true"],
    )
    need_rank: PositiveInt | None = Field(
        None,
        description=(
            "The rank of the need the scenario comes from (a top-priority one); required when "
            "related_to_program is true."
        ),
        examples=["1"],
        json_schema_extra=Ask(
            question="Which need does the scenario come from? Choose a top-priority one.",
            note="The scenario should reflect your \"program priority CX challenge\".",
        ),
    )
    context: Text = Field(description="The situation offerors are placed in.")
    current_state: Text = Field(description="Where things stand now, with a number.")
    constraints: list[Text] = Field(
        default_factory=list, description="Constraints offerors must work within."
    )
    prompts: list[Text] = Field(
        min_length=2, max_length=4, description="Two to four questions offerors must answer.",
        json_schema_extra=Ask(
            question="Which two to four questions must offerors answer?",
        ),
    )
    prompt_criteria: list[Discriminator] = Field(
        default_factory=list,
        description=(
            "The criterion each prompt tests, in the order of the prompts: one of the "
            "discriminators of the factors the presentation informs."
        ),
        examples=[["customer_centred", "integrated_design", "capacity_building"]],
    )
    prompt_minutes: list[PositiveInt] = Field(
        default_factory=list,
        description=(
            "The time budget: the minutes of the presentation each prompt is given, in the order "
            "of the prompts. Together they may not exceed presentation_minutes; any time left is "
            "the offeror's to use. The instructions, the handout and the evaluator packet print "
            "the same budget."
        ),
        examples=[[15, 15, 20]],
        json_schema_extra=Ask(
            question=(
                "How many minutes of the presentation does each prompt get? One number per "
                "prompt, in order."
            ),
            note=(
                "A budget per prompt tells every offeror how to plan its time; an offeror that "
                "leaves too little for the last prompts bears that risk."
            ),
        ),
    )
    fictionalized: bool = Field(
        description=(
            "true if details are changed so an incumbent gains no edge: then no agency, "
            "component or program name and no baseline number appears in the scenario."
        ),
        json_schema_extra=Ask(
            question="Are details changed so that an incumbent gains no edge?",
        ),
    )
    provided_materials: list[Text] = Field(
        default_factory=list, description="Data or artifacts given to offerors with the scenario."
    )


SessionKind = Literal[
    "scenario_presentation", "interview", "technical_challenge", "product_demonstration"
]
SESSION_NEEDS_SCENARIO: frozenset[str] = frozenset({"scenario_presentation", "technical_challenge"})
"""The session kinds that cannot be held without a scenario."""


class OralPresentation(Section):
    """The oral session: a scenario presentation, an interview, a challenge or a demonstration."""

    used: bool = Field(
        description="true if offerors give an oral presentation.",
        json_schema_extra=Ask(
            question=(
                "Will offerors give an oral presentation on a scenario from your priority CX "
                "challenge?"
            ),
            note=(
                '"Would an oral presentation where the offeror responds to a simple scenario '
                'reflective of your organization or program priority CX challenge be useful?"'
            ),
        ),
    )
    session: SessionKind | None = Field(
        None,
        description=(
            "The kind of session: scenario_presentation (offerors present their approach to a "
            "scenario), interview (evaluators ask standard questions; no scenario), "
            "technical_challenge (a hands-on exercise on a scenario, then a walk-through of what "
            "was produced) or product_demonstration (offerors show a working product; say what in "
            "demonstration). Leave out for scenario_presentation when a scenario is given and "
            "interview when none is."
        ),
        examples=["scenario_presentation"],
        json_schema_extra=Ask(
            question="What kind of oral session will it be?",
            labels="session",
            offered="scenario_presentation",
        ),
    )
    demonstration: Text | None = Field(
        None,
        description=(
            "For a product demonstration: what offerors demonstrate and on what, in one or two "
            "sentences."
        ),
        examples=["Their working prototype of an online status page, on their own equipment, "
                  "using the test data provided."],
        json_schema_extra=Ask(
            question="What will offerors demonstrate, and on what?",
        ),
    )
    not_used_reason: str | None = Field(
        None, description="If not used: how CX capability is evaluated instead.",
        json_schema_extra=Ask(
            question="Without an oral presentation, how will CX capability be evaluated instead?",
        ),
    )
    factors: list[Id] = Field(
        default_factory=list, description="The ids of the factors the presentation informs.",
        json_schema_extra=Ask(
            question="Which evaluation factors does the presentation inform?",
        ),
    )
    format: Literal["in_person", "virtual", "hybrid"] | None = Field(
        None, description="in_person, virtual or hybrid.",
        json_schema_extra=Ask(
            question="Will presentations be in person, virtual or hybrid?",
            labels="format",
        ),
    )
    location: str | None = Field(None, description="The place or the video platform.")
    window: str | None = Field(
        None,
        description=(
            "When presentations take place, in words; prefer dates, which both oral documents "
            "print the same way."
        ),
        examples=["March 2 and 3, 2027"],
    )
    dates: list[dt.date] = Field(
        default_factory=list,
        description=(
            "The specific dates presentations are held (YYYY-MM-DD); the offeror handout and the "
            "evaluator packet both print them."
        ),
        examples=[["2027-03-02", "2027-03-03"]],
    )
    scenario_lead_time: str | None = Field(
        None,
        description=(
            "When offerors receive the scenario: a length of time, read as that long before "
            "their presentation ('48 hours'), or words that say when ('two business days before "
            "the presentation'). Leave out and the documents say the contracting officer gives "
            "the time in writing."
        ),
        examples=["48 hours"],
        json_schema_extra=Ask(
            question=(
                "When do offerors receive the scenario? A length of time ('48 hours') is read as "
                "that long before their presentation; or say when ('two business days before the "
                "presentation')."
            ),
            offered="48 hours",
        ),
    )
    order: str | None = Field(
        None,
        description="How the order of the sessions is set, in one sentence.",
        examples=["The contracting officer sets the order of presentations by random draw."],
        json_schema_extra=Ask(
            question="How is the order of the sessions set?",
            offered="The contracting officer sets the order of presentations by random draw.",
        ),
    )
    technical_check: str | None = Field(
        None,
        description="The connection test held before a virtual or hybrid session, if any.",
        examples=["A 15-minute connection test is held the business day before."],
        json_schema_extra=Ask(
            question=(
                "Is a connection test held before the session? Say when, and how long it takes."
            ),
            offered="A 15-minute connection test is held the business day before.",
        ),
    )
    presentation_minutes: PositiveInt | None = Field(
        None, description="Length of the presentation in minutes.",
        json_schema_extra=Ask(
            question="How long is each presentation, in minutes?",
        ),
    )
    qa_minutes: PositiveInt | None = Field(
        None, description="Length of the question period in minutes.",
        json_schema_extra=Ask(
            question="How long is the question period, in minutes?",
        ),
    )
    required_presenters: list[Text] = Field(
        default_factory=list,
        description="Roles that must present: key personnel who will do the work.",
        json_schema_extra=Ask(
            question=(
                "Which roles must present? Name the key people who will do the work, such as the "
                "CX or design lead."
            ),
        ),
    )
    max_attendees: PositiveInt | None = Field(
        None, description="The most people an offeror may bring.",
        json_schema_extra=Ask(
            question="How many people may an offeror bring at most?",
        ),
    )
    only_project_staff: bool = Field(
        False,
        description=(
            "true if only people who will work on the contract may present, so business "
            "development and marketing staff may not."
        ),
        examples=["true"],
        json_schema_extra=Ask(
            question=(
                "May only people who will work on the contract present (no business development "
                "or marketing staff)?"
            ),
            offered=True,
        ),
    )
    slides_allowed: bool = Field(
        True,
        description="true if slides may be used.",
        json_schema_extra=Ask(
            question="May offerors use slides?",
        ),
    )
    slide_limit: PositiveInt | None = Field(None, description="The most slides allowed.")
    slides_submission: str | None = Field(
        None,
        description="When and how slides reach the Government, to follow 'submitted'.",
        examples=["by email to the contracting officer one hour before the presentation"],
        json_schema_extra=Ask(
            question="When and how do slides reach the Government?",
            offered="by email to the contracting officer one hour before the presentation",
        ),
    )
    no_other_material: bool = Field(
        False,
        description=(
            "true if offerors may hand over no written material other than their slides (none at "
            "all when slides are not allowed)."
        ),
        examples=["true"],
        json_schema_extra=Ask(
            question="Is all written material other than the slides refused?",
            offered=True,
        ),
    )
    session_rules: list[Text] = Field(
        default_factory=list,
        description=(
            "Other rules offerors follow during the session, one sentence each (time limits, "
            "reach-back, recording by offerors, questions to the contracting officer)."
        ),
        examples=["Presenters may not consult people outside the room during the session."],
        json_schema_extra=Ask(
            question="What other rules do offerors follow during the session? One per line.",
            offered=(
                "Times are hard stops. The contracting officer ends each part when its time runs "
                "out, and the evaluators do not consider anything presented after that.",
                "Presenters may not consult people outside the room (no reach-back) during the "
                "session.",
                "Questions to the contracting officer during the session may be about logistics "
                "only.",
                "Only the Government may record the session.",
            ),
        ),
    )
    recording: Literal["government_video", "government_audio", "written_record"] | None = Field(
        None,
        description=(
            f"How the Government records the session ({cite('oral_record')}): government_video, "
            "government_audio or written_record."
        ),
        json_schema_extra=Ask(
            question="How will the Government record the session?",
            labels="recording",
        ),
    )
    discussions_permitted: bool = Field(
        False, description="true only if exchanges during the session may be discussions.",
        json_schema_extra=Ask(
            question=(
                "May exchanges during the session be discussions? Usually not: questions during "
                "orals are clarifications."
            ),
        ),
    )
    questions_disclosed: bool = Field(
        False,
        description=(
            "true if the standard questions are given to offerors with the instructions and their "
            "answers are part of the evaluated presentation; false if the question period only "
            "clarifies what was presented (then evaluators ask no standard questions)."
        ),
        examples=["true"],
    )
    questions: list[Text] = Field(
        default_factory=list,
        description=(
            "Standard questions evaluators ask every offeror, in this order (required for an "
            "interview)."
        ),
        json_schema_extra=Ask(
            question=(
                "Which standard questions do evaluators ask every offeror? One per line, in "
                "order."
            ),
        ),
    )
    question_criteria: list[Discriminator] = Field(
        default_factory=list,
        description=(
            "The criterion each standard question tests, in the order of the questions: one of "
            "the discriminators of the factors the presentation informs."
        ),
        examples=[["inclusive_research"]],
    )
    follow_ups: list[Text] = Field(
        default_factory=list,
        description=(
            "Examples of the follow-up questions evaluators may ask, each only asking the "
            "offeror to clarify or illustrate what it said."
        ),
        examples=["Can you give an example?"],
        json_schema_extra=Ask(
            question=(
                "Which follow-up questions may evaluators ask? Only ones that clarify or "
                "illustrate."
            ),
            offered=(
                "Can you give an example?",
                "Who on the team would do that?",
                "How would you know it worked?",
            ),
        ),
    )
    scenario: Scenario | None = Field(
        None,
        description=(
            "The scenario offerors answer: required for a scenario presentation or a technical "
            "challenge, optional for a product demonstration, and left out for an interview."
        ),
        json_schema_extra=Ask(
            question="The scenario, drawn from your priority CX challenge",
        ),
    )

    @property
    def session_kind(self) -> SessionKind:
        """Return the kind of session, reading a missing answer from whether a scenario is given."""
        if self.session is not None:
            return self.session
        return "scenario_presentation" if self.scenario is not None else "interview"
