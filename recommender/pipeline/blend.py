"""Personalized re-ranking of retrieved candidates and the reasons grounded in behaviour.

Every candidate already satisfies the hard filters; this module only reorders them:
``score = content_weight * cosine + sequential_weight * ranker + profile_weight * affinity
+ popularity_weight * popularity`` (config ``ranking``). The cosine is used as is (0..1 for
normalized embeddings), the ranker's scores are min-max scaled over the candidates, the
affinity comes from :class:`~recommender.pipeline.profiles.Profile` (0..1, -1 for a
thumbs-down) and popularity is ``log1p(count) / log1p(max count)`` of the event counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from recommender.config import RankingConfig
from recommender.data.catalog import Catalog, Product
from recommender.pipeline.profiles import VERBS, Profile
from recommender.pipeline.schemas import Candidate

PURCHASED_PENALTY = 100.0
# how strongly an interaction grounds "because you <verb> X" (purchase first)
TYPE_RANK = {"purchase": 4, "add_to_cart": 3, "click": 2, "view": 1}


class Ranker(Protocol):
    """What the blend needs from :class:`~recommender.models.ranking.SequentialRanker`."""

    version_: str

    def __call__(
        self,
        user_history: Sequence[str],
        candidate_ids: Sequence[str] | None = None,
        exclude_history: bool = True,
    ) -> list[tuple[str, float]]: ...


def _minmax(values: np.ndarray) -> np.ndarray:
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros_like(values)
    lo, hi = values[finite].min(), values[finite].max()
    out = np.zeros_like(values)
    if hi > lo:
        out[finite] = (values[finite] - lo) / (hi - lo)
    return out


def blend(
    candidates: Sequence[Candidate],
    profile: Profile,
    config: RankingConfig,
    *,
    ranker: Ranker | None = None,
    popularity: Mapping[str, float] | None = None,
    family: Callable[[str], str] | None = None,
) -> tuple[list[Candidate], dict[str, Any]] | None:
    """Candidates re-ordered by the blended score, with the signals used.

    Products the user bought (and, given ``family`` mapping a product id to its variant
    family, their colour/size variants) go last: shown only when nothing else fits.

    Returns ``None`` when there is nothing personal or behavioural to add (no history, no
    events, no thumbs-down): the caller keeps the retrieval order then.
    """
    n = len(candidates)
    ids = [c.product.id for c in candidates]
    history = profile.history_ids()[-200:]
    used: dict[str, Any] = {}
    score = config.content_weight * np.array([c.score for c in candidates], dtype=np.float64)
    if ranker is not None and history and config.sequential_weight > 0:
        ranked = dict(ranker(history, ids, exclude_history=False))
        seq = np.array([ranked.get(i, -math.inf) for i in ids], dtype=np.float64)
        score += config.sequential_weight * _minmax(seq)
        used["sequential"] = ranker.version_
    if profile.has_behaviour or profile.disliked:
        score += config.profile_weight * np.array([profile.affinity(c.product) for c in candidates])
        used["profile"] = True
    if profile.purchased:  # already bought: shown only when nothing else fits
        key = family or (lambda pid: pid)
        bought = {key(pid) for pid in profile.purchased}
        score -= PURCHASED_PENALTY * np.array([key(i) in bought for i in ids], dtype=np.float64)
    if popularity:
        top = max(popularity.values())
        if top > 0:
            pop = np.array([math.log1p(max(popularity.get(i, 0.0), 0.0)) for i in ids])
            score += config.popularity_weight * pop / math.log1p(top)
            used["popularity"] = True
    if not used:
        return None
    rounded = np.round(score, 6)
    order = sorted(range(n), key=lambda k: (-rounded[k], k))  # ties keep retrieval order
    return [candidates[k] for k in order], used


def diverse(
    candidates: Sequence[Candidate], family: Callable[[Candidate], str], limit: int
) -> list[Candidate]:
    """First ``limit`` candidates, one per variant family while possible (order kept)."""
    first: list[Candidate] = []
    rest: list[Candidate] = []
    seen: set[str] = set()
    for c in candidates:
        key = family(c)
        (rest if key in seen else first).append(c)
        seen.add(key)
    return (first + rest)[:limit]


def _because(kind: str, title: str) -> str:
    if kind == "add_to_cart":
        return f"because you added {title} to your cart"
    return f"because you {VERBS[kind]} {title}"


def personal_reason(
    product: Product,
    profile: Profile,
    catalog: Catalog,
    *,
    similarity: Callable[[str, str], float],
    co_users: Mapping[tuple[str, str], int],
) -> str | None:
    """Why this product fits this user's behaviour, or ``None``.

    In order: "because you bought X" / "because you added X to your cart" (X of the same
    brand), "popular with people who viewed Y" (other users interacted with both Y, from this
    user's history, and the product), "because you <verb> X" (X of the same brand; the
    strongest interaction, then the most similar product). A product of another brand is
    never explained by the user's own history alone.
    """
    # product_id -> (type rank, same brand, similarity, type, title)
    best: dict[str, tuple[int, bool, float, str, str]] = {}
    for item in profile.recent_all:
        pid = item.product_id
        if pid == product.id or pid not in catalog:
            continue
        other = catalog.get(pid)
        if other.category != product.category and other.brand != product.brand:
            continue
        key = (
            TYPE_RANK.get(item.type, 0),
            other.brand == product.brand,
            similarity(pid, product.id),
        )
        if pid not in best or key > best[pid][:3]:
            best[pid] = (*key, item.type, other.title)
    strong = [v for v in best.values() if v[0] >= TYPE_RANK["add_to_cart"]]
    if strong and max(strong, key=lambda v: v[:3])[1]:  # bought/carted the same brand
        *_, kind, title = max(strong, key=lambda v: v[:3])
        return _because(kind, title)
    shared = [(n, anchor) for (anchor, cand), n in co_users.items() if cand == product.id and n > 0]
    if shared:
        _count, anchor = max(shared)
        if anchor in catalog:
            return f"popular with people who viewed {catalog.get(anchor).title}"
    same_brand = [v for v in best.values() if v[1]]
    if same_brand:  # the strongest, then most similar, same-brand interaction
        *_, kind, title = max(same_brand, key=lambda v: v[:3])
        return _because(kind, title)
    return None
