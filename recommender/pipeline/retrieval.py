"""Candidate retrieval: hard filters as numpy masks, then cosine similarity to the user's words.

Every candidate returned by :class:`Retriever` satisfies every constraint of the query. When
none does, :meth:`Retriever.relax` finds the closest loosening, in this order (first that
yields products wins; a level is tried alone before being combined with earlier ones):

1. attributes, one at a time (sorted by name, those the shopper just said last), then all
   attributes;
2. brand;
3. budget: widened to the nearest product price, plus ``retrieval.relax_band`` (20%) beyond
   it so similarly priced alternatives come along;
4. category.

Stock and ``exclude_ids`` are never relaxed. With ``retrieval.collapse_variants`` the top
results show one product per variant family (same title but for a colour or size) before
repeating a family.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np

from recommender.config import RetrievalConfig
from recommender.data.catalog import Catalog, Product
from recommender.pipeline.formatting import budget_phrase, category_label, describe, format_price
from recommender.pipeline.schemas import (
    Candidate,
    Constraints,
    RelaxedSearch,
    RetrievalQuery,
    attribute_matches,
)

LEVELS = ("attributes", "brand", "budget", "category")


class Encoder(Protocol):
    """What retrieval needs from a text encoder (the real one or a test double)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalized float32 embeddings, one row per text."""
        ...


def variant_family(product: Product) -> str:
    """Products that differ only in attribute values written in the title (colour, size...)
    share a family: "Osprey Talon 22, Black" and "Osprey Talon 22, Blue" -> "osprey talon 22"."""
    values = {v.casefold().strip() for v in product.attributes.values()}
    segments = [seg.strip() for seg in product.title.casefold().split(",")]
    kept = [seg for seg in segments if seg and seg not in values]
    return f"{product.brand.casefold()}|{', '.join(kept)}"


def _level(name: str) -> int:
    return LEVELS.index(
        name.split(".")[0].replace("budget_min", "budget").replace("budget_max", "budget")
    )


class Retriever:
    """Hard-filtered embedding retrieval over one catalog."""

    def __init__(self, config: RetrievalConfig | None = None) -> None:
        self.config = config or RetrievalConfig()

    def fit(
        self,
        catalog: Catalog,
        encoder: Encoder,
        *,
        embeddings: np.ndarray | None = None,
        rank: np.ndarray | None = None,
    ) -> Retriever:
        """Index ``catalog``: filter columns, product embeddings and the tie-break rank.

        Args:
            catalog: products, in the row order of ``embeddings``.
            encoder: encodes queries (and products when ``embeddings`` is None).
            embeddings: precomputed (n, d) product embeddings, e.g. from the disk cache.
            rank: popularity rank per row (lower = more popular); defaults to catalog order.
        """
        products = list(catalog)
        n = len(products)
        if embeddings is None:
            embeddings = (
                encoder.encode([p.search_text() for p in products]) if n else np.zeros((0, 1))
            )
        assert embeddings.shape[0] == n, f"{embeddings.shape[0]} embeddings for {n} products"
        self.encoder_ = encoder
        self.products_: list[Product] = products
        self.embeddings_ = np.asarray(embeddings, dtype=np.float32)  # (n, d)
        self.prices_ = np.array([p.price for p in products], dtype=np.float64)
        self.in_stock_ = np.array([p.in_stock for p in products], dtype=bool)
        self.categories_ = np.array([p.category for p in products], dtype=object)
        self.brands_ = np.array([p.brand.casefold() for p in products], dtype=object)
        self.ids_ = np.array([p.id for p in products], dtype=object)
        names = sorted({k for p in products for k in p.attributes})
        self.attributes_ = {k: [p.attributes.get(k) for p in products] for k in names}
        self.rank_ = (
            np.arange(n, dtype=np.int64) if rank is None else np.asarray(rank, dtype=np.int64)
        )
        self.row_of_ = {p.id: i for i, p in enumerate(products)}
        self.families_ = [variant_family(p) for p in products]
        currencies = Counter(p.currency for p in products)
        self.currency_ = currencies.most_common(1)[0][0] if currencies else "USD"
        return self

    # -- filters -----------------------------------------------------------------------------
    def mask(
        self, constraints: Constraints, exclude_ids: frozenset[str] = frozenset()
    ) -> np.ndarray:
        """Boolean row mask of products satisfying every constraint, in stock and not excluded."""
        c = constraints
        m = np.ones(len(self.products_), dtype=bool)
        if self.config.in_stock_only:
            m &= self.in_stock_
        if c.category is not None:
            m &= self.categories_ == c.category
        if c.brand is not None:
            m &= self.brands_ == c.brand.casefold()
        if c.budget_min is not None:
            m &= self.prices_ >= c.budget_min
        if c.budget_max is not None:
            m &= self.prices_ <= c.budget_max
        for name, value in c.attributes.items():
            column = self.attributes_.get(name)
            if column is None:
                return np.zeros_like(m)
            m &= np.fromiter(
                (v is not None and attribute_matches(v, value) for v in column), bool, len(column)
            )
        for pid in exclude_ids:
            row = self.row_of_.get(pid)
            if row is not None:
                m[row] = False
        return m

    def products_matching(
        self, constraints: Constraints, exclude_ids: frozenset[str] = frozenset()
    ) -> list[Product]:
        """Every product satisfying ``constraints`` (in stock, not excluded), catalog order."""
        return [self.products_[i] for i in np.flatnonzero(self.mask(constraints, exclude_ids))]

    # -- ranking -----------------------------------------------------------------------------
    def __call__(self, query: RetrievalQuery) -> list[Candidate]:
        """Top ``query.limit`` products satisfying ``query.constraints``, best first.

        Order: cosine similarity to ``query.text`` (rounded to 1e-6 so float noise cannot
        reorder), then popularity rank, then product id. Empty text ranks by popularity.
        """
        rows = np.flatnonzero(self.mask(query.constraints, query.exclude_ids))
        if rows.size == 0 or query.limit <= 0:
            return []
        if query.text.strip() and self.embeddings_.shape[1] > 0:
            q = self.encoder_.encode([query.text])[0].astype(np.float32)  # (d,)
            scores = self.embeddings_[rows] @ q  # (k,)
        else:
            scores = np.zeros(rows.size, dtype=np.float32)
        rounded = np.round(scores.astype(np.float64), 6)
        order = np.lexsort((self.ids_[rows].astype(str), self.rank_[rows], -rounded))
        top = (
            self._diverse(rows, order, query.limit)
            if self.config.collapse_variants
            else order[: query.limit]
        )
        return [
            Candidate(product=self.products_[rows[i]], score=float(scores[i]), row=int(rows[i]))
            for i in top
        ]

    def _diverse(self, rows: np.ndarray, order: np.ndarray, limit: int) -> list[int]:
        """First ``limit`` of ``order``, one product per variant family while possible."""
        first: list[int] = []
        rest: list[int] = []
        seen: set[str] = set()
        for i in order:
            family = self.families_[rows[i]]
            (rest if family in seen else first).append(int(i))
            seen.add(family)
            if len(first) >= limit:
                break
        return (first + rest)[:limit]

    # -- relaxation --------------------------------------------------------------------------
    def relax(
        self, query: RetrievalQuery, keep: frozenset[str] = frozenset()
    ) -> RelaxedSearch | None:
        """Closest loosening of ``query.constraints`` that yields products; None if none is needed.

        Attributes named in ``keep`` (just said by the shopper) are dropped after the others,
        so an answer is not the first thing given up for a value said earlier.
        When even dropping everything yields nothing (all products excluded or out of stock),
        returns a relaxation with ``constraint="exclude_ids"`` and no usable products.
        """
        c, excl = query.constraints, query.exclude_ids
        if self.mask(c, excl).any():
            return None
        for step in self._steps(c, keep):
            relaxed = self._apply(c, step, excl, query.limit)
            if relaxed is not None and self.mask(relaxed, excl).any():
                return self._explain(c, relaxed, step, excl)
        return RelaxedSearch(
            constraint="exclude_ids",
            relaxed=("exclude_ids",),
            message="there are no more products to show",
            constraints=Constraints(),
        )

    def relaxed_search(
        self, query: RetrievalQuery, keep: frozenset[str] = frozenset()
    ) -> tuple[RelaxedSearch, list[Candidate]] | None:
        """:meth:`relax` and the products of its loosened constraints; None when nothing
        needed loosening or nothing is left to show."""
        relaxation = self.relax(query, keep)
        if relaxation is None or relaxation.constraint == "exclude_ids":
            return None
        return relaxation, self(replace(query, constraints=relaxation.constraints))

    def _steps(self, c: Constraints, keep: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
        steps: list[tuple[str, ...]] = []
        done: list[str] = []
        attrs = sorted(c.attributes, key=lambda a: (a in keep, a))
        steps.extend((f"attributes.{a}",) for a in attrs)
        if attrs:
            if len(attrs) > 1:
                steps.append(("attributes",))
            done.append("attributes")
        present = {
            "brand": c.brand is not None,
            "budget": c.budget_min is not None or c.budget_max is not None,
            "category": c.category is not None,
        }
        for name in ("brand", "budget", "category"):
            if not present[name]:
                continue
            steps.append((name,))
            if done:
                steps.append((*done, name))
            done.append(name)
        return steps

    def _apply(
        self, c: Constraints, step: tuple[str, ...], excl: frozenset[str], limit: int
    ) -> Constraints | None:
        drops = [s for s in step if s != "budget"]
        relaxed = c.without(*drops)
        if "budget" not in step:
            return relaxed
        base = relaxed.without("budget_min", "budget_max")
        prices = self.prices_[self.mask(base, excl)]
        if prices.size == 0:
            return None
        lo, hi = c.budget_min, c.budget_max
        below = lo - prices if lo is not None else np.zeros_like(prices)
        above = prices - hi if hi is not None else np.zeros_like(prices)
        dist = np.maximum(np.maximum(below, above), 0.0)
        nearest = float(prices[np.lexsort((prices, dist))][0])
        band = self.config.relax_band
        new_lo, new_hi = lo, hi
        if hi is not None and nearest > hi:
            new_hi = math.ceil(nearest * (1 + band) * 100) / 100
        elif lo is not None and nearest < lo:
            new_lo = math.floor(nearest * (1 - band) * 100) / 100
        return replace(relaxed, budget_min=new_lo, budget_max=new_hi)

    def _explain(
        self, c: Constraints, relaxed: Constraints, step: tuple[str, ...], excl: frozenset[str]
    ) -> RelaxedSearch:
        names: list[str] = []
        for s in step:
            if s == "budget":
                if relaxed.budget_min != c.budget_min:
                    names.append("budget_min")
                if relaxed.budget_max != c.budget_max:
                    names.append("budget_max")
            elif s == "attributes":
                names.extend(f"attributes.{a}" for a in sorted(c.attributes))
            else:
                names.append(s)
        names.sort(key=lambda n: (_level(n), n))
        cur = self.currency_
        showing: list[str] = []
        if any(n.startswith("attributes.") for n in names):
            dropped = [n.split(".", 1)[1] for n in names if n.startswith("attributes.")]
            showing.append(
                "other " + " and ".join(dropped) + " options"
                if len(dropped) < 3
                else "other options"
            )
        if "brand" in names:
            showing.append("other brands")
        if "category" in names:
            showing.append("other categories")
        if (
            c.category is not None
            and c.category not in set(self.categories_)
            and "category" in names
        ):
            head = f"we don't carry {category_label(c.category)}"
        elif any(n.startswith("budget") for n in names) and len(names) <= 2 and not showing:
            head = f"nothing {budget_phrase(c, cur)} in {describe(c, cur, with_budget=False)}"
        else:
            head = f"no {describe(c, cur)}"
        parts = [head]
        if showing:
            parts.append("showing " + ", ".join(showing))
        if any(n.startswith("budget") for n in names):
            prices = self.prices_[self.mask(relaxed.without("budget_min", "budget_max"), excl)]
            lo, hi = c.budget_min, c.budget_max
            if lo is not None and hi is not None:
                dist = np.maximum(lo - prices, prices - hi)
                closest = float(prices[np.lexsort((prices, dist))][0])
                parts.append(f"the closest price is {format_price(closest, cur)}")
            elif hi is not None:
                parts.append(f"the cheapest is {format_price(float(prices.min()), cur)}")
            else:
                parts.append(f"the most expensive is {format_price(float(prices.max()), cur)}")
        return RelaxedSearch(
            constraint=names[-1],
            relaxed=tuple(names),
            message="; ".join(parts),
            constraints=relaxed,
        )
