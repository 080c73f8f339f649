"""How the products answer each need the shopper stated, one sentence per need.

``For swimming, the Garmin Swim 2 and the Fitbit Inspire 3 are water-resistant to 5 ATM; the
Apple Watch SE is water-resistant to 50 m.`` Products with the same value are grouped; when
every product shares it, they are counted instead of named ("all three are water resistant").
Values come from the catalog (``needs.value_of``), the need's words from the message.
"""

from __future__ import annotations

import re

from recommender.data.catalog import Product
from recommender.models.generation.needs import Need, read_needs, value_of
from recommender.models.generation.phrases import Phrases, display_names, sentence, the
from recommender.models.generation.types import ReplyContext
from recommender.models.generation.units import with_unit
from recommender.models.generation.wording import ANSWERS, COUNT_WORDS

_IS_WORDS = ("waterproof", "wireless", "programmable", "water_resistant")
#: features counted with an article ("has a grinder"; "has noise cancelling" takes none)
_COUNTABLE = ("grinder", "milk_frother", "laptop_sleeve")
_PLURAL_VERB = {"is": "are", "has": "have"}
#: nouns after the value that take a plural when several products share it ("a 6.8 in
#: screen" -> "6.8 in screens"); others keep their article ("fit a 15 in laptop")
_PLURAL_NOUN = {" model": " models", " screen": " screens", " battery": " batteries",
                " lens": " lenses", " display": " displays"}  # fmt: skip


def answer(need: Need, value: str, phrases: Phrases) -> tuple[str, str]:
    """``(verb, rest)``: how one product with ``value`` answers ``need``."""
    label = need.label
    if value == "no":
        return ("is", f"not {label}") if need.key in _IS_WORDS else ("has", f"no {label}")
    if value == "yes":
        if need.key.startswith("tag:") or need.key in _IS_WORDS:
            return "is", label
        return "has", f"a {label}" if need.key in _COUNTABLE else label
    ways = ANSWERS.get(need.key, (("has", f"a {label} of ", ""),))
    verb, before, after = ways[phrases.index(f"answer {need.key}", len(ways))]
    rest = f"{before}{value}{after}"
    if rest.startswith("a ") and rest[2:3].lower() in "aeiou":
        rest = "an " + rest[2:]
    return verb, rest


def plural(verb: str, rest: str) -> tuple[str, str]:
    """The same answer for several products: ``is a drip model`` -> ``are drip models``."""
    verb = _PLURAL_VERB.get(verb, verb[:-1] if verb.endswith("s") else verb)
    for one, many in _PLURAL_NOUN.items():
        if rest.endswith(one):
            rest = re.sub(r"^an? ", "", rest)[: -len(one)] + many
            break
    return verb, rest


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _shared(need: Need, value: str, n: int, phrases: Phrases) -> str:
    """Every one of ``n`` products has ``value``: counted, not named."""
    if value == "no":  # "neither is waterproof", "not one of them has a grinder"
        verb_one, rest_one = answer(need, "yes", phrases)
        none = "neither" if n == 2 else "not one of them"
        return phrases.say("need_none", none=none, verb_one=verb_one, rest_one=rest_one)
    verb_one, rest_one = answer(need, value, phrases)
    verb, rest = plural(verb_one, rest_one)
    both = n == 2
    return phrases.say(
        "need_all_yes" if value == "yes" else "need_all",
        all="both" if both else f"all {COUNT_WORDS.get(n, 'of them')}",
        they_verb=("are " if verb == "are" else "") + ("both" if both else "all")
        + ("" if verb == "are" else f" {verb}"),
        verb=verb, rest=rest, verb_one=verb_one, rest_one=rest_one,
    )  # fmt: skip


def _body(
    need: Need, groups: dict[str, list[Product]], products: list[Product], phrases: Phrases
) -> str:
    """What the products have for ``need``, grouped by value."""
    n = len(products)
    if len(groups) == 1 and n > 1 and len(next(iter(groups.values()))) == n:
        return _shared(need, next(iter(groups)), n, phrases)
    if n == 1:
        verb, rest = answer(need, next(iter(groups)), phrases)
        return phrases.say("need_one", verb=verb, rest=rest)
    name = display_names(products)
    if "yes" not in groups and "no" not in groups and need.key not in ANSWERS:
        listed = [
            f"{with_unit(need.key, v)} ({_names([name[p.id] for p in ps])})"
            for v, ps in groups.items()
        ]
        return f"{need.label} {_names(listed)}"
    parts = []
    for value, ps in groups.items():
        verb, rest = answer(need, value, phrases)
        if len(ps) > 1:
            verb, rest = plural(verb, rest)
        parts.append(f"{_names([the(name[p.id]) for p in ps])} {verb} {rest}")
    return phrases.say("contrast").join(parts) if len(parts) == 2 else "; ".join(parts)


def need_sentences(ctx: ReplyContext, phrases: Phrases) -> list[str]:
    """For each stated need that an attribute of the products answers: one sentence."""
    products = [c.product for c in ctx.products]
    out = []
    for need in read_needs(ctx.user_message, products):
        groups: dict[str, list[Product]] = {}
        for p in products:
            value = value_of(p, need.key)
            if value is not None:
                groups.setdefault(value, []).append(p)
        if not groups:
            continue
        body = _body(need, groups, products, phrases)
        [first, *others] = groups.values()
        shared = not others and len(first) == len(products) > 1 and set(groups) <= {"yes", "no"}
        lead = "" if shared else phrases.say("need_lead", topic=need.said.lower())
        out.append(sentence(lead + body))  # "All three are wireless." needs no lead
    return out
