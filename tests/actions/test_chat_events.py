"""actions.chat_events: session ids, deterministic event ids, shapes, background sending."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from builders import make_tracker

from actions import chat_events
from actions.api import RecommenderClient
from actions.settings import load_actions_config, set_settings
from conftest import FakeRecommender
from genrec_core.settings import SettingsError

START = 1_764_300_000.0


def started(ts: float = START) -> dict:
    return {"event": "session_started", "timestamp": ts}


def tracker_at(
    *events: dict, sender: str = "user-1", message_id: str = "m1", ts: float = START + 60
):
    return make_tracker(
        "hi", events=list(events), sender_id=sender, message_id=message_id, timestamp=ts
    )


def test_session_id_is_stable_within_a_session() -> None:
    first = chat_events.session_id(tracker_at(started(), message_id="m1"))
    later = chat_events.session_id(
        tracker_at(started(), {"event": "bot", "text": "hello", "timestamp": START + 5},
                   message_id="m7", ts=START + 900)
    )  # fmt: skip
    assert first == later
    assert first.startswith("chat-") and len(first) <= 128


def test_session_id_changes_with_a_new_session_a_restart_or_another_user() -> None:
    base = chat_events.session_id(tracker_at(started()))
    new_session = chat_events.session_id(tracker_at(started(), started(START + 7200)))
    restarted = chat_events.session_id(
        tracker_at(started(), {"event": "restart", "timestamp": START + 30})
    )
    other_user = chat_events.session_id(tracker_at(started(), sender="user-2"))
    assert len({base, new_session, restarted, other_user}) == 4


def test_session_id_without_a_session_start_is_still_stable() -> None:
    assert chat_events.session_id(tracker_at()) == chat_events.session_id(tracker_at())


def test_session_id_with_an_odd_timestamp_does_not_raise() -> None:
    odd = {"event": "session_started", "timestamp": "2026-11-29T00:00:00Z"}
    assert chat_events.session_id(tracker_at(odd)) != chat_events.session_id(tracker_at())


def test_event_ids_are_deterministic_per_sender_turn_type_product() -> None:
    tracker = tracker_at(started())
    same = chat_events.click(tracker, "hp-1", 1)
    assert chat_events.click(tracker, "hp-1", 1)["event_id"] == same["event_id"]
    others = [
        chat_events.click(tracker, "hp-2", 2),
        chat_events.click(tracker_at(started(), message_id="m2"), "hp-1", 1),
        chat_events.click(tracker_at(started(), sender="user-2"), "hp-1", 1),
        chat_events.feedback(tracker, "up", "hp-1"),
        chat_events.feedback(tracker, "down", "hp-1"),
    ]
    ids = {same["event_id"], *(e["event_id"] for e in others)}
    assert len(ids) == 6
    assert all(len(i) <= 128 for i in ids)


def test_recommended_events_have_positions_trace_and_the_turn_time() -> None:
    tracker = tracker_at(started(), ts=START + 61.5)
    events = chat_events.recommended(tracker, ["hp-2", "hp-4"], "t" * 32)
    session = chat_events.session_id(tracker)
    assert [e["product_id"] for e in events] == ["hp-2", "hp-4"]
    for position, event in enumerate(events, start=1):
        assert event["type"] == "recommended"
        assert event["user_id"] == "user-1" and event["session_id"] == session
        assert event["ts"] == START + 61.5
        assert event["context"] == {"trace_id": "t" * 32, "position": position}
    assert "trace_id" not in chat_events.recommended(tracker, ["hp-2"], "")[0]["context"]


def test_feedback_shapes() -> None:
    tracker = tracker_at(started())
    on_product = chat_events.feedback(tracker, "down", "hp-3", 2, "abc")
    assert on_product["type"] == "feedback" and on_product["product_id"] == "hp-3"
    assert on_product["context"] == {"value": "down", "trace_id": "abc", "position": 2}
    general = chat_events.feedback(tracker, "up")
    assert "product_id" not in general and general["context"] == {"value": "up"}
    with pytest.raises(AssertionError):
        chat_events.feedback(tracker, "sideways")


async def test_emit_sends_one_batch_and_a_resend_counts_once(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    batch = chat_events.recommended(tracker_at(started()), ["hp-1", "hp-2", "hp-3"], "t" * 32)
    chat_events.emit(batch)
    chat_events.emit(batch)  # e.g. the action ran again for the same turn
    await chat_events.drain()
    assert fake.paths() == ["/events", "/events"]
    assert fake.bodies("/events")[0] == {"events": batch}
    assert len(fake.event_ids) == 3


async def test_emit_returns_at_once_when_the_recommender_is_slow(
    client: RecommenderClient, fake: FakeRecommender, caplog: pytest.LogCaptureFixture
) -> None:
    fake.mode, fake.delay_s = "slow", 3.0
    began = time.perf_counter()
    chat_events.emit([chat_events.click(tracker_at(started()), "hp-1", 1)])
    assert time.perf_counter() - began < 0.05
    with caplog.at_level(logging.WARNING, logger="actions.chat_events"):
        await chat_events.drain()
    assert time.perf_counter() - began < chat_events.events_timeout() + 0.5
    assert "dropped 1 chat events ['click']" in caplog.text


async def test_dead_recommender_does_not_raise(
    down_client: RecommenderClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="actions.chat_events"):
        chat_events.emit([chat_events.feedback(tracker_at(started()), "up", "hp-1")])
        await chat_events.drain()
        await asyncio.sleep(0)
    assert "dropped 1 chat events ['feedback']" in caplog.text


async def test_rejected_batch_is_logged_and_dropped(
    client: RecommenderClient, fake: FakeRecommender, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="actions.chat_events"):
        chat_events.emit([chat_events.click(tracker_at(started()), "no-such-product")])
        await chat_events.drain()
    assert "unknown product" in caplog.text and not fake.event_ids


def test_events_timeout_from_the_settings() -> None:
    assert chat_events.events_timeout() == 1.0
    try:
        set_settings(load_actions_config(env={"RECOMMENDER_EVENTS_TIMEOUT_S": "0.25"}))
        assert chat_events.events_timeout() == 0.25
    finally:
        set_settings(None)
    for bad in ("abc", "-1", "0"):
        with pytest.raises(SettingsError) as err:
            load_actions_config(env={"RECOMMENDER_EVENTS_TIMEOUT_S": bad})
        assert err.value.key == "recommender.events_timeout_s"
