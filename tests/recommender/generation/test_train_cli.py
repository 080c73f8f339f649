"""``train-generator`` and ``prepare-models`` end to end with tiny settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recommender.api.cli import main
from recommender.models.generation import convert
from recommender.models.generation.generator import Generator


def test_train_student_writes_a_loadable_versioned_artefact(tmp_path: Path) -> None:
    out = tmp_path / "student"
    rc = main(
        [
            "train-generator",
            "--which",
            "student",
            "--catalog",
            "",
            "--examples",
            "24",
            "--steps",
            "2",
            "--batch-size",
            "4",
            "--threads",
            "1",
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    info = json.loads((out / "train_info.json").read_text())
    assert info["which"] == "student" and info["train"]["steps"] == 2
    assert info["command"].startswith("python -m recommender train-generator")
    assert Generator.from_pretrained(str(out), max_new_tokens=3).generate([]) == []


def test_train_teacher_lora_adapter(tmp_path: Path, tiny_model_dir: Path) -> None:
    pytest.importorskip("peft")
    out = tmp_path / "teacher"
    rc = main(
        [
            "train-generator",
            "--which",
            "teacher",
            "--base",
            str(tiny_model_dir),
            "--catalog",
            "",
            "--examples",
            "8",
            "--steps",
            "1",
            "--batch-size",
            "2",
            "--threads",
            "1",
            "--out",
            str(out),
        ]
    )
    assert rc == 0 and (out / "adapter_config.json").is_file()
    g = Generator.from_pretrained(str(tiny_model_dir), adapter_path=str(out), max_new_tokens=2)
    assert g.model.config.vocab_size > 0


def test_prepare_models_is_idempotent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"x" * 10)
    out = tmp_path / "out"
    out.mkdir()
    (out / convert.MARKER).write_text(json.dumps(convert._marker_data(gguf)))
    assert convert.is_converted(out, gguf)
    monkeypatch.setattr(convert, "find_packaged_gguf", lambda: gguf)
    assert main(["prepare-models", "--out", str(out)]) == 0  # skipped: nothing to load
    gguf.write_bytes(b"y" * 11)
    assert not convert.is_converted(out, gguf)
