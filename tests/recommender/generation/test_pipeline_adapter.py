"""The generative writer behind the pipeline's ReplyWriter protocol."""

from __future__ import annotations

from pathlib import Path

from recommender.data.catalog import Product
from recommender.models.generation.config import GenerationConfig
from recommender.models.generation.context import from_pipeline_context
from recommender.models.generation.fallback import deterministic_reply
from recommender.models.generation.pipeline_adapter import PipelineReplyWriter
from recommender.models.generation.writer import GenerativeReplyWriter
from recommender.pipeline.reply import TemplateReplyWriter
from recommender.pipeline.schemas import (
    Constraints,
    History,
    RelaxedSearch,
    ReplyContext,
    ScoredProduct,
)

from .test_writer import ScriptedGenerator


def _pctx(
    headphones: tuple[Product, Product], relaxation: RelaxedSearch | None = None
) -> ReplyContext:
    a, b = headphones
    c = Constraints(category="headphones", brand="Sony", budget_max=150.0)
    return ReplyContext(
        products=(
            ScoredProduct(a, "Sony, as you asked", 1.0),
            ScoredProduct(b, "matches your $150 budget", 0.9),
        ),
        constraints=c,
        requested=c,
        relaxation=relaxation,
        keywords=("headphones",),
        user_message="hi",
        history=History(viewed=("JBL Live 660",)),
    )


def test_conversion(headphones: tuple[Product, Product]) -> None:
    ctx = from_pipeline_context(_pctx(headphones))
    assert ctx.user_message == "hi" and ctx.profile.viewed == ("JBL Live 660",)
    assert ctx.profile.budget == 150.0 and ctx.profile.brands == ("Sony",)
    assert ctx.heading == "Sony headphones under $150" and ctx.notice == ""
    assert [c.product.id for c in ctx.products] == ["hp-1", "hp-2"]
    assert ctx.products[1].reason == "matches your $150 budget"


def test_generated_or_pipeline_fallback(
    tiny_model_dir: Path, headphones: tuple[Product, Product]
) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    good = "[P1] by [P1_BRAND] is [P1_PRICE]; [P2] is [P2_PRICE], within your [BUDGET] budget."
    writer = PipelineReplyWriter(
        GenerativeReplyWriter(ScriptedGenerator(tok, [good]), GenerationConfig(max_batch=1))
    )
    written = writer.write(_pctx(headphones))
    assert written.source == "generated"
    opener, model_text = written.text.split(". ", 1)
    assert "Sony headphones under $150" in opener  # the plan says what was searched
    assert model_text.startswith("Sony WH-1000XM5 by Sony is $129.00;")
    bad = PipelineReplyWriter(
        GenerativeReplyWriter(ScriptedGenerator(tok, ["code X1"]), GenerationConfig(max_batch=1))
    )
    written = bad.write(_pctx(headphones))
    assert written.source == "template"
    # one deterministic fallback: the template writer's text, the benchmarks' function
    assert written.text == TemplateReplyWriter().write(_pctx(headphones)).text
    assert written.text == deterministic_reply(from_pipeline_context(_pctx(headphones)))


def test_heading_never_shows_amounts_the_shopper_did_not_say(
    headphones: tuple[Product, Product],
) -> None:
    from dataclasses import replace

    around = Constraints(category="headphones", budget_min=160.0, budget_max=240.0)
    pctx = replace(_pctx(headphones), constraints=around, requested=around)
    pctx = replace(pctx, user_message="headphones around $200")
    ctx = from_pipeline_context(pctx)
    assert ctx.heading == "headphones around $200" and ctx.profile.budget is None
    stated = replace(pctx, user_message="headphones between 160 and 240")
    assert from_pipeline_context(stated).profile.budget == 240.0


def test_relaxed_turn_is_generated_and_states_the_relaxation(
    tiny_model_dir: Path, headphones: tuple[Product, Product]
) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    applied = Constraints(category="headphones")
    relax = RelaxedSearch("brand", ("brand",), "no Sony headphones under $150", applied)
    writer = PipelineReplyWriter(
        GenerativeReplyWriter(
            ScriptedGenerator(tok, ["[P1] is [P1_PRICE]. [P2] is [P2_PRICE]."]),
            GenerationConfig(max_batch=1),
        )
    )
    written = writer.write(_pctx(headphones, relax))
    assert written.source == "generated"
    notice, model_text = written.text.split(". ", 1)
    assert notice.lower().endswith("no sony headphones under $150")  # stated first
    assert model_text.startswith("Sony WH-1000XM5 is $129.00.")


def test_relaxed_budget_and_brand_are_not_the_shoppers_anymore(
    headphones: tuple[Product, Product],
) -> None:
    applied = Constraints(category="headphones")
    relax = RelaxedSearch(
        "budget_max", ("brand", "budget_max"), "no Sony headphones under $150", applied
    )
    ctx = from_pipeline_context(_pctx(headphones, relax))
    assert ctx.profile.budget is None and "Sony" not in ctx.profile.brands
    assert ctx.notice == "no Sony headphones under $150"
