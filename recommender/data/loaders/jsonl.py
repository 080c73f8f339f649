"""Read JSON Lines catalogs: one strict JSON object per line (no duplicate keys, no NaN)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from recommender.data.catalog import Product
from recommender.data.loaders.fields import Where, kind, product_from_record
from recommender.data.loaders.lines import LineError, read_lines


class DuplicateKeyError(ValueError):
    """A JSON object gives the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for :func:`json.loads` that refuses a key given twice."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKeyError(key)
        out[key] = value
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def read_jsonl(stream: IO[bytes]) -> Iterator[Product]:
    """Yield one validated product per non-blank line.

    Raises:
        CatalogError: a line is unreadable, not a JSON object, or an invalid record.
    """
    row = 0
    lines = read_lines(stream)
    while True:
        try:
            item = next(lines, None)
        except LineError as exc:
            raise Where(row + 1, exc.line).error(None, exc.message) from None
        if item is None:
            return
        number, text = item
        if not text.strip():
            continue
        row += 1
        where = Where(row, number)
        try:
            obj = json.loads(
                text, object_pairs_hook=no_duplicate_keys, parse_constant=_reject_constant
            )
        except DuplicateKeyError as exc:
            raise where.error(exc.key, "given twice in the same object") from None
        except json.JSONDecodeError as exc:
            raise where.error(None, f"invalid JSON at column {exc.colno}: {exc.msg}") from None
        except (ValueError, RecursionError) as exc:
            raise where.error(None, f"invalid JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise where.error(None, f"expected a JSON object {{...}}, got {kind(obj)}")
        yield product_from_record(obj, row, number)
