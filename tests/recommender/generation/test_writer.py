"""The writer: generate -> fill -> verify -> regenerate once -> deterministic fallback."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from recommender.models.generation.config import GenerationConfig
from recommender.models.generation.fallback import deterministic_reply
from recommender.models.generation.generator import Generator
from recommender.models.generation.prompt import Prompt
from recommender.models.generation.types import ReplyContext
from recommender.models.generation.writer import GenerativeReplyWriter

GOOD = (
    "Since you like [BRAND1], [P1] by [P1_BRAND] costs [P1_PRICE]. "
    "[P2] at [P2_PRICE] stays within your [BUDGET] budget."
)


class ScriptedGenerator(Generator):
    """Returns canned texts in order (one per attempt), whatever the prompt."""

    def __init__(self, tokenizer: object, outputs: Sequence[str]) -> None:
        self.tokenizer = tokenizer
        self.outputs = list(outputs)
        self.calls = 0

    def generate(
        self,
        prompts: Sequence[Prompt],
        max_new_tokens: int | None = None,
        *,
        temperature: float = 0.0,
        seed: int = 0,
    ) -> list[str]:
        self.calls += 1
        text = self.outputs[min(self.calls - 1, len(self.outputs) - 1)]
        return [text for _ in prompts]


def _writer(tiny_model_dir: Path, outputs: Sequence[str], **cfg: object) -> GenerativeReplyWriter:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    return GenerativeReplyWriter(
        ScriptedGenerator(tok, outputs), GenerationConfig(max_batch=1, **cfg)
    )  # type: ignore[arg-type]


def test_verified_reply_is_filled(tiny_model_dir: Path, ctx: ReplyContext) -> None:
    reply = _writer(tiny_model_dir, [GOOD])(ctx)
    assert reply.verified and not reply.fallback_used and reply.attempts == 1
    assert reply.text.startswith("Since you like Sony, Sony WH-1000XM5 by Sony costs $129.00.")
    assert reply.product_ids == ("hp-1", "hp-2")


def test_failed_reply_is_regenerated_once(tiny_model_dir: Path, ctx: ReplyContext) -> None:
    writer = _writer(tiny_model_dir, ["[P1] costs $12.99. [P2].", GOOD])
    reply = writer(ctx)
    assert reply.verified and reply.attempts == 2


def test_twice_failed_reply_falls_back(tiny_model_dir: Path, ctx: ReplyContext) -> None:
    writer = _writer(tiny_model_dir, ["Use code SAVE50 on [P1] and [P2]!"])
    reply = writer(ctx)
    assert reply.fallback_used and not reply.verified
    assert reply.text == deterministic_reply(ctx)
    assert any("code" in p for p in reply.problems)


def test_disabled_writer_uses_fallback(ctx: ReplyContext) -> None:
    writer = GenerativeReplyWriter(None, GenerationConfig(enabled=False))
    reply = writer(ctx)
    assert reply.fallback_used and reply.attempts == 0


def test_length_cap(tiny_model_dir: Path, ctx: ReplyContext) -> None:
    long = GOOD + " Happy to narrow it down further." * 30
    reply = _writer(tiny_model_dir, [long], max_reply_chars=200)(ctx)
    assert len(reply.text) <= 200


def test_concurrent_calls_are_batched(tiny_model_dir: Path, ctx: ReplyContext) -> None:
    cfg = GenerationConfig(
        model_path=str(tiny_model_dir),
        max_new_tokens=6,
        max_batch=4,
        batch_window_ms=50.0,
        threads=0,
    )
    writer = GenerativeReplyWriter.from_config(cfg)
    sizes: list[int] = []
    inner = writer.generator.generate  # type: ignore[union-attr]

    def spy(prompts: Sequence[Prompt], *a: object, **k: object) -> list[str]:
        sizes.append(len(prompts))
        return inner(prompts, *a, **k)  # type: ignore[arg-type]

    writer.generator.generate = spy  # type: ignore[union-attr,method-assign]
    results = []
    threads = [threading.Thread(target=lambda: results.append(writer(ctx))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and max(sizes) > 1
    assert all(r.product_ids == ("hp-1", "hp-2") for r in results)
