"""Plugs the generative writer behind the pipeline's ``ReplyWriter`` protocol.

The pipeline's ``ReplyContext`` (``recommender.pipeline.schemas``) carries the products, their
reasons and the applied constraints; the user's message and behaviour history are optional
extras here until the service passes them. The pipeline's own deterministic writer is the
fallback, so a rejected generation degrades to exactly today's reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

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
        budget=requested.budget_max,
        brands=brands,
        category=applied.category or requested.category,
        purchased=purchased,
        viewed=viewed,
    )
    chosen = tuple(ChosenProduct(sp.product, sp.reason) for sp in pctx.products)
    message = user_message or " ".join(getattr(pctx, "keywords", ()))
    return ReplyContext(user_message=message, profile=profile, products=chosen)


class PipelineReplyWriter:
    """``ReplyWriter`` for the service: ``__call__(pipeline_context) -> str``."""

    def __init__(
        self, writer: GenerativeReplyWriter, fallback: Callable[[Any], str] | None = None
    ) -> None:
        self.writer = writer
        if fallback is None:
            from recommender.pipeline.reply import TemplateReplyWriter

            fallback = TemplateReplyWriter()
        self.fallback = fallback

    def __call__(self, context: Any, **extras: Any) -> str:
        """The reply text; extras: ``user_message``, ``purchased``, ``viewed``, ``liked_brands``."""
        if getattr(context, "relaxation", None) is not None:
            return self.fallback(context)  # its notice explains what was relaxed
        reply = self.writer(from_pipeline_context(context, **extras))
        if reply.fallback_used:
            return self.fallback(context)
        return reply.text
