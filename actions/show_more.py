"""``action_genrec_show_more``: something else, something cheaper, or another brand.

Before any search, a typed "show me gas grills" is read as a request (the recommender
judges); a bare "show me more" gets asked what for, with an example from the catalog.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from .api import Product
from .capabilities import example_text
from .guard import TurnGuard
from .payloads import display_category
from .search import describe, last_products, preferences, run_search, search_in_context, shown_ids
from .slots import CATEGORY, LAST_PRODUCTS, SEARCH_FILTERS

MORE, CHEAPER, OTHER_BRAND = "more", "cheaper", "other_brand"
_CHEAPER_WORDS = re.compile(
    r"cheap|less expensive|lower price|budget|afford|too (?:expensive|pricey|much)|"
    r"costs? less|inexpensive|save money|pricey",
    re.IGNORECASE,
)
_BRAND_WORDS = re.compile(r"brand|manufacturer|make\b|maker|company", re.IGNORECASE)
_SYNONYMS = {
    "cheaper": CHEAPER,
    "cheap": CHEAPER,
    "less expensive": CHEAPER,
    "other_brand": OTHER_BRAND,
    "other brand": OTHER_BRAND,
    "another brand": OTHER_BRAND,
    "different brand": OTHER_BRAND,
    "more": MORE,
    "something else": MORE,
}
FETCH_FOR_BRAND_FILTER = 10


def refinement(tracker: Tracker) -> str:
    """``cheaper``, ``other_brand`` or ``more``: from the ``refinement`` entity, else the text."""
    for value in tracker.get_latest_entity_values("refinement"):
        if (kind := _SYNONYMS.get(str(value).strip().lower().replace("-", " "))) is not None:
            return kind
        if str(value) in (CHEAPER, OTHER_BRAND, MORE):
            return str(value)
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        return MORE
    if _BRAND_WORDS.search(text):
        return OTHER_BRAND
    if _CHEAPER_WORDS.search(text):
        return CHEAPER
    return MORE


def _found(events: list[EventType]) -> bool:
    """True if the search showed products (it then sets ``last_products``)."""
    return any(e.get("event") == "slot" and e.get("name") == LAST_PRODUCTS for e in events)


def _cheapest(products: list[Product]) -> float | None:
    prices = [p.price for p in products if p.price is not None]
    return min(prices) if prices else None


class ActionShowMore(TurnGuard, Action):
    """Shows further products for the current search, cheaper ones, or other brands."""

    def name(self) -> str:
        return "action_genrec_show_more"

    failure_text = (
        "Sorry, something went wrong while I was looking for more products. "
        "Please try again in a moment."
    )

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        if tracker.get_slot(SEARCH_FILTERS) is None and not tracker.get_slot(CATEGORY):
            # no search under way: "show me gas grills" is a request, "show me more" is not
            found = await search_in_context(dispatcher, tracker)
            if found is not None:
                return found
            example = await example_text()
            dispatcher.utter_message(
                text="Happy to show you more! First, tell me what you're looking for"
                + (f', for example "{example}".' if example else ".")
            )
            return []
        kind = refinement(tracker)
        prefs = preferences(tracker)
        shown = last_products(tracker)
        exclude = shown_ids(tracker)
        what = display_category(prefs.category) or "products"

        if kind == CHEAPER:
            cheapest = _cheapest(shown)
            if cheapest is None:
                kind = MORE
            elif cheapest <= 1:
                dispatcher.utter_message(text=f"Those are already the cheapest {what} I have.")
                return []
            else:
                budget_max = round(cheapest - 0.01, 2)
                budget_min = prefs.budget_min
                if budget_min is not None and budget_min >= budget_max:
                    budget_min = None
                cheaper = replace(
                    prefs,
                    budget_min=budget_min,
                    budget_max=budget_max,
                    price_tier=None,
                    any=prefs.any - {"budget"},
                )
                events = await run_search(
                    dispatcher,
                    tracker,
                    cheaper,
                    exclude_ids=exclude,
                    empty_text=(
                        f"I couldn't find {describe(cheaper)}: what I showed you is the "
                        f"cheapest that matches. You could drop a brand or feature preference."
                    ),
                    strict=frozenset({"budget_max"}),
                )
                return events if events and _found(events) else []  # else the search stays

        if kind == OTHER_BRAND:
            brands = {p.brand.lower() for p in shown if p.brand}
            if prefs.brand:
                brands.add(prefs.brand.lower())
            other = replace(prefs, brand=None, any=prefs.any | {"brand"})
            events = await run_search(
                dispatcher,
                tracker,
                other,
                exclude_ids=exclude,
                fetch=FETCH_FOR_BRAND_FILTER,
                keep=lambda p: p.brand.lower() not in brands,
                intro=f"Here are some {describe(other)} from other brands:",
                empty_text=(
                    f"I couldn't find {describe(other)} from another brand. "
                    "You could widen the budget or ask me for something else."
                ),
            )
            return events if events and _found(events) else []

        return await run_search(dispatcher, tracker, prefs, exclude_ids=exclude) or []
