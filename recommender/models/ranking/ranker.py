"""The personalized ranking component: ``SequentialRanker(config).fit(interactions)``.

Wraps :class:`~recommender.models.ranking.model.SASRec` and the
:class:`~recommender.models.ranking.trainer.Trainer`: builds training windows from users'
item sequences, early-stops on validation NDCG@10, saves and loads a versioned artefact, and
scores a user's history for serving (``__call__``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from recommender.evaluation.data import Interactions
from recommender.evaluation.metrics import evaluate
from recommender.evaluation.protocol import Split, last_item_validation
from recommender.models.ranking.model import SASRec, SASRecConfig
from recommender.models.ranking.trainer import Trainer, TrainerConfig, TrainResult

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
WEIGHTS_FILE = "weights.pt"
CONFIG_FILE = "config.json"
ITEMS_FILE = "items.json"
META_FILE = "meta.json"


@dataclass(frozen=True)
class RankerConfig:
    """Model size, training and budget of :class:`SequentialRanker` (tuned on ml-100k)."""

    max_len: int = 100
    d_model: int = 64
    n_layers: int = 2
    n_heads: int = 1
    d_ff: int = 128
    dropout: float = 0.3
    emb_dropout: float = 0.3
    lr: float = 2e-3
    weight_decay: float = 0.1
    batch_size: int = 32
    max_epochs: int = 400
    patience: int = 10
    budget_s: float = 600.0
    seed: int = 0
    eval_batch_size: int = 512


def _pad_left(seqs: Sequence[np.ndarray], length: int) -> np.ndarray:
    """``[B, length]`` int64 array, each sequence right-aligned, 0 on the left."""
    out = np.zeros((len(seqs), length), dtype=np.int64)
    for r, s in enumerate(seqs):
        if len(s):
            out[r, length - len(s) :] = s
    return out


def training_windows(train: Sequence[np.ndarray], max_len: int) -> list[np.ndarray]:
    """Cut each sequence (model indices, 1-based) into windows of ``max_len + 1`` items.

    Windows are taken from the end with stride ``max_len`` so that every item after a user's
    first is a target exactly once; a window's first item is input only.
    """
    windows = []
    for seq in train:
        end = len(seq)
        while end >= 2:
            start = max(0, end - max_len - 1)
            windows.append(np.asarray(seq[start:end], dtype=np.int64))
            end = start + 1 if start > 0 else 0
    return windows


class SequentialRanker:
    """Personalized next-item ranker over a user's item history."""

    def __init__(self, config: RankerConfig | None = None) -> None:
        self.config = config or RankerConfig()
        self.model_: SASRec | None = None
        self.item_ids_: list[str] = []
        self.item_index_: dict[str, int] = {}
        self.result_: TrainResult | None = None
        self.version_: str = ""
        self.metrics_: dict[str, Any] = {}

    # ----------------------------------------------------------------- training
    def fit(self, interactions: Interactions) -> SequentialRanker:
        """Train on an interaction log: each user's last item validates, the rest trains."""
        return self.fit_split(last_item_validation(interactions))

    def fit_split(
        self,
        split: Split,
        on_epoch: Callable[[dict[str, float]], None] | None = None,
    ) -> SequentialRanker:
        """Train on ``split.train``, early-stopping on NDCG@10 of the ``valid`` targets.

        The benchmark passes a :func:`~recommender.evaluation.protocol.leave_one_out` split
        (test items unseen); :meth:`fit` uses ``last_item_validation`` (no test item).
        """
        cfg = self.config
        torch.manual_seed(cfg.seed)
        self.item_ids_ = list(split.item_ids)
        self.item_index_ = {item: i for i, item in enumerate(self.item_ids_)}
        model_config = SASRecConfig(
            n_items=split.n_items,
            max_len=cfg.max_len,
            d_model=cfg.d_model,
            n_layers=cfg.n_layers,
            n_heads=cfg.n_heads,
            d_ff=cfg.d_ff,
            dropout=cfg.dropout,
            emb_dropout=cfg.emb_dropout,
        )
        self.model_ = SASRec(model_config)
        windows = training_windows([s + 1 for s in split.train], cfg.max_len)
        assert windows, "no user has two training interactions: nothing to learn"
        lengths = np.array([len(w) for w in windows])
        histories, targets = split.histories("valid"), split.targets("valid")

        def batches(epoch: int) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
            # batches of similar lengths (little padding), random composition and order
            rng = np.random.default_rng((cfg.seed, epoch))
            order = np.lexsort((rng.random(len(windows)), lengths))
            starts = rng.permutation(np.arange(0, len(order), cfg.batch_size))
            for start in starts:
                chunk = [windows[i] for i in order[start : start + cfg.batch_size]]
                width = max(len(w) for w in chunk) - 1
                x = _pad_left([w[:-1] for w in chunk], width)
                y = _pad_left([w[1:] for w in chunk], width)
                yield torch.from_numpy(x), torch.from_numpy(y)

        def validate(_model: torch.nn.Module) -> float:
            return evaluate(
                self.score_histories, histories, targets, batch_size=cfg.eval_batch_size
            )["ndcg@10"]

        trainer_config = TrainerConfig(
            lr=cfg.lr,
            weight_decay=cfg.weight_decay,
            max_epochs=cfg.max_epochs,
            patience=cfg.patience,
            budget_s=cfg.budget_s,
            seed=cfg.seed,
        )
        self.result_ = Trainer(trainer_config, self.model_, batches, validate, on_epoch).run()
        self.metrics_ = {
            "valid_ndcg@10": self.result_.best_score,
            "best_epoch": self.result_.best_epoch,
            "time_to_best_s": round(self.result_.time_to_best_s, 2),
            "epochs": self.result_.epochs,
            "stopped": self.result_.stopped,
            "n_users": split.n_users,
            "n_items": split.n_items,
        }
        digest = hashlib.sha256()
        for tensor in self.model_.state_dict().values():
            digest.update(tensor.detach().cpu().numpy().tobytes())
        self.version_ = (
            f"sasrec-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-" + (digest.hexdigest()[:8])
        )
        return self

    # ------------------------------------------------------------------ scoring
    def score_histories(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        """Scores ``[B, n_items]`` of every item after each history (0-based item indices)."""
        assert self.model_ is not None, "call fit() or load() first"
        max_len = self.model_.config.max_len
        seqs = [np.asarray(h, dtype=np.int64)[-max_len:] + 1 for h in histories]
        width = max(1, max((len(s) for s in seqs), default=1))
        x = torch.from_numpy(_pad_left(seqs, width))
        was_training = self.model_.training
        self.model_.eval()
        scores = self.model_.score_last(x).numpy()
        self.model_.train(was_training)
        return scores

    def __call__(
        self,
        user_history: Sequence[str],
        candidate_ids: Sequence[str] | None = None,
        exclude_history: bool = True,
    ) -> list[tuple[str, float]]:
        """Rank candidates (default: every known item) for a user with this item history.

        Returns ``(item_id, score)`` pairs, best first. Items of the history are left out
        unless ``exclude_history`` is false (the model is trained and evaluated with them
        masked, so their scores mean little). Unknown history items are skipped; unknown
        candidates come last with score -inf (the service's cold-start path handles them).
        An empty history gives the ranking the model learnt for a sequence start.
        """
        assert self.model_ is not None, "call fit() or load() first"
        history = np.array(
            [self.item_index_[i] for i in user_history if i in self.item_index_], dtype=np.int64
        )
        scores = self.score_histories([history])[0]
        ids = list(self.item_ids_) if candidate_ids is None else list(candidate_ids)
        if exclude_history:
            seen = set(user_history)
            ids = [i for i in ids if i not in seen]
        ranked = [
            (i, float(scores[self.item_index_[i]]) if i in self.item_index_ else float("-inf"))
            for i in ids
        ]
        ranked.sort(key=lambda pair: pair[1], reverse=True)
        return ranked

    # ---------------------------------------------------------------- artefacts
    def save(self, directory: str | Path) -> Path:
        """Write weights, config, item ids and metadata (version, metrics) to ``directory``."""
        assert self.model_ is not None, "call fit() first"
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        torch.save(self.model_.state_dict(), out / WEIGHTS_FILE)
        config = {
            "ranker": dataclasses.asdict(self.config),
            "model": dataclasses.asdict(self.model_.config),
        }
        (out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")
        (out / ITEMS_FILE).write_text(json.dumps(self.item_ids_) + "\n")
        meta = {
            "format_version": FORMAT_VERSION,
            "version": self.version_,
            "model": "sasrec",
            "torch": torch.__version__,
            "metrics": self.metrics_,
        }
        (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
        return out

    @classmethod
    def load(cls, directory: str | Path) -> SequentialRanker:
        """Load an artefact written by :meth:`save`."""
        src = Path(directory)
        meta = json.loads((src / META_FILE).read_text())
        if meta.get("format_version") != FORMAT_VERSION:
            raise ValueError(
                f"{src}: artefact format {meta.get('format_version')!r}, expected {FORMAT_VERSION}"
            )
        config = json.loads((src / CONFIG_FILE).read_text())
        ranker = cls(RankerConfig(**config["ranker"]))
        ranker.model_ = SASRec(SASRecConfig(**config["model"]))
        state = torch.load(src / WEIGHTS_FILE, map_location="cpu", weights_only=True)
        ranker.model_.load_state_dict(state)
        ranker.model_.eval()
        ranker.item_ids_ = json.loads((src / ITEMS_FILE).read_text())
        ranker.item_index_ = {item: i for i, item in enumerate(ranker.item_ids_)}
        ranker.version_ = meta["version"]
        ranker.metrics_ = meta.get("metrics", {})
        return ranker
