"""The shipped demo catalog: size, spread, completeness, and that it is reproducible."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from recommender.config import REPO_DIR, CatalogConfig
from recommender.data.catalog import Catalog, Product
from recommender.data.loaders import load_catalog

DEMO_DIR = REPO_DIR / "recommender" / "data" / "demo"
DEMO_JSONL = DEMO_DIR / "catalog.jsonl"
DEMO_CSV = DEMO_DIR / "catalog.csv"

# (cheap below, expensive above): a shopper's "cheap" and "high-end" in each category.
PRICE_BANDS = {
    "headphones": (30.0, 250.0),
    "laptops": (300.0, 1500.0),
    "smartphones": (200.0, 1000.0),
    "running-shoes": (60.0, 160.0),
    "coffee-machines": (40.0, 500.0),
    "backpacks": (30.0, 200.0),
    "smartwatches": (60.0, 400.0),
    "cameras": (100.0, 1500.0),
}
# Attribute keys every product of a category carries (others may be optional).
CORE_ATTRIBUTES = {
    "headphones": {"type", "wireless", "noise_cancelling", "color"},
    "laptops": {"screen_size", "ram", "storage", "cpu", "gpu", "os", "color"},
    "smartphones": {"storage", "screen_size", "os", "network", "camera", "color"},
    "running-shoes": {"gender", "size_range", "surface", "cushioning", "support", "color"},
    "coffee-machines": {"type", "capacity", "milk_frother", "grinder", "programmable", "color"},
    "backpacks": {"capacity", "use", "laptop_sleeve", "water_resistant", "material", "color"},
    "smartwatches": {"type", "compatibility", "gps", "case_size", "battery_life", "color"},
    "cameras": {"type", "sensor", "megapixels", "video", "lens", "color"},
}


@pytest.fixture(scope="module")
def demo() -> Catalog:
    return load_catalog(DEMO_JSONL)


@pytest.fixture(scope="module")
def by_category(demo: Catalog) -> dict[str, list[Product]]:
    groups: dict[str, list[Product]] = defaultdict(list)
    for product in demo:
        groups[product.category].append(product)
    return groups


def test_service_serves_the_demo_catalog_by_default() -> None:
    assert Path(CatalogConfig().path) == DEMO_JSONL
    assert DEMO_JSONL.is_file()


def test_demo_catalog_is_big_and_varied(demo: Catalog, by_category: dict) -> None:
    assert len(demo) >= 300
    assert set(demo.categories) == set(PRICE_BANDS)
    for category, products in by_category.items():
        assert len(products) >= 30, category
        assert len({p.brand for p in products}) >= 6, category


@pytest.mark.parametrize("category", sorted(PRICE_BANDS))
def test_each_category_has_cheap_and_expensive_items(by_category: dict, category: str) -> None:
    cheap_below, expensive_above = PRICE_BANDS[category]
    prices = [p.price for p in by_category[category]]
    assert sum(p < cheap_below for p in prices) >= 3, (category, sorted(prices)[:5])
    assert sum(p > expensive_above for p in prices) >= 3, (category, sorted(prices)[-5:])
    # a budget in the middle finds something too
    assert any(cheap_below <= p <= expensive_above for p in prices)


def test_budget_phrases_find_headphones(by_category: dict) -> None:
    prices = [p.price for p in by_category["headphones"] if p.in_stock]
    assert sum(p < 50 for p in prices) >= 5  # "under 50"
    assert sum(80 <= p <= 120 for p in prices) >= 3  # "around 100"


def test_ids_are_unique_and_stable(demo: Catalog, by_category: dict) -> None:
    ids = [p.id for p in demo]
    assert len(ids) == len(set(ids))
    for products in by_category.values():
        prefixes = {p.id.split("-")[0] for p in products}
        assert len(prefixes) == 1
        numbers = [int(p.id.split("-")[1]) for p in products]
        assert numbers == list(range(1, len(products) + 1))
    assert all(re.fullmatch(r"[a-z]{2}-\d{4}", i) for i in ids)


def test_every_product_is_complete(demo: Catalog) -> None:
    for p in demo:
        for name in ("id", "title", "brand", "category", "description", "url", "image"):
            assert getattr(p, name).strip(), (p.id, name)
        assert p.price > 0 and round(p.price, 2) == p.price, p.id
        assert p.currency == "USD"
        assert p.url == f"https://shop.example.com/p/{p.id}"
        assert p.image == f"https://shop.example.com/img/{p.id}.jpg"
        assert p.tags and all(t == t.lower() for t in p.tags), p.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.category)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", p.description) if s]
        assert 1 <= len(sentences) <= 3 and len(p.description) >= 60, p.id
        assert p.brand in p.title, p.id


@pytest.mark.parametrize("category", sorted(CORE_ATTRIBUTES))
def test_attributes_per_category(by_category: dict, category: str) -> None:
    for p in by_category[category]:
        missing = CORE_ATTRIBUTES[category] - set(p.attributes)
        assert not missing, (p.id, missing)
        assert all(isinstance(v, str) and v for v in p.attributes.values())


def test_yes_no_attributes_use_yes_and_no(demo: Catalog) -> None:
    flags = ("wireless", "noise_cancelling", "waterproof", "water_resistant", "gps", "grinder")
    for p in demo:
        for name in flags:
            if name in p.attributes:
                assert p.attributes[name] in ("yes", "no"), (p.id, name)


def test_some_but_few_products_are_out_of_stock(demo: Catalog) -> None:
    out = [p for p in demo if not p.in_stock]
    assert 3 <= len(out) <= len(demo) // 10


def test_titles_are_unique(demo: Catalog) -> None:
    titles = [p.title for p in demo]
    assert len(titles) == len(set(titles))


def test_csv_copy_matches_jsonl(demo: Catalog) -> None:
    assert list(load_catalog(DEMO_CSV)) == list(demo)


def test_generator_reproduces_committed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_demo_catalog", REPO_DIR / "scripts" / "make_demo_catalog.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    assert module.main(["--out-dir", str(tmp_path)]) == 0
    for name in ("catalog.jsonl", "catalog.csv"):
        assert (tmp_path / name).read_bytes() == (DEMO_DIR / name).read_bytes(), name


def test_catalog_lookups(demo: Catalog) -> None:
    first = next(iter(demo))
    assert demo.get(first.id) is first
    assert demo.index_of(first.id) == 0
    assert first.id in demo and "nope" not in demo
    assert "Sony" in demo.brands
