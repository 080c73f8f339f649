"""User profiles from behaviour events (soft preferences) and dialogue slots (stated ones).

Behaviour is summarized with exponential time decay: an event ``age`` seconds old weighs
``TYPE_WEIGHTS[type] * 0.5 ** (age / half_life)``, doubled when it belongs to the current
session. Categories and brands get the share of the decayed weight of the products the user
interacted with; the price band is the weighted 25th-75th percentile of those prices.
Slots are kept as they are: the service applies them as hard filters, the profile only
boosts (docs/PERSONALIZATION.md).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from recommender.data.catalog import Catalog, Product
from recommender.data.events import Event

TYPE_WEIGHTS: Mapping[str, float] = {
    "view": 1.0,
    "click": 2.0,
    "add_to_cart": 3.0,
    "purchase": 5.0,
}
FEEDBACK_UP_WEIGHT = 2.0
SESSION_BOOST = 2.0
RECENT_ITEMS = 10
VERBS: Mapping[str, str] = {
    "view": "viewed",
    "click": "clicked",
    "add_to_cart": "added to your cart",
    "purchase": "bought",
}
# affinity = share of the product's category + share of its brand + price-band fit
CATEGORY_SHARE, BRAND_SHARE, PRICE_SHARE = 0.45, 0.35, 0.20


@dataclass(frozen=True)
class RecentItem:
    """One product the user interacted with, newest first in :attr:`Profile.recent`."""

    product_id: str
    type: str
    ts: float
    session_id: str | None = None


@dataclass(frozen=True)
class Profile:
    """What the service knows about one user; cold start is ``Profile(user_id)``."""

    user_id: str
    n_events: int = 0
    categories: Mapping[str, float] = field(default_factory=dict)  # shares, sum 1
    brands: Mapping[str, float] = field(default_factory=dict)
    price_band: tuple[float, float, float] | None = None  # (low, typical, high)
    recent: tuple[RecentItem, ...] = ()  # distinct products, newest first, at most 10
    recent_all: tuple[RecentItem, ...] = ()  # every interaction, newest first
    disliked: frozenset[str] = frozenset()
    purchased: frozenset[str] = frozenset()
    slots: Mapping[str, Any] = field(default_factory=dict)
    session_id: str | None = None

    @property
    def has_behaviour(self) -> bool:
        """Whether any interaction shapes the profile (else: cold start)."""
        return bool(self.categories)

    def history_ids(self) -> list[str]:
        """Interacted product ids, oldest first (the ranker's input order)."""
        return [r.product_id for r in reversed(self.recent_all)]

    def price_fit(self, price: float) -> float:
        """1 inside the band, decaying with the log distance to it outside."""
        if self.price_band is None or price <= 0:
            return 0.0
        low, _typical, high = self.price_band
        if low <= price <= high:
            return 1.0
        edge = low if price < low else high
        return math.exp(-2.0 * abs(math.log(price / max(edge, 1e-6))))

    def affinity(self, product: Product) -> float:
        """Soft preference for ``product`` in 0..1; a thumbs-down product gets -1."""
        if product.id in self.disliked:
            return -1.0
        if not self.has_behaviour:
            return 0.0
        return (
            CATEGORY_SHARE * self.categories.get(product.category, 0.0)
            + BRAND_SHARE * self.brands.get(product.brand, 0.0)
            + PRICE_SHARE * self.price_fit(product.price)
        )

    def to_dict(self, catalog: Catalog | None = None) -> dict[str, Any]:
        """The ``GET /users/{id}/profile`` body."""

        def top(shares: Mapping[str, float]) -> list[dict[str, Any]]:
            ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
            return [{"name": k, "weight": round(v, 4)} for k, v in ordered]

        recent = []
        for r in self.recent:
            item: dict[str, Any] = {"product_id": r.product_id, "type": r.type, "ts": r.ts}
            if catalog is not None and r.product_id in catalog:
                item["title"] = catalog.get(r.product_id).title
            recent.append(item)
        band = None
        if self.price_band is not None:
            band = dict(zip(("low", "typical", "high"), self.price_band, strict=True))
        return {
            "user_id": self.user_id,
            "cold_start": not self.has_behaviour,
            "events": self.n_events,
            "categories": top(self.categories),
            "brands": top(self.brands),
            "price_band": band,
            "recent_items": recent,
            "disliked": sorted(self.disliked),
            "purchased": sorted(self.purchased),
            "session_id": self.session_id,
            "slots": dict(self.slots),
        }


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    order = np.argsort(values)
    v, w = values[order], weights[order]
    cum = np.cumsum(w) - 0.5 * w
    return float(np.interp(q * w.sum(), cum, v))


def build_profile(
    user_id: str,
    events: Sequence[Event],
    catalog: Catalog,
    *,
    half_life_days: float = 14.0,
    now: float | None = None,
    session_id: str | None = None,
    slots: Mapping[str, Any] | None = None,
) -> Profile:
    """Summarize a user's events (any order) and the current dialogue slots.

    Events of products no longer in the catalog are skipped; ``recommended`` events do not
    count as interest. Feedback "up" on a product counts like a click, "down" marks the
    product disliked (the service demotes it) and cancels its positive weight.
    """
    now = time.time() if now is None else now
    half_life = half_life_days * 86_400.0
    cats: dict[str, float] = {}
    brands: dict[str, float] = {}
    prices: list[float] = []
    price_w: list[float] = []
    recent: list[RecentItem] = []
    disliked: set[str] = set()
    for ev in sorted(events, key=lambda e: e.ts):
        if ev.product_id is None or ev.product_id not in catalog:
            continue
        if ev.type == "feedback":
            if ev.context.get("value") == "down":
                disliked.add(ev.product_id)
                continue
            disliked.discard(ev.product_id)
            base = FEEDBACK_UP_WEIGHT
        elif ev.type in TYPE_WEIGHTS:
            base = TYPE_WEIGHTS[ev.type]
            recent.append(RecentItem(ev.product_id, ev.type, ev.ts, ev.session_id))
        else:
            continue
        weight = base * 0.5 ** (max(0.0, now - ev.ts) / half_life)
        if session_id is not None and ev.session_id == session_id:
            weight *= SESSION_BOOST
        p = catalog.get(ev.product_id)
        cats[p.category] = cats.get(p.category, 0.0) + weight
        brands[p.brand] = brands.get(p.brand, 0.0) + weight
        if p.price > 0:
            prices.append(p.price)
            price_w.append(weight)
    total = sum(cats.values())
    band = None
    if prices and total > 0:
        v, w = np.asarray(prices), np.asarray(price_w)
        band = tuple(round(_weighted_quantile(v, w, q), 2) for q in (0.25, 0.5, 0.75))
    newest = tuple(reversed(recent))
    distinct: list[RecentItem] = []
    seen: set[str] = set()
    for r in newest:
        if r.product_id not in seen:
            seen.add(r.product_id)
            distinct.append(r)
    return Profile(
        user_id=user_id,
        n_events=len(events),
        categories={k: v / total for k, v in cats.items()} if total > 0 else {},
        brands={k: v / total for k, v in brands.items()} if total > 0 else {},
        price_band=band,  # type: ignore[arg-type]
        recent=tuple(distinct[:RECENT_ITEMS]),
        recent_all=newest,
        disliked=frozenset(disliked),
        purchased=frozenset(r.product_id for r in recent if r.type == "purchase"),
        slots=dict(slots or {}),
        session_id=session_id,
    )
