"""action_genrec_similar_products: "more like this" from a card id, a position, or nothing usable."""

from __future__ import annotations

from builders import all_text, entity, make_tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api import RecommenderClient
from actions.similar import ActionSimilarProducts
from conftest import FakeRecommender

SHOWN = [
    {"id": "hp-2", "title": "Sony WH-CH720N", "brand": "Sony", "category": "headphones", "price": 99.0},
    {"id": "lp-2", "title": "Lenovo IdeaPad 3", "brand": "Lenovo", "category": "laptops", "price": 449.0},
]  # fmt: skip


async def run(tracker, dispatcher: CollectingDispatcher) -> list[dict]:
    return await ActionSimilarProducts().run(dispatcher, tracker, {})


def slot_events(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_card_id_is_looked_up_and_similar_products_exclude_it(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        '/find_similar{"product_ref": "hp-1"}',
        intent="find_similar",
        entities=[entity("product_ref", "hp-1")],
        slots={"genrec_last_products": SHOWN, "genrec_shown_product_ids": ["hp-2", "lp-2"]},
        channel="socketio",
    )
    events = await run(tracker, dispatcher)
    assert "/products/hp-1" in fake.paths()
    [body] = fake.bodies("/recommend")
    assert body["slots"]["category"] == "headphones"
    assert {"brand", "budget"} <= set(body["slots"]["any"])
    assert body["message"] == "" and "Sony WH-1000XM5" in body["context"]  # ranking only
    # the product's own attributes are open: its title must not turn into filters
    assert {"attributes.color", "attributes.wireless"} <= set(body["slots"]["any"])
    assert body["slots"]["attributes"] == {}
    assert set(body["exclude_ids"]) == {"hp-1", "hp-2", "lp-2"}
    assert body["similar_to"] == "hp-1"  # the service's reply says what they are like
    [message] = dispatcher.messages
    assert message["text"].startswith("I found ")  # the service's reply, as it came
    cards = message["custom"]["data"]["custom"]["products"]
    assert cards and all(p["id"] not in {"hp-1", "hp-2"} for p in cards)
    assert all(p["category"] == "headphones" for p in cards)
    slots = slot_events(events)
    assert [p["id"] for p in slots["genrec_last_products"]] == [p["id"] for p in cards]
    assert "hp-1" in slots["genrec_shown_product_ids"]


async def test_position_resolves_among_the_last_products(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        "anything similar to the second one?",
        intent="find_similar",
        entities=[entity("product_ref", "second one")],
        slots={"genrec_last_products": SHOWN},
    )
    await run(tracker, dispatcher)
    assert "/products/lp-2" in fake.paths()  # the catalog record, for its attributes
    [body] = fake.bodies("/recommend")
    assert body["slots"]["category"] == "laptops"
    assert "lp-2" in body["exclude_ids"]
    [message] = dispatcher.messages
    assert message["text"] == all_text(dispatcher)  # the service's reply, nothing appended
    titles = [p["title"] for p in message["custom"]["products"]]
    assert "Dell XPS 13" in titles


async def test_unknown_product_asks_which_one(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        "something similar please", intent="find_similar", slots={"genrec_last_products": SHOWN}
    )
    assert await run(tracker, dispatcher) == []
    [message] = dispatcher.messages
    assert message["text"] == "Which product should I find similar ones for?"
    assert [b["payload"] for b in message["buttons"]] == [
        '/find_similar{"product_ref": "hp-2"}',
        '/find_similar{"product_ref": "lp-2"}',
    ]
    assert fake.bodies("/recommend") == []
    tracker = make_tracker(
        '/find_similar{"product_ref": "nope"}',
        intent="find_similar",
        entities=[entity("product_ref", "nope")],
    )
    dispatcher = CollectingDispatcher()
    await run(tracker, dispatcher)
    assert "Tell me what you're looking for first" in all_text(dispatcher)


async def test_recommender_down_degrades_with_an_apology(
    down_client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        "similar to the first one",
        intent="find_similar",
        entities=[entity("product_ref", "first one")],
        slots={"genrec_last_products": SHOWN},
    )
    await run(tracker, dispatcher)
    assert "isn't responding" in all_text(dispatcher)
