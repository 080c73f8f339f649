"""``train``: fit the personalized sequential ranker on an interaction log, save an artefact."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from recommender.evaluation.data import InteractionFileError, load_dataset, load_interactions

logger = logging.getLogger(__name__)
EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    """Add the ``train`` sub-command to the CLI's sub-parsers."""
    parser = subparsers.add_parser(
        "train",
        help="train the sequential ranker on an interactions file and save a versioned model",
        description=(
            "Each user's last interaction validates (early stopping on NDCG@10), the rest "
            "trains. Progress is logged every few epochs; the best validated weights are "
            "saved with their config, item ids, version and metrics (see docs/RANKING.md)."
        ),
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--interactions", type=Path, help="CSV or JSONL with user, item, timestamp[, rating]"
    )
    source.add_argument("--dataset", choices=["ml-100k"], help="a public data set, fetched")
    parser.add_argument("--output", type=Path, required=True, help="artefact directory to write")
    parser.add_argument("--budget-s", type=float, default=600.0, help="wall-clock training limit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-epochs", type=int, default=None, help="default: the config's")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from recommender.evaluation.protocol import last_item_validation
    from recommender.models.ranking import RankerConfig, SequentialRanker

    try:
        if args.interactions is not None:
            data = load_interactions(args.interactions)
        else:
            data = load_dataset(args.dataset)
    except InteractionFileError as exc:
        logger.error("%s", exc)
        return EXIT_BAD_INPUT
    overrides: dict[str, Any] = {"budget_s": args.budget_s, "seed": args.seed}
    if args.max_epochs is not None:
        overrides["max_epochs"] = args.max_epochs
    split = last_item_validation(data)
    if len(split.evaluated_users("valid")) == 0:
        logger.error("no user has 2 interactions: nothing to validate on")
        return EXIT_BAD_INPUT
    ranker = SequentialRanker(RankerConfig(**overrides)).fit_split(split)
    out = ranker.save(args.output)
    print(f"saved {ranker.version_} to {out}")
    print(", ".join(f"{k}={v}" for k, v in ranker.metrics_.items()))
    return 0
