"""Training loop for the ranker (minGPT-style): knows nothing of the model's insides.

The model must be called as ``model(x, y) -> (logits, loss)`` and provide
``configure_optimizer(lr, weight_decay)``. Data comes from a ``batches(epoch)`` callable and
validation from a ``validate(model) -> score`` callable (higher is better). The trainer keeps
the best validation state, stops early when validation has not improved for ``patience``
epochs, and never trains past a wall-clock ``budget_s``.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import torch
from torch import nn

logger = logging.getLogger(__name__)

Batch = tuple[torch.Tensor, torch.Tensor]


@dataclass(frozen=True)
class TrainerConfig:
    """Optimisation settings; ``budget_s`` counts training and validation time."""

    lr: float = 1e-3
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    max_epochs: int = 400
    patience: int = 20  # epochs without a better validation score before stopping
    budget_s: float = 600.0
    seed: int = 0
    log_every: int = 10  # epochs between progress lines (each new best is logged too)


@dataclass
class TrainResult:
    """What a run of :class:`Trainer` did."""

    best_score: float = float("-inf")
    best_epoch: int = -1
    time_to_best_s: float = 0.0
    epochs: int = 0
    elapsed_s: float = 0.0
    stopped: str = ""  # "patience", "budget" or "max_epochs"
    history: list[dict[str, float]] = field(default_factory=list)

    @property
    def converged(self) -> bool:
        """Validation stopped improving before the budget ran out."""
        return self.stopped == "patience"


class Trainer:
    """Runs epochs of ``batches`` through ``model`` and keeps the best validated weights."""

    def __init__(
        self,
        config: TrainerConfig,
        model: nn.Module,
        batches: Callable[[int], Iterable[Batch]],
        validate: Callable[[nn.Module], float],
        on_epoch: Callable[[dict[str, float]], None] | None = None,
    ) -> None:
        self.config = config
        self.model = model
        self.batches = batches
        self.validate = validate
        self.on_epoch = on_epoch

    def run(self) -> TrainResult:
        cfg = self.config
        torch.manual_seed(cfg.seed)
        optimizer = self.model.configure_optimizer(cfg.lr, cfg.weight_decay)  # type: ignore[operator]
        result = TrainResult()
        best_state: dict[str, torch.Tensor] | None = None
        start = time.monotonic()
        out_of_time = False
        for epoch in range(cfg.max_epochs):
            self.model.train()
            losses = []
            for x, y in self.batches(epoch):
                _, loss = self.model(x, y)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                if cfg.grad_clip > 0:
                    torch.nn.utils.clip_grad_norm_(self.model.parameters(), cfg.grad_clip)
                optimizer.step()
                losses.append(float(loss.detach()))
                if time.monotonic() - start >= cfg.budget_s:
                    out_of_time = True  # still validate what this partial epoch learnt
                    break
            self.model.eval()
            score = float(self.validate(self.model))
            elapsed = time.monotonic() - start
            row = {
                "epoch": float(epoch),
                "loss": sum(losses) / max(len(losses), 1),
                "valid": score,
                "elapsed_s": elapsed,
            }
            result.history.append(row)
            result.epochs = epoch + 1
            improved = score > result.best_score
            if improved:
                result.best_score, result.best_epoch, result.time_to_best_s = score, epoch, elapsed
                best_state = copy.deepcopy(self.model.state_dict())
            if improved or epoch % cfg.log_every == 0:
                logger.info(
                    "epoch %d loss %.4f valid %.4f%s (%.0fs)",
                    epoch,
                    row["loss"],
                    score,
                    " *best*" if improved else "",
                    elapsed,
                )
            if self.on_epoch is not None:
                self.on_epoch(row)
            if out_of_time or elapsed >= cfg.budget_s:
                result.stopped = "budget"
                break
            if epoch - result.best_epoch >= cfg.patience:
                result.stopped = "patience"
                break
        else:
            result.stopped = "max_epochs"
        result.elapsed_s = time.monotonic() - start
        if best_state is not None:
            self.model.load_state_dict(best_state)
        self.model.eval()
        logger.info(
            "stopped (%s) after %d epochs, %.0fs; best valid %.4f at epoch %d (%.0fs)",
            result.stopped,
            result.epochs,
            result.elapsed_s,
            result.best_score,
            result.best_epoch,
            result.time_to_best_s,
        )
        return result
