"""Attributes read from shopper text: word forms, negation, category words, typos and values
a category's shopper word carries (real spaCy pipeline, a small catalog of its own)."""

from __future__ import annotations

import pytest

from recommender.config import TextConfig
from recommender.data.catalog import Catalog, Product
from recommender.pipeline.schemas import ParsedPreferences
from recommender.pipeline.text import PreferenceParser
from recommender.pipeline.vocabulary import Vocabulary, build_vocabulary


def _p(pid: str, title: str, category: str, tags: tuple[str, ...] = (), **attrs: str) -> Product:
    return Product(
        id=pid, title=title, brand="Acme" if pid < "m" else "Zenith", category=category,
        price=20.0 + len(pid), url=f"https://shop.example/p/{pid}",
        image=f"https://shop.example/img/{pid}.jpg", attributes=attrs, tags=tags,
    )  # fmt: skip


PRODUCTS = (
    _p("a1", "Steel Travel Mug", "mugs", type="travel mug", insulated="yes",
       dishwasher_safe="yes", color="Grey"),
    _p("a2", "Stoneware Coffee Mug", "mugs", type="coffee mug", insulated="no",
       dishwasher_safe="no", color="Navy"),
    _p("a3", "Orthopedic Dog Bed XL", "dog-beds", size="x-large", orthopedic="yes", color="Blue"),
    _p("a4", "Donut Dog Bed", "dog-beds", size="medium", orthopedic="no", color="Grey"),
    _p("a5", "Rolling Cooler", "coolers", type="hard", wheels="yes", capacity="45 qt"),
    _p("a6", "Soft Cooler", "coolers", type="soft", wheels="no", capacity="20 can"),
    _p("b1", "Buds One Earbuds", "headphones", type="in-ear", noise_cancelling="yes"),
    _p("b2", "Buds Two Earbuds", "headphones", type="in-ear", noise_cancelling="no"),
    _p("b3", "Buds Three Earbuds", "headphones", type="in-ear", noise_cancelling="no"),
    _p("b4", "Studio Over-Ear", "headphones", type="over-ear", noise_cancelling="yes"),
    _p("b5", "Travel Over-Ear", "headphones", type="over-ear", noise_cancelling="yes"),
    _p("b6", "Club Over-Ear", "headphones", type="over-ear", noise_cancelling="no"),
    _p("b7", "Desk Over-Ear", "headphones", type="over-ear", noise_cancelling="no"),
    _p("c1", "Commuter Pack", "backpacks", use="laptop", water_resistant="yes",
       laptop_sleeve="15 in"),
    _p("c2", "Photo Pack", "backpacks", use="camera", water_resistant="no", laptop_sleeve="no"),
    _p("c3", "Thin Notebook 14", "laptops", ram="8 GB"),
    _p("c4", "Two-Slot Toaster", "toasters", slots="2"),
)  # fmt: skip


@pytest.fixture(scope="module")
def vocab(nlp) -> Vocabulary:  # type: ignore[no-untyped-def]
    return build_vocabulary(Catalog(PRODUCTS), TextConfig(), nlp)


@pytest.fixture(scope="module")
def parse(vocab, nlp):  # type: ignore[no-untyped-def]
    parser = PreferenceParser(vocab, TextConfig(), nlp)

    def run(text: str) -> ParsedPreferences:
        return parser(text)

    return run


@pytest.mark.parametrize(
    ("text", "category", "attributes"),
    [
        # a value may share the category's word, but the word alone is no value
        ("an insulated travel mug", "mugs", {"type": "travel mug", "insulated": "yes"}),
        ("a mug", "mugs", {}),
        ("steel travel mugs", "mugs", {"type": "travel mug"}),
        ("a mug that keeps coffee hot", "mugs", {}),  # "coffee" is "coffee mug" only by "mug"
        # negation before the name, and as a prefix
        ("a mug that isn't dishwasher safe", "mugs", {"dishwasher_safe": "no"}),
        ("uninsulated mug", "mugs", {"insulated": "no"}),
        ("a non-insulated mug", "mugs", {"insulated": "no"}),
        ("a non-insulated navy mug", "mugs", {"insulated": "no", "color": "navy"}),
        # spellings, sizes, word forms
        ("gray mug", "mugs", {"color": "grey"}),
        ("xl dog bed", "dog-beds", {"size": "x-large"}),
        ("extra large dog bed", "dog-beds", {"size": "x-large"}),
        ("orthopaedic dog bed", "dog-beds", {"orthopedic": "yes"}),
        ("wheeled cooler", "coolers", {"wheels": "yes"}),
        ("a mug that is not dishwasher safe", "mugs", {"dishwasher_safe": "no"}),
        ("a mug, not one of those insulated ones", "mugs", {"insulated": "no"}),
        ("i don't want an insulated mug", "mugs", {"insulated": "no"}),
        ("a mug, doesn't need to be insulated", "mugs", {}),
        ("a mug, doesn't matter if it's insulated", "mugs", {}),
        ("not too pricey, insulated mug", "mugs", {"insulated": "yes"}),
        ("headphones, but i want earbuds", "headphones", {"type": "in-ear"}),
        ("noise canceling headphones", "headphones", {"noise_cancelling": "yes"}),
        ("headphones with noise cancellation", "headphones", {"noise_cancelling": "yes"}),
        ("over the ear headphones", "headphones", {"type": "over-ear"}),
        # a typo of a value word
        ("orthopedc dog bed", "dog-beds", {"orthopedic": "yes"}),
        # the one telling word of a yes/no name
        ("a mug that can go in the dishwasher", "mugs", {"dishwasher_safe": "yes"}),
        # a synonym of the category's own yes/no name
        ("waterproof backpack", "backpacks", {"water_resistant": "yes"}),
        # another category's name is a value only where it modifies the category's word
        ("laptop backpack", "backpacks", {"use": "laptop"}),
        ("a backpack to carry my laptop", "backpacks", {}),
        # a name whose other values are measures is not answered "yes"
        ("backpack with a laptop sleeve", "backpacks", {}),
        ("backpack without a laptop sleeve", "backpacks", {"laptop_sleeve": "no"}),
    ],
)
def test_attributes(parse, text: str, category: str, attributes: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    got = parse(text)
    assert got.category == category
    assert got.attributes == attributes


def test_no_before_a_yes_no_name_is_a_wish_not_indifference(parse) -> None:  # type: ignore[no-untyped-def]
    got = parse("headphones, no noise cancelling")
    assert got.attributes == {"noise_cancelling": "no"}
    assert got.any_of == frozenset()


def test_a_category_word_carries_the_value_all_its_products_share(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("earbuds").attributes == {"type": "in-ear"}
    assert parse("headphones").attributes == {}


def test_measures_with_units_from_values_and_titles(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("a 45 quart cooler").attributes == {"capacity": "45 qt"}
    assert parse("a 20 can cooler").attributes == {"capacity": "20 can"}
    assert parse("a 2-slot toaster").attributes == {"slots": "2"}


def test_a_yes_no_name_only_the_catalog_says_yes_to_can_still_be_refused(nlp) -> None:  # type: ignore[no-untyped-def]
    products = (
        _p("a1", "Mug One", "mugs", dishwasher_safe="yes"),
        _p("a2", "Mug Two", "mugs", dishwasher_safe="yes"),
    )
    parser = PreferenceParser(
        build_vocabulary(Catalog(products), TextConfig(), nlp), TextConfig(), nlp
    )
    assert parser("mugs that aren't dishwasher safe").attributes == {"dishwasher_safe": "no"}


def test_a_strong_category_word_is_no_modifier_of_a_title_word(parse) -> None:  # type: ignore[no-untyped-def]
    # "earbuds" modifies "club", a word of titles only: the category word still decides
    assert parse("earbuds club").attributes == {"type": "in-ear"}


OTHER = (
    _p("d1", "Oak Desk", "desks", adjustable_height="yes", has_drawer="yes", color="Mango Yellow",
       size="King", seats="2"),
    _p("d2", "Pine Desk", "desks", adjustable_height="no", has_drawer="no", color="Black",
       size="Twin", seats="3"),
    _p("e1", "Drip Maker", "coffee-makers", milk_frother="yes", wide_slots="yes", slots="4"),
    _p("e2", "Pod Maker", "coffee-makers", milk_frother="no", wide_slots="no", slots="2"),
    _p("e3", "Warm Maker", "coffee-makers", plate="warmer"),
    _p("e4", "Cool Maker", "coffee-makers", plate="none"),
    _p("f1", "Warm Bag", "sleeping-bags", fill="down", temperature_rating="20 F"),
    _p("f2", "Cosy Bag", "sleeping-bags", fill="synthetic", temperature_rating="40 F"),
)  # fmt: skip


@pytest.fixture(scope="module")
def parse_other(nlp):  # type: ignore[no-untyped-def]
    vocab = build_vocabulary(Catalog(OTHER), TextConfig(), nlp)
    return PreferenceParser(vocab, TextConfig(), nlp)


@pytest.mark.parametrize(
    ("text", "attributes"),
    [
        ("a height adjustable desk", {"adjustable_height": "yes"}),
        ("a desk with a drawer", {"has_drawer": "yes"}),
        ("a desk without a drawer", {"has_drawer": "no"}),
        ("a king sized desk", {"size": "king"}),
        ("a yellow desk", {"color": "mango yellow"}),
        ("a desk, anything but black", {}),
        ("a 3 seater desk", {"seats": "3"}),
        ("a coffee maker with a frother", {"milk_frother": "yes"}),
        ("a coffee maker with 4 slots", {"slots": "4"}),  # "slots" is no "wide slots"
        ("a coffee maker with a wramer", {"plate": "warmer"}),  # a typo of a value word
        ("a coffee maker, milk warmed", {}),  # an English word is no typo of "warmer"
        ("a down sleeping bag", {"fill": "down"}),
        ("a sleeping bag good down to 20 degrees", {"temperature_rating": "20 f"}),
    ],
)
def test_names_and_values_said_in_part(parse_other, text: str, attributes: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert parse_other(text).attributes == attributes


def test_a_last_word_that_names_every_product_is_no_value(nlp) -> None:  # type: ignore[no-untyped-def]
    products = (
        _p("g1", "Brass Ceiling Fixture", "lighting", type="ceiling fixture"),
        _p("g2", "Glass Pendant Fixture", "lighting", type="pendant"),
        _p("g3", "Paper Pendant", "lighting", type="pendant", color="Sage Green"),
    )
    vocab = build_vocabulary(Catalog(products), TextConfig(), nlp)
    parser = PreferenceParser(vocab, TextConfig(), nlp)
    assert parser("lighting, a fixture for my hallway").attributes == {}
    assert parser("green lighting").attributes == {"color": "sage green"}


def test_more_everyday_words(nlp) -> None:  # type: ignore[no-untyped-def]
    products = (
        _p("h1", "Push Mower", "mowers", power_source="battery", material="stainless steel"),
        _p("h2", "Gas Mower", "mowers", power_source="gas", material="plastic"),
        _p("h3", "Glass Cup", "cups", type="glass cup", material="glass"),
        _p("h4", "Clay Cup", "cups", type="clay cup", material="clay"),
        _p("h5", "Big Tent", "tents", capacity="1 person"),
        _p("h6", "Bigger Tent", "tents", capacity="4 person"),
    )
    parser = PreferenceParser(
        build_vocabulary(Catalog(products), TextConfig(), nlp), TextConfig(), nlp
    )
    assert parser("a cordless mower").attributes == {"power_source": "battery"}
    assert parser("a stainless mower").attributes == {"material": "stainless steel"}
    assert parser("a glass cup").attributes == {"type": "glass cup", "material": "glass"}
    assert parser("a solo tent").attributes == {"capacity": "1 person"}
    assert parse_rolling(nlp) == {"wheels": "yes"}


def parse_rolling(nlp) -> dict[str, str]:  # type: ignore[no-untyped-def]
    parser = PreferenceParser(
        build_vocabulary(Catalog(PRODUCTS), TextConfig(), nlp), TextConfig(), nlp
    )
    return parser("a rolling cooler").attributes


def test_a_category_reads_only_its_own_yes_no_names(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("a waterproof laptop").attributes == {}  # water resistance is for backpacks


def test_no_colour_by_its_first_word(nlp) -> None:  # type: ignore[no-untyped-def]
    products = (
        _p("k1", "Trail Shoe", "shoes", color="Spring Green"),
        _p("k2", "Road Shoe", "shoes", color="Black"),
    )
    parser = PreferenceParser(
        build_vocabulary(Catalog(products), TextConfig(), nlp), TextConfig(), nlp
    )
    assert parser("shoes for a race in the spring").attributes == {}


def test_the_last_word_of_a_category_name_names_it_weakly(nlp) -> None:  # type: ignore[no-untyped-def]
    products = (
        _p("m1", "Plush Pet Bed", "dog-beds", size="small"),
        _p("m2", "Roll Mat", "sleeping-bags", fill="down"),
        _p("m3", "Soft Chest", "coolers", type="soft"),
        _p("m4", "Hard Chest", "coolers", type="hard"),
    )
    vocab = build_vocabulary(Catalog(products), TextConfig(), nlp)
    assert vocab.category_phrases["bed"] == ("dog-beds", 1)
    parser = PreferenceParser(vocab, TextConfig(), nlp)
    got = parser("a soft bed for my old dog")  # not a soft cooler
    assert (got.category, got.attributes) == ("dog-beds", {})
