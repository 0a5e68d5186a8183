"""Rules on the quality assurance surveillance plan: every deliverable surveilled, fairly."""

from __future__ import annotations

from collections.abc import Iterator

from cxacq.answers.model import Answers
from cxacq.documents.surveillance import ict_words
from cxacq.guidance import Finding, rule

G = "DHS CX acquisition guidance"


@rule(
    "QASP-C01",
    "warning",
    "Every deliverable has a surveillance standard",
    "{qasp}; {qasp_prescribed}",
)
def _unsurveilled(a: Answers) -> Iterator[Finding]:
    for index, d in enumerate(a.acquisition.deliverables):
        if d.due or (d.surveillance and d.surveillance.standard):
            continue
        yield (
            ("acquisition", "deliverables", index),
            f"the deliverable '{d.name}' has no surveillance standard: no due date or cadence and "
            "no surveillance.standard, so the plan cannot say when or against what it is checked",
            "give it a due date or cadence in due, or a standard in surveillance.standard",
        )


@rule(
    "QASP-C02",
    "error",
    "No surveillance standard is a program outcome the contractor does not control",
    f"{{qasp}}; {{omb_a11_280}}; {G}",
)
def _outcome_standard(a: Answers) -> Iterator[Finding]:
    measures = {m.id: m for m in a.capacity.success_measures}
    for index, d in enumerate(a.acquisition.deliverables):
        s = d.surveillance
        if s is None:
            continue
        loc = ("acquisition", "deliverables", index, "surveillance")
        hint = (
            "hold the contractor to what it delivers (research, tested designs, accessible "
            "work); the plan tracks and reports the success measures without making them "
            "standards"
        )
        if s.measure:
            measure = measures.get(s.measure)
            what = f"the success measure '{measure.name}'" if measure else f"'{s.measure}'"
            yield (
                (*loc, "measure"),
                f"the standard for '{d.name}' is judged by {what}, a program outcome the "
                "contractor does not control",
                hint,
            )
            continue
        text = f"{s.standard or ''} {s.acceptable_quality_level or ''}".lower()
        for measure in measures.values():
            if measure.name.lower() in text:
                field = "standard" if measure.name.lower() in (s.standard or "").lower() else (
                    "acceptable_quality_level")
                yield (
                    (*loc, field),
                    f"the standard for '{d.name}' names the success measure '{measure.name}', "
                    "a program outcome the contractor does not control",
                    hint,
                )
                break


@rule(
    "QASP-C03",
    "warning",
    "Deliverables that are ICT are held to the accessibility standard",
    "{ict_accessibility}; {section_508_standards}; {qasp}",
)
def _ict_without_accessibility(a: Answers) -> Iterator[Finding]:
    for index, d in enumerate(a.acquisition.deliverables):
        words = ict_words(f"{d.name} {d.description}")
        if d.ict or not words:
            continue
        yield (
            ("acquisition", "deliverables", index, "ict"),
            f"the deliverable '{d.name}' names {', '.join(words)} but ict is false, so the plan "
            "holds it to no accessibility standard",
            "set ict: true so the plan checks it for zero accessibility defects against "
            "compliance.accessibility_standard",
        )
