"""A turn never crashes: unexpected errors in an action are logged and answered politely."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)


class TurnGuard:
    """Mixin for a rasa-sdk ``Action``: ``run`` calls ``answer``; if that raises, the error is
    logged with the sender id, the user gets ``failure_text`` and the turn goes on.

    Expected failures (the recommender down or slow) are handled inside ``answer``; this is
    the net under bugs. Not an ``Action`` subclass itself, so rasa-sdk does not register it.
    """

    failure_text = "Sorry, something went wrong. Please try again in a moment."

    def name(self) -> str:  # provided by the action class
        raise NotImplementedError

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The action's work; returns its events."""
        raise NotImplementedError

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            return await self.answer(dispatcher, tracker)
        except Exception:
            logger.exception("%s failed for %s", self.name(), tracker.sender_id)
            dispatcher.utter_message(text=self.failure_text)
            return []
