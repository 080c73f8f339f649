"""``python -m recommender train --from-store``: trains on stored events, saves a new version."""

from __future__ import annotations

from pathlib import Path

from recommender.api.cli import main
from recommender.data.events import Event
from recommender.data.stores import SQLiteEventStore
from recommender.models.ranking import SequentialRanker
from recommender.models.ranking.artefacts import newest_artefact
from tests.recommender.conftest import PRODUCTS


def write_config(tmp_path: Path) -> tuple[Path, Path, Path]:
    db, models = tmp_path / "events.db", tmp_path / "models"
    cfg = tmp_path / "recommender.yml"
    cfg.write_text(f"store:\n  url: {db}\nranking:\n  model_dir: {models}\n", encoding="utf-8")
    return cfg, db, models


def test_train_from_store_saves_a_version(tmp_path: Path) -> None:
    cfg, db, models = write_config(tmp_path)
    ids = [p.id for p in PRODUCTS]
    with SQLiteEventStore(db).open() as store:
        store.add(
            Event(f"{u}-{t}", f"u{u}", "click", 1_700_000_000.0 + t, product_id=ids[(u + t) % 20])
            for u in range(12)
            for t in range(5)
        )
    args = ["--config", str(cfg), "train", "--from-store", "--budget-s", "20", "--max-epochs", "2"]
    assert main(args) == 0
    path = newest_artefact(models)
    assert path is not None and path.name.startswith("sasrec-")
    ranker = SequentialRanker.load(path)
    assert ranker.version_ == path.name and ranker.metrics_["epochs"] <= 2
    assert set(ranker.item_ids_) <= set(ids)


def test_train_from_empty_store_is_bad_input(tmp_path: Path) -> None:
    cfg, _db, models = write_config(tmp_path)
    assert main(["--config", str(cfg), "train", "--from-store", "--max-epochs", "1"]) == 2
    assert newest_artefact(models) is None
