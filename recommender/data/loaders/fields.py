"""Turn one record with the catalog's field names into a validated, normalized Product."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from recommender.data.catalog import Product
from recommender.errors import CatalogError

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
_MAX_ATTR_VALUE = 500
_MAX_TAGS = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # allows \t and \n (descriptions)
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PRICE_TEXT = re.compile(r"\d{1,15}(?:\.\d{1,6})?")
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_ATTR_KEY = re.compile(r"[\w]+")
_TRUE = frozenset({"true", "yes", "y", "1", "in stock", "in_stock", "instock"})
_FALSE = frozenset({"false", "no", "n", "0", "out of stock", "out_of_stock", "outofstock"})


@dataclass(frozen=True)
class Where:
    """Position of one record, for error messages: data row and (when it differs) file line."""

    row: int
    line: int | None = None

    def error(self, field: str | None, message: str) -> CatalogError:
        """A :class:`CatalogError` naming this record's row, ``field`` and file line."""
        if self.line is not None and self.line != self.row:
            message = f"{message} (line {self.line})"
        return CatalogError(message, row=self.row, field=field)


def show(value: Any, limit: int = 40) -> str:
    """Short ``repr`` of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def kind(value: Any) -> str:
    """What a parsed value is, in words, for an error message."""
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


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bounded(text: str, where: Where, field: str, limit: int, control: re.Pattern[str]) -> str:
    if len(text) > limit:
        raise where.error(field, f"longer than {limit} characters")
    if control.search(text):
        raise where.error(field, "contains control characters")
    return text


def _text(value: Any, where: Where, field: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise where.error(field, f"expected text, got {kind(value)}")
    text = _number_text(value) if isinstance(value, (int, float)) else value.strip()
    if field == "description":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = " ".join(text.split())
    if required and not text:
        raise where.error(field, "required, but empty")
    control = _CONTROL if field == "description" else _ANY_CONTROL
    return _bounded(text, where, field, _MAX_LEN.get(field, _MAX_URL), control)


def _slug(value: Any, where: Where) -> str:
    text = _text(value, where, "category", required=True)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[\W_]+", "-", (folded or text).lower()).strip("-")
    if not slug:
        raise where.error("category", f"no letters or digits in {show(text)}")
    return slug


def _price(value: Any, where: Where) -> float:
    bad = where.error("price", f"expected a non-negative number, got {show(value)}")
    if isinstance(value, bool) or value is None:
        raise bad
    if isinstance(value, (int, float)):
        amount = Decimal(str(value))  # str() of a float NaN/inf parses to a non-finite Decimal
        if not amount.is_finite() or amount < 0:
            raise bad
    elif isinstance(value, str) and _PRICE_TEXT.fullmatch(value.strip()):
        amount = Decimal(value.strip())
    else:
        raise bad
    if amount >= MAX_PRICE:
        raise where.error("price", f"expected a price below {MAX_PRICE}, got {show(value)}")
    return float(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _currency(value: Any, where: Where) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "USD"
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value.strip()):
        raise where.error(
            "currency", f"expected a 3-letter ISO 4217 code like 'USD', got {show(value)}"
        )
    return value.strip().upper()


def _url(value: Any, where: Where, field: str) -> str:
    text = _text(value, where, field)
    if text and not _URL.fullmatch(text):
        raise where.error(field, f"expected an http:// or https:// URL, got {show(text)}")
    return text


def _attr_value(value: Any, where: Where, field: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise where.error(field, f"expected a finite number, got {value}")
        return _number_text(value)
    if isinstance(value, str):
        return _bounded(" ".join(value.split()), where, field, _MAX_ATTR_VALUE, _ANY_CONTROL)
    raise where.error(field, f"expected text, a number or a boolean, got {kind(value)}")


def _attr_key(key: Any, where: Where) -> str:
    if not isinstance(key, str):
        raise where.error("attributes", f"attribute names must be text, got {show(key)}")
    name = re.sub(r"[\s\-]+", "_", key.strip().lower())
    if not name or not _ATTR_KEY.fullmatch(name) or len(name) > 64:
        raise where.error(
            "attributes", f"attribute name {show(key)} must be letters, digits and '_'"
        )
    return name


def _attributes(value: Any, where: Where) -> dict[str, str]:
    if value is None or value == "":
        return {}
    if not isinstance(value, Mapping):
        raise where.error("attributes", f"expected an object of name -> value, got {kind(value)}")
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


def _tags(value: Any, where: Where) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = value.split("|") if "|" in value else value.split(",")
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise where.error("tags", f"expected a list of text, got {kind(value)}")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise where.error("tags", f"expected a list of text, found {kind(item)}")
        tag = " ".join(item.lower().split())
        if "," in tag or "|" in tag:
            raise where.error("tags", f"a tag must not contain ',' or '|': {show(item)}")
        if _ANY_CONTROL.search(tag) or len(tag) > 100:
            raise where.error("tags", f"invalid tag {show(item)}")
        if tag and tag not in out:
            out.append(tag)
    if len(out) > _MAX_TAGS:
        raise where.error("tags", f"more than {_MAX_TAGS} tags")
    return tuple(out)


def _in_stock(value: Any, where: Where) -> bool:
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
    raise where.error("in_stock", f"expected true or false, got {show(value)}")


def product_from_record(record: Mapping[str, Any], row: int, line: int | None = None) -> Product:
    """Validate and normalize one record with the catalog's field names into a :class:`Product`.

    Args:
        record: field name -> value, as parsed from JSON (CSV cells are strings).
        row: 1-based data row, for error messages.
        line: 1-based line in the file, added to error messages when it differs from ``row``.

    Raises:
        CatalogError: a required field is missing or a value is invalid; names row and field.
    """
    where = Where(row, line)
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
