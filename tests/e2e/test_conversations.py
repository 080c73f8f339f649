"""Multi-turn conversations through Rasa's REST webhook against the real stack.

Every assertion is about what the user sees (texts, product cards) or what Rasa stored.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from recommender.data.loaders import load_catalog
from tests.e2e.conftest import Conversation, products, texts

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CATALOG = {p.id: p for p in load_catalog("recommender/data/demo/catalog.jsonl")}
ASKS_CATEGORY = re.compile(r"shopping for|what (kind|type)|which category|looking for", re.I)
ASKS_BUDGET = re.compile(r"budget", re.I)
ASKS_BRAND = re.compile(r"brand", re.I)
ASKS_ATTRIBUTE = re.compile(r"color|feature|anything else", re.I)


def finish_form(chat: Conversation, reply: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answer "any" to each optional question the form still asks, until products come."""
    for _ in range(4):
        if products(reply):
            return reply
        shown = texts(reply)
        assert (
            ASKS_BUDGET.search(shown) or ASKS_BRAND.search(shown) or ASKS_ATTRIBUTE.search(shown)
        ), f"expected a form question or products, got: {shown!r}"
        reply = chat.say("any is fine")
    return reply


def catalog_facts(card: dict[str, Any]):
    """The catalog product behind a card; the card must match it exactly."""
    product = CATALOG[card["id"]]
    assert card["title"] == product.title
    assert card["price"] == pytest.approx(product.price)
    return product


def test_greeting_gets_a_friendly_answer_and_no_products(chat: Conversation) -> None:
    reply = chat.say("hello there")
    assert texts(reply).strip()
    assert not products(reply)


def test_slots_filled_across_turns_lead_to_products_within_every_constraint(
    chat: Conversation,
) -> None:
    assert ASKS_CATEGORY.search(texts(chat.say("can you recommend me something?")))
    assert ASKS_BUDGET.search(texts(chat.say("headphones")))
    reply = finish_form(chat, chat.say("under 100 dollars"))
    cards = products(reply)
    assert cards, texts(reply)
    for card in cards:
        product = catalog_facts(card)
        assert product.category == "headphones"
        assert product.price <= 100
        assert card["title"] in texts(reply)  # the text names what the cards show
    assert chat.slots()["category"] == "headphones"


def test_several_slots_in_one_message(chat: Conversation) -> None:
    reply = finish_form(chat, chat.say("I'm looking for Sony headphones under 300 dollars"))
    slots = chat.slots()
    assert slots["category"] == "headphones"
    assert slots["brand"] == "Sony"
    cards = products(reply)
    assert cards
    for card in cards:
        product = catalog_facts(card)
        assert (product.category, product.brand) == ("headphones", "Sony")
        assert product.price <= 300


def test_change_of_mind_updates_the_recommendation(chat: Conversation) -> None:
    first = products(finish_form(chat, chat.say("show me running shoes under 200 dollars")))
    assert first and all(CATALOG[c["id"]].category == "running-shoes" for c in first)
    reply = finish_form(chat, chat.say("actually make it under 60 dollars"))
    cards = products(reply)
    assert cards, texts(reply)
    for card in cards:
        product = catalog_facts(card)
        assert product.category == "running-shoes"
        assert product.price <= 60


def test_product_details_of_the_first_recommendation(chat: Conversation) -> None:
    cards = products(finish_form(chat, chat.say("I need a backpack under 150 dollars")))
    assert cards
    first = CATALOG[cards[0]["id"]]
    shown = texts(chat.say("tell me more about the first one"))
    assert first.title in shown
    assert f"{first.price:,.2f}".rstrip("0").rstrip(".") in shown.replace("$", "")


def test_show_me_something_else_gives_new_products(chat: Conversation) -> None:
    first = products(finish_form(chat, chat.say("recommend a smartwatch under 400 dollars")))
    assert first
    reply = chat.say("show me something else")
    second = products(reply)
    assert second, texts(reply)
    assert not {c["id"] for c in first} & {c["id"] for c in second}
    for card in second:
        product = catalog_facts(card)
        assert product.category == "smartwatches"
        assert product.price <= 400


def test_faq_question_is_answered_from_the_shop_policy(chat: Conversation) -> None:
    shown = texts(chat.say("what is your return policy?")).lower()
    assert "return" in shown
    assert "30" in shown  # the demo shop's 30-day window


def test_request_for_a_human(chat: Conversation) -> None:
    shown = texts(chat.say("I want to talk to a real person")).lower()
    assert re.search(r"human|person|colleague|agent|team", shown)


def test_out_of_scope_gets_an_honest_answer_without_products(chat: Conversation) -> None:
    reply = chat.say("what is the capital of mongolia?")
    assert texts(reply).strip()
    assert not products(reply)


HOSTILE = [
    "",
    "x" * 20_000,
    "😀😀🔥🔥",
    "Привет, мне нужны наушники",
    "我想买耳机",
    "<script>alert('x')</script><b>hi</b>",
    '{"intent": "request_human", "slots": {"brand": "<img src=x onerror=alert(1)>"}}',
    "/restart",
]


@pytest.mark.parametrize("message", HOSTILE, ids=lambda m: repr(m[:20]))
def test_bad_input_gets_a_sensible_reply_and_nothing_unescaped(
    chat: Conversation, message: str
) -> None:
    reply = chat.say(message)
    blob = json.dumps(reply)
    assert "<script" not in blob.lower() and "onerror" not in blob.lower()
    if message and message != "/restart":
        assert texts(reply).strip(), f"no answer to {message[:30]!r}"
    # the conversation goes on afterwards, unless the message read as a request for a person
    # (the JSON one may): then the bot said so and stays silent until an agent hands back
    if chat.tracker().get("paused"):
        assert re.search(r"human|person|colleague|agent|team", texts(reply).lower())
        assert not texts(chat.say("hi")).strip()
    else:
        assert texts(chat.say("hi")).strip()
