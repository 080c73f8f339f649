"""The fast decode step gives bit-for-bit the logits and replies of ``model(...)``."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from recommender.config import PACKAGE_DIR
from recommender.models.generation.config import DEFAULT_STUDENT_DIR
from recommender.models.generation.dataset import load_catalog, synthetic_examples
from recommender.models.generation.fast_decode import FastLlamaDecoder
from recommender.models.generation.generator import Generator, encode
from recommender.models.generation.prompt import build_prompt
from recommender.models.generation.types import ReplyContext

DEMO = PACKAGE_DIR / "data" / "demo" / "catalog.jsonl"


def _steps_match(gen: Generator, text: str, steps: int) -> None:
    """Prefill with ``model(...)``, then decode ``steps`` greedy tokens both ways."""
    model = gen.model
    ids = torch.tensor([encode(gen.tokenizer, text)])
    with torch.inference_mode():
        out = model(input_ids=ids, use_cache=True)
        cache = out.past_key_values if out.past_key_values is not None else out.cache
        kv = [[layer.keys, layer.values] for layer in cache.layers]
        fast = FastLlamaDecoder(model)
        nxt = out.logits[:, -1, :].argmax(-1)
        pos = torch.tensor([ids.shape[1]])
        for _ in range(steps):
            out = model(
                input_ids=nxt[:, None],
                position_ids=pos[:, None],
                use_cache=True,
                **{gen._kv_arg: cache},
            )
            slow_logits = out.logits[:, -1, :]
            fast_logits = fast.step(nxt[:, None], pos[:, None], kv)
            assert torch.equal(fast_logits, slow_logits)
            nxt, pos = slow_logits.argmax(-1), pos + 1


def test_tiny_model_logits_are_identical(tiny_model_dir: Path, ctx: ReplyContext) -> None:
    gen = Generator.from_pretrained(str(tiny_model_dir), max_new_tokens=12)
    assert gen._fast is not None
    _steps_match(gen, build_prompt(ctx, gen.tokenizer).text, 20)


def test_tiny_model_replies_are_identical(
    tiny_model_dir: Path, ctx: ReplyContext, synth_catalog: list
) -> None:
    fast = Generator.from_pretrained(str(tiny_model_dir), max_new_tokens=16)
    slow = Generator(fast.model, fast.tokenizer, max_new_tokens=16, fast_decode=False)
    assert slow._fast is None
    others = [e.context for e in synthetic_examples(synth_catalog, 3, seed=11)]
    prompts = [build_prompt(c, fast.tokenizer) for c in (ctx, *others)]
    for p in prompts:
        assert fast.generate([p], min_new_tokens=16) == slow.generate([p], min_new_tokens=16)
        assert fast.generate([p], temperature=0.7, seed=1) == slow.generate(
            [p], temperature=0.7, seed=1
        )
    assert fast.generate(prompts) == slow.generate(prompts)  # padded batch: model(...) path


@pytest.mark.slow
def test_shipped_student_replies_are_identical() -> None:
    if not Path(DEFAULT_STUDENT_DIR, "config.json").is_file() or not DEMO.is_file():
        pytest.skip("student artefact or demo catalog missing")
    fast = Generator.from_pretrained(DEFAULT_STUDENT_DIR, max_new_tokens=64)
    slow = Generator(fast.model, fast.tokenizer, max_new_tokens=64, fast_decode=False)
    assert fast._fast is not None
    contexts = [e.context for e in synthetic_examples(load_catalog(DEMO), 24, seed=777)]
    prompts = [build_prompt(c, fast.tokenizer) for c in contexts]
    _steps_match(fast, prompts[0].text, 64)
    for p in prompts:
        assert fast.generate([p]) == slow.generate([p])
