"""One product search turn shared by the recommend and show-more actions.

Reads the shopping slots, asks the recommender (through :mod:`actions.api`), sends the
products on the user's channel and returns the slot events that remember what was shown.
When the recommender is down or slow it answers within the client's time budget with an
apology and cached popular products, and logs why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import chat_events
from actions.api import Product, RecommenderError, get_client
from actions.payloads import display_category, product_messages, send
from actions.preferences import ANY, budget_label, is_any

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 3
MAX_SHOWN = 200
MAX_CONTEXT_CHARS = 600
SEARCH_INTENTS = frozenset({"request_recommendation", "inform", "show_more"})

# Slot names (domain/shopping.yml).
CATEGORY, BRAND, BUDGET, ATTRIBUTE = "category", "brand", "budget", "attribute"
BUDGET_MIN, BUDGET_MAX, ATTRIBUTES = "budget_min", "budget_max", "attributes"
SHOWN_IDS, LAST_PRODUCTS, SEARCH_FILTERS = "shown_product_ids", "last_products", "search_filters"
LAST_TRACE_ID = "last_trace_id"  # domain/feedback.yml
LAST_REPLY_SOURCE = "last_reply_source"  # domain/review.yml


def _set(value: Any) -> Any:
    """Slot value as a constraint: ``None`` and ``"any"`` mean no constraint."""
    if value is None or (isinstance(value, str) and (not value.strip() or value == ANY)):
        return None
    return value


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def attribute_words(name: str, value: str) -> str:
    """``color=black`` -> ``black``, ``wireless=yes`` -> ``wireless``, ``gps=no`` -> ``no gps``."""
    label = name.replace("_", " ")
    if name == "color":
        return value
    if value.lower() in ("yes", "true"):
        return label
    if value.lower() in ("no", "false"):
        return f"no {label}"
    return f"{label} {value}"


@dataclass(frozen=True)
class SearchFilters:
    """Hard constraints of a search, as the ``slots`` object of ``POST /recommend``.

    ``None`` means "not said" (the recommender may still read it from the message text);
    a name in ``any_of`` (``brand``, ``budget``) means the user explicitly doesn't care, sent
    as ``"any"`` so that an older "Sony" or "under 300" in the text cannot bring it back.
    """

    category: str | None = None
    brand: str | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    any_of: frozenset[str] = frozenset()

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> SearchFilters:
        """Constraints from the validated shopping slots."""
        attrs = tracker.get_slot(ATTRIBUTES)
        any_of = {name for name in (BRAND, BUDGET) if tracker.get_slot(name) == ANY}
        return cls(
            category=_set(tracker.get_slot(CATEGORY)),
            brand=_set(tracker.get_slot(BRAND)),
            budget_min=_float(tracker.get_slot(BUDGET_MIN)),
            budget_max=_float(tracker.get_slot(BUDGET_MAX)),
            attributes=(
                {str(k): str(v) for k, v in attrs.items() if _set(v) is not None}
                if isinstance(attrs, dict)
                else {}
            ),
            any_of=frozenset(any_of),
        )

    def replace(self, **changes: Any) -> SearchFilters:
        """Copy with changed fields; setting ``brand`` or a budget bound clears its "any"."""
        any_of = set(changes.pop("any_of", self.any_of))
        if changes.get("brand") is not None:
            any_of.discard(BRAND)
        if changes.get("budget_min") is not None or changes.get("budget_max") is not None:
            any_of.discard(BUDGET)
        return replace(self, any_of=frozenset(any_of), **changes)

    def to_api(self) -> dict[str, Any]:
        """The request's ``slots`` object (``None`` = not said, ``"any"`` = no constraint)."""
        budget_any = BUDGET in self.any_of
        return {
            "category": self.category,
            "budget_min": ANY if budget_any else self.budget_min,
            "budget_max": ANY if budget_any else self.budget_max,
            "brand": ANY if BRAND in self.any_of else self.brand,
            "attributes": dict(self.attributes),
        }

    def describe(self) -> str:
        """Short wording of the constraints: ``Sony headphones under $100``."""
        what = display_category(self.category) or "products"
        if self.brand:
            what = f"{self.brand} {what}"
        extras = [attribute_words(k, v) for k, v in self.attributes.items()]
        if extras:
            what = f"{', '.join(extras)} {what}"
        if self.budget_min is not None or self.budget_max is not None:
            what += f" {budget_label(self.budget_min, self.budget_max)}"
        return what


def search_context(tracker: Tracker) -> str:
    """What the user said about this search: their texts since the last recommendation request.

    Button payloads and off-topic turns (FAQ, thanks ...) are left out; the free ``attribute``
    preference ("long battery life") is added when it is not a structured filter.
    """
    texts: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = (event.get("text") or "").strip()
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if text and not text.startswith("/") and intent in SEARCH_INTENTS and not is_any(text):
            texts.append(text)
        if intent == "request_recommendation" or len(" ".join(texts)) > MAX_CONTEXT_CHARS:
            break
    texts.reverse()
    attribute = _set(tracker.get_slot(ATTRIBUTE))
    if isinstance(attribute, str) and not any(attribute.lower() in t.lower() for t in texts):
        texts.append(attribute)
    return ". ".join(texts)[-MAX_CONTEXT_CHARS:]


def shown_ids(tracker: Tracker) -> list[str]:
    """Ids already shown in this search (empty list when the slot is unset)."""
    ids = tracker.get_slot(SHOWN_IDS)
    return [str(i) for i in ids] if isinstance(ids, list) else []


def last_products(tracker: Tracker) -> list[Product]:
    """The list shown last, in order, as products."""
    raw = tracker.get_slot(LAST_PRODUCTS)
    products = []
    for item in raw if isinstance(raw, list) else []:
        try:
            products.append(Product.from_dict(item))
        except ValueError:
            continue
    return products


def same_search(tracker: Tracker, filters: SearchFilters) -> bool:
    """True when ``filters`` equal those of the previous search (so exclusions still apply)."""
    previous = tracker.get_slot(SEARCH_FILTERS)
    return isinstance(previous, dict) and previous == filters.to_api()


async def run_search(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    filters: SearchFilters,
    exclude_ids: Sequence[str] = (),
    *,
    limit: int = DEFAULT_LIMIT,
    fetch: int | None = None,
    keep: Callable[[Product], bool] | None = None,
    empty_text: str | None = None,
    intro: str | None = None,
    strict: frozenset[str] = frozenset(),
) -> list[EventType]:
    """Asks the recommender for products, shows them and returns the slot events.

    Args:
        dispatcher: where messages go.
        tracker: the conversation (sender id, channel, user texts).
        filters: hard constraints.
        exclude_ids: products not to show again.
        limit: how many products to show.
        fetch: how many to ask for when ``keep`` will drop some (defaults to ``limit``).
        keep: client-side filter applied to the results (e.g. "not these brands").
        empty_text: what to say when nothing (new) matches.
        intro: sentence before the list; defaults to the recommender's reply (unless ``keep``
            dropped products it may talk about) or a plain description of the search.
        strict: constraints that must not be relaxed (``budget_max`` for "cheaper"): if the
            recommender relaxed one of them, nothing is shown and ``empty_text`` is said.
    """
    client = get_client()
    channel = tracker.get_latest_input_channel()
    try:
        result = await client.recommend(
            user_id=tracker.sender_id,
            message=search_context(tracker),
            slots=filters.to_api(),
            exclude_ids=exclude_ids,
            limit=fetch or limit,
            session_id=chat_events.session_id(tracker),
        )
    except RecommenderError as exc:
        return degrade(dispatcher, tracker, filters, exclude_ids, reason=str(exc))

    products = [p for p in result.products if keep is None or keep(p)][:limit]
    if result.relaxation and result.relaxation.constraint in strict:
        products = []
    events: list[EventType] = [SlotSet(SEARCH_FILTERS, filters.to_api())]
    if not products:
        text = empty_text or (
            f"I couldn't find any more {filters.describe()}. "
            "You could change the budget, pick another brand, or ask for something else."
        )
        send(dispatcher, [{"text": text}])
        return events

    if not intro:
        intro = result.reply.strip() if keep is None else ""
    if not intro:
        intro = f"Here are some {filters.describe()} you might like:"
    relaxed = result.relaxation.message.strip().rstrip(".") if result.relaxation else ""
    if relaxed and relaxed.lower() not in intro.lower():
        intro = f"{relaxed[:1].upper()}{relaxed[1:]}. {intro}"
    send(dispatcher, product_messages(channel, intro, products))
    shown = [*exclude_ids, *(p.id for p in products)][-MAX_SHOWN:]
    logger.info(
        "recommended %s to %s (trace %s)",
        [p.id for p in products],
        tracker.sender_id,
        result.trace_id,
    )
    chat_events.emit(chat_events.recommended(tracker, [p.id for p in products], result.trace_id))
    return [
        *events,
        SlotSet(SHOWN_IDS, shown),
        SlotSet(LAST_PRODUCTS, [p.to_dict() for p in products]),
        SlotSet(LAST_TRACE_ID, result.trace_id or None),
        SlotSet(LAST_REPLY_SOURCE, result.reply_source or None),  # for review (domain/review.yml)
    ]


def degrade(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    filters: SearchFilters,
    exclude_ids: Sequence[str] = (),
    reason: str = "",
) -> list[EventType]:
    """The answer when the recommender cannot be used: apology and cached popular items."""
    seen = {*exclude_ids, *(p.id for p in last_products(tracker))}  # "more" shows others
    cached = get_client().cached_products(DEFAULT_LIMIT, seen, filters.category, filters.budget_max)
    logger.warning(
        "recommender unavailable for %s (%s); answering with %d cached popular products",
        tracker.sender_id,
        reason or "unknown reason",
        len(cached),
    )
    if not cached:
        dispatcher.utter_message(
            text=(
                "Sorry, our product search isn't responding right now, so I can't pick products "
                "for you this minute. Please try again shortly. Meanwhile I can still help with "
                "shipping, returns, payment, order status or warranty questions."
            )
        )
        return []
    intro = (
        "Sorry, our product search isn't responding right now. Meanwhile, here are some "
        "popular products (they may not match everything you asked for):"
    )
    send(
        dispatcher,
        product_messages(tracker.get_latest_input_channel(), intro, cached, buttons=[]),
    )
    return [SlotSet(LAST_PRODUCTS, [p.to_dict() for p in cached]), SlotSet(LAST_TRACE_ID, None)]
