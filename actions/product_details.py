"""``action_genrec_product_details``: facts about a product the user points at ("the second one")."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import chat_events
from .api import Product, RecommenderCallError, get_client
from .guard import TurnGuard
from .help_topics import answer_help_request, asks_for_help
from .payloads import (
    channel_json,
    display_category,
    follow_up_buttons,
    intent_payload,
    price_text,
)
from .references import normalize, parse_position
from .search import last_products, search_in_context
from .slots import ASKED, DISCUSSED_PRODUCT, LAST_TRACE_ID

logger = logging.getLogger(__name__)

MAX_DESCRIPTION_CHARS = 300
MAX_ATTRIBUTES = 6
# fmt: off
_STOP = frozenset({
    "the", "a", "an", "one", "this", "that", "it", "about", "more", "tell", "me", "details",
    "detail", "of", "on", "for", "please", "show", "info", "information", "what", "is", "are",
    "its", "specs", "spec", "and", "with", "can", "you", "give", "i", "want", "to", "know",
})
# fmt: on
# Words of a request for details ("tell me more about the second"), unlike a bare value typed
# as the answer to the open question ("intel core i5-1235u" after "Which cpu?").
_DETAILS_RE = re.compile(
    r"\b(?:tell|more|about|details?|specs?|info|information|describe|what|which|how|show"
    r"|first|second|third|1st|2nd|3rd|last|one)\b|#\s*\d",
    re.I,
)


def _tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[^\W_]+", normalize(text)) if t not in _STOP}


def resolve(reference: str, text: str, products: list[Product]) -> Product | None:
    """The product among ``products`` that ``reference`` (entity) or ``text`` points at.

    Tries, in order: a product id (from a card button), a position ("2", "the last one"),
    then the title/brand sharing the most words with what the user wrote.
    """
    if not products:
        return None
    for ref in (reference, text):
        ref = (ref or "").strip()
        if not ref:
            continue
        for product in products:
            if ref == product.id:
                return product
        position = parse_position(ref)
        if position is not None:
            if position == -1:
                return products[-1]
            if position == 0:
                return products[len(products) // 2]
            return products[position - 1] if 1 <= position <= len(products) else None
    words = _tokens(f"{reference} {text}")
    if not words:
        return None
    scored = []
    for product in products:
        overlap = len(words & _tokens(f"{product.title} {product.brand}"))
        scored.append((overlap, product))
    scored.sort(key=lambda pair: -pair[0])
    best = scored[0][0]
    if best == 0 or (len(scored) > 1 and scored[1][0] == best):
        return None  # nothing or several equally good: ask
    return scored[0][1]


def short_title(text: str, max_chars: int = 40) -> str:
    """Cut at a word boundary: ``#1 ShopBasics Kids Volume-Limited…``."""
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:-") + "…"


def describe(product: Product) -> str:
    """Plain-text facts from the catalog: title, brand, price, attributes, description, link."""
    lines = [product.title]
    facts = [f for f in (product.brand, display_category(product.category)) if f]
    if price := price_text(product):
        facts.append(price)
    if not product.in_stock:
        facts.append("currently out of stock")
    if facts:
        lines.append(" · ".join(facts))
    attrs = [f"{k.replace('_', ' ')}: {v}" for k, v in list(product.attributes.items())]
    if attrs:
        lines.append("Features: " + ", ".join(attrs[:MAX_ATTRIBUTES]))
    if product.description:
        desc = product.description.strip()
        if len(desc) > MAX_DESCRIPTION_CHARS:
            desc = desc[: MAX_DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
        lines.append(desc)
    if product.reason:
        lines.append(f"Why I suggested it: {product.reason}")
    if product.url:
        lines.append(f"More: {product.url}")
    return "\n".join(lines)


def _send_click(tracker: Tracker, product: Product, shown: list[Product]) -> None:
    """A ``click`` event for ``product`` with its position in the list shown."""
    position = next((i for i, p in enumerate(shown, start=1) if p.id == product.id), None)
    trace_id = str(tracker.get_slot(LAST_TRACE_ID) or "")
    chat_events.emit([chat_events.click(tracker, product.id, position, trace_id)])


class ActionProductDetails(TurnGuard, Action):
    """Resolves the reference against the last shown list and replies with catalog facts.

    While a refining question is open, a bare value the NLU filed here ("intel core i5-1235u"
    after "Which cpu?") is first read as the answer to it (the recommender judges).

    A resolved product is sent to the recommender as a ``click`` event and remembered in the
    ``discussed_product`` slot (what a later "I like it" refers to).
    """

    def name(self) -> str:
        return "action_genrec_product_details"

    failure_text = "Sorry, something went wrong while I was loading that product."

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        text = (tracker.latest_message.get("text") or "").strip()
        if isinstance(tracker.get_slot(ASKED), str) and text and not _DETAILS_RE.search(text):
            # a value that names a product ("intel core i5-1235u") may answer the question
            found = await search_in_context(dispatcher, tracker)
            if found is not None:
                return found
        product = await self._run(dispatcher, tracker)
        return [] if product is None else [SlotSet(DISCUSSED_PRODUCT, product.id)]

    @staticmethod
    async def _catalog_product(product_id: str) -> Product | None:
        """The catalog's record for a button's product id; None if unknown or unreachable."""
        try:
            return await get_client().product(product_id)
        except RecommenderCallError as exc:
            logger.warning("product %s not loaded: %s", product_id, exc)
            return None

    async def _run(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> Product | None:
        """Answers the turn; returns the product the user asked about, if resolved."""
        products = last_products(tracker)
        reference = " ".join(str(v) for v in tracker.get_latest_entity_values("product_ref"))
        text = tracker.latest_message.get("text") or ""
        from_button = text.startswith("/")
        if from_button:
            text = ""  # a button payload: only its entity counts
        product = resolve(reference, text, products)
        full: Product | None = None  # the catalog record, once loaded
        if product is None and from_button and reference.strip():
            # a card of an earlier list (or of another page): its id is a catalog id
            product = full = await self._catalog_product(reference.strip())
        if (
            product is None
            and asks_for_help(text)
            and await answer_help_request(dispatcher, tracker, text)
        ):  # "does the bot learn from what I tell it": a help question, no product named
            return None
        if product is None and not products:
            dispatcher.utter_message(
                text="I haven't shown you any products yet. Tell me what you're looking for "
                "and I'll suggest a few, then you can ask about any of them."
            )
            return None
        if product is None and len(products) == 1:
            product = products[0]
        if product is None:
            buttons = [
                {
                    "title": short_title(f"#{i} {p.title}"),
                    "payload": intent_payload("ask_product_details", {"product_ref": str(i)}),
                }
                for i, p in enumerate(products, start=1)
            ]
            dispatcher.utter_message(
                text=f"Which one do you mean? I showed you {len(products)}: "
                'you can say "the first one", "the second one" and so on.',
                buttons=buttons,
            )
            return None

        if full is None:
            try:
                full = await get_client().product(product.id)
            except RecommenderCallError as exc:
                _send_click(tracker, product, products)  # it may be back by then; else logged
                logger.warning("product details unavailable for %s: %s", product.id, exc)
                dispatcher.utter_message(
                    text=f"{describe(product)}\n(I can't load the full details right now, "
                    "please try again in a minute.)",
                    buttons=follow_up_buttons([]),
                )
                return product
            if full is None:
                dispatcher.utter_message(
                    text=f"Sorry, {product.title} is no longer in our catalog. "
                    "Would you like to see something similar?",
                    buttons=follow_up_buttons([]),
                )
                return None
        _send_click(tracker, product, products)
        if product.reason:  # why it was suggested in this conversation
            full = replace(full, reason=product.reason)
        channel = tracker.get_latest_input_channel()
        dispatcher.utter_message(
            text=describe(full),
            buttons=follow_up_buttons([]),
            json_message=channel_json(
                channel, {"type": "product_detail", "product": full.to_dict()}
            ),
        )
        return product
