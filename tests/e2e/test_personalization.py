"""Personalization through the real stack: behaviour events change what the chat recommends.

The demo histories (recommender/data/demo/events.jsonl) are posted to the test stack's
recommender, with fresh user ids, then users talk to Rasa over the REST webhook. Assertions
are about the products and reasons users see and what the recommender stored.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import sqlite3
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from recommender.data.loaders import load_catalog
from scripts.stack import StackConfig
from tests.e2e.conftest import Conversation, products, recommender_json, texts

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
DEMO_EVENTS = REPO / "recommender/data/demo/events.jsonl"
CATALOG = {p.id: p for p in load_catalog(REPO / "recommender/data/demo/catalog.jsonl")}
QUESTION = "recommend me some headphones"
ORDINALS = ("first", "second", "third")


def ask(chat: Conversation, text: str) -> list[dict[str, Any]]:
    """Say ``text`` (a request that names a category) and return the product cards."""
    reply = chat.say(text)
    cards = products(reply)
    assert cards, f"no products for {text!r}: {texts(reply)!r}"
    return cards


def profile(stack: StackConfig, user_id: str) -> dict[str, Any]:
    return dict(recommender_json(stack, f"/users/{user_id}/profile"))


def wait_for(stack: StackConfig, user_id: str, check: Any, timeout_s: float = 10) -> dict:
    """The user's profile once ``check(profile)`` holds (chat events are sent in background)."""
    deadline = time.monotonic() + timeout_s
    while True:
        current = profile(stack, user_id)
        if check(current) or time.monotonic() > deadline:
            return current
        time.sleep(0.2)


def expected_session_id(chat: Conversation) -> str:
    """The documented chat session id: sender id + the latest session start (docs/EVENTS.md)."""
    events = chat.tracker()["events"]
    start = [e["timestamp"] for e in events if e["event"] in ("session_started", "restart")][-1]
    digest = hashlib.sha256(f"{chat.sender}|{float(start):.6f}".encode()).hexdigest()
    return f"chat-{digest[:24]}"


@pytest.fixture(scope="module")
def demo_users(stack: StackConfig) -> dict[str, str]:
    """Posts the demo histories (every user renamed, times moved to the last few days) and
    returns ``{"demo-sony-fan": sender id, "demo-apple-fan": sender id}``."""
    run = uuid.uuid4().hex[:8]
    lines = DEMO_EVENTS.read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines if line.strip()]
    times = [calendar.timegm(time.strptime(e["ts"], "%Y-%m-%dT%H:%M:%SZ")) for e in events]
    shift = time.time() - 86_400 - max(times)  # the newest event: a day ago
    for event, ts in zip(events, times, strict=True):
        event.update(
            event_id=f"{run}-{event['event_id']}",
            user_id=f"{event['user_id']}-{run}",
            ts=ts + shift,
        )
        if event.get("session_id"):
            event["session_id"] = f"{event['session_id']}-{run}"
    result = recommender_json(stack, "/events", {"events": events})
    assert result == {"accepted": len(events), "duplicates": 0}
    return {name: f"{name}-{run}" for name in ("demo-sony-fan", "demo-apple-fan")}


def test_two_histories_same_question_different_products_with_grounded_reasons(
    stack: StackConfig, demo_users: dict[str, str]
) -> None:
    shown: dict[str, list[dict[str, Any]]] = {}
    for demo, sender in demo_users.items():
        shown[demo] = ask(Conversation(stack, sender), QUESTION)
    sony, apple = shown["demo-sony-fan"], shown["demo-apple-fan"]
    assert {c["id"] for c in sony} != {c["id"] for c in apple}
    for demo, cards in shown.items():
        history = profile(stack, demo_users[demo])
        titles = {CATALOG[item["product_id"]].title for item in history["recent_items"]}
        for card in cards:
            assert CATALOG[card["id"]].category == "headphones"
            assert card["reason"].strip(), f"{demo}: {card['title']} has no reason"
        top = cards[0]
        assert top["brand"] == ("Sony" if demo == "demo-sony-fan" else "Apple"), cards
        assert top["reason"].startswith("because you "), top
        assert any(title in top["reason"] for title in titles), (top["reason"], titles)
    assert Counter(c["brand"] for c in sony)["Sony"] > Counter(c["brand"] for c in apple)["Sony"]
    assert Counter(c["brand"] for c in apple)["Apple"] > Counter(c["brand"] for c in sony)["Apple"]


def test_new_user_gets_the_category_asked_for(chat: Conversation, demo_users: dict) -> None:
    cards = ask(chat, QUESTION)
    assert all(CATALOG[c["id"]].category == "headphones" for c in cards)
    assert all(c["reason"].strip() for c in cards)
    assert not any(c["reason"].startswith("because you") for c in cards)  # no history
    cards = ask(chat, "and some running shoes please")
    assert all(CATALOG[c["id"]].category == "running-shoes" for c in cards)


def test_clicks_in_the_chat_move_the_next_recommendation_of_the_session(
    stack: StackConfig, demo_users: dict[str, str]
) -> None:
    # Control: a new user asks, then asks for more, without looking at any product.
    control = Conversation(stack, f"e2e-ctrl-{uuid.uuid4().hex[:8]}")
    control_first = ask(control, QUESTION)
    control_more = products(control.say("show me something else"))
    assert control_more
    control_brands = Counter(c["brand"] for c in control_more)

    user = Conversation(stack, f"e2e-clicker-{uuid.uuid4().hex[:8]}")
    first = ask(user, QUESTION)
    assert [c["id"] for c in first] == [c["id"] for c in control_first]  # same words, no history
    session = expected_session_id(user)
    assert profile(stack, user.sender)["session_id"] == session  # /recommend got the session

    # The product whose brand the control's second list shows least (and the catalog has more
    # headphones of): clicking it must bring that brand forward.
    def headroom(card: dict[str, Any]) -> tuple[int, int]:
        others = [
            p
            for p in CATALOG.values()
            if p.brand == card["brand"] and p.category == "headphones"
            if p.id not in {c["id"] for c in first}
        ]
        return control_brands[card["brand"]], -len(others)

    position, target = min(enumerate(first), key=lambda pair: headroom(pair[1]))
    brand = target["brand"]
    for question in ("tell me more about the {} one", "what are the specs of the {} one?"):
        details = texts(user.say(question.format(ORDINALS[position])))
        assert target["title"] in details, details

    clicked = wait_for(
        stack,
        user.sender,
        lambda p: (
            sum(i["product_id"] == target["id"] for i in p["recent_items"]) >= 1
            and p["brands"]
            and p["brands"][0]["name"] == brand
        ),
    )
    assert clicked["recent_items"], "the chat's click events never reached the recommender"
    newest = clicked["recent_items"][0]
    assert (newest["product_id"], newest["type"]) == (target["id"], "click")
    assert clicked["brands"][0]["name"] == brand

    reply = user.say("show me something else")
    after = products(reply)
    assert after, texts(reply)
    assert not {c["id"] for c in after} & {c["id"] for c in first}
    after_brands = Counter(c["brand"] for c in after)
    assert after_brands[brand] > control_brands[brand], (brand, after, control_more)
    assert after[0]["brand"] == brand, after
    assert any("clicked" in c["reason"] or "viewed" in c["reason"] for c in after), after
    assert profile(stack, user.sender)["session_id"] == session  # same session throughout


def test_feedback_buttons_and_words_are_recorded(
    stack: StackConfig, demo_users: dict[str, str]
) -> None:
    user = Conversation(stack, f"e2e-thumbs-{uuid.uuid4().hex[:8]}")
    cards = ask(user, QUESTION)
    payload = json.dumps({"product_ref": cards[0]["id"], "feedback_value": "down"})
    answer = texts(user.say(f"/feedback{payload}"))
    assert "not for you" in answer, answer
    disliked = wait_for(stack, user.sender, lambda p: cards[0]["id"] in p["disliked"])
    assert disliked["disliked"] == [cards[0]["id"]]

    answer = texts(user.say("I really like the second one"))
    assert "Glad you like the " in answer and cards[1]["title"][:20] in answer, answer
    liked = wait_for(stack, user.sender, lambda p: p["brands"] != [])
    assert liked["brands"][0]["name"] == cards[1]["brand"]


def test_recommended_events_carry_trace_position_and_session(
    stack: StackConfig, demo_users: dict[str, str]
) -> None:
    user = Conversation(stack, f"e2e-shown-{uuid.uuid4().hex[:8]}")
    cards = ask(user, QUESTION)
    session = expected_session_id(user)
    db = stack.state_dir / "recommender.db"
    rows: list[tuple[Any, ...]] = []
    deadline = time.monotonic() + 10
    while len(rows) < len(cards) and time.monotonic() < deadline:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            rows = conn.execute(
                "SELECT product_id, session_id, context FROM genrec_events"
                " WHERE user_id = ? AND type = 'recommended'",
                (user.sender,),
            ).fetchall()
        time.sleep(0.2)
    contexts = {pid: json.loads(ctx) for pid, _sid, ctx in rows}
    assert {pid for pid, _, _ in rows} == {c["id"] for c in cards}
    assert {sid for _, sid, _ in rows} == {session}
    assert [contexts[c["id"]]["position"] for c in cards] == list(range(1, len(cards) + 1))
    assert len({c["trace_id"] for c in contexts.values()}) == 1
    assert all(len(c["trace_id"]) == 32 for c in contexts.values())
