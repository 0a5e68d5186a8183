"""The quality assurance surveillance plan's standards, derived once from the answers.

Each standard has an id (QS-1, QS-2 …) and names the objectives it supports: OBJ-n is the
need of rank n, the same ids the statement of objectives and the traceability matrix use.
Standards cover what the contractor controls (its deliverables, research cadence, usability
testing, accessibility and capacity building); the success measures are program outcomes,
tracked and reported but never standards. The template and the QASP rules both read this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cxacq.answers.model import Answers

__all__ = [
    "FAMILY_WORDS",
    "Standard",
    "carrying_deliverables",
    "ict_words",
    "objective_id",
    "objective_ids",
    "product_owner",
    "surveillance_standards",
]

_ICT_WORDS = re.compile(
    r"\b(website|web page|web site|webpages?|app|apps|software|code|online form|"
    r"dashboard|pdf|portal|chatbot)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Standard:
    """One row of the performance requirements matrix."""

    id: str
    kind: str  # deliverable, research, usability, accessibility or capacity
    result: str
    standard: str
    aql: str
    method: str
    frequency: str
    inspector: str
    objectives: tuple[str, ...]
    deliverable: int | None = None  # index into acquisition.deliverables


def objective_id(rank: int) -> str:
    """Return the id of the performance objective for the need of this rank (``OBJ-1``)."""
    return f"OBJ-{rank}"


def objective_ids(a: Answers) -> dict[int, str]:
    """Return need rank → objective id, in rank order.

    The id carries the rank itself, so needs ranked 1, 2 and 4 are OBJ-1, OBJ-2 and OBJ-4
    in every document, and ``surveillance.needs`` ranks read straight as objective ids.
    """
    return {rank: objective_id(rank) for rank in sorted(need.rank for need in a.needs)}


# The standards that every plan holds, whatever the deliverables, and the words by which a
# deliverable's name or description shows that it carries the work they surveil.
FAMILY_WORDS: dict[str, re.Pattern[str]] = {
    "research": re.compile(r"\bresearch", re.IGNORECASE),
    "usability": re.compile(r"\b(test|usability)", re.IGNORECASE),
    "capacity": re.compile(r"\b(capacity|training|playbook|hand-?over)", re.IGNORECASE),
}


def carrying_deliverables(a: Answers, kind: str) -> list[int]:
    """Return the indexes of the deliverables that carry a family of standards.

    ``kind`` is a key of :data:`FAMILY_WORDS`: a deliverable carries the family when its
    name or description uses one of the family's words ("research", "test", "capacity").
    """
    words = FAMILY_WORDS[kind]
    return [
        index
        for index, d in enumerate(a.acquisition.deliverables)
        if words.search(f"{d.name} {d.description}")
    ]


def ict_words(text: str) -> list[str]:
    """Return the words in ``text`` that name information and communication technology."""
    return sorted({m.group(0).lower() for m in _ICT_WORDS.finditer(text)})


def product_owner(a: Answers) -> str:
    """Return the product owner: a participant in that role, else the program manager."""
    for person in a.people.participants:
        if "product owner" in person.role.lower():
            return person.name
    return a.people.program_manager.name


def _cor(a: Answers) -> str:
    cor = a.people.contracting_officers_representative
    return f"{cor.name} (COR)" if cor else "The COR"


def _capacity_objectives(a: Answers, every: tuple[str, ...]) -> tuple[str, ...]:
    ids = objective_ids(a)
    own = [
        ids[n.rank]
        for n in sorted(a.needs, key=lambda n: n.rank)
        if re.search(r"\b(own|capacity|practice)\b", n.need, re.IGNORECASE)
    ]
    return tuple(own) or every


def surveillance_standards(a: Answers) -> list[Standard]:
    """Return the plan's standards in matrix order: deliverables, then the four families.

    Research cadence, usability testing with customers (assistive technology users
    included) and capacity building are always standards; accessibility is one when any
    deliverable is ICT.
    """
    ids = objective_ids(a)
    every = tuple(ids[rank] for rank in sorted(ids))
    cor, owner = _cor(a), product_owner(a)
    both = f"{cor} and {owner} (product owner)"
    rows: list[tuple[str, str, str, str, str, str, str, tuple[str, ...], int | None]] = []
    for index, d in enumerate(a.acquisition.deliverables):
        s = d.surveillance
        due = d.due or "Each submission"
        served = tuple(ids[r] for r in sorted(set(s.needs)) if r in ids) if s else ()
        rows.append((
            "deliverable",
            d.name,
            (s.standard if s and s.standard else
             "Has everything the requirement describes for it, and arrives on schedule."),
            (s.acceptable_quality_level if s and s.acceptable_quality_level else
             "Every submission accepted, with at most one resubmission."),
            (s.method if s and s.method else "Inspection of each submission against the standard."),
            due,
            both,
            served or every,
            index,
        ))
    research = next(
        (d for d in a.acquisition.deliverables if "research" in d.name.lower() and d.due), None
    )
    cadence = research.due if research and research.due else "Every iteration"
    rows.append((
        "research", "Research cadence",
        "A research plan before each round of research and a readout after it, shared with "
        "the product owner and posted where the team's research is kept.",
        "No round without a plan approved before fieldwork; every readout within ten working "
        "days of the round's end.",
        "Review of each plan and readout against the research plan the contractor proposed.",
        cadence, both, every, None,
    ))
    tested = next(
        (d.due for d in a.acquisition.deliverables if "test" in d.name.lower() and d.due), cadence
    )
    rows.append((
        "usability", "Usability testing with customers",
        "Designs and content are tested with the service's customers, including people who use "
        "assistive technology, before they are released.",
        "Every round of testing includes at least one person who uses assistive technology; "
        "nothing is released untested.",
        "Review of the test plan, participant summary and findings in each readout.",
        tested, both, every, None,
    ))
    ict = [d.name for d in a.acquisition.deliverables if d.ict]
    if ict:
        rows.append((
            "accessibility", "Accessible ICT: " + "; ".join(ict),
            f"Delivered ICT conforms to the {a.compliance.accessibility_standard}.",
            "Zero accessibility defects against the standard, in automated and manual testing, "
            "at acceptance.",
            "Automated scan and manual testing with assistive technology on every ICT "
            "delivery, with the contractor's conformance report.",
            "Each ICT delivery", f"{cor}, with the agency's Section 508 program office",
            every, None,
        ))
    capacity_due = next(
        (d.due for d in a.acquisition.deliverables
         if "capacity" in d.name.lower() and d.due), "Before the end of the base period",
    )
    for item in a.capacity_building:
        rows.append((
            "capacity", f"Capacity building: {item.description}",
            "Delivered in a form agency staff can use and change without the contractor, and "
            "handed over in a working session with the staff who will own it.",
            "Staff the product owner names use it without the contractor's help at the handover.",
            "Product owner review and an observed handover session.",
            capacity_due, both, _capacity_objectives(a, every), None,
        ))
    return [
        Standard(f"QS-{n}", kind, result, standard, aql, method, freq, who, objs, idx)
        for n, (kind, result, standard, aql, method, freq, who, objs, idx)
        in enumerate(rows, start=1)
    ]
