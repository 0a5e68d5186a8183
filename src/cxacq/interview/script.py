"""What the interview says: section titles, questions in the guidance's words, and when to ask.

The interview walks the answers model in order (which follows the DHS guidance);
this module gives it a voice. Questions not listed in :data:`QUESTIONS` are asked
with the field's own description from the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = [
    "ALWAYS_INCLUDE",
    "CHOICE_LABELS",
    "QUESTIONS",
    "REFERENCES",
    "SECTION_TITLES",
    "WHEN",
    "applies",
    "reference_choices",
]

SECTION_TITLES: dict[str, str] = {
    "document": "Document control",
    "agency": "The agency buying the support",
    "program": "Your program and its service",
    "people": "The people: sponsor, leads and the cross-functional team",
    "customer_need": "Roadmap step 1: focus on a persistent customer need",
    "discovery": "Listen and observe: discovery with customers",
    "vision": "Roadmap step 2: start with an inspiring vision for change",
    "capacity": "The three questions: assess your capacity and support needs",
    "needs": "Roadmap step 3: identify your needs and prioritize them",
    "support_model": "The support you are asking for",
    "partners": "Partners inside and outside the organization",
    "capacity_building": "Contracts that build your capacity",
    "research_sharing": "Roadmap step 4: share your research in the open",
    "funding": "Funding the need",
    "cost_estimate": "The independent Government cost estimate",
    "market_research": "Market research",
    "acquisition": "The acquisition approach (with your contracting officer)",
    "compliance": "Privacy, the Paperwork Reduction Act and accessibility",
    "evaluation": "An evaluation that discriminates CX capability",
    "oral_presentation": "The oral presentation on your priority CX challenge",
}

# path → (the question, a note in the guidance's words or None)
QUESTIONS: dict[str, tuple[str, str | None]] = {
    "document.date": ("What date should the documents carry (YYYY-MM-DD)?", None),
    "document.far_edition": (
        "Which FAR should the documents cite?",
        "rfo: the FAR overhaul class deviations (the default); legacy: 48 CFR before the "
        "overhaul; dual: both.",
    ),
    "agency.name": ("Which department or agency is buying the support?", None),
    "program.name": ("What is the program or project buying CX support called?", None),
    "program.service": (
        "Which public-facing service will this work improve, named as customers know it?",
        "CX is \"the sum of all touch points and experiences a customer has with your "
        "organization\".",
    ),
    "program.channels": (
        "Where do customers meet the service? Pick every channel.",
        "Design \"each touchpoint for a cohesive experience, whether digital, in person, on the "
        "phone, or other methods.\"",
    ),
    "people.executive_sponsor": (
        "Who is the executive sponsor?",
        "\"Ensure that executive-level leadership understands and commits and supports advancing "
        "CX within your organization from the start.\"",
    ),
    "people.executive_sponsor.commitment": (
        "What has the sponsor committed to: decisions, time, resources?",
        "A specific commitment (\"reviews findings monthly and decides which pilots go ahead\") "
        "carries the work further than general support.",
    ),
    "people.participants": (
        "Who else is on the cross-functional team?",
        "\"Collaborate cross-functionally, early and frequently\": budget, legal, privacy, "
        "security, IT, policy, front-line staff and your small business specialist.",
    ),
    "customer_need.pain_point": (
        "What is the persistent customer need: the pain point customers feel?",
        "\"Focus will concentrate momentum. Work with leaders and existing data to identify an "
        "agreed-upon pain point, then leverage contracts to bring speed and expertise to solve "
        "it.\"",
    ),
    "customer_need.evidence": (
        "What existing data shows the pain point?",
        "The guidance asks you to work \"with leaders and existing data\": surveys, call logs, "
        "web analytics, complaints.",
    ),
    "customer_need.agreed_by": (
        "Which leaders agreed this is the pain point to focus on?",
        "The pain point should be \"agreed-upon\" with leaders before you ask for help.",
    ),
    "discovery.status": (
        "Where does discovery with customers stand?",
        "\"Conduct discovery by observing and listening to customers to understand their needs "
        "and experiences. Use that data to inform your CX vision and goals.\"",
    ),
    "vision.story": (
        "What story do you want to tell once the initial priority work is done?",
        "\"Look forward and think of the story you want to tell others after the initial "
        "priority work is done. Then look backwards and build a plan to realize that vision.\"",
    ),
    "vision.five_year": (
        "What could this service look like in five years?",
        "\"Stretch beyond the status quo. Envision what this service could look like in five "
        "years and aim to do that in one year.\"",
    ),
    "vision.one_year_target": (
        "What of that five-year picture will you aim to reach in one year?",
        "\"… and aim to do that in one year.\"",
    ),
    "capacity.great_cx": (
        "Question 1: what does great CX look like for your program?",
        "Describe it from the customer's side: what they can do, know and feel.",
    ),
    "capacity.challenges": (
        "Question 2: what are the biggest challenges you want to focus on?",
        "Name them concretely, one per line.",
    ),
    "capacity.success_measures": (
        "Question 3: how will you measure success?",
        "\"Think about how you will measure the impact of your CX efforts.\" Give each measure a "
        "baseline and a target.",
    ),
    "needs": (
        "What do you need help with? Enter your needs, most important first.",
        "\"Prioritize your needs.\" Rank 1 is your priority CX challenge: the oral-presentation "
        "scenario comes from it.",
    ),
    "needs[].measures": ("Which success measures does this need move?", None),
    "support_model": (
        "What kind of support are you seeking?",
        "\"Are you seeking to obtain support from CX designers that can integrate into existing "
        "development teams, or are you seeking full development teams that include CX designers?\"",
    ),
    "partners": (
        "Who can you partner with, inside and outside the organization?",
        "\"The CX Cross Agency Priority Goal team and other agency CX professionals can help "
        "guide you through this process. Engage stakeholders as partners and co-creators versus "
        "clients or direct reports.\"",
    ),
    "capacity_building": (
        "What should the contractor leave behind so your program can do this itself?",
        "\"Shape contractor relationships so they build the capacity of your program and agency "
        "(e.g., processes, trainings, templates, hiring guidance) while solving CX challenges.\"",
    ),
    "research_sharing.leadership_briefings": (
        "Will the contract include periodic briefings to internal leaders?",
        "\"Integrate periodic briefings to internal leaders within contracting agreements to "
        "share insights, chose pilots, and demonstrate results.\"",
    ),
    "research_sharing.customer_updates": (
        "How will you keep customers in the loop on what you learn and change?",
        "\"Share your insight relentlessly with customers. Always keep them in the loop and they "
        "will be your biggest advocates.\"",
    ),
    "funding.source": (
        "Which appropriation and program, project or activity (PPA) pays for this?",
        "\"If you determine you require contractor support … conduct market research, identify "
        "how to fund that need, and engage your procurement office.\"",
    ),
    "cost_estimate": (
        "Will you build the independent Government cost estimate here, from a rate card and "
        "the team?",
        "The package then includes a workbook whose totals must equal the funding table.",
    ),
    "cost_estimate.rates": (
        "What hourly rates does the estimate use, and where does each come from?",
        "cxacq never supplies a rate: give each rate with its source, such as a schedule "
        "contract, a prior order or a market survey.",
    ),
    "cost_estimate.labor": (
        "What team does the estimate price: each role, its rate, how many people and hours?",
        None,
    ),
    "cost_estimate.other_direct_costs": (
        "What costs besides labor does the work need, period by period?",
        "For example travel, participant incentives and research tools.",
    ),
    "market_research.methods": (
        "What market research have you done?",
        "A flexible, goals-based approach \"will help better assess the marketplace for your "
        "requirement.\"",
    ),
    "market_research.impact": ("How did market research shape this strategy?", None),
    "acquisition.requirement.document": (
        "How will the requirement be described to industry?",
        "\"Take a flexible approach that is based on goals and objectives\": a statement of "
        "objectives lets offerors propose how to reach them.",
    ),
    "evaluation.factors": (
        "What are the evaluation factors, most important first?",
        "\"Structure your evaluation to discriminate offeror's CX capabilities. An offeror's "
        "approach should center on the customer, and the offeror should be able to show how they "
        "translate customer needs into products.\"",
    ),
    "evaluation.factors[].discriminators": (
        "Which CX capabilities does this factor discriminate?",
        "\"Design should not be a stand-alone silo offering, but rather integrated into how an "
        "offeror does business.\"",
    ),
    "evaluation.factors[].needs": ("Which needs (by rank) does this factor test?", None),
    "evaluation.evaluators": (
        "Who evaluates the offers, and who advises?",
        "\"Make sure people who understand CX support the evaluation of offers. Consider bringing "
        "in evaluators, technical subject matter experts, or advisors from the DHS OCIO CX team, "
        "or other federal agencies, as needed.\"",
    ),
    "evaluation.evaluators[].cx_expertise": (
        "Does this person bring customer-experience or design expertise?",
        None,
    ),
    "evaluation.phases[].factors": ("Which factors does this phase evaluate?", None),
    "oral_presentation.used": (
        "Will offerors give an oral presentation on a scenario from your priority CX challenge?",
        "\"Would an oral presentation where the offeror responds to a simple scenario reflective "
        "of your organization or program priority CX challenge be useful?\"",
    ),
    "oral_presentation.factors": ("Which evaluation factors does the presentation inform?", None),
    "oral_presentation.scenario.need_rank": (
        "Which need does the scenario come from? Choose a top-priority one.",
        "The scenario should reflect your \"program priority CX challenge\".",
    ),
}

# Plain questions for the fields whose descriptions do not read as one.
QUESTIONS.update({
    path: (question, None)
    for path, question in {
        "document.version": "Which version of the package is this?",
        "program.component": "Which DHS Component is buying?",
        "program.office": "Which office owns the customer need and the budget?",
        "program.service_description": (
            "In two or three sentences, what does the service do, and for whom?"
        ),
        "program.customers": "Who uses the service? One group per line.",
        "program.annual_volume": "How many customers or transactions a year?",
        "program.hisp": (
            "Is the Component a High-Impact Service Provider under OMB Circular A-11 section 280?"
        ),
        "program.priority_service": (
            "Which A-11 designated priority service does this work support, if any?"
        ),
        "people.program_manager": "The program manager who owns the requirement",
        "people.contracting_officer": "The contracting officer",
        "people.cx_lead": "The CX or human-centered design lead",
        "people.contracting_officers_representative": (
            "Is a contracting officer's representative (COR) named yet?"
        ),
        "customer_need.affected_customers": "Who feels the pain point? One group per line.",
        "customer_need.impact": "What does the pain point cost customers and the agency?",
        "discovery.methods": "How have you observed and listened to customers (or how will you)?",
        "discovery.findings": "What have you learned? One finding per line.",
        "needs[].rank": "What is this need's priority (1 is the most important)?",
        "needs[].need": "What do you need help with?",
        "needs[].rationale": "Why does it have this priority?",
        "partners[].kind": "Is this partner inside DHS (internal) or outside it (external)?",
        "funding.fiscal_year": "Which fiscal year are the funds from?",
        "funding.status": "Where does the funding stand?",
        "funding.estimate_basis": "How was the cost estimate derived?",
        "funding.periods": "What are the periods of performance and what does each cost?",
        "market_research.vehicles_considered": "Which contract vehicles did you consider?",
        "market_research.small_business": (
            "Has market research looked at what small businesses offer?"
        ),
        "acquisition.title": "What is the acquisition called?",
        "acquisition.vehicle": "Which contract vehicle will you use?",
        "acquisition.ordering_procedure": "Which procurement path does the buy take?",
        "acquisition.bpa_award": "Will there be one blanket purchase agreement or several?",
        "acquisition.commercial": "Are the services commercial services?",
        "acquisition.competition": "How will it be competed?",
        "acquisition.contract_type": "Which contract type?",
        "acquisition.contract_type_rationale": (
            "Why does this contract type fit the work and its risks?"
        ),
        "acquisition.deliverables": "What will the contractor hand over?",
        "acquisition.deliverables[].ict": (
            "Is it information and communication technology (a website, form, published document "
            "or software), so that Section 508 applies?"
        ),
        "acquisition.risks": "What could go wrong, and what will you do about it?",
        "acquisition.milestones": "What are the dated milestones from plan approval to award?",
        "compliance.public_research": (
            "Will the contractor interview, observe or test with members of the public?"
        ),
        "compliance.surveys_public": (
            "Will the contractor ask ten or more members of the public the same questions "
            "(a survey or a form)? If so, the Paperwork Reduction Act applies."
        ),
        "compliance.pra_plan": "How will Paperwork Reduction Act clearance be obtained, and when?",
        "compliance.handles_pii": "Will research collect personally identifiable information?",
        "compliance.privacy_plan": "How will that information be protected: consent, storage, "
        "retention, privacy review?",
        "compliance.system_access": (
            "Will contractor staff need access to DHS systems or facilities?"
        ),
        "evaluation.basis_for_award": "On what basis will the award be made?",
        "evaluation.lpta_justification": "Why does lowest price technically acceptable fit?",
        "evaluation.rating_method": "How will evaluators rate offers?",
        "evaluation.factors[].kind": "What kind of factor is it?",
        "evaluation.relative_importance": "How do the non-price factors rank against each other?",
        "evaluation.non_price_vs_price": (
            "Taken together, how do the non-price factors compare with price?"
        ),
        "evaluation.phases": "Will the evaluation run in phases?",
        "evaluation.evaluators[].role": "What is their role?",
        "evaluation.evaluators[].voting": "Will they rate offers (vote)? Advisors do not vote.",
        "evaluation.evaluators[].government": "Is this person a Government employee? A contractor "
        "advisor never votes.",
        "evaluation.award_without_discussions": "Does the Government intend to award without "
        "discussions?",
        "oral_presentation.not_used_reason": "Without an oral presentation, how will CX capability "
        "be evaluated instead?",
        "oral_presentation.format": "Will presentations be in person, virtual or hybrid?",
        "oral_presentation.presentation_minutes": "How long is each presentation, in minutes?",
        "oral_presentation.qa_minutes": "How long is the question period, in minutes?",
        "oral_presentation.required_presenters": (
            "Which roles must present? Name the key people who will do the work, such as the CX or "
            "design lead."
        ),
        "oral_presentation.max_attendees": "How many people may an offeror bring at most?",
        "oral_presentation.slides_allowed": "May offerors use slides?",
        "oral_presentation.recording": (
            "How will the Government record the session?"
        ),
        "oral_presentation.discussions_permitted": (
            "May exchanges during the session be discussions? Usually not: questions during orals "
            "are clarifications."
        ),
        "oral_presentation.session": "What kind of oral session will it be?",
        "oral_presentation.demonstration": "What will offerors demonstrate, and on what?",
        "oral_presentation.scenario_lead_time": (
            "When do offerors receive the scenario? A length of time ('48 hours') is read as that "
            "long before their presentation; or say when ('two business days before the "
            "presentation')."
        ),
        "oral_presentation.order": "How is the order of the sessions set?",
        "oral_presentation.technical_check": (
            "Is a connection test held before the session? Say when, and how long it takes."
        ),
        "oral_presentation.only_project_staff": (
            "May only people who will work on the contract present (no business development or "
            "marketing staff)?"
        ),
        "oral_presentation.slides_submission": "When and how do slides reach the Government?",
        "oral_presentation.no_other_material": (
            "Is all written material other than the slides refused?"
        ),
        "oral_presentation.session_rules": (
            "What other rules do offerors follow during the session? One per line."
        ),
        "oral_presentation.questions": (
            "Which standard questions do evaluators ask every offeror? One per line, in order."
        ),
        "oral_presentation.follow_ups": (
            "Which follow-up questions may evaluators ask? Only ones that clarify or illustrate."
        ),
        "oral_presentation.scenario": "The scenario, drawn from your priority CX challenge",
        "oral_presentation.scenario.prompts": "Which two to four questions must offerors answer?",
        "oral_presentation.scenario.fictionalized": (
            "Are details changed so that an incumbent gains no edge?"
        ),
    }.items()
    if path not in QUESTIONS
})

# Optional sections that are needed whenever they are asked (see WHEN): no "add it?" question.
# The scenario is required by session kind instead (REQUIRED_WHEN): optional for a demonstration.
ALWAYS_INCLUDE: frozenset[str] = frozenset()

# Defaults the interview offers where the model has none, so that the documents say nothing
# when a rule is left out, while the user sees the usual rule and can keep, change or clear it.
OFFERED: dict[str, Any] = {
    "oral_presentation.session": "scenario_presentation",
    "oral_presentation.scenario_lead_time": "48 hours",
    "oral_presentation.order": "The contracting officer sets the order of presentations by random draw.",
    "oral_presentation.technical_check": (
        "A 15-minute connection test is held the business day before."
    ),
    "oral_presentation.only_project_staff": "true",
    "oral_presentation.slides_submission": (
        "by email to the contracting officer one hour before the presentation"
    ),
    "oral_presentation.no_other_material": "true",
    "oral_presentation.session_rules": [
        "Times are hard stops. The contracting officer ends each part when its time runs out, "
        "and the evaluators do not consider anything presented after that.",
        "Presenters may not consult people outside the room (no reach-back) during the session.",
        "Questions to the contracting officer during the session may be about logistics only.",
        "Only the Government may record the session.",
    ],
    "oral_presentation.follow_ups": [
        "Can you give an example?",
        "Who on the team would do that?",
        "How would you know it worked?",
    ],
}

# path → the LABELS table (cxacq.context.LABELS) that explains each choice
CHOICE_LABELS: dict[str, str] = {
    "program.channels": "channel",
    "discovery.status": "discovery",
    "capacity.success_measures[].a11_driver": "a11_driver",
    "support_model": "support_model",
    "capacity_building[].kind": "capacity_kind",
    "market_research.small_business.set_aside": "set_aside",
    "acquisition.ordering_procedure": "ordering_procedure",
    "acquisition.bpa_award": "bpa_award",
    "acquisition.competition": "competition",
    "acquisition.contract_type": "contract_type",
    "acquisition.requirement.document": "requirement",
    "evaluation.basis_for_award": "basis_for_award",
    "evaluation.factors[].kind": "factor_kind",
    "evaluation.non_price_vs_price": "non_price_vs_price",
    "evaluation.evaluators[].role": "role",
    "oral_presentation.format": "format",
    "oral_presentation.recording": "recording",
    "oral_presentation.session": "session",
}


def _yes(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in ("true", "yes", "y", "on", "1")


def _oral_used(root: dict[str, Any], _section: dict[str, Any]) -> bool:
    return _yes(root.get("oral_presentation", {}).get("used"))


# path → whether to ask, given the answers so far and the section being filled
WHEN: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "acquisition.bpa_award": lambda _r, s: s.get("ordering_procedure") == "schedule_bpa",
    "acquisition.limited_sources_authority": lambda _r, s: (
        s.get("competition") == "limited_sources"
    ),
    "compliance.pra_plan": lambda _r, s: _yes(s.get("surveys_public")),
    "compliance.privacy_plan": lambda _r, s: _yes(s.get("handles_pii")),
    "evaluation.lpta_justification": lambda _r, s: s.get("basis_for_award")
    == "lowest_price_technically_acceptable",
    "oral_presentation.not_used_reason": lambda r, s: not _yes(s.get("used")),
    "oral_presentation.slide_limit": lambda r, s: (
        _yes(s.get("used")) and _yes(s.get("slides_allowed"))
    ),
    "oral_presentation.slides_submission": lambda r, s: (
        _yes(s.get("used")) and _yes(s.get("slides_allowed"))
    ),
    "oral_presentation.demonstration": lambda r, s: (
        _yes(s.get("used")) and s.get("session") == "product_demonstration"
    ),
    "oral_presentation.technical_check": lambda r, s: (
        _yes(s.get("used")) and s.get("format") != "in_person"
    ),
    "oral_presentation.scenario_lead_time": lambda r, s: (
        _yes(s.get("used")) and s.get("session") != "interview"
    ),
    "oral_presentation.scenario": lambda r, s: (
        _yes(s.get("used")) and s.get("session") != "interview"
    ),
}
for _name in (
    "session", "factors", "format", "location", "window", "order",
    "presentation_minutes", "qa_minutes", "required_presenters", "max_attendees",
    "only_project_staff", "slides_allowed", "no_other_material", "recording",
    "discussions_permitted", "session_rules", "questions",
    "question_criteria", "follow_ups",
):
    WHEN.setdefault(f"oral_presentation.{_name}", lambda r, s: _yes(s.get("used")))


def applies(path: str, root: dict[str, Any], section: dict[str, Any]) -> bool:
    """Return whether the question at ``path`` applies, given the answers so far."""
    test = WHEN.get(path)
    return True if test is None else test(root, section)


def _measure_ids(root: dict[str, Any]) -> list[str]:
    measures = root.get("capacity", {}).get("success_measures", [])
    return [str(m["id"]) for m in measures if isinstance(m, dict) and m.get("id")]


def _rate_ids(root: dict[str, Any]) -> list[str]:
    rates = (root.get("cost_estimate") or {}).get("rates", [])
    return [str(r["id"]) for r in rates if isinstance(r, dict) and r.get("id")]


def _need_ranks(root: dict[str, Any]) -> list[str]:
    ranks = [str(n["rank"]) for n in root.get("needs", []) if isinstance(n, dict) and n.get("rank")]
    return sorted(ranks, key=lambda r: (len(r), r))


def _factor_ids(root: dict[str, Any]) -> list[str]:
    factors = root.get("evaluation", {}).get("factors", [])
    return [str(f["id"]) for f in factors if isinstance(f, dict) and f.get("id")]


# path → the earlier answers a question chooses from
REFERENCES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "needs[].measures": _measure_ids,
    "evaluation.factors[].needs": _need_ranks,
    "evaluation.phases[].factors": _factor_ids,
    "oral_presentation.factors": _factor_ids,
    "oral_presentation.scenario.need_rank": _need_ranks,
    "cost_estimate.labor[].rate": _rate_ids,
}


def reference_choices(path: str, root: dict[str, Any]) -> list[str] | None:
    """Return the earlier answers the question at ``path`` picks from, or None."""
    source = REFERENCES.get(path)
    return None if source is None else source(root)


# path → when an optional field must be answered after all (a cross-field rule in the model).
# The interview then never offers "Enter to skip" there; test_interview walks every question.
REQUIRED_WHEN: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "acquisition.bpa_award": lambda _r, s: s.get("ordering_procedure") == "schedule_bpa",
    "acquisition.limited_sources_authority": lambda _r, s: (
        s.get("competition") == "limited_sources"
    ),
    "acquisition.time_and_materials": lambda _r, s: (
        s.get("contract_type") in ("time_and_materials", "labor_hour", "hybrid")
    ),
    "oral_presentation.not_used_reason": lambda _r, s: not _yes(s.get("used")),
    **{
        f"oral_presentation.{name}": (lambda _r, s: _yes(s.get("used")))
        for name in ("format", "presentation_minutes", "recording", "factors")
    },
    "oral_presentation.scenario": lambda _r, s: (
        _yes(s.get("used"))
        and s.get("session") in (None, "scenario_presentation", "technical_challenge")
    ),
    "oral_presentation.questions": lambda _r, s: (
        _yes(s.get("used")) and s.get("session") == "interview"
    ),
    "oral_presentation.demonstration": lambda _r, s: (
        _yes(s.get("used")) and s.get("session") == "product_demonstration"
    ),
}


def required_here(path: str, root: dict[str, Any], section: dict[str, Any]) -> bool:
    """Return whether an optional field must be answered, given the answers so far."""
    test = REQUIRED_WHEN.get(path)
    return False if test is None else test(root, section)
