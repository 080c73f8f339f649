"""Side-by-side ranking benchmark: our ranker, popularity, item-kNN and RecBole's SASRec.

One leave-one-out split for everyone; every trained model gets the same wall-clock budget,
keeps its best validation checkpoint (NDCG@10) and is scored on test. ``train_s`` is the time
a model needed to reach its best validation score (for the baselines: fitting, plus tuning
for item-kNN). Trained models run once per seed; the deterministic baselines run once and
count for every seed.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from recommender.evaluation.baselines import Popularity, tune_itemknn
from recommender.evaluation.data import Interactions
from recommender.evaluation.metrics import METRIC_NAMES, evaluate
from recommender.evaluation.protocol import PROTOCOL, Split, leave_one_out

logger = logging.getLogger(__name__)

REPO_DIR = Path(__file__).resolve().parents[2]
MODELS = ("ours", "pop", "itemknn", "recbole_sasrec")
DEFAULT_BENCH_PYTHON = REPO_DIR / ".venv-bench" / "bin" / "python"
RECBOLE_SCRIPT = REPO_DIR / "bench" / "recbole_sasrec.py"
BENCH_VENV_HELP = (
    "create it with `make bench-venv`, i.e.: python3.11 -m venv .venv-bench && "
    ".venv-bench/bin/pip install torch==2.13.0 && "
    ".venv-bench/bin/pip install -r bench/requirements-recbole.txt"
)


@dataclass(frozen=True)
class BenchmarkConfig:
    """What to run: models, equal budget per trained model, seeds, where RecBole lives."""

    models: tuple[str, ...] = MODELS
    budget_s: float = 600.0
    seeds: int = 3
    bench_python: Path = DEFAULT_BENCH_PYTHON
    threads: int = 1  # torch threads of every trained model (same for all)
    ranker_overrides: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = [m for m in self.models if m not in MODELS]
        if unknown:
            raise ValueError(f"unknown model(s) {unknown}; choose from {', '.join(MODELS)}")
        if self.seeds < 1:
            raise ValueError("seeds must be >= 1")
        if self.budget_s <= 0:
            raise ValueError("budget_s must be > 0")
        if self.threads < 1:
            raise ValueError("threads must be >= 1")


def bench_venv_problem(bench_python: Path) -> str | None:
    """Why RecBole cannot run from ``bench_python``, or ``None`` when it can."""
    if not Path(bench_python).exists():
        return f"benchmark venv not found ({bench_python}); {BENCH_VENV_HELP}"
    check = subprocess.run(
        [str(bench_python), "-c", "import recbole"], capture_output=True, text=True, check=False
    )
    if check.returncode != 0:
        last = (check.stderr.strip().splitlines() or ["unknown error"])[-1]
        return f"recbole does not import in {bench_python} ({last}); {BENCH_VENV_HELP}"
    return None


def _run_pop(split: Split) -> dict[str, float]:
    start = time.monotonic()
    model = Popularity().fit(split.train, split.n_items)
    train_s = time.monotonic() - start
    scores = evaluate(model, split.histories("test"), split.targets("test"))
    return {**scores, "train_s": train_s}


def _run_itemknn(split: Split) -> dict[str, float]:
    start = time.monotonic()
    model, _tuning = tune_itemknn(
        split.train, split.n_items, split.histories("valid"), split.targets("valid")
    )
    train_s = time.monotonic() - start
    scores = evaluate(model, split.histories("test"), split.targets("test"))
    return {**scores, "train_s": train_s, "k": float(model.config.k)}


def _run_ours(split: Split, budget_s: float, seed: int, overrides: dict[str, Any]) -> dict:
    from recommender.models.ranking import RankerConfig, SequentialRanker

    config = RankerConfig(**{**overrides, "budget_s": budget_s, "seed": seed})
    ranker = SequentialRanker(config).fit_split(split)
    assert ranker.result_ is not None
    scores = evaluate(ranker.score_histories, split.histories("test"), split.targets("test"))
    return {
        **scores,
        "train_s": ranker.result_.time_to_best_s,
        "valid_ndcg@10": ranker.result_.best_score,
        "epochs": ranker.result_.epochs,
        "best_epoch": ranker.result_.best_epoch,
        "stopped": ranker.result_.stopped,
        "converged": ranker.result_.converged,
    }


def _run_recbole(
    split_file: Path, budget_s: float, seed: int, bench_python: Path, threads: int
) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        cmd = [str(bench_python), str(RECBOLE_SCRIPT), "--split", str(split_file)]
        cmd += ["--out", str(out), "--budget-s", str(budget_s), "--seed", str(seed)]
        cmd += ["--threads", str(threads)]
        logger.info("running RecBole SASRec: %s", " ".join(cmd))
        env = {**os.environ, "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1"}
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env, check=False)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"RecBole SASRec failed (exit {proc.returncode}); see its log above")
        result = json.loads(out.read_text())
    result.pop("history", None)
    result["converged"] = result.get("stopped") == "patience"
    return dict(result)


def _mean(runs: Sequence[dict]) -> dict[str, Any]:
    means: dict[str, Any] = {
        key: float(np.mean([r[key] for r in runs])) for key in (*METRIC_NAMES, "train_s")
    }
    means["per_seed"] = list(runs)
    return means


def machine() -> dict[str, Any]:
    """The machine the numbers come from."""
    return {
        "cpus": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "gpu": torch.cuda.is_available(),
    }


def run_benchmark(data: Interactions, dataset: str, config: BenchmarkConfig) -> dict[str, Any]:
    """Run every requested model on one leave-one-out split of ``data``.

    Returns ``{"dataset", "protocol", "models": {name: {"recall@10", "ndcg@10", "mrr@10",
    "train_s", "per_seed"}}, ...}`` with means over seeds.
    """
    torch.set_num_threads(config.threads)
    split = leave_one_out(data)
    n_eval = len(split.evaluated_users())
    logger.info(
        "%s: %d interactions, %d users (%d evaluated), %d items",
        dataset,
        len(data),
        split.n_users,
        n_eval,
        split.n_items,
    )
    if n_eval == 0:
        raise ValueError("no user has 3 interactions: nothing to evaluate")
    seeds = list(range(config.seeds))
    runs: dict[str, list[dict]] = {}
    skipped: dict[str, str] = {}
    if "pop" in config.models:
        runs["pop"] = [_run_pop(split)]
        logger.info("pop: %s", _fmt(runs["pop"][0]))
    if "itemknn" in config.models:
        runs["itemknn"] = [_run_itemknn(split)]
        logger.info("itemknn: %s", _fmt(runs["itemknn"][0]))
    recbole = "recbole_sasrec" in config.models
    if recbole:
        problem = bench_venv_problem(config.bench_python)
        if problem:
            logger.warning("skipping recbole_sasrec: %s", problem)
            skipped["recbole_sasrec"] = problem
            recbole = False
    with tempfile.TemporaryDirectory() as tmp:
        split_file = Path(tmp) / "split.json"
        split_file.write_text(json.dumps(split.to_dict()))
        for seed in seeds:
            if "ours" in config.models:
                logger.info("ours, seed %d, budget %.0fs", seed, config.budget_s)
                run = _run_ours(split, config.budget_s, seed, config.ranker_overrides)
                runs.setdefault("ours", []).append(run)
                logger.info("ours seed %d: %s", seed, _fmt(run))
            if recbole:
                logger.info("recbole_sasrec, seed %d, budget %.0fs", seed, config.budget_s)
                run = _run_recbole(
                    split_file, config.budget_s, seed, config.bench_python, config.threads
                )
                runs.setdefault("recbole_sasrec", []).append(run)
                logger.info("recbole_sasrec seed %d: %s", seed, _fmt(run))
    models = {name: _mean(r) for name, r in runs.items()}
    result: dict[str, Any] = {
        "dataset": dataset,
        "protocol": PROTOCOL,
        "budget_s": config.budget_s,
        "seeds": config.seeds,
        "threads": config.threads,
        "n_users": split.n_users,
        "n_evaluated_users": n_eval,
        "n_items": split.n_items,
        "n_interactions": len(data),
        "machine": machine(),
        "models": models,
        "skipped": skipped,
    }
    if "ours" in models:
        others = {n: m["ndcg@10"] for n, m in models.items() if n != "ours"}
        if others:
            best = max(others, key=lambda n: others[n])
            result["best_other"] = best
            result["ratio_ours_best_other"] = models["ours"]["ndcg@10"] / max(others[best], 1e-12)
    return result


def _fmt(run: dict) -> str:
    return ", ".join(f"{k}={run[k]:.4f}" for k in (*METRIC_NAMES, "train_s") if k in run)


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of the means per model."""
    header = f"{'model':<16}" + "".join(f"{m:>11}" for m in (*METRIC_NAMES, "train_s"))
    lines = [header, "-" * len(header)]
    for name, row in result["models"].items():
        cells = "".join(f"{row[m]:>11.4f}" for m in METRIC_NAMES) + f"{row['train_s']:>11.1f}"
        lines.append(f"{name:<16}{cells}")
    for name, why in result.get("skipped", {}).items():
        lines.append(f"{name:<16} skipped: {why}")
    if "ratio_ours_best_other" in result:
        lines.append(
            f"ours / best other ({result['best_other']}) NDCG@10: "
            f"{result['ratio_ours_best_other']:.3f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: python -m recommender evaluate --help")
