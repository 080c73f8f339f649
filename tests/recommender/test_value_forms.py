"""General English forms of attribute values and names."""

from __future__ import annotations

import pytest

from recommender.pipeline.value_forms import compact, respell, stem, stem_key, variants


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cancelling", "cancel"),
        ("canceling", "cancel"),
        ("cancellation", "cancel"),
        ("wheeled", "wheel"),
        ("wheels", "wheel"),
        ("cushioning", "cushion"),
        ("speed", "speed"),
        ("gps", "gps"),
        ("glass", "glass"),
        ("instantly", "instant"),
        ("only", "only"),  # too short to lose "ly"
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_stem_key_compact_and_respell() -> None:
    assert stem_key("noise cancellation") == stem_key("noise canceling")
    assert compact("over ear") == "overear"
    assert compact("ear") == ""
    assert respell("space gray") == "space grey"
    assert respell("black") == ""


def test_variants() -> None:
    assert "gray" in variants("grey")
    assert {"xl", "extra large"} <= set(variants("x large"))
    assert "over the ear" in variants("over ear")
    assert {"mens", "man"} <= set(variants("men"))
    assert "ladies" in variants("women")
    assert variants("black") == []
    assert {"chef knife", "chefs knife"} <= set(variants("chef 's knife"))  # as tokenized
    assert "wooden" in variants("wood")
    assert {"outdoors", "outside"} <= set(variants("outdoor"))
