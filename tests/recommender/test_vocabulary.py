"""Catalog vocabulary: synonyms, brands, attribute values and price quantiles."""

from __future__ import annotations

import pytest

from recommender.config import TextConfig
from recommender.data.catalog import Catalog, Product
from recommender.pipeline.vocabulary import Vocabulary, build_vocabulary


@pytest.fixture(scope="module")
def vocab(products, nlp) -> Vocabulary:  # type: ignore[no-untyped-def]
    return build_vocabulary(Catalog(products), TextConfig(), nlp)


def test_builtin_synonyms_only_for_catalog_categories(vocab: Vocabulary) -> None:
    syn = vocab.category_synonyms
    assert syn["earbuds"] == "headphones"
    assert syn["sneakers"] == "running-shoes"
    assert syn["notebook"] == "laptops"
    assert "phone" not in syn  # no smartphones in the fixture catalog


def test_tag_synonyms_only_when_unique_to_a_category(products, nlp) -> None:  # type: ignore[no-untyped-def]
    extra = Product(
        id="x", title="Gaming Mouse", brand="JBL", category="laptops", price=10.0, tags=("studio",)
    )
    vocab = build_vocabulary(Catalog([*products, extra]), TextConfig(), nlp)
    assert vocab.category_synonyms["stability"] == "running-shoes"
    assert "studio" not in vocab.category_synonyms  # now in two categories


def test_resolve_category_and_brand(vocab: Vocabulary) -> None:
    assert vocab.resolve_category("Running Shoes") == "running-shoes"
    assert vocab.resolve_category("Earbuds") == "headphones"
    assert vocab.resolve_category("tvs") is None
    assert vocab.resolve_brand("sony") == "Sony"
    assert vocab.resolve_brand("Lenovoo") == "Lenovo"
    assert vocab.resolve_brand("Samsung") is None


def test_boolean_attributes_and_values(vocab: Vocabulary) -> None:
    assert vocab.boolean_phrases["headphones"]["wireless"] == "wireless"
    assert vocab.boolean_phrases["headphones"]["wired"] == "wireless"
    assert "wireless" not in vocab.boolean_phrases.get("laptops", {})
    black = vocab.attribute_phrases["*"]["black"]
    assert (black.name, black.value) == ("color", "black")
    assert "13 inch" in vocab.attribute_phrases["laptops"]
    assert "13 inch" not in vocab.attribute_phrases["headphones"]


def test_tier_budget_per_category_and_global(vocab: Vocabulary) -> None:
    lo, hi = vocab.price_quantiles["headphones"]
    assert lo < hi
    assert vocab.tier_budget("low", "headphones") == (None, lo)
    assert vocab.tier_budget("high", "headphones") == (hi, None)
    assert vocab.tier_budget("low", None) == (None, vocab.price_quantiles["*"][0])
    assert vocab.tier_budget("low", "unknown") == (None, vocab.price_quantiles["*"][0])


def test_to_dict_is_json_ready(vocab: Vocabulary) -> None:
    import json

    data = json.loads(json.dumps(vocab.catalog_vocabulary().to_dict()))
    assert data["categories"] == ["headphones", "laptops", "running-shoes"]
    assert "Sony" in data["brands"]
    assert data["category_synonyms"]["trainers"] == "running-shoes"
    assert "black" in data["attributes"]["color"]


@pytest.mark.parametrize(
    ("word", "one"),
    [
        ("earbuds", "earbud"),
        ("smartwatches", "smartwatch"),
        ("batteries", "battery"),
        ("glasses", "glass"),
        ("shoes", "shoe"),
        ("boxes", "box"),
        ("bus", "bus"),
        ("cactus", "cactus"),
        ("gps", "gps"),
    ],
)
def test_singular(word: str, one: str) -> None:
    from recommender.pipeline.vocabulary import singular

    assert singular(word) == one


def test_categories_offering_a_value(nlp) -> None:  # type: ignore[no-untyped-def]
    def item(pid: str, category: str, kind: str) -> Product:
        return Product(id=pid, title=f"{kind} {pid}", brand="Acme", category=category,
                       price=20.0, attributes={"type": kind})  # fmt: skip

    catalog = Catalog([item("b1", "bedding", "pillowcases"), item("b2", "bedding", "duvet"),
                       item("c1", "candles", "tea lights"), item("c2", "candles", "jar candle")])  # fmt: skip
    vocab = build_vocabulary(catalog, TextConfig(), nlp)
    assert vocab.categories_with({"type": "pillowcases"}) == {"bedding", "candles"}
    assert vocab.categories_offering({"type": "pillowcases"}) == {"bedding"}


def test_a_value_shared_with_a_colour_is_what_the_product_is_made_of(nlp) -> None:  # type: ignore[no-untyped-def]
    pots = [
        Product(id=f"p{i}", title=f"Pot {i}", brand="Acme", category="plant-pots", price=10.0,
                attributes={"material": "terracotta", "color": "Terracotta"})
        for i in range(3)
    ]  # fmt: skip
    vocab = build_vocabulary(Catalog(pots), TextConfig(), nlp)
    assert vocab.attribute_phrases["plant-pots"]["terracotta"].name == "material"
