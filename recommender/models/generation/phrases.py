"""Picks the phrasing of each code-written sentence, stably per turn; names products in it.

The pick is a hash of the turn (message, notice, anchor, product ids) and the sentence kind:
the same turn always reads the same (tests, retries, logs), different turns read differently.
A kind used twice in one turn takes the next phrasing, so a reply never says it twice.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Sequence

from recommender.data.catalog import Product
from recommender.models.generation.types import ReplyContext
from recommender.models.generation.wording import WORDING

_FORMATTER = string.Formatter()


def turn_key(ctx: ReplyContext) -> str:
    """What identifies a turn for the wording: the shopper's words and what is shown."""
    ids = "|".join(c.product.id for c in ctx.products)
    return "\n".join((ctx.user_message, ctx.notice, ctx.similar_to, ctx.heading, ids))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def the(name: str) -> str:
    """``the Garmin Swim 2``; a name that has its own article keeps it (``The North Face``)."""
    return name if name.lower().startswith("the ") else f"the {name}"


class Phrases:
    """One phrasing per sentence kind for one turn (see the module docstring)."""

    def __init__(self, ctx: ReplyContext) -> None:
        self._key = turn_key(ctx)
        self._used: dict[str, int] = {}

    def index(self, kind: str, size: int) -> int:
        """This turn's choice among ``size`` options of ``kind`` (the next one on reuse)."""
        digest = hashlib.sha256(f"{self._key}\n{kind}".encode()).digest()
        n = self._used.get(kind, 0)
        self._used[kind] = n + 1
        return (int.from_bytes(digest[:8], "big") + n) % size

    def say(self, kind: str, /, **fields: str) -> str:
        """A phrasing of ``kind`` filled with ``fields``; phrasings that need a field not
        given are skipped (a closer naming an attribute when there is none to name)."""
        usable = [t for t in WORDING[kind] if _fields(t) <= fields.keys()]
        return usable[self.index(kind, len(usable))].format(**fields)


#: words that name a variant of a model and stay with its number ("S24 Ultra", "ZV-1 II")
_VARIANTS = frozenset({"pro", "max", "plus", "ultra", "mini", "lite", "se", "ii", "iii", "iv",
                       "nc", "xl", "air", "evo", "fe", "neo", "mark", "solar"})  # fmt: skip
_UNITS = frozenset({"gb", "tb", "mm", "in", "l"})


def short_name(title: str) -> str:
    """The title up to its first comma: ``Garmin Swim 2, 42 mm, Slate`` -> ``Garmin Swim 2``."""
    return title.split(",", 1)[0].strip()


def model_name(title: str, brand: str) -> str:
    """Brand, line and model number, as a salesperson says it: ``Sony WH-CH520 Wireless
    On-Ear Headphones`` -> ``Sony WH-CH520``, ``Samsung Galaxy S24 Ultra 512 GB`` ->
    ``Samsung Galaxy S24 Ultra``, ``Apple iPhone SE (3rd generation)`` -> ``Apple iPhone SE``;
    the short name where no word carries a number."""
    words = short_name(title).split()
    at = next((i for i, w in enumerate(words) if i and any(ch.isdigit() for ch in w)), None)
    paren = next((i for i, w in enumerate(words) if w.startswith("(")), len(words))
    if paren <= (len(words) if at is None else at):
        return " ".join(words[:paren]) if paren >= 2 else short_name(title)  # "Apple iPhone SE"
    if at is None:
        return short_name(title)
    end = at + 1
    if words[at].replace(".", "").isdigit() and end < len(words) and words[end].lower() in _UNITS:
        end += 1  # "128 GB"
    while end < len(words) and words[end].lower() in _VARIANTS:
        end += 1
    name = " ".join(words[:end])
    return name if name.lower() != brand.lower() else short_name(title)


def display_names(products: Sequence[Product]) -> dict[str, str]:
    """Product id -> how the plan's sentences call it: its model name (``Garmin Swim 2``);
    where two shown products share that, its short name; where they share that too, its
    whole title (colours of one model)."""
    out = {}
    models = [model_name(p.title, p.brand) for p in products]
    shorts = [short_name(p.title) for p in products]
    for p, model, short in zip(products, models, shorts, strict=True):
        if models.count(model) == 1:
            out[p.id] = model
        else:
            out[p.id] = short if shorts.count(short) == 1 else p.title
    return out


def sentence(text: str) -> str:
    """``text`` as a sentence: first letter upper case, a final mark."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
