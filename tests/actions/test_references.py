"""Which shown product the shopper means."""

from __future__ import annotations

import pytest

from actions.references import parse_position


@pytest.mark.parametrize(
    ("text", "position"),
    [("the first one", 1), ("second", 2), ("#3", 3), ("number 2", 2), ("the 3rd one", 3),
     ("the last one", -1), ("2", 2), ("one", 1), ("the one from Sony", None),
     ("Sony nano 2", None), ("Bose QuietComfort 45", None), ("the secnd one", 2),
     ("battery last", None)],
)  # fmt: skip
def test_parse_position(text: str, position: int | None) -> None:
    assert parse_position(text) == position
