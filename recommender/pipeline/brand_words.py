"""Product-line names that say the brand ("iphone", "thinkpad", "instax"), from the catalog.

A title word names one brand's product line when it is in the titles of two or more of
that brand's products and of no other brand's, follows the brand's name in one of them
("Apple iPhone 15") and is no English word (the spaCy lemmatizer's word index), word of a
value of the line's categories ("moka pot"), category name or brand. It says the brand only in the line's own categories ("works with iphone"
among smartwatches is no Apple watch). Words of English ("solo", "elite", "little") are left out even when
a brand uses them as a line name: a shopper writing them rarely means the brand.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from recommender.pipeline.value_forms import singular

if TYPE_CHECKING:
    from spacy.language import Language

    from recommender.pipeline.vocabulary import Vocabulary

#: Titles of the brand a line word must be in.
MIN_TITLES = 2


@functools.lru_cache(maxsize=4)
def _english(nlp: Language) -> frozenset[str]:
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(w for pos in index for w in index[pos])


def english_words(nlp: Language) -> frozenset[str]:
    """Base forms of English words the pipeline's lemmatizer knows (empty if none)."""
    return _english(nlp)


def is_english(word: str, english: frozenset[str]) -> bool:
    """Whether ``word`` or its crude singular is a known English word."""
    return word in english or singular(word) in english


def product_line_words(
    vocab: Vocabulary, products: list[Any], english: frozenset[str]
) -> dict[str, tuple[str, frozenset[str]]]:
    """Title word -> the brand whose product line it names, and the line's categories."""
    brands: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, int] = defaultdict(int)
    categories: dict[str, set[str]] = defaultdict(set)
    leads: dict[str, set[str]] = defaultdict(set)
    for p in products:
        words = vocab.phrase(p.title).split(" ")
        for w in set(words):
            brands[w].add(p.brand)
            titles[w] += 1
            categories[w].add(p.category)
        name = vocab.phrase(p.brand).split(" ")
        for k in range(len(words) - len(name)):
            if words[k : k + len(name)] == name:
                leads[words[k + len(name)]].add(p.brand)
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for word, owners in brands.items():
        if len(owners) != 1 or titles[word] < MIN_TITLES or len(word) < 4 or not word.isalpha():
            continue
        brand = next(iter(owners))
        prio = vocab.category_phrases.get(word, ("", 2))[1]
        own_values = {
            w
            for c in categories[word]
            for k in vocab.attribute_phrases.get(c, {})
            for w in k.split(" ")
        }  # "moka" of the type "moka pot" is no brand; "iphone" among watches may be
        if (
            brand in leads[word]
            and prio >= 1
            and not is_english(word, english)
            and word not in own_values
            and word not in vocab.brand_phrases
        ):
            out[word] = (brand, frozenset(categories[word]))
    return out
