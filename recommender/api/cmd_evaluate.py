"""``evaluate``: our ranker beside popularity, item-kNN and RecBole's SASRec, one protocol.

See docs/RANKING.md for the protocol and docs/BENCHMARKS.md for measured numbers.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

from recommender.evaluation.data import InteractionFileError, load_dataset, load_interactions
from recommender.evaluation.runner import (
    DEFAULT_BENCH_PYTHON,
    MODELS,
    BenchmarkConfig,
    format_table,
    run_benchmark,
)

logger = logging.getLogger(__name__)
EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    """Add the ``evaluate`` sub-command to the CLI's sub-parsers."""
    parser = subparsers.add_parser(
        "evaluate",
        help="benchmark the ranker against baselines on an interactions file or ml-100k",
        description=(
            "Leave-one-out by time, full ranking over all items with the user's history "
            "masked, Recall/NDCG/MRR@10. Every trained model gets the same wall-clock budget "
            "and keeps its best validation checkpoint."
        ),
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--interactions", type=Path, help="CSV or JSONL with user, item, timestamp[, rating]"
    )
    source.add_argument("--dataset", choices=["ml-100k"], help="a public data set, fetched")
    parser.add_argument(
        "--budget-s", type=float, default=600.0, help="wall-clock budget per trained model"
    )
    parser.add_argument("--seeds", type=int, default=3, help="seeds per trained model")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    parser.add_argument(
        "--models",
        default=",".join(MODELS),
        help=f"comma-separated subset of {','.join(MODELS)}",
    )
    parser.add_argument(
        "--bench-python",
        type=Path,
        default=DEFAULT_BENCH_PYTHON,
        help="python of the RecBole benchmark venv",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch threads of every trained model (default 1: on a shared 2-core machine "
        "more threads spin against other processes and run slower)",
    )
    parser.add_argument("--cache-dir", type=Path, help="where --dataset files are cached")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.interactions is not None:
            data = load_interactions(args.interactions)
            name = str(args.interactions)
        else:
            data = load_dataset(args.dataset, args.cache_dir)
            name = args.dataset
        models = tuple(m.strip() for m in args.models.split(",") if m.strip())
        config = BenchmarkConfig(
            models=models,
            budget_s=args.budget_s,
            seeds=args.seeds,
            bench_python=args.bench_python,
            threads=args.threads,
        )
    except (InteractionFileError, ValueError) as exc:
        logger.error("%s", exc)
        return EXIT_BAD_INPUT
    result = run_benchmark(data, name, config)
    print(format_table(result))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0
