"""The generative writer inside the service: default wiring, reply_source, degradation."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from recommender.api.server import create_app
from recommender.config import Config, GenerationConfig
from recommender.data.catalog import Catalog, Product
from recommender.data.events import Event
from recommender.models.generation.pipeline_adapter import PipelineReplyWriter
from recommender.models.generation.prompt import Prompt
from recommender.models.generation.writer import GenerativeReplyWriter
from recommender.pipeline.profiles import build_profile
from recommender.pipeline.reply import TemplateReplyWriter, WrittenReply
from recommender.pipeline.reply_writer import history_facts, open_reply_writer
from recommender.pipeline.schemas import Constraints, RecommendRequest, ReplyContext, ScoredProduct
from recommender.pipeline.service import RecommenderService
from tests.recommender.conftest import AUTH

from .test_writer import ScriptedGenerator

TWO = "[P1] by [P1_BRAND] costs [P1_PRICE]. [P2] by [P2_BRAND] costs [P2_PRICE]."


class SlowGenerator(ScriptedGenerator):
    """Scripted, but each call takes ``delay`` seconds."""

    def __init__(self, tokenizer: object, outputs: Sequence[str], delay: float) -> None:
        super().__init__(tokenizer, outputs)
        self.delay = delay

    def generate(self, prompts: Sequence[Prompt], *args: Any, **kw: Any) -> list[str]:
        time.sleep(self.delay)
        return super().generate(prompts, *args, **kw)


class BrokenGenerator(ScriptedGenerator):
    def generate(self, prompts: Sequence[Prompt], *args: Any, **kw: Any) -> list[str]:
        raise KeyError("weights went missing")


def _tok(tiny_model_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_model_dir)


def _adapter(gen: Any, **kw: Any) -> PipelineReplyWriter:
    return PipelineReplyWriter(GenerativeReplyWriter(gen, GenerationConfig(max_batch=1)), **kw)


def _pctx(headphones: tuple[Product, Product]) -> ReplyContext:
    a, b = headphones
    c = Constraints(category="headphones", budget_max=150.0)
    return ReplyContext(
        products=(ScoredProduct(a, "matches your $150 budget", 1.0), ScoredProduct(b, "x", 0.9)),
        constraints=c,
        requested=c,
    )


def test_generated_reply_says_so(tiny_model_dir: Path, headphones: tuple[Product, Product]) -> None:
    written = _adapter(ScriptedGenerator(_tok(tiny_model_dir), [TWO])).write(_pctx(headphones))
    text, source = written.text, written.source
    assert source == "generated"
    assert text == (
        "Some headphones under $150 I'd happily recommend. "
        "Sony WH-1000XM5 by Sony costs $129.00. Bose QuietComfort 45 by Bose costs $99.50. "
        "To help you choose, the Bose QuietComfort 45 is the cheapest at $99.50."
    )  # what was searched, the model's sentences, then the comparison the plan adds


def test_timeout_degrades_to_template_in_time(
    tiny_model_dir: Path, headphones: tuple[Product, Product]
) -> None:
    writer = _adapter(SlowGenerator(_tok(tiny_model_dir), [TWO], delay=1.5), timeout_s=0.2)
    start = time.perf_counter()
    written = writer.write(_pctx(headphones))
    text, source = written.text, written.source
    assert time.perf_counter() - start < 1.0
    assert (text, source) == (TemplateReplyWriter().write(_pctx(headphones)).text, "template")


def test_model_error_degrades_to_template(
    tiny_model_dir: Path, headphones: tuple[Product, Product], caplog: pytest.LogCaptureFixture
) -> None:
    writer = _adapter(BrokenGenerator(_tok(tiny_model_dir), [TWO]), timeout_s=5.0)
    written = writer.write(_pctx(headphones))
    text, source = written.text, written.source
    assert source == "template" and text.startswith("Here are 2 picks")
    assert "generation failed" in caplog.text


def test_busy_writer_answers_with_template_at_once(
    tiny_model_dir: Path, headphones: tuple[Product, Product]
) -> None:
    writer = _adapter(
        SlowGenerator(_tok(tiny_model_dir), [TWO], delay=1.0), timeout_s=5.0, max_in_flight=1
    )
    first: list[WrittenReply] = []
    t = threading.Thread(target=lambda: first.append(writer.write(_pctx(headphones))))
    t.start()
    time.sleep(0.2)
    start = time.perf_counter()
    assert writer.write(_pctx(headphones)).source == "template"
    assert time.perf_counter() - start < 0.5
    t.join()
    assert first[0].source == "generated"


def test_rejected_and_relaxed_turns_use_template(
    tiny_model_dir: Path, headphones: tuple[Product, Product]
) -> None:
    bad = _adapter(ScriptedGenerator(_tok(tiny_model_dir), ["Use code SAVE10 at $1.00."]))
    assert bad.write(_pctx(headphones)).source == "template"


def test_history_facts_from_events(catalog: Catalog) -> None:
    ids = [p.id for p in catalog][:3]
    now = time.time()
    events = [
        Event(event_id="e1", user_id="u", type="purchase", product_id=ids[0], ts=now - 100),
        Event(event_id="e2", user_id="u", type="view", product_id=ids[1], ts=now - 50),
    ]
    facts = history_facts(build_profile("u", events, catalog), catalog)
    assert facts.purchased == (catalog.get(ids[0]).title,)
    assert facts.viewed == (catalog.get(ids[1]).title,)
    assert set(facts.liked_brands) <= {catalog.get(i).brand for i in ids[:2]}


def test_service_default_writer_is_generative(test_config: Config, catalog: Catalog) -> None:
    assert isinstance(open_reply_writer(test_config, catalog), PipelineReplyWriter)
    off = replace(test_config, generation=GenerationConfig(enabled=False))
    assert isinstance(open_reply_writer(off, catalog), TemplateReplyWriter)
    broken = replace(test_config, generation=GenerationConfig(model_path="/nonexistent/model"))
    assert isinstance(open_reply_writer(broken, catalog), TemplateReplyWriter)


def test_service_reply_source(
    test_config: Config,
    catalog: Catalog,
    encoder: Any,
    nlp: Any,
    tiny_model_dir: Path,
) -> None:
    gen = _adapter(ScriptedGenerator(_tok(tiny_model_dir), [TWO]))
    svc = RecommenderService(test_config, catalog, encoder, nlp=nlp, writer=gen)
    out = svc.recommend(RecommendRequest(user_id="u", message="headphones", limit=2))
    assert out["reply_source"] == "generated"
    titles = [p["title"] for p in out["products"]]
    assert len(titles) == 2 and all(t in out["reply"] for t in titles)
    plain = RecommenderService(test_config, catalog, encoder, nlp=nlp)
    out = plain.recommend(RecommendRequest(user_id="u", message="headphones", limit=2))
    assert out["reply_source"] == "template"


@pytest.mark.slow
async def test_real_default_generator_through_the_app(
    aiohttp_client: Any, test_config: Config, catalog: Catalog, encoder: Any
) -> None:
    """The shipped student, loaded by the service from the default config, over HTTP."""
    cfg = replace(test_config, generation=replace(test_config.generation, timeout_ms=30_000))
    client = await aiohttp_client(create_app(cfg, catalog=catalog, encoder=encoder), headers=AUTH)
    sources = []
    for message in ("wireless headphones under 100", "running shoes", "a laptop from Lenovo"):
        resp = await client.post("/recommend", json={"user_id": "u", "message": message})
        assert resp.status == 200
        out = await resp.json()
        sources.append(out["reply_source"])
        assert out["products"]
        for p in out["products"]:
            assert p["title"] in out["reply"]
        others = {p.title for p in catalog} - {p["title"] for p in out["products"]}
        assert not [t for t in others if t in out["reply"]]
    assert "generated" in sources, sources
