"""Deterministic popularity proxy used until behaviour events provide real popularity.

Heuristic: the shop lists its best products first, so within a category the catalog order
is the popularity order. Categories are interleaved round-robin (largest category first,
then by name) so a "popular" list is varied. Out-of-stock products rank last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import numpy as np

from recommender.data.catalog import Catalog, Product


class PopularityProxy:
    """Ranks the catalog by the heuristic above; ``__call__(limit)`` returns the top products."""

    def __init__(self, in_stock_only: bool = True) -> None:
        self.in_stock_only = in_stock_only

    def fit(self, catalog: Catalog) -> PopularityProxy:
        """Compute ``order_`` (rows, most popular first) and ``rank_`` (row -> rank)."""
        by_cat: dict[str, list[int]] = defaultdict(list)
        products = list(catalog)
        for row, p in enumerate(products):
            if p.in_stock:
                by_cat[p.category].append(row)
        queues = [by_cat[c] for c in sorted(by_cat, key=lambda c: (-len(by_cat[c]), c))]
        order: list[int] = []
        depth = 0
        while any(depth < len(q) for q in queues):
            order.extend(q[depth] for q in queues if depth < len(q))
            depth += 1
        order.extend(row for row, p in enumerate(products) if not p.in_stock)
        self.products_ = products
        self.order_ = np.asarray(order, dtype=np.int64)
        self.rank_ = np.empty(len(products), dtype=np.int64)
        self.rank_[self.order_] = np.arange(len(products))
        return self

    def __call__(self, limit: int, category: str | None = None) -> list[Product]:
        """The ``limit`` most popular products, optionally within one category."""
        out: list[Product] = []
        for row in self.order_:
            p = self.products_[int(row)]
            if self.in_stock_only and not p.in_stock:
                continue
            if category is not None and p.category != category:
                continue
            out.append(p)
            if len(out) >= limit:
                break
        return out


def popular_products(
    catalog: Catalog,
    proxy: PopularityProxy,
    counts: Mapping[str, float],
    limit: int,
    *,
    in_stock_only: bool,
) -> list[Product]:
    """Most interacted-with products (weighted event ``counts``), then the proxy's order for
    the rest (all of it before any events)."""
    rank = proxy.rank_
    rows = catalog.index_of
    by_events = sorted(
        (p for p in catalog if counts.get(p.id, 0.0) > 0),
        key=lambda p: (-counts[p.id], rank[rows(p.id)]),
    )
    if in_stock_only:
        by_events = [p for p in by_events if p.in_stock]
    picked = by_events[:limit]
    seen = {p.id for p in picked}
    for p in proxy(limit + len(seen)):
        if len(picked) >= limit:
            break
        if p.id not in seen:
            picked.append(p)
    return picked
