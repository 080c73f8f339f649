"""The generative writer behind the pipeline's ``ReplyWriter`` protocol.

The pipeline's ``ReplyContext`` (``recommender.pipeline.schemas``) carries the products,
their reasons, the constraints, the user's message and behaviour history; it is converted
once (``context.from_pipeline_context``). A rejected generation gives the deterministic reply
(``fallback.deterministic_reply``), the same text the template writer serves.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from typing import Any

from recommender.config import GenerationConfig
from recommender.models.generation.context import from_pipeline_context
from recommender.models.generation.fallback import deterministic_reply
from recommender.models.generation.writer import GenerativeReplyWriter
from recommender.pipeline.reply import WrittenReply
from recommender.pipeline.schemas import ReplyContext

logger = logging.getLogger(__name__)


class PipelineReplyWriter:
    """``ReplyWriter`` for the service: ``write(context) -> WrittenReply``.

    A generation that fails, is rejected by the verifier, or exceeds ``timeout_s`` yields the
    deterministic reply with source ``"template"``; nothing here raises into the request. At
    most ``max_in_flight`` generations run at once; further turns get the template at once.
    """

    def __init__(
        self,
        writer: GenerativeReplyWriter,
        *,
        timeout_s: float | None = None,
        max_in_flight: int | None = None,
    ) -> None:
        self.writer = writer
        self.timeout_s = timeout_s
        self.max_in_flight = max_in_flight or max(1, writer.config.max_batch)
        self._pool = ThreadPoolExecutor(self.max_in_flight, thread_name_prefix="genrec-reply")
        self._slots = threading.BoundedSemaphore(self.max_in_flight)

    @classmethod
    def from_config(cls, config: GenerationConfig, catalog: Any = None) -> PipelineReplyWriter:
        """Load the configured model (see ``GenerativeReplyWriter.from_config``)."""
        writer = GenerativeReplyWriter.from_config(config, catalog=catalog)
        return cls(writer, timeout_s=config.timeout_ms / 1000.0)

    def write(self, context: ReplyContext) -> WrittenReply:
        """The generated reply, or the deterministic one (source ``"template"``)."""
        ctx = from_pipeline_context(context)
        if self.writer.generator is None or not ctx.products:
            return WrittenReply(deterministic_reply(ctx), "template")
        if not self._slots.acquire(blocking=False):
            logger.warning("generation busy (%d in flight); template reply", self.max_in_flight)
            return WrittenReply(deterministic_reply(ctx), "template")
        try:
            future = self._pool.submit(self.writer, ctx)
        except RuntimeError:  # pool shut down
            self._slots.release()
            return WrittenReply(deterministic_reply(ctx), "template")
        future.add_done_callback(lambda _: self._slots.release())
        try:
            reply = future.result(timeout=self.timeout_s)
        except FuturesTimeout:
            logger.warning("generation exceeded %s s; template reply", self.timeout_s)
            return WrittenReply(deterministic_reply(ctx), "template")
        except Exception:  # any model error degrades to the template, never fails the turn
            logger.exception("generation failed; template reply")
            return WrittenReply(deterministic_reply(ctx), "template")
        return WrittenReply(reply.text, "template" if reply.fallback_used else "generated")

    def warm_up(self, context: ReplyContext) -> None:
        """Generate once (prefix cache, lazy init) so the first turn is not slower."""
        self.writer(from_pipeline_context(context))

    def close(self) -> None:
        """Stop the worker threads (running generations finish in the background)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
