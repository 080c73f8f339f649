"""``action_genrec_greet``: the welcome, for a greeting and for a widget's ``/get_started``."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from .capabilities import capabilities


class ActionGreet(Action):
    """Says hello and what the assistant can do, in the words of the shop's catalog."""

    def name(self) -> str:
        return "action_genrec_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        can = await capabilities()
        dispatcher.utter_message(
            text=f"Hi! I'm the shop's assistant. {can} What are you looking for?"
        )
        return []
