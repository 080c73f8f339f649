"""Deterministic replies and grounded per-product reasons."""

from __future__ import annotations

import re

import pytest

from recommender.data.catalog import Catalog
from recommender.pipeline.formatting import describe, format_budget, format_price
from recommender.pipeline.reply import ReplyWriter, TemplateReplyWriter, product_reason
from recommender.pipeline.schemas import Constraints, RelaxedSearch, ReplyContext, ScoredProduct


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (1299.99, "USD", "$1,299.99"),
        (79, "USD", "$79.00"),
        (49.5, "EUR", "€49.50"),
        (10, "SEK", "10.00 SEK"),
    ],
)
def test_format_price(amount: float, currency: str, text: str) -> None:
    assert format_price(amount, currency) == text


def test_format_budget_drops_zero_cents() -> None:
    assert format_budget(100.0) == "$100"
    assert format_budget(99.5) == "$99.50"


def test_describe_constraints() -> None:
    c = Constraints(
        category="running-shoes",
        brand="Nike",
        budget_max=150,
        attributes={"color": "black", "waterproof": "yes"},
    )
    assert describe(c, "USD") == "black waterproof Nike running shoes under $150"
    assert describe(Constraints(budget_min=20, budget_max=40), "USD") == (
        "products between $20 and $40"
    )
    # an attribute the category label already says is not said twice
    watch = Constraints(category="smartwatches", attributes={"type": "smartwatch"})
    assert describe(watch, "USD") == "smartwatches"


def test_reason_lists_every_satisfied_constraint(catalog: Catalog) -> None:
    p = catalog.get("h-02")  # Sony WF-C500, wireless, $59.99
    applied = Constraints(
        category="headphones", brand="Sony", budget_max=100, attributes={"wireless": "yes"}
    )
    assert product_reason(p, applied) == (
        "Sony, as you asked; wireless, as requested; matches your $100 budget"
    )


def test_reason_quotes_matching_keywords_only(catalog: Catalog) -> None:
    p = catalog.get("h-01")
    reason = product_reason(p, Constraints(), keywords=("noise", "cancelling", "purple"))
    assert reason == "closest match to 'noise cancelling'"


def test_reason_skips_fragments_of_model_numbers(catalog: Catalog) -> None:
    p = catalog.get("h-01")
    words = p.title.lower().replace("-", " ").split()
    short = next((w for w in words if len(w) < 3), None)
    assert short is not None, p.title  # the fixture product has one ("wh" of "WH-1000XM5")
    reason = product_reason(p, Constraints(), keywords=(short, "noise"))
    assert reason == "closest match to 'noise'"


def test_reason_falls_back_to_popularity(catalog: Catalog) -> None:
    assert product_reason(catalog.get("s-01"), Constraints()) == "popular in running shoes"


def test_reason_for_relaxed_budget(catalog: Catalog) -> None:
    requested = Constraints(category="headphones", budget_max=30)
    applied = Constraints(category="headphones", budget_max=42)
    relax = RelaxedSearch("budget_max", ("budget_max",), "nothing under $30", applied)
    reason = product_reason(catalog.get("h-05"), applied, requested=requested, relaxation=relax)
    assert reason == "$34.99, the closest price to your $30 budget"


def test_reason_does_not_claim_relaxed_brand(catalog: Catalog) -> None:
    requested = Constraints(brand="Bose", budget_max=100)
    applied = Constraints(budget_max=100)
    relax = RelaxedSearch("brand", ("brand",), "no Bose products", applied)
    reason = product_reason(catalog.get("h-04"), applied, requested=requested, relaxation=relax)
    assert "as you asked" not in reason
    assert reason == "matches your $100 budget"


def _context(catalog: Catalog, ids: list[str], **kw: object) -> ReplyContext:
    products = tuple(ScoredProduct(catalog.get(i), "r", 0.0) for i in ids)
    return ReplyContext(products=products, **kw)  # type: ignore[arg-type]


def test_reply_names_each_product_with_catalog_price(catalog: Catalog) -> None:
    c = Constraints(category="headphones", budget_max=100, attributes={"wireless": "yes"})
    reply = TemplateReplyWriter().write(_context(catalog, ["h-02", "h-04"], constraints=c)).text
    assert reply == (
        "Here are 2 picks for wireless headphones under $100:\n"
        "1. Sony WF-C500 Earbuds, $59.99\n"
        "2. JBL Tune 510BT, $39.95"
    )


def test_reply_states_brand_when_title_lacks_it(catalog: Catalog) -> None:
    from dataclasses import replace

    p = replace(catalog.get("h-04"), title="Tune 510BT")
    ctx = ReplyContext(products=(ScoredProduct(p, "r", 0.0),), constraints=Constraints())
    assert TemplateReplyWriter().write(ctx).text == (
        "Here is 1 popular pick:\n1. Tune 510BT by JBL, $39.95"
    )


def test_reply_leads_with_relaxation(catalog: Catalog) -> None:
    applied = Constraints(category="headphones", budget_max=42)
    relax = RelaxedSearch(
        "budget_max", ("budget_max",), "nothing under $30 in headphones; the cheapest is $34.99",
        applied,
    )  # fmt: skip
    ctx = _context(catalog, ["h-05"], constraints=applied, relaxation=relax)
    reply = TemplateReplyWriter().write(ctx).text
    assert reply.startswith("Nothing under $30 in headphones; the cheapest is $34.99. ")
    assert "Here is the closest match:" in reply


def test_reply_without_products(catalog: Catalog) -> None:
    reply = TemplateReplyWriter().write(_context(catalog, [], constraints=Constraints())).text
    assert reply == "Sorry, I couldn't find any products to recommend right now."


def test_every_price_in_reply_is_a_catalog_price(catalog: Catalog) -> None:
    ids = ["h-01", "s-03", "l-02"]
    reply = TemplateReplyWriter().write(_context(catalog, ids, constraints=Constraints())).text
    prices = {format_price(catalog.get(i).price) for i in ids}
    assert set(re.findall(r"\$[\d,]+\.\d\d", reply)) == prices


def test_template_writer_satisfies_protocol(catalog: Catalog) -> None:
    writer: ReplyWriter = TemplateReplyWriter()
    ctx = _context(catalog, ["h-02"], constraints=Constraints(category="headphones"))
    written = writer.write(ctx)
    assert written.source == "template"
    assert written.text == "Here is 1 pick for headphones:\n1. Sony WF-C500 Earbuds, $59.99"


def test_tier_budget_is_never_shown_as_an_amount(catalog: Catalog) -> None:
    c = Constraints(category="headphones", budget_max=47.0, price_tier="low")
    reply = TemplateReplyWriter().write(_context(catalog, ["h-04"], constraints=c)).text
    assert reply.startswith("Here is 1 pick for affordable headphones:")
    assert "$47" not in reply
