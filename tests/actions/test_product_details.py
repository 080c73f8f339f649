"""action_genrec_product_details: resolving "the second one" or a name, then catalog facts."""

from __future__ import annotations

import pytest
from builders import all_text, entity, make_tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import chat_events
from actions.api import Product, RecommenderClient
from actions.product_details import ActionProductDetails, resolve, short_title
from conftest import FakeRecommender

SHOWN = [
    {"id": "hp-1", "title": "Sony WH-1000XM5", "brand": "Sony", "price": 279.0,
     "reason": "best noise cancelling"},
    {"id": "hp-3", "title": "Bose QuietComfort 45", "brand": "Bose", "price": 249.0},
    {"id": "hp-4", "title": "JBL Tune 510BT", "brand": "JBL", "price": 39.0},
]  # fmt: skip
PRODUCTS = [Product.from_dict(p) for p in SHOWN]


async def run(tracker, dispatcher: CollectingDispatcher) -> list[dict]:
    return await ActionProductDetails().run(dispatcher, tracker, {})


@pytest.mark.parametrize(
    ("reference", "text", "expected"),
    [
        ("second one", "tell me more about the second one", "hp-3"),
        ("", "details on #3", "hp-4"),
        ("", "the last one please", "hp-4"),
        ("hp-1", "", "hp-1"),
        ("Bose QuietComfort", "what about the Bose QuietComfort", "hp-3"),
        ("", "tell me about the JBL", "hp-4"),
        ("", "tel me more abot the secnd one", "hp-3"),
        ("", "tell me more", None),
        ("fifth", "the fifth one", None),
    ],
)
def test_resolve(reference: str, text: str, expected: str | None) -> None:
    product = resolve(reference, text, PRODUCTS)
    assert (product.id if product else None) == expected


async def test_details_come_from_the_catalog(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("tell me more about the first one", intent="ask_product_details",
                           entities=[entity("product_ref", "first one")],
                           slots={"genrec_last_products": SHOWN})  # fmt: skip
    events = await run(tracker, dispatcher)
    assert events == [{"event": "slot", "timestamp": None, "name": "genrec_discussed_product",
                       "value": "hp-1"}]  # fmt: skip
    await chat_events.drain()
    assert fake.paths() == ["/products/hp-1", "/events"]
    text = all_text(dispatcher)
    assert text.startswith("Sony WH-1000XM5\nSony · headphones · $279")
    assert "wireless: yes" in text and "noise cancelling headphones" in text
    assert "Why I suggested it: best noise cancelling" in text
    assert dispatcher.messages[0]["custom"]["type"] == "product_detail"


async def test_asking_about_a_product_sends_a_click_with_position_and_trace(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        "/ask_product_details", intent="ask_product_details",
        entities=[entity("product_ref", "hp-3")],
        slots={"genrec_last_products": SHOWN, "genrec_last_trace_id": "c" * 32},
        events=[{"event": "session_started", "timestamp": 1_764_300_000.0}],
        message_id="m-9", timestamp=1_764_300_050.0,
    )  # fmt: skip
    await run(tracker, dispatcher)
    await chat_events.drain()
    [click] = fake.events()
    assert click["type"] == "click" and click["product_id"] == "hp-3"
    assert click["context"] == {"trace_id": "c" * 32, "position": 2}
    assert click["user_id"] == "user-1" and click["ts"] == 1_764_300_050.0
    assert click["session_id"] == chat_events.session_id(tracker)


async def test_details_with_the_recommender_down_do_not_raise(
    down_client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("the second one", intent="ask_product_details",
                           slots={"genrec_last_products": SHOWN})  # fmt: skip
    events = await run(tracker, dispatcher)
    await chat_events.drain()
    assert "can't load the full details right now" in all_text(dispatcher)
    assert events[0]["value"] == "hp-3"


async def test_ambiguous_reference_asks_which_one(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("tell me more", intent="ask_product_details",
                           slots={"genrec_last_products": SHOWN})  # fmt: skip
    await run(tracker, dispatcher)
    assert "Which one do you mean?" in all_text(dispatcher)
    assert len(dispatcher.messages[0]["buttons"]) == 3
    assert fake.requests == []


async def test_card_of_an_earlier_list_is_looked_up_in_the_catalog(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("/ask_product_details", intent="ask_product_details",
                           entities=[entity("product_ref", "lp-1")],
                           slots={"genrec_last_products": SHOWN})  # fmt: skip
    events = await run(tracker, dispatcher)
    await chat_events.drain()
    assert events[0]["value"] == "lp-1"
    assert all_text(dispatcher).startswith("Dell XPS 13")
    [click] = fake.events()
    assert click["product_id"] == "lp-1" and click.get("context", {}).get("position") is None


async def test_typed_id_of_an_unshown_product_is_not_looked_up(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("tell me about lp-1", intent="ask_product_details",
                           entities=[entity("product_ref", "lp-1")],
                           slots={"genrec_last_products": SHOWN})  # fmt: skip
    await run(tracker, dispatcher)
    assert "Which one do you mean?" in all_text(dispatcher)


async def test_nothing_shown_yet(
    client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    await run(make_tracker("the first one", intent="ask_product_details"), dispatcher)
    assert "haven't shown you any products yet" in all_text(dispatcher)


async def test_unknown_product(client: RecommenderClient, dispatcher: CollectingDispatcher) -> None:
    gone = [{"id": "old-9", "title": "Old Model", "brand": "X", "price": 5.0}]
    tracker = make_tracker(
        "details", intent="ask_product_details", slots={"genrec_last_products": gone}
    )
    await run(tracker, dispatcher)
    assert "no longer in our catalog" in all_text(dispatcher)


async def test_recommender_down_shows_what_is_known(
    down_client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("the second one", intent="ask_product_details",
                           slots={"genrec_last_products": SHOWN})  # fmt: skip
    await run(tracker, dispatcher)
    text = all_text(dispatcher)
    assert text.startswith("Bose QuietComfort 45") and "$249" in text
    assert "can't load the full details right now" in text


def test_short_title() -> None:
    assert short_title("#1 Short") == "#1 Short"
    cut = short_title("#1 ShopBasics Kids Volume-Limited Headphones, Pink")
    assert cut == "#1 ShopBasics Kids Volume-Limited…" and len(cut) <= 40


async def test_a_bare_value_answering_the_open_question_continues_the_search(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    slots = {"genrec_last_products": SHOWN, "category": "headphones", "genrec_asked": "brand"}
    tracker = make_tracker("bose", intent="ask_product_details", slots=slots)
    await run(tracker, dispatcher)
    assert fake.bodies("/recommend")[0]["probe"] is True
    assert {p["brand"] for p in dispatcher.messages[0]["custom"]["products"]} == {"Bose"}


async def test_a_details_request_while_a_question_is_open_gets_details(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    slots = {"genrec_last_products": SHOWN, "category": "headphones", "genrec_asked": "brand"}
    tracker = make_tracker("tell me more about the first one", intent="ask_product_details",
                           entities=[entity("product_ref", "first one")], slots=slots)  # fmt: skip
    await run(tracker, dispatcher)
    assert "/recommend" not in fake.paths()
    assert dispatcher.messages[0]["custom"]["type"] == "product_detail"
