"""Clients of outside services; actions reach the recommender only through this package."""

from .recommender_client import (
    FaqAnswer,
    Product,
    RecommenderClient,
    RecommenderError,
    RecommenderRejected,
    RecommenderUnavailable,
    Vocabulary,
    get_client,
    set_client,
)

__all__ = [
    "FaqAnswer",
    "Product",
    "RecommenderClient",
    "RecommenderError",
    "RecommenderRejected",
    "RecommenderUnavailable",
    "Vocabulary",
    "get_client",
    "set_client",
]
