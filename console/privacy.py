"""Forgetting in the console's part of the system: a user's tickets, reviews, annotations
and Rasa conversation (``DELETE /api/users/{id}``), and retention (``POST /api/purge``).

The recommender calls these from its ``DELETE /users/{id}`` and ``forget``/``purge``
commands (docs/PRIVACY.md). SQLite files are written with ``secure_delete`` and vacuumed.
"""

from __future__ import annotations

import time
from typing import Any

from console.review import SummaryCache
from console.reviews import ReviewStore
from console.store import TicketStore
from console.trackers import TrackerStoreReader

DAY_S = 86_400.0


def forget_sender(
    sender_id: str,
    tickets: TicketStore,
    reviews: ReviewStore,
    trackers: TrackerStoreReader,
    cache: SummaryCache | None = None,
) -> dict[str, Any]:
    """Delete everything the console and Rasa's tracker store hold about ``sender_id``."""
    counts: dict[str, Any] = {}
    counts.update(tickets.forget(sender_id))
    counts.update(reviews.forget(sender_id))
    tickets.compact()
    counts["conversation_events"] = trackers.forget(sender_id)
    if cache is not None:
        cache.forget(sender_id)
    return counts


def purge(
    older_than_days: float,
    tickets: TicketStore,
    reviews: ReviewStore,
    trackers: TrackerStoreReader,
    cache: SummaryCache | None = None,
    now: float | None = None,
) -> dict[str, Any]:
    """Forget every sender whose conversation and tickets are older than the cutoff."""
    cutoff = (time.time() if now is None else now) - older_than_days * DAY_S
    stale_tickets = set(tickets.inactive_senders(cutoff))
    active_tickets = set(tickets.inactive_senders(float("inf"))) - stale_tickets
    stale_chats = set(trackers.inactive(cutoff))
    active_chats = set(trackers.versions()) - stale_chats
    senders = sorted((stale_tickets | stale_chats) - active_chats - active_tickets)
    totals: dict[str, Any] = {"senders": len(senders)}
    for sender in senders:
        for key, n in forget_sender(sender, tickets, reviews, trackers, cache).items():
            totals[key] = totals.get(key, 0) + n
    return totals
