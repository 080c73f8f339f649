"""Stage 3: verification and post-processing."""

from __future__ import annotations

import pytest

from recommender.data.catalog import Product
from recommender.models.generation.fallback import deterministic_reply
from recommender.models.generation.slots import build_slots
from recommender.models.generation.types import ChosenProduct, GeneratedReply, ReplyContext
from recommender.models.generation.verify import FactVocabulary, ReplyVerifier, to_plain_text

GOOD = (
    "Since you like Sony, the Sony WH-1000XM5 by Sony costs $129.00 and comes in black. "
    "The Bose QuietComfort 45 at $99.50 stays within your $150.00 budget."
)


@pytest.fixture()
def verifier(headphones: tuple[Product, Product]) -> ReplyVerifier:
    other = Product(
        id="x",
        title="JBL Tune 760NC",
        brand="JBL",
        category="headphones",
        price=79.0,
        attributes={"color": "red"},
    )
    return ReplyVerifier(FactVocabulary.from_products([*headphones, other]))


def test_grounded_reply_passes(verifier: ReplyVerifier, ctx: ReplyContext) -> None:
    verdict = verifier(GOOD, ctx, build_slots(ctx))
    assert verdict.ok, verdict.problems


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (GOOD.replace("$129.00", "$12.99"), "price"),  # the int8 failure seen earlier
        (GOOD.replace("$99.50", "$129.00"), "belongs to another product"),
        (GOOD.replace("comes in black", "comes in red"), "attribute value"),
        (GOOD + " The JBL Tune 760NC is also nice.", "product"),
        (GOOD.replace("by Sony", "by Bose"), "attributed"),
        (GOOD + " Use code SAVE20 for 20% off.", "code"),
        (GOOD + " See http://deals.example.com now.", "link"),
        (GOOD + " Mail jane@doe.org for help.", "e-mail"),
        (GOOD + " Call +1 555 123 4567.", "phone"),
        (GOOD + " Another customer bought three.", "out-of-scope"),
        (GOOD + " It has a battery of 55 h.", "number 55"),
        (GOOD.replace("Since you like Sony, the", "Since you like Sony, the Acme"), "unknown name"),
        (GOOD + " [P3_PRICE]", "unfilled slot"),
        ("The Sony WH-1000XM5 by Sony costs $129.00.", "P2 not named"),
    ],
)
def test_unsupported_facts_are_rejected(
    verifier: ReplyVerifier, ctx: ReplyContext, bad: str, problem: str
) -> None:
    verdict = verifier(bad, ctx, build_slots(ctx))
    assert not verdict.ok
    assert any(problem in p for p in verdict.problems), verdict.problems


def test_deterministic_reply_is_grounded(verifier: ReplyVerifier, ctx: ReplyContext) -> None:
    text = deterministic_reply(ctx)
    assert text == (
        "Here are 2 picks for headphones under $150:\n"
        "1. Sony WH-1000XM5, $129.00\n2. Bose QuietComfort 45, $99.50"
    )
    assert verifier(text, ctx, build_slots(ctx)).ok


def test_plain_text_strips_markup_and_caps_length() -> None:
    assert to_plain_text("<b>Hi</b> **there** <|im_end|>", 100) == "Hi there"
    long = "One sentence here. " * 20
    capped = to_plain_text(long, 60)
    assert len(capped) <= 60 and capped.endswith(".")


def test_escaped_for_markup_channels() -> None:
    reply = GeneratedReply("Tom & Jerry <3", True, False)
    assert reply.escaped() == "Tom &amp; Jerry &lt;3"


def test_false_budget_claim_is_rejected(verifier: ReplyVerifier, ctx: ReplyContext) -> None:
    import dataclasses

    poor = dataclasses.replace(ctx, profile=dataclasses.replace(ctx.profile, budget=100.0))
    text = (
        "The Sony WH-1000XM5 at $129.00 stays within your $100.00 budget. "
        "The Bose QuietComfort 45 at $99.50 too."
    )
    verdict = verifier(text, poor, build_slots(poor))
    assert any("claimed within budget" in p for p in verdict.problems)


def test_never_claims_the_shopper_said_what_they_did_not(
    verifier: ReplyVerifier, ctx: ReplyContext
) -> None:
    from dataclasses import replace

    slots = build_slots(ctx)
    said = "You mentioned a $150.00 budget. Sony WH-1000XM5 and Bose QuietComfort 45 fit."
    assert verifier(said, ctx, slots).ok  # the message states $150
    quiet = replace(ctx, user_message="cheap headphones please")
    assert "claims the shopper said $150" in verifier(said, quiet, slots).problems
    brand = "As you said, Bose is great. Sony WH-1000XM5 and Bose QuietComfort 45 fit."
    assert any("'Bose'" in p for p in verifier(brand, quiet, slots).problems)
    need = "Since you mentioned cheap, Sony WH-1000XM5 and Bose QuietComfort 45 fit."
    assert verifier(need, quiet, slots).ok  # only what follows the claim, up to a comma


def test_a_number_with_the_unit_its_key_names_is_that_products_fact(
    headphones: tuple[Product, Product],
) -> None:
    """``battery_hours: 36`` said as "36 hours" is this product's value, even where another
    catalog product has the literal value "36 hours"; another number with it is not."""
    a, b = headphones
    a = Product(a.id, a.title, a.brand, a.category, a.price, attributes={"battery_hours": "36"})
    watch = Product("w", "Kova Fit Band", "Kova", "smartwatches", 29.99,
                    attributes={"battery_life": "36 hours"})  # fmt: skip
    verifier = ReplyVerifier(FactVocabulary.from_products([a, b, watch]))
    ctx = ReplyContext("long battery", products=(ChosenProduct(a), ChosenProduct(b)))
    text = "Sony WH-1000XM5 has 36 hours of battery. Bose QuietComfort 45 is $99.50."
    assert verifier(text, ctx, build_slots(ctx)).ok
    assert not verifier(text.replace("36", "40"), ctx, build_slots(ctx)).ok
