"""Rules on traceability: needs, objectives, standards, deliverables and factors stay linked.

An objective is a ranked need (OBJ-n is the need of rank n); the surveillance standards
(QS-n) come from :func:`cxacq.documents.surveillance.surveillance_standards`.
Ranks in a factor's or a deliverable's ``needs`` that name no need are refused by
validation before any rule runs, so these rules look only at links that are missing,
never at links that are broken.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxacq.answers.model import Answers
from cxacq.documents.surveillance import carrying_deliverables, objective_id, surveillance_standards
from cxacq.guidance import Finding, rule

G = "DHS CX acquisition guidance"

# Standards about something the contractor hands over. The research cadence, usability
# testing and accessibility standards apply to all of the work, so they serve every objective
# by construction and cannot show that anything is delivered toward one in particular.
_DELIVERED = ("deliverable", "capacity")
_ACROSS = {
    "research": "the research cadence",
    "usability": "usability testing",
    "accessibility": "accessibility",
}


@rule(
    "TRACE-C01",
    "warning",
    "Every objective is served by a standard on something the contractor delivers",
    f"{{pba_policy}}; {{qasp}}; {G}: a flexible approach based on goals and objectives",
)
def _objective_without_standard(a: Answers) -> Iterator[Finding]:
    """Flag an objective that only the standards applying to all of the work serve.

    A deliverable with no ``surveillance.needs`` serves every objective, so this fires only
    when every deliverable names the needs it serves and none names this one, and no
    capacity-building standard serves it either.
    """
    standards = surveillance_standards(a)
    for index, need in sorted(enumerate(a.needs), key=lambda item: item[1].rank):
        objective = objective_id(need.rank)
        serving = [s for s in standards if objective in s.objectives]
        if any(s.kind in _DELIVERED for s in serving):
            continue
        across = [f"{s.id} ({_ACROSS[s.kind]})" for s in serving if s.kind in _ACROSS]
        yield (
            ("needs", index),
            f"objective {objective} ('{need.need}') is served by no standard on a deliverable: "
            f"only {', '.join(across) or 'no standard'} covers it, and those apply to all of "
            "the work, so the surveillance plan never checks that anything delivered meets it",
            f"add {need.rank} to surveillance.needs of the deliverable that meets this need, "
            "or leave out surveillance.needs on a deliverable that serves every need",
        )


@rule(
    "TRACE-C02",
    "warning",
    "Every surveillance standard has a deliverable behind it",
    "{qasp}; {pws_and_soo}",
)
def _standard_without_deliverable(a: Answers) -> Iterator[Finding]:
    """Flag a standard the plan always holds when no deliverable carries its work.

    A deliverable's own standard has its deliverable by construction, and the accessibility
    standard is built from the deliverables marked ICT. The research cadence, usability
    testing and capacity-building standards are in every plan, whatever the deliverables:
    "a standard with no deliverable" is one of these when no deliverable's name or
    description uses its words (:data:`cxacq.documents.surveillance.FAMILY_WORDS`), so the
    contractor would be held to work the requirement never asks it to hand over, and there would be
    nothing to accept against it.
    """
    standards = surveillance_standards(a)
    first = {s.kind: s for s in reversed(standards)}
    for kind, work in (
        ("research", "a research plan before each round of research and a readout after it"),
        ("usability", "usability testing with customers"),
    ):
        if kind in first and not carrying_deliverables(a, kind):
            s = first[kind]
            yield (
                ("acquisition", "deliverables"),
                f"standard {s.id} ({s.result.lower()}) holds the contractor to {work}, but no "
                "deliverable asks for that work, so there is nothing to accept against it",
                f"add a deliverable for it (for example '{_EXAMPLE[kind]}'), or say in an "
                "existing deliverable's description that it includes this work",
            )
    if a.capacity_building and not carrying_deliverables(a, "capacity"):
        ids = [s.id for s in standards if s.kind == "capacity"]
        for index, (item, sid) in enumerate(zip(a.capacity_building, ids, strict=True)):
            yield (
                ("capacity_building", index),
                f"standard {sid} holds the contractor to handing over '{item.description}', "
                "but no deliverable asks for capacity building, so there is nothing to accept "
                "against it",
                f"add a deliverable for it (for example '{_EXAMPLE['capacity']}')",
            )


_EXAMPLE = {
    "research": "Research plans and readouts, every research round",
    "usability": "Tested prototypes and content, every iteration",
    "capacity": "Capacity-building package, before the end of the base period",
}


@rule(
    "TRACE-C03",
    "warning",
    "Every non-price factor tests at least one objective",
    f"{{factors_tailored}}; {G}: prioritize your needs",
)
def _factor_without_objective(a: Answers) -> Iterator[Finding]:
    """Flag a non-price factor whose ``needs`` is empty.

    The traceability matrix links a factor to an objective only through ``needs``; a factor
    with none evaluates something no objective asks for, or leaves the link unwritten.
    """
    for index, factor in enumerate(a.evaluation.factors):
        if factor.kind == "price" or factor.needs:
            continue
        yield (
            ("evaluation", "factors", index, "needs"),
            f"the factor '{factor.name}' tests no objective: it lists no need, so the "
            "traceability matrix cannot show which objective it evaluates",
            "list in needs the ranks of the needs it tests, for example needs: [1, 2]",
        )


@rule(
    "TRACE-C04",
    "warning",
    "Every success measure is moved by a need",
    f"{G}, three questions; OMB Circular A-11, section 280",
)
def _measure_without_need(a: Answers) -> Iterator[Finding]:
    """Flag a success measure that no need lists in ``measures``.

    The traceability summary shows, for each objective, the measures its need moves; a
    measure no need lists never appears there, and every objective reads "None yet".
    """
    moved = {m for need in a.needs for m in need.measures}
    for index, measure in enumerate(a.capacity.success_measures):
        if measure.id in moved:
            continue
        yield (
            ("capacity", "success_measures", index),
            f"no need moves the success measure '{measure.name}': no need lists "
            f"'{measure.id}' in its measures, so the traceability summary shows no measure "
            "for any objective that works on it",
            f"add {measure.id} to measures of each need that moves it, for example "
            f"measures: [{measure.id}]",
        )
