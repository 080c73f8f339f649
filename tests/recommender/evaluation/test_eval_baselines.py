"""Popularity and item-kNN sanity on tiny data."""

from __future__ import annotations

import numpy as np

from recommender.evaluation.baselines import ItemKNN, ItemKNNConfig, Popularity, tune_itemknn


def test_popularity_counts_training_items() -> None:
    pop = Popularity().fit([np.array([0, 1]), np.array([1, 2]), np.array([1])], n_items=4)
    scores = pop([np.array([0]), np.array([])])
    assert scores.shape == (2, 4)
    assert scores[0].tolist() == [1.0, 3.0, 1.0, 0.0]
    assert (scores[0] == scores[1]).all()


def test_itemknn_recommends_co_occurring_items() -> None:
    # items 0 and 1 always go together, as do 2 and 3
    train = [np.array([0, 1]), np.array([0, 1]), np.array([2, 3]), np.array([2, 3, 4])]
    knn = ItemKNN(ItemKNNConfig(k=1)).fit(train, n_items=5)
    scores = knn([np.array([0]), np.array([3])])
    assert scores[0].argmax() == 1
    assert scores[1].argmax() == 2
    assert np.allclose(np.diag(knn.similarity_), 0.0)
    assert ((knn.similarity_ > 0).sum(axis=1) <= 1).all()  # k=1 neighbour per item


def test_tune_itemknn_picks_best_validation_k() -> None:
    rng = np.random.default_rng(0)
    train = [rng.choice(30, size=8, replace=False) for _ in range(40)]
    hist = train[:10]
    targets = np.array([int(rng.integers(30)) for _ in range(10)])
    model, scores = tune_itemknn(train, 30, hist, targets, ItemKNNConfig(k_grid=(2, 5, 50)))
    assert set(scores) == {2, 5, 50}
    assert scores[model.config.k] == max(scores.values())
