"""Reading the assistant's slots out of stored conversations (console/conversations.py)."""

from __future__ import annotations

from typing import Any

import pytest

from console.conversations import summarize, turns


def _events(prefix: str) -> list[dict[str, Any]]:
    return [
        {"event": "user", "text": "headphones", "timestamp": 10.0,
         "parse_data": {"intent": {"name": "request_recommendation", "confidence": 0.9}}},
        {"event": "slot", "name": f"{prefix}last_trace_id", "value": "t-1", "timestamp": 10.5},
        {"event": "slot", "name": f"{prefix}last_reply_source", "value": "generated", "timestamp": 10.5},
        {"event": "slot", "name": f"{prefix}last_feedback", "value": "down", "timestamp": 11.0},
    ]  # fmt: skip


@pytest.mark.parametrize("prefix", ["genrec_", ""], ids=["current", "before-the-prefix"])
def test_review_reads_trace_source_and_feedback_slots(prefix: str) -> None:
    turn = turns(_events(prefix))[-1]
    assert (turn["trace_id"], turn["reply_source"], turn["feedback"]) == (
        "t-1",
        "generated",
        "down",
    )
    summary = summarize("s", _events(prefix))
    assert summary.feedback == ["down"]
    assert summary.reply_sources == {"generated": 1}


def test_other_slots_are_not_read_as_feedback() -> None:
    events = [{"event": "slot", "name": "feedback", "value": "down", "timestamp": 1.0}]
    assert summarize("s", events).feedback == []


@pytest.mark.parametrize("prefix", ["genrec_", ""], ids=["current", "before-the-prefix"])
def test_review_counts_fallbacks_and_handoffs_under_either_action_name(prefix: str) -> None:
    events = [
        {"event": "user", "text": "blorp", "timestamp": 1.0,
         "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.3}}},
        {"event": "action", "name": f"action_{prefix}fallback_reply", "timestamp": 1.1},
        {"event": "user", "text": "a person please", "timestamp": 2.0,
         "parse_data": {"intent": {"name": "request_human", "confidence": 0.9}}},
        {"event": "action", "name": f"action_{prefix}handoff", "timestamp": 2.1},
    ]  # fmt: skip
    summary = summarize("s", events)
    assert summary.handoff is True and summary.fallback_turns >= 1
