"""``action_recommend_products``: recommend products for the shopping slots."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.guard import TurnGuard
from actions.search import SearchFilters, run_search, same_search, shown_ids


class ActionRecommendProducts(TurnGuard, Action):
    """Asks the recommender for products matching the filled slots and shows them.

    Products already shown for the same constraints are excluded, so asking again gives new
    ones; when the constraints change (another budget, brand or category), the exclusions
    start over.
    """

    def name(self) -> str:
        return "action_recommend_products"

    failure_text = (
        "Sorry, something went wrong while I was looking for products. "
        "Please try again in a moment."
    )

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        filters = SearchFilters.from_tracker(tracker)
        exclude = shown_ids(tracker) if same_search(tracker, filters) else []
        return await run_search(dispatcher, tracker, filters, exclude)
