"""Tickets whose handoff is over on Rasa's side: the session restarted, or the bot is back.

Rasa un-pauses a conversation when a new session starts (after ``session_expiration_time``,
on the user's next message) or on ``/restart``; another console may also have resumed it.
Such a ticket can no longer be answered, so it is marked ``expired``: by a periodic check of
the open tickets, and before an agent's reply or resume (which then get a 409).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiohttp import web

from console.errors import ConflictError, StoreUnavailableError, UpstreamError
from console.keys import CONFIG, RASA, STORE
from console.threads import blocking

logger = logging.getLogger(__name__)

RESTART_EVENTS = ("restart", "session_started")


def stale_reason(
    state: dict[str, Any], created_at: float, now: float, grace_s: float
) -> str | None:
    """Why the ticket's handoff is over (``None``: the conversation is still handed over).

    Args:
        state: Rasa's tracker (``GET /conversations/{id}/tracker?include_events=ALL``).
        created_at: when the handoff action built the ticket.
        now: the current time.
        grace_s: how long a fresh ticket may see an unpaused tracker (the action posts the
            ticket before Rasa applies its ``pause`` event).
    """
    for event in state.get("events") or []:
        if event.get("event") in RESTART_EVENTS and (event.get("timestamp") or 0) > created_at:
            return "session_restarted"
    if not state.get("paused") and now - created_at > grace_s:
        return "not_paused"
    return None


async def expire_if_stale(app: web.Application, ticket: dict[str, Any]) -> str | None:
    """Mark ``ticket`` expired if its handoff is over; returns the reason or ``None``.

    Raises:
        UpstreamError: Rasa unreachable (nothing changes).
    """
    state = await app[RASA].tracker(ticket["sender_id"])
    reason = stale_reason(state, ticket["created_at"], time.time(), app[CONFIG].expiry.grace_s)
    if reason is None:
        return None
    if await blocking(app[STORE].expire, ticket["ticket_id"], reason):
        logger.info("ticket %s expired: %s", ticket["ticket_id"], reason)
    return reason


async def ensure_still_paused(app: web.Application, ticket: dict[str, Any]) -> None:
    """Before an agent acts: 409 (and the ticket expired) if the handoff is over."""
    reason = await expire_if_stale(app, ticket)
    if reason:
        detail = "session restarted" if reason == "session_restarted" else "bot resumed"
        raise ConflictError(f"conversation no longer paused ({detail}); ticket expired", "status")


async def expire_open_tickets(app: web.Application) -> list[str]:
    """Check every waiting/claimed ticket once; returns the ids that expired."""
    tickets = await blocking(app[STORE].list_tickets, ("waiting", "claimed"))
    expired = []
    for ticket in tickets:
        try:
            if await expire_if_stale(app, ticket):
                expired.append(ticket["ticket_id"])
        except UpstreamError as exc:
            logger.warning("expiry check skipped, %s", exc.message)
            break
    return expired


async def expiry_loop(app: web.Application) -> None:
    """Run :func:`expire_open_tickets` every ``expiry.interval_s`` (errors are logged)."""
    while True:
        await asyncio.sleep(app[CONFIG].expiry.interval_s)
        try:
            await expire_open_tickets(app)
        except StoreUnavailableError as exc:
            logger.warning("expiry check skipped, %s", exc.message)
        except Exception:
            logger.exception("expiry check failed; will retry")
