"""Help questions the NLU files elsewhere: support reports and topic agreement."""

from __future__ import annotations

import pytest
from builders import make_tracker

from actions.help_topics import (
    about_the_shop,
    agreed_response,
    agreed_topic,
    asks_for_help,
    kb_or_agreed,
    may_ask_for_help,
    reports_support_issue,
    selected_topic,
    worded_topic,
)
from genrec_core.wire import FaqReply


@pytest.mark.parametrize(
    "text",
    [
        "i want to return something",
        "my laptop is faulty",
        "the speaker arrived broken",
        "my headphones won't charge any more",
        "Which size fits a 10 year old?",
        "where is my parcel",
        "i was charged twice",
        "how do i unsubscribe from your emails",
        "can i cancel my order",
        "the fitness tracker i got from you won't turn on",
        "my backpack strap ripped, can you fix it",
        "i still haven't received the speaker i ordered",
        "coffee machine leaking after a few weeks, what now",
        "the tracking hasn't updated in 4 days",
        "there's a charge from your shop on my statement i don't recognise",
        "who do i contact if the coffee machine breaks",
        "my watch stopped charging after 8 months, is that covered",
        "i want to file a complaint",
        "how can i get in touch with you",
        "my phone screen is dead after 2 months",
        "the camera I ordered says out of stock, when is it coming back",
        "women's size 8 is what in men's",
    ],
)
def test_after_sales_messages_are_support_reports(text: str) -> None:
    assert reports_support_issue(text)


@pytest.mark.parametrize(
    "text",
    [
        "noise cancelling headphones under 200",
        "a fitness watch with sleep tracking",
        "something to track my swims",
        "i want to track my sleep and steps",
        "a laptop with a long warranty",
        "my kettle broke, i need a new one",
        "my old phone is broken, looking for a replacement",
        "running shoes for my morning runs",
        "a leak-proof water bottle",
        "loose fit running shorts",
        "a laptop that breaks the bank",
        "womens trail shoes size 8",
        "headphones that stay connected to my laptop",
        "a watch to keep in touch with my kids",
        "my phone died, i need a new one",
        "i bought a camera last year and want a second lens",
        "",
    ],
)
def test_product_needs_are_not_support_reports(text: str) -> None:
    assert not reports_support_issue(text)


def _answer(topic: str | None, answered: bool = False) -> FaqReply:
    return FaqReply(answer=None, source=None, confidence=0.3, answered=answered, topic=topic)


def test_topics_agree_across_spellings() -> None:
    tracker = make_tracker("what happened to my order", intent="nlu_fallback",
                           help_topic=("order_status", 0.9))  # fmt: skip
    assert selected_topic(tracker) == ("order_status", 0.9)
    assert agreed_response(tracker, _answer("order-status")) == "utter_ask_faq/order_status"


def test_disagreement_or_an_unsure_selector_gives_nothing() -> None:
    unsure = make_tracker("hm", intent="nlu_fallback", help_topic=("privacy", 0.3))
    sure = make_tracker("hm", intent="nlu_fallback", help_topic=("privacy", 0.95))
    assert agreed_response(unsure, _answer("privacy")) is None
    assert agreed_response(sure, _answer("shipping")) is None
    assert agreed_response(sure, _answer(None)) is None
    assert agreed_response(sure, None) is None
    assert agreed_response(make_tracker("hm"), _answer("privacy")) is None  # no selector


def test_about_the_shop() -> None:
    assert about_the_shop("hello, what personal info do you keep about me?")
    assert about_the_shop("is the shop open on sundays")
    assert not about_the_shop("what can I use for zoom calls all day at work?")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("if i buy the sony headphones today when do they arrive", "shipping"),
        ("do you take visa debit for phones", "payment"),
        ("is there a student discount on laptops", "payment"),
        ("do you price match", "payment"),
        ("i ordered headphones on monday where are they", "order_status"),
        ("the screen has dead pixels, will you fix it", "warranty"),
        ("waranty on headphones", "warranty"),
        ("shiping time to germany", "shipping"),
        ("how do i unsubscribe from your emails", "privacy"),
    ],
)
def test_help_words_name_their_topic(text: str, topic: str) -> None:
    assert worded_topic(text) == topic


@pytest.mark.parametrize(
    "text",
    ["shopping for headphones", "a phone on a cheap contract", "new arrivals in laptops",
     "i bought a camera last year and want a second lens", "noise cancelling headphones"],
)  # fmt: skip
def test_product_words_name_no_help_topic(text: str) -> None:
    assert worded_topic(text) is None


def test_questions_on_a_help_topic_ask_for_help_but_product_questions_do_not() -> None:
    assert asks_for_help("do you take visa debit for phones")
    assert asks_for_help("if i buy the sony headphones today when do they arrive")
    assert not asks_for_help("do you have laptops with a long warranty?")
    assert not asks_for_help("a laptop with a 3 year warranty")
    assert not asks_for_help("headphones with free shipping")


def test_two_of_three_readers_name_the_topic() -> None:
    sure = make_tracker("can i use a gift card", intent="ask_faq", help_topic=("payment", 0.95))
    gift_receipt = FaqReply(answer="A gift receipt...", source="s", confidence=0.87,
                            answered=True, topic="returns")  # fmt: skip
    # the knowledge base is sure, but the NLU and the words say payment: the payment answer
    assert kb_or_agreed(sure, gift_receipt, "can i use a gift card") == (
        None, "utter_ask_faq/payment"
    )  # fmt: skip
    # without the words the knowledge base's passage stands
    assert kb_or_agreed(sure, gift_receipt)[0] is not None
    unsure = make_tracker("waranty on headphones", intent="ask_faq",
                          help_topic=("warranty", 0.3))  # fmt: skip
    assert agreed_topic(unsure, _answer("returns"), "waranty on headphones") is None
    assert agreed_topic(unsure, _answer("warranty"), "waranty on headphones") == "warranty"
    assert agreed_topic(make_tracker("x"), _answer("orders"), "where is my order") == (
        "order_status"
    )


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("does this chat bot keep what i write", "privacy"),
        ("do you use my history for the suggestions", "privacy"),
        ("are my details shared with third parties", "privacy"),
        ("i'm normally a 10, which one do i need", "sizes"),
        ("how do these boots fit", "sizes"),
        ("the trackpad stopped clicking after a month", "warranty"),
    ],
)
def test_more_help_words(text: str, topic: str) -> None:
    assert worded_topic(text) == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("will there be customs fees if I order from the UK", "shipping"),
        ("why is my order coming in 3 different parcels", "shipping"),
        ("i got charged twice for one order", "payment"),
        ("is there a way to spread the cost over a few months", "payment"),
        ("why are you suggesting running shoes to me", "privacy"),
        ("do you keep a record of my searches", "privacy"),
        ("is there a showroom where I can try them", "contact"),
        ("can i get a callback", "contact"),
        ("can i swap the backpack for the green one", "returns"),
        ("do I have to send the whole thing back", "returns"),
        ("can I buy extra years of cover for a coffee machine", "warranty"),
        ("measurment chart for clothing pls", "sizes"),
        ("the charger for my laptop isnt in there", "order_status"),
        ("you sent me the wrong phone", "returns"),
    ],
)
def test_help_words_of_everyday_questions(text: str, topic: str) -> None:
    assert worded_topic(text) == topic


@pytest.mark.parametrize(
    "text",
    ["package came but the strap for my watch is missing from the box",
     "you sent me the wrong phone", "the parcel came crushed and the lens is scratched",
     "only one side plays any sound", "the guy on the phone was really rude"],
)  # fmt: skip
def test_what_came_wrong_is_a_support_report(text: str) -> None:
    assert reports_support_issue(text)


def test_a_question_with_no_help_words_may_ask_for_help_unless_it_asks_for_products() -> None:
    assert may_ask_for_help("is my card info stored encrypted or what")
    assert may_ask_for_help("does the bot learn from what I tell it?")
    assert not may_ask_for_help("which laptop is best for university?")
    assert not may_ask_for_help("do you have noise cancelling headphones?")
    assert not may_ask_for_help("can you recommend a kettle?")
    assert not may_ask_for_help("headphones for running")


def test_a_help_question_after_a_clause_asks_for_help() -> None:
    assert asks_for_help("i'm a size 8 in nike, what's that in your trainers")
    assert asks_for_help("the battery swells up, what do i do")
    assert asks_for_help("is there a restocking fee")
