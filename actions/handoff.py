"""``action_genrec_handoff``: pause the bot and open a ticket for a human agent (docs/HANDOFF.md).

The ticket carries the transcript, the slots and the user's profile summary from the
recommender; it goes to the agent console, or to the spool file when the console is down
(:mod:`actions.api.console_client`). Whatever fails, the user is told what happens next and
the conversation is paused (``ConversationPaused``): Rasa then answers nothing until an
agent hands the conversation back (``ConversationResumed``).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from genrec_core.pii import redact_value

from .api import RecommenderCallError, get_client
from .api.console_client import get_console
from .help_topics import ask_faq, faq_reply
from .history import transcript
from .slots import FALLBACK_STREAK, HUMAN_OFFERED, LAST_PRODUCTS

logger = logging.getLogger(__name__)

HANDOFF_TEXT = (
    "I've asked a member of our customer service team to take over. They will reply right "
    "here in this chat as soon as they can, and they can see our conversation, so you don't "
    "need to repeat anything. Until they hand you back to me, I'll stay quiet."
)
# Asked of the shop's own help texts on every handoff: when a person will answer.
HOURS_QUESTION = "When is your customer service team available?"
REASON_TEXT = {
    "repeated_fallback": "I'm sorry I couldn't help with that. ",
    "negative": "I'm sorry this has been frustrating. ",
}
# Slots that only make sense to the bot, or repeat what the transcript shows.
HIDDEN_SLOTS = frozenset(
    {
        LAST_PRODUCTS,
        FALLBACK_STREAK,
        HUMAN_OFFERED,
        "requested_slot",
        "session_started_metadata",
    }
)


async def _profile(sender_id: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        profile = await get_client().profile(sender_id)
    except RecommenderCallError as exc:
        logger.warning("handoff without profile for %s: %s", sender_id, exc)
        return None, str(exc)
    return profile, None if profile is not None else "unknown user"


async def build_ticket(tracker: Tracker, reason: str) -> dict[str, Any]:
    """The ticket for this conversation (JSON-ready, shape in docs/HANDOFF.md), with PII in
    the transcript, slots and profile replaced by placeholders before it leaves the action
    server (to the console, or to the spool file when the console is down)."""
    profile, profile_error = await _profile(tracker.sender_id)
    slots = {
        k: v
        for k, v in tracker.current_slot_values().items()
        if k not in HIDDEN_SLOTS and v is not None
    }
    return {
        "ticket_id": uuid.uuid4().hex,
        "sender_id": tracker.sender_id,
        "channel": tracker.get_latest_input_channel() or "",
        "reason": reason,
        "created_at": time.time(),
        "transcript": redact_value(transcript(tracker.events)),
        "slots": redact_value(slots),
        "profile": redact_value(profile),
        "profile_error": profile_error,
    }


async def service_hours(sender_id: str) -> str:
    """The help texts' passage on when the team answers (with its source), when they have
    one they are sure of; "" otherwise (or when the recommender cannot be reached)."""
    answer = await ask_faq(HOURS_QUESTION, sender_id)
    if answer is None or not answer.answered or not answer.answer:
        return ""
    # one message: socket.io channels split a text on blank lines into several messages
    return " " + re.sub(r"\n\s*\n", " ", faq_reply(answer))


async def hand_off(
    dispatcher: CollectingDispatcher, tracker: Tracker, reason: str
) -> list[EventType]:
    """Open a ticket, tell the user, and return the events that pause the conversation.

    Args:
        dispatcher: where the message to the user goes.
        tracker: the conversation.
        reason: ``requested`` (the user asked), ``repeated_fallback`` or ``negative``.
    """
    ticket = await build_ticket(tracker, reason)
    delivery = await get_console().open_ticket(ticket)
    logger.info(
        "handoff: sender=%s channel=%s reason=%s ticket=%s via=%s",
        tracker.sender_id,
        ticket["channel"],
        reason,
        ticket["ticket_id"],
        delivery.via,
    )
    hours = await service_hours(tracker.sender_id)
    dispatcher.utter_message(text=REASON_TEXT.get(reason, "") + HANDOFF_TEXT + hours)
    events: list[EventType] = [SlotSet(HUMAN_OFFERED, False)]
    if tracker.active_loop.get("name"):
        events += [ActiveLoop(None), SlotSet("requested_slot", None)]
    return [*events, ConversationPaused()]


class ActionHandoff(Action):
    """Hands the conversation to a person: ticket, message, pause."""

    def name(self) -> str:
        return "action_genrec_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return await hand_off(dispatcher, tracker, "requested")
