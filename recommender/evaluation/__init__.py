"""Offline evaluation of rankers: interaction data, leave-one-out protocol, metrics, baselines."""

from recommender.evaluation.data import Interactions, load_dataset, load_interactions
from recommender.evaluation.metrics import evaluate, metrics_from_ranks
from recommender.evaluation.protocol import PROTOCOL, Split, leave_one_out

__all__ = [
    "PROTOCOL",
    "Interactions",
    "Split",
    "evaluate",
    "leave_one_out",
    "load_dataset",
    "load_interactions",
    "metrics_from_ranks",
]
