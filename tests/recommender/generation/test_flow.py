"""The model's kept sentences in order: sequence words by position, no filler, closer last."""

from __future__ import annotations

from recommender.models.generation.compose import compose
from recommender.models.generation.flow import arrange
from recommender.models.generation.phrases import Phrases
from recommender.models.generation.wording import WORDING

from .watches import WATCHES
from .watches import turn as _ctx

THREE = (
    "Here are some smartwatches I think you'll like. First, Garmin Swim 2, 42 mm, Slate is "
    "$249.99. Its color is Slate. Then Fitbit Inspire 3, 39 mm, Midnight ($99.95). Shall I "
    "show more options? Finally, Apple Watch SE, 40 mm, Starlight is $249.00."
)


def _starts(text: str, kind: str) -> bool:
    return any(text.startswith(word + " ") for word in WORDING[kind])


def test_sequence_words_follow_the_position() -> None:
    ctx = _ctx("a watch")
    flow = arrange(THREE, ctx, Phrases(ctx))
    assert flow.opening == "Here are some smartwatches I think you'll like."
    first, second, third = flow.body
    assert _starts(first, "first") and "Garmin Swim 2, 42 mm, Slate is $249.99." in first
    assert _starts(second, "middle") and _starts(third, "last")
    assert flow.closing == "Shall I show more options?"  # moved to the end


def test_no_finally_before_a_product_the_plan_adds() -> None:
    ctx = _ctx("a watch")
    text = "First, Garmin Swim 2, 42 mm, Slate is $249.99. Finally, Fitbit Inspire 3, 39 mm, Midnight ($99.95)."
    flow = arrange(text, ctx, Phrases(ctx), more=1)
    assert not _starts(flow.body[-1], "last")
    out = compose(text, ctx)
    apple = out.index("Apple Watch SE, 40 mm, Starlight")
    assert not any(f" {w} " in out[:apple] for w in WORDING["last"])  # nothing "final" before


def test_an_attribute_the_title_already_shows_is_dropped() -> None:
    ctx = _ctx("a watch")
    flow = arrange(THREE, ctx, Phrases(ctx))
    assert not any("Slate." in s and "Garmin" not in s for s in flow.body)
    text = "Garmin Swim 2, 42 mm, Slate is $249.99. Its color is Red."
    [_, colour] = arrange(text, _ctx("a watch", WATCHES[:1]), Phrases(ctx)).body
    assert "Red" in colour  # a colour the title does not show is kept, in the plan's words


def test_one_product_gets_no_sequence_word() -> None:
    ctx = _ctx("a watch", WATCHES[:1])
    flow = arrange("First, Garmin Swim 2, 42 mm, Slate is $249.99.", ctx, Phrases(ctx))
    assert flow.body == ("Garmin Swim 2, 42 mm, Slate is $249.99.",)
