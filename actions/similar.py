"""``action_genrec_similar_products``: "more like this" for a product card or a product in the list."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from genrec_core import wire

from . import chat_events
from .api import Product, RecommenderCallError, get_client
from .guard import TurnGuard
from .payloads import display_category, intent_payload, reply_messages, send
from .product_details import resolve, short_title
from .search import MAX_SHOWN, degrade, last_products, shown_ids
from .slots import LAST_PRODUCTS, LAST_TRACE_ID, SEARCH_FILTERS, SHOWN_IDS

logger = logging.getLogger(__name__)

LIMIT = 3
INTENT = "find_similar"


def similar_filters(product: Product) -> wire.Preferences:
    """Same category; brand, budget and the product's own attributes open ("any"), so the
    words of its title rank by similarity instead of becoming filters ("..., Pink" must not
    mean pink only) and other brands and prices may come up."""
    return wire.Preferences(
        category=product.category or None,
        any=frozenset({"brand", "budget", *(f"attributes.{key}" for key in product.attributes)}),
    )


def similar_text(product: Product) -> str:
    """What the recommender's similarity search reads: the product's own words."""
    return " ".join(x for x in (product.title, display_category(product.category)) if x)


class ActionSimilarProducts(TurnGuard, Action):
    """Finds products like the one the user points at (a card's id, "the second one", a name)."""

    def name(self) -> str:
        return "action_genrec_similar_products"

    failure_text = "Sorry, something went wrong while I was looking for similar products."

    async def _product(self, tracker: Tracker) -> Product | None:
        """The product meant: one of the last shown, else a catalog id (a grid card's button)."""
        reference = " ".join(str(v) for v in tracker.get_latest_entity_values("product_ref"))
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/"):
            text = ""
        shown = last_products(tracker)
        product = resolve(reference, text, shown)
        if product is None and not reference and len(shown) == 1:
            product = shown[0]
        if product is None and reference.strip():
            return await get_client().product(reference.strip())
        if product is None:
            return None
        try:  # the catalog record: its attributes matter here
            return await get_client().product(product.id) or product
        except RecommenderCallError:
            return product  # the search below degrades on its own

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        try:
            product = await self._product(tracker)
        except RecommenderCallError as exc:
            logger.warning("similar products: product lookup failed: %s", exc)
            product = None
        if product is None:
            shown = last_products(tracker)
            buttons = [
                {
                    "title": short_title(f"#{i} {p.title}"),
                    "payload": intent_payload(INTENT, {"product_ref": p.id}),
                }
                for i, p in enumerate(shown, start=1)
            ]
            text = (
                "Which product should I find similar ones for?"
                if shown
                else "Tell me what you're looking for first, then I can show similar products."
            )
            dispatcher.utter_message(text=text, buttons=buttons)
            return []

        filters = similar_filters(product)
        exclude = [*shown_ids(tracker), product.id][-MAX_SHOWN:]
        chat_events.emit([chat_events.click(tracker, product.id)])  # "more like this" is interest
        request = wire.RecommendRequest(
            user_id=tracker.sender_id,
            context=similar_text(product),  # its words rank; they are no new preferences
            preferences=filters,
            exclude_ids=tuple(exclude),
            limit=LIMIT,
            session_id=chat_events.session_id(tracker),
            similar_to=product.id,  # the service's reply says what they are like
        )
        try:
            result = await get_client().recommend(request)
        except RecommenderCallError as exc:
            return degrade(dispatcher, tracker, filters, exclude, reason=str(exc))
        products = list(result.products)  # the product itself is in exclude_ids
        if not products:
            dispatcher.utter_message(
                text=f"I have nothing else quite like {product.title} right now. "
                "You could tell me what matters most to you and I'll search again."
            )
            return [SlotSet(SEARCH_FILTERS, filters.to_dict())]
        channel = tracker.get_latest_input_channel()
        send(dispatcher, reply_messages(channel, result.reply, products))
        chat_events.emit(
            chat_events.recommended(tracker, [p.id for p in products], result.trace_id)
        )
        return [
            SlotSet(SEARCH_FILTERS, filters.to_dict()),
            SlotSet(SHOWN_IDS, [*exclude, *(p.id for p in products)][-MAX_SHOWN:]),
            SlotSet(LAST_PRODUCTS, [p.to_dict() for p in products]),
            SlotSet(LAST_TRACE_ID, result.trace_id or None),  # a thumbs-down refers to this list
        ]
