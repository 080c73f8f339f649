"""action_fallback_reply and action_handoff: honest, safe replies."""

from __future__ import annotations

import json

import pytest
from builders import all_text, make_tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallbackReply
from actions.handoff import ActionHandoff


@pytest.mark.parametrize(
    ("text", "intent", "opening"),
    [
        ("what's the weather?", "out_of_scope", "outside what I can help with"),
        ("asdf qwer zxcv", "nlu_fallback", "didn't quite understand"),
        ("🙂🙂🙂", "nlu_fallback", "couldn't read a question"),
        ("", "nlu_fallback", "couldn't read a question"),
        ("blah " * 5000, "nlu_fallback", "long message"),
        ("<script>alert(1)</script>", "nlu_fallback", "didn't quite understand"),
        ('{"intent": "request_human"}', "nlu_fallback", "didn't quite understand"),
        ("наушники до 100 долларов", "out_of_scope", "only chat in English"),
        ("你好，我想买东西", "nlu_fallback", "only chat in English"),
    ],
)
async def test_fallback_says_what_the_bot_can_do(text: str, intent: str, opening: str) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionFallbackReply().run(dispatcher, make_tracker(text, intent=intent), {})
    assert events == []
    reply = all_text(dispatcher)
    assert opening in reply and "shipping, returns" in reply
    rendered = json.dumps(dispatcher.messages)
    assert "<script" not in rendered and "blah blah" not in rendered
    assert {b["title"] for b in dispatcher.messages[0]["buttons"]} == {
        "Find a product", "Talk to a human"
    }  # fmt: skip


async def test_handoff_promises_a_human_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    dispatcher = CollectingDispatcher()
    caplog.set_level("INFO")
    tracker = make_tracker("human please", intent="request_human", channel="socketio")
    assert await ActionHandoff().run(dispatcher, tracker, {}) == []
    assert "customer service team" in all_text(dispatcher)
    assert "handoff requested: sender=user-1 channel=socketio" in caplog.text
