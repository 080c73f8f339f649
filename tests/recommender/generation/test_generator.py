"""Stage 2: generation with a tiny random model (loading, caches, batching, dtypes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.models.generation.generator import Generator
from recommender.models.generation.prompt import build_prompt
from recommender.models.generation.types import ReplyContext


@pytest.fixture(scope="module")
def gen(tiny_model_dir: Path) -> Generator:
    return Generator.from_pretrained(str(tiny_model_dir), max_new_tokens=12)


def test_prefix_cache_and_batching_match_plain_greedy(
    gen: Generator, ctx: ReplyContext, synth_catalog: list
) -> None:
    from recommender.models.generation.dataset import synthetic_examples

    others = [e.context for e in synthetic_examples(synth_catalog, 2, seed=5)]
    prompts = [build_prompt(c, gen.tokenizer) for c in (ctx, *others)]
    baseline = [gen.hf_generate(p, 12) for p in prompts]
    no_prefix = Generator(gen.model, gen.tokenizer, max_new_tokens=12, prefix_cache=False)
    assert [no_prefix.generate([p])[0] for p in prompts] == baseline
    assert [gen.generate([p])[0] for p in prompts] == baseline
    assert gen.generate(prompts) == baseline  # padded batch, shared cached prefix


def test_sampling_is_seeded(gen: Generator, ctx: ReplyContext) -> None:
    prompt = build_prompt(ctx, gen.tokenizer)
    a = gen.generate([prompt], temperature=0.8, seed=3)
    assert a == gen.generate([prompt], temperature=0.8, seed=3)


@pytest.mark.parametrize(("dtype", "int8"), [("bfloat16", False), ("float32", True)])
def test_low_precision_variants_load_and_generate(
    tiny_model_dir: Path, ctx: ReplyContext, dtype: str, int8: bool
) -> None:
    g = Generator.from_pretrained(str(tiny_model_dir), dtype=dtype, int8=int8, max_new_tokens=5)
    out = g.generate([build_prompt(ctx, g.tokenizer)])
    assert isinstance(out[0], str)
