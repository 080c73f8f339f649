"""Product-line words that say the brand, learned from the catalog's titles."""

from __future__ import annotations

import pytest

from recommender.config import TextConfig
from recommender.data.catalog import Catalog, Product
from recommender.pipeline.text import PreferenceParser
from recommender.pipeline.vocabulary import Vocabulary, build_vocabulary


def _p(pid: str, title: str, brand: str, category: str, **attrs: str) -> Product:
    return Product(
        id=pid, title=title, brand=brand, category=category, price=10.0,
        url=f"https://shop.example/p/{pid}", image=f"https://shop.example/img/{pid}.jpg",
        attributes=attrs,
    )  # fmt: skip


PRODUCTS = (
    _p("p1", "Acme Quorbix 12, Red", "Acme", "phones", color="red"),
    _p("p2", "Acme Quorbix 13, Blue", "Acme", "phones", color="blue"),
    _p("p3", "Acme Solo 2", "Acme", "phones", color="red"),
    _p("p4", "Acme Solo 3", "Acme", "phones", color="blue"),
    _p("p5", "Bolt Zentrix Phone", "Bolt", "phones", color="red"),
    _p("w1", "Bolt Band", "Bolt", "watches", compatibility="quorbix"),
    _p("w2", "Crux Band", "Crux", "watches", compatibility="any phone"),
)  # fmt: skip


@pytest.fixture(scope="module")
def vocab(nlp) -> Vocabulary:  # type: ignore[no-untyped-def]
    return build_vocabulary(Catalog(PRODUCTS), TextConfig(), nlp)


def test_line_words_are_rare_words_of_one_brand_s_titles(vocab: Vocabulary) -> None:
    assert vocab.brand_words["quorbix"][0] == "Acme"
    assert "solo" not in vocab.brand_words  # an English word
    assert "zentrix" not in vocab.brand_words  # one title only


def test_a_line_word_says_the_brand_in_its_own_categories(vocab: Vocabulary, nlp) -> None:  # type: ignore[no-untyped-def]
    parser = PreferenceParser(vocab, TextConfig(), nlp)
    assert parser("a quorbix in red").brand == "Acme"
    assert parser("quorbixes").brand == "Acme"
    assert parser("a band that works with quorbix").brand is None
    assert parser("a red phone, not a quorbix").brand is None
