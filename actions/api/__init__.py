"""Clients of outside services; actions reach the recommender only through this package."""

from actions.api.recommender_client import (
    FaqAnswer,
    ParsedText,
    Product,
    Recommendation,
    RecommenderClient,
    RecommenderError,
    RecommenderRejected,
    RecommenderUnavailable,
    Relaxation,
    Vocabulary,
    get_client,
    set_client,
)

__all__ = [
    "FaqAnswer",
    "ParsedText",
    "Product",
    "Recommendation",
    "RecommenderClient",
    "RecommenderError",
    "RecommenderRejected",
    "RecommenderUnavailable",
    "Relaxation",
    "Vocabulary",
    "get_client",
    "set_client",
]
