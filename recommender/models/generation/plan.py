"""What a good sales assistant adds to the model's sentences, written from catalog facts only.

* the relaxation notice (what had to be loosened is a fact the reply must state);
* for each need the shopper stated, how each product meets it (``needs.py``);
* a comparison of the options: the cheapest, and the best on a numeric attribute the need
  (or, failing that, the category) is about (longest battery, most storage, ...);
* a sentence for any product the model's kept sentences do not name.

Wording varies across turns: each phrase has variants, picked by a stable hash of the turn
(same turn, same reply; different turns, different words).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from recommender.data.catalog import Product
from recommender.models.generation.needs import Need, read_needs, value_of
from recommender.models.generation.slots import format_price
from recommender.models.generation.types import ReplyContext

#: numeric attributes worth comparing: key -> (phrase for the best, higher is better)
COMPARABLE: dict[str, tuple[str, bool]] = {
    "battery_hours": ("the longest battery life", True),
    "battery_life": ("the longest battery life", True),
    "battery": ("the biggest battery", True),
    "storage": ("the most storage", True),
    "ram": ("the most memory", True),
    "capacity": ("the largest capacity", True),
    "megapixels": ("the most megapixels", True),
    "screen_size": ("the biggest screen", True),
    "weight": ("the lightest build", False),
}
_UNIT_SCALE = {"tb": 1024.0}
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)")


class Phrases:
    """Picks one variant per phrase, stably for one turn."""

    def __init__(self, ctx: ReplyContext) -> None:
        key = ctx.user_message + "|" + "|".join(c.product.id for c in ctx.products)
        self._seed = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16)
        self._n = 0

    def pick(self, *variants: str) -> str:
        self._n += 1
        return variants[(self._seed // (7**self._n)) % len(variants)]


def _short(product: Product) -> str:
    return product.title.split(",", 1)[0].strip()


def display_names(products: Sequence[Product]) -> dict[str, str]:
    """Product id -> how the plan's sentences call it: the title up to its first comma
    (``Garmin Swim 2``), or the whole title where two products would share that name
    (colours of one model)."""
    shorts = [_short(p) for p in products]
    return {p.id: s if shorts.count(s) == 1 else p.title for p, s in zip(products, shorts, strict=True)}


def numeric(value: str) -> tuple[float, str] | None:
    """``"14 days"`` -> ``(14.0, "days")``; ``"1 TB"`` -> ``(1024.0, "gb")``; else ``None``."""
    m = _NUMBER.match(value)
    if m is None:
        return None
    unit = m.group(2).lower()
    scale = _UNIT_SCALE.get(unit, 1.0)
    return float(m.group(1)) * scale, ("gb" if unit == "tb" else unit)


#: how a product answers a need, by attribute key: (verb, words before the value, after it)
_PHRASING: dict[str, tuple[str, str, str]] = {
    "battery_hours": ("has", "", " hours of battery"),
    "battery_life": ("has", "a battery life of ", ""),
    "battery": ("has", "a ", " battery"),
    "water_resistance": ("is", "water-resistant to ", ""),
    "video": ("records", "", " video"),
    "type": ("is", "a ", " model"),
    "surface": ("is", "built for ", " running"),
    "cushioning": ("has", "", " cushioning"),
    "support": ("gives", "", " support"),
    "lens": ("comes", "with a ", " lens"),
    "camera": ("has", "a ", " camera"),
    "network": ("supports", "", ""),
    "compatibility": ("works", "with ", ""),
    "use": ("is", "made for ", ""),
    "megapixels": ("shoots", "", ""),
    "screen_size": ("has", "a ", " screen"),
    "capacity": ("holds", "", ""),
    "laptop_sleeve": ("fits", "a ", " laptop"),
    "os": ("runs", "", ""),
    "gpu": ("has", "", " graphics"),
    "storage": ("has", "", " of storage"),
    "ram": ("has", "", " of RAM"),
    "weight": ("weighs", "", ""),
}
_IS_WORDS = ("waterproof", "wireless", "programmable", "water_resistant")
_PLURAL = {"is": "are", "has": "have"}


def _answer(need: Need, value: str) -> tuple[str, str]:
    """``(verb, rest)``: how a product with ``value`` answers ``need``."""
    label = need.label
    if value == "no":
        return ("is", f"not {label}") if need.key in _IS_WORDS else ("has", f"no {label}")
    if value == "yes":
        is_word = need.key.startswith("tag:") or need.key in _IS_WORDS
        return ("is", label) if is_word else ("has", label)
    verb, before, after = _PHRASING.get(need.key, ("has", f"a {label} of ", ""))
    return verb, f"{before}{value}{after}"


def _plural(verb: str) -> str:
    return _PLURAL.get(verb, verb[:-1] if verb.endswith("s") else verb)


def _plural_object(rest: str) -> str:
    """``a espresso model`` -> ``espresso models`` (several products share the value)."""
    rest = re.sub(r"^an? ", "", rest)
    return rest + "s" if rest.endswith(" model") else rest


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def need_sentences(ctx: ReplyContext, phrases: Phrases) -> list[str]:
    """For each stated need: what the products have for it (same values grouped)."""
    products = [c.product for c in ctx.products]
    name = display_names(products)
    out = []
    for need in read_needs(ctx.user_message, products):
        groups: dict[str, list[str]] = {}
        for p in products:
            value = value_of(p, need.key)
            if value is not None:
                groups.setdefault(value, []).append(f"the {name[p.id]}")
        if not groups:
            continue
        topic = need.said.lower()
        lead = phrases.pick(
            f"For {topic}, ",
            f"As for {topic}, ",
            f"Since you mentioned {topic}, ",
            f"About {topic}: ",
        )
        if (
            len(groups) > 1
            and "yes" not in groups
            and "no" not in groups
            and need.key not in _PHRASING
        ):
            listed = [
                f"{with_unit(need.key, v)} ({_names([n[4:] for n in names])})"
                for v, names in groups.items()
            ]
            out.append(_sentence(f"{lead}{need.label} {_names(listed)}"))
            continue
        parts = []
        for value, names in groups.items():
            verb, rest = _answer(need, value)
            if len(names) > 1:
                verb, rest = _plural(verb), _plural_object(rest)
            elif rest.startswith("a ") and rest[2:3].lower() in "aeiou":
                rest = "an " + rest[2:]
            parts.append(f"{_names(names)} {verb} {rest}")
        out.append(_sentence(lead + "; ".join(parts)))
    return out


def comparison_sentence(ctx: ReplyContext, phrases: Phrases) -> str:
    """The cheapest option and the best on one numeric attribute ("" for one product)."""
    products = [c.product for c in ctx.products]
    name = display_names(products)
    if len(products) < 2:
        return ""
    parts = []
    prices = sorted(products, key=lambda p: p.price)
    cheapest = None
    if prices[0].price < prices[1].price:
        cheapest = prices[0]
        price = format_price(cheapest.price, cheapest.currency)
        parts.append(
            phrases.pick(
                f"the {name[cheapest.id]} is the cheapest at {price}",
                f"the {name[cheapest.id]} costs least ({price})",
                f"at {price} the {name[cheapest.id]} is the lowest-priced",
            )
        )
    needs = [n.key for n in read_needs(ctx.user_message, products)]
    for key in [*needs, *COMPARABLE]:
        best = _best(products, key)
        if best is not None:
            p, value = best
            has = f"has {COMPARABLE[key][0]} ({with_unit(key, value)})"
            if p is cheapest and parts and parts[0].startswith(f"the {name[p.id]} is"):
                parts[0] += f" and {has}"  # one product wins both: say it once
            else:
                parts.append(f"the {name[p.id]} {has}")
            break
    if not parts:
        return ""
    lead = phrases.pick("To compare: ", "Side by side, ", "Comparing them, ", "")
    return _sentence(lead + "; ".join(parts))


_KEY_UNITS = frozenset({"hours", "days", "mm", "cm", "kg", "g", "lb", "oz", "minutes", "watts"})


def with_unit(key: str, value: str) -> str:
    """A bare number with the unit its attribute's name carries (``battery_hours`` 57 ->
    "57 hours"); any other value as it is."""
    unit = key.rsplit("_", 1)[-1]
    if unit in _KEY_UNITS and re.fullmatch(r"\d+(?:\.\d+)?", value.strip()):
        return f"{value.strip()} {unit}"
    return value


def _best(products: Sequence[Product], key: str) -> tuple[Product, str] | None:
    if key not in COMPARABLE:
        return None
    values = []
    for p in products:
        raw = value_of(p, key)
        parsed = numeric(raw) if raw else None
        if parsed is None:
            return None
        values.append((parsed, p, raw or ""))
    if len({unit for (_, unit), _, _ in values}) != 1:
        return None
    higher = COMPARABLE[key][1]
    ranked = sorted(values, key=lambda v: v[0][0], reverse=higher)
    if ranked[0][0][0] == ranked[1][0][0]:
        return None  # a tie is no comparison
    return ranked[0][1], ranked[0][2]


def product_sentence(product: Product, phrases: Phrases) -> str:
    """A plain sentence naming a product the model's text left out."""
    price = format_price(product.price, product.currency)
    return _sentence(
        phrases.pick(
            f"There is also the {product.title} at {price}",
            f"Another option is the {product.title} for {price}",
            f"You could also look at the {product.title} ({price})",
        )
    )


def opening(ctx: ReplyContext, phrases: Phrases) -> str:
    """The relaxation notice and, for "more like this", what the products are like."""
    out = []
    if ctx.notice:
        out.append(_sentence(ctx.notice[:1].upper() + ctx.notice[1:]))
    if ctx.similar_to:
        out.append(
            _sentence(
                phrases.pick(
                    f"These are close to the {ctx.similar_to}",
                    f"Here is what comes closest to the {ctx.similar_to}",
                )
            )
        )
    return " ".join(out)


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
