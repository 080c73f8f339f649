"""``action_genrec_greet``: the welcome, for a greeting and for a widget's ``/get_started``.

A greeting that carries more ("Hi, what's the number for your help desk?", "hey, any
running shoes for flat feet?") gets that answered instead: the help text when the knowledge
base is sure or, on a message with help words, agrees with the NLU; else the products it
asks for.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from genrec_core.pleasantries import after_greeting

from .capabilities import capabilities
from .help_topics import answer_help_request, help_words
from .search import search_in_context


class ActionGreet(Action):
    """Says hello and what the assistant can do, in the words of the shop's catalog."""

    def name(self) -> str:
        return "action_genrec_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rest = after_greeting(tracker.latest_message.get("text") or "")
        if len(rest.split()) >= 3:
            # the NLU's topic only with help words: not for "how are you doing today?"
            answered = await answer_help_request(
                dispatcher, tracker, rest, agreement=help_words(rest), selector_alone=False
            )
            if answered:
                return []
            found = await search_in_context(dispatcher, tracker)
            if found is not None:
                return found
        can = await capabilities()
        dispatcher.utter_message(
            text=f"Hi! I'm the shop's assistant. {can} What are you looking for?"
        )
        return []
