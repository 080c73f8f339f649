"""Read and write catalog files: JSON Lines, CSV and Google Merchant Center feeds (TSV, XML).

Every reader streams its file, validates each record strictly and raises
:class:`~recommender.errors.CatalogError` naming the row (1-based, data rows only)
and the field. The schema and the formats are documented in ``docs/CATALOG.md``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from recommender.data.catalog import Catalog, Product
from recommender.errors import CatalogError

__all__ = [
    "FORMATS",
    "MAX_LINE_BYTES",
    "detect_format",
    "dump_csv",
    "dump_jsonl",
    "iter_products",
    "load_catalog",
    "product_from_record",
]

FORMATS = ("jsonl", "csv", "gmc-tsv", "gmc-xml")
MAX_LINE_BYTES = 1 << 20
"""A line (JSONL record, CSV/TSV line) longer than this is refused; so is one XML field."""

FIELDS = (
    "id",
    "title",
    "brand",
    "category",
    "price",
    "currency",
    "description",
    "attributes",
    "url",
    "image",
    "tags",
    "in_stock",
)
REQUIRED = ("id", "title", "brand", "category", "price")
ATTR_PREFIX = "attr_"
MAX_PRICE = Decimal("1000000000")
_MAX_LEN = {"id": 128, "title": 500, "brand": 200, "category": 200, "description": 10_000}
_MAX_URL = 2048
_MAX_TAGS = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # allows \t and \n (descriptions)
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PRICE_TEXT = re.compile(r"\d{1,15}(?:\.\d{1,6})?")
_GMC_PRICE = re.compile(r"(\d{1,15}(?:\.\d{1,6})?)\s*([A-Za-z]{3})")
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_ATTR_KEY = re.compile(r"[\w]+")
_TRUE = frozenset({"true", "yes", "y", "1", "in stock", "in_stock", "instock"})
_FALSE = frozenset({"false", "no", "n", "0", "out of stock", "out_of_stock", "outofstock"})

# Google Merchant Center field -> our field; the listed extra fields become attributes.
_GMC_FIELDS = {
    "id": "id",
    "title": "title",
    "description": "description",
    "link": "url",
    "image_link": "image",
    "brand": "brand",
}
_GMC_ATTRIBUTES = ("color", "size", "gender", "age_group", "material", "pattern", "condition")
_GMC_AVAILABILITY = {
    "in stock": True,
    "in_stock": True,
    "out of stock": False,
    "out_of_stock": False,
    "preorder": False,
    "backorder": False,
}
_GMC_REQUIRED_COLUMNS = ("id", "title", "price", "brand")
_GMC_NS_PREFIX = "g:"


@dataclass(frozen=True)
class _Where:
    """Position of one record, for error messages: data row and (when it differs) file line."""

    row: int
    line: int | None = None

    def error(self, field: str | None, message: str) -> CatalogError:
        if self.line is not None and self.line != self.row:
            message = f"{message} (line {self.line})"
        return CatalogError(message, row=self.row, field=field)


class _LineError(Exception):
    """A physical line cannot be read (too long, not UTF-8, NUL byte)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _show(value: Any, limit: int = 40) -> str:
    """Short ``repr`` of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


# --------------------------------------------------------------------------- fields


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(value: Any, where: _Where, field: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise where.error(field, f"expected text, got {_kind(value)}")
    text = _number_text(value) if isinstance(value, (int, float)) else value.strip()
    if field == "description":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = " ".join(text.split())
    if required and not text:
        raise where.error(field, "required, but empty")
    limit = _MAX_LEN.get(field, _MAX_URL)
    if len(text) > limit:
        raise where.error(field, f"longer than {limit} characters")
    if (_CONTROL if field == "description" else _ANY_CONTROL).search(text):
        raise where.error(field, "contains control characters")
    return text


def _slug(value: Any, where: _Where) -> str:
    text = _text(value, where, "category", required=True)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[\W_]+", "-", (folded or text).lower()).strip("-")
    if not slug:
        raise where.error("category", f"no letters or digits in {_show(text)}")
    return slug


def _price(value: Any, where: _Where, field: str = "price") -> float:
    bad = where.error(field, f"expected a non-negative number, got {_show(value)}")
    if isinstance(value, bool) or value is None:
        raise bad
    if isinstance(value, (int, float)):
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise bad from None
        if not amount.is_finite() or amount < 0:
            raise bad
    elif isinstance(value, str) and _PRICE_TEXT.fullmatch(value.strip()):
        amount = Decimal(value.strip())
    else:
        raise bad
    if amount >= MAX_PRICE:
        raise where.error(field, f"expected a price below {MAX_PRICE}, got {_show(value)}")
    return float(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _currency(value: Any, where: _Where) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "USD"
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value.strip()):
        raise where.error(
            "currency", f"expected a 3-letter ISO 4217 code like 'USD', got {_show(value)}"
        )
    return value.strip().upper()


def _url(value: Any, where: _Where, field: str) -> str:
    text = _text(value, where, field)
    if text and not _URL.fullmatch(text):
        raise where.error(field, f"expected an http:// or https:// URL, got {_show(text)}")
    return text


def _attr_value(value: Any, where: _Where, field: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise where.error(field, f"expected a finite number, got {value}")
        return _number_text(value)
    if isinstance(value, str):
        text = " ".join(value.split())
        if len(text) > 500:
            raise where.error(field, "longer than 500 characters")
        if _ANY_CONTROL.search(text):
            raise where.error(field, "contains control characters")
        return text
    raise where.error(field, f"expected text, a number or a boolean, got {_kind(value)}")


def _attr_key(key: Any, where: _Where) -> str:
    if not isinstance(key, str):
        raise where.error("attributes", f"attribute names must be text, got {_show(key)}")
    name = re.sub(r"[\s\-]+", "_", key.strip().lower())
    if not name or not _ATTR_KEY.fullmatch(name) or len(name) > 64:
        raise where.error(
            "attributes", f"attribute name {_show(key)} must be letters, digits and '_'"
        )
    return name


def _attributes(value: Any, where: _Where) -> dict[str, str]:
    if value is None or value == "":
        return {}
    if not isinstance(value, Mapping):
        raise where.error("attributes", f"expected an object of name -> value, got {_kind(value)}")
    out: dict[str, str] = {}
    for key, raw in value.items():
        name = _attr_key(key, where)
        if raw is None:
            continue
        text = _attr_value(raw, where, f"attributes.{name}")
        if not text:
            continue
        if name in out:
            raise where.error(f"attributes.{name}", "given twice")
        out[name] = text
    return out


def _tags(value: Any, where: _Where) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = value.split("|") if "|" in value else value.split(",")
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise where.error("tags", f"expected a list of text, got {_kind(value)}")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise where.error("tags", f"expected a list of text, found {_kind(item)}")
        tag = " ".join(item.lower().split())
        if "," in tag or "|" in tag:
            raise where.error("tags", f"a tag must not contain ',' or '|': {_show(item)}")
        if _ANY_CONTROL.search(tag) or len(tag) > 100:
            raise where.error("tags", f"invalid tag {_show(item)}")
        if tag and tag not in out:
            out.append(tag)
    if len(out) > _MAX_TAGS:
        raise where.error("tags", f"more than {_MAX_TAGS} tags")
    return tuple(out)


def _in_stock(value: Any, where: _Where) -> bool:
    if value is None:
        return True
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = " ".join(value.strip().lower().split())
        if not text or text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise where.error("in_stock", f"expected true or false, got {_show(value)}")


def product_from_record(record: Mapping[str, Any], row: int, line: int | None = None) -> Product:
    """Validate and normalize one record with the catalog's field names into a :class:`Product`.

    Args:
        record: field name -> value, as parsed from JSON (CSV cells are strings).
        row: 1-based data row, for error messages.
        line: 1-based line in the file, added to error messages when it differs from ``row``.

    Raises:
        CatalogError: a required field is missing or a value is invalid; names row and field.
    """
    where = _Where(row, line)
    unknown = [k for k in record if k not in FIELDS]
    if unknown:
        raise where.error(str(unknown[0]), f"unknown field; expected one of {', '.join(FIELDS)}")
    for name in REQUIRED:
        if name not in record or record[name] is None:
            raise where.error(name, "required field is missing")
    return Product(
        id=_text(record["id"], where, "id", required=True),
        title=_text(record["title"], where, "title", required=True),
        brand=_text(record["brand"], where, "brand", required=True),
        category=_slug(record["category"], where),
        price=_price(record["price"], where),
        currency=_currency(record.get("currency"), where),
        description=_text(record.get("description"), where, "description"),
        attributes=_attributes(record.get("attributes"), where),
        url=_url(record.get("url"), where, "url"),
        image=_url(record.get("image"), where, "image"),
        tags=_tags(record.get("tags"), where),
        in_stock=_in_stock(record.get("in_stock"), where),
    )


# --------------------------------------------------------------------------- line reading


def _lines(stream: IO[bytes], counter: list[int] | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, text)`` for each line, bounded in length, decoded as UTF-8."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if counter is not None:
            counter[0] = number
        if len(raw) > MAX_LINE_BYTES:
            raise _LineError(number, f"line is longer than {MAX_LINE_BYTES} bytes")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _LineError(
                number, f"not UTF-8 text (bad byte at offset {exc.start}); save the file as UTF-8"
            ) from None
        if "\x00" in text:
            raise _LineError(number, "contains a NUL byte; is this a binary file?")
        yield number, text


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


# --------------------------------------------------------------------------- JSON Lines


def _read_jsonl(stream: IO[bytes]) -> Iterator[Product]:
    row = 0
    lines = _lines(stream)
    while True:
        try:
            item = next(lines, None)
        except _LineError as exc:
            raise _Where(row + 1, exc.line).error(None, exc.message) from None
        if item is None:
            return
        number, text = item
        if not text.strip():
            continue
        row += 1
        where = _Where(row, number)
        try:
            obj = json.loads(
                text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant
            )
        except _DuplicateKeyError as exc:
            raise where.error(exc.key, "given twice in the same object") from None
        except json.JSONDecodeError as exc:
            raise where.error(None, f"invalid JSON at column {exc.colno}: {exc.msg}") from None
        except (ValueError, RecursionError) as exc:
            raise where.error(None, f"invalid JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise where.error(None, f"expected a JSON object {{...}}, got {_kind(obj)}")
        yield product_from_record(obj, row, number)


# --------------------------------------------------------------------------- CSV and TSV


def _table(stream: IO[bytes], delimiter: str) -> Iterator[tuple[_Where, list[str]]]:
    """Yield ``(where, cells)`` per non-blank record; the header comes first with row 0."""
    counter = [0]
    lines = (text for _, text in _lines(stream, counter))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    row = -1
    while True:
        start = counter[0] + 1
        try:
            cells = next(reader, None)
        except (_LineError, csv.Error) as exc:
            line = exc.line if isinstance(exc, _LineError) else start
            message = exc.message if isinstance(exc, _LineError) else f"malformed line: {exc}"
            if row < 0:
                raise CatalogError(f"header (line {line}): {message}") from None
            raise _Where(row + 1, line).error(None, message) from None
        if cells is None:
            return
        if not any(c.strip() for c in cells):
            continue
        row += 1
        yield _Where(row, start), cells


def _header(cells: list[str], where: _Where, *, gmc: bool) -> list[str]:
    names: list[str] = []
    for position, cell in enumerate(cells, 1):
        name = cell.strip().lower()
        if gmc:
            name = re.sub(r"\s+", "_", name.removeprefix(_GMC_NS_PREFIX))
        if not name:
            raise CatalogError(f"header (line {where.line}): column {position} has no name")
        if name in names:
            raise CatalogError(
                f"column appears twice in the header (line {where.line})", field=name
            )
        names.append(name)
    return names


def _csv_record(names: list[str], cells: list[str], where: _Where) -> dict[str, Any]:
    record: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    for name, cell in zip(names, cells, strict=True):
        if name.startswith(ATTR_PREFIX):
            key = name[len(ATTR_PREFIX) :]
            if cell.strip():
                if key in attributes:
                    raise where.error(f"attributes.{key}", "given twice")
                attributes[key] = cell
        elif name == "attributes":
            if cell.strip():
                try:
                    parsed = json.loads(cell, object_pairs_hook=_no_duplicate_keys)
                except (ValueError, RecursionError):
                    raise where.error(
                        "attributes", 'expected a JSON object like {"color": "black"}'
                    ) from None
                if not isinstance(parsed, dict):
                    raise where.error("attributes", f"expected a JSON object, got {_kind(parsed)}")
                for key, value in parsed.items():
                    if key in attributes:
                        raise where.error(f"attributes.{key}", "given twice")
                    attributes[key] = value
        elif name in REQUIRED or cell.strip():
            record[name] = cell
    if attributes:
        record["attributes"] = attributes
    return record


def _check_width(names: list[str], cells: list[str], where: _Where) -> None:
    if len(cells) != len(names):
        raise where.error(None, f"expected {len(names)} cells as in the header, got {len(cells)}")


def _read_csv(stream: IO[bytes]) -> Iterator[Product]:
    names: list[str] = []
    for where, cells in _table(stream, ","):
        if where.row == 0:
            names = _header(cells, where, gmc=False)
            for name in names:
                if name not in FIELDS and not name.startswith(ATTR_PREFIX):
                    raise CatalogError(
                        f"unknown column in the header (line {where.line}); use "
                        f"'{ATTR_PREFIX}{name}' for an attribute or one of {', '.join(FIELDS)}",
                        field=name,
                    )
            for name in REQUIRED:
                if name not in names:
                    raise CatalogError(
                        f"required column is missing from the header (line {where.line})",
                        field=name,
                    )
            continue
        _check_width(names, cells, where)
        yield product_from_record(_csv_record(names, cells, where), where.row, where.line)


# --------------------------------------------------------------------------- Merchant Center


def _gmc_category(record: Mapping[str, str], where: _Where) -> str:
    for name in ("product_type", "google_product_category"):
        raw = (record.get(name) or "").strip()
        last = raw.split(">")[-1].strip()
        if last and not last.isdigit():
            return last
    raise where.error(
        "product_type",
        "needed for the category: give product_type (e.g. 'Electronics > Audio > Headphones') "
        "or a google_product_category path (numeric ids are not supported)",
    )


def _gmc_product(record: Mapping[str, str], where: _Where) -> Product:
    ours: dict[str, Any] = {}
    for gmc_name, name in _GMC_FIELDS.items():
        value = record.get(gmc_name)
        if value is not None and value.strip():
            ours[name] = value
    for name in ("id", "title", "brand", "price"):
        if not (record.get(name) or "").strip():
            raise where.error(name, "required field is missing")
    price_text = record["price"].strip()
    match = _GMC_PRICE.fullmatch(price_text)
    if not match:
        raise where.error(
            "price", f"expected '<amount> <currency>' like '129.00 USD', got {_show(price_text)}"
        )
    ours["price"] = match.group(1)
    ours["currency"] = match.group(2)
    ours["category"] = _gmc_category(record, where)
    availability = " ".join((record.get("availability") or "").lower().split())
    if availability:
        if availability not in _GMC_AVAILABILITY:
            raise where.error(
                "availability",
                f"expected in stock, out of stock, preorder or backorder, got {_show(availability)}",
            )
        ours["in_stock"] = _GMC_AVAILABILITY[availability]
    attributes = {k: record[k] for k in _GMC_ATTRIBUTES if (record.get(k) or "").strip()}
    if attributes:
        ours["attributes"] = attributes
    return product_from_record(ours, where.row, where.line)


def _read_gmc_tsv(stream: IO[bytes]) -> Iterator[Product]:
    names: list[str] = []
    for where, cells in _table(stream, "\t"):
        if where.row == 0:
            names = _header(cells, where, gmc=True)
            for name in _GMC_REQUIRED_COLUMNS:
                if name not in names:
                    raise CatalogError(
                        f"required Merchant Center column is missing from the header "
                        f"(line {where.line})",
                        field=name,
                    )
            if "product_type" not in names and "google_product_category" not in names:
                raise CatalogError(
                    f"the header (line {where.line}) needs a product_type or "
                    "google_product_category column",
                    field="product_type",
                )
            continue
        _check_width(names, cells, where)
        yield _gmc_product(dict(zip(names, cells, strict=True)), where)


class _FeedParser:
    """Streaming RSS 2.0 / Atom product feed reader on expat; refuses DTDs and entities."""

    def __init__(self) -> None:
        self.items: list[tuple[int, dict[str, str]]] = []
        self._parser = expat.ParserCreate(namespace_separator=" ")
        self._parser.buffer_text = True
        self._parser.StartDoctypeDeclHandler = self._refuse_dtd
        self._parser.EntityDeclHandler = self._refuse_entity
        self._parser.ExternalEntityRefHandler = self._refuse_entity
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._text
        self._depth = 0
        self._item_depth = 0
        self._item: dict[str, str] | None = None
        self._item_line = 0
        self._field: str | None = None
        self._chunks: list[str] = []
        self._size = 0

    def _refuse_dtd(self, *_: Any) -> None:
        raise CatalogError(
            f"XML line {self._parser.CurrentLineNumber}: DOCTYPE/DTD declarations are refused"
        )

    def _refuse_entity(self, *_: Any) -> int:
        raise CatalogError(
            f"XML line {self._parser.CurrentLineNumber}: entity declarations are refused"
        )

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._depth += 1
        local = name.rsplit(" ", 1)[-1]
        if self._item is None:
            if local in ("item", "entry"):
                self._item = {}
                self._item_depth = self._depth
                self._item_line = self._parser.CurrentLineNumber
        elif self._depth == self._item_depth + 1:
            self._field = local
            self._chunks = []
            self._size = 0
            href = next((v for k, v in attrs.items() if k.rsplit(" ", 1)[-1] == "href"), None)
            if href is not None:
                self._chunks.append(href)

    def _text(self, data: str) -> None:
        if self._field is not None and self._depth == self._item_depth + 1:
            self._size += len(data)
            if self._size > MAX_LINE_BYTES:
                where = _Where(len(self.items) + 1, self._item_line)
                raise where.error(self._field, f"longer than {MAX_LINE_BYTES} characters")
            self._chunks.append(data)

    def _end(self, name: str) -> None:
        if self._item is not None:
            if self._depth == self._item_depth + 1 and self._field is not None:
                self._item.setdefault(self._field, "".join(self._chunks))
                self._field = None
            elif self._depth == self._item_depth:
                self.items.append((self._item_line, self._item))
                self._item = None
        self._depth -= 1

    def feed(self, data: bytes, final: bool = False) -> None:
        try:
            self._parser.Parse(data, final)
        except expat.ExpatError as exc:
            raise CatalogError(
                f"invalid XML at line {exc.lineno}, column {exc.offset + 1}: "
                f"{expat.ErrorString(exc.code)}"
            ) from None


def _read_gmc_xml(stream: IO[bytes]) -> Iterator[Product]:
    feed = _FeedParser()
    row = 0
    while True:
        chunk = stream.read(1 << 16)
        feed.feed(chunk, final=not chunk)
        for line, record in feed.items:
            row += 1
            yield _gmc_product(record, _Where(row, line))
        feed.items.clear()
        if not chunk:
            return


# --------------------------------------------------------------------------- public API

_READERS = {
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "gmc-tsv": _read_gmc_tsv,
    "gmc-xml": _read_gmc_xml,
}


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
            raise CatalogError(f"cannot read the file: {exc.strerror or exc}") from None
        return "gmc-xml" if head.startswith(b"<") else "gmc-tsv"
    raise CatalogError(
        f"unsupported file type {suffix or '(no extension)'!r}: expected .jsonl, .csv, "
        ".tsv or .txt (Merchant Center TSV), or .xml (Merchant Center RSS)"
    )


def _check_magic(head: bytes) -> None:
    for magic, name in ((b"\x1f\x8b", "gzip"), (b"PK\x03\x04", "zip"), (b"BZh", "bzip2")):
        if head.startswith(magic):
            raise CatalogError(f"this is a {name}-compressed file; decompress it first")


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
        raise CatalogError(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        _check_magic(stream.peek(4)[:4])
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
        raise CatalogError(f"cannot read the file: {exc.strerror or exc}") from None
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


def _write_atomic(
    path: str | os.PathLike[str], write: Callable[[IO[str]], None], newline: str | None = None
) -> None:
    """Write through a temporary file in the target folder, then rename it into place."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("x", encoding="utf-8", newline=newline) as out:
            write(out)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def dump_jsonl(products: Iterable[Product], path: str | os.PathLike[str]) -> int:
    """Write products as normalized JSON Lines (atomically); returns how many were written."""
    count = 0

    def write(out: IO[str]) -> None:
        nonlocal count
        for product in products:
            out.write(json.dumps(product.to_dict(), ensure_ascii=False) + "\n")
            count += 1

    _write_atomic(path, write)
    return count


def dump_csv(products: Iterable[Product], path: str | os.PathLike[str]) -> int:
    """Write products as CSV with one ``attr_<name>`` column per attribute; returns the count."""
    items = list(products)
    attr_names = sorted({name for p in items for name in p.attributes})
    header = [f for f in FIELDS if f != "attributes"] + [ATTR_PREFIX + n for n in attr_names]

    def write(out: IO[str]) -> None:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for p in items:
            writer.writerow(
                [
                    p.id,
                    p.title,
                    p.brand,
                    p.category,
                    f"{p.price:.2f}",
                    p.currency,
                    p.description,
                    p.url,
                    p.image,
                    "|".join(p.tags),
                    "true" if p.in_stock else "false",
                ]
                + [p.attributes.get(n, "") for n in attr_names]
            )

    _write_atomic(path, write, newline="")
    return len(items)
