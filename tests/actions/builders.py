"""Builders for rasa-sdk objects used by the action tests."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(
    text: str = "",
    intent: str = "request_recommendation",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    new_slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    channel: str = "rest",
    sender_id: str = "user-1",
    message_id: str | None = None,
    timestamp: float | None = None,
    help_topic: tuple[str, float] | None = None,
) -> Tracker:
    """A tracker whose latest user message is ``text`` with ``intent`` and ``entities``.

    ``slots`` were set in earlier turns (their events come before the message), ``new_slots``
    were extracted from this message (after it), as Rasa orders them. ``message_id`` and
    ``timestamp`` of the message are left out unless given. ``help_topic`` (``("returns",
    0.9)``) is what the NLU's response selector chose, as Rasa reports it.
    """
    parse_data = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
    }
    if help_topic is not None:
        key, confidence = help_topic
        parse_data["response_selector"] = {
            "ask_faq": {
                "response": {
                    "intent_response_key": f"ask_faq/{key}",
                    "confidence": confidence,
                    "responses": [{"text": f"{key} answer"}],
                    "utter_action": f"utter_ask_faq/{key}",
                }
            }
        }
    user_event = {
        "event": "user",
        "text": text,
        "parse_data": parse_data,
        "input_channel": channel,
    }
    if message_id is not None:
        user_event["message_id"] = message_id
    if timestamp is not None:
        user_event["timestamp"] = timestamp
    before = [{"event": "slot", "name": k, "value": v} for k, v in (slots or {}).items()]
    after = [{"event": "slot", "name": k, "value": v} for k, v in (new_slots or {}).items()]
    history = [*(events or []), *before, user_event, *after]
    return Tracker.from_dict(
        {
            "sender_id": sender_id,
            "slots": {**(slots or {}), **(new_slots or {})},
            "latest_message": parse_data,
            "events": history,
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(value)}


def all_text(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
