"""action_genrec_show_more: something else, cheaper, another brand."""

from __future__ import annotations

import pytest
from builders import all_text, entity, make_tracker, slot_events
from rasa_sdk.executor import CollectingDispatcher

from actions.api import RecommenderClient
from actions.show_more import ActionShowMore, refinement
from conftest import FakeRecommender

SHOWN = [
    {"id": "hp-1", "title": "Sony WH-1000XM5", "brand": "Sony", "price": 279.0},
    {"id": "hp-3", "title": "Bose QuietComfort 45", "brand": "Bose", "price": 249.0},
]
FILTERS = {"category": "headphones", "budget_min": None, "budget_max": None, "brand": None,
           "attributes": {}}  # fmt: skip
AFTER_A_SEARCH = {
    "category": "headphones",
    "genrec_shown_product_ids": ["hp-1", "hp-3"],
    "genrec_last_products": SHOWN,
    "genrec_search_filters": FILTERS,
}


async def run(tracker, dispatcher: CollectingDispatcher) -> list[dict]:
    return await ActionShowMore().run(dispatcher, tracker, {})


@pytest.mark.parametrize(
    ("text", "entities", "kind"),
    [
        ("show me more", [entity("refinement", "more")], "more"),
        ("anything less expensive?", [entity("refinement", "less expensive")], "cheaper"),
        ("/show_more", [entity("refinement", "other_brand")], "other_brand"),
        ("these are too expensive", [], "cheaper"),
        ("do you have them from a different brand", [], "other_brand"),
        ("something else", [], "more"),
    ],
)
def test_refinement(text: str, entities: list[dict], kind: str) -> None:
    assert refinement(make_tracker(text, intent="show_more", entities=entities)) == kind


async def test_more_excludes_everything_shown(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("show me more", intent="show_more", slots=AFTER_A_SEARCH)
    events = await run(tracker, dispatcher)
    assert fake.bodies("/recommend")[0]["exclude_ids"] == ["hp-1", "hp-3"]
    assert slot_events(events)["genrec_shown_product_ids"] == [
        "hp-1",
        "hp-3",
        "hp-2",
        "hp-4",
        "hp-5",
    ]


async def test_cheaper_lowers_the_budget_below_the_cheapest_shown(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("cheaper", intent="show_more",
                           entities=[entity("refinement", "cheaper")], slots=AFTER_A_SEARCH)  # fmt: skip
    events = await run(tracker, dispatcher)
    body = fake.bodies("/recommend")[0]
    assert body["slots"]["budget_max"] == 248.99
    assert body["exclude_ids"] == ["hp-1", "hp-3"]
    slots = slot_events(events)
    assert slots["genrec_budget_max"] == 248.99 and slots["budget"] == "under $248.99"
    assert all(p["price"] < 249 for p in slots["genrec_last_products"])


async def test_cheaper_when_nothing_is_cheaper(
    client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    cheapest = [{"id": "hp-5", "title": "Sony MDR-ZX110", "brand": "Sony", "price": 19.0}]
    tracker = make_tracker("cheaper", intent="show_more", slots={
        **AFTER_A_SEARCH, "genrec_last_products": cheapest, "genrec_shown_product_ids": ["hp-5"]})  # fmt: skip
    assert await run(tracker, dispatcher) == []  # the budget is not lowered for nothing
    assert "what I showed you is the cheapest" in all_text(dispatcher)
    assert "$39" not in all_text(dispatcher)  # no pricier "closest match" for "cheaper"


async def test_other_brand_drops_shown_brands(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("another brand", intent="show_more",
                           entities=[entity("refinement", "other_brand")],
                           slots={**AFTER_A_SEARCH, "brand": "Sony"})  # fmt: skip
    events = await run(tracker, dispatcher)
    body = fake.bodies("/recommend")[0]
    assert body["slots"]["brand"] is None and "brand" in body["slots"]["any"]
    assert body["limit"] == 10
    slots = slot_events(events)
    assert {p["brand"] for p in slots["genrec_last_products"]} == {"JBL"}
    assert slots["brand"] == "any"
    assert "from other brands" in all_text(dispatcher)


async def test_without_a_previous_search_asks_what_to_look_for(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    assert await run(make_tracker("more", intent="show_more"), dispatcher) == []
    assert "tell me what you're looking for" in all_text(dispatcher)
    assert 'for example "headphones' in all_text(dispatcher)  # the served catalog's words
    assert "/recommend" in fake.paths()  # asked whether "more" alone is a need: it is not
    assert not any(m.get("custom") for m in dispatcher.messages)


async def test_without_a_previous_search_a_request_gets_products(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    await run(make_tracker("show me headphones", intent="show_more"), dispatcher)
    assert fake.bodies("/recommend")[0]["probe"] is True
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"


async def test_recommender_down_degrades(
    down_client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("more", intent="show_more", slots=AFTER_A_SEARCH)
    assert await run(tracker, dispatcher) == []
    assert "isn't responding" in all_text(dispatcher)
