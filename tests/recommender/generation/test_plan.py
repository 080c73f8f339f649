"""Needs read from the message, the plan's sentences, pruning, composing and de-duplication."""

from __future__ import annotations

from pathlib import Path

from recommender.data.catalog import Product
from recommender.models.generation.compose import compose, dedupe, prune
from recommender.models.generation.config import GenerationConfig
from recommender.models.generation.needs import read_needs
from recommender.models.generation.phrases import Phrases
from recommender.models.generation.plan import comparison_sentence
from recommender.models.generation.slots import build_slots
from recommender.models.generation.types import ProfileFacts, ReplyContext
from recommender.models.generation.verify import ReplyVerifier
from recommender.models.generation.writer import GenerativeReplyWriter

from .test_writer import ScriptedGenerator
from .watches import WATCHES
from .watches import turn as _ctx


def test_needs_resolve_to_attributes_the_products_have() -> None:
    needs = read_needs("a light watch for swimming with long battery", list(WATCHES))
    assert [(n.said, n.key) for n in needs] == [
        ("light", "tag:lightweight"),
        ("swimming", "water_resistance"),
        ("battery", "battery_life"),
    ]
    assert read_needs("a watch with a milk frother", list(WATCHES)) == []  # nothing answers


def test_comparison_names_cheapest_and_best_comparable() -> None:
    two = WATCHES[:2]
    ctx = _ctx("watch with long battery", two)
    text = comparison_sentence(ctx, Phrases(ctx))
    assert "Fitbit Inspire 3" in text and "$99.95" in text
    assert "the longest battery life" in text and "(10 days)" in text
    assert text.count("Fitbit Inspire 3") == 1  # one product wins both: named once
    # "18 hours" and "7 days" are different units: no battery comparison across them
    assert "battery" not in comparison_sentence(_ctx("x"), Phrases(_ctx("x")))
    assert comparison_sentence(_ctx("x", WATCHES[:1]), Phrases(_ctx("x"))) == ""


def test_comparison_prices_follow_their_own_product() -> None:
    """The verifier reads a price as the last named title's: a price comes before any name
    or right after its own product, whatever the phrasing."""
    for message in ("watch", "a watch", "watches please", "show me watches", "any watch", "w"):
        ctx = _ctx(message)
        text = comparison_sentence(ctx, Phrases(ctx))
        assert "$99.95" in text  # the Fitbit is the cheapest
        before = text[: text.index("$99.95")]
        assert "Garmin" not in before and "Apple" not in before, text


def test_prune_drops_bad_clauses_and_keeps_the_rest() -> None:
    ctx = _ctx("watch for swimming", WATCHES[:2])
    slots = build_slots(ctx)
    text = (
        "First, Garmin Swim 2, 42 mm, Slate is $249.99, and it's loved by owners of the [BOUGHT1]. "
        "I kept your taste for [BRAND1] in mind. Then Fitbit Inspire 3, 39 mm, Midnight is $99.95"
    )
    kept, unsafe = prune(text, ctx, slots, ReplyVerifier())
    assert kept == "First, Garmin Swim 2, 42 mm, Slate is $249.99."  # unfinished last sentence
    assert unsafe == ()
    _, unsafe = prune("Garmin Swim 2 is $1.00.", ctx, slots, ReplyVerifier())
    assert unsafe  # a wrong price rejects the whole generation


def test_dedupe_says_a_clause_and_the_budget_once() -> None:
    ctx = _ctx("under 300", WATCHES[:2])
    text = (
        "Garmin Swim 2, 42 mm, Slate: it's under your $300.00 budget. "
        "Fitbit Inspire 3, 39 mm, Midnight: it's within your $300.00 limit. Great for laps and more."
        " Great for laps and more."
    )
    out = dedupe(text, ctx, "$300.00")
    assert out.count("$300.00") == 1 and out.count("Great for laps") == 1


def test_compose_states_relaxation_and_missing_products() -> None:
    ctx = _ctx("watch", WATCHES[:2], notice="nothing under $50 in smartwatches")
    out = compose("Garmin Swim 2, 42 mm, Slate is a fine pick.", ctx, compare=False)
    first = out.split(". ")[0]
    assert first.lower().endswith("nothing under $50 in smartwatches")  # stated first
    assert "Fitbit Inspire 3, 39 mm, Midnight" in out and "$99.95" in out


def test_generated_reply_covers_the_need_and_verifies(tiny_model_dir: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    model_text = "Here are two picks. [P1] is [P1_PRICE], and it's a favourite of [BOUGHT1] owners."
    writer = GenerativeReplyWriter(ScriptedGenerator(tok, [model_text]), GenerationConfig())
    reply = writer(_ctx("a smartwatch for swimming", WATCHES[:2]))
    assert reply.verified, reply.problems and not reply.fallback_used
    assert "5 ATM" in reply.text and "Fitbit Inspire 3, 39 mm, Midnight" in reply.text
    assert "BOUGHT" not in reply.text and "favourite" not in reply.text


def test_titles_with_abbreviations_are_not_split() -> None:
    mr = Product(id="c-1", title="Mr. Coffee Simple Brew", brand="Mr. Coffee",
                 category="coffee-machines", price=24.99, attributes={"type": "drip"})  # fmt: skip
    ctx = _ctx("a drip coffee maker", (mr, WATCHES[1]))
    text = "First, Mr. Coffee Simple Brew is $24.99. Then Fitbit Inspire 3, 39 mm, Midnight."
    kept, _ = prune(text, ctx, build_slots(ctx), ReplyVerifier())
    assert kept.startswith("First, Mr. Coffee Simple Brew is $24.99.")
    out = dedupe(compose(kept, ctx), ctx, None)
    assert "Mr. Coffee Simple Brew" in out and "the Mr." not in out.replace("the Mr. Coffee", "")


def test_a_product_whose_sentence_repeats_the_budget_is_still_named(tiny_model_dir: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    model_text = "[P1] is under your [BUDGET] budget. [P2] is under your [BUDGET] budget."
    writer = GenerativeReplyWriter(ScriptedGenerator(tok, [model_text]), GenerationConfig())
    ctx = _ctx("watch under 300", WATCHES[:2])
    ctx = ReplyContext(ctx.user_message, ProfileFacts(budget=300.0), ctx.products)
    reply = writer(ctx)
    assert reply.verified, reply.problems
    assert reply.text.count("$300.00") == 1  # the budget said once
    assert "Fitbit Inspire 3, 39 mm, Midnight" in reply.text  # the second product still named
