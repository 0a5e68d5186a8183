"""Rules on the acquisition strategy: market research, funding, PBA, type, compliance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxacq.answers.facts import decide_facts
from cxacq.answers.model import Answers
from cxacq.answers.model.acquisition import PATH_ALIASES
from cxacq.citations import REUSED, cite, find_far_numbers, known_numbers, legacy_concept
from cxacq.guidance import Finding, Loc, rule

G = "DHS CX acquisition guidance"


@rule("SEED-C09", "error", "Market research is documented", f"{G}; {{market_research_policy}}")
def _market(a: Answers) -> Iterator[Finding]:
    if not a.market_research.methods or not a.market_research.findings:
        yield (("market_research",), "market research methods and findings are not documented",
               "record what you did (RFI, sources sought, vehicle review) and what you learned")


@rule(
    "FAR-C18",
    "warning",
    "Market research states its impact on the strategy",
    "{plan_market_research_impact}; {fc_plan_contents}",
)
def _impact(a: Answers) -> Iterator[Finding]:
    if a.market_research.methods and not a.market_research.impact:
        yield (("market_research",), "the findings' impact on this strategy is not stated", None)


@rule(
    "FAR-C04",
    "warning",
    "Small business consideration is documented",
    "{plan_small_business}; {small_business}",
)
def _small_business(a: Answers) -> Iterator[Finding]:
    if a.market_research.small_business is None:
        yield (("market_research",), "no small business analysis is recorded", None)


@rule("FAR-C01", "error", "A performance-based approach, or the reason for not using one",
      "{pba_policy}; {pws_and_soo}")
def _pba(a: Answers) -> Iterator[Finding]:
    req = a.acquisition.requirement
    if req.document == "sow" and not req.rationale:
        yield (
            ("acquisition", "requirement", "document"),
            (
                "a statement of work is not performance-based; "
                "give the reason in requirement.rationale"
            ),
            (
                "the guidance recommends a flexible, goals-and-objectives approach "
                "(a statement of objectives)"
            ),
        )


@rule("FAR-C02", "warning", "Other than firm-fixed-price needs extra findings and approval",
      "{tm_determination}; {cost_type_plan_approval}; {plan_written_required}")
def _type(a: Answers) -> Iterator[Finding]:
    facts = decide_facts(a)
    if facts.is_time_and_materials:
        yield (
            ("acquisition", "contract_type"),
            (
                "this contract type needs a determination and findings that no other type is "
                f"suitable, and a ceiling price ({facts.cite['tm_determination']})"
            ),
            "record the plan to move to firm-fixed-price once the work is understood",
        )
    elif facts.is_cost_reimbursement:
        yield (
            ("acquisition", "contract_type"),
            (
                "a cost-reimbursement contract needs a written plan approved at least one level "
                f"above the contracting officer ({facts.cite['cost_type_plan_approval']})"
            ),
            "record the plan to move to firm-fixed-price once the work is understood",
        )


@rule(
    "FAR-C03",
    "info",
    "ICT deliverables say how accessibility is tested",
    "{ict_accessibility}; {ict_planning}",
)
def _ict(a: Answers) -> Iterator[Finding]:
    if any(d.ict for d in a.acquisition.deliverables) and not a.compliance.accessibility_notes:
        yield (
            ("compliance",),
            "ICT deliverables are listed but not how accessibility will be tested and accepted",
            None,
        )


@rule("FAR-C17", "warning", "Milestones from approval to award are listed",
      "{plan_milestones}; {fc_plan_contents}")
def _milestones(a: Answers) -> Iterator[Finding]:
    if not a.acquisition.milestones:
        yield (("acquisition",), "no milestones are listed", None)


@rule("FAR-C20", "warning", "Research that handles personal information has a privacy plan",
      "{plan_privacy}; {privacy_act}")
def _privacy(a: Answers) -> Iterator[Finding]:
    if a.compliance.handles_pii and not a.compliance.privacy_plan:
        yield (
            ("compliance", "handles_pii"),
            "research handles personal information but no privacy plan is given",
            None,
        )


@rule(
    "FAR-C21",
    "info",
    "Data rights for research artifacts are stated",
    "{plan_data_rights}; {data_rights}",
)
def _data(a: Answers) -> Iterator[Finding]:
    if not a.acquisition.data_rights:
        yield (
            ("acquisition",),
            (
                "data rights are not stated; the documents leave the rights-in-data decision "
                "to the contracting officer (PKG-C02 says what to add)"
            ),
            None,
        )


@rule("A11-C01", "warning", "Surveys of the public have a Paperwork Reduction Act plan",
      "OMB Circular A-11, section 280; Paperwork Reduction Act")
def _pra(a: Answers) -> Iterator[Finding]:
    if a.compliance.surveys_public and not a.compliance.pra_plan:
        yield (
            ("compliance", "surveys_public"),
            "the public will be surveyed but there is no PRA clearance plan",
            "name the generic clearance or the time allowed for a new collection",
        )


@rule("DHS-C01", "info", "Confirm DHS planning thresholds and FAR overhaul status with the CO",
      "{hsam_planning}; FAR overhaul class deviations")
def _dhs(a: Answers) -> Iterator[Finding]:
    if a.agency.is_dhs and a.acquisition.contract_type != "firm_fixed_price":
        yield (
            ("acquisition", "contract_type"),
            (
                "confirm the HSAM written-plan approval level for this contract type "
                "with the contracting officer"
            ),
            None,
        )


@rule("RFO-C01", "warning", "The answers cite pre-overhaul FAR numbers",
      "FAR overhaul class deviations; cxacq citation catalogue")
def _legacy_numbers(a: Answers) -> Iterator[Finding]:
    edition = a.document.far_edition
    if edition == "legacy":
        return
    current = known_numbers(edition)
    for loc, number in _typed_numbers(a):
        if number in current or _reused(number, _text_at(a, loc)):
            continue
        entry = legacy_concept(number)
        if entry is None or entry.legacy == entry.rfo:
            continue
        now = entry.text(edition)
        if now:
            yield (loc, f"{number} is a pre-overhaul number; under the overhaul cite {now}",
                   f"see docs/citations.md: {entry.concept}")
        else:
            yield (loc, f"{number} has no successor under the overhaul ({entry.concept})",
                   entry.note or "reword the sentence without the citation")


@rule("RFO-C02", "error", "The answers cite a FAR number the overhaul reused for something else",
      "FAR overhaul class deviations; cxacq citation catalogue")
def _reused_numbers(a: Answers) -> Iterator[Finding]:
    edition = a.document.far_edition
    if edition == "legacy":
        return
    for loc, number in _typed_numbers(a):
        hit = _reused(number, _text_at(a, loc))
        if hit:
            concept, meaning = hit
            yield (loc, f"under the overhaul {number} is {meaning}, not what this text means",
                   f"cite {cite(concept, edition)} instead")


@rule("RFO-C03", "warning", "ordering_procedure names the path, not a FAR number",
      "FAR overhaul class deviations")
def _path_alias(a: Answers) -> Iterator[Finding]:
    old = a.acquisition.path_alias
    if old:
        yield (("acquisition", "ordering_procedure"),
               f"'{old}' is the old name of this value; it is read as "
               f"'{PATH_ALIASES[old]}'",
               f"write ordering_procedure: {PATH_ALIASES[old]}")


def _typed_numbers(a: Answers) -> Iterator[tuple[Loc, str]]:
    """Yield every FAR or GSAR number in the answers' own text, with where it is."""
    for loc, text in _strings(a.model_dump(mode="json"), ()):
        for number, _formerly in find_far_numbers(text):
            yield loc, number


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def _text_at(a: Answers, loc: Loc) -> str:
    value: Any = a.model_dump(mode="json")
    for part in loc:
        value = value[part]
    return str(value)


def _reused(number: str, text: str) -> tuple[str, str] | None:
    """Return (concept to cite, new meaning) if ``number`` was reused and means the old thing."""
    for old, (concept, meaning, words) in REUSED.items():
        if number == old or (number.startswith(old) and number[len(old)] in "(."):
            if not words or any(w in text.lower() for w in words):
                return concept, meaning
    return None
