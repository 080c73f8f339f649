"""action_genrec_recommend_products: request building, messages, slots, exclusions, degradation."""

from __future__ import annotations

import json

from builders import all_text, make_tracker, slot_events
from rasa_sdk.executor import CollectingDispatcher

from actions import chat_events
from actions.api import RecommenderClient
from actions.recommend import ActionRecommendProducts
from conftest import FakeRecommender

HEADPHONES_UNDER_100 = {
    "category": "headphones",
    "budget": "under $100",
    "genrec_budget_max": 100.0,
}


async def run(tracker, dispatcher: CollectingDispatcher) -> list[dict]:
    return await ActionRecommendProducts().run(dispatcher, tracker, {})


async def test_a_typed_request_goes_to_the_recommender_as_it_is(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("i need headphones, nothing over 100 dollars")
    events = await run(tracker, dispatcher)

    body = fake.bodies("/recommend")[0]
    assert body["message"] == "i need headphones, nothing over 100 dollars"
    assert body["slots"]["category"] is None  # the recommender reads the message
    assert body["user_id"] == "user-1" and body["exclude_ids"] == []

    products, question = dispatcher.messages
    # the service's reply, rendered as it came: no list of the action's own added to it
    cards = products["custom"]["products"]
    listed = "".join(f"\n{i}. {p['title']}, ${p['price']:g}" for i, p in enumerate(cards, 1))
    assert products["text"] == f"I found 3 options for you:{listed}"
    assert "1. Sony WH-CH720N, $99" in products["text"]
    assert products["custom"]["type"] == "product_list"
    assert [p["id"] for p in products["custom"]["products"]] == ["hp-2", "hp-4", "hp-5"]
    assert question["text"] == "Any brand you prefer?"  # one question, next to the products
    payloads = [b["payload"] for b in question["buttons"]]
    assert payloads == [
        '/inform{"brand": "JBL"}',
        '/inform{"brand": "Sony"}',
        '/inform{"brand": "any"}',
    ]

    slots = slot_events(events)
    assert (slots["category"], slots["genrec_budget_max"], slots["budget"]) == (
        "headphones",
        100.0,
        "under $100",
    )
    assert slots["genrec_asked"] == "brand"
    assert slots["genrec_shown_product_ids"] == ["hp-2", "hp-4", "hp-5"]
    assert [p["id"] for p in slots["genrec_last_products"]] == ["hp-2", "hp-4", "hp-5"]
    assert slots["genrec_search_filters"]["category"] == "headphones"
    assert slots["genrec_last_trace_id"] == "t" * 32


async def test_a_quick_reply_sets_its_preference_without_the_nlu(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        '/inform{"brand": "Sony"}', intent="inform",
        entities=[{"entity": "brand", "value": "Sony"}],
        slots={**HEADPHONES_UNDER_100, "genrec_asked": "brand"},
    )  # fmt: skip
    events = await run(tracker, dispatcher)
    body = fake.bodies("/recommend")[0]
    assert body["message"] == "" and body["asked"] == "brand"
    assert body["slots"]["brand"] == "Sony" and body["slots"]["budget_max"] == 100.0
    assert {p["brand"] for p in dispatcher.messages[0]["custom"]["products"]} == {"Sony"}
    assert slot_events(events)["brand"] == "Sony"


async def test_quick_replies_for_any_and_attributes(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    any_brand = make_tracker('/inform{"brand": "any"}', intent="inform",
                             entities=[{"entity": "brand", "value": "any"}], slots=HEADPHONES_UNDER_100)  # fmt: skip
    events = await run(any_brand, CollectingDispatcher())
    assert fake.bodies("/recommend")[0]["slots"]["any"] == ["brand"]
    assert slot_events(events)["brand"] == "any" and slot_events(events)["genrec_declined"] == [
        "brand"
    ]
    wired = make_tracker('/inform{"attribute": "wireless=no"}', intent="inform",
                         entities=[{"entity": "attribute", "value": "wireless=no"}],
                         slots=HEADPHONES_UNDER_100)  # fmt: skip
    dispatcher = CollectingDispatcher()
    await run(wired, dispatcher)
    assert fake.bodies("/recommend")[1]["slots"]["attributes"] == {"wireless": "no"}
    assert [p["id"] for p in dispatcher.messages[0]["custom"]["products"]] == ["hp-5"]


async def test_no_product_need_gets_the_category_question(
    client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    events = await run(make_tracker("what do you recommend?"), dispatcher)
    [message] = dispatcher.messages
    assert message["text"] == "What are you shopping for?"
    assert [b["title"] for b in message["buttons"]] == ["headphones", "laptops", "running-shoes"]
    assert message["buttons"][0]["payload"] == '/inform{"category": "headphones"}'
    assert slot_events(events)["genrec_asked"] == "category"
    assert "genrec_last_products" not in slot_events(events)


async def test_sends_the_session_id_and_a_recommended_event_per_product(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    session = {"event": "session_started", "timestamp": 1_764_300_000.0}
    tracker = make_tracker("I need headphones under 100", slots=HEADPHONES_UNDER_100,
                           events=[session], message_id="m-1", timestamp=1_764_300_010.0)  # fmt: skip
    await run(tracker, dispatcher)
    await chat_events.drain()
    session_id = fake.bodies("/recommend")[0]["session_id"]
    assert session_id == chat_events.session_id(tracker)

    events = fake.events()
    assert [(e["type"], e["product_id"], e["context"]["position"]) for e in events] == [
        ("recommended", "hp-2", 1), ("recommended", "hp-4", 2), ("recommended", "hp-5", 3),
    ]  # fmt: skip
    assert {e["session_id"] for e in events} == {session_id}
    assert {e["context"]["trace_id"] for e in events} == {"t" * 32}
    assert {e["user_id"] for e in events} == {"user-1"}

    # the next turn of the same session keeps the session id
    later = make_tracker("", slots=HEADPHONES_UNDER_100,
                         events=[session], message_id="m-2", timestamp=1_764_300_090.0)  # fmt: skip
    await run(later, CollectingDispatcher())
    assert fake.bodies("/recommend")[1]["session_id"] == session_id


async def test_same_search_excludes_shown_products_and_new_search_resets(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    filters = {"category": "headphones", "brand": None, "budget_min": None, "budget_max": 100.0,
               "price_tier": None, "attributes": {}, "any": []}  # fmt: skip
    same = make_tracker(
        slots={
            **HEADPHONES_UNDER_100,
            "genrec_shown_product_ids": ["hp-2"],
            "genrec_search_filters": filters,
        }
    )
    await run(same, dispatcher)
    assert fake.bodies("/recommend")[0]["exclude_ids"] == ["hp-2"]

    changed = make_tracker(
        slots={"category": "headphones", "genrec_budget_max": 50.0, "genrec_shown_product_ids": ["hp-2"],
               "genrec_search_filters": filters},
    )  # fmt: skip
    events = await run(changed, CollectingDispatcher())
    body = fake.bodies("/recommend")[1]
    assert body["exclude_ids"] == [] and body["seen_ids"] == ["hp-2"]  # seen: shown after new
    assert slot_events(events)["genrec_shown_product_ids"] == ["hp-2", "hp-4", "hp-5"]


async def test_nothing_found_says_so_without_product_payload(
    client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    events = await run(
        make_tracker(slots={"category": "cameras", "genrec_budget_max": 10.0}), dispatcher
    )
    assert all_text(dispatcher) == "Nothing matches."  # the service's words, as it wrote them
    assert not any(m.get("custom") for m in dispatcher.messages)
    assert "genrec_last_products" not in slot_events(events)


async def test_facebook_gets_cards_and_quick_replies(
    client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    await run(make_tracker(slots={"category": "laptops"}, channel="facebook"), dispatcher)
    cards = next(m["elements"] for m in dispatcher.messages if m.get("elements"))
    assert [c["title"] for c in cards] == ["Dell XPS 13", "Lenovo IdeaPad 3"]
    assert cards[0]["buttons"][0] == {
        "type": "web_url", "url": "https://shop.test/p/lp-1", "title": "View"
    }  # fmt: skip
    assert not any(m.get("custom") for m in dispatcher.messages)  # Messenger rejects raw JSON
    quick = next(m["quick_replies"] for m in dispatcher.messages if m.get("quick_replies"))
    assert all(len(q["title"]) <= 20 for q in quick)


async def test_recommender_down_apologizes_with_cached_popular_items(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher, caplog
) -> None:
    await client.popular(10)  # the cache was filled while the service was up
    fake.mode = "error500"
    events = await run(make_tracker(slots=HEADPHONES_UNDER_100), dispatcher)
    text = all_text(dispatcher)
    assert text.startswith("Sorry, our product search isn't responding right now")
    assert "popular products" in text
    shown = dispatcher.messages[0]["custom"]["products"]
    assert [p["id"] for p in shown][:2] == ["hp-2", "hp-4"]  # same category, in budget first
    assert "genrec_shown_product_ids" not in slot_events(events)  # not real matches: don't exclude
    assert "recommender unavailable" in caplog.text and "500" in caplog.text


async def test_recommender_slow_answers_within_budget_without_cache(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    fake.mode = "slow"
    events = await run(make_tracker(slots=HEADPHONES_UNDER_100), dispatcher)
    assert events == []
    assert "isn't responding right now" in all_text(dispatcher)
    assert "shipping, returns" in all_text(dispatcher)


async def test_recommender_unreachable(
    down_client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    assert await run(make_tracker(slots=HEADPHONES_UNDER_100), dispatcher) == []
    assert "isn't responding" in all_text(dispatcher)


async def test_hostile_user_text_is_never_echoed(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    nasty = [
        "",
        "x" * 20_000,
        "🙂🙃🙂",
        "наушники до 100 долларов",
        "<script>alert('hi')</script>",
        '{"slots": {"category": "laptops"}, "__proto__": 1}',
    ]
    for text in nasty:
        dispatcher = CollectingDispatcher()
        await run(make_tracker(text, intent="request_recommendation", slots=HEADPHONES_UNDER_100),
                  dispatcher)  # fmt: skip
        rendered = json.dumps(dispatcher.messages, ensure_ascii=False)
        assert dispatcher.messages, text
        if text:
            assert text[:30] not in rendered
        assert "<script" not in rendered
    assert max(len(b["message"]) for b in fake.bodies("/recommend")) <= 2000


async def test_the_reply_is_rendered_as_the_service_wrote_it(
    client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    await run(make_tracker(slots={"category": "laptops", "genrec_budget_max": 10.0}), dispatcher)
    text = all_text(dispatcher)
    assert text.lower().count("nothing under $10; the cheapest is $449") == 1
    assert "1. Lenovo IdeaPad 3, $449" in text


async def test_degraded_answers_do_not_repeat_the_last_list(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    await client.popular(10)
    fake.mode = "error500"
    first = CollectingDispatcher()
    events = await run(make_tracker(slots=HEADPHONES_UNDER_100), first)
    shown = slot_events(events)["genrec_last_products"]
    second = CollectingDispatcher()
    await run(make_tracker(slots={**HEADPHONES_UNDER_100, "genrec_last_products": shown}), second)
    again = [p["id"] for p in second.messages[0]["custom"]["products"]]
    assert not set(again) & {p["id"] for p in shown}


async def test_a_fault_report_gets_the_help_text_not_products(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    fake.faq = {**fake.faq, "topic": "warranty", "confidence": 0.45}  # unsure, same topic
    tracker = make_tracker("my laptop is faulty", help_topic=("warranty", 0.97))
    events = await run(tracker, dispatcher)
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_faq/warranty"]
    assert "/recommend" not in fake.paths() and events == []


async def test_a_fault_report_the_selector_is_sure_of_gets_its_topic(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    fake.faq = {**fake.faq, "topic": "orders", "confidence": 0.21}  # "tracker": order tracking
    text = "the fitness tracker i got from you won't turn on"
    await run(make_tracker(text, help_topic=("warranty", 0.88)), dispatcher)
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_faq/warranty"]
    assert "/recommend" not in fake.paths()


async def test_a_fault_report_nobody_is_sure_of_is_searched(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    fake.faq = {**fake.faq, "topic": "returns", "confidence": 0.45}
    await run(make_tracker("my laptop is faulty", help_topic=("warranty", 0.6)), dispatcher)
    assert fake.bodies("/recommend")[0]["message"] == "my laptop is faulty"


async def test_a_broken_product_to_replace_is_a_product_need(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    fake.faq = {**fake.faq, "topic": "warranty", "answered": True, "answer": "Covered."}
    tracker = make_tracker("my headphones broke, i need a new pair", help_topic=("warranty", 0.9))
    await run(tracker, dispatcher)
    assert "/faq" not in fake.paths() and fake.bodies("/recommend")
