"""``action_recommend_products``: recommend products for the shopping slots."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.search import SearchFilters, run_search, same_search, shown_ids

logger = logging.getLogger(__name__)


class ActionRecommendProducts(Action):
    """Asks the recommender for products matching the filled slots and shows them.

    Products already shown for the same constraints are excluded, so asking again gives new
    ones; when the constraints change (another budget, brand or category), the exclusions
    start over.
    """

    def name(self) -> str:
        return "action_recommend_products"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        filters = SearchFilters.from_tracker(tracker)
        exclude = shown_ids(tracker) if same_search(tracker, filters) else []
        try:
            return await run_search(dispatcher, tracker, filters, exclude)
        except Exception:  # the turn must never crash; run_search handles expected failures
            logger.exception("action_recommend_products failed for %s", tracker.sender_id)
            dispatcher.utter_message(
                text="Sorry, something went wrong while I was looking for products. "
                "Please try again in a moment."
            )
            return []
