"""Short answers: "any" and its everyday forms."""

from __future__ import annotations

import pytest

from genrec_core.answers import apply_answer, asks_for_products, asks_something, is_any
from genrec_core.wire import Preferences


@pytest.mark.parametrize(
    "text",
    ["any", "Doesn't matter!", "the brand doesn't matter", "no preference", "not fussed",
     "i don't care about the color", "whatever", "surprise me", "um, any really",
     "idk, you pick", "no strong feelings either way", "dunno, your call",
     "not really bothered about wireless"],
)  # fmt: skip
def test_declines(text: str) -> None:
    assert is_any(text)


@pytest.mark.parametrize(
    "text",
    ["sony", "under 100", "over-ear", "the black one", "", "anything under 50", "idk, sony"],
)
def test_answers_that_are_not_any(text: str) -> None:
    assert not is_any(text)


def test_the_first_category_keeps_the_budget_said_before() -> None:
    mixed = Preferences(budget_min=40, budget_max=60, attributes={"color": "teal"})
    picked = apply_answer(mixed, "category", "running-shoes")
    assert (picked.category, picked.budget_min, picked.budget_max) == ("running-shoes", 40, 60)
    assert picked.attributes == {}


def test_another_category_starts_over() -> None:
    shoes = Preferences(category="running-shoes", budget_max=60, brand="Asics")
    assert apply_answer(shoes, "category", "backpacks") == Preferences(category="backpacks")


@pytest.mark.parametrize(
    ("text", "asks"),
    [("can i get my money back after 20 days", True), ("do you ship to canada", True),
     ("what is your return policy", True), ("is shipping free?", True),
     ("I'd like a duvet cover", False), ("a kettle under 60 dollars", False),
     ("size 11 or 11.5? always confused", True), ("got wide feet, what width should i pick", True),
     ("I have wide feet, will your running shoes work for me", True),
     ("I was wondering if you keep my searches", True), ("headphones, the cheaper the better", False),
     ("sony, the black one", False)],
)  # fmt: skip
def test_asks_something(text: str, asks: bool) -> None:
    assert asks_something(text) is asks


@pytest.mark.parametrize(
    ("text", "wants"),
    [("do you have scented candles?", True), ("got any mugs?", True),
     ("which laptop would you recommend?", True), ("are there any cheap kettles?", True),
     ("can i see your asics", True), ("could you please show me some kettles", True),
     ("tell me a joke about headphones", False), ("how do i clean my headphones", False),
     ("is there a warranty on laptops?", False), ("do you ship to canada?", False),
     ("what's good for coding on the go", True), ("what should i get for long flights", True),
     ("what is the best way to clean suede", False), ("which laptop is best for university?", True),
     ("which size is best for me", False), ("whats good for a coding bootcamp", True),
     ("what would help me write my thesis", True)],
)  # fmt: skip
def test_asks_for_products(text: str, wants: bool) -> None:
    assert asks_for_products(text) is wants
