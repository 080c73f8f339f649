"""The ranking component: fit, serve, save/load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from recommender.evaluation.data import Interactions
from recommender.models.ranking import RankerConfig, SequentialRanker
from recommender.models.ranking.ranker import training_windows

TINY = RankerConfig(
    max_len=8,
    d_model=16,
    d_ff=32,
    dropout=0.1,
    emb_dropout=0.1,
    lr=1e-2,
    weight_decay=0.0,
    batch_size=16,
    max_epochs=10,
    patience=10,
    budget_s=20,
)


def _cyclic_log(n_users: int = 30, n_items: int = 40, length: int = 10) -> Interactions:
    """Each user walks the items in order from a random start: next item = item + 1."""
    rng = np.random.default_rng(0)
    rows = []
    for u in range(n_users):
        start = int(rng.integers(n_items))
        for t in range(length):
            rows.append((f"u{u}", f"item{(start + t) % n_items:02d}", float(t), None))
    return Interactions.from_records(rows)


def test_training_windows_cover_every_target_once() -> None:
    seq = np.arange(1, 13)  # 12 items, max_len 5 -> targets 2..12 once each
    windows = training_windows([seq, np.array([7])], max_len=5)
    targets = np.concatenate([w[1:] for w in windows])
    assert sorted(targets.tolist()) == list(range(2, 13))
    assert all(len(w) <= 6 for w in windows)


@pytest.fixture(scope="module")
def fitted() -> SequentialRanker:
    return SequentialRanker(TINY).fit(_cyclic_log())


@pytest.mark.slow
def test_fit_learns_and_serves(fitted: SequentialRanker) -> None:
    assert fitted.result_ is not None and fitted.result_.best_score > 0.5
    ranked = fitted(["item03", "item04", "item05"])
    assert ranked[0][0] == "item06"
    assert len(ranked) == 37  # history left out
    assert len(fitted(["item03"], exclude_history=False)) == 40
    some = fitted(["item03", "item04"], candidate_ids=["item09", "item05", "unknown"])
    assert next(i for i, _ in some) == "item05"
    assert some[-1] == ("unknown", float("-inf"))
    assert len(fitted([])) == 40  # empty history still ranks


@pytest.mark.slow
def test_save_load_round_trip(fitted: SequentialRanker, tmp_path: Path) -> None:
    out = fitted.save(tmp_path / "ranker")
    assert {p.name for p in out.iterdir()} == {
        "weights.pt",
        "config.json",
        "items.json",
        "meta.json",
    }
    loaded = SequentialRanker.load(out)
    assert loaded.version_ == fitted.version_ and loaded.version_.startswith("sasrec-")
    assert loaded.metrics_["valid_ndcg@10"] == fitted.metrics_["valid_ndcg@10"]
    history = [np.array([1, 2, 3]), np.array([5])]
    assert np.array_equal(loaded.score_histories(history), fitted.score_histories(history))
    assert loaded(["item01", "item02"]) == fitted(["item01", "item02"])


@pytest.mark.slow
def test_load_refuses_other_format(fitted: SequentialRanker, tmp_path: Path) -> None:
    out = fitted.save(tmp_path / "ranker")
    meta = out / "meta.json"
    meta.write_text(meta.read_text().replace('"format_version": 1', '"format_version": 99'))
    with pytest.raises(ValueError, match="format"):
        SequentialRanker.load(out)
