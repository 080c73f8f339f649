"""Catalog vocabulary: categories and their synonyms, brands, attribute values, price quantiles.

Everything the preference parser may recognise comes from the catalog itself, plus a small
table of common shopper words for categories the catalog actually has.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from genrec_core import wire
from genrec_core.budget import CUE_PHRASES, CURRENCY_WORDS, POST_CUES, TIER_PHRASES
from recommender.config import TextConfig
from recommender.data.catalog import Catalog
from recommender.pipeline.attribute_forms import add_attribute_forms
from recommender.pipeline.brand_words import english_words, product_line_words
from recommender.pipeline.measures import MeasureIndex, build_measures
from recommender.pipeline.schemas import PriceTier, canonical_value
from recommender.pipeline.value_forms import singular

if TYPE_CHECKING:
    from spacy.language import Language

Tokenize = Callable[[str], list[str]]

#: Shopper words for common categories; only entries whose category is in the catalog are used.
BUILTIN_CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "headphones": (
        "earbuds",
        "ear buds",
        "buds",
        "earphones",
        "headset",
        "earpods",
        "in-ear monitors",
    ),
    "running-shoes": ("sneakers", "trainers", "runners", "jogging shoes", "shoes"),
    "smartphones": ("phone", "mobile", "mobile phone", "cellphone", "cell phone", "handset"),
    "laptops": ("notebook", "ultrabook", "chromebook", "notebook computer"),
    "coffee-machines": ("coffee maker", "espresso machine", "espresso maker", "coffee machine"),
    "backpacks": ("rucksack", "daypack", "knapsack"),
    "smartwatches": ("smart watch", "fitness watch", "gps watch", "watch"),
    "cameras": ("camera", "dslr", "mirrorless camera"),
    "tablets": ("tablet",),
    "speakers": ("speaker", "soundbar"),
}

#: Category words that are also verbs: they count only where spaCy tags them as nouns.
NOUN_ONLY = frozenset({"watch", "watches"})

#: Words that turn a boolean attribute on or off when the catalog has that attribute.
BOOLEAN_WORDS: dict[str, tuple[str, str]] = {
    "wired": ("wireless", "no"),
    "corded": ("wireless", "no"),
    "cordless": ("wireless", "yes"),
    "bluetooth": ("wireless", "yes"),
    "anc": ("noise_cancelling", "yes"),
}

#: Words with a fixed meaning to the parser; never a tag synonym, attribute value or brand.
RESERVED = (
    frozenset(CUE_PHRASES)
    | frozenset(POST_CUES)
    | frozenset(TIER_PHRASES)
    | CURRENCY_WORDS
    | frozenset(BOOLEAN_WORDS)
    | frozenset({"any", "none", "no", "yes"})
)

PUNCT_KEEP = frozenset({"$", "€", "£", "&", "+", "<", ">", "~", "%"})


def keep_token(tok: str) -> bool:
    """Whether a token takes part in phrase matching (pure punctuation does not)."""
    return tok in PUNCT_KEEP or any(ch.isalnum() for ch in tok)


def fold(text: str) -> str:
    """ASCII-folded text: "fjällräven" -> "fjallraven" (other scripts are kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
    tokenize: Tokenize
    category_synonyms: dict[str, str]  # shopper phrase -> category (JSON view)
    category_phrases: dict[str, tuple[str, int]]  # normalized phrase -> (category, priority)
    brand_phrases: dict[str, str]  # normalized (and folded) phrase -> brand
    ambiguous_brands: frozenset[str]  # brands that are also common words ("On", "Nothing")
    # scope ("*" or a category) -> phrase -> value
    attribute_phrases: dict[str, dict[str, AttributeValue]]
    boolean_phrases: dict[str, dict[str, str]]  # scope -> phrase -> attribute name
    attribute_values: dict[str, list[str]]  # name -> sorted canonical values (JSON view)
    price_quantiles: dict[str, tuple[float, float]]  # scope -> (cheap max, premium min)
    fuzzy_cutoff: float = 0.85
    max_phrase_tokens: int = 1
    _fuzzy_brands: list[str] = field(default_factory=list)
    # brand -> the one category it sells in this shop (for "bose over ears")
    brand_category: dict[str, str] = field(default_factory=dict)
    measures: MeasureIndex = field(default_factory=MeasureIndex)
    # category -> attribute names its products have (a category's filters stay its own)
    category_attributes: dict[str, frozenset[str]] = field(default_factory=dict)
    _fuzzy_categories: dict[str, str] = field(default_factory=dict)
    # filled by attribute_forms: stemmed keys, values a category word implies, known words
    attribute_stems: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    boolean_stems: dict[str, dict[str, str]] = field(default_factory=dict)
    implied: dict[str, dict[str, str]] = field(default_factory=dict)
    residuals: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    partials: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    # product-line word -> brand ("iphone" -> Apple); English words (typos are not)
    brand_words: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    english: frozenset[str] = frozenset()
    value_words: frozenset[str] = frozenset()
    catalog_words: frozenset[str] = frozenset()

    def tier_budget(
        self, tier: PriceTier, category: str | None
    ) -> tuple[float | None, float | None]:
        """Budget implied by "cheap" (``(None, q_low)``) or "premium" (``(q_high, None)``)."""
        low, high = self.price_quantiles.get(category or "*", self.price_quantiles["*"])
        return (None, low) if tier == "low" else (high, None)

    def phrase(self, text: str) -> str:
        """Lower-case, tokenized, punctuation-free form used as a lookup key."""
        text = text.lower().replace("_", " ").replace("-", " ").replace("/", " ")
        return " ".join(t for t in self.tokenize(text) if keep_token(t))

    def resolve_category(self, value: str) -> str | None:
        """Catalog category for a slot value or phrase ("Earbuds" -> "headphones"), else None."""
        key = self.phrase(value)
        hit = self.category_phrases.get(key) or self.category_phrases.get(singular_phrase(key))
        return hit[0] if hit else None

    def resolve_brand(self, value: str) -> str | None:
        """Catalog brand for a name, case-insensitive, tolerating small typos; else None."""
        key = self.phrase(value)
        for k in (key, fold(key)):
            if k in self.brand_phrases:
                return self.brand_phrases[k]
        return self.fuzzy_brand(fold(key))

    def fuzzy_brand(self, word: str) -> str | None:
        """Brand one or two typos away from ``word``; never an ambiguous one."""
        close = _closest(word, self._fuzzy_brands, self.fuzzy_cutoff)
        return self.brand_phrases[close] if close else None

    def fuzzy_value_word(self, word: str) -> str | None:
        """Word of an attribute value one or two typos away from ``word`` ("rechargable")."""
        return _closest(word, sorted(self.value_words), self.fuzzy_cutoff)

    def fuzzy_category(self, word: str) -> str | None:
        """Category whose name or shopper word is one or two typos away ("hedphones")."""
        close = _closest(word, list(self._fuzzy_categories), self.fuzzy_cutoff)
        return self._fuzzy_categories[close] if close else None

    def categories_with(self, attributes: dict[str, str]) -> set[str]:
        """Categories whose products have every one of these attribute names."""
        return {c for c, names in self.category_attributes.items() if set(attributes) <= names}

    def categories_offering(self, attributes: dict[str, str]) -> set[str]:
        """Categories with products that have each of these attribute values ("pillowcases"
        is a type of bedding only, although every category has a type)."""

        def offers(category: str, name: str, value: str) -> bool:
            if value in ("yes", "no"):
                return name in self.boolean_phrases.get(category, {}).values()
            table = self.attribute_phrases.get(category, {})
            return any(h.name == name and h.value == value for h in table.values())

        return {
            c
            for c in self.categories
            if all(offers(c, name, value) for name, value in attributes.items())
        }

    def is_known_word(self, word: str) -> bool:
        """Whether ``word`` already means something in the vocabulary (so it is not a typo)."""
        if (
            word in RESERVED
            or word in self.category_phrases
            or singular(word) in self.category_phrases
            or word in self.value_words
        ):
            return True
        return any(
            word in table or word in self.boolean_phrases.get(s, {})
            for s, table in self.attribute_phrases.items()
        )

    def catalog_vocabulary(self) -> wire.CatalogVocabulary:
        """The public part: the ``GET /catalog/vocabulary`` response (JSON: its ``to_dict``)."""
        return wire.CatalogVocabulary(
            categories=tuple(self.categories),
            brands=tuple(self.brands),
            category_synonyms=dict(self.category_synonyms),
            attributes={k: tuple(v) for k, v in self.attribute_values.items()},
            price_quantiles=dict(self.price_quantiles),
        )


def _closest(word: str, choices: list[str], cutoff: float) -> str | None:
    """The choice ``word`` is a typo of: at most one edit for words of 5-7 letters, two for
    longer ones (transpositions count once), and similar overall (``cutoff``).

    People rarely mistype the first letter, and a short word one letter away from a
    category is usually another word ("match" is not "watch"): the first letter must agree,
    and words under six letters may only lose, gain or swap a letter.
    """
    if len(word) < 5 or not choices:
        return None
    allowed = 1 if len(word) < 8 else 2
    best = None
    for choice in choices:
        if abs(len(choice) - len(word)) > allowed or choice[:1] != word[:1]:
            continue
        if len(word) < 6 and len(choice) == len(word) and sorted(choice) != sorted(word):
            continue  # a substitution in a short word
        distance = DamerauLevenshtein.distance(word, choice)
        if (
            distance <= allowed
            and fuzz.ratio(word, choice) >= 100 * min(cutoff, 0.8)
            and (best is None or distance < DamerauLevenshtein.distance(word, best))
        ):
            best = choice
    return best


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
    low, high = np.quantile(arr, low_q), np.quantile(arr, high_q)
    return (float(math.ceil(low)), float(math.floor(high)))


def _cosmetic(name: str) -> bool:
    """A looks attribute (colour, finish, pattern): it loses a value another one shares."""
    return any(w in name.lower() for w in ("color", "colour", "finish", "pattern"))


def build_vocabulary(catalog: Catalog, config: TextConfig, nlp: Language) -> Vocabulary:
    """Derive every lookup table the parser needs from ``catalog``.

    * Category phrases have a priority: 0 for category names and built-in shopper synonyms,
      1 for product tags found in exactly one category, that are nouns (spaCy tagger: no
      adjectives like "small" or "fast"), and that are not reserved words, brands, numbers
      or attribute words. Priority-1 phrases only decide when no priority-0 phrase is present.
    * Brands match case-insensitively, also ASCII-folded and without a leading "the";
      brands that are common English words ("On", "Nothing") must be written as the shop
      writes them (see :mod:`recommender.pipeline.text`) and are never fuzzy-matched.
    * Attribute values that are plain numbers, single characters, reserved words, brands
      or category phrases are left out (numbers belong to budgets).
    """

    def tokenize(text: str) -> list[str]:
        return [t.text for t in nlp.tokenizer(text)]

    vocab = Vocabulary(
        categories=catalog.categories,
        brands=catalog.brands,
        tokenize=tokenize,
        category_synonyms={},
        category_phrases={},
        brand_phrases={},
        ambiguous_brands=frozenset(),
        attribute_phrases={},
        boolean_phrases={},
        attribute_values={},
        price_quantiles={},
        fuzzy_cutoff=config.fuzzy_cutoff,
    )
    products = list(catalog)
    stop_words = nlp.Defaults.stop_words

    def add_category(phrase: str, category: str, priority: int) -> None:
        key = vocab.phrase(phrase)
        if not key:
            return
        for k in {key, singular_phrase(key)}:
            old = vocab.category_phrases.get(k)
            if old is None or priority < old[1]:
                vocab.category_phrases[k] = (category, priority)
        if key != category:
            vocab.category_synonyms.setdefault(phrase.lower(), category)

    for cat in catalog.categories:
        add_category(cat, cat, 0)
    for cat in catalog.categories:
        for syn in BUILTIN_CATEGORY_SYNONYMS.get(cat, ()):
            add_category(syn, cat, 0)

    ambiguous: set[str] = set()
    for brand in catalog.brands:
        key = vocab.phrase(brand)
        if not key:
            continue
        keys = {key, fold(key), key.replace(" & ", " and ")}
        if key.startswith("the "):
            keys.add(key[4:])
        for k in keys:
            vocab.brand_phrases.setdefault(k, brand)
        if key in stop_words or key in RESERVED:
            ambiguous.add(brand)
        elif len(key) >= 4:
            vocab._fuzzy_brands.append(fold(key))
            compact = "".join(ch for ch in fold(key) if ch.isalnum())
            if compact != fold(key) and len(compact) >= 5:  # "delonghi" for "De'Longhi"
                vocab.brand_phrases.setdefault(compact, brand)
                vocab._fuzzy_brands.append(compact)
    vocab.ambiguous_brands = frozenset(ambiguous)

    # attributes first, so tags can be checked against attribute words
    value_counts: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    booleans: dict[str, dict[str, str]] = defaultdict(dict)
    attr_values: dict[str, set[str]] = defaultdict(set)
    for p in products:
        for name, raw in p.attributes.items():
            attr_values[name].add(canonical_value(raw))
    # a number is a value's name where the attribute's other values are words ("360" among
    # camera types); a measure's bare numbers ("10" of a drop in mm) would read as budgets
    worded = {
        name
        for name, vals in attr_values.items()
        if 2 * sum(_is_number(vocab.phrase(v)) for v in vals) < len(vals)
    }
    for p in products:
        for name, raw in p.attributes.items():
            value = canonical_value(raw)
            if value in ("yes", "no"):
                for scope in ("*", p.category):
                    booleans[scope][vocab.phrase(_attr_label(name))] = name
                continue
            key = vocab.phrase(value)
            if (
                len(key) < 2
                or (_is_number(key) and name not in worded)
                or (key in RESERVED and key not in BOOLEAN_WORDS)
                or key in vocab.brand_phrases
            ):
                continue
            # a value that names another category ("camera" bags) counts among its own
            names_category = vocab.category_phrases.get(key, (None, 0))[0]
            if names_category == p.category:
                continue
            for scope in ("*", p.category) if names_category is None else (p.category,):
                value_counts[scope][(key, name, value)] += 1
    for scope in list(booleans):
        for word, (name, _) in BOOLEAN_WORDS.items():
            if name in booleans[scope].values():
                booleans[scope][word] = name
    for scope, counts in value_counts.items():
        table: dict[str, AttributeValue] = {}
        # a value shared by several attributes is what the product is or does before its
        # looks ("terracotta" pots: material, not colour), then the most frequent; then name
        for (key, name, value), count in sorted(
            counts.items(), key=lambda kv: (_cosmetic(kv[0][1]), -kv[1], kv[0])
        ):
            if key not in table:
                table[key] = AttributeValue(name=name, value=value, count=count)
        vocab.attribute_phrases[scope] = table
    vocab.boolean_phrases = dict(booleans)
    vocab.attribute_values = {k: sorted(v) for k, v in attr_values.items()}

    tag_categories: dict[str, set[str]] = defaultdict(set)
    for p in products:
        for tag in p.tags:
            tag_categories[tag.strip().lower()].add(p.category)
    candidates = [
        tag
        for tag, cats in sorted(tag_categories.items())
        if len(cats) == 1 and _usable_tag(vocab, vocab.phrase(tag), stop_words)
    ]
    with nlp.select_pipes(
        enable=[n for n in ("tok2vec", "tagger", "attribute_ruler") if n in nlp.pipe_names]
    ):
        heads = [(d[-1].pos_, d[-1].tag_) if len(d) else ("", "") for d in nlp.pipe(candidates)]
    for tag, (pos, fine) in zip(candidates, heads, strict=True):
        # nouns and gerunds ("hiking"), not adjectives or adverbs ("small", "fast")
        if pos in ("NOUN", "PROPN", "X", "") or fine == "VBG":
            add_category(tag, next(iter(tag_categories[tag])), 1)
    # the last word of a category's name alone ("a soft bed for my dog": dog-beds)
    name_heads: dict[str, set[str]] = defaultdict(set)
    for cat in catalog.categories:
        words = vocab.phrase(cat).split(" ")
        if len(words) > 1:
            name_heads[singular(words[-1])].add(cat)
    for head, cats in sorted(name_heads.items()):
        if len(cats) == 1 and len(head) >= 3 and _usable_tag(vocab, head, stop_words):
            add_category(head, next(iter(cats)), 1)

    in_stock = [p for p in products if p.in_stock] or products
    low_q, high_q = config.cheap_quantile, config.premium_quantile
    vocab.price_quantiles["*"] = _quantiles((p.price for p in in_stock), low_q, high_q)
    for cat in catalog.categories:
        prices = (p.price for p in in_stock if p.category == cat)
        vocab.price_quantiles[cat] = _quantiles(prices, low_q, high_q)

    names: dict[str, set[str]] = defaultdict(set)
    for p in products:
        names[p.category].update(p.attributes)
    vocab.category_attributes = {c: frozenset(n) for c, n in names.items()}
    _add_title_words(vocab, products, stop_words)
    _add_brand_categories(vocab, products)
    _add_named_values(vocab, products)
    vocab.measures = build_measures(
        ((p.category, dict(p.attributes)) for p in products), (p.title for p in products)
    )
    add_attribute_forms(vocab, products, stop_words)
    vocab.english = english_words(nlp)
    vocab.brand_words = product_line_words(vocab, products, vocab.english)
    vocab._fuzzy_categories = {
        k: cat for k, (cat, prio) in vocab.category_phrases.items() if prio == 0 and " " not in k
    }

    all_phrases = [*vocab.category_phrases, *vocab.brand_phrases]
    for values in vocab.attribute_phrases.values():
        all_phrases.extend(values)
    for bools in vocab.boolean_phrases.values():
        all_phrases.extend(bools)
    vocab.max_phrase_tokens = max((len(p.split(" ")) for p in all_phrases), default=1)
    return vocab


def _usable_tag(vocab: Vocabulary, key: str, stop_words: set[str]) -> bool:
    if not key or key in RESERVED or key in stop_words or _is_number(key):
        return False
    if key in vocab.brand_phrases or key in vocab.category_phrases:
        return False
    return not any(
        key in table or key in vocab.boolean_phrases.get(scope, {})
        for scope, table in vocab.attribute_phrases.items()
    )


#: Share of a brand's products that must be in one category for the brand to imply it.
AGREEMENT = 0.9


def _add_title_words(vocab: Vocabulary, products: list[Any], stop_words: set[str]) -> None:
    """Product-line words of titles that only one category uses ("pixel", "macbook",
    "instax") point to that category, below names and tags (priority 2)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for p in products:
        for word in set(vocab.phrase(p.title).split(" ")):
            if len(word) >= 4 and word.isalpha():
                seen[word].add(p.category)
    brand_words = {w for b in vocab.brand_phrases for w in b.split(" ")}
    for word, cats in seen.items():
        if (
            len(cats) == 1
            and word not in stop_words
            and word not in brand_words
            and _usable_tag(vocab, word, stop_words)
        ):
            key = vocab.phrase(word)
            if key and key not in vocab.category_phrases:
                vocab.category_phrases[key] = (next(iter(cats)), 2)


def _add_brand_categories(vocab: Vocabulary, products: list[Any]) -> None:
    by_brand: dict[str, Counter[str]] = defaultdict(Counter)
    for p in products:
        by_brand[p.brand][p.category] += 1
    for brand, cats in by_brand.items():
        category, count = cats.most_common(1)[0]
        if count / sum(cats.values()) >= AGREEMENT:
            vocab.brand_category[brand] = category


def _add_named_values(vocab: Vocabulary, products: list[Any]) -> None:
    """An attribute value said with its attribute's name ("max cushioning") is that value,
    even when the value alone is a reserved or too common word; a long value may be said by
    its distinctive end ("rtx 4070" for "nvidia geforce rtx 4070")."""
    ends: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for p in products:
        for name, raw in p.attributes.items():
            words = vocab.phrase(canonical_value(raw)).split(" ")
            for k in range(2, len(words)):
                ends[(p.category, " ".join(words[-k:]))].add((name, canonical_value(raw)))
    for (category, phrase), owners in ends.items():
        if len(owners) == 1 and not _is_number(phrase) and phrase not in vocab.category_phrases:
            name, value = next(iter(owners))
            for scope in ("*", category):
                vocab.attribute_phrases.setdefault(scope, {}).setdefault(
                    phrase, AttributeValue(name=name, value=value, count=1)
                )
    for p in products:
        for name, raw in p.attributes.items():
            value = canonical_value(raw)
            if value in ("yes", "no"):
                continue
            label = vocab.phrase(_attr_label(name))
            key = vocab.phrase(value)
            if not key or not label or _is_number(key):
                continue
            for phrase in (f"{key} {label}", f"{label} {key}"):
                for scope in ("*", p.category):
                    table = vocab.attribute_phrases.setdefault(scope, {})
                    table.setdefault(phrase, AttributeValue(name=name, value=value, count=1))
