"""Needs read from the message, the plan's sentences, pruning and de-duplication."""

from __future__ import annotations

from pathlib import Path

from recommender.data.catalog import Product
from recommender.models.generation.compose import compose, dedupe, prune
from recommender.models.generation.config import GenerationConfig
from recommender.models.generation.needs import read_needs
from recommender.models.generation.plan import Phrases, comparison_sentence, need_sentences
from recommender.models.generation.slots import build_slots
from recommender.models.generation.types import ChosenProduct, ProfileFacts, ReplyContext
from recommender.models.generation.verify import ReplyVerifier
from recommender.models.generation.writer import GenerativeReplyWriter

from .test_writer import ScriptedGenerator


def _watch(pid: str, title: str, price: float, water: str, battery: str, **tags: str) -> Product:
    return Product(
        id=pid,
        title=title,
        brand=title.split()[0],
        category="smartwatches",
        price=price,
        attributes={"water_resistance": water, "battery_life": battery, "gps": "yes"},
        tags=tuple(tags.values()),
    )


WATCHES = (
    _watch("w-1", "Garmin Swim 2, 42 mm, Slate", 249.99, "5 ATM", "7 days"),
    _watch("w-2", "Fitbit Inspire 3, 39 mm, Midnight", 99.95, "5 ATM", "10 days", t="lightweight"),
    _watch("w-3", "Apple Watch SE, 40 mm, Starlight", 249.0, "50 m", "18 hours"),
)


def _ctx(message: str, products: tuple[Product, ...] = WATCHES, **kw: object) -> ReplyContext:
    return ReplyContext(
        user_message=message,
        profile=ProfileFacts(category="smartwatches"),
        products=tuple(ChosenProduct(p) for p in products),
        **kw,  # type: ignore[arg-type]
    )


def test_needs_resolve_to_attributes_the_products_have() -> None:
    needs = read_needs("a light watch for swimming with long battery", list(WATCHES))
    assert [(n.said, n.key) for n in needs] == [
        ("light", "tag:lightweight"),
        ("swimming", "water_resistance"),
        ("battery", "battery_life"),
    ]
    assert read_needs("a watch with a milk frother", list(WATCHES)) == []  # nothing answers


def test_need_sentence_names_each_product_value_once() -> None:
    [swim] = need_sentences(_ctx("watch for swimming"), Phrases(_ctx("watch for swimming")))
    assert "swimming" in swim
    assert (
        "the Garmin Swim 2 and the Fitbit Inspire 3 are water-resistant to 5 ATM; "
        "the Apple Watch SE is water-resistant to 50 m"
    ) in swim  # each group in the attribute's own phrasing
    two = _ctx("watch for swimming", WATCHES[:2])
    [same] = need_sentences(two, Phrases(two))
    assert same.endswith("the Garmin Swim 2 and the Fitbit Inspire 3 are water-resistant to 5 ATM.")
    [light] = need_sentences(_ctx("a light watch"), Phrases(_ctx("a light watch")))
    assert light.endswith("the Fitbit Inspire 3 is lightweight.")


def test_comparison_names_cheapest_and_best_comparable() -> None:
    two = WATCHES[:2]
    ctx = _ctx("watch with long battery", two)
    text = comparison_sentence(ctx, Phrases(ctx))
    assert "Fitbit Inspire 3" in text and "$99.95" in text
    assert "and has the longest battery life (10 days)" in text  # one product, said once
    assert text.count("Fitbit Inspire 3") == 1
    # "18 hours" and "7 days" are different units: no battery comparison across them
    assert "battery" not in comparison_sentence(_ctx("x"), Phrases(_ctx("x")))
    assert comparison_sentence(_ctx("x", WATCHES[:1]), Phrases(_ctx("x"))) == ""


def test_wording_varies_across_turns_but_not_within_one() -> None:
    leads = {need_sentences(_ctx(m), Phrases(_ctx(m)))[0].split(" the ")[0] for m in (
        "watch for swimming", "swimming watch", "a watch to swim with", "swimming please",
        "I swim a lot", "watch, swimming", "for swimming laps",
    )}  # fmt: skip
    assert len(leads) > 1
    ctx = _ctx("watch for swimming")
    assert need_sentences(ctx, Phrases(ctx)) == need_sentences(ctx, Phrases(ctx))


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
    assert out.startswith("Nothing under $50 in smartwatches.")
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


def test_colours_of_one_model_keep_their_whole_titles() -> None:
    black = _watch("w-4", "Garmin Swim 2, 42 mm, Slate", 249.99, "5 ATM", "7 days")
    white = _watch("w-5", "Garmin Swim 2, 42 mm, Whitestone", 249.99, "5 ATM", "7 days")
    ctx = _ctx("watch for swimming", (black, white))
    [swim] = need_sentences(ctx, Phrases(ctx))
    assert "Slate and the Garmin Swim 2, 42 mm, Whitestone are water-resistant" in swim


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


def test_a_bare_number_gets_the_unit_its_attribute_names() -> None:
    from recommender.models.generation.plan import with_unit

    assert with_unit("battery_hours", "57") == "57 hours"
    assert with_unit("battery_life", "14 days") == "14 days"  # a unit already
    assert with_unit("storage", "512") == "512"  # the name carries no unit
