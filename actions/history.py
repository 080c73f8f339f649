"""Reads the conversation so far from tracker events: the transcript and the user-turn count."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MAX_TRANSCRIPT_MESSAGES = 100
MAX_MESSAGE_CHARS = 2_000


def _bot_text(event: Mapping[str, Any]) -> str:
    text = event.get("text") or ""
    if text:
        return str(text)
    data = event.get("data") or {}
    if data.get("custom") or data.get("attachment") or data.get("elements"):
        return "[cards]"
    return ""


def transcript(
    events: Iterable[Mapping[str, Any]], limit: int = MAX_TRANSCRIPT_MESSAGES
) -> list[dict[str, Any]]:
    """The last ``limit`` user and bot messages, oldest first.

    Each item is ``{"role": "user"|"bot", "text": str, "ts": float|None}`` (plus ``intent``
    for user messages); texts are cut to ``MAX_MESSAGE_CHARS``. Button payloads the user
    clicked (``/request_human``) are kept as sent.
    """
    out: list[dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind == "user":
            item: dict[str, Any] = {"role": "user", "text": str(event.get("text") or "")}
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent:
                item["intent"] = intent
        elif kind == "bot":
            text = _bot_text(event)
            if not text:
                continue
            item = {"role": "bot", "text": text}
        else:
            continue
        item["text"] = item["text"][:MAX_MESSAGE_CHARS]
        item["ts"] = event.get("timestamp")
        out.append(item)
    return out[-limit:]


def user_turns(events: Iterable[Mapping[str, Any]]) -> int:
    """How many user messages the tracker holds (the current one included)."""
    return sum(1 for event in events if event.get("event") == "user")
