"""Need sentences: how the products answer each need the shopper stated."""

from __future__ import annotations

from recommender.data.catalog import Product
from recommender.models.generation.answers import need_sentences
from recommender.models.generation.phrases import Phrases
from recommender.models.generation.types import ReplyContext

from .watches import WATCHES, watch
from .watches import turn as _ctx


def _needs(ctx: ReplyContext) -> list[str]:
    return need_sentences(ctx, Phrases(ctx))


def test_products_are_grouped_by_value_and_named_once() -> None:
    [swim] = _needs(_ctx("watch for swimming"))
    assert "swimming" in swim
    assert swim.count("5 ATM") == 1 and swim.count("50 m") == 1
    assert "the Garmin Swim 2 and the Fitbit Inspire 3 are " in swim  # one group, plural
    assert "the Apple Watch SE is " in swim
    assert swim.count("Garmin") == swim.count("Fitbit") == swim.count("Apple") == 1


def test_a_value_every_product_shares_is_counted_not_named() -> None:
    [same] = _needs(_ctx("watch for swimming", WATCHES[:2]))
    assert "swimming" in same and "5 ATM" in same  # the need and its value
    assert "Garmin" not in same and "Fitbit" not in same
    [gps] = _needs(_ctx("a watch with GPS"))
    assert "gps" in gps.lower() and "Garmin" not in gps  # "All three have gps."


def test_a_missing_feature_is_said_plainly() -> None:
    makers = tuple(
        Product(
            f"c-{i}",
            f"Kova Brew {i}",
            "Kova",
            "coffee-machines",
            29.99,
            attributes={"grinder": "no"},
        )
        for i in (1, 2)
    )
    [none] = _needs(_ctx("a coffee maker with a grinder", makers))
    assert "neither has a grinder" in none.lower()  # not "both have no grinder"


def test_one_product_is_it() -> None:
    [swim] = _needs(_ctx("watch for swimming", WATCHES[2:]))
    assert "50 m" in swim and "Apple" not in swim  # named in its own sentence before


def test_wording_varies_across_turns_but_not_within_one() -> None:
    leads = {_needs(_ctx(m))[0].split(" the ")[0] for m in (
        "watch for swimming", "swimming watch", "a watch to swim with", "swimming please",
        "I swim a lot", "watch, swimming", "for swimming laps",
    )}  # fmt: skip
    assert len(leads) > 1
    ctx = _ctx("watch for swimming")
    assert _needs(ctx) == _needs(ctx)


def test_two_groups_in_one_sentence_are_phrased_differently() -> None:
    [battery] = _needs(_ctx("watch with long battery"))
    parts = [p for p in ("battery life of", "per charge", "between charges") if p in battery]
    assert len(parts) == 3, battery  # 7 days, 10 days, 18 hours: three ways of saying it


def test_colours_of_one_model_keep_their_whole_titles() -> None:
    black = watch("w-4", "Garmin Swim 2, 42 mm, Slate", 249.99, "5 ATM", "7 days")
    white = watch("w-5", "Garmin Swim 2, 42 mm, Whitestone", 249.99, "10 ATM", "7 days")
    [swim] = _needs(_ctx("watch for swimming", (black, white)))
    assert "Garmin Swim 2, 42 mm, Slate" in swim and "Garmin Swim 2, 42 mm, Whitestone" in swim
