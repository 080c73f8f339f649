"""action_product_details: resolving "the second one" or a name, then catalog facts."""

from __future__ import annotations

import pytest
from builders import all_text, entity, make_tracker
from rasa_sdk.executor import CollectingDispatcher

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
                           slots={"last_products": SHOWN})  # fmt: skip
    assert await run(tracker, dispatcher) == []
    assert fake.paths() == ["/products/hp-1"]
    text = all_text(dispatcher)
    assert text.startswith("Sony WH-1000XM5\nSony · headphones · $279")
    assert "wireless: yes" in text and "noise cancelling headphones" in text
    assert "Why I suggested it: best noise cancelling" in text
    assert dispatcher.messages[0]["custom"]["type"] == "product_detail"


async def test_ambiguous_reference_asks_which_one(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("tell me more", intent="ask_product_details",
                           slots={"last_products": SHOWN})  # fmt: skip
    await run(tracker, dispatcher)
    assert "Which one do you mean?" in all_text(dispatcher)
    assert len(dispatcher.messages[0]["buttons"]) == 3
    assert fake.requests == []


async def test_nothing_shown_yet(
    client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    await run(make_tracker("the first one", intent="ask_product_details"), dispatcher)
    assert "haven't shown you any products yet" in all_text(dispatcher)


async def test_unknown_product(client: RecommenderClient, dispatcher: CollectingDispatcher) -> None:
    gone = [{"id": "old-9", "title": "Old Model", "brand": "X", "price": 5.0}]
    tracker = make_tracker("details", intent="ask_product_details", slots={"last_products": gone})
    await run(tracker, dispatcher)
    assert "no longer in our catalog" in all_text(dispatcher)


async def test_recommender_down_shows_what_is_known(
    down_client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("the second one", intent="ask_product_details",
                           slots={"last_products": SHOWN})  # fmt: skip
    await run(tracker, dispatcher)
    text = all_text(dispatcher)
    assert text.startswith("Bose QuietComfort 45") and "$249" in text
    assert "can't load the full details right now" in text


def test_short_title() -> None:
    assert short_title("#1 Short") == "#1 Short"
    cut = short_title("#1 ShopBasics Kids Volume-Limited Headphones, Pink")
    assert cut == "#1 ShopBasics Kids Volume-Limited…" and len(cut) <= 40
