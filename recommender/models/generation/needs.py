"""Which catalog attribute answers a need the shopper stated ("for swimming" -> water rating).

A need is read from the shopper's own words (so a reply may quote them back) and resolved,
per turn, to the first of its attribute keys that this turn's products carry (or a catalog
tag, ``tag:lightweight``). Needs with no such attribute are not mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recommender.data.catalog import Product

#: (pattern over the lower-cased message, attribute keys in order of preference)
LEXICON: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\blight(?:weight)?\b|\bportable\b|\beasy to carry\b", ("weight", "tag:lightweight")),
    (
        r"\bswim\w*|\bwater ?proof\b|\bwater[- ]resist\w*|\bunderwater\b|\brain\w*\b|\bsnorkel\w*",
        ("water_resistance", "waterproof", "water_resistant"),
    ),
    (
        r"\bbattery\b|\blasts? (?:all day|a week|long)\b|\ball[- ]day\b",
        ("battery_hours", "battery_life", "battery"),
    ),
    (r"\bnoise[- ]cancel\w*|\banc\b", ("noise_cancelling",)),
    (r"\bwireless\b|\bbluetooth\b|\bcordless\b", ("wireless",)),
    (r"\b(?:big|large|small|bigger|smaller) (?:screen|display)\b|\bscreen\b", ("screen_size",)),
    (r"\bstorage\b|\bspace for\b", ("storage",)),
    (r"\bram\b|\bmemory\b", ("ram",)),
    (r"\bgraphics\b|\bgpu\b|\bgaming\b", ("gpu",)),
    (r"\bcamera\b(?! bag)", ("camera",)),
    (r"\bmegapixels?\b|\bsharp\b|\bresolution\b", ("megapixels",)),
    (r"\b5g\b", ("network",)),
    (r"\btrails?\b|\bmud\w*\b|\boff[- ]road\b", ("surface",)),
    (r"\bcushion\w*", ("cushioning",)),
    (r"\bstability\b|\bflat feet\b|\boverpronat\w*", ("support",)),
    (r"\bespresso\b|\bdrip\b|\bfrench press\b|\bmoka\b|\bcold brew\b", ("type",)),
    (r"\bmilk\b|\bfroth\w*|\blattes?\b|\bcappuccinos?\b", ("milk_frother",)),
    (r"\bgrind\w*", ("grinder",)),
    (r"\bprogrammable\b|\btimer\b", ("programmable",)),
    (r"\bcapacity\b|\blitres?\b|\bliters?\b", ("capacity",)),
    (r"\blaptop sleeve\b|\b1[3-7](?:\.\d)? ?(?:inch|in)\b laptop", ("laptop_sleeve",)),
    (r"\bhik\w*|\bbackpacking\b", ("use",)),
    (r"\bgps\b", ("gps",)),
    (r"\biphone\b|\bandroid\b", ("compatibility",)),
    (r"\b4k\b|\bvideo\b|\bvlog\w*", ("video",)),
    (r"\bzoom\b|\blens\b", ("lens",)),
    (r"\bmacos\b|\bmac\b|\bwindows\b|\bchromeos\b", ("os",)),
    (r"\bover[- ]ear\b|\bin[- ]ear\b|\bon[- ]ear\b", ("type",)),
    (r"\bcellular\b|\blte\b", ("cellular",)),
)
_COMPILED = tuple((re.compile(p), keys) for p, keys in LEXICON)


@dataclass(frozen=True)
class Need:
    """A need the shopper stated and the attribute that answers it this turn.

    Attributes:
        said: the shopper's own words for it (``for swimming`` -> ``swimming``).
        key: the attribute key (``water_resistance``) or ``tag:<tag>``.
    """

    said: str
    key: str

    @property
    def label(self) -> str:
        """The attribute in words: ``water resistance``, ``lightweight``."""
        return self.key[4:] if self.key.startswith("tag:") else self.key.replace("_", " ")


def value_of(product: Product, key: str) -> str | None:
    """The product's value for ``key`` (``"yes"`` for a tag it carries), else ``None``."""
    if key.startswith("tag:"):
        return "yes" if key[4:] in {t.lower() for t in product.tags} else None
    value = product.attributes.get(key)
    return None if value is None or str(value).strip() == "" else str(value)


def read_needs(message: str, products: list[Product]) -> list[Need]:
    """Needs in ``message`` that an attribute of at least one of ``products`` answers."""
    low = message.lower()
    needs: list[Need] = []
    for rx, keys in _COMPILED:
        m = rx.search(low)
        if m is None:
            continue
        key = next((k for k in keys if any(value_of(p, k) is not None for p in products)), None)
        if key is not None and all(n.key != key for n in needs):
            needs.append(Need(message[m.start() : m.end()], key))
    return needs
