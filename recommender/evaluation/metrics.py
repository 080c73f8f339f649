"""Full-ranking metrics with history masking: Recall@k, NDCG@k, MRR@k.

This module depends on numpy only, so the RecBole benchmark process (another venv) loads the
very same file to score its model: one protocol for every model.

Protocol: every item is ranked; items in the user's history before the target are not ranked
(their score is set to -inf); the target's rank counts every other item whose score is greater
than or *equal* to the target's (ties count against the target, so constant scores get no
credit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

K = 10
METRIC_NAMES = ("recall@10", "ndcg@10", "mrr@10")

ScoreFn = Callable[[Sequence[np.ndarray]], np.ndarray]
"""Scores a batch of histories: ``histories -> [batch, n_items]`` float array."""


def mask_history(scores: np.ndarray, histories: Sequence[np.ndarray]) -> np.ndarray:
    """Set the score of each user's history items to -inf, in place; returns ``scores``."""
    assert scores.ndim == 2 and len(histories) == scores.shape[0], "one history per score row"
    if not histories:
        return scores
    rows = np.concatenate([np.full(len(h), r, dtype=np.int64) for r, h in enumerate(histories)])
    cols = np.concatenate([np.asarray(h, dtype=np.int64) for h in histories])
    if len(rows):
        scores[rows, cols] = -np.inf
    return scores


def target_ranks(scores: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """0-based rank of each target: how many *other* items score at least as high.

    A target whose own score is -inf (masked) or NaN ranks last.
    """
    assert scores.ndim == 2 and scores.shape[0] == len(targets), "one target per score row"
    rows = np.arange(len(targets))
    target_scores = scores[rows, targets][:, None]
    at_least = (scores >= target_scores).sum(axis=1) - 1  # minus the target itself
    ranks = at_least.astype(np.int64)
    bad = ~np.isfinite(target_scores[:, 0])
    ranks[bad] = scores.shape[1] - 1
    return ranks


def metrics_from_ranks(ranks: np.ndarray, k: int = K) -> dict[str, float]:
    """Recall@k, NDCG@k and MRR@k of one held-out item per user, from 0-based ranks."""
    ranks = np.asarray(ranks)
    if len(ranks) == 0:
        return {f"recall@{k}": 0.0, f"ndcg@{k}": 0.0, f"mrr@{k}": 0.0}
    hit = ranks < k
    ndcg = np.where(hit, 1.0 / np.log2(ranks + 2.0), 0.0)
    mrr = np.where(hit, 1.0 / (ranks + 1.0), 0.0)
    return {
        f"recall@{k}": float(hit.mean()),
        f"ndcg@{k}": float(ndcg.mean()),
        f"mrr@{k}": float(mrr.mean()),
    }


def rank_targets(
    score_fn: ScoreFn,
    histories: Sequence[np.ndarray],
    targets: np.ndarray,
    batch_size: int = 256,
) -> np.ndarray:
    """Ranks of ``targets`` under ``score_fn``, with each history masked, batch by batch."""
    ranks = []
    for start in range(0, len(histories), batch_size):
        batch = list(histories[start : start + batch_size])
        scores = np.array(score_fn(batch), dtype=np.float64, copy=True)
        mask_history(scores, batch)
        ranks.append(target_ranks(scores, np.asarray(targets[start : start + batch_size])))
    return np.concatenate(ranks) if ranks else np.zeros(0, dtype=np.int64)


def evaluate(
    score_fn: ScoreFn,
    histories: Sequence[np.ndarray],
    targets: np.ndarray,
    k: int = K,
    batch_size: int = 256,
) -> dict[str, float]:
    """Recall/NDCG/MRR@k of ``score_fn`` on (history -> target) cases, full ranking, masked."""
    return metrics_from_ranks(rank_targets(score_fn, histories, targets, batch_size), k)
