"""The demo histories: ``import-events`` seeds them; the two demo users get different picks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from recommender.api.cli import main
from recommender.config import Config, StoreConfig, load_config
from recommender.data.loaders import load_catalog
from recommender.data.stores import SQLiteEventStore
from recommender.pipeline.schemas import RecommendRequest, Slots
from recommender.pipeline.service import RecommenderService


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "events.db"
    cfg = tmp_path / "c.yml"
    cfg.write_text(f"store:\n  url: {db}\n", encoding="utf-8")
    assert main(["--config", str(cfg), "import-events"]) == 0
    assert main(["--config", str(cfg), "import-events"]) == 0  # rerun: all duplicates
    return db


def test_import_is_idempotent_and_rejects_bad_lines(seeded: Path, tmp_path: Path) -> None:
    with SQLiteEventStore(seeded).open() as store:
        assert store.count() == 37
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"event_id": "x", "user_id": "u", "type": "view", "product_id": "nope", "ts": 1.7e9}\n'
    )
    cfg = tmp_path / "c2.yml"
    cfg.write_text(f"store:\n  url: {tmp_path / 'x.db'}\n", encoding="utf-8")
    assert main(["--config", str(cfg), "import-events", str(bad)]) == 2


def test_demo_users_get_different_justified_picks(
    seeded: Path, tmp_path: Path, encoder: Any, nlp: Any
) -> None:
    base = load_config(env={})
    config: Config = replace(
        base,
        store=StoreConfig(url=str(seeded)),
        embeddings=replace(base.embeddings, cache_dir=str(tmp_path / "cache")),
    )
    catalog = load_catalog(config.catalog.path)
    with SQLiteEventStore(seeded).open() as store:
        service = RecommenderService(config, catalog, encoder, nlp=nlp, store=store)
        slots = Slots(category="headphones")

        def ask(user: str) -> list[dict[str, Any]]:
            req = RecommendRequest(user_id=user, message="wireless headphones", slots=slots)
            return service.recommend(req)["products"]

        sony, apple, new = ask("demo-sony-fan"), ask("demo-apple-fan"), ask("someone-new")
    assert sony[0]["id"] != apple[0]["id"]
    assert [p["brand"] for p in sony].count("Sony") >= 2
    assert [p["brand"] for p in apple].count("Apple") >= 2
    assert any("because you bought Sony WH-1000XM5" in p["reason"] for p in sony)
    assert any("because you bought Apple AirPods Pro" in p["reason"] for p in apple)
    assert len(new) == 3 and all(p["category"] == "headphones" for p in new)
    assert not any("because you" in p["reason"] for p in new)


def test_skip_unknown_leaves_out_events_of_products_not_in_the_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "mixed.jsonl"
    events.write_text(
        '{"event_id": "a", "user_id": "u", "type": "view", "product_id": "hp-0001", "ts": 1.7e9}\n'
        '{"event_id": "b", "user_id": "u", "type": "view", "product_id": "gone-1", "ts": 1.7e9}\n'
        '{"event_id": "c", "user_id": "u", "type": "click", "product_id": "hp-0002", "ts": 1.7e9}\n',
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    cfg = tmp_path / "c.yml"
    cfg.write_text(f"store:\n  url: {db}\n", encoding="utf-8")
    assert main(["--config", str(cfg), "import-events", str(events)]) == 2
    assert main(["--config", str(cfg), "import-events", str(events), "--skip-unknown"]) == 0
    assert "1 skipped (product not in the catalog)" in capsys.readouterr().out
    with SQLiteEventStore(db).open() as store:
        assert store.count() == 2
