"""``action_out_of_scope``: a polite "not here" for chit-chat and other topics.

Sports scores, the weather, recipes or code get an honest answer that this is a shop's
assistant and what it can do instead: no products, no handoff. A store question the NLU
filed here by mistake still gets its help text when the knowledge base is sure.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from genrec_core.answers import asks_for_products

from .capabilities import capabilities
from .fallback import unreadable_reason
from .help_topics import ask_faq, help_words, kb_or_agreed
from .search import search_in_context
from .slots import FALLBACK_STREAK

logger = logging.getLogger(__name__)


class ActionOutOfScope(Action):
    """Admits the topic is out of scope and says what the bot can do."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        opening = unreadable_reason(text)
        if opening is None:
            answer = await ask_faq(text, tracker.sender_id)
            passage, response = kb_or_agreed(tracker, answer, text)
            if passage is not None:
                dispatcher.utter_message(text=passage)
                return [SlotSet(FALLBACK_STREAK, None)]
            response = response if help_words(text) else None
            if response is not None:  # "how do I unsubscribe from your emails?"
                dispatcher.utter_message(response=response)
                return [SlotSet(FALLBACK_STREAK, None)]
            if asks_for_products(text):  # "whats good for a coding bootcamp": the catalog judges
                found = await search_in_context(dispatcher, tracker)
                if found is not None:
                    return found
            opening = "Sorry, that's not something I can help with here: I'm the shop's assistant."
        logger.info("out of scope for %s (%d chars)", tracker.sender_id, len(text))
        dispatcher.utter_message(text=f"{opening} {await capabilities()}")
        return []
