"""Read Google Merchant Center product feeds: tab-separated text and RSS 2.0 / Atom XML."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import IO, Any
from xml.parsers import expat

from recommender.data.catalog import Product
from recommender.data.loaders.delimited import read_rows, require_columns
from recommender.data.loaders.fields import Where, product_from_record, show
from recommender.data.loaders.lines import MAX_LINE_BYTES
from recommender.errors import CatalogError

# Merchant Center field -> our field; the listed extra fields become attributes.
_FIELDS = {
    "id": "id",
    "title": "title",
    "description": "description",
    "link": "url",
    "image_link": "image",
    "brand": "brand",
}
_ATTRIBUTES = ("color", "size", "gender", "age_group", "material", "pattern", "condition")
_AVAILABILITY = {
    "in stock": True,
    "in_stock": True,
    "out of stock": False,
    "out_of_stock": False,
    "preorder": False,
    "backorder": False,
}
_REQUIRED = ("id", "title", "brand", "price")
_REQUIRED_COLUMNS = ("id", "title", "price", "brand")
_PRICE = re.compile(r"(\d{1,15}(?:\.\d{1,6})?)\s*([A-Za-z]{3})")
_NS_PREFIX = "g:"


def _category(record: Mapping[str, str], where: Where) -> str:
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


def _product(record: Mapping[str, str], where: Where) -> Product:
    """Map one feed item (Merchant Center field -> text) onto our fields and validate it."""
    ours: dict[str, Any] = {}
    for gmc_name, name in _FIELDS.items():
        value = record.get(gmc_name)
        if value is not None and value.strip():
            ours[name] = value
    for name in _REQUIRED:
        if not (record.get(name) or "").strip():
            raise where.error(name, "required field is missing")
    price_text = record["price"].strip()
    match = _PRICE.fullmatch(price_text)
    if not match:
        raise where.error(
            "price", f"expected '<amount> <currency>' like '129.00 USD', got {show(price_text)}"
        )
    ours["price"] = match.group(1)
    ours["currency"] = match.group(2)
    ours["category"] = _category(record, where)
    availability = " ".join((record.get("availability") or "").lower().split())
    if availability:
        if availability not in _AVAILABILITY:
            raise where.error(
                "availability",
                f"expected in stock, out of stock, preorder or backorder, got {show(availability)}",
            )
        ours["in_stock"] = _AVAILABILITY[availability]
    attributes = {k: record[k] for k in _ATTRIBUTES if (record.get(k) or "").strip()}
    if attributes:
        ours["attributes"] = attributes
    return product_from_record(ours, where.row, where.line)


# --------------------------------------------------------------------------- TSV


def _column_name(name: str) -> str:
    return re.sub(r"\s+", "_", name.removeprefix(_NS_PREFIX))


def _check_header(names: list[str], where: Where) -> None:
    require_columns(names, _REQUIRED_COLUMNS, where, "required Merchant Center column")
    if "product_type" not in names and "google_product_category" not in names:
        raise CatalogError(
            f"the header (line {where.line}) needs a product_type or "
            "google_product_category column",
            field="product_type",
        )


def read_gmc_tsv(stream: IO[bytes]) -> Iterator[Product]:
    """Yield one validated product per data row of a Merchant Center TSV feed.

    Raises:
        CatalogError: the header or a row is invalid.
    """
    for where, record in read_rows(stream, "\t", _check_header, rename=_column_name):
        yield _product(record, where)


# --------------------------------------------------------------------------- XML


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
        self._parser.CharacterDataHandler = self._chars
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
        # Unreachable while DTDs are refused (entities are declared in one); kept as a second lock.
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

    def _chars(self, data: str) -> None:
        if self._field is not None and self._depth == self._item_depth + 1:
            self._size += len(data)
            if self._size > MAX_LINE_BYTES:
                where = Where(len(self.items) + 1, self._item_line)
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
        """Parse the next chunk; finished items are appended to :attr:`items`."""
        try:
            self._parser.Parse(data, final)
        except expat.ExpatError as exc:
            raise CatalogError(
                f"invalid XML at line {exc.lineno}, column {exc.offset + 1}: "
                f"{expat.ErrorString(exc.code)}"
            ) from None


def read_gmc_xml(stream: IO[bytes]) -> Iterator[Product]:
    """Yield one validated product per ``<item>`` / ``<entry>`` of a Merchant Center XML feed.

    Raises:
        CatalogError: the XML is malformed or hostile, or an item is invalid.
    """
    feed = _FeedParser()
    row = 0
    while True:
        chunk = stream.read(1 << 16)
        feed.feed(chunk, final=not chunk)
        for line, record in feed.items:
            row += 1
            yield _product(record, Where(row, line))
        feed.items.clear()
        if not chunk:
            return
