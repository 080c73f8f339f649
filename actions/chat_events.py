"""Behaviour events from the chat: ``recommended``, ``click`` and ``feedback`` (docs/EVENTS.md).

Every event carries the Rasa sender id as ``user_id`` and the conversation session's id
(:func:`session_id`). Event ids are hashes of sender, turn, type and product, so an action
that runs again for the same turn sends the same ids and the recommender counts them once.
Events go out in the background, one batch per action, with a short time budget: a slow or
dead recommender costs the turn nothing, and a failed send is logged and dropped.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rasa_sdk import Tracker

from .api import RecommenderCallError, RecommenderClient, get_client
from .settings import get_settings

logger = logging.getLogger(__name__)

SESSION_MARKERS = frozenset({"session_started", "restart"})
MAX_ID_CHARS = 128
_pending: set[asyncio.Task[None]] = set()


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def session_id(tracker: Tracker) -> str:
    """Stable id of the current Rasa conversation session.

    ``chat-`` + a hash of the sender id and the timestamp of the tracker's latest
    ``session_started`` (or ``restart``) event: the same for every turn of a session, new
    after a restart or when Rasa starts a new session (``session_expiration_time``).
    """
    started = "-"
    for event in reversed(tracker.events):
        if event.get("event") in SESSION_MARKERS and event.get("timestamp") is not None:
            stamp = event["timestamp"]
            started = f"{stamp:.6f}" if isinstance(stamp, (int, float)) else str(stamp)
            break
    return f"chat-{_digest(tracker.sender_id, started)[:24]}"


def turn(tracker: Tracker) -> tuple[str, float]:
    """``(turn key, time)`` of the latest user message: its ``message_id`` and timestamp."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            stamp = event.get("timestamp")
            ts = float(stamp) if isinstance(stamp, (int, float)) else time.time()
            return str(event.get("message_id") or f"t{ts:.6f}"), ts
    now = time.time()
    return f"t{now:.6f}", now


def make_event(
    tracker: Tracker,
    kind: str,
    product_id: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One event of ``kind`` for this turn; its id is deterministic for (sender, turn, kind,
    product, feedback value)."""
    key, ts = turn(tracker)
    ctx = {k: v for k, v in (context or {}).items() if v not in (None, "")}
    value = ctx.get("value", "")
    event: dict[str, Any] = {
        "event_id": f"chat-{_digest(tracker.sender_id, key, kind, product_id or '', value)[:32]}",
        "user_id": (tracker.sender_id or "anonymous")[:MAX_ID_CHARS],
        "session_id": session_id(tracker),
        "type": kind,
        "ts": round(ts, 3),
    }
    if product_id:
        event["product_id"] = product_id
    if ctx:
        event["context"] = ctx
    return event


def recommended(
    tracker: Tracker, product_ids: Sequence[str], trace_id: str = ""
) -> list[dict[str, Any]]:
    """A ``recommended`` event per product shown, with its 1-based position and trace id."""
    return [
        make_event(tracker, "recommended", pid, {"trace_id": trace_id, "position": i})
        for i, pid in enumerate(product_ids, start=1)
    ]


def click(
    tracker: Tracker, product_id: str, position: int | None = None, trace_id: str = ""
) -> dict[str, Any]:
    """The user asked about a product (a card's details button or "the second one")."""
    return make_event(tracker, "click", product_id, {"trace_id": trace_id, "position": position})


def feedback(
    tracker: Tracker,
    value: str,
    product_id: str | None = None,
    position: int | None = None,
    trace_id: str = "",
) -> dict[str, Any]:
    """Thumbs ``"up"`` or ``"down"``, on a product or (kept for review only) on none."""
    assert value in ("up", "down"), f"feedback value must be up or down, not {value!r}"
    context = {"value": value, "trace_id": trace_id, "position": position}
    return make_event(tracker, "feedback", product_id, context)


def emit(events: Iterable[Mapping[str, Any]], client: RecommenderClient | None = None) -> None:
    """Sends ``events`` in the background as one batch; returns at once."""
    batch = [dict(e) for e in events]
    if not batch:
        return
    task = asyncio.get_running_loop().create_task(_send(client or get_client(), batch))
    _pending.add(task)
    task.add_done_callback(_pending.discard)


def events_timeout() -> float:
    """``recommender.events_timeout_s`` (``RECOMMENDER_EVENTS_TIMEOUT_S``, default 1 s): the
    budget of one events batch."""
    return get_settings().recommender.events_timeout_s


async def _send(client: RecommenderClient, batch: list[dict[str, Any]]) -> None:
    kinds = sorted({e["type"] for e in batch})
    try:
        result = await client.post_events(batch, timeout_s=events_timeout())
    except RecommenderCallError as exc:
        logger.warning("dropped %d chat events %s: %s", len(batch), kinds, exc)
    except Exception:  # a background task: nothing above it would log the failure
        logger.exception("dropped %d chat events %s", len(batch), kinds)
    else:
        logger.debug("sent %d chat events %s: %s", len(batch), kinds, result)


async def drain(timeout_s: float = 5.0) -> None:
    """Waits for the events still being sent (tests, shutdown)."""
    if _pending:
        await asyncio.wait(list(_pending), timeout=timeout_s)
