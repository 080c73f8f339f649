"""``validate_shopping_form``: normalizes category, budget, brand and attribute answers.

Values are checked against the catalog vocabulary (``GET /catalog/vocabulary``, cached by the
client) and the recommender's parser (``POST /parse``); budgets are parsed locally first. When
a value is not understood the slot is cleared and the user is told what works. When the
recommender is down, reasonable raw values are accepted so the conversation does not stall.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api import ParsedText, RecommenderError, Vocabulary, get_client
from actions.payloads import display_category, intent_payload
from actions.preferences import (
    ANY,
    budget_label,
    is_any,
    match_vocabulary,
    normalize,
    parse_budget,
    plausible_free_value,
)
from actions.search import (
    ATTRIBUTE,
    ATTRIBUTES,
    BRAND,
    BUDGET,
    BUDGET_MAX,
    BUDGET_MIN,
    CATEGORY,
)

logger = logging.getLogger(__name__)

MAX_VALUE_CHARS = 200
MAX_LISTED = 12
REQUESTED_SLOT = "requested_slot"
#: Entities whose presence in the latest message means "the user just said this slot".
SLOT_ENTITIES = {
    CATEGORY: ("category",),
    BRAND: ("brand",),
    BUDGET: ("budget",),
    ATTRIBUTE: ("color", "feature"),
}
#: Slots that describe the product of one category; a new category clears the stale ones.
DEPENDENT = {
    BRAND: (BRAND,),
    BUDGET: (BUDGET, BUDGET_MIN, BUDGET_MAX),
    ATTRIBUTE: (ATTRIBUTE, ATTRIBUTES),
}
BUDGET_HELP = (
    'You can say something like "under 50", "between 20 and 40 dollars", '
    '"around $100", or "any" if the price doesn\'t matter.'
)


def _text(value: Any) -> str:
    if isinstance(value, list):  # several entities of one type: the last one wins
        value = value[-1] if value else ""
    return value.strip() if isinstance(value, str) else ""


def previous_value(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message."""
    last_user = max(
        (i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=-1
    )
    value = None
    for event in tracker.events[: max(last_user, 0)]:
        if event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
        elif event.get("event") in ("restart", "reset_slots"):
            value = None
    return value


def said_now(tracker: Tracker, slot: str) -> bool:
    """True if the latest message answered this slot (asked for it, or named it)."""
    if tracker.get_slot(REQUESTED_SLOT) == slot:
        return True
    names = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
    return any(name in names for name in SLOT_ENTITIES.get(slot, ()))


def wants_results_now(tracker: Tracker, slot: str) -> bool:
    """True if, asked for ``slot``, the user said "just show me" ("show me what you have")."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if tracker.get_slot(REQUESTED_SLOT) != slot:
        return False
    if intent == "show_more":
        return True
    # "what do you recommend?" with nothing new in it: a request to see products
    return intent == "request_recommendation" and not tracker.latest_message.get("entities")


def category_changed(tracker: Tracker) -> bool:
    """True if the (validated) category differs from the one before this message."""
    before = previous_value(tracker, CATEGORY)
    now = tracker.get_slot(CATEGORY)
    return bool(before) and bool(now) and normalize(str(before)) != normalize(str(now))


def _other_slots_named(tracker: Tracker, slot: str) -> bool:
    """True if the latest message named another slot (then a free-text miss is silent)."""
    names = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
    return any(
        name in names for other, ents in SLOT_ENTITIES.items() if other != slot for name in ents
    )


class ValidateShoppingForm(FormValidationAction):
    """Validation of ``shopping_form`` (category required; budget/brand/attribute or "any")."""

    def name(self) -> str:
        return "validate_shopping_form"

    # ----------------------------------------------------------------- helpers

    async def _vocabulary(self) -> Vocabulary | None:
        try:
            return await get_client().vocabulary()
        except RecommenderError as exc:
            logger.info("vocabulary unavailable: %s", exc)
            return None

    async def _parse(self, text: str) -> ParsedText | None:
        try:
            return await get_client().parse(text)
        except RecommenderError as exc:
            logger.info("parse unavailable: %s", exc)
            return None

    def _stale(self, tracker: Tracker, slot: str) -> bool:
        return category_changed(tracker) and not said_now(tracker, slot)

    @staticmethod
    def _cleared(slot: str) -> dict[str, Any]:
        return {name: None for name in DEPENDENT[slot]}

    # ----------------------------------------------------------------- category

    async def validate_category(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Maps the answer to a catalog category ("earbuds" -> "headphones")."""
        text = _text(value)
        vocabulary = await self._vocabulary()
        category = None
        if text and len(text) <= MAX_VALUE_CHARS and not is_any(text):
            if vocabulary is not None:
                category = match_vocabulary(
                    text, vocabulary.categories, vocabulary.category_synonyms
                )
            if category is None and (parsed := await self._parse(text)) is not None:
                category = parsed.category
            if category is None and vocabulary is None and plausible_free_value(text):
                category = normalize(text)  # recommender down: keep a reasonable raw value
        if category is None:
            if vocabulary is not None and vocabulary.categories:
                listed = ", ".join(display_category(c) for c in vocabulary.categories[:MAX_LISTED])
                buttons = [
                    {
                        "title": display_category(c),
                        "payload": intent_payload("inform", {"category": c}),
                    }
                    for c in vocabulary.categories[:MAX_LISTED]
                ]
                dispatcher.utter_message(
                    text=f"Sorry, I didn't find that in our shop. I can help you with: {listed}.",
                    buttons=buttons,
                )
            else:
                dispatcher.utter_message(
                    text="Sorry, I didn't catch what kind of product you're looking for."
                )
            return {CATEGORY: None}
        result: dict[str, Any] = {CATEGORY: category}
        before = previous_value(tracker, CATEGORY)
        if before and normalize(str(before)) != normalize(category):
            for slot in DEPENDENT:
                if not said_now(tracker, slot):
                    result.update(self._cleared(slot))
        return result

    # ----------------------------------------------------------------- budget

    async def validate_budget(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Turns "under 50 bucks", "around $100", "cheap" or "any" into budget_min/max."""
        if self._stale(tracker, BUDGET):
            return self._cleared(BUDGET)
        text = _text(value)
        if wants_results_now(tracker, BUDGET):
            return {BUDGET: ANY, BUDGET_MIN: None, BUDGET_MAX: None}
        budget = parse_budget(text) if text and len(text) <= MAX_VALUE_CHARS else None
        if budget is not None and budget.label == ANY:
            return {BUDGET: ANY, BUDGET_MIN: None, BUDGET_MAX: None}
        if budget is not None and not budget.is_open:
            return {
                BUDGET: budget.label,
                BUDGET_MIN: budget.budget_min,
                BUDGET_MAX: budget.budget_max,
            }
        if text and len(text) <= MAX_VALUE_CHARS:
            category = display_category(tracker.get_slot(CATEGORY))
            parsed = await self._parse(f"{text} {category}".strip())
            if parsed is not None and (
                parsed.budget_min is not None or parsed.budget_max is not None
            ):
                label = (
                    budget.label
                    if budget is not None
                    else budget_label(parsed.budget_min, parsed.budget_max)
                )
                return {BUDGET: label, BUDGET_MIN: parsed.budget_min, BUDGET_MAX: parsed.budget_max}
        if budget is not None:  # "cheap" that nobody could turn into numbers: keep the wish
            return {BUDGET: budget.label, BUDGET_MIN: None, BUDGET_MAX: None}
        if not _other_slots_named(tracker, BUDGET):
            dispatcher.utter_message(text=f"Sorry, I didn't get your budget. {BUDGET_HELP}")
        return {BUDGET: None, BUDGET_MIN: None, BUDGET_MAX: None}

    # ----------------------------------------------------------------- brand

    async def validate_brand(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Maps the answer to a catalog brand's spelling, or "any"."""
        if self._stale(tracker, BRAND):
            return self._cleared(BRAND)
        text = _text(value)
        if (text and is_any(text)) or wants_results_now(tracker, BRAND):
            return {BRAND: ANY}
        brand = None
        vocabulary = await self._vocabulary()
        if text and len(text) <= MAX_VALUE_CHARS:
            if vocabulary is not None:
                brand = match_vocabulary(text, vocabulary.brands, cutoff=0.85)
            if brand is None and (parsed := await self._parse(text)) is not None:
                brand = parsed.brand
            if brand is None and vocabulary is None and plausible_free_value(text, max_words=3):
                brand = text  # recommender down: keep a reasonable raw value
        if brand is not None:
            return {BRAND: brand}
        if not _other_slots_named(tracker, BRAND):
            if vocabulary is not None and vocabulary.brands:
                listed = ", ".join(sorted(vocabulary.brands)[:MAX_LISTED])
                more = " and others" if len(vocabulary.brands) > MAX_LISTED else ""
                dispatcher.utter_message(
                    text=f"Sorry, I don't know that brand. We carry {listed}{more}. "
                    'Or say "any" if the brand doesn\'t matter.'
                )
            else:
                dispatcher.utter_message(
                    text="Sorry, I didn't catch the brand. Or say \"any\" if it doesn't matter."
                )
        return {BRAND: None}

    # ----------------------------------------------------------------- attribute

    async def validate_attribute(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One extra wish: a color or feature becomes a filter, other short wishes guide ranking."""
        if self._stale(tracker, ATTRIBUTE):
            return self._cleared(ATTRIBUTE)
        text = _text(value)
        if (text and is_any(text)) or wants_results_now(tracker, ATTRIBUTE):
            return {ATTRIBUTE: ANY, ATTRIBUTES: {}}
        if text and len(text) <= MAX_VALUE_CHARS:
            parsed = await self._parse(text)
            if parsed is not None and parsed.attributes:
                words = [v if v not in ("yes", "true") else k for k, v in parsed.attributes.items()]
                return {ATTRIBUTE: ", ".join(words), ATTRIBUTES: dict(parsed.attributes)}
            if plausible_free_value(text, max_words=6, max_chars=60):
                # Not a catalog attribute ("long battery life"): kept as a ranking hint.
                return {ATTRIBUTE: normalize(text), ATTRIBUTES: {}}
        if not _other_slots_named(tracker, ATTRIBUTE):
            dispatcher.utter_message(
                text="Sorry, I didn't get that. Tell me one thing that matters to you, like a "
                'color or a feature ("black", "wireless", "waterproof"), or say "any".'
            )
        return {ATTRIBUTE: None, ATTRIBUTES: None}
