"""JSON shapes the API returns: the ``/recommend`` body, product cards, stated slots."""

from __future__ import annotations

from typing import Any

from recommender.data.catalog import Product
from recommender.pipeline.schemas import Constraints, Relaxation, ScoredProduct, Slots


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
    relaxation: Relaxation | None,
    applied: Constraints,
    trace_id: str,
) -> dict[str, Any]:
    """The ``POST /recommend`` response body."""
    return {
        "reply": reply,
        "reply_source": reply_source,
        "products": [product_card(sp.product, sp.reason) for sp in products],
        "relaxation": relaxation.to_dict() if relaxation else None,
        "applied": applied.to_dict(),
        "trace_id": trace_id,
    }
