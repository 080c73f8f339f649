"""Local parsing of budgets, "any" answers, list positions and vocabulary matches."""

from __future__ import annotations

import html

import pytest

from actions.preferences import (
    ANY,
    is_any,
    match_vocabulary,
    parse_budget,
    parse_position,
    plausible_free_value,
    safe_quote,
)


@pytest.mark.parametrize(
    ("text", "low", "high", "label"),
    [
        ("under 50 bucks", None, 50.0, "under $50"),
        ("less than $30", None, 30.0, "under $30"),
        ("up to 1,200 dollars", None, 1200.0, "under $1,200"),
        ("max 80", None, 80.0, "under $80"),
        ("150 or less", None, 150.0, "under $150"),
        ("between 20 and 40 dollars", 20.0, 40.0, "between $20 and $40"),
        ("40-20", 20.0, 40.0, "between $20 and $40"),
        ("from 100 to 200", 100.0, 200.0, "between $100 and $200"),
        ("around $100", 80.0, 120.0, "around $100"),
        ("about fifty dollars", 40.0, 60.0, "around $50"),
        ("300ish", 240.0, 360.0, "around $300"),
        ("at least 200", 200.0, None, "over $200"),
        ("1.5k", None, 1500.0, "under $1,500"),
        ("100", None, 100.0, "under $100"),
        ("cheap", None, None, "cheap"),
        ("something high-end", None, None, "premium"),
        ("any", None, None, ANY),
        ("I don't care", None, None, ANY),
    ],
)
def test_parse_budget(text: str, low: float | None, high: float | None, label: str) -> None:
    budget = parse_budget(text)
    assert budget is not None
    assert (budget.budget_min, budget.budget_max, budget.label) == (low, high, label)


@pytest.mark.parametrize("text", ["", "Sony", "WH-1000XM5", "🙂🙂", "<b>bold</b>", "red"])
def test_parse_budget_finds_nothing(text: str) -> None:
    assert parse_budget(text) is None


@pytest.mark.parametrize(
    "text",
    ["any", "Any.", "no preference", "don't care", "I really don't mind", "doesn't matter",
     "no brand in mind", "anything is fine", "whatever", "no"],
)  # fmt: skip
def test_is_any(text: str) -> None:
    assert is_any(text)


@pytest.mark.parametrize("text", ["Sony", "any sony", "black", "not cheap", "under 50"])
def test_is_not_any(text: str) -> None:
    assert not is_any(text)


@pytest.mark.parametrize(
    ("text", "position"),
    [("the first one", 1), ("second", 2), ("#3", 3), ("number 2", 2), ("the 3rd one", 3),
     ("the last one", -1), ("2", 2), ("one", 1), ("the one from Sony", None),
     ("Sony nano 2", None), ("Bose QuietComfort 45", None)],
)  # fmt: skip
def test_parse_position(text: str, position: int | None) -> None:
    assert parse_position(text) == position


def test_match_vocabulary() -> None:
    categories = ["headphones", "laptops", "running-shoes"]
    synonyms = {"earbuds": "headphones", "sneakers": "running-shoes"}
    assert match_vocabulary("Headphone", categories) == "headphones"
    assert match_vocabulary("hedphones", categories) == "headphones"
    assert match_vocabulary("running shoes", categories) == "running-shoes"
    assert match_vocabulary("earbud", categories, synonyms) == "headphones"
    assert match_vocabulary("sony", ["Sony", "Bose"]) == "Sony"
    assert match_vocabulary("tractor", categories, synonyms) is None
    brands = ["Garmin", "HP", "On", "Sony", "Nothing"]
    assert match_vocabulary("Garmin watch", brands) == "Garmin"
    assert match_vocabulary("I'd go with hp I think", brands) == "HP"
    assert match_vocabulary("depends on the price", brands) is None  # not the brand On
    assert match_vocabulary("nothing specific, maybe Sony", brands) is None  # two names: ask


def test_plausible_free_value_and_safe_quote() -> None:
    assert plausible_free_value("long battery")
    assert plausible_free_value("черный")  # other scripts are words too
    assert not plausible_free_value("<script>alert(1)</script>")
    assert not plausible_free_value("🙂🙂🙂")
    assert not plausible_free_value("x " * 100)
    quoted = safe_quote("<img src=x onerror=alert(1)>\n" + "a" * 100)
    assert "<" not in quoted and "\n" not in quoted
    assert len(html.unescape(quoted)) <= 40
