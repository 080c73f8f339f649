"""``action_genrec_answer_question``: out-of-scope, yes and no turns, read in context first.

After the bot asks "Any brand you prefer?", shoppers answer in ways an intent classifier
files anywhere: "only Acer" or "probably Panasonic, i trust them" (out of scope), "definitely
laptop" (affirm), "dunno really" (deny). The rules send every out-of-scope, yes and no turn
here. While a question is open (slot ``asked``) the recommender first reads the message as
its answer; when it finds one, the search goes on. A "no" or "dunno" declines the question
("any"); a "yes" answers a yes/no question. Otherwise the turn gets what the intent always
gets: the polite out-of-scope answer, or "Great!" / "No problem." (responses in the domain).
(Low-confidence turns go to ``action_genrec_fallback_reply``, which probes the recommender itself.)
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from genrec_core.answers import apply_answer, asks_for_products, asks_something, is_any

from .fallback import ActionFallbackReply
from .guard import TurnGuard
from .scope import ActionOutOfScope
from .search import preferences, run_search, search_in_context
from .slots import ASKED

#: What a bare "yes"/"no" means for a yes/no question about an attribute.
YES_NO = {"affirm": "yes", "deny": "no"}
DECLINES = frozenset({"deny"})


def may_want_products(text: str) -> bool:
    """A request, or a question that asks for products: worth asking the recommender about
    ("tell me a joke about headphones" is neither)."""
    return not asks_something(text) or asks_for_products(text)


class ActionAnswerQuestion(TurnGuard, Action):
    """Reads the latest message as the answer to the open question, else answers it as usual."""

    def name(self) -> str:
        return "action_genrec_answer_question"

    failure_text = "Sorry, something went wrong. Could you say that again?"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        text = (tracker.latest_message.get("text") or "").strip()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        asked = tracker.get_slot(ASKED)
        prefs = preferences(tracker)
        if isinstance(asked, str) or (intent == "out_of_scope" and may_want_products(text)):
            # an answer to the open question, or a need the NLU filed as out of scope
            # ("something to play music on a long flight"): the recommender judges (probe)
            found = await search_in_context(dispatcher, tracker)
            if found is not None:
                return found
        if text and isinstance(asked, str):
            value = None
            if is_any(text) or (intent in DECLINES and not asked.startswith("attributes.")):
                value = "any"  # "dunno really", "no": the shopper skips the question
            elif intent in YES_NO and asked.startswith("attributes."):
                value = YES_NO[intent]  # "yes" to "Do you need GPS?"
            if value is not None:
                return (
                    await run_search(dispatcher, tracker, apply_answer(prefs, asked, value)) or []
                )
        return await self._as_usual(intent, dispatcher, tracker)

    @staticmethod
    async def _as_usual(
        intent: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        if intent == "out_of_scope":
            return await ActionOutOfScope().run(dispatcher, tracker, {})
        if intent == "affirm":
            dispatcher.utter_message(response="utter_affirm_reply")
            return []
        if intent == "deny":
            dispatcher.utter_message(response="utter_deny_reply")
            return []
        return await ActionFallbackReply().run(dispatcher, tracker, {})  # any other intent
