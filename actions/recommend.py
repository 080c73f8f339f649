"""``action_genrec_recommend_products``: show products for what the shopper said, then ask one thing."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from .guard import TurnGuard
from .help_topics import answer_help_request, asks_for_help, may_ask_for_help
from .search import answered_by_buttons, is_button, preferences, run_search, same_search
from .search import shown_ids as shown


async def _answered_as_help(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> bool:
    """Answers a help question filed as a product request; a question with no help words
    ("is my card info stored encrypted?") only with a passage the help texts are sure of."""
    if asks_for_help(text):
        return await answer_help_request(dispatcher, tracker, text)
    if may_ask_for_help(text):
        return await answer_help_request(
            dispatcher, tracker, text, agreement=False, selector_alone=False
        )
    return False


class ActionRecommendProducts(TurnGuard, Action):
    """Runs one search turn for a recommendation request or an answer to a question.

    A typed message goes to the recommender as it is (it reads budgets, categories, uses,
    brands and attributes, and judges change of mind); a quick reply sets its preference
    directly. Products already shown for the same preferences are excluded, so asking again
    gives new ones; when the preferences change, the exclusions start over. A message about a
    purchase already made ("my laptop is faulty", "i want to return something") that the help
    texts answer gets the help text instead (the NLU files such messages here at times).
    """

    def name(self) -> str:
        return "action_genrec_recommend_products"

    failure_text = (
        "Sorry, something went wrong while I was looking for products. "
        "Please try again in a moment."
    )

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        text = (tracker.latest_message.get("text") or "").strip()
        prefs = preferences(tracker)
        if is_button(text):
            prefs, text = answered_by_buttons(tracker, prefs), ""
        elif await _answered_as_help(dispatcher, tracker, text):
            return []
        exclude = shown(tracker) if not text and same_search(tracker, prefs) else []
        events = await run_search(dispatcher, tracker, prefs, message=text, exclude_ids=exclude)
        return events or []
