"""Paged, filtered catalog listing behind ``GET /products`` (the shop page's grid; docs/API.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from recommender.data.catalog import Catalog, Product
from recommender.errors import ValidationError

DEFAULT_LIMIT = 24
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
MAX_QUERY_CHARS = 200
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _int(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise ValidationError(name, "expected a non-negative integer")
    value = int(raw)
    if not low <= value <= high:
        raise ValidationError(name, f"must be between {low} and {high}")
    return value


def parse_listing_query(query: Mapping[str, str], catalog: Catalog) -> dict[str, Any]:
    """``q``, ``category``, ``limit`` and ``offset`` from a query string, validated.

    Raises:
        ValidationError: a parameter is malformed or out of range (``field`` names it).
    """
    q = query.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        raise ValidationError("q", f"must be at most {MAX_QUERY_CHARS} characters")
    category = query.get("category", "").strip() or None
    if category is not None and category not in catalog.categories:
        raise ValidationError("category", f"unknown category {category[:50]!r}")
    return {
        "q": q.strip(),
        "category": category,
        "limit": _int(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        "offset": _int(query, "offset", 0, 0, MAX_OFFSET),
    }


def matches(product: Product, words: Iterable[str]) -> bool:
    """True when every query word starts a word of the product's title, brand, category,
    tags or attribute values (``"son head"`` finds Sony headphones)."""
    text = " ".join(
        [
            product.title,
            product.brand,
            product.category,
            *product.tags,
            *product.attributes.values(),
        ]
    )
    have = _words(text)
    return all(any(h.startswith(w) for h in have) for w in words)


def list_products(
    catalog: Catalog, q: str, category: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """One page of catalog products (catalog order) matching ``q`` and ``category``."""
    words = _words(q)
    found = [
        p
        for p in catalog
        if (category is None or p.category == category) and (not words or matches(p, words))
    ]
    page = found[offset : offset + limit]
    return {
        "products": [p.to_dict() for p in page],
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "categories": list(catalog.categories),
    }
