"""Protest-risk rules: each reads the answers for a pattern a GAO decision has tested.

Every rule cites the decision it comes from through the citation catalogue (a ``gao_…``
concept), beside the regulation it applies, so the finding says why a losing offeror's lawyer
would care. Two patterns from the project's notes live elsewhere: a highest-technically-rated
award on a single-award schedule blanket purchase agreement is BPA-C01
(:mod:`cxacq.guidance.bpa`), and a presentation with no record cannot be written (validation
refuses an oral presentation without ``oral_presentation.recording``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxacq.answers.facts import decide_facts
from cxacq.answers.model import Answers
from cxacq.documents.ratings import PAST_PERFORMANCE_SCALES, RATING_SCALES, past_performance_method
from cxacq.guidance import Finding, Loc, rule

__all__ = ["counts_findings", "overlap"]

_COUNTED = r"(?:significant\s+|major\s+|minor\s+)?(?:strengths?|weakness(?:es)?|deficienc(?:y|ies))"
_COUNTING = re.compile(
    r"\b(?:multiple|several|numerous|many|more|fewer|most|few|no more than \w+|"
    r"at least (?:one|two|three|four|five|\d+)|(?:one|two|three|four|five|\d+) or (?:more|fewer)|"
    r"(?:one|two|three|four|five|\d+)|a number of|the number of|a count of|"
    r"the count of)\s+" + _COUNTED + r"\b"
    r"|\bcount(?:s|ing|ed)?\b[^.;]*\b" + _COUNTED + r"\b"
    r"|\b" + _COUNTED + r"\s+(?:outnumber|exceed(?:s)? the number)",
    re.IGNORECASE,
)


def counts_findings(text: str) -> str | None:
    """Return the words in ``text`` that rate by counting strengths or weaknesses, or None."""
    match = _COUNTING.search(text)
    return match.group(0) if match else None


def _evaluation_texts(a: Answers) -> Iterator[tuple[Loc, str]]:
    ev = a.evaluation
    yield ("evaluation", "relative_importance"), ev.relative_importance
    if ev.lpta_justification:
        yield ("evaluation", "lpta_justification"), ev.lpta_justification
    if ev.htr_justification:
        yield ("evaluation", "htr_justification"), ev.htr_justification
    for i, factor in enumerate(ev.factors):
        yield ("evaluation", "factors", i, "description"), factor.description
    if a.acquisition.tradeoffs:
        yield ("acquisition", "tradeoffs"), a.acquisition.tradeoffs


@rule(
    "PRT-C01",
    "error",
    "Ratings are judgments of merit, never counts of strengths or weaknesses",
    "{gao_b_422616}; {proposal_evaluation}",
)
def _counting(a: Answers) -> Iterator[Finding]:
    ev = a.evaluation
    facts = decide_facts(a)
    levels: list[tuple[Loc, str, str]] = [
        (("evaluation", "rating_method"), name, text)
        for name, text in RATING_SCALES[ev.rating_method]
    ]
    if facts.has_past_performance_factor:
        method = past_performance_method(ev.past_performance_method, facts.is_lpta)
        levels += [
            (("evaluation", "past_performance_method"), name, text)
            for name, text in PAST_PERFORMANCE_SCALES[method]
        ]
    for loc, name, text in levels:
        words = counts_findings(text)
        if words:
            yield (
                loc,
                f'the rating level "{name}" the package defines for this method says "{words}": '
                "a rating reached by counting findings, which GAO has found unreasonable",
                "define each level by the evaluators' judgment of the whole response, or choose "
                "another rating method",
            )
    for loc, text in _evaluation_texts(a):
        words = counts_findings(text)
        if words:
            yield (
                loc,
                f'this answer rates by counting: "{words}"; a rating must weigh what each '
                "strength or weakness is worth, and the record must say how",
                "describe what makes a response better (its merit and risk), not how many "
                "findings it has",
            )


def _criteria_told(a: Answers) -> set[str]:
    """Return the criteria the oral documents put to offerors: prompts and disclosed questions."""
    oral = a.oral_presentation
    told: set[str] = set(oral.scenario.prompt_criteria) if oral.scenario is not None else set()
    # In an interview the standard questions are the session itself.
    if oral.questions_disclosed or oral.session_kind == "interview":
        told |= set(oral.question_criteria)
    return told


@rule(
    "PRT-C02",
    "warning",
    "Every criterion of an oral factor is put to offerors by a prompt or a disclosed question",
    "{gao_unstated_criteria}; {proposal_evaluation}; {fc_oral_presentations}",
)
def _undisclosed_criteria(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used:
        return
    told = _criteria_told(a)
    responders = decide_facts(a).responders
    for i, factor in enumerate(a.evaluation.factors):
        if factor.id not in oral.factors or factor.kind != "oral":
            continue
        for j, criterion in enumerate(factor.discriminators):
            if criterion not in told:
                yield (
                    ("evaluation", "factors", i, "discriminators", j),
                    f"evaluators score '{criterion}' for the oral factor '{factor.id}', but no "
                    f"prompt{' or disclosed question' if oral.questions_disclosed else ''} asks "
                    f"for it, so {responders} are rated on something the scenario never asks",
                    "map a prompt (prompt_criteria) or a disclosed standard question to it, or "
                    "take it out of the factor's discriminators",
                )


_WORD = re.compile(r"[a-z]{4,}")
_COMMON = {
    "what", "when", "which", "would", "your", "with", "that", "this", "they", "them", "their",
    "from", "have", "will", "does", "into", "about", "there", "these", "those", "then", "than",
    "team", "describe", "explain", "tell", "show",
}


def overlap(question: str, prompt: str) -> float:
    """Return the share of a question's content words that the prompt also uses."""
    words = {w for w in _WORD.findall(question.lower()) if w not in _COMMON}
    if not words:
        return 0.0
    theirs = {w for w in _WORD.findall(prompt.lower()) if w not in _COMMON}
    return len(words & theirs) / len(words)


REPEAT_SHARE = 0.6
"""A standard question sharing this much of its content words with a prompt re-asks it."""


@rule(
    "PRT-C03",
    "warning",
    "Questions during the session cannot become discussions",
    "{gao_oral_discussions}; {clarifications}; {negotiations}",
)
def _qa_becomes_discussions(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if not oral.used:
        return
    facts = decide_facts(a)
    if oral.discussions_permitted and a.evaluation.award_without_discussions:
        yield (
            ("oral_presentation", "discussions_permitted"),
            f"the session may hold {facts.exchanges} (discussions_permitted: true), but "
            "evaluation.award_without_discussions says award is made without them; once "
            f"{facts.responders} can change what they offer in answer to a question, "
            f"{facts.exchanges} have been held, and every {facts.responder} still competing "
            "must get them too",
            "set discussions_permitted: false, or award_without_discussions: false and plan "
            "for revisions from everyone",
        )
    scenario = oral.scenario
    if scenario is None:
        return
    for i, question in enumerate(oral.questions):
        for j, prompt in enumerate(scenario.prompts):
            share = overlap(question, prompt)
            if share >= REPEAT_SHARE:
                yield (
                    ("oral_presentation", "questions", i),
                    f"standard question {i + 1} repeats prompt {j + 1} ({share:.0%} of its words): "
                    f"asking again lets {facts.responders} revise an answer they already gave, "
                    "which GAO has held can amount to discussions",
                    "ask what the prompts do not, or take the question out",
                )
                break


@rule(
    "PRT-C04",
    "warning",
    "Offerors are told how long the question period lasts",
    "{gao_oral_time_limits}; {oral_solicitation_items}",
)
def _time_limits(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    if oral.used and oral.qa_minutes is None:
        responders = decide_facts(a).responders
        yield (
            ("oral_presentation", "qa_minutes"),
            f"the question period has no length, so {responders} cannot plan their time and "
            "evaluators cannot hold everyone to the same limit; GAO holds offerors to the time "
            "the solicitation provides, so the time must be stated",
            "give qa_minutes (for example 15)",
        )


@rule(
    "PRT-C05",
    "warning",
    "Offerors are told how the presentation's time is split among the scenario's prompts",
    "{gao_oral_time_limits}; {oral_solicitation_items}",
)
def _time_budget(a: Answers) -> Iterator[Finding]:
    oral = a.oral_presentation
    scenario = oral.scenario
    if not oral.used or scenario is None or len(scenario.prompts) < 2 or scenario.prompt_minutes:
        return
    facts = decide_facts(a)
    yield (
        ("oral_presentation", "scenario", "prompt_minutes"),
        f"the scenario has {len(scenario.prompts)} prompts and no time budget for each, so "
        f"{facts.responders} guess how to split the {oral.presentation_minutes} minutes; GAO "
        f"has held that running short on the last prompts is the {facts.responder}'s own risk, "
        "so the split must be stated, the same for everyone",
        "give prompt_minutes: one number of minutes per prompt, in order, adding up to no "
        f"more than {oral.presentation_minutes}",
    )
