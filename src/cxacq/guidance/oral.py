"""Rules on the two oral documents: one criteria list, mapped prompts, honest fiction, dates."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxacq.answers.facts import decide_facts
from cxacq.answers.model import Answers
from cxacq.answers.model.evaluation import OralPresentation
from cxacq.guidance import Finding, rule

PLAYBOOK = "USDS Tech Challenge Playbook"
SCENARIO = ("oral_presentation", "scenario")
# The scenario's fields offerors read, in the order the handout prints them.
_SCENARIO_TEXT = ("title", "context", "current_state", "constraints", "prompts",
                  "provided_materials")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _criteria(a: Answers) -> dict[str, list[str]]:
    """Return each oral factor's id with its criteria (its discriminators)."""
    ids = set(a.oral_presentation.factors)
    return {f.id: list(f.discriminators) for f in a.evaluation.factors if f.id in ids}


@rule(
    "ORAL-C20",
    "warning",
    "Each oral factor has two or three criteria",
    f"{PLAYBOOK}; {{fc_oral_presentations}}",
)
def _criteria_count(a: Answers) -> Iterator[Finding]:
    if not a.oral_presentation.used:
        return
    for i, factor in enumerate(a.evaluation.factors):
        if factor.id not in a.oral_presentation.factors:
            continue
        count = len(factor.discriminators)
        if count > 3:
            yield (
                ("evaluation", "factors", i, "discriminators"),
                f"the oral factor '{factor.id}' has {count} criteria; evaluators cannot test more "
                "than three in one session",
                "keep the two or three discriminators the scenario tests best",
            )
        elif count < 2:
            yield (
                ("evaluation", "factors", i, "discriminators"),
                f"the oral factor '{factor.id}' has {count} criteria; the evaluators and "
                f"{decide_facts(a).responders} need two or three to judge the session against",
                "list two or three discriminators for the factor",
            )


ORAL = ("oral_presentation",)


def _mappings(
    oral: OralPresentation,
) -> Iterator[tuple[tuple[str, ...], str, str, list[str], list[str]]]:
    """Yield where each list lives, its noun, its criteria field, its texts and their criteria."""
    if oral.scenario is not None:
        scenario = oral.scenario
        yield SCENARIO, "prompt", "prompt_criteria", list(scenario.prompts), list(
            scenario.prompt_criteria
        )
    yield ORAL, "question", "question_criteria", list(oral.questions), list(
        oral.question_criteria
    )


@rule(
    "ORAL-C21",
    "error",
    "Every prompt and standard question tests a criterion of its factor",
    "{proposal_evaluation}; {fc_oral_presentations}",
)
def _mapped_to_criteria(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used:
        return
    allowed = {k for keys in _criteria(a).values() for k in keys}
    responders = decide_facts(a).responders
    for base, noun, field, texts, keys in _mappings(oral):
        for i, key in enumerate(keys):
            if i >= len(texts):
                yield (
                    (*base, field, i),
                    f"{field} has more entries than there are {noun}s",
                    f"give one criterion per {noun}, in order",
                )
            elif key not in allowed:
                yield (
                    (*base, field, i),
                    f"{noun} {i + 1} tests '{key}', which is not a criterion of the oral "
                    f"factor; {responders} are not told it is evaluated",
                    f"map it to one of: {', '.join(sorted(allowed)) or 'no criteria yet'}",
                )
        for i in range(len(keys), len(texts)):
            yield (
                (*base, noun + "s", i),
                f"{noun} {i + 1} names no criterion it tests",
                f"add its criterion to {field}, in the order of the {noun}s",
            )


def _baseline_numbers(text: str) -> set[str]:
    """Return the numbers a baseline states: not years, dates or the base of a rate."""
    outside = re.sub(r"\([^)]*\)", " ", text)
    numbers = set()
    for match in _NUMBER.finditer(outside):
        before = outside[: match.start()].rstrip().lower()
        if _YEAR.fullmatch(match.group()) or before.endswith(("per", "fy", "q")):
            continue
        numbers.add(match.group())
    return numbers


def _leak_terms(a: Answers) -> list[tuple[str, str, bool]]:
    """Return (term, where it comes from, match case) for names and baselines to keep out."""
    terms = [(a.agency.name, "agency.name", False), (a.agency.abbreviation, "agency.abbreviation",
                                                   True)]
    component = a.program.component
    terms.append((re.sub(r"\s*\([^)]*\)", "", component).strip(), "program.component", False))
    terms.extend((m, "program.component", True) for m in re.findall(r"\(([^)]+)\)", component))
    terms.append((a.program.name, "program.name", False))
    if a.program.acronym:
        terms.append((a.program.acronym, "program.acronym", True))
    for i, measure in enumerate(a.capacity.success_measures):
        for number in sorted(_baseline_numbers(measure.baseline or "")):
            terms.append((number, f"capacity.success_measures[{i}].baseline", True))
    return [t for t in terms if t[0]]


def _found(term: str, text: str, match_case: bool) -> bool:
    pattern = rf"(?<![\w.,]){re.escape(term)}(?![\w]|[.,]\d)"
    return re.search(pattern, text, 0 if match_case else re.IGNORECASE) is not None


@rule(
    "ORAL-C22",
    "error",
    "A fictionalized scenario names no agency, program or baseline",
    f"{PLAYBOOK}, step 4",
)
def _fiction_leaks(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    scenario = oral.scenario
    if not oral.used or scenario is None or not scenario.fictionalized:
        return
    terms = _leak_terms(a)
    for field in _SCENARIO_TEXT:
        value = getattr(scenario, field)
        items = [(None, value)] if isinstance(value, str) else list(enumerate(value))
        for index, text in items:
            where = (*SCENARIO, field) if index is None else (*SCENARIO, field, index)
            for term, source, match_case in terms:
                if _found(term, text, match_case):
                    yield (
                        where,
                        f"the scenario says it is fictionalized but shows '{term}' (from "
                        f"{source})",
                        "change the name or number, or set fictionalized: false",
                    )


@rule(
    "ORAL-C23",
    "warning",
    "Standard questions are disclosed, or the questions only clarify",
    "{oral_discussions}; {clarifications}; {negotiations}",
)
def _undisclosed_questions(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    # In an interview the standard questions are the session itself, not a question period.
    if (oral.used and oral.questions and not oral.questions_disclosed
            and oral.session_kind != "interview"):
        facts = decide_facts(a)
        yield (
            (*ORAL, "questions"),
            "new questions whose answers are rated, in a period limited to clarifications, can "
            f"amount to {facts.exchanges}",
            f"set questions_disclosed: true to give them to {facts.responders}, or remove them",
        )


@rule(
    "ORAL-C24",
    "warning",
    "The presentations are on specific dates",
    "{oral_solicitation_items}; {fc_oral_presentations}",
)
def _specific_dates(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if oral.used and not oral.dates:
        yield (
            ("oral_presentation", "window" if oral.window else "dates"),
            "no specific dates are given for the presentations, so documents can disagree",
            "list the dates in oral_presentation.dates (YYYY-MM-DD)",
        )
