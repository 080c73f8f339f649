"""Personalized ranking: a self-attentive sequential model, its trainer and the component."""

from recommender.models.ranking.model import SASRec, SASRecConfig
from recommender.models.ranking.ranker import RankerConfig, SequentialRanker
from recommender.models.ranking.trainer import Trainer, TrainerConfig, TrainResult

__all__ = [
    "RankerConfig",
    "SASRec",
    "SASRecConfig",
    "SequentialRanker",
    "TrainResult",
    "Trainer",
    "TrainerConfig",
]
