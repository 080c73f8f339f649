"""``evaluate`` and ``train`` commands end to end on a tiny interactions file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from recommender.api.cli import main
from recommender.models.ranking import SequentialRanker


@pytest.fixture
def interactions_file(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    lines = ["user,item,timestamp"]
    for u in range(25):
        start = int(rng.integers(15))
        for t in range(8):
            lines.append(f"u{u},m{(start + t) % 15},{1000 + t}")
    path = tmp_path / "inter.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.slow
def test_evaluate_writes_the_json_shape(
    interactions_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "res.json"
    code = main(
        [
            "evaluate",
            "--interactions",
            str(interactions_file),
            "--models",
            "ours,pop,itemknn,recbole_sasrec",
            "--bench-python",
            str(tmp_path / "no-venv" / "python"),
            "--budget-s",
            "2",
            "--seeds",
            "2",
            "--json",
            str(out),
        ]
    )
    assert code == 0
    result = json.loads(out.read_text())
    assert result["dataset"] == str(interactions_file)
    assert "leave-one-out" in result["protocol"]
    assert set(result["models"]) == {"ours", "pop", "itemknn"}
    for row in result["models"].values():
        assert {"recall@10", "ndcg@10", "mrr@10", "train_s"} <= set(row)
        assert 0.0 <= row["ndcg@10"] <= row["recall@10"] <= 1.0
    assert len(result["models"]["ours"]["per_seed"]) == 2
    for run in result["models"]["ours"]["per_seed"]:
        assert run["train_s"] <= 2 + 5  # budget plus one validation pass
    assert "make bench-venv" in result["skipped"]["recbole_sasrec"]
    printed = capsys.readouterr().out
    assert "ndcg@10" in printed and "recbole_sasrec" in printed


def test_evaluate_rejects_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("user,item\nu,i\n")
    assert main(["evaluate", "--interactions", str(bad)]) == 2
    assert main(["evaluate", "--interactions", str(bad), "--models", "nope"]) == 2


@pytest.mark.slow
def test_train_saves_a_versioned_artefact(interactions_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "model"
    code = main(
        [
            "train",
            "--interactions",
            str(interactions_file),
            "--output",
            str(out),
            "--budget-s",
            "2",
            "--max-epochs",
            "3",
        ]
    )
    assert code == 0
    ranker = SequentialRanker.load(out)
    meta = json.loads((out / "meta.json").read_text())
    assert meta["version"] == ranker.version_ and meta["metrics"]["epochs"] <= 3
