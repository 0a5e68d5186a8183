"""The answers model: the single source of truth for validate, schema and init.

Sections follow the DHS guidance's roadmap in order. Cross-field rules live in
:func:`cross_check`, which reports each problem at the exact field it concerns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from cxacq.answers.facts import (
    ALLOWED_BASIS,
    ALLOWED_COMPETITION,
    HTR_COMPARISONS,
    PART_15_COMPARISONS,
    PATH_NAMES,
    SIMPLIFIED_THRESHOLD,
    decide_facts,
)
from cxacq.answers.model.acquisition import Acquisition, Compliance, Funding, MarketResearch
from cxacq.answers.model.base import Ask, Section, Text
from cxacq.answers.model.cost import CostEstimate, cost_estimate_problems
from cxacq.answers.model.evaluation import SESSION_NEEDS_SCENARIO, Evaluation, OralPresentation
from cxacq.answers.model.need import (
    CapacityBuilding,
    CapacityQuestions,
    CustomerNeed,
    Discovery,
    Need,
    Partner,
    ResearchSharing,
    SupportModel,
    Vision,
)
from cxacq.answers.model.program import Agency, DocumentControl, People, Program
from cxacq.citations import cite
from cxacq.documents.catalog import DOCUMENTS

__all__ = ["AcceptedFinding", "Answers", "CrossProblem", "cross_check"]

Loc = tuple[str | int, ...]
CrossProblem = tuple[Loc, str, str | None]  # location, message, hint


def _version_number(value: Any) -> Any:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_version_number)]


class AcceptedFinding(Section):
    """A guidance finding the team has looked at and accepted, with the reason."""

    code: Text = Field(description="The rule code, e.g. SEED-C08 (see `cxacq rules`).")
    reason: Text = Field(description="Why the finding is accepted; kept in the record.")


class Answers(Section):
    """A program office's answers about its CX need: everything the package is built from."""

    schema_version: SchemaVersion = Field(description="The answers-file format version. Always 1.")
    document: DocumentControl = Field(
        description="Document control.",
        json_schema_extra=Ask(
            title="Document control",
            intro=(
                "Document control. The date is fixed here, never taken from the clock, so the "
                "same answers always give byte-identical documents."
            ),
        ),
    )
    agency: Agency = Field(
        default_factory=Agency,
        description="The agency buying the support; DHS unless another agency is named.",
        json_schema_extra=Ask(
            title="The agency buying the support",
            intro=(
                "The agency buying the support. Leave it out for DHS; another agency names "
                "itself and its own acquisition supplement, and the documents print none of the "
                "DHS text."
            ),
        ),
    )
    program: Program = Field(
        description="The program and its public-facing service.",
        json_schema_extra=Ask(
            title="Your program and its service",
            intro=(
                'The program and its public-facing service. The guidance: CX is "the sum of all '
                'touch points and experiences a customer has with your organization"; government '
                "is often the only provider, so it matters."
            ),
        ),
    )
    people: People = Field(
        description="Who leads the acquisition.",
        json_schema_extra=Ask(
            title="The people: sponsor, leads and the cross-functional team",
            intro=(
                "Who leads. The guidance's starter tips: \"Ensure that executive-level "
                "leadership understands and commits and supports advancing CX within your "
                'organization from the start", and "collaborate cross-functionally, early and '
                'frequently."'
            ),
        ),
    )
    customer_need: CustomerNeed = Field(
        description="Roadmap step 1: the persistent customer need.",
        json_schema_extra=Ask(
            title="Roadmap step 1: focus on a persistent customer need",
            intro=(
                'ROADMAP STEP 1: Focus on a persistent customer need. "Work with leaders and '
                "existing data to identify an agreed-upon pain point, then leverage contracts to "
                'bring speed and expertise to solve it."'
            ),
        ),
    )
    discovery: Discovery = Field(
        description="Discovery with customers: done or planned.",
        json_schema_extra=Ask(
            title="Listen and observe: discovery with customers",
            intro=(
                'Discovery. "Conduct discovery by observing and listening to customers to '
                "understand their needs and experiences. Use that data to inform your CX vision "
                'and goals."'
            ),
        ),
    )
    vision: Vision = Field(
        description="Roadmap step 2: the vision.",
        json_schema_extra=Ask(
            title="Roadmap step 2: start with an inspiring vision for change",
            intro=(
                'ROADMAP STEP 2: Start with an inspiring vision for change. "Envision what this '
                'service could look like in five years and aim to do that in one year."'
            ),
        ),
    )
    capacity: CapacityQuestions = Field(
        description="The three capacity questions.",
        json_schema_extra=Ask(
            title="The three questions: assess your capacity and support needs",
            intro=(
                "The guidance's three questions for assessing capacity and support needs: what "
                "does great CX look like, what are the biggest challenges, and how will we "
                "measure success."
            ),
        ),
    )
    needs: list[Need] = Field(
        min_length=1,
        description="Roadmap step 3: prioritized needs.",
        json_schema_extra=Ask(
            question="What do you need help with? Enter your needs, most important first.",
            note=(
                '"Prioritize your needs." Rank 1 is your priority CX challenge: the '
                "oral-presentation scenario comes from it."
            ),
            item="need",
            title="Roadmap step 3: identify your needs and prioritize them",
            intro=(
                'ROADMAP STEP 3: Identify your needs and ask for help. "Prioritize your needs." '
                "Rank 1 is the priority CX challenge the oral-presentation scenario should come "
                "from."
            ),
        ),
    )
    support_model: SupportModel = Field(
        description=(
            "The support you are buying: cx_designers_in_existing_teams (CX designers who "
            "join your existing development teams) or full_teams_with_cx_designers (full "
            "development teams that include CX designers)."
        ),
        json_schema_extra=Ask(
            question="What kind of support are you seeking?",
            note=(
                '"Are you seeking to obtain support from CX designers that can integrate into '
                "existing development teams, or are you seeking full development teams that "
                'include CX designers?"'
            ),
            title="The support you are asking for",
            intro=(
                '"Are you seeking to obtain support from CX designers that can integrate into '
                "existing development teams, or are you seeking full development teams that "
                'include CX designers?"'
            ),
            labels="support_model",
        ),
    )
    partners: list[Partner] = Field(
        default_factory=list, description="Partners inside and outside the organization.",
        json_schema_extra=Ask(
            question="Who can you partner with, inside and outside the organization?",
            note=(
                '"The CX Cross Agency Priority Goal team and other agency CX professionals can '
                "help guide you through this process. Engage stakeholders as partners and "
                'co-creators versus clients or direct reports."'
            ),
            item="partner",
            title="Partners inside and outside the organization",
            intro=(
                '"Find the people within and outside the organization who you can partner with" '
                "— the CX Cross Agency Priority Goal team, the DHS OCIO CX team, other agencies."
            ),
        ),
    )
    capacity_building: list[CapacityBuilding] = Field(
        default_factory=list,
        description="What the contractor leaves behind: processes, trainings, templates, hiring "
        "guidance.",
        json_schema_extra=Ask(
            question="What should the contractor leave behind so your program can do this itself?",
            note=(
                '"Shape contractor relationships so they build the capacity of your program and '
                "agency (e.g., processes, trainings, templates, hiring guidance) while solving "
                'CX challenges."'
            ),
            item="capacity-building item",
            title="Contracts that build your capacity",
            intro=(
                '"Shape contractor relationships so they build the capacity of your program and '
                'agency (e.g., processes, trainings, templates, hiring guidance)."'
            ),
        ),
    )
    research_sharing: ResearchSharing = Field(
        default_factory=ResearchSharing,
        description="Roadmap step 4: sharing research in the open.",
        json_schema_extra=Ask(
            title="Roadmap step 4: share your research in the open",
            intro=(
                'ROADMAP STEP 4: Share your research in the open. "Integrate periodic briefings '
                "to internal leaders within contracting agreements to share insights, chose "
                'pilots, and demonstrate results."'
            ),
        ),
    )
    funding: Funding = Field(
        description="How the need is funded.",
        json_schema_extra=Ask(
            title="Funding the need",
            intro=(
                'Funding. "If you determine you require contractor support … conduct market '
                'research, identify how to fund that need, and engage your procurement office."'
            ),
        ),
    )
    cost_estimate: CostEstimate | None = Field(
        None,
        description=(
            "The independent Government cost estimate behind the funding table: a rate card "
            "with sources, the team shape, other direct costs and assumptions. When given, the "
            "package includes the cost estimate workbook."
        ),
        json_schema_extra=Ask(
            question=(
                "Will you build the independent Government cost estimate here, from a rate card "
                "and the team?"
            ),
            note="The package then includes a workbook whose totals must equal the funding table.",
            title="The independent Government cost estimate",
            intro=(
                "The independent Government cost estimate behind the funding table. Give the "
                "rate card with each rate's source (cxacq never supplies a rate), the team, "
                "other direct costs and assumptions; the package then includes a workbook whose "
                "totals must equal the funding table."
            ),
        ),
    )
    market_research: MarketResearch = Field(
        default_factory=MarketResearch, description="Market research.",
        json_schema_extra=Ask(
            title="Market research",
            intro=(
                "Market research: what industry can do, on which vehicles, and what small "
                "businesses offer."
            ),
        ),
    )
    acquisition: Acquisition = Field(
        description="The acquisition approach.",
        json_schema_extra=Ask(
            title="The acquisition approach (with your contracting officer)",
            intro=(
                'The acquisition approach, worked out with your contracting officer. "Take a '
                'flexible approach that is based on goals and objectives."'
            ),
        ),
    )
    compliance: Compliance = Field(
        description="Privacy, security, Paperwork Reduction Act and accessibility.",
        json_schema_extra=Ask(
            title="Privacy, the Paperwork Reduction Act and accessibility",
            intro=(
                "Privacy, security, the Paperwork Reduction Act and Section 508 accessibility: "
                "research with the public touches all four."
            ),
        ),
    )
    evaluation: Evaluation = Field(
        description="How offers are evaluated.",
        json_schema_extra=Ask(
            title="An evaluation that discriminates CX capability",
            intro=(
                "The evaluation. \"Structure your evaluation to discriminate offeror's CX "
                'capabilities" and "make sure people who understand CX support the evaluation of '
                'offers."'
            ),
        ),
    )
    oral_presentation: OralPresentation = Field(
        description="The oral presentation on the priority CX challenge.",
        json_schema_extra=Ask(
            title="The oral presentation on your priority CX challenge",
            intro=(
                '"Would an oral presentation where the offeror responds to a simple scenario '
                'reflective of your organization or program priority CX challenge be useful?"'
            ),
        ),
    )
    accepted_findings: list[AcceptedFinding] = Field(
        default_factory=list,
        description="Guidance findings accepted on purpose, each with a reason.",
        json_schema_extra=Ask(
            item="accepted finding",
            intro=(
                "Guidance findings your team has reviewed and accepts, each with a reason (see "
                "`cxacq check` and `cxacq rules`), e.g. - code: ORAL-C05  reason: ..."
            ),
        ),
    )

    def with_far_edition(self, edition: str | None) -> Answers:
        """Return these answers citing ``edition`` (``--far-edition``); None keeps the file's."""
        if edition is None or edition == self.document.far_edition:
            return self
        document = self.document.model_copy(update={"far_edition": edition})
        return self.model_copy(update={"document": document})


def cross_check(answers: Answers) -> list[CrossProblem]:
    """Return the problems that span more than one field, each at its exact location.

    Args:
        answers: Answers that already match the model field by field.

    Returns:
        ``(location, message, hint)`` for each problem, in document order.
    """
    return list(_cross_problems(answers))


def _duplicates(values: list[object]) -> Iterator[tuple[int, object]]:
    seen: set[object] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index, value
        seen.add(value)


def _cross_problems(a: Answers) -> Iterator[CrossProblem]:
    measure_ids = [m.id for m in a.capacity.success_measures]
    for index, value in _duplicates(list(measure_ids)):
        yield (
            ("capacity", "success_measures", index, "id"),
            f"the measure id '{value}' is used twice; each measure needs its own id",
            None,
        )
    ranks = [need.rank for need in a.needs]
    for index, value in _duplicates(list(ranks)):
        yield (
            ("needs", index, "rank"),
            f"rank {value} is given to more than one need; prioritize them with unique ranks",
            "rank the needs 1, 2, 3 … in order of priority",
        )
    for n_index, need in enumerate(a.needs):
        for m_index, measure in enumerate(need.measures):
            if measure not in measure_ids:
                yield (
                    ("needs", n_index, "measures", m_index),
                    f"no success measure has the id '{measure}'",
                    _known("measure ids", measure_ids),
                )
    factor_ids = [f.id for f in a.evaluation.factors]
    for index, value in _duplicates(list(factor_ids)):
        yield (
            ("evaluation", "factors", index, "id"),
            f"the factor id '{value}' is used twice; each factor needs its own id",
            None,
        )
    for f_index, factor in enumerate(a.evaluation.factors):
        for r_index, rank in enumerate(factor.needs):
            if rank not in ranks:
                yield (
                    ("evaluation", "factors", f_index, "needs", r_index),
                    f"no need has rank {rank}",
                    _known("need ranks", ranks),
                )
    for d_index, deliverable in enumerate(a.acquisition.deliverables):
        served = deliverable.surveillance.needs if deliverable.surveillance else []
        for r_index, rank in enumerate(served):
            if rank not in ranks:
                yield (
                    ("acquisition", "deliverables", d_index, "surveillance", "needs", r_index),
                    f"no need has rank {rank}",
                    _known("need ranks", ranks),
                )
    for p_index, phase in enumerate(a.evaluation.phases):
        for i, factor_id in enumerate(phase.factors):
            if factor_id not in factor_ids:
                yield (
                    ("evaluation", "phases", p_index, "factors", i),
                    f"no evaluation factor has the id '{factor_id}'",
                    _known("factor ids", factor_ids),
                )
    for p_index, part in enumerate(a.evaluation.instructions.parts):
        for i, factor_id in enumerate(part.factors):
            if factor_id not in factor_ids:
                yield (
                    ("evaluation", "instructions", "parts", p_index, "factors", i),
                    f"no evaluation factor has the id '{factor_id}'",
                    _known("factor ids", factor_ids),
                )
    yield from _path_problems(a)
    yield from _oral_problems(a, ranks, factor_ids)
    yield from _govfile_problems(a)
    if a.cost_estimate is not None:
        yield from cost_estimate_problems(a.cost_estimate, a.funding.periods)


def _path_problems(a: Answers) -> Iterator[CrossProblem]:
    """Combinations of path, competition, set-aside and basis that cannot be."""
    acq = a.acquisition
    path = acq.ordering_procedure
    edition = a.document.far_edition
    facts = decide_facts(a)
    if path == "simplified_commercial" and a.funding.total > SIMPLIFIED_THRESHOLD:
        yield (
            ("acquisition", "ordering_procedure"),
            f"simplified procedures stop at ${SIMPLIFIED_THRESHOLD:,.0f} "
            f"({cite('simplified_commercial', edition) or 'the simplified threshold'}); "
            f"this buy is estimated at ${a.funding.total:,.0f}",
            "allowed for this value: schedule_order, schedule_bpa, task_order or negotiated",
        )
    if path == "simplified_commercial" and not acq.commercial:
        yield (
            ("acquisition", "commercial"),
            "simplified procedures under ordering_procedure: simplified_commercial are only "
            "for commercial services",
            "set commercial: true, or choose task_order or negotiated",
        )
    if path == "schedule_bpa" and acq.bpa_award is None:
        yield (
            ("acquisition", "ordering_procedure"),
            "a blanket purchase agreement under the schedules is single-award or multiple-award, "
            "and bpa_award does not say which",
            "set acquisition.bpa_award: single or multiple",
        )
    if acq.bpa_award is not None and path != "schedule_bpa":
        yield (
            ("acquisition", "bpa_award"),
            f"bpa_award applies only to a blanket purchase agreement, and ordering_procedure is "
            f"{path}",
            "remove bpa_award, or set ordering_procedure: schedule_bpa",
        )
    if acq.competition not in ALLOWED_COMPETITION[path]:
        what = (
            "fair opportunity applies only to task orders under an IDIQ contract or GWAC"
            if acq.competition == "fair_opportunity"
            else f"{acq.competition} does not apply to {PATH_NAMES[path]}"
        )
        yield (
            ("acquisition", "competition"),
            f"{what}, and ordering_procedure is {path}",
            f"allowed with {path}: {', '.join(ALLOWED_COMPETITION[path])}",
        )
    basis = a.evaluation.basis_for_award
    if basis not in ALLOWED_BASIS[path]:
        why = ""
        if basis == "highest_technically_rated" and path == "schedule_order":
            why = (
                ": the schedule program requires each order to be the lowest overall cost "
                "alternative, and checking only whether the top-rated quotation's price is fair "
                "and reasonable does not compare prices "
                f"({cite('gao_b_418141', edition)})"
            )
        yield (
            ("evaluation", "basis_for_award"),
            f"{basis} is not a basis for award in {PATH_NAMES[path]}{why}",
            f"allowed with {path}: {', '.join(ALLOWED_BASIS[path])}"
            + ("; or set ordering_procedure: schedule_bpa and bpa_award: multiple, whose "
               "holders compete on price for each order" if why else ""),
        )
    elif basis == "highest_technically_rated" and (
        a.evaluation.non_price_vs_price not in HTR_COMPARISONS
    ):
        allowed = [c for c in HTR_COMPARISONS if not facts.is_part_15
                   or c in PART_15_COMPARISONS]
        yield (
            ("evaluation", "non_price_vs_price"),
            "award to the highest technically rated response with a fair and reasonable price "
            "never trades price against the non-price factors, so combined they are more "
            f"important than price, not '{a.evaluation.non_price_vs_price}'",
            f"set non_price_vs_price: {' or '.join(allowed)}",
        )
    if facts.is_part_15 and a.evaluation.rating_method == "comparative":
        yield (
            ("evaluation", "rating_method"),
            "a negotiated contract evaluates each proposal against the stated factors "
            f"({cite('proposal_evaluation', edition) or 'the rules for negotiated contracts'}); "
            "comparing responses with each other without ratings is for schedule orders, task "
            f"orders ({cite('order_streamlined', edition)}) and simplified commercial buys "
            f"({cite('commercial_quotation_evaluation', edition)})",
            "set rating_method: adjectival or confidence",
        )
    if facts.is_part_15 and a.evaluation.non_price_vs_price not in PART_15_COMPARISONS:
        yield (
            ("evaluation", "non_price_vs_price"),
            "a negotiated contract must state one of three: significantly more important than, "
            "approximately equal to or significantly less important than price "
            f"({cite('relative_importance', edition) or 'the relative importance rule'}); "
            f"'{a.evaluation.non_price_vs_price}' is a plain comparison",
            f"set non_price_vs_price: {', '.join(PART_15_COMPARISONS)}",
        )
    small = a.market_research.small_business
    set_aside = small.set_aside if small else "none"
    if acq.competition == "small_business_set_aside" and small and set_aside == "none":
        yield (
            ("market_research", "small_business", "set_aside"),
            "competition is set aside for small businesses, but no set-aside is recorded in "
            "market_research.small_business.set_aside",
            "allowed set-asides: small_business, 8a, hubzone, sdvosb, wosb",
        )
    if set_aside != "none" and acq.competition not in ("small_business_set_aside",
                                                       "limited_sources"):
        yield (
            ("market_research", "small_business", "set_aside"),
            f"the set-aside {set_aside} does not fit competition: {acq.competition}",
            "set competition: small_business_set_aside, or set_aside: none",
        )
    authority = cite(facts.limited_sources_concept, edition)
    if acq.competition == "limited_sources" and not acq.limited_sources_authority:
        yield (
            ("acquisition", "competition"),
            "limited competition needs the authority and reason in limited_sources_authority",
            f"give the exception that applies under {authority}",
        )
    if acq.limited_sources_authority and acq.competition != "limited_sources":
        yield (
            ("acquisition", "limited_sources_authority"),
            f"a limited-sources authority is given, but competition is {acq.competition}",
            "remove limited_sources_authority, or set competition: limited_sources",
        )


def _govfile_problems(a: Answers) -> Iterator[CrossProblem]:
    """The time-and-materials findings, and the documents approvals name."""
    acq = a.acquisition
    needs_findings = acq.contract_type in ("time_and_materials", "labor_hour", "hybrid")
    tm = acq.time_and_materials
    if needs_findings and tm is None:
        yield (
            ("acquisition", "time_and_materials"),
            f"contract_type: {acq.contract_type} needs the findings for its determination and "
            "findings: why_not_fixed_price, ceiling_price and cost_surveillance",
            "add acquisition.time_and_materials, or choose firm_fixed_price",
        )
    if tm is not None and not needs_findings:
        yield (
            ("acquisition", "time_and_materials"),
            f"time-and-materials findings are given, but contract_type is {acq.contract_type}",
            "remove time_and_materials, or set contract_type: time_and_materials or labor_hour",
        )
    if tm is not None and needs_findings and tm.ceiling_price > a.funding.total:
        yield (
            ("acquisition", "time_and_materials", "ceiling_price"),
            f"the ceiling price ${tm.ceiling_price:,.2f} is above the estimated value of all "
            f"periods, ${a.funding.total:,.2f}",
            "set the ceiling at or below the funding table's total",
        )
    kinds = [k for k, kind in DOCUMENTS.items() if kind.signed]
    for a_index, approval in enumerate(a.people.approvals):
        for d_index, key in enumerate(approval.documents):
            if key not in kinds:
                yield (
                    ("people", "approvals", a_index, "documents", d_index),
                    f"no Government document is called '{key}'",
                    _known("documents", list(kinds)),
                )


def _oral_problems(a: Answers, ranks: list[int], factor_ids: list[str]) -> Iterator[CrossProblem]:
    oral = a.oral_presentation
    if not oral.used:
        if not oral.not_used_reason:
            yield (
                ("oral_presentation", "used"),
                "without an oral presentation, say how CX capability is evaluated instead "
                "in not_used_reason",
                None,
            )
        return
    required = {
        "format": "in_person, virtual or hybrid",
        "presentation_minutes": "the length of the presentation",
        "recording": "how the Government records the session",
    }
    for name, what in required.items():
        if getattr(oral, name) is None:
            yield (
                ("oral_presentation", name),
                f"is required when oral presentations are used: {what}",
                None,
            )
    if not oral.factors:
        yield (
            ("oral_presentation", "factors"),
            "name the evaluation factors the presentation informs",
            _known("factor ids", factor_ids),
        )
    for index, factor_id in enumerate(oral.factors):
        if factor_id not in factor_ids:
            yield (
                ("oral_presentation", "factors", index),
                f"no evaluation factor has the id '{factor_id}'",
                _known("factor ids", factor_ids),
            )
    yield from _session_problems(oral)
    yield from _time_budget_problems(oral)
    scenario = oral.scenario
    if scenario is not None and scenario.related_to_program and scenario.need_rank is None:
        yield (
            ("oral_presentation", "scenario", "related_to_program"),
            "a scenario drawn from the program needs need_rank, the rank of the need it "
            "comes from",
            "give need_rank, or set related_to_program: false for an unrelated scenario",
        )
    elif (scenario is not None and scenario.need_rank is not None
          and scenario.need_rank not in ranks):
        yield (
            ("oral_presentation", "scenario", "need_rank"),
            f"no need has rank {scenario.need_rank}",
            _known("need ranks", ranks),
        )


def _time_budget_problems(oral: OralPresentation) -> Iterator[CrossProblem]:
    """The minutes per prompt: one number per prompt, together within the presentation."""
    scenario = oral.scenario
    if scenario is None or not scenario.prompt_minutes:
        return
    where = ("oral_presentation", "scenario", "prompt_minutes")
    budget, prompts = len(scenario.prompt_minutes), len(scenario.prompts)
    if budget != prompts:
        yield (
            where,
            f"gives minutes for {budget} prompt{'s' if budget != 1 else ''}, but the scenario "
            f"has {prompts}",
            "give one number of minutes per prompt, in the order of the prompts",
        )
    total = sum(scenario.prompt_minutes)
    if oral.presentation_minutes is not None and total > oral.presentation_minutes:
        yield (
            where,
            f"the prompts' minutes add up to {total}, more than the "
            f"{oral.presentation_minutes} minutes of presentation_minutes",
            "shorten the parts so they fit, or lengthen presentation_minutes",
        )


_SESSION_NAMES = {
    "scenario_presentation": "a scenario presentation",
    "interview": "a question-and-answer interview",
    "technical_challenge": "a technical challenge",
    "product_demonstration": "a product demonstration",
}


def _session_problems(oral: OralPresentation) -> Iterator[CrossProblem]:
    """What each kind of session needs: a scenario, none, standard questions, a demonstration."""
    kind = oral.session_kind
    name = _SESSION_NAMES[kind]
    if kind in SESSION_NEEDS_SCENARIO and oral.scenario is None:
        yield (
            ("oral_presentation", "scenario"),
            f"{name} needs a scenario",
            "give the scenario, or choose session: interview for questions without one",
        )
    if kind == "interview" and oral.scenario is not None:
        yield (
            ("oral_presentation", "scenario"),
            "a question-and-answer interview has no scenario, so this one would be ignored",
            "remove the scenario, or choose session: scenario_presentation",
        )
    if kind == "interview" and not oral.questions:
        yield (
            ("oral_presentation", "questions"),
            "a question-and-answer interview needs the standard questions evaluators ask",
            "list the questions, in the order they are asked",
        )
    if kind == "product_demonstration" and not oral.demonstration:
        yield (
            ("oral_presentation", "demonstration"),
            "a product demonstration needs to say what offerors demonstrate and on what",
            None,
        )


def _known(label: str, values: Sequence[object]) -> str:
    shown = ", ".join(str(v) for v in values) or "none yet"
    return f"known {label}: {shown}"
