"""Building blocks shared by every part of the answers model."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

__all__ = [
    "ZIP_YEARS", "Ask", "Id", "Money", "Section", "Text", "TextList", "check_zip_date",
]


@dataclass(frozen=True)
class Ask:
    """The words people read about a field, kept with the field as its ``json_schema_extra``.

    The interview asks ``question`` and shows ``note`` (the guidance's words) under it;
    ``item`` names one item of a list ("need"); a top-level section has the ``title`` the
    interview shows and the ``intro`` that `cxacq init` writes above it; ``labels`` names
    the table of plain words for each choice (``cxacq.documents.context.LABELS``); ``offered``
    is the usual rule the interview shows to keep, change or clear where the model has no
    default, so that the documents say nothing when a rule is left out (a list is a tuple of
    its items). Pydantic calls it while building the JSON Schema, and it leaves the schema as
    it is: these words are for people answering, not for editors.
    """

    question: str | None = None
    note: str | None = None
    item: str | None = None
    title: str | None = None
    intro: str | None = None
    labels: str | None = None
    offered: str | bool | tuple[str, ...] | None = None

    def __call__(self, schema: dict[str, Any]) -> None:
        """Leave the JSON Schema unchanged."""


class Section(BaseModel):
    """Base of every section: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=True,
        use_attribute_docstrings=False,
    )


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
"""Text that must say something."""

TextList = Annotated[list[Text], Field(default_factory=list)]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            "must be a short name of lowercase letters, digits and hyphens, "
            "e.g. 'time-to-decision'"
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
"""A short identifier used to link parts of the answers to each other."""

_MONEY_NOISE = re.compile(r"[\s,$]|USD", re.IGNORECASE)


def _parse_money(value: Any) -> Any:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, str):
        cleaned = _MONEY_NOISE.sub("", value)
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(
                "must be an amount in dollars, e.g. 1250000 or \"$1,250,000\""
            ) from None
        if not amount.is_finite() or amount < 0:
            raise ValueError("must be a positive amount in dollars")
        return amount.quantize(Decimal("0.01")) if amount != amount.to_integral() else amount
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    Field(ge=0, max_digits=15, decimal_places=2),
    # The schema accepts what _parse_money does: 1250000, "$1,250,000", "1250000 USD".
    WithJsonSchema({"type": ["number", "string"], "minimum": 0,
                    "pattern": r"^[\s$,.0-9+eEuUsSdD-]*[0-9][\s$,.0-9+eEuUsSdD-]*$"}),
]
"""An amount in dollars; "$1,250,000" and 1250000 both work."""


ZIP_YEARS = (1980, 2107)
"""The years a zip archive (and so a Word file) can date its parts in."""


def check_zip_date(value: dt.date) -> dt.date:
    """Refuse a date a Word file cannot carry (its zip timestamps cover 1980 to 2107)."""
    first, last = ZIP_YEARS
    if not first <= value.year <= last:
        raise ValueError(
            f"must be a year from {first} to {last}: a Word file cannot hold dates outside "
            "those years"
        )
    return value
