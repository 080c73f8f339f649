"""Placeholders for facts: the model writes ``[P1_PRICE]``, the writer fills in ``$129.00``.

Slots keep outputs short (one placeholder instead of a long product name) and make facts
copy-exact: a price the model never spells cannot be misspelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recommender.models.generation.types import ReplyContext

SLOT_RE = re.compile(r"\[([A-Z][A-Z0-9_]{0,40})\]")
_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
MAX_PROFILE_ITEMS = 1
MAX_ATTRIBUTES = 3
MAX_ATTRIBUTE_CHARS = 40
MAX_ATTRIBUTE_WORDS = 6
_ATTRIBUTE_SLOT = re.compile(r"P\d+_(?!BRAND$|PRICE$)[A-Z0-9_]+")


def format_price(value: float, currency: str = "USD") -> str:
    """``129.0, "USD" -> "$129.00"``; unknown currencies as ``"129.00 CHF"``."""
    symbol = _CURRENCY_SYMBOLS.get(currency.upper())
    return f"{symbol}{value:,.2f}" if symbol else f"{value:,.2f} {currency.upper()}"


def is_attribute_value(value: str) -> bool:
    """Short values only (``black``, ``30 h``): longer text is description, never a fact slot."""
    return 0 < len(value) <= MAX_ATTRIBUTE_CHARS and len(value.split()) <= MAX_ATTRIBUTE_WORDS


def attribute_slot_key(key: str) -> str:
    """Slot-safe upper-case form of an attribute key (``battery hours`` -> ``BATTERY_HOURS``)."""
    return re.sub(r"[^A-Z0-9]+", "_", key.upper()).strip("_")[:24] or "ATTR"


@dataclass(frozen=True)
class SlotTable:
    """Slot name -> fact text for one turn, in prompt order."""

    values: dict[str, str]

    def fill(self, text: str) -> tuple[str, list[str]]:
        """Replace every ``[SLOT]`` by its value; returns the text and unknown slot names."""
        unknown: list[str] = []

        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in self.values:
                return self.values[name]
            unknown.append(name)
            return match.group(0)

        return SLOT_RE.sub(sub, text), unknown

    def substitute(self, text: str, attributes: bool = False) -> str:
        """Replace fact values inside ``text`` by their slot names (longest value first).

        Attribute values (``black``, ``30 h``) are replaced only when ``attributes`` is set.
        """
        pairs = list(self.values.items())
        pairs += [
            (n, v[:-3])
            for n, v in self.values.items()
            if (n == "BUDGET" or n.endswith("_PRICE")) and v.endswith(".00")
        ]
        for name, value in sorted(pairs, key=lambda kv: -len(kv[1])):
            if name == "CATEGORY" or len(value) < 3 or value.lower() in ("yes", "no"):
                continue
            if not attributes and _ATTRIBUTE_SLOT.fullmatch(name):
                continue
            pattern = rf"(?<![\w\[]){re.escape(value)}(?![\w\]])"
            text = re.sub(pattern, f"[{name}]", text, flags=re.IGNORECASE)
        return text


def build_slots(ctx: ReplyContext) -> SlotTable:
    """Name every fact of this turn: products (title, brand, price, attributes) and profile."""
    values: dict[str, str] = {}
    prof = ctx.profile
    if prof.budget is not None:
        values["BUDGET"] = format_price(prof.budget, ctx.currency)
    if prof.category:
        values["CATEGORY"] = re.sub(r"[-_]+", " ", prof.category)
    for i, brand in enumerate(prof.brands[:MAX_PROFILE_ITEMS], 1):
        values[f"BRAND{i}"] = brand
    for i, title in enumerate(prof.purchased[:MAX_PROFILE_ITEMS], 1):
        values[f"BOUGHT{i}"] = title
    for i, title in enumerate(prof.viewed[:MAX_PROFILE_ITEMS], 1):
        values[f"VIEWED{i}"] = title
    for i, chosen in enumerate(ctx.products, 1):
        p = chosen.product
        values[f"P{i}"] = p.title
        values[f"P{i}_BRAND"] = p.brand
        values[f"P{i}_PRICE"] = format_price(p.price, p.currency)
        attrs = [(k, str(v)) for k, v in sorted(p.attributes.items()) if is_attribute_value(str(v))]
        for key, value in attrs[:MAX_ATTRIBUTES]:
            values.setdefault(f"P{i}_{attribute_slot_key(key)}", str(value))
    return SlotTable(values)
