"""Short answers: "any" and its everyday forms."""

from __future__ import annotations

import pytest

from genrec_core.answers import is_any


@pytest.mark.parametrize(
    "text",
    ["any", "Doesn't matter!", "the brand doesn't matter", "no preference", "not fussed",
     "i don't care about the color", "whatever", "surprise me", "um, any really"],
)  # fmt: skip
def test_declines(text: str) -> None:
    assert is_any(text)


@pytest.mark.parametrize(
    "text", ["sony", "under 100", "over-ear", "the black one", "", "anything under 50"]
)
def test_answers_that_are_not_any(text: str) -> None:
    assert not is_any(text)
