"""Rating scales with every level defined, and the definitions of findings.

The texts use ``{responder}`` (quoter or offeror) and ``{response}`` (quotation or
proposal) so each procurement path reads in its own words; :func:`rating_scale` and
:func:`finding_terms` fill them in.
"""

from __future__ import annotations

__all__ = [
    "COMPARISON",
    "FINDING_TERMS",
    "GATE_LEVELS",
    "PAST_PERFORMANCE_SCALES",
    "HTR_PRICE_NOTE",
    "PRICE_NOTE",
    "RATING_SCALES",
    "comparison_method",
    "finding_terms",
    "gate_levels",
    "has_neutral_level",
    "past_performance_method",
    "past_performance_scale",
    "rating_scale",
]

RATING_SCALES: dict[str, tuple[tuple[str, str], ...]] = {
    # Each level describes the evaluators' judgment of the whole response. No level is
    # reached by counting strengths or weaknesses: a single strength can make a response
    # outstanding and several minor ones may not.
    "adjectival": (
        ("Outstanding", "The response shows an exceptional approach and understanding of the "
         "requirement. Its strengths, taken together, give the Government high confidence in "
         "the approach, and the risk of unsuccessful performance is very low."),
        ("Good", "The response shows a thorough approach and understanding of the requirement. "
         "Its merits clearly outweigh any weaknesses, and the risk of unsuccessful performance "
         "is low."),
        ("Acceptable", "The response shows an adequate approach and understanding of the "
         "requirement. Its merits and weaknesses balance or matter little, and the risk of "
         "unsuccessful performance is no worse than moderate."),
        ("Marginal", "The response has not shown an adequate approach and understanding of the "
         "requirement; the risk of unsuccessful performance is high."),
        ("Unacceptable", "The response does not meet a material requirement, or its flaws taken "
         "together make the risk of unsuccessful performance unacceptable; it cannot be "
         "awarded without a major revision."),
    ),
    "confidence": (
        ("High confidence", "The Government has high confidence that the {responder} understands "
         "the requirement, proposes a sound approach and will succeed in performing the work, with "
         "little or no Government intervention."),
        ("Some confidence", "The Government has some confidence that the {responder} understands "
         "the requirement, proposes a sound approach and will succeed, with some Government "
         "intervention."),
        ("Low confidence", "The Government has low confidence that the {responder} understands "
         "the requirement, proposes a sound approach or will succeed, even with Government "
         "intervention."),
    ),
}

COMPARISON: tuple[str, ...] = (
    # A comparative evaluation has no scale to define: what must be stated instead is how
    # responses are set against each other, and that the comparison is on the stated factors.
    "Evaluators do not assign ratings. For each factor, they compare the {responses} with each "
    "other against what the factor evaluates, and rank them, or, where that is enough, name "
    "the {response} that is best on the factor.",
    "Each comparison records the evidence behind it: what one {response} offers that another "
    "does not, and why that matters to the work. It rests on the whole response, never on a "
    "count of findings.",
    "The team then compares the {responses} across all the factors, in their order of "
    "importance, and documents why the {response} it recommends gives the best value.",
)
"""How a comparative evaluation sets responses against each other, in place of a scale."""

GATE_LEVELS: tuple[tuple[str, str], ...] = (
    # A mandatory gate asks one question of each factor of its phase: can the responder go on?
    ("Pass", "The {response} meets what the factor requires, as the {solicitation} states it. "
     "The {responder} continues to the next phase."),
    ("Fail", "The {response} does not meet what the factor requires. The {responder} is not "
     "evaluated further and is no longer considered for the {award}."),
)
"""The two levels of a factor evaluated in a phase with a mandatory gate."""

PAST_PERFORMANCE_SCALES: dict[str, tuple[tuple[str, str], ...]] = {
    # Past performance has its own scale: it judges a record, not an approach, and a
    # responder with no relevant record must be rated neither favorably nor unfavorably,
    # so every scale has a neutral level.
    "confidence": (
        ("Substantial confidence", "Based on the {responder}'s recent, relevant record, the "
         "Government has a high expectation that the {responder} will perform the work "
         "successfully."),
        ("Satisfactory confidence", "Based on the {responder}'s recent, relevant record, the "
         "Government has a reasonable expectation that the {responder} will perform the work "
         "successfully."),
        ("Neutral confidence", "The {responder} has no recent, relevant record, or its record "
         "is so sparse that no meaningful confidence judgment can be made. The {responder} is "
         "rated neither favorably nor unfavorably."),
        ("Limited confidence", "Based on the {responder}'s recent, relevant record, the "
         "Government has a low expectation that the {responder} will perform the work "
         "successfully."),
        ("No confidence", "Based on the {responder}'s recent, relevant record, the Government "
         "has no expectation that the {responder} will be able to perform the work "
         "successfully."),
    ),
    "pass_fail": (
        ("Pass", "Based on the {responder}'s recent, relevant record, the Government reasonably "
         "expects that the {responder} will perform the work successfully."),
        ("Neutral", "The {responder} has no recent, relevant record. It is rated neither "
         "favorably nor unfavorably and passes."),
        ("Fail", "Based on the {responder}'s recent, relevant record, the Government does not "
         "reasonably expect that the {responder} will perform the work successfully."),
    ),
    "acceptable": (
        ("Acceptable", "Based on the {responder}'s recent, relevant record, the Government "
         "reasonably expects that the {responder} will perform the work successfully."),
        ("Neutral", "The {responder} has no recent, relevant record. It is rated neither "
         "favorably nor unfavorably and, for award, is treated as acceptable."),
        ("Unacceptable", "Based on the {responder}'s recent, relevant record, the Government "
         "does not reasonably expect that the {responder} will perform the work "
         "successfully."),
    ),
}
"""Scales for past performance and experience factors; each has a neutral level."""

FINDING_TERMS: tuple[tuple[str, str], ...] = (
    ("Strength", "An aspect of the {response} that has merit or exceeds the requirement in a "
     "way that benefits the Government, or increases the likelihood of successful "
     "performance."),
    ("Weakness", "A flaw in the {response} that increases the risk of unsuccessful "
     "performance."),
    ("Significant weakness", "A flaw that appreciably increases the risk of unsuccessful "
     "performance."),
    ("Deficiency", "A part of the {response} that does not meet a material requirement of the "
     "solicitation, or a combination of significant weaknesses that increases the risk of "
     "unsuccessful performance to an unacceptable level."),
)

PRICE_NOTE = (
    "Price is not rated. It is evaluated for reasonableness and, where the pricing approach "
    "gives cause, for balance and realism of the labor mix."
)

HTR_PRICE_NOTE = (
    "Price is not rated and is not traded against the non-price factors. Prices are evaluated "
    "in the order the {responses} are ranked on the non-price factors, beginning with the "
    "highest technically rated {response}, to decide whether each is fair and reasonable and, "
    "where the pricing approach gives cause, for balance and realism of the labor mix. A "
    "{response} whose price is not fair and reasonable is passed over for the next-ranked one."
)
"""How price is evaluated when award goes to the highest technically rated response."""


def rating_scale(method: str, responder: str) -> tuple[tuple[str, str], ...]:
    """Return the levels of rating ``method`` in the words of the path (quoter or offeror).

    A comparative evaluation has no levels: it returns an empty tuple, and
    :func:`comparison_method` says how responses are compared instead.
    """
    if method == "comparative":
        return ()
    return tuple((name, text.format(responder=responder)) for name, text in RATING_SCALES[method])


def comparison_method(response: str, responses: str) -> tuple[str, ...]:
    """Return how a comparative evaluation compares responses, in the words of the path."""
    return tuple(text.format(response=response, responses=responses) for text in COMPARISON)


def gate_levels(
    responder: str, response: str, solicitation: str, award: str
) -> tuple[tuple[str, str], ...]:
    """Return the pass and fail levels of a mandatory gate in the words of the path."""
    words = {
        "responder": responder, "response": response, "solicitation": solicitation,
        "award": award,
    }
    return tuple((name, text.format(**words)) for name, text in GATE_LEVELS)


def finding_terms(response: str) -> tuple[tuple[str, str], ...]:
    """Return the finding definitions in the words of the path (quotation or proposal)."""
    return tuple((name, text.format(response=response)) for name, text in FINDING_TERMS)


def past_performance_method(chosen: str | None, lpta: bool, gated: bool = False) -> str:
    """Return the past performance scale to use: the one chosen, else one that fits the basis.

    A tradeoff or comparative evaluation needs degrees of confidence to compare records;
    lowest price technically acceptable only needs to know whether a record is acceptable;
    a mandatory gate (``gated``) only needs to know whether the record passes.
    """
    if chosen is not None:
        return chosen
    if gated:
        return "pass_fail"
    return "acceptable" if lpta else "confidence"


def past_performance_scale(method: str, responder: str) -> tuple[tuple[str, str], ...]:
    """Return the levels of past performance scale ``method`` in the words of the path."""
    return tuple(
        (name, text.format(responder=responder))
        for name, text in PAST_PERFORMANCE_SCALES[method]
    )


def has_neutral_level(levels: tuple[tuple[str, str], ...]) -> bool:
    """Return True when one of ``levels`` is a neutral level."""
    return any(name.split()[0] == "Neutral" for name, _ in levels)
