"""Baselines for the ranking benchmark: most-popular and item-kNN (cosine).

Both follow the component shape: typed config, ``fit(train_sequences, n_items)``, and
``__call__(histories) -> scores [batch, n_items]``. Learned state ends in ``_``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from recommender.evaluation.metrics import evaluate

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PopularityConfig:
    """Nothing to tune: items are scored by their training interaction count."""


class Popularity:
    """Scores every item by how many training interactions it has; same list for everyone."""

    def __init__(self, config: PopularityConfig | None = None) -> None:
        self.config = config or PopularityConfig()
        self.counts_: np.ndarray | None = None

    def fit(self, train: Sequence[np.ndarray], n_items: int) -> Popularity:
        seqs = [np.asarray(s, dtype=np.int64) for s in train]
        items = np.concatenate(seqs) if seqs else np.zeros(0, dtype=np.int64)
        self.counts_ = np.bincount(items, minlength=n_items).astype(np.float64)
        return self

    def __call__(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        assert self.counts_ is not None, "call fit() first"
        return np.tile(self.counts_, (len(histories), 1))


@dataclass(frozen=True)
class ItemKNNConfig:
    """Item-kNN: cosine similarity on the binary user-item matrix, top-``k`` neighbours kept.

    ``k_grid`` lists the neighbourhood sizes tried by :func:`tune_itemknn`.
    """

    k: int = 100
    k_grid: tuple[int, ...] = (10, 20, 50, 100, 200, 400)


class ItemKNN:
    """Score of item j for a user = sum over history items i of sim_k(i, j).

    ``sim_k(i, .)`` keeps the ``k`` largest cosine similarities of item i (self excluded).
    Dense item-item matrix: fine up to a few tens of thousands of items.
    """

    def __init__(self, config: ItemKNNConfig | None = None) -> None:
        self.config = config or ItemKNNConfig()
        self.similarity_: np.ndarray | None = None  # [n_items, n_items], row i -> neighbours of i
        self._full: np.ndarray | None = None

    def fit(self, train: Sequence[np.ndarray], n_items: int) -> ItemKNN:
        self._full = self._cosine(train, n_items)
        self.similarity_ = self._prune(self._full, self.config.k)
        return self

    def with_k(self, k: int) -> ItemKNN:
        """A copy pruned to ``k`` neighbours, reusing the full similarity matrix."""
        assert self._full is not None, "call fit() first"
        other = ItemKNN(ItemKNNConfig(k=k, k_grid=self.config.k_grid))
        other._full = self._full
        other.similarity_ = self._prune(self._full, k)
        return other

    @staticmethod
    def _cosine(train: Sequence[np.ndarray], n_items: int) -> np.ndarray:
        matrix = np.zeros((len(train), n_items), dtype=np.float32)  # binary user x item
        for u, seq in enumerate(train):
            matrix[u, np.asarray(seq, dtype=np.int64)] = 1.0
        co = matrix.T @ matrix  # [n_items, n_items] co-occurrence counts
        norms = np.sqrt(np.diag(co)).astype(np.float32)
        sim = co / np.maximum(np.outer(norms, norms), 1e-12)
        np.fill_diagonal(sim, 0.0)
        return sim

    @staticmethod
    def _prune(sim: np.ndarray, k: int) -> np.ndarray:
        n = sim.shape[0]
        if k >= n:
            return sim.copy()
        keep = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        pruned = np.zeros_like(sim)
        rows = np.arange(n)[:, None]
        pruned[rows, keep] = sim[rows, keep]
        return pruned

    def __call__(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        assert self.similarity_ is not None, "call fit() first"
        n = self.similarity_.shape[0]
        profile = np.zeros((len(histories), n), dtype=np.float32)
        for r, h in enumerate(histories):
            profile[r, np.asarray(h, dtype=np.int64)] = 1.0
        return profile @ self.similarity_


def tune_itemknn(
    train: Sequence[np.ndarray],
    n_items: int,
    valid_histories: Sequence[np.ndarray],
    valid_targets: np.ndarray,
    config: ItemKNNConfig | None = None,
) -> tuple[ItemKNN, dict[int, float]]:
    """Fit item-kNN and pick the neighbourhood size with the best validation NDCG@10."""
    config = config or ItemKNNConfig()
    base = ItemKNN(config).fit(train, n_items)
    scores: dict[int, float] = {}
    best: ItemKNN | None = None
    for k in config.k_grid:
        model = base.with_k(k)
        scores[k] = evaluate(model, valid_histories, valid_targets)["ndcg@10"]
        logger.info("item-kNN k=%d validation ndcg@10=%.4f", k, scores[k])
        if best is None or scores[k] > scores[best.config.k]:
            best = model
    assert best is not None, "k_grid must not be empty"
    return best, scores
