"""Constraints of a turn from its slots and its parsed text.

Merge rule (slots vs. text): a slot that is set wins for its field; a slot set to "any"
means the user explicitly does not care, so the text may not fill it; a slot that is null
or absent is filled from the text. Attributes merge key by key the same way. When a text
budget contradicts a slot budget (text min above slot max, or the reverse) the text side
is dropped. "cheap"/"premium" budgets are resolved against the merged category.
"""

from __future__ import annotations

from typing import Any

from recommender.pipeline.formatting import attribute_phrase, category_label
from recommender.pipeline.schemas import Constraints, ParsedPreferences, Slots, canonical_value
from recommender.pipeline.vocabulary import Vocabulary


def _pick(name: str, slots: Slots, parsed: ParsedPreferences) -> Any:
    value = getattr(slots, name)
    if value is not None:
        return value
    if name in slots.any:
        return None
    return getattr(parsed, name)


def merge_constraints(slots: Slots, parsed: ParsedPreferences, vocab: Vocabulary) -> Constraints:
    """Constraints from slots and parsed text (see the module docstring for the rule)."""
    category = _pick("category", slots, parsed)
    if slots.category is not None:
        category = vocab.resolve_category(slots.category) or slots.category.lower()
    brand = _pick("brand", slots, parsed)
    if slots.brand is not None:
        brand = vocab.resolve_brand(slots.brand) or slots.brand
    lo = _pick("budget_min", slots, parsed)
    hi = _pick("budget_max", slots, parsed)
    if parsed.price_tier is not None and category != parsed.category:
        tmin, tmax = vocab.tier_budget(parsed.price_tier, category)
        if "budget_max" in parsed.tier_sides and slots.budget_max is None:
            hi = tmax
        if "budget_min" in parsed.tier_sides and slots.budget_min is None:
            lo = tmin
    if lo is not None and hi is not None and lo > hi:
        if slots.budget_min is None:
            lo = None
        elif slots.budget_max is None:
            hi = None
    attributes = {k: canonical_value(v) for k, v in parsed.attributes.items()}
    attributes.update({k: canonical_value(v) for k, v in slots.attributes.items()})
    for key in slots.any:
        if key.startswith("attributes."):
            attributes.pop(key.split(".", 1)[1], None)
    return Constraints(
        category=category, brand=brand, budget_min=lo, budget_max=hi, attributes=attributes
    )


def constraint_text(c: Constraints) -> str:
    """Query text when the message is empty: the stated constraints as words."""
    words = [attribute_phrase(k, v) for k, v in sorted(c.attributes.items())]
    if c.brand:
        words.append(c.brand)
    if c.category:
        words.append(category_label(c.category))
    return " ".join(words)
