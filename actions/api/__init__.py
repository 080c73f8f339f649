"""Clients of outside services; actions reach the recommender only through this package."""

from .recommender_client import (
    Product,
    RecommenderClient,
    RecommenderError,
    RecommenderRejected,
    RecommenderUnavailable,
    get_client,
    set_client,
)

__all__ = [
    "Product",
    "RecommenderClient",
    "RecommenderError",
    "RecommenderRejected",
    "RecommenderUnavailable",
    "get_client",
    "set_client",
]
