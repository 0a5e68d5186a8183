"""Table column widths from the content, for the DOCX writer's fixed-layout tables.

Word and LibreOffice size an "autofit" table differently, and both give a column
of short values (ranks, yes/no, dates, amounts, ratings) as much room as a column
of prose. A fixed layout with widths computed here looks the same in both: the
CSS automatic table layout, with character counts standing in for measured text.
"""

from __future__ import annotations

import re

from cxacq.documents.doctree import Inline, Link, Table, WriteIn, plain_text

__all__ = ["column_widths", "is_amount"]

CHAR = 115  # twips per character of 11 pt body text, a little over Calibri's average
BOLD_CHAR = 125  # header cells are bold
PADDING = 216 + 60  # the cell's left and right margins, and some slack
WRITE_IN_MIN = 2880  # two inches to write in by hand (one inch for a one-line field)
_AMOUNT = re.compile(r"[-−]?\$\d{1,3}(?:,\d{3})*(?:\.\d+)?(?: ?[KMB])?")


def is_amount(text: str) -> bool:
    """Return True for a dollar amount such as ``$1,200,000``."""
    return bool(_AMOUNT.fullmatch(text.strip()))


def _tokens(cell: tuple[Inline, ...]) -> list[str]:
    """Return the unbreakable pieces of a cell: words, and whole addresses."""
    pieces: list[str] = []
    for node in cell:
        if isinstance(node, Link):
            pieces.append(plain_text(node.children))
        elif not isinstance(node, WriteIn):
            pieces.extend(plain_text((node,)).split())
    return pieces


def _needs(cell: tuple[Inline, ...], char: int) -> tuple[int, int]:
    """Return (narrowest, widest) useful width of one cell, in twips."""
    write_in = next((node for node in cell if isinstance(node, WriteIn)), None)
    if write_in is not None:
        # A one-line field (a date) needs half the room of a signature; only a field for
        # notes (three lines or more) asks for more than its minimum.
        narrow = WRITE_IN_MIN if write_in.lines > 1 else WRITE_IN_MIN // 2
        return narrow, 2 * narrow if write_in.lines > 2 else narrow
    tokens = _tokens(cell)
    longest = max((len(t) for t in tokens), default=1)
    whole = len(" ".join(tokens))
    return longest * char + PADDING, whole * char + PADDING


def column_widths(table: Table, total: int) -> list[int]:
    """Share ``total`` twips among the table's columns by what they hold.

    A column is never narrower than its longest word or address (so nothing
    breaks mid-word while the table fits the page); the room left goes to the
    columns in proportion to how much more they could use, so prose gets the
    width and short values stay narrow. Widths are whole twips adding up to
    ``total``.
    """
    cols = len(table.header)
    low = [0] * cols
    high = [0] * cols
    for index, row in enumerate((table.header, *table.rows)):
        char = BOLD_CHAR if index == 0 else CHAR
        for col, cell in enumerate(row[:cols]):
            narrow, wide = _needs(cell, char)
            low[col] = max(low[col], narrow)
            high[col] = max(high[col], wide)
    if sum(low) >= total:  # too many long words: shrink the minimums to fit
        widths = [total * w / sum(low) for w in low]
    elif sum(high) <= total:  # everything fits on one line: spread the rest evenly
        widths = [h + (total - sum(high)) * h / sum(high) for h in high]
    else:
        spare = total - sum(low)
        wants = [h - lo for h, lo in zip(high, low, strict=True)]
        widths = [lo + spare * w / sum(wants) for lo, w in zip(low, wants, strict=True)]
    rounded = [int(w) for w in widths]
    rounded[-1] += total - sum(rounded)
    return rounded
