"""Rules on the evaluation and the oral presentation."""

from __future__ import annotations

from collections.abc import Iterator

from cxacq.guidance import Finding, rule
from cxacq.model import Answers

G = "DHS CX acquisition guidance"


@rule(
    "SEED-C15",
    "error",
    "A factor evaluates a customer-centered approach and needs turned into products",
    f"{G}; FAR 15.304(b)",
)
def _cx_factor(a: Answers) -> Iterator[Finding]:
    keys = {d for f in a.evaluation.factors for d in f.discriminators}
    if not keys & {"customer_centred", "needs_to_products"}:
        yield (
            ("evaluation", "factors"),
            "no factor evaluates a customer-centered approach or how needs become products",
            (
                "add customer_centred and needs_to_products to a technical or oral factor's "
                "discriminators"
            ),
        )


@rule("SEED-C16", "warning", "Design is evaluated as integrated, not a stand-alone silo", G)
def _silo(a: Answers) -> Iterator[Finding]:
    if not any("integrated_design" in f.discriminators for f in a.evaluation.factors):
        yield (
            ("evaluation", "factors"),
            "no factor checks that design is integrated into how the offeror works",
            "add integrated_design to a factor's discriminators",
        )


@rule("SEED-C17", "error", "Someone who understands CX supports the evaluation", G)
def _cx_expert(a: Answers) -> Iterator[Finding]:
    if not any(e.cx_expertise for e in a.evaluation.evaluators):
        yield (
            ("evaluation", "evaluators"),
            "no evaluator or advisor brings CX expertise",
            "add an evaluator or a non-voting advisor from the DHS OCIO CX team or another agency",
        )


@rule(
    "SEED-C18",
    "error",
    "The oral scenario comes from a top-priority need",
    f"{G}; oral presentations",
)
def _scenario_rank(a: Answers) -> Iterator[Finding]:
    scenario = a.oral_presentation.scenario
    if a.oral_presentation.used and scenario is not None and scenario.need_rank > 2:
        yield (
            ("oral_presentation", "scenario", "need_rank"),
            (
                f"the scenario comes from need {scenario.need_rank}; "
                "use the priority CX challenge (rank 1 or 2)"
            ),
            None,
        )


@rule(
    "FAR-C05",
    "error",
    "Lowest price technically acceptable is justified, if used",
    "FAR 15.101-2(c),(d)",
)
def _lpta(a: Answers) -> Iterator[Finding]:
    if a.evaluation.basis_for_award == "lowest_price_technically_acceptable":
        if not a.evaluation.lpta_justification:
            yield (
                ("evaluation", "basis_for_award"),
                (
                    "LPTA needs every FAR 15.101-2(c) finding documented, and is to be avoided "
                    "for knowledge-based services"
                ),
                "use best_value_tradeoff for CX research and design",
            )


@rule(
    "FAR-C06",
    "error",
    "Price and at least one quality factor are evaluated",
    "FAR 15.304(c)(1),(2)",
)
def _price_quality(a: Answers) -> Iterator[Finding]:
    kinds = {f.kind for f in a.evaluation.factors}
    if "price" not in kinds:
        yield (("evaluation", "factors"), "price is not an evaluation factor", None)
    if not kinds - {"price"}:
        yield (("evaluation", "factors"), "no quality (non-price) factor is evaluated", None)


@rule(
    "FAR-C07",
    "info",
    "Past performance is a factor or the reason it is not is recorded",
    "FAR 15.304(c)(3)",
)
def _past(a: Answers) -> Iterator[Finding]:
    if not {"past_performance", "experience"} & {f.kind for f in a.evaluation.factors}:
        yield (
            ("evaluation", "factors"),
            "no past performance or experience factor; the contracting officer must record why",
            None,
        )


@rule(
    "FAR-C09",
    "warning",
    "No more than five factors",
    "FAR 15.304(b); USDS Tech Challenge Playbook",
)
def _too_many(a: Answers) -> Iterator[Finding]:
    if len(a.evaluation.factors) > 5:
        yield (
            ("evaluation", "factors"),
            (
                f"{len(a.evaluation.factors)} factors make discrimination harder; "
                "keep to five or fewer"
            ),
            None,
        )


@rule(
    "FAR-C10",
    "error",
    "Every FAR 15.102(d) oral-presentation item is specified",
    "FAR 15.102(d)",
)
def _oral_items(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used:
        return
    if not oral.required_presenters:
        yield (
            ("oral_presentation",),
            "the qualifications of who must present are not given (15.102(d)(2))",
            None,
        )
    if not oral.window and not oral.location:
        yield (
            ("oral_presentation",),
            "the place, date and time are not given (15.102(d)(4))",
            None,
        )


@rule("FAR-C15", "error", "Contractor advisors never vote", "FAR 7.503(c)(12); FAR 37.203(d)")
def _advisors(a: Answers) -> Iterator[Finding]:
    for index, person in enumerate(a.evaluation.evaluators):
        if not person.government and person.voting:
            yield (
                ("evaluation", "evaluators", index, "voting"),
                "a contractor advisor cannot be a voting evaluator",
                None,
            )


@rule(
    "FAR-C19",
    "warning",
    "A Government source selection authority decides",
    "FAR 15.303; FAR 7.503",
)
def _ssa(a: Answers) -> Iterator[Finding]:
    if not any(e.role == "source_selection_authority" for e in a.evaluation.evaluators):
        yield (("evaluation", "evaluators"), "no source selection authority is named", None)


@rule(
    "ORAL-C01",
    "warning",
    "The scenario is fictionalized when there is an incumbent",
    "USDS Tech Challenge Playbook, step 4",
)
def _fiction(a: Answers) -> Iterator[Finding]:
    scenario = a.oral_presentation.scenario
    if (
        a.oral_presentation.used
        and scenario
        and a.acquisition.incumbent
        and not scenario.fictionalized
    ):
        yield (
            ("oral_presentation", "scenario", "fictionalized"),
            "an incumbent exists but the scenario is not fictionalized",
            None,
        )


@rule(
    "ORAL-C02",
    "warning",
    "Questions during orals are clarifications, not discussions",
    "FAR 15.102(g)",
)
def _discussions(a: Answers) -> Iterator[Finding]:
    if a.oral_presentation.used and a.oral_presentation.discussions_permitted:
        yield (
            ("oral_presentation", "discussions_permitted"),
            (
                "discussions during orals bring in FAR 15.306 and 15.307 "
                "(competitive range, final revisions)"
            ),
            None,
        )


@rule(
    "ORAL-C03",
    "warning",
    "The CX or design lead presents, and attendance is capped",
    "FAR 15.102(d)(2)",
)
def _presenters(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used:
        return
    words = " ".join(oral.required_presenters).lower()
    if oral.required_presenters and not any(
        w in words for w in ("design", "research", "cx", "experience")
    ):
        yield (
            ("oral_presentation", "required_presenters"),
            "no CX, research or design lead is required to present",
            None,
        )
    if oral.max_attendees is None:
        yield (("oral_presentation",), "no cap on attendees is set", None)
