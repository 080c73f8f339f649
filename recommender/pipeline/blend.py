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
) -> tuple[list[Candidate], dict[str, Any]] | None:
    """Candidates re-ordered by the blended score, with the signals used.

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

    In order: "because you bought/added to your cart X" (a similar product: same category or
    brand, highest embedding similarity), "popular with people who viewed Y" (other users
    interacted with both Y, from this user's history, and the product), "because you
    viewed/clicked X".
    """
    best: dict[str, tuple[int, float, str, str]] = {}  # product_id -> (rank, sim, type, title)
    for item in profile.recent_all:
        pid = item.product_id
        if pid == product.id or pid not in catalog:
            continue
        other = catalog.get(pid)
        if other.category != product.category and other.brand != product.brand:
            continue
        key = (TYPE_RANK.get(item.type, 0), similarity(pid, product.id))
        if pid not in best or key > best[pid][:2]:
            best[pid] = (*key, item.type, other.title)
    strong = [v for v in best.values() if v[0] >= TYPE_RANK["add_to_cart"]]
    if strong:
        _, _, kind, title = max(strong, key=lambda v: (v[0], v[1]))
        return _because(kind, title)
    shared = [(n, anchor) for (anchor, cand), n in co_users.items() if cand == product.id and n > 0]
    if shared:
        _count, anchor = max(shared)
        if anchor in catalog:
            return f"popular with people who viewed {catalog.get(anchor).title}"
    if best:
        _, _, kind, title = max(best.values(), key=lambda v: (v[0], v[1]))
        return _because(kind, title)
    return None
