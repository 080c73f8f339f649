"""Plugs the generative writer behind the pipeline's ``ReplyWriter`` protocol.

The pipeline's ``ReplyContext`` (``recommender.pipeline.schemas``) carries the products, their
reasons and the applied constraints; the user's message and behaviour history are optional
extras here until the service passes them. The pipeline's own deterministic writer is the
fallback, so a rejected generation degrades to exactly today's reply.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from typing import Any

from recommender.config import GenerationConfig
from recommender.models.generation.types import ChosenProduct, ProfileFacts, ReplyContext
from recommender.models.generation.writer import GenerativeReplyWriter

logger = logging.getLogger(__name__)


def from_pipeline_context(
    pctx: Any,
    user_message: str = "",
    purchased: tuple[str, ...] = (),
    viewed: tuple[str, ...] = (),
    liked_brands: tuple[str, ...] = (),
) -> ReplyContext:
    """Our ``ReplyContext`` from a ``recommender.pipeline.schemas.ReplyContext``."""
    applied = pctx.constraints
    requested = getattr(pctx, "requested", applied)
    brands = tuple(dict.fromkeys(b for b in (requested.brand, *liked_brands) if b))
    profile = ProfileFacts(
        budget=requested.stated_budget[1],  # never a range derived from "cheap"
        brands=brands,
        category=applied.category or requested.category,
        purchased=purchased,
        viewed=viewed,
    )
    chosen = tuple(ChosenProduct(sp.product, sp.reason) for sp in pctx.products)
    message = user_message or " ".join(getattr(pctx, "keywords", ()))
    return ReplyContext(user_message=message, profile=profile, products=chosen)


class PipelineReplyWriter:
    """``ReplyWriter`` for the service: ``__call__(pipeline_context) -> str``.

    ``write`` also says which writer produced the text (``"generated"`` or ``"template"``).
    A generation that fails, is rejected by the verifier, or exceeds ``timeout_s`` yields the
    pipeline's deterministic reply; nothing here raises into the request. At most
    ``max_in_flight`` generations run at once; further turns get the template immediately.
    """

    def __init__(
        self,
        writer: GenerativeReplyWriter,
        fallback: Callable[[Any], str] | None = None,
        *,
        timeout_s: float | None = None,
        max_in_flight: int | None = None,
    ) -> None:
        self.writer = writer
        if fallback is None:
            from recommender.pipeline.reply import TemplateReplyWriter

            fallback = TemplateReplyWriter()
        self.fallback = fallback
        self.timeout_s = timeout_s
        self.max_in_flight = max_in_flight or max(1, writer.config.max_batch)
        self._pool = ThreadPoolExecutor(self.max_in_flight, thread_name_prefix="genrec-reply")
        self._slots = threading.BoundedSemaphore(self.max_in_flight)

    @classmethod
    def from_config(cls, config: GenerationConfig, catalog: Any = None) -> PipelineReplyWriter:
        """Load the configured model (see ``GenerativeReplyWriter.from_config``)."""
        writer = GenerativeReplyWriter.from_config(config, catalog=catalog)
        return cls(writer, timeout_s=config.timeout_ms / 1000.0)

    def __call__(self, context: Any, **extras: Any) -> str:
        """The reply text; extras: ``user_message``, ``purchased``, ``viewed``, ``liked_brands``."""
        return self.write(context, **extras)[0]

    def write(self, context: Any, **extras: Any) -> tuple[str, str]:
        """``(text, source)`` with source ``"generated"`` or ``"template"``."""
        if self.writer.generator is None or not context.products:
            return self.fallback(context), "template"
        if getattr(context, "relaxation", None) is not None:
            return self.fallback(context), "template"  # its notice explains what was relaxed
        if not self._slots.acquire(blocking=False):
            logger.warning("generation busy (%d in flight); template reply", self.max_in_flight)
            return self.fallback(context), "template"
        try:
            future = self._pool.submit(self.writer, from_pipeline_context(context, **extras))
        except RuntimeError:  # pool shut down
            self._slots.release()
            return self.fallback(context), "template"
        future.add_done_callback(lambda _: self._slots.release())
        try:
            reply = future.result(timeout=self.timeout_s)
        except FuturesTimeout:
            logger.warning("generation exceeded %s s; template reply", self.timeout_s)
            return self.fallback(context), "template"
        except Exception:  # any model error degrades to the template, never fails the turn
            logger.exception("generation failed; template reply")
            return self.fallback(context), "template"
        if reply.fallback_used:
            return self.fallback(context), "template"
        return reply.text, "generated"

    def warm_up(self, context: Any) -> None:
        """Generate once (prefix cache, lazy init) so the first turn is not slower."""
        self.writer(from_pipeline_context(context))

    def close(self) -> None:
        """Stop the worker threads (running generations finish in the background)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
