"""FAQ fixtures: small knowledge-base files, and the demo knowledge base indexed with MiniLM."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recommender.config import EmbeddingConfig
from recommender.faq import FaqConfig, FaqRetriever, load_knowledge_base

SHIPPING_MD = """\
---
topic: shipping
title: Shipping
source: https://shop.example/help/shipping
---
# Shipping

## How much does shipping cost? {#cost}
> Also asked: Is delivery free?

Standard shipping is free over $50,
otherwise it costs $5.95.

- Express: $14.95
- Next day: $24.95

## Do you ship abroad?
We ship to the US and Canada only.
"""

RETURNS_YML = """\
topic: returns
title: Returns
passages:
  - id: policy
    title: What is your return policy?
    aliases:
      - How long do I have to return something?
    text: |
      Items can be returned within 30 days
      of delivery.
  - title: Are returns free?
    text: Returns from the US are free.
"""


@pytest.fixture
def write_kb(tmp_path: Path) -> Callable[..., Path]:
    """Write ``{file name: text}`` into a fresh knowledge-base directory and return it."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "kb"
        root.mkdir(exist_ok=True)
        for name, text in files.items():
            path = root / name
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return root

    return write


@pytest.fixture
def small_kb(write_kb: Callable[..., Path]) -> Path:
    return write_kb({"shipping.md": SHIPPING_MD, "returns.yml": RETURNS_YML})


@pytest.fixture(scope="module")
def minilm_retriever() -> FaqRetriever:
    """The demo knowledge base indexed with the packaged MiniLM and default settings."""
    from recommender.models.embeddings import TextEncoder

    config = FaqConfig()
    encoder = TextEncoder(EmbeddingConfig())
    return FaqRetriever(config).fit(load_knowledge_base(config.kb_path), encoder)
