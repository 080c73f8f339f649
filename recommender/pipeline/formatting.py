"""Human-readable money and constraint phrases shared by retrieval messages and replies."""

from __future__ import annotations

from recommender.pipeline.schemas import Constraints, canonical_value

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def format_price(amount: float, currency: str = "USD") -> str:
    """A product price with two decimals: ``$1,299.99``, ``€79.00``, ``79.00 SEK``."""
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    text = f"{amount:,.2f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency.upper()}"


def format_budget(amount: float, currency: str = "USD") -> str:
    """A budget bound, without decimals when it is a whole number: ``$100``, ``$99.50``."""
    if float(amount).is_integer():
        symbol = CURRENCY_SYMBOLS.get(currency.upper())
        text = f"{int(amount):,}"
        return f"{symbol}{text}" if symbol else f"{text} {currency.upper()}"
    return format_price(amount, currency)


def category_label(category: str | None) -> str:
    """``running-shoes`` -> ``running shoes``; ``None`` -> ``products``."""
    return category.replace("-", " ").replace("_", " ") if category else "products"


def attribute_phrase(name: str, value: str) -> str:
    """``wireless=yes`` -> ``wireless``; ``wireless=no`` -> ``non-wireless``; else the value."""
    canon = canonical_value(value)
    label = name.replace("_", " ")
    if canon == "yes":
        return label
    if canon == "no":
        return f"non-{label}"
    return canon


def budget_phrase(c: Constraints, currency: str) -> str:
    """``under $100``, ``over $50``, ``between $20 and $40`` or empty."""
    lo, hi = c.budget_min, c.budget_max
    if lo is not None and hi is not None:
        return f"between {format_budget(lo, currency)} and {format_budget(hi, currency)}"
    if hi is not None:
        return f"under {format_budget(hi, currency)}"
    if lo is not None:
        return f"over {format_budget(lo, currency)}"
    return ""


def _said_by(phrase: str, label: str) -> bool:
    """True when the category label already says the attribute ("smartwatch" smartwatches)."""
    squash = phrase.lower().replace(" ", "").replace("-", "")
    return bool(squash) and label.lower().replace(" ", "").replace("-", "").startswith(squash)


def describe(c: Constraints, currency: str, *, with_budget: bool = True) -> str:
    """Noun phrase for a set of constraints: ``black wireless Sony headphones under $100``."""
    label = category_label(c.category)
    words = [
        phrase
        for k, v in sorted(c.attributes.items())
        if not _said_by(phrase := attribute_phrase(k, v), label)
    ]
    if c.brand:
        words.append(c.brand)
    words.append(label)
    if with_budget and (b := budget_phrase(c, currency)):
        words.append(b)
    return " ".join(words)
