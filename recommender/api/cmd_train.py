"""``train``: fit the personalized sequential ranker on an interaction log, save an artefact."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from recommender.evaluation.data import (
    InteractionFileError,
    Interactions,
    load_dataset,
    load_interactions,
)

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
    source.add_argument(
        "--from-store",
        action="store_true",
        help="the interaction events (view, click, add_to_cart, purchase) of store.url",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="artefact directory to write; default: a new version under ranking.model_dir",
    )
    parser.add_argument("--budget-s", type=float, default=600.0, help="wall-clock training limit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-epochs", type=int, default=None, help="default: the config's")
    parser.set_defaults(func=run)


def store_interactions(url: str) -> Interactions:
    """Every interaction event of the event store at ``url``, as training interactions."""
    from recommender.data.stores import open_store

    with open_store(url) as store:
        rows = store.all_interactions()
    if not rows:
        raise InteractionFileError(f"the event store at {url} has no interaction events")
    return Interactions.from_records([(u, i, ts, None) for u, i, ts in rows])


def run(args: argparse.Namespace) -> int:
    from recommender.config import load_config
    from recommender.evaluation.protocol import last_item_validation
    from recommender.models.ranking import RankerConfig, SequentialRanker
    from recommender.models.ranking.artefacts import save_version

    config = load_config(args.config)
    try:
        if args.interactions is not None:
            data = load_interactions(args.interactions)
        elif args.from_store:
            data = store_interactions(config.store.url)
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
    if args.output is not None:
        out = ranker.save(args.output)
    else:
        out = save_version(ranker, config.ranking.model_dir)
    print(f"saved {ranker.version_} to {out}")
    print(", ".join(f"{k}={v}" for k, v in ranker.metrics_.items()))
    return 0
