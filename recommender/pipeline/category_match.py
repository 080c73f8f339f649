"""Is a message a product need, and for which category? Judged by the catalog itself.

A message that names no category ("something for my morning runs", "i want to start
vlogging") is embedded with the same sentence encoder as the products; each category is
scored by the mean similarity of its ``top_k`` closest products
(:mod:`recommender.pipeline.understanding` decides what the scores mean). Nothing here knows
any category by name: a shop's own catalog brings its own words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recommender.config import NeedConfig
from recommender.pipeline.retrieval import Encoder


@dataclass(frozen=True)
class CategoryScore:
    """A category and how close the message is to its products (cosine, -1..1)."""

    category: str
    score: float


class CategoryMatcher:
    """Scores catalog categories against free text (``fit`` on the product embeddings)."""

    def __init__(self, config: NeedConfig | None = None) -> None:
        self.config = config or NeedConfig()

    def fit(
        self, categories: list[str], embeddings: np.ndarray, encoder: Encoder
    ) -> CategoryMatcher:
        """Index the catalog.

        Args:
            categories: each product's category, in the row order of ``embeddings``.
            embeddings: (n, d) L2-normalized product embeddings.
            encoder: encodes the messages.
        """
        assert len(categories) == embeddings.shape[0], "one category per embedding row"
        self.encoder_ = encoder
        self.embeddings_ = np.asarray(embeddings, dtype=np.float32)  # (n, d)
        self.categories_ = sorted(set(categories))
        index = {c: i for i, c in enumerate(self.categories_)}
        self.rows_ = np.array([index[c] for c in categories], dtype=np.int64)  # (n,)
        return self

    def scores(self, text: str) -> list[CategoryScore]:
        """Every category with its score, best first (empty for empty text or catalog)."""
        if not text.strip() or not self.categories_ or self.embeddings_.shape[1] == 0:
            return []
        q = self.encoder_.encode([text])[0].astype(np.float32)  # (d,)
        sims = self.embeddings_ @ q  # (n,)
        k = self.config.top_k
        out = []
        for i, category in enumerate(self.categories_):
            own = np.sort(sims[self.rows_ == i])[::-1][:k]
            out.append(CategoryScore(category, float(own.mean()) if own.size else -1.0))
        out.sort(key=lambda s: (-s.score, s.category))
        return out
