"""Preferences of a turn from the kept slots and the latest message.

Merge rule (the shopper may change their mind at any time):

* a field the latest message states wins over the kept slot ("actually under 50");
* a field the message declines ("any brand", or a bare "any" answering the question just
  asked) becomes "any": no constraint, and older text cannot bring it back;
* a field the message does not mention keeps its slot value;
* a new category makes brand, budget and attributes of the old one stale: they are dropped
  unless the same message states them; only a category named outright switches a search
  under way (a product tag such as "gaming" does not);
* attributes merge key by key the same way;
* a price tier ("cheap", "premium") is kept as a tier and turned into a range against the
  merged category's prices, so the range follows a change of category and a reply never
  treats it as an amount the shopper said.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from recommender.pipeline.formatting import attribute_phrase, category_label
from recommender.pipeline.schemas import (
    Constraints,
    ParsedPreferences,
    PriceTier,
    Slots,
    canonical_value,
)
from recommender.pipeline.vocabulary import Vocabulary


@dataclass(frozen=True)
class Merged:
    """The preferences after this turn (to keep) and the constraints they imply (to apply).

    Attributes:
        slots: the new kept preferences (what the conversation remembers).
        constraints: hard filters, with the price tier turned into a range.
        changed: fields the latest message set or declined.
    """

    slots: Slots
    constraints: Constraints
    changed: frozenset[str]


def merge_preferences(
    slots: Slots, parsed: ParsedPreferences, vocab: Vocabulary, *, asked: str | None = None
) -> Merged:
    """Merge the kept ``slots`` with what the latest message says (see module docstring)."""
    said = set(parsed.stated())
    anys = set(slots.any)

    category = slots.category
    if slots.category is not None:
        category = vocab.resolve_category(slots.category) or slots.category.lower()
    said_category = parsed.category
    if said_category is not None and parsed.category_from_tag and category is not None:
        said_category = None  # a product tag ("gaming") refines a search, it does not switch it
        said.discard("category")
    new_category = said_category is not None and said_category != category
    if said_category is not None:
        category = said_category
    if new_category and slots.category is not None:
        slots = Slots(category=category)  # the old category's brand/budget/attributes are stale
        anys = set()

    brand = slots.brand
    if slots.brand is not None:
        brand = vocab.resolve_brand(slots.brand) or slots.brand
    if parsed.brand is not None:
        brand = parsed.brand
        anys.discard("brand")

    budget_min, budget_max = slots.budget_min, slots.budget_max
    tier: PriceTier | None = slots.price_tier
    if parsed.budget_min is not None or parsed.budget_max is not None:
        budget_min, budget_max, tier = parsed.budget_min, parsed.budget_max, None
        anys.discard("budget")
    elif parsed.price_tier is not None:
        budget_min = budget_max = None
        tier = parsed.price_tier
        anys.discard("budget")

    attributes = {k: canonical_value(v) for k, v in slots.attributes.items()}
    for key, value in parsed.attributes.items():
        attributes[key] = canonical_value(value)
        anys.discard(f"attributes.{key}")

    declined = set(parsed.any_of)
    if asked and asked != "category" and parsed.any_of == frozenset({"*"}):
        declined = {asked}
    declined.discard("*")
    for name in declined:
        anys.add(name)
        said.add(name)
        if name == "brand":
            brand = None
        elif name == "budget":
            budget_min = budget_max = None
            tier = None
        elif name.startswith("attributes."):
            attributes.pop(name.split(".", 1)[1], None)
    said.discard("*")

    kept = Slots(
        category=category,
        brand=brand,
        budget_min=budget_min,
        budget_max=budget_max,
        attributes=attributes,
        any=frozenset(anys),
        price_tier=tier,
    )
    lo, hi = budget_min, budget_max
    if tier is not None:
        lo, hi = vocab.tier_budget(tier, category)
    constraints = Constraints(
        category=category,
        brand=brand,
        budget_min=lo,
        budget_max=hi,
        attributes=dict(attributes),
        price_tier=tier,
    )
    return Merged(slots=kept, constraints=constraints, changed=frozenset(said))


def skip_unanswered(merged: Merged, asked: str | None, text: str) -> Merged:
    """A typed reply that leaves the open question unanswered declines it: the shopper said
    something else instead ("under 100" to "which brand?"), so the question is not asked
    again and its field is "any" until the shopper names a value."""
    if not asked or not text or asked in merged.changed or asked == "category":
        return merged
    if not merged.changed:
        return merged  # nothing read at all: not a reply to the search
    slots = replace(merged.slots, any=merged.slots.any | {asked})
    return replace(merged, slots=slots)


def constraint_text(c: Constraints) -> str:
    """Query text when the message is empty: the stated constraints as words."""
    words = [attribute_phrase(k, v) for k, v in sorted(c.attributes.items())]
    if c.brand:
        words.append(c.brand)
    if c.category:
        words.append(category_label(c.category))
    return " ".join(words)
