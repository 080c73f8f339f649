"""Metric values on hand-computed cases, and history masking."""

from __future__ import annotations

import math

import numpy as np

from recommender.evaluation.metrics import (
    evaluate,
    mask_history,
    metrics_from_ranks,
    target_ranks,
)


def test_metrics_from_ranks_by_hand() -> None:
    # ranks 0, 2, 9, 10 (0-based): hits for the first three
    got = metrics_from_ranks(np.array([0, 2, 9, 10]))
    assert math.isclose(got["recall@10"], 3 / 4)
    assert math.isclose(got["ndcg@10"], (1 + 1 / math.log2(4) + 1 / math.log2(11)) / 4)
    assert math.isclose(got["mrr@10"], (1 + 1 / 3 + 1 / 10) / 4)


def test_ties_count_against_the_target() -> None:
    scores = np.array([[1.0, 1.0, 1.0, 0.0], [3.0, 2.0, 1.0, 0.0]])
    assert target_ranks(scores, np.array([1, 2])).tolist() == [2, 2]


def test_masked_target_ranks_last() -> None:
    scores = np.array([[5.0, 1.0, 0.0]])
    mask_history(scores, [np.array([0])])
    assert scores[0, 0] == -np.inf
    assert target_ranks(scores, np.array([1])).tolist() == [0]
    assert target_ranks(scores, np.array([0])).tolist() == [2]


def test_history_items_are_not_ranked() -> None:
    # every user's best-scored items are the ones in their history: masking must skip them
    def score_fn(histories):
        out = np.tile(np.arange(6, 0, -1, dtype=float), (len(histories), 1))  # item 0 best
        return out

    histories = [np.array([0, 1]), np.array([0])]
    targets = np.array([2, 1])
    got = evaluate(score_fn, histories, targets)
    assert got["recall@10"] == 1.0
    assert math.isclose(got["mrr@10"], 1.0)  # both targets rank first once history is masked
    unmasked = target_ranks(score_fn(histories), targets)
    assert unmasked.tolist() == [2, 1]
