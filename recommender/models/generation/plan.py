"""What a good sales assistant adds around the model's sentences, from catalog facts only.

* ``opening``: the relaxation notice (what had to be loosened is a fact the reply must state)
  and, for "more like this", the product the shopper started from;
* ``opener``: what was searched, when the model wrote no opening of its own;
* ``product_sentence``: a product the model's kept sentences do not name;
* ``comparison_sentence``: the cheapest option and the best on a numeric attribute the need
  (or, failing that, the category) is about (longest battery, most storage, ...);
* ``closer``: a follow-up invitation, now and then naming an attribute the products differ in.

The need sentences are ``answers.py``'s. Every phrasing comes from ``wording.py``, picked per
turn by ``phrases.Phrases``.
"""

from __future__ import annotations

from collections.abc import Sequence

from recommender.data.catalog import Product
from recommender.models.generation.needs import read_needs, value_of
from recommender.models.generation.phrases import Phrases, display_names, sentence, the
from recommender.models.generation.slots import format_price
from recommender.models.generation.types import ReplyContext
from recommender.models.generation.units import numeric, with_unit
from recommender.models.generation.wording import ASPECTS
from recommender.pipeline.formatting import category_label

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


def _best(products: Sequence[Product], key: str) -> tuple[Product, str] | None:
    """The product with the best value of ``key`` (all comparable, no tie), else ``None``."""
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
    ranked = sorted(values, key=lambda v: v[0][0], reverse=COMPARABLE[key][1])
    if ranked[0][0][0] == ranked[1][0][0]:
        return None  # a tie is no comparison
    return ranked[0][1], ranked[0][2]


def comparison_sentence(ctx: ReplyContext, phrases: Phrases) -> str:
    """The cheapest option and the best on one numeric attribute ("" for one product)."""
    products = [c.product for c in ctx.products]
    if len(products) < 2:
        return ""
    name = display_names(products)
    prices = sorted(products, key=lambda p: p.price)
    cheapest = prices[0] if prices[0].price < prices[1].price else None
    best = None
    for key in [*(n.key for n in read_needs(ctx.user_message, products)), *COMPARABLE]:
        found = _best(products, key)
        if found is not None:
            best = (found[0], COMPARABLE[key][0], with_unit(key, found[1]))
            break
    parts = []
    if cheapest is not None:
        kind, extra = "cheapest", {}
        if best is not None and best[0] is cheapest:
            kind, extra = "both", {"best": best[1], "value": best[2]}
        else:
            extra = {"high": format_price(prices[-1].price, prices[-1].currency)}
        price = format_price(cheapest.price, cheapest.currency)
        parts.append(phrases.say(kind, name=the(name[cheapest.id]), price=price, **extra))
    if best is not None and best[0] is not cheapest:
        parts.append(phrases.say("best", name=the(name[best[0].id]), best=best[1], value=best[2]))
    if not parts:
        return ""
    return sentence(phrases.say("compare_lead") + "; ".join(parts))


def product_sentence(product: Product, phrases: Phrases) -> str:
    """A sentence naming a product the model's text left out, with its price."""
    price = format_price(product.price, product.currency)
    return sentence(phrases.say("also", title=the(product.title), price=price))


def opening(ctx: ReplyContext, phrases: Phrases) -> str:
    """The relaxation notice and, for "more like this", what the products are like."""
    out = []
    if ctx.notice:
        out.append(sentence(phrases.say("notice", notice=ctx.notice)))
    if ctx.similar_to:
        out.append(sentence(phrases.say("similar", title=the(ctx.similar_to))))
    return " ".join(out)


def opener(ctx: ReplyContext, phrases: Phrases) -> str:
    """What was searched (``Here's what I found for trail running shoes.``); "" when the
    opening already says what the products are (notice, "more like this") or nothing was
    asked."""
    if ctx.notice or ctx.similar_to or not ctx.heading:
        return ""
    return sentence(phrases.say("opener", heading=ctx.heading))


def closer(ctx: ReplyContext, phrases: Phrases) -> str:
    """A follow-up invitation on half the turns (a question after every reply reads like a
    script), else ""."""
    products = [c.product for c in ctx.products]
    if not products or phrases.index("closer?", 2) == 0:
        return ""
    fields = {"top": the(display_names(products)[products[0].id])}
    kind = ctx.profile.category  # a fact of the turn (a slot) only when the profile has it
    if kind and all(p.category == kind for p in products):
        fields["things"] = category_label(kind)
    if len(products) == 1:
        return sentence(phrases.say("closer_one", **fields))
    needs = {n.key for n in read_needs(ctx.user_message, products)}
    for key, label in ASPECTS.items():
        values = [value_of(p, key) for p in products]
        if key not in needs and None not in values and len(set(values)) > 1:
            fields["aspect"] = label
            break
    return sentence(phrases.say("closer", **fields))
