"""Rules from the guidance's roadmap: the need, the vision, the questions, sharing."""

from __future__ import annotations

from collections.abc import Iterator

from cxacq.answers.model import Answers
from cxacq.guidance import Finding, rule

G = "DHS CX acquisition guidance"


@rule("SEED-C02", "warning", "The persistent need is backed by data and agreed by leaders",
      f"{G}, roadmap step 1", "step-1")
def _need_backed(a: Answers) -> Iterator[Finding]:
    if not a.customer_need.evidence:
        yield (("customer_need", "pain_point"), "the pain point is not backed by any existing data",
               "add customer_need.evidence: surveys, call logs, analytics, complaints")
    if not a.customer_need.agreed_by:
        yield (
            ("customer_need", "pain_point"),
            "no leader is recorded as agreeing on this pain point",
            "add customer_need.agreed_by: the leaders who agreed this is the focus",
        )


@rule(
    "SEED-C03",
    "warning",
    "The vision has a one-year stretch target",
    f"{G}, roadmap step 2",
    "step-2",
)
def _one_year(a: Answers) -> Iterator[Finding]:
    if not a.vision.one_year_target:
        yield (("vision",), "the vision has no one-year stretch target",
               "the guidance: envision the service in five years and aim to do that in one year")


@rule("SEED-C05", "warning", "Every success measure has a baseline and a target",
      f"{G}, three questions; OMB Circular A-11, section 280", "q3")
def _measures(a: Answers) -> Iterator[Finding]:
    for index, measure in enumerate(a.capacity.success_measures):
        if not measure.target:
            yield (
                ("capacity", "success_measures", index),
                f"the measure '{measure.name}' has no target",
                None,
            )
        if not measure.baseline:
            yield (
                ("capacity", "success_measures", index),
                f"the measure '{measure.name}' has no baseline",
                "without a baseline, results cannot be shown to leaders",
            )


@rule(
    "SEED-C06",
    "info",
    "Needs are ranked 1, 2, 3 … without gaps",
    f"{G}: prioritize your needs",
    "step-3",
)
def _ranks(a: Answers) -> Iterator[Finding]:
    ranks = sorted(n.rank for n in a.needs)
    if ranks != list(range(1, len(ranks) + 1)):
        yield (("needs",), f"needs are ranked {ranks}; rank them 1 to {len(ranks)}", None)


@rule(
    "SEED-C08",
    "warning",
    "Discovery with customers is done or planned",
    f"{G}: listen and observe",
    "step-1",
)
def _discovery(a: Answers) -> Iterator[Finding]:
    if a.discovery.status == "not_started":
        yield (
            ("discovery", "status"),
            "discovery with customers has not started and is not planned",
            (
                "plan observation and interviews with customers before the solicitation, "
                "or make it the contractor's first task"
            ),
        )


@rule(
    "SEED-C11",
    "warning",
    "The executive sponsor's commitment is specific",
    f"{G}, starter tips",
    "step-1",
)
def _sponsor(a: Answers) -> Iterator[Finding]:
    if len(a.people.executive_sponsor.commitment.split()) < 6:
        yield (
            ("people", "executive_sponsor", "commitment"),
            "the sponsor's commitment is too short to be specific",
            "say what decisions the sponsor makes, how often, and what resources they protect",
        )


@rule(
    "SEED-C12",
    "warning",
    "The cross-functional team is named",
    f"{G}, starter tips; {{plan_participants}}; {{fc_plan_contents}}",
    "step-3",
)
def _participants(a: Answers) -> Iterator[Finding]:
    if not a.people.participants:
        yield (
            ("people",),
            "no cross-functional participants are named",
            (
                "add people.participants: budget, counsel, privacy, IT, small business, "
                "front-line staff"
            ),
        )


@rule(
    "SEED-C13",
    "warning",
    "The contract builds the program's capacity",
    f"{G}, roadmap step 3",
    "step-3",
)
def _capacity_building(a: Answers) -> Iterator[Finding]:
    if not a.capacity_building:
        yield (
            ("capacity_building",),
            "the contract is not asked to build the program's own capacity",
            "list processes, trainings, templates or hiring guidance the contractor leaves behind",
        )


@rule("SEED-C14", "warning", "Periodic briefings to leaders are written into the contract",
      f"{G}, roadmap step 4", "step-4")
def _briefings(a: Answers) -> Iterator[Finding]:
    if a.research_sharing.leadership_briefings is None:
        yield (("research_sharing",), "no periodic briefings to internal leaders are defined",
               "add research_sharing.leadership_briefings with a cadence and audience")


@rule(
    "SEED-C19",
    "info",
    "Customers are kept in the loop on research",
    f"{G}, roadmap step 4",
    "step-4",
)
def _customers_informed(a: Answers) -> Iterator[Finding]:
    if not a.research_sharing.customer_updates:
        yield (
            ("research_sharing",),
            "the answers do not say how customers hear what changed because of them",
            None,
        )


@rule("SEED-C20", "info", "Biggest challenges are stated concretely", f"{G}, three questions", "q2")
def _challenges(a: Answers) -> Iterator[Finding]:
    for index, item in enumerate(a.capacity.challenges):
        if len(item.split()) < 4:
            yield (
                ("capacity", "challenges", index),
                "this challenge is too short to guide the work",
                None,
            )


@rule(
    "SEED-C21",
    "info",
    "Great CX is described from the customer's side",
    f"{G}, three questions",
    "q1",
)
def _great_cx(a: Answers) -> Iterator[Finding]:
    if len(a.capacity.great_cx.split()) < 8:
        yield (("capacity", "great_cx"), "the description of great CX is very short", None)
