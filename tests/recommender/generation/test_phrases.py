"""Picking phrasings per turn, and how products are named in the code's sentences."""

from __future__ import annotations

from recommender.models.generation.phrases import Phrases, display_names, model_name, the

from .watches import WATCHES, watch
from .watches import turn as _ctx


def test_same_turn_same_words_other_turns_other_words() -> None:
    picks = {Phrases(_ctx(f"a watch {i}")).say("first") for i in range(30)}
    assert len(picks) > 3
    ctx = _ctx("a watch for swimming")
    assert Phrases(ctx).say("closer", top="x", things="y", aspect="z") == Phrases(ctx).say(
        "closer", top="x", things="y", aspect="z"
    )


def test_a_kind_used_twice_in_a_turn_takes_another_phrasing() -> None:
    phrases = Phrases(_ctx("a watch"))
    assert phrases.say("middle") != phrases.say("middle")


def test_phrasings_needing_a_missing_field_are_skipped() -> None:
    for i in range(40):
        text = Phrases(_ctx(f"watch {i}")).say("closer", top="the Garmin Swim 2", things="watches")
        assert "{" not in text and "by ." not in text  # no aspect: no "narrow by {aspect}"


def test_products_are_called_by_brand_line_and_model_number() -> None:
    assert model_name("Sony WH-CH520 Wireless On-Ear Headphones, Black", "Sony") == "Sony WH-CH520"
    assert model_name("Samsung Galaxy S24 Ultra 512 GB, Titanium Gray", "Samsung") == (
        "Samsung Galaxy S24 Ultra"
    )
    assert model_name("Canon EOS R6 Mark II Mirrorless Camera (Body Only)", "Canon") == (
        "Canon EOS R6 Mark II"
    )
    assert model_name("Apple iPhone SE (3rd generation) 128 GB, Midnight", "Apple") == (
        "Apple iPhone SE"
    )
    assert model_name("Breville Barista Express Espresso Machine", "Breville") == (
        "Breville Barista Express Espresso Machine"  # no number: the short name
    )


def test_names_stay_unambiguous_among_the_shown_products() -> None:
    names = display_names(WATCHES)
    assert names == {"w-1": "Garmin Swim 2", "w-2": "Fitbit Inspire 3", "w-3": "Apple Watch SE"}
    black = watch("w-4", "Garmin Swim 2, 42 mm, Slate", 249.99, "5 ATM", "7 days")
    white = watch("w-5", "Garmin Swim 2, 42 mm, Whitestone", 249.99, "5 ATM", "7 days")
    names = display_names((black, white, WATCHES[1]))
    assert names["w-4"] == black.title and names["w-5"] == white.title  # colours of one model
    assert names["w-2"] == "Fitbit Inspire 3"  # the others keep their short names


def test_a_name_with_its_own_article_keeps_it() -> None:
    assert the("The North Face Jester Backpack") == "The North Face Jester Backpack"
    assert the("Garmin Swim 2") == "the Garmin Swim 2"
