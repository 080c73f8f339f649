"""Read delimited tables (CSV, and the TSV under Merchant Center feeds) and CSV catalogs."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from recommender.data.catalog import Product
from recommender.data.loaders.fields import (
    ATTR_PREFIX,
    FIELDS,
    REQUIRED,
    Where,
    kind,
    product_from_record,
)
from recommender.data.loaders.jsonl import no_duplicate_keys
from recommender.data.loaders.lines import LineError, read_lines
from recommender.errors import CatalogError


def _table(stream: IO[bytes], delimiter: str) -> Iterator[tuple[Where, list[str]]]:
    """Yield ``(where, cells)`` per non-blank record; the header comes first with row 0."""
    counter = [0]
    lines = (text for _, text in read_lines(stream, counter))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    row = -1
    while True:
        start = counter[0] + 1
        try:
            cells = next(reader, None)
        except (LineError, csv.Error) as exc:
            line = exc.line if isinstance(exc, LineError) else start
            message = exc.message if isinstance(exc, LineError) else f"malformed line: {exc}"
            if row < 0:
                raise CatalogError(f"header (line {line}): {message}") from None
            raise Where(row + 1, line).error(None, message) from None
        if cells is None:
            return
        if not any(c.strip() for c in cells):
            continue
        row += 1
        yield Where(row, start), cells


def _header(cells: list[str], where: Where, rename: Callable[[str], str] | None) -> list[str]:
    names: list[str] = []
    for position, cell in enumerate(cells, 1):
        name = cell.strip().lower()
        if rename is not None:
            name = rename(name)
        if not name:
            raise CatalogError(f"header (line {where.line}): column {position} has no name")
        if name in names:
            raise CatalogError(
                f"column appears twice in the header (line {where.line})", field=name
            )
        names.append(name)
    return names


def require_columns(names: list[str], required: tuple[str, ...], where: Where, what: str) -> None:
    """Refuse a header that lacks one of ``required``; ``what`` names such a column."""
    for name in required:
        if name not in names:
            raise CatalogError(f"{what} is missing from the header (line {where.line})", field=name)


def read_rows(
    stream: IO[bytes],
    delimiter: str,
    check_header: Callable[[list[str], Where], None],
    rename: Callable[[str], str] | None = None,
) -> Iterator[tuple[Where, dict[str, str]]]:
    """Yield ``(where, column -> cell)`` per data row of a table with a header line.

    Args:
        stream: the file, opened in binary mode.
        delimiter: the cell separator.
        check_header: called once with the column names; raises to refuse the header.
        rename: maps each stripped, lower-cased header cell to its column name.

    Raises:
        CatalogError: a line is unreadable or malformed, or a row's width differs from the header.
    """
    names: list[str] = []
    for where, cells in _table(stream, delimiter):
        if where.row == 0:
            names = _header(cells, where, rename)
            check_header(names, where)
            continue
        if len(cells) != len(names):
            raise where.error(
                None, f"expected {len(names)} cells as in the header, got {len(cells)}"
            )
        yield where, dict(zip(names, cells, strict=True))


def _check_csv_header(names: list[str], where: Where) -> None:
    for name in names:
        if name not in FIELDS and not name.startswith(ATTR_PREFIX):
            raise CatalogError(
                f"unknown column in the header (line {where.line}); use "
                f"'{ATTR_PREFIX}{name}' for an attribute or one of {', '.join(FIELDS)}",
                field=name,
            )
    require_columns(names, REQUIRED, where, "required column")


def _csv_record(cells: dict[str, str], where: Where) -> dict[str, Any]:
    """Gather ``attr_<name>`` columns and a JSON ``attributes`` column into one attributes field."""
    record: dict[str, Any] = {}
    attributes: dict[str, Any] = {}

    def add_attribute(key: str, value: Any) -> None:
        if key in attributes:
            raise where.error(f"attributes.{key}", "given twice")
        attributes[key] = value

    for name, cell in cells.items():
        if name.startswith(ATTR_PREFIX):
            if cell.strip():
                add_attribute(name.removeprefix(ATTR_PREFIX), cell)
        elif name == "attributes":
            if cell.strip():
                try:
                    parsed = json.loads(cell, object_pairs_hook=no_duplicate_keys)
                except (ValueError, RecursionError):
                    raise where.error(
                        "attributes", 'expected a JSON object like {"color": "black"}'
                    ) from None
                if not isinstance(parsed, dict):
                    raise where.error("attributes", f"expected a JSON object, got {kind(parsed)}")
                for key, value in parsed.items():
                    add_attribute(key, value)
        elif name in REQUIRED or cell.strip():
            record[name] = cell
    if attributes:
        record["attributes"] = attributes
    return record


def read_csv(stream: IO[bytes]) -> Iterator[Product]:
    """Yield one validated product per data row of a CSV catalog.

    Raises:
        CatalogError: the header or a row is invalid.
    """
    for where, cells in read_rows(stream, ",", _check_csv_header):
        yield product_from_record(_csv_record(cells, where), where.row, where.line)
