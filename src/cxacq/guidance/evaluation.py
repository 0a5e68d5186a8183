"""Rules on the evaluation and the oral presentation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cxacq.answers.facts import decide_facts
from cxacq.answers.model import Answers
from cxacq.guidance import Finding, rule

G = "DHS CX acquisition guidance"


@rule(
    "SEED-C15",
    "error",
    "A factor evaluates a customer-centered approach and needs turned into products",
    G,
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
            f"add an evaluator or a non-voting advisor from {decide_facts(a).cx_advisors} or "
            "another agency",
        )


@rule(
    "SEED-C18",
    "error",
    "The oral scenario comes from a top-priority need",
    f"{G}; oral presentations",
)
def _scenario_rank(a: Answers) -> Iterator[Finding]:
    scenario = a.oral_presentation.scenario
    if a.oral_presentation.used and scenario is not None and (scenario.need_rank or 0) > 2:
        yield (
            ("oral_presentation", "scenario", "need_rank"),
            (
                f"the scenario comes from need {scenario.need_rank}; "
                "use the priority CX challenge (rank 1 or 2)"
            ),
            None,
        )


@rule(
    "FAR-C22",
    "warning",
    "Highest technically rated says why a tradeoff would not pay off",
    "{highest_technically_rated}; {gao_b_413559}",
)
def _htr(a: Answers) -> Iterator[Finding]:
    if (a.evaluation.basis_for_award == "highest_technically_rated"
            and not a.evaluation.htr_justification):
        yield (
            ("evaluation", "basis_for_award"),
            "award to the highest technically rated response rests on a decision, made before "
            "release, that trading price against the non-price factors would not be to the "
            "Government's advantage; the answers do not say why",
            "give the reason in evaluation.htr_justification",
        )


@rule(
    "FAR-C05",
    "error",
    "Lowest price technically acceptable is justified, if used",
    "{lpta_limits}",
)
def _lpta(a: Answers) -> Iterator[Finding]:
    if a.evaluation.basis_for_award == "lowest_price_technically_acceptable":
        if not a.evaluation.lpta_justification:
            yield (
                ("evaluation", "basis_for_award"),
                (
                    "lowest price technically acceptable needs each of its conditions "
                    "documented, and is to be avoided for knowledge-based services"
                ),
                "use best_value_tradeoff for CX research and design",
            )


@rule(
    "FAR-C06",
    "error",
    "Price and at least one quality factor are evaluated",
    "{price_and_quality}",
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
    "{past_performance_factor}",
)
def _past(a: Answers) -> Iterator[Finding]:
    facts = decide_facts(a)
    if facts.is_part_15 and not facts.has_past_performance_factor:
        yield (
            ("evaluation", "factors"),
            "no past performance or experience factor; the contracting officer must record why",
            None,
        )


@rule(
    "FAR-C09",
    "warning",
    "No more than five factors",
    "{factors_tailored}; {usds_playbook}",
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
    "warning",
    "The oral-presentation instructions say who presents, where and when",
    "{oral_solicitation_items}; {fc_oral_presentations}",
)
def _oral_items(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used:
        return
    if not oral.required_presenters:
        yield (
            ("oral_presentation",),
            "the instructions do not say who must present",
            None,
        )
    if not oral.window and not oral.location:
        yield (
            ("oral_presentation",),
            "the instructions do not give the place, date and time",
            None,
        )


@rule("FAR-C15", "error", "Contractor advisors never vote",
      "{inherently_governmental}; {aas_evaluation_determination}")
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
    "{ssa_responsibilities}; {inherently_governmental}",
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
    "Questions during orals are clarifications, not negotiations",
    "{oral_discussions}; {clarifications}; {negotiations}",
)
def _discussions(a: Answers) -> Iterator[Finding]:
    facts = decide_facts(a)
    if facts.is_part_15 and a.oral_presentation.used and a.oral_presentation.discussions_permitted:
        yield (
            ("oral_presentation", "discussions_permitted"),
            (
                f"{facts.exchanges} during orals bring in the competitive range and final "
                f"revisions ({facts.cite['competitive_range']}, {facts.cite['negotiations']})"
            ),
            "keep questions to clarifications of what was presented",
        )


@rule(
    "ORAL-C03",
    "warning",
    "The CX or design lead presents, and attendance is capped",
    "{oral_solicitation_items}; {fc_oral_presentations}",
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


def longdate(value: dt.date | None) -> str:
    """Return ``value`` as the documents print it ("March 1, 2027").

    The same format as ``cxacq.documents.render.longdate``, which this module does not import: the
    rules run in ``check``, which must not load the template engine.
    """
    return f"{value:%B} {value.day}, {value.year}" if value else "no date"


@rule(
    "PHASE-C01",
    "warning",
    "Every factor is evaluated in a phase, when there are phases",
    "{fc_down_select}; {proposal_evaluation}",
)
def _factor_in_no_phase(a: Answers) -> Iterator[Finding]:
    ev = a.evaluation
    if not ev.phases:
        return
    for index, factor in enumerate(ev.factors):
        if ev.phase_index(factor.id) is None:
            yield (
                ("evaluation", "factors", index, "id"),
                f"the factor '{factor.id}' is evaluated in no phase, so the documents never say "
                "when it is evaluated",
                f"add '{factor.id}' to the factors of one of evaluation.phases",
            )


@rule(
    "PHASE-C02",
    "warning",
    "Submissions are due in the phase that evaluates them",
    "{fc_down_select}",
)
def _due_in_wrong_phase(a: Answers) -> Iterator[Finding]:
    ev = a.evaluation
    if not ev.phases:
        return
    due = ev.phase_due_dates
    names = [p.name for p in ev.phases]
    first = ev.phases[0].submission_due
    if first and ev.instructions.deadline and first != ev.instructions.deadline:
        yield (
            ("evaluation", "phases", 0, "submission_due"),
            f"'{names[0]}' responses are due on {longdate(first)}, but the instructions give "
            f"{longdate(ev.instructions.deadline)} (evaluation.instructions.deadline)",
            "give the first phase the response deadline, or leave its submission_due out",
        )
    for index in range(1, len(ev.phases)):
        own, before = ev.phases[index].submission_due, due[index - 1]
        if own and before and own < before:
            yield (
                ("evaluation", "phases", index, "submission_due"),
                f"'{names[index]}' responses are due on {longdate(own)}, before those of "
                f"'{names[index - 1]}' ({longdate(before)})",
                "phases follow each other: a later phase's responses are due later",
            )
    yield from _parts_due_early(a, due, names)
    yield from _orals_due_early(a, due, names)


def _parts_due_early(
    a: Answers, due: tuple[dt.date | None, ...], names: list[str]
) -> Iterator[Finding]:
    """A response part is due once: with the earliest phase of the factors it answers."""
    ev = a.evaluation
    for p_index, part in enumerate(ev.instructions.parts):
        phases = [ev.phase_index(f) for f in part.factors]
        dated = [(due[i], i) for i in phases if i is not None and due[i] is not None]
        if not dated:
            continue
        part_due, part_phase = min(dated)
        for f_index, (factor_id, phase) in enumerate(zip(part.factors, phases, strict=True)):
            if phase is None or due[phase] is None or due[phase] == part_due:
                continue
            yield (
                ("evaluation", "instructions", "parts", p_index, "factors", f_index),
                f"'{factor_id}' is evaluated in '{names[phase]}', whose responses are due on "
                f"{longdate(due[phase])}, but the part '{part.name}' is due with "
                f"'{names[part_phase]}' on {longdate(part_due)}",
                "answer each phase's factors in parts of their own",
            )


def _orals_due_early(
    a: Answers, due: tuple[dt.date | None, ...], names: list[str]
) -> Iterator[Finding]:
    """An oral presentation is held in the phase that evaluates its factors, not before."""
    ev, oral = a.evaluation, a.oral_presentation
    if not oral.used:
        return
    phases = [i for i in (ev.phase_index(f) for f in oral.factors) if i is not None]
    if not phases:
        return
    phase = min(phases)
    for d_index, day in enumerate(oral.dates):
        own = ev.phases[phase].submission_due
        previous = due[phase - 1] if phase else None
        if own and day < own:
            when = f"before '{names[phase]}' responses are due ({longdate(own)})"
        elif previous and day <= previous:
            when = f"on or before the day '{names[phase - 1]}' responses are due " \
                f"({longdate(previous)})"
        else:
            continue
        yield (
            ("oral_presentation", "dates", d_index),
            f"the presentation on {longdate(day)} comes {when}: it would be held in an earlier "
            f"phase than '{names[phase]}', which evaluates it",
            "hold the presentations after the earlier phase is evaluated",
        )


@rule(
    "PHASE-C03",
    "error",
    "A mandatory gate evaluates only factors that can be passed or failed",
    "{fc_down_select}; {contract_pricing}",
)
def _gate_not_pass_fail(a: Answers) -> Iterator[Finding]:
    ev = a.evaluation
    kinds = {f.id: f.kind for f in ev.factors}
    for p_index, phase in enumerate(ev.phases):
        if phase.gate != "mandatory":
            continue
        for f_index, factor_id in enumerate(phase.factors):
            kind = kinds.get(factor_id)
            loc = ("evaluation", "phases", p_index, "factors", f_index)
            if kind == "price":
                yield (
                    loc,
                    f"'{factor_id}' is price, which is judged fair and reasonable, not passed "
                    f"or failed; '{phase.name}' ends with a mandatory gate",
                    "evaluate price in a phase without a mandatory gate",
                )
            elif kind == "past_performance" and ev.past_performance_method == "confidence":
                yield (
                    loc,
                    f"'{factor_id}' is past performance rated on the confidence scale "
                    "(evaluation.past_performance_method), which has no pass or fail; "
                    f"'{phase.name}' ends with a mandatory gate",
                    "set past_performance_method: pass_fail or acceptable, or leave it out",
                )
