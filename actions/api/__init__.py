"""Clients of outside services; actions reach the recommender only through this package."""

from .recommender_client import (
    Product,
    RecommenderCallError,
    RecommenderClient,
    RecommenderRejected,
    RecommenderUnavailable,
    get_client,
    set_client,
)

__all__ = [
    "Product",
    "RecommenderCallError",
    "RecommenderClient",
    "RecommenderRejected",
    "RecommenderUnavailable",
    "get_client",
    "set_client",
]
