"""One product-search turn shared by the recommend, show-more and fallback actions.

Rasa decides that the turn is a search; what the shopper wants is read by the recommender
(one parser for everyone): the action sends the latest message, the preferences kept in the
slots and the question asked last turn, and renders what comes back: the reply, the
products, and at most one refining question with its quick replies. The preferences the
service understood become the new slots.

When the recommender is down or slow the action answers within the client's time budget
with an apology and cached popular products, and logs why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from genrec_core import wire
from genrec_core.answers import apply_answer
from genrec_core.budget import budget_label, money

from . import chat_events
from .api import Product, RecommenderCallError, get_client
from .payloads import intent_payload, product_messages, reply_messages, send
from .slots import (
    ASKED,
    ATTRIBUTES,
    BRAND,
    BUDGET,
    BUDGET_MAX,
    BUDGET_MIN,
    CATEGORY,
    DECLINED,
    LAST_PRODUCTS,
    LAST_REPLY_SOURCE,
    LAST_TRACE_ID,
    PRICE_TIER,
    SEARCH_FILTERS,
    SHOWN_IDS,
)

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 3
MAX_SHOWN = 200
MAX_CONTEXT_CHARS = 600
SEARCH_INTENTS = frozenset({"request_recommendation", "inform", "show_more"})
#: Quick-reply entities and the preference field each one sets.
ANSWER_ENTITIES = {"category": "category", "brand": "brand", "budget": "budget"}


def _float(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def preferences(tracker: Tracker) -> wire.Preferences:
    """The preferences kept in the slots."""
    attrs = tracker.get_slot(ATTRIBUTES)
    declined = tracker.get_slot(DECLINED)
    tier = tracker.get_slot(PRICE_TIER)
    category, brand = tracker.get_slot(CATEGORY), tracker.get_slot(BRAND)
    return wire.Preferences(
        category=str(category) if category else None,
        brand=str(brand) if brand and brand != wire.ANY else None,
        budget_min=_float(tracker.get_slot(BUDGET_MIN)),
        budget_max=_float(tracker.get_slot(BUDGET_MAX)),
        price_tier=tier if tier in ("low", "high") else None,
        attributes={str(k): str(v) for k, v in attrs.items()} if isinstance(attrs, dict) else {},
        any=frozenset(str(d) for d in declined) if isinstance(declined, list) else frozenset(),
    )


def preference_events(prefs: wire.Preferences) -> list[EventType]:
    """Slot events that keep ``prefs`` (``budget`` holds the readable label)."""
    if prefs.budget_min is not None or prefs.budget_max is not None:
        label = budget_label(prefs.budget_min, prefs.budget_max)
    elif prefs.price_tier:
        label = "cheap" if prefs.price_tier == "low" else "premium"
    else:
        label = wire.ANY if "budget" in prefs.any else None
    return [
        SlotSet(CATEGORY, prefs.category),
        SlotSet(BRAND, prefs.brand or (wire.ANY if "brand" in prefs.any else None)),
        SlotSet(BUDGET, label),
        SlotSet(BUDGET_MIN, prefs.budget_min),
        SlotSet(BUDGET_MAX, prefs.budget_max),
        SlotSet(PRICE_TIER, prefs.price_tier),
        SlotSet(ATTRIBUTES, dict(prefs.attributes)),
        SlotSet(DECLINED, sorted(prefs.any)),
    ]


def is_button(text: str) -> bool:
    """True for a quick-reply payload ("/inform{...}") rather than typed words."""
    return text.strip().startswith("/")


def answered_by_buttons(tracker: Tracker, prefs: wire.Preferences) -> wire.Preferences:
    """``prefs`` with the values a quick reply carries (``/inform{"brand": "Sony"}``,
    ``{"attribute": "type=over-ear"}``)."""
    for entity in tracker.latest_message.get("entities") or []:
        name, value = entity.get("entity"), entity.get("value")
        if not isinstance(value, str):
            continue
        if name in ANSWER_ENTITIES:
            prefs = apply_answer(prefs, ANSWER_ENTITIES[name], value)
        elif name == "attribute" and "=" in value:
            key, _, val = value.partition("=")
            prefs = apply_answer(prefs, f"attributes.{key.strip()}", val)
    return prefs


def search_context(tracker: Tracker) -> str:
    """What the shopper said earlier in this search, for ranking only: their typed texts
    since the last recommendation request, before the latest message."""
    texts: list[str] = []
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    for event in reversed(events[: max(last_user, 0)]):
        if event.get("event") != "user":
            continue
        text = (event.get("text") or "").strip()
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if text and not is_button(text) and intent in SEARCH_INTENTS:
            texts.append(text)
        if intent == "request_recommendation" or len(" ".join(texts)) > MAX_CONTEXT_CHARS:
            break
    texts.reverse()
    return ". ".join(texts)[-MAX_CONTEXT_CHARS:]


def shown_ids(tracker: Tracker) -> list[str]:
    """Ids already shown in this conversation, oldest first (empty when the slot is unset)."""
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


def same_search(tracker: Tracker, prefs: wire.Preferences) -> bool:
    """True when ``prefs`` equal those of the previous search (so exclusions still apply)."""
    return tracker.get_slot(SEARCH_FILTERS) == prefs.to_dict()


def describe(prefs: wire.Preferences) -> str:
    """Short wording of the preferences: ``Sony headphones under $100``."""
    what = (prefs.category or "products").replace("-", " ")
    if prefs.brand:
        what = f"{prefs.brand} {what}"
    if prefs.budget_min is not None or prefs.budget_max is not None:
        what += f" {budget_label(prefs.budget_min, prefs.budget_max)}"
    return what


def question_buttons(question: wire.Question) -> list[dict[str, str]]:
    """Quick replies of a refining question; each sets one preference without NLU."""
    field = question.field
    buttons = []
    for option in question.options:
        if field.startswith("attributes."):
            entities = {"attribute": f"{field.split('.', 1)[1]}={option.value}"}
        elif field in ANSWER_ENTITIES:
            entities = {field: option.value}
        else:
            continue
        buttons.append({"title": option.title, "payload": intent_payload("inform", entities)})
    return buttons


async def run_search(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    prefs: wire.Preferences,
    *,
    message: str = "",
    exclude_ids: Sequence[str] = (),
    probe: bool = False,
    limit: int = DEFAULT_LIMIT,
    fetch: int | None = None,
    keep: Callable[[Product], bool] | None = None,
    empty_text: str | None = None,
    intro: str | None = None,
    strict: frozenset[str] = frozenset(),
) -> list[EventType] | None:
    """Asks the recommender, shows the answer and returns the slot events.

    Args:
        dispatcher: where messages go.
        tracker: the conversation (sender id, channel, earlier texts, question asked).
        prefs: the preferences kept so far (quick-reply answers already applied).
        message: the shopper's latest typed message ("" for a button or "show more").
        exclude_ids: products not to show again.
        probe: the NLU was unsure this is a product request; then ``None`` is returned,
            and nothing is said, when the service finds no product need in the message.
        limit: how many products to show.
        fetch: how many to ask for when ``keep`` will drop some (defaults to ``limit``).
        keep: client-side filter applied to the results (e.g. "not these brands").
        empty_text: what to say when nothing (new) matches.
        intro: sentence before the list instead of the service's reply (used with ``keep``,
            whose dropped products the reply may name).
        strict: constraints that must not be relaxed (``budget_max`` for "cheaper"): if the
            recommender relaxed one of them, nothing is shown and ``empty_text`` is said.
    """
    client = get_client()
    channel = tracker.get_latest_input_channel()
    asked = tracker.get_slot(ASKED)
    seen = shown_ids(tracker)
    request = wire.RecommendRequest(
        user_id=tracker.sender_id,
        message=message,
        context=search_context(tracker),
        preferences=prefs,
        asked=asked if isinstance(asked, str) else None,
        exclude_ids=tuple(exclude_ids),
        limit=fetch or limit,
        session_id=chat_events.session_id(tracker),
        probe=probe,
        seen_ids=tuple(seen),
    )
    try:
        result = await client.recommend(request)
    except RecommenderCallError as exc:
        if probe:
            return None
        return degrade(dispatcher, tracker, prefs, exclude_ids, reason=str(exc))

    understood = result.understanding
    if probe and not understood.is_product_need:
        return None
    events: list[EventType] = [*preference_events(result.preferences)]
    question = result.question
    if not understood.is_product_need:  # "what do you recommend?": ask what they need
        if question is not None:
            send(
                dispatcher, product_messages(channel, question.text, [], question_buttons(question))
            )
        return [*events, SlotSet(ASKED, question.field if question else None)]

    products = [p for p in result.products if keep is None or keep(p)][:limit]
    if result.relaxation and result.relaxation.constraint in strict:
        products = []
    events.append(SlotSet(SEARCH_FILTERS, result.preferences.to_dict()))
    if not products:
        text = (
            empty_text
            or result.reply
            or (
                f"I couldn't find any more {describe(result.preferences)}. "
                "You could change the budget, pick another brand, or ask for something else."
            )
        )
        send(dispatcher, [{"text": text}])
        return [*events, SlotSet(ASKED, None)]

    buttons = [] if question else None
    if (
        intro is None
        and result.reply
        and [p.id for p in products] == [p.id for p in result.products]
    ):  # the service's reply names what it returned: rendered as it came
        messages = reply_messages(channel, result.reply, products, buttons)
    else:  # our own intro, or fewer products than the service returned
        text = intro or f"Here are some {describe(result.preferences)} you might like:"
        messages = product_messages(channel, text, products, buttons)
    if question is not None:
        messages += product_messages(channel, question.text, [], question_buttons(question))
    send(dispatcher, messages)
    new_ids = [p.id for p in products]
    earlier = dict.fromkeys(i for i in [*seen, *exclude_ids] if i not in new_ids)
    shown = [*earlier, *new_ids][-MAX_SHOWN:]
    logger.info(
        "recommended %s to %s (trace %s, need %s)",
        [p.id for p in products],
        tracker.sender_id,
        result.trace_id,
        understood.need,
    )
    chat_events.emit(chat_events.recommended(tracker, [p.id for p in products], result.trace_id))
    return [
        *events,
        SlotSet(ASKED, question.field if question else None),
        SlotSet(SHOWN_IDS, shown),
        SlotSet(LAST_PRODUCTS, [p.to_dict() for p in products]),
        SlotSet(LAST_TRACE_ID, result.trace_id or None),
        SlotSet(LAST_REPLY_SOURCE, result.reply_source or None),  # for review (domain/review.yml)
    ]


def degrade(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    prefs: wire.Preferences,
    exclude_ids: Sequence[str] = (),
    reason: str = "",
) -> list[EventType]:
    """The answer when the recommender cannot be used: apology and cached popular items."""
    seen = {*exclude_ids, *(p.id for p in last_products(tracker))}  # "more" shows others
    cached = get_client().cached_products(DEFAULT_LIMIT, seen, prefs.category, prefs.budget_max)
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


async def search_in_context(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType] | None:
    """The search the typed message continues or starts, or None when the recommender finds
    no product need in it ("probably Skullcandy" after "Any brand you prefer?" is one)."""
    text = (tracker.latest_message.get("text") or "").strip()
    if not text or text.startswith("/"):
        return None
    return await run_search(dispatcher, tracker, preferences(tracker), message=text, probe=True)


__all__ = [
    "DEFAULT_LIMIT",
    "answered_by_buttons",
    "degrade",
    "describe",
    "is_button",
    "last_products",
    "money",
    "preference_events",
    "preferences",
    "run_search",
    "same_search",
    "search_context",
    "search_in_context",
    "shown_ids",
]
