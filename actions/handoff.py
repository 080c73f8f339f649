"""``action_handoff``: tell the user a human colleague will take over, and log the request.

For now the bot keeps answering; pausing the conversation and queueing it for an agent
console comes later (see DESIGN.md, "Fallbacks").
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)

HANDOFF_TEXT = (
    "Sure, I've asked a member of our customer service team to take over. They will reply "
    "right here in this chat as soon as they can (they can see our conversation, so you "
    "don't need to repeat anything). Until then I'm still here if you want to keep looking "
    "at products."
)


class ActionHandoff(Action):
    """Promises a human reply in this chat and logs the request for the support team."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        logger.info(
            "handoff requested: sender=%s channel=%s intent=%s",
            tracker.sender_id,
            tracker.get_latest_input_channel(),
            intent,
        )
        dispatcher.utter_message(text=HANDOFF_TEXT)
        return []
