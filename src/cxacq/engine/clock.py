"""The one clock: dates that enter the output never come from the wall clock.

``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention)
wins when set; otherwise the answers file's ``document.date`` at midnight UTC.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

from cxacq.answers.loader import excerpt
from cxacq.errors import OptionError

__all__ = ["document_timestamp", "run_clock"]

_ZIP_FIRST = 315_532_800  # 1980-01-01T00:00:00Z
_ZIP_LAST = 4_354_819_198  # 2107-12-31T23:59:58Z: zip times count even seconds


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
                f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{excerpt(raw)}'",
                path="SOURCE_DATE_EPOCH",
            ) from None
        if seconds > _ZIP_LAST:
            raise OptionError(
                f"SOURCE_DATE_EPOCH is {excerpt(raw)}, after 2107: a Word file (a zip archive) "
                f"cannot hold dates after 2107-12-31, which is {_ZIP_LAST} seconds",
                path="SOURCE_DATE_EPOCH",
            )
        # Before 1980 (the zip format's first year) the time is raised to 1980-01-01.
        return dt.datetime.fromtimestamp(max(seconds, _ZIP_FIRST), tz=dt.UTC)
    return _midnight(document_date)


def _midnight(document_date: dt.date) -> dt.datetime:
    return dt.datetime.combine(document_date, dt.time(0, 0), tzinfo=dt.UTC)


def run_clock() -> Callable[[dt.date], dt.datetime]:
    """Read ``SOURCE_DATE_EPOCH`` once and return the run's document date → timestamp.

    Every package of a run then gets its timestamp as :func:`document_timestamp`
    would give it, without reading the environment again.

    Raises:
        OptionError: ``SOURCE_DATE_EPOCH`` is set but is not a whole number of seconds.
    """
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return _midnight
    fixed = document_timestamp(dt.date(2000, 1, 1))
    return lambda _document_date: fixed
