"""The welcome and the capability text follow the catalog the recommender serves."""

from __future__ import annotations

from builders import make_tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api import RecommenderClient
from actions.capabilities import GENERAL, describe, example_request
from actions.welcome import ActionGreet
from conftest import FakeRecommender
from genrec_core.wire import CatalogVocabulary


def test_capabilities_name_the_catalog_and_an_example() -> None:
    vocab = CatalogVocabulary(
        categories=("kettles", "mugs", "toasters"),
        price_quantiles={"kettles": (30.0, 80.0)},
    )
    text = describe(vocab)
    assert text.startswith("I can help you find kettles, mugs and toasters")
    assert 'for example "kettles under $55"' in text
    assert example_request(CatalogVocabulary()) == "" and describe(CatalogVocabulary()) == GENERAL


async def test_the_welcome_uses_the_served_catalog(client: RecommenderClient) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGreet().run(dispatcher, make_tracker("/get_started", intent="get_started"), {})
    text = dispatcher.messages[0]["text"]
    assert "headphones" in text and "running shoes" in text
    assert text.endswith("What are you looking for?")


async def test_the_welcome_without_a_recommender(down_client: RecommenderClient) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGreet().run(dispatcher, make_tracker("hi", intent="greet"), {})
    assert GENERAL in dispatcher.messages[0]["text"]


async def test_a_greeting_with_a_question_gets_the_question_answered(
    fake: FakeRecommender, client: RecommenderClient
) -> None:
    fake.faq = {**fake.faq, "topic": "contact"}  # the knowledge base unsure, topic contact
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "Hi, what's the number for your help desk?", intent="greet", help_topic=("contact", 0.98)
    )
    await ActionGreet().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_ask_faq/contact"
    assert fake.bodies("/faq")[-1]["question"] == "what's the number for your help desk?"


async def test_a_greeting_and_small_talk_get_the_welcome(
    fake: FakeRecommender, client: RecommenderClient
) -> None:
    fake.faq = {**fake.faq, "topic": "contact"}
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("hi there, how are you doing today?", intent="greet",
                           help_topic=("contact", 0.9))  # fmt: skip
    await ActionGreet().run(dispatcher, tracker, {})
    assert dispatcher.messages[-1]["text"].endswith("What are you looking for?")
