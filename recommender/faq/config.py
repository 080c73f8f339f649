"""Settings of the FAQ retriever; the class lives in the service's root configuration."""

from recommender.config import DEFAULT_KB_PATH, FaqConfig

__all__ = ["DEFAULT_KB_PATH", "FaqConfig"]
