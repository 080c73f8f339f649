"""Interaction files for training and evaluation: CSV/JSONL loaders and the ml-100k shortcut.

An interaction is one (user, item, timestamp[, rating]) record. Every interaction counts as
implicit feedback; the optional rating is kept only so a caller may filter on it.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recommender.errors import ValidationError

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("user", "item", "timestamp")
RECBOLE_WHEEL_VERSION = "1.2.1"
ML100K_MEMBER = "recbole/dataset_example/ml-100k/ml-100k.inter"
DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[2] / "bench" / "data"


class InteractionFileError(ValidationError):
    """An interactions file cannot be read; the message names the row and field."""

    status = 422

    def __init__(
        self, message: str, *, row: int | None = None, field: str = "interactions"
    ) -> None:
        where = f"row {row}: " if row is not None else ""
        super().__init__(field, where + message)
        self.row = row


@dataclass(frozen=True)
class Interactions:
    """Parallel arrays of interactions, in file order.

    Attributes:
        users: user ids as strings, shape ``[n]``.
        items: item ids as strings, shape ``[n]``.
        timestamps: seconds (any monotone unit), shape ``[n]``.
        ratings: optional explicit ratings, shape ``[n]``; ``None`` when the file has none.
    """

    users: np.ndarray
    items: np.ndarray
    timestamps: np.ndarray
    ratings: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.users)
        assert len(self.items) == n and len(self.timestamps) == n, "arrays must be parallel"
        assert self.ratings is None or len(self.ratings) == n, "ratings must be parallel"

    def __len__(self) -> int:
        return len(self.users)

    @classmethod
    def from_records(cls, records: list[tuple[str, str, float, float | None]]) -> Interactions:
        """Build from ``(user, item, timestamp, rating_or_None)`` tuples."""
        users = np.array([r[0] for r in records], dtype=object)
        items = np.array([r[1] for r in records], dtype=object)
        ts = np.array([r[2] for r in records], dtype=np.float64)
        has_rating = any(r[3] is not None for r in records)
        ratings = (
            np.array([np.nan if r[3] is None else r[3] for r in records], dtype=np.float64)
            if has_rating
            else None
        )
        return cls(users, items, ts, ratings)


def _number(value: object, *, row: int, field: str, optional: bool = False) -> float | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if optional:
            return None
        raise InteractionFileError("missing value", row=row, field=field)
    if isinstance(value, bool):
        raise InteractionFileError(f"expected a number, got {value!r}", row=row, field=field)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InteractionFileError(
            f"expected a number, got {value!r}", row=row, field=field
        ) from None
    if not math.isfinite(number):
        raise InteractionFileError(f"expected a finite number, got {value!r}", row=row, field=field)
    return number


def _identifier(value: object, *, row: int, field: str) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        raise InteractionFileError(f"expected an id, got {value!r}", row=row, field=field)
    text = str(value).strip()
    if not text:
        raise InteractionFileError("missing value", row=row, field=field)
    return text


def _record(raw: dict[str, object], row: int) -> tuple[str, str, float, float | None]:
    for name in REQUIRED_FIELDS:
        if name not in raw:
            raise InteractionFileError("missing field", row=row, field=name)
    user = _identifier(raw["user"], row=row, field="user")
    item = _identifier(raw["item"], row=row, field="item")
    ts = _number(raw["timestamp"], row=row, field="timestamp")
    rating = _number(raw.get("rating"), row=row, field="rating", optional=True)
    assert ts is not None
    return user, item, ts, rating


def load_interactions(path: str | Path) -> Interactions:
    """Load a CSV (header row) or JSONL interactions file.

    Columns/keys: ``user``, ``item``, ``timestamp`` (a number), optional ``rating``.
    Rows are numbered from 1 (the CSV header is row 0).

    Raises:
        InteractionFileError: the file is missing, empty or a row is malformed.
    """
    path = Path(path)
    if not path.is_file():
        raise InteractionFileError(f"no such file: {path}")
    text = path.read_text(encoding="utf-8")
    records: list[tuple[str, str, float, float | None]] = []
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        for row, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InteractionFileError(f"invalid JSON: {exc.msg}", row=row) from None
            if not isinstance(raw, dict):
                raise InteractionFileError("expected a JSON object", row=row)
            records.append(_record(raw, row))
    else:
        reader = csv.DictReader(io.StringIO(text))
        missing = [f for f in REQUIRED_FIELDS if f not in (reader.fieldnames or [])]
        if missing:
            raise InteractionFileError(
                f"header lacks column(s) {', '.join(missing)}", row=0, field=missing[0]
            )
        for row, raw in enumerate(reader, start=1):
            records.append(_record(dict(raw), row))
    if not records:
        raise InteractionFileError(f"no interactions in {path}")
    return Interactions.from_records(records)


def _recbole_wheel(cache_dir: Path) -> Path:
    """The recbole wheel in ``cache_dir``, downloaded with pip if it is not there yet."""
    pattern = f"recbole-{RECBOLE_WHEEL_VERSION}-*.whl"
    found = sorted(cache_dir.glob(pattern))
    if found:
        return found[0]
    cache_dir.mkdir(parents=True, exist_ok=True)
    logger.info(
        "downloading recbole==%s (it ships ml-100k) into %s", RECBOLE_WHEEL_VERSION, cache_dir
    )
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q"]
    cmd += [f"recbole=={RECBOLE_WHEEL_VERSION}", "-d", str(cache_dir)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    found = sorted(cache_dir.glob(pattern))
    if result.returncode != 0 or not found:
        raise InteractionFileError(
            "could not download the recbole wheel that ships ml-100k: "
            + (result.stderr.strip().splitlines() or ["pip gave no reason"])[-1]
        )
    return found[0]


def load_ml100k(cache_dir: str | Path | None = None) -> Interactions:
    """MovieLens 100k from RecBole's wheel (943 users, 1,682 items, 100,000 ratings).

    The data is never committed: the wheel is downloaded into ``cache_dir``
    (default ``bench/data/``, ignored by git) the first time.
    """
    wheel = _recbole_wheel(Path(cache_dir) if cache_dir else DEFAULT_CACHE_DIR)
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(ML100K_MEMBER).decode("utf-8")
    lines = text.splitlines()
    header = [h.split(":")[0] for h in lines[0].split("\t")]
    col = {name: i for i, name in enumerate(header)}
    records: list[tuple[str, str, float, float | None]] = []
    for line in lines[1:]:
        if not line:
            continue
        parts = line.split("\t")
        records.append(
            (
                parts[col["user_id"]],
                parts[col["item_id"]],
                float(parts[col["timestamp"]]),
                float(parts[col["rating"]]),
            )
        )
    return Interactions.from_records(records)


def load_dataset(name: str, cache_dir: str | Path | None = None) -> Interactions:
    """A named public data set; only ``ml-100k`` for now."""
    if name == "ml-100k":
        return load_ml100k(cache_dir)
    raise InteractionFileError(f"unknown dataset {name!r} (known: ml-100k)", field="dataset")
