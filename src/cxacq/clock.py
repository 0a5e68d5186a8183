"""The one clock: dates that enter the output never come from the wall clock.

``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention)
wins when set; otherwise the answers file's ``document.date`` at midnight UTC.
"""

from __future__ import annotations

import datetime as dt
import os

from cxacq.errors import OptionError

__all__ = ["document_timestamp"]


def document_timestamp(document_date: dt.date) -> dt.datetime:
    """Return the timestamp for core properties and zip entries.

    Raises:
        OptionError: ``SOURCE_DATE_EPOCH`` is set but is not a whole number of seconds.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            seconds = int(raw)
        except ValueError:
            raise OptionError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}",
                path="SOURCE_DATE_EPOCH",
            ) from None
        return dt.datetime.fromtimestamp(max(seconds, 315_532_800), tz=dt.UTC)
    return dt.datetime.combine(document_date, dt.time(0, 0), tzinfo=dt.UTC)
