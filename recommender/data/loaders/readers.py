"""Read a catalog file of any supported format: pick the reader, check across records."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from recommender.data.catalog import Catalog, Product
from recommender.data.loaders.delimited import read_csv
from recommender.data.loaders.jsonl import read_jsonl
from recommender.data.loaders.merchant import read_gmc_tsv, read_gmc_xml
from recommender.errors import CatalogError

_READERS: dict[str, Callable[[IO[bytes]], Iterator[Product]]] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "gmc-tsv": read_gmc_tsv,
    "gmc-xml": read_gmc_xml,
}
FORMATS = tuple(_READERS)
_COMPRESSED = ((b"\x1f\x8b", "gzip"), (b"PK\x03\x04", "zip"), (b"BZh", "bzip2"))


def _unreadable(exc: OSError) -> CatalogError:
    return CatalogError(f"cannot read the file: {exc.strerror or exc}")


def detect_format(path: str | os.PathLike[str]) -> str:
    """Pick the reader from the file extension (``.txt`` is sniffed: XML or TSV).

    Raises:
        CatalogError: the extension is not supported.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix == ".tsv":
        return "gmc-tsv"
    if suffix in (".xml", ".rss"):
        return "gmc-xml"
    if suffix == ".txt":
        try:
            with path.open("rb") as stream:
                head = stream.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
        except OSError as exc:
            raise _unreadable(exc) from None
        return "gmc-xml" if head.startswith(b"<") else "gmc-tsv"
    raise CatalogError(
        f"unsupported file type {suffix or '(no extension)'!r}: expected .jsonl, .csv, "
        ".tsv or .txt (Merchant Center TSV), or .xml (Merchant Center RSS)"
    )


def iter_products(path: str | os.PathLike[str], fmt: str | None = None) -> Iterator[Product]:
    """Stream validated products from a catalog file, one record in memory at a time.

    Checks across records too: ids are unique and every product uses one currency.

    Args:
        path: the catalog file.
        fmt: one of :data:`FORMATS`; ``None`` picks it from the extension.

    Raises:
        CatalogError: the file cannot be read or a record is invalid.
    """
    fmt = fmt or detect_format(path)
    if fmt not in _READERS:
        raise CatalogError(f"unknown catalog format {fmt!r}; expected one of {', '.join(FORMATS)}")
    seen: dict[str, int] = {}
    currency: tuple[str, int] | None = None
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed in finally; this is a generator
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        head = stream.peek(4)[:4]
        for magic, name in _COMPRESSED:
            if head.startswith(magic):
                raise CatalogError(f"this is a {name}-compressed file; decompress it first")
        for row, product in enumerate(_READERS[fmt](stream), 1):
            if product.id in seen:
                raise CatalogError(
                    f"duplicate id {product.id!r}, first used in row {seen[product.id]}",
                    row=row,
                    field="id",
                )
            seen[product.id] = row
            if currency is None:
                currency = (product.currency, row)
            elif product.currency != currency[0]:
                raise CatalogError(
                    f"{product.currency!r} differs from {currency[0]!r} used since row "
                    f"{currency[1]}; a catalog holds one currency",
                    row=row,
                    field="currency",
                )
            yield product
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        stream.close()


def load_catalog(path: str | os.PathLike[str], fmt: str | None = None) -> Catalog:
    """Load and validate a whole catalog file (JSONL, CSV or Merchant Center TSV/XML).

    Raises:
        CatalogError: the file is unreadable, empty, or holds an invalid record.
    """
    products = list(iter_products(path, fmt))
    if not products:
        raise CatalogError("the file holds no products")
    return Catalog(products)
