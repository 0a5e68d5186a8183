"""Rating scales with every level defined, and the definitions of findings.

The texts use ``{responder}`` (quoter or offeror) and ``{response}`` (quotation or
proposal) so each procurement path reads in its own words; :func:`rating_scale` and
:func:`finding_terms` fill them in.
"""

from __future__ import annotations

__all__ = ["FINDING_TERMS", "PRICE_NOTE", "RATING_SCALES", "finding_terms", "rating_scale"]

RATING_SCALES: dict[str, tuple[tuple[str, str], ...]] = {
    "adjectival": (
        ("Outstanding", "The response shows an exceptional approach and understanding of the "
         "requirement and contains multiple strengths; the risk of unsuccessful performance is "
         "very low."),
        ("Good", "The response shows a thorough approach and understanding of the requirement and "
         "contains at least one strength; the risk of unsuccessful performance is low."),
        ("Acceptable", "The response shows an adequate approach and understanding of the "
         "requirement; strengths and weaknesses offset each other or have little effect; the risk "
         "of unsuccessful performance is no worse than moderate."),
        ("Marginal", "The response has not shown an adequate approach and understanding of the "
         "requirement; the risk of unsuccessful performance is high."),
        ("Unacceptable", "The response does not meet the requirement and contains one or more "
         "deficiencies; it cannot be awarded without a major revision."),
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


def rating_scale(method: str, responder: str) -> tuple[tuple[str, str], ...]:
    """Return the levels of rating ``method`` in the words of the path (quoter or offeror)."""
    return tuple((name, text.format(responder=responder)) for name, text in RATING_SCALES[method])


def finding_terms(response: str) -> tuple[tuple[str, str], ...]:
    """Return the finding definitions in the words of the path (quotation or proposal)."""
    return tuple((name, text.format(response=response)) for name, text in FINDING_TERMS)
