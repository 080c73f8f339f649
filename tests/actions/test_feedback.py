"""action_genrec_record_feedback: what the feedback is about, its value, the events and the answer."""

from __future__ import annotations

import pytest
from builders import all_text, entity, make_tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import chat_events
from actions.api import RecommenderClient
from actions.feedback import (
    ActionRecordFeedback,
    Target,
    feedback_value,
    says_like_or_dislike,
    targets,
)
from conftest import FakeRecommender

SHOWN = [
    {"id": "hp-1", "title": "Sony WH-1000XM5", "brand": "Sony", "price": 279.0},
    {"id": "hp-3", "title": "Bose QuietComfort 45", "brand": "Bose", "price": 249.0},
    {"id": "hp-4", "title": "JBL Tune 510BT", "brand": "JBL", "price": 39.0},
]
TRACE = "a" * 32
LIST = {"genrec_last_products": SHOWN, "genrec_last_trace_id": TRACE}


def feedback_tracker(text: str, entities: list[dict] | None = None, slots: dict | None = None):
    return make_tracker(
        text, intent="feedback", entities=entities, slots=LIST if slots is None else slots,
        events=[{"event": "session_started", "timestamp": 1_764_300_000.0}],
        message_id="m-42", timestamp=1_764_300_100.0,
    )  # fmt: skip


async def run(tracker, dispatcher: CollectingDispatcher) -> list[dict]:
    return await ActionRecordFeedback().run(dispatcher, tracker, {})


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        ("I like this one", [], "up"),
        ("thumbs up", [], "up"),
        ("great recommendation", [], "up"),
        ("thumbs down", [], "down"),
        ("not for me", [], "down"),
        ("I don't like the last one", [], "down"),
        ("meh, not a fan", [], "down"),
        ("this one is ugly", [], "down"),
        # negations: a negator up to three words before a word turns it round
        ("I don't love it", [], "down"),
        ("I don\N{RIGHT SINGLE QUOTATION MARK}t like the second one", [], "down"),
        ("I dont like it", [], "down"),
        ("not so good", [], "down"),
        ("I can't say I like it", [], "down"),
        ("not bad at all", [], "up"),
        ("I'd never turn it down", [], "up"),
        ("never disappointed", [], "up"),
        ("I don't hate it", [], "up"),
        # a negator that turns nothing round, or a bare no
        ("not really", [], "down"),
        ("not really my thing", [], "down"),
        ("the first just isn't for me", [], "down"),
        ("nah", [], "down"),
        ("nah, not my style", [], "down"),
        ("nope", [], "down"),
        ("thumbs-down", [], "down"),
        ("\N{THUMBS DOWN SIGN}", [], "down"),
        # a no that is not about the product does not outweigh the praise
        ("I love it, no complaints", [], "up"),
        ("thumbs up, no doubt", [], "up"),
        ("I like it but not the color", [], "up"),
        ("that thing is ugly", [], "down"),
        ("the third is exactly my style", [], "up"),
        ('/feedback{"feedback_value": "down"}', [entity("feedback_value", "down")], "down"),
        ("/feedback", [entity("feedback_value", "thumbs_up")], "up"),
        ("/feedback", [entity("feedback_value", "-1")], "down"),
        ("I love it", [entity("feedback_value", "dislike")], "down"),  # the entity wins
    ],
)
def test_feedback_value(text: str, entities: list[dict], expected: str) -> None:
    assert feedback_value(feedback_tracker(text, entities)) == expected


def test_targets_by_reference_position_and_name() -> None:
    second = feedback_tracker("I like the second one", [entity("product_ref", "second one")])
    assert targets(second) == [Target("hp-3", "Bose QuietComfort 45", 2)]
    by_name = feedback_tracker("not a fan of the JBL Tune")
    assert targets(by_name) == [Target("hp-4", "JBL Tune 510BT", 3)]


def test_targets_from_a_web_chat_payload_may_name_any_product_id() -> None:
    tracker = feedback_tracker(
        '/feedback{"product_ref": "lp-2", "feedback_value": "up"}',
        [entity("product_ref", "lp-2"), entity("feedback_value", "up")],
    )
    assert targets(tracker) == [Target("lp-2")]


def test_without_reference_the_discussed_product_or_else_the_last_list() -> None:
    discussed_last = feedback_tracker(
        "I like it", slots={**LIST, "genrec_discussed_product": "hp-4"}
    )  # slots in this order: the details question came after the list
    assert targets(discussed_last) == [Target("hp-4", "JBL Tune 510BT", 3)]
    list_after = feedback_tracker(
        "not for me", slots={"genrec_discussed_product": "hp-4", **LIST}
    )  # a new list was shown after the details
    assert [t.product_id for t in targets(list_after) or []] == ["hp-1", "hp-3", "hp-4"]


def test_unclear_reference_and_nothing_shown() -> None:
    assert targets(feedback_tracker("the fifth one", [entity("product_ref", "fifth one")])) is None
    assert targets(feedback_tracker("I like it", slots={})) == []


async def test_thumbs_up_on_a_product_is_recorded_with_position_and_trace(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = feedback_tracker("I really like the second one", [entity("product_ref", "second")])
    assert await run(tracker, dispatcher) == [
        {"event": "slot", "timestamp": None, "name": "genrec_last_feedback", "value": "up"}
    ]
    await chat_events.drain()
    [event] = fake.events()
    assert event["type"] == "feedback" and event["product_id"] == "hp-3"
    assert event["user_id"] == "user-1"
    assert event["session_id"] == chat_events.session_id(tracker)
    assert event["context"] == {"value": "up", "trace_id": TRACE, "position": 2}
    assert event["ts"] == 1_764_300_100.0
    assert "Glad you like the Bose QuietComfort 45" in all_text(dispatcher)


async def test_not_for_me_after_a_list_is_thumbs_down_on_each_product(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    await run(feedback_tracker("not for me"), dispatcher)
    await chat_events.drain()
    events = fake.events()
    assert [(e["product_id"], e["context"]["value"]) for e in events] == [
        ("hp-1", "down"), ("hp-3", "down"), ("hp-4", "down"),
    ]  # fmt: skip
    assert len({e["event_id"] for e in events}) == 3
    assert "those are not for you" in all_text(dispatcher)
    assert dispatcher.messages[0]["buttons"]  # offers something else


async def test_same_turn_twice_is_counted_once(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    tracker = feedback_tracker("thumbs down", [entity("product_ref", "1")])
    await run(tracker, CollectingDispatcher())
    await run(tracker, CollectingDispatcher())
    await chat_events.drain()
    assert len(fake.events()) == 2 and len(fake.event_ids) == 1


async def test_unclear_reference_asks_and_sends_nothing(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    await run(feedback_tracker("the fifth one", [entity("product_ref", "fifth one")]), dispatcher)
    await chat_events.drain()
    assert "Which product do you mean?" in all_text(dispatcher)
    assert fake.events() == []


async def test_feedback_without_products_is_kept_for_review(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    await run(feedback_tracker("thumbs up", slots={}), dispatcher)
    await chat_events.drain()
    [event] = fake.events()
    assert "product_id" not in event and event["context"] == {"value": "up"}
    assert all_text(dispatcher) == "Thanks for the feedback!"


async def test_a_need_read_as_feedback_before_any_product_gets_products(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    await run(
        feedback_tracker("i love my music, headphones that aren't terrible", slots={}), dispatcher
    )
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"
    assert fake.bodies("/recommend")[0]["probe"] is True
    assert fake.events() == []  # no feedback recorded


async def test_dead_recommender_still_answers(
    down_client: RecommenderClient, dispatcher: CollectingDispatcher
) -> None:
    events = await run(feedback_tracker("I don't like the first one"), dispatcher)
    assert [(e["name"], e["value"]) for e in events] == [("genrec_last_feedback", "down")]
    await chat_events.drain()
    assert "Sony WH-1000XM5 is not for you" in all_text(dispatcher)


async def test_feedback_while_the_form_asks_sends_the_event_without_list_buttons(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = feedback_tracker("not for me", slots={})
    tracker.active_loop = {"name": "shopping_form"}  # the form asks its question next
    assert [e["value"] for e in await run(tracker, dispatcher)] == ["down"]
    await chat_events.drain()
    [event] = fake.events()
    assert event["context"] == {"value": "down"}
    assert all_text(dispatcher) == "Thanks for telling me."
    assert not dispatcher.messages[0].get("buttons")


async def test_an_answer_to_the_open_question_is_not_feedback(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    asked = {**LIST, "genrec_asked": "brand", "category": "headphones"}
    events = await run(feedback_tracker("the sony one", slots=asked), dispatcher)
    await chat_events.drain()
    assert not [e for e in fake.events() if e["type"] == "feedback"]
    assert {"event": "slot", "timestamp": None, "name": "brand", "value": "Sony"} in events
    assert "Glad you like" not in all_text(dispatcher)


async def test_praise_while_a_question_is_open_is_still_feedback(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    asked = {**LIST, "genrec_asked": "brand"}
    await run(feedback_tracker("I like the second one", [entity("product_ref", "second")],
                               slots=asked), dispatcher)  # fmt: skip
    await chat_events.drain()
    assert [e["type"] for e in fake.events()] == ["feedback"]


async def test_praise_of_the_second_one_while_the_budget_is_asked_is_feedback(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    # "one" is no budget of $1: the words of praise make it feedback before any search
    asked = {**LIST, "genrec_asked": "budget", "category": "headphones"}
    await run(feedback_tracker("I really like the second one", [entity("product_ref", "second")],
                               slots=asked), dispatcher)  # fmt: skip
    await chat_events.drain()
    assert [e["type"] for e in fake.events()] == ["feedback"]
    assert "Glad you like" in all_text(dispatcher)
    assert "/recommend" not in fake.paths()


@pytest.mark.parametrize(
    ("text", "says"),
    [("I really like the second one", True), ("not for me", True), ("meh", True),
     ("the max one", False), ("the trail ones", False)],
)  # fmt: skip
def test_says_like_or_dislike(text: str, says: bool) -> None:
    assert says_like_or_dislike(text) is says
