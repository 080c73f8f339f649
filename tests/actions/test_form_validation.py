"""validate_shopping_form: normalization, "any", budgets, re-asking, degraded acceptance."""

from __future__ import annotations

import pytest
from builders import all_text, entity, make_tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api import RecommenderClient
from actions.form_validation import ValidateShoppingForm
from conftest import FakeRecommender

DOMAIN = {
    "forms": {"shopping_form": {"required_slots": ["category", "budget", "brand", "attribute"]}},
    "slots": {
        name: {"mappings": [{"type": "from_entity", "entity": name}]}
        for name in ("category", "budget", "brand", "attribute")
    },
}


async def validate(slot: str, value, tracker=None, dispatcher=None) -> dict:
    tracker = tracker or make_tracker(str(value), intent="inform", new_slots={slot: value})
    dispatcher = dispatcher or CollectingDispatcher()
    method = getattr(ValidateShoppingForm(), f"validate_{slot}")
    return await method(value, dispatcher, tracker, DOMAIN)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("headphones", "headphones"), ("Headphone", "headphones"), ("earbuds", "headphones"),
     ("hedphones", "headphones"), ("running shoes", "running-shoes"),
     ("sneakers", "running-shoes"), ("I need a notebook", "laptops")],
)  # fmt: skip
async def test_category_is_normalized(client: RecommenderClient, value: str, expected: str) -> None:
    assert (await validate("category", value))["category"] == expected


@pytest.mark.parametrize("value", ["tractor", "any", "🙂", "<script>x</script>", "x" * 5000])
async def test_unknown_category_reasks_with_options_without_echo(
    client: RecommenderClient, value: str
) -> None:
    dispatcher = CollectingDispatcher()
    assert await validate("category", value, dispatcher=dispatcher) == {"category": None}
    text = all_text(dispatcher)
    assert "I can help you with: headphones, laptops, running shoes" in text
    assert value[:20] not in text
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [
        "headphones", "laptops", "running shoes"
    ]  # fmt: skip


async def test_category_accepted_raw_when_recommender_is_down(
    down_client: RecommenderClient,
) -> None:
    assert (await validate("category", "Tablets"))["category"] == "tablets"
    dispatcher = CollectingDispatcher()
    assert (await validate("category", "🙂", dispatcher=dispatcher))["category"] is None
    assert "didn't catch" in all_text(dispatcher)


async def test_new_category_clears_preferences_of_the_old_one(client: RecommenderClient) -> None:
    tracker = make_tracker(
        "now show me laptops", intent="request_recommendation",
        entities=[entity("category", "laptops")],
        slots={"category": "headphones", "brand": "Sony", "budget": "under $100",
               "budget_max": 100.0, "attribute": "wireless"},
        new_slots={"category": "laptops"},
    )  # fmt: skip
    result = await validate("category", "laptops", tracker)
    assert result["category"] == "laptops"
    assert result["brand"] is None and result["budget_max"] is None and result["attribute"] is None
    tracker.slots.update(result)
    assert await validate("brand", "Sony", tracker) == {"brand": None}  # stale, asked again


async def test_new_category_keeps_what_was_said_in_the_same_message(
    client: RecommenderClient,
) -> None:
    tracker = make_tracker(
        "Dell laptops", intent="request_recommendation",
        entities=[entity("brand", "Dell"), entity("category", "laptops")],
        slots={"category": "headphones", "brand": "Sony"},
        new_slots={"category": "laptops", "brand": "Dell"},
    )  # fmt: skip
    result = await validate("category", "laptops", tracker)
    assert "brand" not in result
    tracker.slots.update(result)
    assert await validate("brand", "Dell", tracker) == {"brand": "Dell"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("under 50 bucks", {"budget": "under $50", "budget_min": None, "budget_max": 50.0}),
        ("around $100", {"budget": "around $100", "budget_min": 80.0, "budget_max": 120.0}),
        ("between 20 and 40 dollars",
         {"budget": "between $20 and $40", "budget_min": 20.0, "budget_max": 40.0}),
        ("any", {"budget": "any", "budget_min": None, "budget_max": None}),
        ("no limit", {"budget": "any", "budget_min": None, "budget_max": None}),
    ],
)  # fmt: skip
async def test_budget(client: RecommenderClient, value: str, expected: dict) -> None:
    assert await validate("budget", value) == expected


async def test_cheap_is_resolved_by_the_recommender(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    tracker = make_tracker("cheap", intent="inform", slots={"category": "headphones"},
                           new_slots={"budget": "cheap"})  # fmt: skip
    result = await validate("budget", "cheap", tracker)
    assert result == {"budget": "cheap", "budget_min": None, "budget_max": 60.0}
    assert fake.bodies("/parse") == [{"text": "cheap headphones"}]


async def test_cheap_is_kept_as_a_wish_when_the_recommender_is_down(
    down_client: RecommenderClient,
) -> None:
    assert await validate("budget", "cheap") == {
        "budget": "cheap", "budget_min": None, "budget_max": None
    }  # fmt: skip


async def test_unclear_budget_reasks_with_examples(client: RecommenderClient) -> None:
    dispatcher = CollectingDispatcher()
    result = await validate("budget", "hmm not sure yet, maybe", dispatcher=dispatcher)
    assert result["budget"] is None
    assert "under 50" in all_text(dispatcher) and "any" in all_text(dispatcher)


async def test_free_text_answer_for_another_slot_is_dropped_silently(
    client: RecommenderClient,
) -> None:
    # Asked for the budget, the user named a brand: the brand mapping fills `brand`, the
    # budget's from_text mapping got "Sony" and must not complain about it.
    tracker = make_tracker("Sony", intent="inform", entities=[entity("brand", "Sony")],
                           new_slots={"budget": "Sony", "brand": "Sony"})  # fmt: skip
    dispatcher = CollectingDispatcher()
    assert (await validate("budget", "Sony", tracker, dispatcher))["budget"] is None
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("sony", "Sony"), ("BOSE", "Bose"), ("jbl please", "JBL"), ("no preference", "any"),
     ("don't care", "any")],
)  # fmt: skip
async def test_brand(client: RecommenderClient, value: str, expected: str) -> None:
    assert await validate("brand", value) == {"brand": expected}


async def test_unknown_brand_lists_brands(client: RecommenderClient) -> None:
    dispatcher = CollectingDispatcher()
    assert await validate("brand", "Acme<b>", dispatcher=dispatcher) == {"brand": None}
    text = all_text(dispatcher)
    assert "We carry Bose, Dell, JBL" in text and "Acme" not in text


async def test_brand_accepted_raw_when_down(down_client: RecommenderClient) -> None:
    assert await validate("brand", "Acme") == {"brand": "Acme"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("black", {"attribute": "black", "attributes": {"color": "black"}}),
        ("wireless", {"attribute": "wireless", "attributes": {"wireless": "yes"}}),
        ("long battery life", {"attribute": "long battery life", "attributes": {}}),
        ("any", {"attribute": "any", "attributes": {}}),
    ],
)
async def test_attribute(client: RecommenderClient, value: str, expected: dict) -> None:
    assert await validate("attribute", value) == expected


async def test_unusable_attribute_reasks(client: RecommenderClient) -> None:
    dispatcher = CollectingDispatcher()
    result = await validate("attribute", "<img src=x onerror=alert(1)>", dispatcher=dispatcher)
    assert result == {"attribute": None, "attributes": None}
    assert "onerror" not in all_text(dispatcher) and "black" in all_text(dispatcher)


async def test_run_returns_slot_events_for_the_whole_form(client: RecommenderClient) -> None:
    tracker = make_tracker(
        "sony earbuds under 80", intent="request_recommendation",
        entities=[entity("brand", "sony"), entity("category", "earbuds"),
                  entity("budget", "under 80")],
        new_slots={"category": "earbuds", "budget": "under 80", "brand": "sony"},
    )  # fmt: skip
    tracker.active_loop = {"name": "shopping_form"}
    dispatcher = CollectingDispatcher()
    events = await ValidateShoppingForm().run(dispatcher, tracker, DOMAIN)
    values = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert values["category"] == "headphones" and values["brand"] == "Sony"
    assert values["budget_max"] == 80.0 and values["budget"] == "under $80"


@pytest.mark.parametrize("intent", ["show_more", "request_recommendation"])
@pytest.mark.parametrize("slot", ["budget", "brand", "attribute"])
async def test_just_show_me_skips_an_optional_question(
    client: RecommenderClient, slot: str, intent: str
) -> None:
    tracker = make_tracker("show me what you have", intent=intent,
                           slots={"requested_slot": slot}, new_slots={slot: "show me what you have"})  # fmt: skip
    assert (await validate(slot, "show me what you have", tracker))[slot] == "any"


async def test_a_request_that_names_something_is_not_a_skip(client: RecommenderClient) -> None:
    tracker = make_tracker(
        "I need a laptop", intent="request_recommendation",
        entities=[entity("category", "laptop")],
        slots={"requested_slot": "budget"}, new_slots={"budget": "I need a laptop"},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    assert (await validate("budget", "I need a laptop", tracker, dispatcher))["budget"] is None
    assert dispatcher.messages == []  # the category answer is handled, no budget complaint
