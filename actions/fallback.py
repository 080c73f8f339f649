"""``action_fallback_reply``: an honest answer when the bot did not understand or can't help."""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.payloads import intent_payload

logger = logging.getLogger(__name__)

LONG_MESSAGE_CHARS = 1_000
CAPABILITIES = (
    'I can help you find products (for example "wireless headphones under $100") and '
    "answer questions about shipping, returns, payment, order status and warranty."
)
BUTTONS = [
    {"title": "Find a product", "payload": intent_payload("request_recommendation")},
    {"title": "Talk to a human", "payload": intent_payload("request_human")},
]


def _has_words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", text))


def _mostly_non_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(not ch.isascii() for ch in letters) > len(letters) / 2


class ActionFallbackReply(Action):
    """Says what the bot can do, without repeating what the user wrote."""

    def name(self) -> str:
        return "action_fallback_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "out_of_scope" and not _mostly_non_latin(text):
            opening = "That's outside what I can help with, sorry."
        elif len(text) > LONG_MESSAGE_CHARS:
            opening = "That's a long message! Could you tell me in one sentence what you need?"
        elif not _has_words(text):
            opening = "Sorry, I couldn't read a question in that."
        elif _mostly_non_latin(text):
            opening = "Sorry, I can only chat in English for now."
        else:
            opening = "Sorry, I didn't quite understand that."
        logger.info("fallback for %s: intent=%s chars=%d", tracker.sender_id, intent, len(text))
        dispatcher.utter_message(
            text=f"{opening} {CAPABILITIES} I can also connect you with a human colleague.",
            buttons=BUTTONS,
        )
        return []
