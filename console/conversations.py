"""Conversations as a reviewer reads them, built from Rasa's tracker events.

:func:`summarize` gives the facts the list filters on (channel, intents, lowest confidence,
fallback, handoff, negative feedback, reply sources, turn latencies); :func:`turns` gives
the conversation view: one turn per user message with its intent, confidence, entities, the
slots and actions that followed, the bot's messages (product cards included), the reply
source and the recommender's trace id.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FALLBACK_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
QUIET_ACTIONS = frozenset({"action_listen", "action_session_start", "action_extract_slots"})
MAX_HAYSTACK_CHARS = 50_000
# The assistant's actions and slots the review reads (actions/slots.py); conversations stored
# before they took the ``genrec_`` prefix carry the old names.
FALLBACK_ACTIONS = frozenset(
    {
        "action_genrec_fallback_reply",
        "action_fallback_reply",
        "action_default_fallback",
        "action_two_stage_fallback",
    }
)
HANDOFF_ACTIONS = frozenset({"action_genrec_handoff", "action_handoff"})
FEEDBACK_SLOTS = frozenset({"genrec_last_feedback", "last_feedback"})
REPLY_SOURCE_SLOTS = frozenset({"genrec_last_reply_source", "last_reply_source"})
TRACE_ID_SLOTS = frozenset({"genrec_last_trace_id", "last_trace_id"})


def _intent(event: dict[str, Any]) -> tuple[str | None, float | None]:
    intent = (event.get("parse_data") or {}).get("intent") or {}
    name = intent.get("name")
    confidence = intent.get("confidence")
    conf = float(confidence) if isinstance(confidence, (int, float)) else None
    return (str(name) if name else None), conf


def _products(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Product cards of a bot message: the web chat's custom payload or Messenger elements."""
    custom = data.get("custom") or {}
    items: Any = custom.get("products") if isinstance(custom, dict) else None
    if not items:
        attachment = data.get("attachment") or {}
        payload = attachment.get("payload") if isinstance(attachment, dict) else None
        items = (payload or {}).get("elements") if isinstance(payload, dict) else None
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            out.append(
                {k: item.get(k) for k in ("id", "title", "brand", "price", "currency", "reason")
                 if item.get(k) is not None}
            )  # fmt: skip
    return out


def bot_message(event: dict[str, Any]) -> dict[str, Any]:
    """A bot event as the page shows it: text, buttons, product cards, the agent if any."""
    data = event.get("data") or {}
    buttons = data.get("buttons") or data.get("quick_replies") or []
    message: dict[str, Any] = {
        "text": str(event.get("text") or ""),
        "ts": event.get("timestamp"),
        "buttons": [
            str(b.get("title") or b.get("payload") or "") for b in buttons if isinstance(b, dict)
        ],
        "products": _products(data if isinstance(data, dict) else {}),
    }
    agent = (event.get("metadata") or {}).get("agent")
    if agent:
        message["agent"] = str(agent)
    return message


@dataclass
class Summary:
    """What the conversation list shows and filters on."""

    sender_id: str
    started: float | None = None
    last: float | None = None
    channel: str = ""
    user_turns: int = 0
    intents: set[str] = field(default_factory=set)
    min_confidence: float | None = None
    fallback_turns: int = 0
    handoff: bool = False
    feedback: list[str] = field(default_factory=list)
    reply_sources: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    first_message: str = ""
    haystack: str = ""
    # (time, fallback?, latency ms or None) per user message; (time, value) per slot event.
    turn_log: list[tuple[float, bool, float | None]] = field(default_factory=list)
    reply_log: list[tuple[float, str]] = field(default_factory=list)
    feedback_log: list[tuple[float, str]] = field(default_factory=list)

    @property
    def fallback(self) -> bool:
        return self.fallback_turns > 0

    @property
    def negative_feedback(self) -> bool:
        return "down" in self.feedback

    def to_dict(self) -> dict[str, Any]:
        return {
            "sender_id": self.sender_id,
            "started": self.started,
            "last": self.last,
            "channel": self.channel,
            "user_turns": self.user_turns,
            "intents": sorted(self.intents),
            "min_confidence": self.min_confidence,
            "fallback": self.fallback,
            "handoff": self.handoff,
            "negative_feedback": self.negative_feedback,
            "reply_sources": dict(self.reply_sources),
            "median_latency_ms": (
                round(statistics.median(self.latencies_ms), 1) if self.latencies_ms else None
            ),
            "first_message": self.first_message,
        }


def summarize(sender_id: str, events: Iterable[dict[str, Any]]) -> Summary:
    """The summary of one conversation (all its sessions)."""
    s = Summary(sender_id)
    texts: list[str] = []
    user_ts: float | None = None
    last_bot_ts: float | None = None
    turn_fallback = False

    def close_turn() -> None:
        latency = None
        if user_ts is not None and last_bot_ts is not None and last_bot_ts >= user_ts:
            latency = (last_bot_ts - user_ts) * 1000
            s.latencies_ms.append(latency)
        if user_ts is not None:
            s.turn_log.append((user_ts, turn_fallback, latency))

    for event in events:
        kind = event.get("event")
        ts = event.get("timestamp")
        ts = float(ts) if isinstance(ts, (int, float)) else None
        if ts is not None:
            s.started = ts if s.started is None else min(s.started, ts)
            s.last = ts if s.last is None else max(s.last, ts)
        if kind == "user":
            close_turn()
            user_ts, last_bot_ts, turn_fallback = ts, None, False
            s.user_turns += 1
            text = str(event.get("text") or "")
            texts.append(text)
            if not s.first_message and text:
                s.first_message = text[:200]
            if not s.channel and event.get("input_channel"):
                s.channel = str(event["input_channel"])
            name, conf = _intent(event)
            if name:
                s.intents.add(name)
                turn_fallback = name in FALLBACK_INTENTS
            if conf is not None:
                s.min_confidence = conf if s.min_confidence is None else min(s.min_confidence, conf)
        elif kind == "bot":
            texts.append(str(event.get("text") or ""))
            if ts is not None and not (event.get("metadata") or {}).get("agent"):
                last_bot_ts = ts
        elif kind == "action":
            name = event.get("name")
            if name in FALLBACK_ACTIONS:
                turn_fallback = True
            elif name in HANDOFF_ACTIONS:
                s.handoff = True
        elif kind == "pause":
            s.handoff = True
        elif kind == "slot":
            if event.get("name") in FEEDBACK_SLOTS and event.get("value") in ("up", "down"):
                s.feedback.append(event["value"])
                s.feedback_log.append((ts or 0.0, event["value"]))
            elif event.get("name") in REPLY_SOURCE_SLOTS and event.get("value"):
                source = str(event["value"])
                s.reply_sources[source] = s.reply_sources.get(source, 0) + 1
                s.reply_log.append((ts or 0.0, source))
    close_turn()
    s.fallback_turns = sum(1 for _, fallback, _ in s.turn_log if fallback)
    s.haystack = "\n".join(texts).lower()[:MAX_HAYSTACK_CHARS]
    return s


def _slot_value(value: Any) -> Any:
    """Large slot values (lists of products) shortened for the page."""
    if isinstance(value, list) and len(value) > 5:
        return [*value[:5], f"... {len(value) - 5} more"]
    return value


def turns(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The conversation view: turn 0 holds what happened before the first user message."""
    out: list[dict[str, Any]] = [_new_turn(0, None)]
    for event in events:
        kind = event.get("event")
        turn = out[-1]
        if kind == "user":
            turn = _new_turn(len(out), event)
            out.append(turn)
        elif kind == "bot":
            turn["bot"].append(bot_message(event))
            ts = event.get("timestamp")
            if (
                turn["ts"] is not None
                and isinstance(ts, (int, float))
                and "agent" not in turn["bot"][-1]
            ):
                turn["latency_ms"] = round((float(ts) - turn["ts"]) * 1000, 1)
        elif kind == "action" and event.get("name") not in QUIET_ACTIONS:
            turn["actions"].append(str(event.get("name")))
        elif kind == "slot":
            name = str(event.get("name"))
            turn["slots"].append({"name": name, "value": _slot_value(event.get("value"))})
            if name in TRACE_ID_SLOTS and event.get("value"):
                turn["trace_id"] = str(event["value"])
            elif name in REPLY_SOURCE_SLOTS and event.get("value"):
                turn["reply_source"] = str(event["value"])
            elif name in FEEDBACK_SLOTS:
                turn["feedback"] = event.get("value")
        elif kind in ("pause", "resume", "restart", "session_started", "active_loop"):
            label = kind if kind != "active_loop" else f"form {event.get('name') or 'closed'}"
            turn["events"].append(label)
    if not any(out[0][k] for k in ("bot", "actions", "slots")):
        out.pop(0)
    return out


def _new_turn(index: int, event: dict[str, Any] | None) -> dict[str, Any]:
    turn: dict[str, Any] = {
        "turn": index,
        "ts": None, "text": None, "intent": None, "confidence": None, "intent_ranking": [],
        "entities": [], "channel": None,
        "slots": [], "actions": [], "bot": [], "events": [],
        "trace_id": None, "reply_source": None, "feedback": None, "latency_ms": None,
    }  # fmt: skip
    if event is None:
        return turn
    parse = event.get("parse_data") or {}
    name, conf = _intent(event)
    ts = event.get("timestamp")
    turn.update(
        ts=float(ts) if isinstance(ts, (int, float)) else None,
        text=str(event.get("text") or ""),
        intent=name,
        confidence=conf,
        channel=event.get("input_channel"),
        intent_ranking=[
            {"name": r.get("name"), "confidence": r.get("confidence")}
            for r in (parse.get("intent_ranking") or [])[:3]
            if isinstance(r, dict)
        ],
        entities=[
            {
                k: e.get(k)
                for k in ("entity", "value", "start", "end", "role", "group")
                if e.get(k) is not None
            }
            for e in (parse.get("entities") or [])
            if isinstance(e, dict)
        ],
    )
    return turn
