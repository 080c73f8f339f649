"""Tokens and amounts of the budget grammar: spoken prices, money nouns, counted things."""

from __future__ import annotations

import pytest

from genrec_core.budget_amounts import (
    _spoken_price,
    counts_things,
    find_amounts,
    paired_min,
    tokenize,
)


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize(
    ("run", "value"),
    [
        (["one", "fifty"], 150.0),
        (["two", "ninety", "nine"], 299.0),
        (["nine", "ninety-five"], 995.0),
        (["nineteen", "ninety"], None),  # a year, not "19 hundred and 90"
        (["one", "hundred"], None),
        (["fifty"], None),
        (["two", "ninety-five", "five"], None),
    ],
)
def test_spoken_price(run: list[str], value: float | None) -> None:
    assert _spoken_price(run) == value


def test_money_nouns_are_money_amounts() -> None:
    (a,) = find_amounts(tokenize("under a tenner"))
    assert (a.value, a.money) == (10.0, True)
    assert [x.value for x in find_amounts(tokenize("a fiver"))] == [5.0]


@pytest.mark.parametrize(
    ("text", "after", "counted"),
    [
        ("over 20 miles", 2, True),
        ("at least 2 usb ports", 3, True),
        ("under 50 thanks", 2, False),
        ("80 tops", 1, False),
        ("50 bucks", 1, False),
        ("under 50 for mugs", 2, False),  # "for" is grammar, no modifier
    ],
)
def test_counts_things(text: str, after: int, counted: bool) -> None:
    assert counts_things(_words(text), after) is counted


def test_paired_min_needs_a_max_and_a_clause_end() -> None:
    assert paired_min(_words("50 min, 80 max"), 1)
    assert not paired_min(_words("50 min, 80"), 1)
    assert not paired_min(_words("a 30 min walk, 80 max"), 2)
