"""The SASRec-style model and its trainer on tiny synthetic sequences."""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch

from recommender.models.ranking.model import SASRec, SASRecConfig
from recommender.models.ranking.trainer import Trainer, TrainerConfig

N_ITEMS = 20


def _successor_sequences(n: int, length: int, seed: int = 0) -> torch.Tensor:
    """Sequences where the next item is always item + 1 (wrapping), items 1..N_ITEMS."""
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, N_ITEMS, size=n)
    seqs = (starts[:, None] + np.arange(length)[None]) % N_ITEMS + 1
    return torch.from_numpy(seqs.astype(np.int64))


def test_forward_shapes_and_padding() -> None:
    torch.manual_seed(0)
    model = SASRec(SASRecConfig(n_items=N_ITEMS, max_len=8, d_model=16, n_heads=2, d_ff=32))
    seq = torch.tensor([[0, 0, 3, 4, 5], [1, 2, 3, 4, 5]])  # left-padded
    logits, loss = model(seq)
    assert logits.shape == (2, 5, N_ITEMS) and loss is None
    targets = torch.tensor([[0, 0, 4, 5, 6], [2, 3, 4, 5, 6]])
    logits, loss = model(seq, targets)
    assert logits.shape == (8, N_ITEMS)  # one row per non-pad target
    assert loss is not None and torch.isfinite(loss)
    model.eval()
    # padding does not change what the model sees: same scores with or without it
    a = model.score_last(torch.tensor([[0, 0, 3, 4, 5]]))
    b = model.score_last(torch.tensor([[3, 4, 5]]))
    assert a.shape == (1, N_ITEMS)
    assert torch.allclose(a, b, atol=1e-5)


def test_too_long_sequence_is_refused() -> None:
    model = SASRec(SASRecConfig(n_items=N_ITEMS, max_len=4, d_model=8))
    with pytest.raises(AssertionError, match="max_len"):
        model(torch.ones(1, 5, dtype=torch.long))


@pytest.mark.slow
def test_learns_next_item_is_item_plus_one() -> None:
    torch.manual_seed(0)
    config = SASRecConfig(n_items=N_ITEMS, max_len=10, d_model=32, d_ff=64, dropout=0.0)
    config = SASRecConfig(**{**config.__dict__, "emb_dropout": 0.0})
    model = SASRec(config)
    data = _successor_sequences(128, 11)
    x, y = data[:, :-1], data[:, 1:]

    def batches(epoch: int):
        g = torch.Generator().manual_seed(epoch)
        order = torch.randperm(len(x), generator=g)
        for b in range(0, len(x), 64):
            yield x[order[b : b + 64]], y[order[b : b + 64]]

    test = _successor_sequences(64, 6, seed=1)

    def accuracy(m: torch.nn.Module) -> float:
        pred = m.score_last(test[:, :-1]).argmax(-1) + 1  # type: ignore[operator]
        return float((pred == test[:, -1]).float().mean())

    losses: list[float] = []
    trainer = Trainer(
        TrainerConfig(lr=1e-2, weight_decay=0.0, max_epochs=30, patience=4, budget_s=30),
        model,
        batches,
        accuracy,
        on_epoch=lambda row: losses.append(row["loss"]),
    )
    result = trainer.run()
    assert losses[-1] < losses[0] / 3, losses
    assert result.best_score >= 0.95
    assert accuracy(model) == result.best_score  # best checkpoint restored


def test_budget_stops_training_mid_epoch() -> None:
    model = SASRec(SASRecConfig(n_items=N_ITEMS, max_len=10, d_model=8, d_ff=16))
    data = _successor_sequences(8, 11)

    def slow_batches(epoch: int):
        for _ in range(1000):
            time.sleep(0.01)
            yield data[:, :-1], data[:, 1:]

    start = time.monotonic()
    result = Trainer(
        TrainerConfig(budget_s=0.3, max_epochs=100), model, slow_batches, lambda m: 0.0
    ).run()
    assert result.stopped == "budget"
    assert result.epochs == 1  # the partial epoch is validated, then training stops
    assert time.monotonic() - start < 3.0
    assert not result.converged


def test_patience_stops_and_reports_time_to_best() -> None:
    model = SASRec(SASRecConfig(n_items=N_ITEMS, max_len=10, d_model=8, d_ff=16))
    data = _successor_sequences(8, 11)
    scores = iter([0.1, 0.3, 0.2, 0.2, 0.2, 0.2])
    result = Trainer(
        TrainerConfig(patience=3, max_epochs=50, budget_s=60),
        model,
        lambda epoch: [(data[:, :-1], data[:, 1:])],
        lambda m: next(scores),
    ).run()
    assert result.stopped == "patience" and result.converged
    assert result.best_epoch == 1 and result.epochs == 5
    assert 0 < result.time_to_best_s <= result.elapsed_s
