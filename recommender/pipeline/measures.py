"""Measures a shopper names ("15.6 inch", "32 gigs of ram", "1tb", "5000mah", "10 hours of
battery") matched to the catalog's attribute values that carry the same number and unit.

The index is built from the loaded catalog: an attribute value that starts with a number and
a unit ("15.6 in", "512 gb ssd", "42 mm", "65 l"), or a plain number whose attribute name says
the unit ("battery_hours" = "10"), can be asked for. When several attributes share the number
and unit (RAM and storage are both "gb"), a word of the attribute's name near the number
decides ("32 gb of ram"); without one the measure is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from recommender.pipeline.value_forms import NUMBER_WORDS, singular, stem

#: Unit words as shoppers write them -> one spelling.
UNITS = {
    **dict.fromkeys(('"', "in", "inch", "inches", "''"), "in"),
    **dict.fromkeys(("gb", "gig", "gigs", "gigabyte", "gigabytes"), "gb"),
    **dict.fromkeys(("tb", "terabyte", "terabytes", "tera"), "tb"),
    **dict.fromkeys(("mp", "megapixel", "megapixels"), "mp"),
    **dict.fromkeys(("mah",), "mah"),
    **dict.fromkeys(("l", "litre", "liter", "litres", "liters", "ltr"), "l"),
    **dict.fromkeys(("ml", "millilitre", "milliliter", "millilitres", "milliliters"), "ml"),
    **dict.fromkeys(("mm", "millimetre", "millimeter", "millimetres", "millimeters"), "mm"),
    **dict.fromkeys(("cm", "centimetre", "centimeter", "centimetres", "centimeters"), "cm"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("day", "days"), "days"),
    **dict.fromkeys(("bar",), "bar"),
    **dict.fromkeys(("cup", "cups"), "cups"),
    **dict.fromkeys(("oz", "ounce", "ounces"), "oz"),
    **dict.fromkeys(("w", "watt", "watts"), "w"),
    **dict.fromkeys(("hz",), "hz"),
    **dict.fromkeys(("g", "gram", "grams"), "g"),
    **dict.fromkeys(("kg", "kilo", "kilos"), "kg"),
    **dict.fromkeys(("k",), "k"),
    **dict.fromkeys(("tc", "thread"), "thread count"),
    **dict.fromkeys(("ft", "foot", "feet"), "ft"),
    **dict.fromkeys(("qt", "quart", "quarts"), "qt"),
    **dict.fromkeys(("lm", "lumen", "lumens"), "lumen"),
    **dict.fromkeys(("f", "fahrenheit", "degree", "degrees", "deg"), "deg"),
    **dict.fromkeys(("person", "people", "persons", "man"), "person"),
    **dict.fromkeys(("seat", "seats", "seater", "seaters"), "seat"),
    **dict.fromkeys(("pc", "pcs", "piece", "pieces", "pack", "pk", "set"), "piece"),
}
_VALUE_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*°?([a-z\"']+)")
_TEXT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*°?(\"|''|[a-z]+\b)")
_TITLE_RE = re.compile(r"\b(\d+)\s*-?\s*([a-z]{3,})\b")
_COUNT_OF_RE = re.compile(r"\b(set|pack)\s+of\s+(\d+)")
_SLEEPS_RE = re.compile(r"\bsleeps\s+(\d+)")
_SOLO_RE = re.compile(r"\b(?:solo|single person)\b")
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")


def unit_of(word: str) -> str:
    """One spelling for a unit word: a known unit ("inches" -> "in") or the word itself,
    singular ("burners" -> "burner", "lumens" -> "lumen")."""
    return UNITS.get(word) or UNITS.get(singular(word)) or singular(word)


def _number(text: str) -> str:
    value = float(text)
    return f"{value:g}"


@dataclass
class MeasureIndex:
    """(number, unit) -> attribute name -> catalog value, per category (``*`` for all)."""

    entries: dict[str, dict[tuple[str, str], dict[str, str]]] = field(default_factory=dict)

    def add(self, category: str, name: str, value: str, unit: str | None = None) -> None:
        """Index ``value`` of attribute ``name`` ("15.6 in", or a count like "4" for
        "slots", said "4 slots"); ``unit`` is another word said after a count."""
        value = value.strip().lower()
        m = _VALUE_RE.match(value)
        units: list[str] = []
        if m:
            number = m.group(1)
            units = [unit_of(m.group(2))]
        elif re.fullmatch(r"\d+(?:\.\d+)?", value):
            number = value
            parts = [p for p in name.lower().split("_") if p.isalpha()]
            known = [UNITS[p] for p in parts if p in UNITS]
            units = [unit_of(unit)] if unit else known or [unit_of(stem(p)) for p in parts]
        for u in units:
            for scope in ("*", category):
                table = self.entries.setdefault(scope, defaultdict(dict))
                table[(_number(number), u)].setdefault(name, value)

    def learn_units(self, category: str, title: str, attributes: dict[str, str]) -> None:
        """Count words a title puts after a count value ("2-Slice Toaster", slots 2)."""
        counts = {str(v).strip(): k for k, v in attributes.items()
                  if re.fullmatch(r"\d+", str(v).strip())}  # fmt: skip
        for m in _TITLE_RE.finditer(title.lower()):
            name = counts.get(m.group(1))
            if name is not None:
                self.add(category, name, m.group(1), unit=m.group(2))

    def find(self, text: str, category: str | None) -> dict[str, str]:
        """Attribute values the text names by measure (only unambiguous ones)."""
        table = self.entries.get(category or "*") or self.entries.get("*") or {}
        lower = _NUMBER_WORD_RE.sub(lambda m: NUMBER_WORDS[m.group(1)], text.lower())
        lower = _COUNT_OF_RE.sub(r"\2 \1", lower)  # "set of 4" -> "4 set"
        lower = _SLEEPS_RE.sub(r"\1 person", lower)  # "sleeps 4" -> "4 person"
        lower = _SOLO_RE.sub("1 person", lower)  # "a solo tent"
        out: dict[str, str] = {}
        for m in _TEXT_RE.finditer(lower):
            unit = UNITS.get(m.group(2)) or unit_of(m.group(2))
            hits = table.get((_number(m.group(1)), unit)) or {}
            if len(hits) > 1:  # "32 gb": RAM or storage? a nearby name word decides
                near = (
                    lower[m.end() : m.end() + 25] + " " + lower[max(0, m.start() - 25) : m.start()]
                )
                hits = {k: v for k, v in hits.items() if any(w in near for w in _name_words(k))}
            if len(hits) == 1:
                name, value = next(iter(hits.items()))
                out.setdefault(name, value)
        return out


def _name_words(name: str) -> list[str]:
    words = [w for w in name.lower().split("_") if len(w) > 2 and w not in UNITS]
    if "ram" in words:
        words.append("memory")
    if "storage" in words:
        words += ["ssd", "space"]
    return words


def build_measures(
    products: Iterable[tuple[str, dict[str, str]]], titles: Iterable[str] = ()
) -> MeasureIndex:
    """Index every measure-like attribute value of ``(category, attributes)`` pairs (and the
    count words of their ``titles``, in the same order, when given)."""
    index = MeasureIndex()
    pairs = list(products)
    for category, attributes in pairs:
        for name, value in attributes.items():
            index.add(category, name, str(value))
    for (category, attributes), title in zip(pairs, titles, strict=False):
        index.learn_units(category, title, attributes)
    return index
