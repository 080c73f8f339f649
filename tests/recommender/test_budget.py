"""Amount parsing used for budget slots and text."""

from __future__ import annotations

import pytest

from recommender.pipeline.budget import extract_budget, find_amounts, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("80", 80.0),
        ("$80", 80.0),
        ("80 dollars", 80.0),
        ("$1,299.99", 1299.99),
        ("1.2k", 1200.0),
        ("€ 49.5", 49.5),
        ("fifty", 50.0),
        ("two hundred", 200.0),
        ("twenty-five", 25.0),
        ("abc", None),
        ("", None),
        ("12 34", None),
        ("1,2,3", None),
    ],
)
def test_parse_amount(text: str, value: float | None) -> None:
    assert parse_amount(text) == value


def test_find_amounts_marks_money() -> None:
    words = ["under", "$", "50", "and", "13", "inch"]
    amounts = find_amounts(words, money_tokens=set())
    assert [(a.value, a.money) for a in amounts] == [(50.0, True), (13.0, False)]


def test_contradictory_bounds_are_swapped() -> None:
    res = extract_budget(["over", "200", "under", "100"], set(), 0.2)
    assert (res.budget_min, res.budget_max) == (100.0, 200.0)


def test_several_maxima_keep_the_tightest() -> None:
    res = extract_budget(["under", "100", ",", "ideally", "under", "80"], set(), 0.2)
    assert res.budget_max == 80.0
