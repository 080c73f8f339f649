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


def question(reply: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]]]:
    """The refining question of a turn: its text and its quick replies."""
    for message in reply:
        buttons = message.get("buttons") or []
        if buttons and any(b["payload"].startswith("/inform") for b in buttons):
            return message.get("text", ""), buttons
    return "", []


def catalog_facts(card: dict[str, Any]):
    """The catalog product behind a card; the card must match it exactly."""
    product = CATALOG[card["id"]]
    assert card["title"] == product.title
    assert card["price"] == pytest.approx(product.price)
    return product


def test_greeting_says_what_the_shop_has_and_shows_no_products(chat: Conversation) -> None:
    reply = chat.say("hello there")
    shown = texts(reply)
    labels = {p.category.replace("-", " ") for p in CATALOG.values()}
    named = [label for label in labels if label in shown]
    assert len(named) >= 4, shown  # categories of the loaded catalog, not a fixed list
    assert not products(reply)


def test_a_widget_opening_the_chat_gets_the_welcome(chat: Conversation) -> None:
    shown = texts(chat.say("/get_started"))
    assert "I'm the shop's assistant" in shown and "don't know" not in shown


def test_a_category_gets_products_at_once_and_one_question(chat: Conversation) -> None:
    reply = chat.say("I need wireless headphones under 100 dollars")
    cards = products(reply)
    assert cards, texts(reply)
    for card in cards:
        product = catalog_facts(card)
        assert product.category == "headphones" and product.price <= 100
        assert product.attributes.get("wireless") == "yes"
    text, buttons = question(reply)
    assert text and len(buttons) >= 2  # one refining question with quick replies
    assert chat.slots()["category"] == "headphones"


def test_a_vague_request_asks_what_for_with_catalog_buttons(chat: Conversation) -> None:
    reply = chat.say("can you recommend me something?")
    assert not products(reply)
    text, buttons = question(reply)
    assert ASKS_CATEGORY.search(text), text
    assert '/inform{"category": "headphones"}' in [b["payload"] for b in buttons]
    cards = products(chat.say(next(b["payload"] for b in buttons if "laptops" in b["payload"])))
    assert cards and {catalog_facts(c).category for c in cards} == {"laptops"}


@pytest.mark.parametrize(
    ("message", "category", "low", "high"),
    [
        ("i'm shopping for headphones, nothing over 190 dollars", "headphones", None, 190),
        ("a laptop, but I don't want to spend more than 600", "laptops", None, 600),
        ("running shoes, not under 120 please", "running-shoes", 120, None),
        ("a camera for less than fifty bucks", "cameras", None, 50),
    ],
)
def test_budgets_in_everyday_words_are_kept(
    chat: Conversation, message: str, category: str, low: float | None, high: float | None
) -> None:
    reply = chat.say(message)
    cards = products(reply)
    assert cards, texts(reply)
    relaxed = "closest" in texts(reply).lower() or "nothing" in texts(reply).lower()
    for card in cards:
        product = catalog_facts(card)
        assert product.category == category
        if not relaxed:
            assert low is None or product.price >= low
            assert high is None or product.price <= high


@pytest.mark.parametrize(
    ("message", "categories"),
    [
        ("something for my morning runs", {"running-shoes"}),
        ("i need a computer for university", {"laptops"}),
        ("i want to start vlogging", {"cameras"}),
        ("a present for my sister who loves music", {"headphones"}),
    ],
)
def test_uses_and_recipients_reach_products(
    chat: Conversation, message: str, categories: set[str]
) -> None:
    reply = chat.say(message)
    shown = {catalog_facts(c).category for c in products(reply)}
    assert shown & categories, texts(reply)
    assert "person" not in texts(reply).lower()  # a product need never goes to a person


def test_cheap_is_no_number_the_shopper_said(chat: Conversation) -> None:
    reply = chat.say("a cheap smartwatch for my kid")
    cards = products(reply)
    assert cards and all(catalog_facts(c).category == "smartwatches" for c in cards)
    assert not re.search(r"you (mentioned|said|asked for) an? \$", texts(reply), re.I)
    assert chat.slots()["genrec_price_tier"] == "low" and chat.slots()["genrec_budget_max"] is None


def test_a_quick_reply_narrows_the_list(chat: Conversation) -> None:
    reply = chat.say("show me running shoes")
    _, buttons = question(reply)
    choice = next(b for b in buttons if '"any"' not in b["payload"])
    narrowed = products(chat.say(choice["payload"]))
    assert narrowed
    entity, value = next(iter(json.loads(choice["payload"][len("/inform") :]).items()))
    for card in narrowed:
        product = catalog_facts(card)
        if entity == "brand":
            assert product.brand == value
        elif entity == "attribute":
            name, _, wanted = value.partition("=")
            assert wanted in product.attributes[name].lower()
    again, _ = question(chat.say("doesn't matter"))
    assert not again or again != question(reply)[0]  # never the same question twice


def test_change_of_mind_updates_the_recommendation(chat: Conversation) -> None:
    first = products(chat.say("show me running shoes under 200 dollars"))
    assert first and all(CATALOG[c["id"]].category == "running-shoes" for c in first)
    reply = chat.say("actually make it under 60 dollars")
    cards = products(reply)
    assert cards, texts(reply)
    for card in cards:
        product = catalog_facts(card)
        assert product.category == "running-shoes"
        assert product.price <= 60


def test_product_details_of_the_first_recommendation(chat: Conversation) -> None:
    cards = products(chat.say("I need a backpack under 150 dollars"))
    assert cards
    first = CATALOG[cards[0]["id"]]
    shown = texts(chat.say("tell me more about the first one"))
    assert first.title in shown
    assert f"{first.price:,.2f}".rstrip("0").rstrip(".") in shown.replace("$", "")


def test_show_me_something_else_gives_new_products(chat: Conversation) -> None:
    first = products(chat.say("recommend a smartwatch under 400 dollars"))
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


def test_faq_in_other_words_reaches_the_right_help_text(chat: Conversation) -> None:
    shown = texts(chat.say("can i get my money back after 20 days?")).lower()
    assert "return" in shown and "warranty" not in shown


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("the fitness tracker i got from you won't turn on", "warranty"),
        ("my headphones stopped working after a month", "warranty"),
        ("i want to return something", "return"),
    ],
)
def test_a_problem_with_a_purchase_gets_help_not_products(
    chat: Conversation, message: str, topic: str
) -> None:
    reply = chat.say(message)
    assert not products(reply)
    assert topic in texts(reply).lower()


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("if i buy the sony headphones today when do they arrive", "ship"),
        ("do you take visa debit for phones", "visa"),
        ("waranty on headphones", "warrant"),
    ],
)
def test_a_help_question_that_names_a_product_gets_help(
    chat: Conversation, message: str, topic: str
) -> None:
    reply = chat.say(message)
    assert not products(reply)
    assert topic in texts(reply).lower()


def test_an_answer_the_nlu_reads_as_praise_answers_the_question(chat: Conversation) -> None:
    # "the max one" after "Which cushioning would you like?" was taken as praise for a product
    _, buttons = question(chat.say("something for jogging in the woods"))
    name, _, value = next(
        json.loads(b["payload"][len("/inform") :])["attribute"].partition("=")
        for b in buttons
        if '"attribute"' in b["payload"] and '"any"' not in b["payload"]
    )
    answered = products(chat.say(f"the {value} one"))
    assert answered
    assert all(catalog_facts(c).attributes.get(name, "").lower() == value for c in answered)


def test_a_broken_product_to_replace_gets_products(chat: Conversation) -> None:
    assert products(chat.say("my headphones broke, i need a new pair under 100"))


def test_request_for_a_human(chat: Conversation) -> None:
    shown = texts(chat.say("I want to talk to a real person")).lower()
    assert re.search(r"human|person|colleague|agent|team", shown)


@pytest.mark.parametrize(
    "message",
    ["what was the score of the football match yesterday?", "what is the capital of mongolia?"],
)
def test_out_of_scope_is_admitted_without_products_or_a_person(
    chat: Conversation, message: str
) -> None:
    reply = chat.say(message)
    shown = texts(reply)
    assert "not something I can help with" in shown and "I can help you find" in shown
    assert not products(reply)
    assert "person" not in shown.lower() and not chat.tracker().get("paused")


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
