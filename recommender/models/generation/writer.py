"""The generative reply writer: prompt -> generate -> fill slots -> verify -> reply or fallback."""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from typing import Any

import torch

from recommender.data.catalog import Product
from recommender.models.generation.compose import (
    compose,
    dedupe,
    names_a_product,
    own_problems,
    prune,
)
from recommender.models.generation.config import GenerationConfig
from recommender.models.generation.fallback import deterministic_reply
from recommender.models.generation.generator import Generator
from recommender.models.generation.prompt import Prompt, build_prompt
from recommender.models.generation.types import GeneratedReply, ReplyContext
from recommender.models.generation.verify import FactVocabulary, ReplyVerifier, to_plain_text

logger = logging.getLogger(__name__)


class _Batcher:
    """Groups prompts submitted from many threads into one batched ``generate`` call."""

    def __init__(
        self, fn: Callable[[list[Prompt]], list[str]], window_ms: float, max_batch: int
    ) -> None:
        self._fn, self._window, self._max = fn, window_ms / 1000.0, max_batch
        self._queue: queue.Queue[tuple[Prompt, Future[str]]] = queue.Queue()
        threading.Thread(target=self._run, name="genrec-batcher", daemon=True).start()

    def submit(self, prompt: Prompt) -> Future[str]:
        fut: Future[str] = Future()
        self._queue.put((prompt, fut))
        return fut

    def _run(self) -> None:
        while True:
            items = [self._queue.get()]
            deadline = time.perf_counter() + self._window
            while len(items) < self._max:
                left = deadline - time.perf_counter()
                if left <= 0:
                    break
                try:
                    items.append(self._queue.get(timeout=left))
                except queue.Empty:
                    break
            try:
                texts = self._fn([p for p, _ in items])
            except Exception as exc:  # handed to the waiting callers, who fall back
                for _, fut in items:
                    fut.set_exception(exc)
                continue
            for (_, fut), text in zip(items, texts, strict=True):
                fut.set_result(text)


class GenerativeReplyWriter:
    """Writes one reply per turn; a ``ReplyWriter`` for the pipeline.

    Thread-safe: concurrent calls are batched (``batch_window_ms``, ``max_batch``).
    """

    def __init__(
        self,
        generator: Generator | None,
        config: GenerationConfig | None = None,
        *,
        verifier: ReplyVerifier | None = None,
        fallback: Callable[[ReplyContext], str] = deterministic_reply,
    ) -> None:
        self.config = config or GenerationConfig()
        self.generator = generator
        self.verifier = verifier or ReplyVerifier()
        self.fallback = fallback
        self._batcher = (
            _Batcher(self._generate_batch, self.config.batch_window_ms, self.config.max_batch)
            if generator is not None and self.config.max_batch > 1
            else None
        )

    @classmethod
    def from_config(
        cls, config: GenerationConfig, catalog: Iterable[Product] | None = None, **kwargs: Any
    ) -> GenerativeReplyWriter:
        """Load the configured model; ``catalog`` feeds the verifier's name vocabulary."""
        if config.threads:
            torch.set_num_threads(config.threads)
        generator = None
        if config.enabled:
            generator = Generator.from_pretrained(
                config.model_path,
                adapter_path=config.adapter_path,
                dtype=config.dtype,
                int8=config.int8,
                max_new_tokens=config.max_new_tokens,
            )
        vocab = FactVocabulary.from_products(catalog) if catalog is not None else None
        return cls(generator, config, verifier=ReplyVerifier(vocab), **kwargs)

    def prompt(self, ctx: ReplyContext) -> Prompt:
        """Stage 1 for this writer's model."""
        assert self.generator is not None, "no generator loaded"
        return build_prompt(
            ctx,
            self.generator.tokenizer,
            self.config.prompt_style,
            self.config.include_descriptions,
        )

    def _generate_batch(self, prompts: list[Prompt], seed: int = 0) -> list[str]:
        assert self.generator is not None
        return self.generator.generate(prompts, temperature=0.7 if seed else 0.0, seed=seed)

    def __call__(self, ctx: ReplyContext) -> GeneratedReply:
        """Write and verify the reply for one turn (falls back to the deterministic reply)."""
        return self.write_many([ctx])[0]

    def write_many(self, contexts: Sequence[ReplyContext]) -> list[GeneratedReply]:
        """Replies for several turns, generated as one batch per attempt."""
        if self.generator is None or not contexts:
            return [self._fallback(c, 0, (), "") for c in contexts]
        prompts = [self.prompt(c) for c in contexts]
        results: list[GeneratedReply | None] = [None] * len(contexts)
        pending = list(range(len(contexts)))
        last: dict[int, tuple[tuple[str, ...], str]] = {}
        drafts: dict[int, str] = {}
        for attempt in range(1 + max(0, self.config.retries)):
            if not pending:
                break
            try:
                texts = self._run([prompts[i] for i in pending], seed=attempt)
            except (RuntimeError, ValueError) as exc:  # model failure: never lose the turn
                logger.exception("generation failed: %s", exc)
                break
            still = []
            for i, raw in zip(pending, texts, strict=True):
                reply = self.check(raw, contexts[i], prompts[i], attempt + 1)
                drafts.setdefault(i, reply.text)
                if reply.verified:
                    results[i] = reply
                else:
                    last[i] = (reply.problems, raw)
                    still.append(i)
            pending = still
        for i in pending:
            problems, raw = last.get(i, ((), ""))
            results[i] = self._fallback(contexts[i], 1 + self.config.retries, problems, raw)
        return [dataclasses.replace(r, draft=drafts.get(i, "")) for i, r in enumerate(results) if r]

    def _run(self, prompts: list[Prompt], seed: int) -> list[str]:
        if self._batcher is not None and seed == 0 and len(prompts) == 1:
            return [self._batcher.submit(prompts[0]).result()]
        return self._generate_batch(prompts, seed=seed)

    def check(self, raw: str, ctx: ReplyContext, prompt: Prompt, attempt: int) -> GeneratedReply:
        """Stage 3: fill slots, clean, cap, prune, compose and verify one generated text.

        Clauses that fail verification are dropped (``compose.prune``); the rest is composed
        with the turn's plan (``compose.compose``) and verified as a whole. The reply counts
        as generated only when the kept model text names at least one product.
        """
        filled, _unknown = prompt.slots.fill(raw)
        text = to_plain_text(filled, self.config.max_reply_chars)
        kept, unsafe = prune(text, ctx, prompt.slots, self.verifier)
        budget = prompt.slots.values.get("BUDGET")
        kept = dedupe(kept, ctx, budget)  # before compose: a product it drops is added back
        slots = prompt.slots

        def check(sentence: str) -> bool:
            return not own_problems(sentence, ctx, slots, self.verifier)

        composed = compose(kept, ctx, check=check)
        final = to_plain_text(dedupe(composed, ctx, budget), self.config.max_reply_chars)
        problems = unsafe + self.verifier(final, ctx, prompt.slots).problems
        if not names_a_product(kept, ctx):
            problems += ("no product sentence survived verification",)
        ids = tuple(c.product.id for c in ctx.products)
        return GeneratedReply(final, not problems, False, attempt, ids, problems, raw)

    def _fallback(
        self, ctx: ReplyContext, attempts: int, problems: tuple[str, ...], raw: str
    ) -> GeneratedReply:
        text = self.fallback(ctx)  # built from catalog facts: no markup to strip, lines kept
        ids = tuple(c.product.id for c in ctx.products)
        if attempts:
            logger.info(
                "generated reply rejected (%s); using the deterministic reply",
                "; ".join(problems[:3]),
            )
        return GeneratedReply(text, False, True, attempts, ids, problems, raw)
