"""Versioned ranker artefacts in one directory: save a new version, find the newest.

Layout: ``<model_dir>/<version>/`` with the files of :meth:`SequentialRanker.save`; versions
are ``sasrec-<UTC time>-<hash>``, so the newest sorts last. A version directory is written
under a temporary name and renamed into place, so a reader never sees half an artefact.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recommender.models.ranking.ranker import SequentialRanker

META_FILE = "meta.json"


def newest_artefact(model_dir: str | Path) -> Path | None:
    """The newest complete version directory under ``model_dir``, or ``None``."""
    root = Path(model_dir)
    if not root.is_dir():
        return None
    versions = sorted(
        p
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / META_FILE).is_file()
    )
    return versions[-1] if versions else None


def save_version(ranker: SequentialRanker, model_dir: str | Path) -> Path:
    """Save ``ranker`` as ``<model_dir>/<ranker.version_>`` atomically; returns that path."""
    assert ranker.version_, "the ranker has no version: fit() it first"
    root = Path(model_dir)
    root.mkdir(parents=True, exist_ok=True)
    final = root / ranker.version_
    tmp = root / f".{ranker.version_}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    ranker.save(tmp)
    if final.exists():
        shutil.rmtree(final)
    tmp.rename(final)
    return final


def load_newest(model_dir: str | Path) -> SequentialRanker | None:
    """Load the newest artefact under ``model_dir`` (``None`` when there is none)."""
    path = newest_artefact(model_dir)
    if path is None:
        return None
    from recommender.models.ranking.ranker import SequentialRanker

    return SequentialRanker.load(path)
