"""Replies and per-product reasons built only from catalog facts and the applied constraints.

:class:`ReplyWriter` is the one protocol between the pipeline and any reply writer: the
service calls ``write(context)`` and renders ``WrittenReply.text``. :class:`TemplateReplyWriter`
serves the deterministic reply (``recommender.models.generation.fallback``), the same text the
generative writer (``recommender.models.generation.pipeline_adapter.PipelineReplyWriter``)
falls back to and the benchmarks measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Protocol

from recommender.data.catalog import Product
from recommender.models.generation.context import from_pipeline_context
from recommender.models.generation.fallback import deterministic_reply
from recommender.pipeline.formatting import (
    attribute_phrase,
    category_label,
    format_budget,
    format_price,
)
from recommender.pipeline.schemas import Constraints, RelaxedSearch, ReplyContext

_WORD_RE = re.compile(r"[a-z0-9]+")

ReplySource = Literal["generated", "template"]


@dataclass(frozen=True)
class WrittenReply:
    """A turn's reply text and which writer produced it (``reply_source`` of the response)."""

    text: str
    source: ReplySource


class ReplyWriter(Protocol):
    """Writes the assistant's reply for one turn from a grounded context."""

    def write(self, context: ReplyContext) -> WrittenReply:
        """The reply; may only state facts present in ``context``. Never raises."""
        ...

    def warm_up(self, context: ReplyContext) -> None:
        """Run once before the first turn (lazy initialisation, caches)."""
        ...


def template_reply(context: ReplyContext) -> str:
    """The deterministic reply for a pipeline turn."""
    return deterministic_reply(from_pipeline_context(context))


MIN_KEYWORD_CHARS = 3  # "wh" of "WH-CH520" is no reason to quote back


def _words(text: str) -> set[str]:
    words = set(_WORD_RE.findall(text.lower()))
    return words | {w[:-1] for w in words if len(w) > 3 and w.endswith("s")}


def product_reason(
    product: Product,
    applied: Constraints,
    *,
    requested: Constraints | None = None,
    relaxation: RelaxedSearch | None = None,
    keywords: tuple[str, ...] = (),
    currency: str = "USD",
) -> str:
    """Why this product was picked, grounded in its catalog data.

    Examples: ``"Sony, as you asked; wireless, as requested; matches your $100 budget"``,
    ``"closest match to 'noise cancelling'"``, ``"$34.99, the closest price to your $30 budget"``.
    """
    requested = requested or applied
    relaxed = set(relaxation.relaxed) if relaxation else set()
    parts: list[str] = []
    if applied.brand is not None and "brand" not in relaxed:
        parts.append(f"{product.brand}, as you asked")
    attrs = [attribute_phrase(k, v) for k, v in sorted(applied.attributes.items())]
    if attrs:
        parts.append(" and ".join(attrs) + ", as requested")
    lo, hi = requested.stated_budget
    price = format_price(product.price, product.currency)
    if requested.price_tier is not None and not relaxed & {"budget_min", "budget_max"}:
        tier_word = "affordable" if requested.price_tier == "low" else "premium"
        parts.append(f"{tier_word} for {category_label(product.category)}")
    if lo is not None and hi is not None:
        wanted = f"{format_budget(lo, currency)}-{format_budget(hi, currency)} range"
    elif hi is not None:
        wanted = f"{format_budget(hi, currency)} budget"
    else:
        wanted = f"{format_budget(lo or 0.0, currency)} minimum"
    if relaxed & {"budget_min", "budget_max"}:
        parts.append(f"{price}, the closest price to your {wanted}")
    elif lo is not None and hi is not None:
        parts.append(f"within your {wanted}")
    elif hi is not None:
        parts.append(f"matches your {format_budget(hi, currency)} budget")
    elif lo is not None:
        parts.append(f"above your {format_budget(lo, currency)} minimum")
    product_words = _words(product.search_text())
    matched = [
        k
        for k in keywords
        if len(k) >= MIN_KEYWORD_CHARS and (k in product_words or k.rstrip("s") in product_words)
    ]
    if matched:
        parts.append("closest match to '" + " ".join(matched[:4]) + "'")
    if not parts:
        parts.append(f"popular in {category_label(product.category)}")
    return "; ".join(parts)


class TemplateReplyWriter:
    """Deterministic reply: a heading sentence and one line per product (title, brand, price)."""

    def write(self, context: ReplyContext) -> WrittenReply:
        """Every name and price comes from the products in ``context``."""
        return WrittenReply(template_reply(context), "template")

    def warm_up(self, context: ReplyContext) -> None:
        """Nothing to warm up."""
