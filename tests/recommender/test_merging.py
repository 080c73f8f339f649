"""Merging kept preferences with the latest message: change of mind, "any", tiers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from recommender.config import TextConfig
from recommender.data.catalog import Catalog
from recommender.pipeline.merging import merge_preferences
from recommender.pipeline.schemas import ParsedPreferences, Slots
from recommender.pipeline.vocabulary import Vocabulary, build_vocabulary


@pytest.fixture(scope="module")
def vocab(products, nlp) -> Vocabulary:  # type: ignore[no-untyped-def]
    return build_vocabulary(Catalog(products), TextConfig(), nlp)


def test_the_latest_message_wins(vocab: Vocabulary) -> None:
    kept = Slots(category="headphones", brand="sony", budget_max=100.0)
    m = merge_preferences(kept, ParsedPreferences(brand="Bose", budget_max=50.0), vocab)
    assert (m.constraints.category, m.constraints.brand, m.constraints.budget_max) == (
        "headphones",
        "Bose",
        50.0,
    )
    assert m.changed == {"brand", "budget"}


def test_unmentioned_fields_keep_their_slot_values(vocab: Vocabulary) -> None:
    kept = Slots(
        category="headphones", brand="SONY", budget_max=100.0, attributes={"type": "Over-Ear"}
    )
    m = merge_preferences(kept, ParsedPreferences(attributes={"color": "black"}), vocab)
    assert m.constraints.brand == "Sony"  # the catalog's spelling
    assert m.constraints.budget_max == 100.0
    assert dict(m.constraints.attributes) == {"type": "over-ear", "color": "black"}


def test_a_new_category_drops_the_old_ones_details(vocab: Vocabulary) -> None:
    kept = Slots(
        category="headphones", brand="Sony", budget_max=100.0, attributes={"type": "over-ear"}
    )
    m = merge_preferences(kept, ParsedPreferences(category="laptops"), vocab)
    c = m.constraints
    assert (c.category, c.brand, c.budget_max, dict(c.attributes)) == ("laptops", None, None, {})
    same_message = merge_preferences(
        kept, ParsedPreferences(category="laptops", budget_max=900.0), vocab
    )
    assert same_message.constraints.budget_max == 900.0


def test_declined_fields_become_any(vocab: Vocabulary) -> None:
    kept = Slots(category="headphones", brand="Sony")
    m = merge_preferences(kept, ParsedPreferences(any_of=frozenset({"brand"})), vocab)
    assert m.constraints.brand is None and "brand" in m.slots.any
    # a bare "any" answers the question asked last turn
    bare = merge_preferences(
        kept, ParsedPreferences(any_of=frozenset({"*"})), vocab, asked="budget"
    )
    assert "budget" in bare.slots.any and bare.changed == {"budget"}
    # ... and nothing when nothing was asked
    lone = merge_preferences(kept, ParsedPreferences(any_of=frozenset({"*"})), vocab)
    assert lone.slots.any == frozenset() and lone.changed == frozenset()


def test_a_stated_value_lifts_an_earlier_any(vocab: Vocabulary) -> None:
    kept = Slots(category="headphones", any=frozenset({"brand", "budget"}))
    m = merge_preferences(kept, ParsedPreferences(brand="Sony", budget_max=80.0), vocab)
    assert m.constraints.brand == "Sony" and m.constraints.budget_max == 80.0
    assert m.slots.any == frozenset()


def _prices(products, category: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.array([p.price for p in products if p.category == category and p.in_stock])


def test_a_tier_is_kept_as_a_tier_and_follows_the_category(vocab: Vocabulary, products) -> None:  # type: ignore[no-untyped-def]
    m = merge_preferences(
        Slots(), ParsedPreferences(category="headphones", price_tier="low"), vocab
    )
    assert m.slots.price_tier == "low" and m.slots.budget_max is None
    assert m.constraints.budget_max == math.ceil(np.quantile(_prices(products, "headphones"), 0.25))
    assert m.constraints.stated_budget == (None, None)
    later = merge_preferences(m.slots, ParsedPreferences(category="laptops"), vocab)
    assert later.slots.price_tier is None  # the new category starts over
    kept = merge_preferences(m.slots, ParsedPreferences(brand="Sony"), vocab)
    assert kept.constraints.budget_max == m.constraints.budget_max


def test_an_amount_replaces_a_tier_and_the_other_bound(vocab: Vocabulary) -> None:
    kept = Slots(category="headphones", price_tier="low", budget_min=20.0)
    m = merge_preferences(kept, ParsedPreferences(budget_max=150.0), vocab)
    assert (m.constraints.budget_min, m.constraints.budget_max, m.constraints.price_tier) == (
        None,
        150.0,
        None,
    )


def test_unknown_slot_values_pass_through(vocab: Vocabulary) -> None:
    m = merge_preferences(Slots(category="Earbuds", brand="SENNHEISER"), ParsedPreferences(), vocab)
    assert (m.constraints.category, m.constraints.brand) == ("headphones", "Sennheiser")
    unknown = merge_preferences(Slots(category="TVs", brand="Acme"), ParsedPreferences(), vocab)
    assert (unknown.constraints.category, unknown.constraints.brand) == ("tvs", "Acme")


def test_a_reply_about_something_else_declines_the_open_question(vocab: Vocabulary) -> None:
    from recommender.pipeline.merging import skip_unanswered

    kept = Slots(category="headphones")
    m = merge_preferences(kept, ParsedPreferences(budget_max=100.0), vocab, asked="brand")
    skipped = skip_unanswered(m, "brand", "under 100")
    assert "brand" in skipped.slots.any and skipped.constraints.brand is None
    # nothing read at all, a button (no text) or an answer to it: left alone
    nothing = merge_preferences(kept, ParsedPreferences(), vocab, asked="brand")
    assert skip_unanswered(nothing, "brand", "hmm") == nothing
    assert skip_unanswered(m, "brand", "") == m
    answered = merge_preferences(kept, ParsedPreferences(brand="Sony"), vocab, asked="brand")
    assert skip_unanswered(answered, "brand", "sony") == answered
