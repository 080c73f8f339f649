"""JSON shapes the API returns: the ``/recommend`` body, product cards, stated slots."""

from __future__ import annotations

from typing import Any

from genrec_core import wire
from recommender.data.catalog import Product
from recommender.pipeline.schemas import Constraints, RelaxedSearch, ScoredProduct, Slots


def slots_dict(slots: Slots) -> dict[str, Any]:
    """The stated slots as JSON (what the profile shows as the current dialogue)."""
    out: dict[str, Any] = {
        k: getattr(slots, k)
        for k in ("category", "brand", "budget_min", "budget_max")
        if getattr(slots, k) is not None
    }
    if slots.attributes:
        out["attributes"] = dict(slots.attributes)
    if slots.any:
        out["any"] = sorted(slots.any)
    if slots.price_tier:
        out["price_tier"] = slots.price_tier
    return out


def product_card(product: Product, reason: str) -> dict[str, Any]:
    """The product object of ``/recommend`` and ``/products/popular`` responses."""
    return {
        "id": product.id,
        "title": product.title,
        "brand": product.brand,
        "category": product.category,
        "price": product.price,
        "currency": product.currency,
        "url": product.url,
        "image": product.image,
        "reason": reason,
    }


def recommend_response(
    reply: str,
    reply_source: str,
    products: tuple[ScoredProduct, ...],
    relaxation: RelaxedSearch | None,
    applied: Constraints,
    trace_id: str,
    *,
    preferences: wire.Preferences | None = None,
    understanding: wire.Understanding | None = None,
    question: wire.Question | None = None,
) -> dict[str, Any]:
    """The ``POST /recommend`` response body (shape: :class:`genrec_core.wire.RecommendResponse`)."""
    return wire.RecommendResponse(
        reply=reply,
        reply_source=reply_source,
        products=tuple(
            wire.ProductCard.from_dict(product_card(sp.product, sp.reason)) for sp in products
        ),
        preferences=preferences or wire.Preferences(),
        understanding=understanding or wire.Understanding(need="category"),
        question=question,
        relaxation=relaxation.to_wire() if relaxation else None,
        applied=applied.to_dict(),
        trace_id=trace_id,
    ).to_dict()
