"""Catalog vocabulary: categories and their synonyms, brands, attribute values, price quantiles.

Everything the preference parser may recognise comes from the catalog itself, plus a small
table of common shopper words for categories the catalog actually has.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from recommender.config import TextConfig
from recommender.data.catalog import Catalog
from recommender.pipeline.schemas import PriceTier, canonical_value

Tokenize = Callable[[str], list[str]]

#: Shopper words for common categories; only entries whose category is in the catalog are used.
BUILTIN_CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "headphones": ("earbuds", "earphones", "headset", "earpods", "in-ear monitors", "cans"),
    "running-shoes": (
        "sneakers",
        "trainers",
        "runners",
        "jogging shoes",
        "running trainers",
        "shoes",
    ),
    "smartphones": ("phone", "mobile", "mobile phone", "cellphone", "cell phone", "handset"),
    "laptops": ("notebook", "ultrabook", "chromebook", "notebook computer"),
    "coffee-machines": ("coffee maker", "espresso machine", "espresso maker", "coffee machine"),
    "backpacks": ("rucksack", "daypack", "knapsack"),
    "smartwatches": ("smart watch", "fitness watch", "gps watch"),
    "cameras": ("camera", "dslr", "mirrorless camera"),
    "tablets": ("tablet",),
    "speakers": ("speaker", "soundbar"),
}

#: Words that turn a boolean attribute on or off when the catalog has that attribute.
BOOLEAN_WORDS: dict[str, tuple[str, str]] = {
    "wired": ("wireless", "no"),
    "corded": ("wireless", "no"),
    "cordless": ("wireless", "yes"),
    "bluetooth": ("wireless", "yes"),
}

PUNCT_KEEP = frozenset({"$", "€", "£", "&", "+", "<", ">", "~", "%"})


def keep_token(tok: str) -> bool:
    """Whether a token takes part in phrase matching (pure punctuation does not)."""
    return tok in PUNCT_KEEP or any(ch.isalnum() for ch in tok)


def singular(word: str) -> str:
    """Crude English singular used only to widen phrase keys ("earbuds" -> "earbud")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _attr_label(name: str) -> str:
    return name.replace("_", " ").replace("-", " ").strip().lower()


@dataclass(frozen=True)
class AttributeValue:
    """A catalog attribute value as the parser can meet it in text."""

    name: str
    value: str  # canonical catalog value (lower-case), e.g. "over-ear"
    count: int


@dataclass
class Vocabulary:
    """Lookup tables derived from one catalog; built by :func:`build_vocabulary`."""

    categories: tuple[str, ...]
    brands: tuple[str, ...]
    category_synonyms: dict[str, str]  # shopper phrase -> category (JSON view)
    category_phrases: dict[str, tuple[str, int]]  # normalized phrase -> (category, priority)
    brand_phrases: dict[str, str]  # normalized phrase -> brand
    # scope ("*" or a category) -> phrase -> value
    attribute_phrases: dict[str, dict[str, AttributeValue]]
    boolean_phrases: dict[str, dict[str, str]]  # scope -> phrase -> attribute name
    attribute_values: dict[str, list[str]]  # name -> sorted canonical values (JSON view)
    price_quantiles: dict[str, tuple[float, float]]  # scope -> (cheap max, premium min)
    fuzzy_cutoff: float = 0.85
    max_phrase_tokens: int = 1
    _brand_single: list[str] = field(default_factory=list)

    def tier_budget(
        self, tier: PriceTier, category: str | None
    ) -> tuple[float | None, float | None]:
        """Budget implied by "cheap" (``(None, q_low)``) or "premium" (``(q_high, None)``)."""
        low, high = self.price_quantiles.get(category or "*", self.price_quantiles["*"])
        return (None, low) if tier == "low" else (high, None)

    def resolve_category(self, value: str, tokenize: Tokenize) -> str | None:
        """Catalog category for a slot value or phrase ("Earbuds" -> "headphones"), else None."""
        key = normalize_phrase(value, tokenize)
        hit = self.category_phrases.get(key) or self.category_phrases.get(singular_phrase(key))
        return hit[0] if hit else None

    def resolve_brand(self, value: str, tokenize: Tokenize) -> str | None:
        """Catalog brand for a name, case-insensitive, tolerating small typos; else None."""
        key = normalize_phrase(value, tokenize)
        if key in self.brand_phrases:
            return self.brand_phrases[key]
        close = difflib.get_close_matches(
            key, list(self.brand_phrases), n=1, cutoff=self.fuzzy_cutoff
        )
        return self.brand_phrases[close[0]] if close else None

    def fuzzy_brand(self, word: str) -> str | None:
        """Brand whose one-word name is within the fuzzy cutoff of ``word`` (typo tolerance)."""
        close = difflib.get_close_matches(word, self._brand_single, n=1, cutoff=self.fuzzy_cutoff)
        return self.brand_phrases[close[0]] if close else None

    def is_known_word(self, word: str) -> bool:
        """Whether ``word`` already means something in the vocabulary (so it is not a typo)."""
        if word in self.category_phrases or singular(word) in self.category_phrases:
            return True
        return any(
            word in table or word in self.boolean_phrases.get(s, {})
            for s, table in self.attribute_phrases.items()
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON form of ``GET /catalog/vocabulary``."""
        return {
            "categories": list(self.categories),
            "brands": list(self.brands),
            "category_synonyms": dict(sorted(self.category_synonyms.items())),
            "attributes": {k: list(v) for k, v in sorted(self.attribute_values.items())},
            "price_quantiles": {
                k: {"cheap_max": lo, "premium_min": hi}
                for k, (lo, hi) in sorted(self.price_quantiles.items())
            },
        }


def normalize_phrase(text: str, tokenize: Tokenize) -> str:
    """Lower-case, tokenized, punctuation-free form used as a lookup key."""
    text = text.lower().replace("_", " ").replace("-", " ").replace("/", " ")
    return " ".join(t for t in tokenize(text) if keep_token(t))


def singular_phrase(phrase: str) -> str:
    """Phrase with its last word singularized."""
    words = phrase.split(" ")
    return " ".join([*words[:-1], singular(words[-1])]) if words and words[-1] else phrase


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


def _quantiles(prices: Iterable[float], low_q: float, high_q: float) -> tuple[float, float]:
    """(cheap max, premium min) rounded outward to whole currency units."""
    arr = np.asarray(list(prices), dtype=np.float64)
    if arr.size == 0:
        return (0.0, 0.0)
    return (float(math.ceil(np.quantile(arr, low_q))), float(math.floor(np.quantile(arr, high_q))))


def build_vocabulary(catalog: Catalog, config: TextConfig, tokenize: Tokenize) -> Vocabulary:
    """Derive every lookup table the parser needs from ``catalog``.

    Category phrases have a priority: 0 for the category name itself and built-in shopper
    synonyms, 1 for product tags that occur in exactly one category. Attribute values that
    are plain numbers, shorter than two characters, or equal to a brand or category phrase
    are left out (numbers belong to budgets).
    """
    products = list(catalog)
    category_phrases: dict[str, tuple[str, int]] = {}
    synonyms: dict[str, str] = {}

    def add_category(phrase: str, category: str, priority: int) -> None:
        key = normalize_phrase(phrase, tokenize)
        if not key:
            return
        for k in {key, singular_phrase(key)}:
            old = category_phrases.get(k)
            if old is None or priority < old[1]:
                category_phrases[k] = (category, priority)
        if key != category:
            synonyms.setdefault(phrase.lower(), category)

    for cat in catalog.categories:
        add_category(cat, cat, 0)
    for cat in catalog.categories:
        for syn in BUILTIN_CATEGORY_SYNONYMS.get(cat, ()):
            add_category(syn, cat, 0)

    brand_phrases = {normalize_phrase(b, tokenize): b for b in catalog.brands if b.strip()}

    tag_categories: dict[str, set[str]] = defaultdict(set)
    for p in products:
        for tag in p.tags:
            tag_categories[tag.strip().lower()].add(p.category)
    for tag, cats in sorted(tag_categories.items()):
        key = normalize_phrase(tag, tokenize)
        if len(cats) == 1 and key and key not in brand_phrases and not _is_number(key):
            add_category(tag, next(iter(cats)), 1)

    value_counts: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    booleans: dict[str, dict[str, str]] = defaultdict(dict)
    attr_values: dict[str, set[str]] = defaultdict(set)
    for p in products:
        for name, raw in p.attributes.items():
            value = canonical_value(raw)
            attr_values[name].add(value)
            if value in ("yes", "no"):
                for scope in ("*", p.category):
                    booleans[scope][normalize_phrase(_attr_label(name), tokenize)] = name
                continue
            key = normalize_phrase(value, tokenize)
            if len(key) < 2 or _is_number(key) or key in brand_phrases or key in category_phrases:
                continue
            for scope in ("*", p.category):
                value_counts[scope][(key, name, value)] += 1
    for scope in list(booleans):
        for word, (name, _) in BOOLEAN_WORDS.items():
            if name in booleans[scope].values():
                booleans[scope][word] = name

    attribute_phrases: dict[str, dict[str, AttributeValue]] = {}
    for scope, counts in value_counts.items():
        table: dict[str, AttributeValue] = {}
        # most frequent attribute wins a value shared by several attributes; ties by name
        for (key, name, value), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if key not in table:
                table[key] = AttributeValue(name=name, value=value, count=count)
        attribute_phrases[scope] = table

    in_stock = [p for p in products if p.in_stock] or products
    quantiles = {
        "*": _quantiles((p.price for p in in_stock), config.cheap_quantile, config.premium_quantile)
    }
    for cat in catalog.categories:
        quantiles[cat] = _quantiles(
            (p.price for p in in_stock if p.category == cat),
            config.cheap_quantile,
            config.premium_quantile,
        )

    all_phrases = [*category_phrases, *brand_phrases]
    for table in attribute_phrases.values():
        all_phrases.extend(table)
    for table2 in booleans.values():
        all_phrases.extend(table2)
    return Vocabulary(
        categories=catalog.categories,
        brands=catalog.brands,
        category_synonyms=synonyms,
        category_phrases=category_phrases,
        brand_phrases=brand_phrases,
        attribute_phrases=attribute_phrases,
        boolean_phrases=dict(booleans),
        attribute_values={k: sorted(v) for k, v in attr_values.items()},
        price_quantiles=quantiles,
        fuzzy_cutoff=config.fuzzy_cutoff,
        max_phrase_tokens=max((len(p.split(" ")) for p in all_phrases), default=1),
        _brand_single=[k for k in brand_phrases if " " not in k],
    )
