"""Paragraphs the templates mean to make are made.

With ``trim_blocks``, a template line that ends in a block tag loses its newline, so a blank
line after it gives one newline, not two, and the next paragraph runs on into this one.
Read as a contracting officer would, the USCIS acquisition strategy printed accessibility,
privacy, the Paperwork Reduction Act and security as one 1,500-character paragraph.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, render_example
from helpers import doc_file

USCIS = EXAMPLES / "uscis-work-authorization.yaml"

# Each of these starts a paragraph of its own in the USCIS acquisition strategy.
STARTS = (
    "Accessibility (",
    "Privacy: ",
    "Paperwork Reduction Act: ",
    "Security: ",
    "Pilots the program expects to choose from the research:",
)


@pytest.fixture(scope="module")
def strategy() -> list[str]:
    text = render_example(USCIS, ("markdown",))[doc_file("acquisition-strategy", "md")]
    return text.decode("utf-8").split("\n\n")


@pytest.mark.parametrize("start", STARTS)
def test_each_topic_is_a_paragraph_of_its_own(strategy: list[str], start: str) -> None:
    assert [p for p in strategy if p.startswith(start)], start
    assert not [p for p in strategy if start in p and not p.startswith(start)], start


def test_the_briefings_purpose_is_not_a_bare_command(strategy: list[str]) -> None:
    # The answers give the purpose as a command ("Share research insights, …"); printed
    # after "briefings to …" it read as an order to the reader.
    (paragraph,) = [p for p in strategy if "briefings to" in p]
    assert "Purpose of the briefings: Share research insights" in paragraph
