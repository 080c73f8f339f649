"""Validation of request bodies and query parameters; every failure is a ``ValidationError``.

Policy (also in docs/API.md):

* unknown top-level keys and unknown slot keys are ignored (Rasa sends whatever slots the
  bot has; the recommender must not break when the bot grows a slot);
* ``message`` longer than ``server.max_message_chars`` is cut, not rejected;
* ``exclude_ids`` and ``seen_ids`` longer than ``retrieval.max_exclude_ids`` keep their last
  entries (the most recently shown products);
* slot strings are cleaned like user text (HTML and control characters removed);
* budgets: non-negative finite numbers or amount strings ("$50", "1.2k"); booleans, NaN,
  infinities, negatives and unparsable strings are rejected.
"""

from __future__ import annotations

import math
from typing import Any

from genrec_core.budget import parse_amount
from recommender.config import Config
from recommender.errors import ValidationError
from recommender.pipeline.schemas import ANY, RecommendRequest, Slots
from recommender.pipeline.text import normalize_text

MAX_SLOT_CHARS = 100
MAX_ATTRIBUTES = 20
MAX_ATTRIBUTE_KEY_CHARS = 64
MAX_ATTRIBUTE_VALUE_CHARS = 128
MAX_ID_CHARS = 128


def _require_object(body: Any, name: str = "body") -> dict[str, Any]:
    if not isinstance(body, dict):
        raise ValidationError(name, "expected a JSON object")
    return body


def _string(
    body: dict[str, Any], key: str, *, required: bool, min_len: int = 0, max_len: int | None = None
) -> str | None:
    if key not in body or body[key] is None:
        if required:
            raise ValidationError(key, "is required")
        return None
    value = body[key]
    if not isinstance(value, str):
        raise ValidationError(key, "expected a string")
    if len(value.strip()) < min_len:
        raise ValidationError(key, f"must have at least {min_len} non-blank character(s)")
    if max_len is not None and len(value) > max_len:
        raise ValidationError(key, f"must be at most {max_len} characters")
    return value


def _slot_text(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(name, "expected a string or null")
    if len(value) > MAX_SLOT_CHARS:
        raise ValidationError(name, f"must be at most {MAX_SLOT_CHARS} characters")
    text = normalize_text(value, MAX_SLOT_CHARS).text
    return text or None


def parse_budget(value: Any, name: str) -> float | None:
    """A budget slot: None, a non-negative finite number, or an amount string."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(name, "expected a number")
    if isinstance(value, int | float):
        amount: float | None = float(value)
    elif isinstance(value, str):
        if len(value) > MAX_SLOT_CHARS:
            raise ValidationError(name, "expected an amount")
        text = normalize_text(value, MAX_SLOT_CHARS).text
        if not text:
            return None
        amount = parse_amount(text)
        if amount is None:
            raise ValidationError(name, f"expected an amount, got {text[:20]!r}")
    else:
        raise ValidationError(name, "expected a number")
    if amount is None or not math.isfinite(amount):
        raise ValidationError(name, "must be a finite number")
    if amount < 0:
        raise ValidationError(name, "must not be negative")
    return amount


def _attributes(value: Any) -> tuple[dict[str, str], set[str]]:
    name = "slots.attributes"
    if value is None:
        return {}, set()
    if not isinstance(value, dict):
        raise ValidationError(name, "expected an object")
    if len(value) > MAX_ATTRIBUTES:
        raise ValidationError(name, f"at most {MAX_ATTRIBUTES} attributes")
    out: dict[str, str] = {}
    anys: set[str] = set()
    for key, raw in value.items():
        field = f"{name}.{key}"[:100]
        clean_key = normalize_text(key, MAX_ATTRIBUTE_KEY_CHARS).text.lower()
        if not clean_key or len(key) > MAX_ATTRIBUTE_KEY_CHARS:
            raise ValidationError(
                field, f"attribute names are 1..{MAX_ATTRIBUTE_KEY_CHARS} characters"
            )
        if raw is None:
            continue
        if isinstance(raw, bool):
            raw = "yes" if raw else "no"
        elif isinstance(raw, int | float) and math.isfinite(raw):
            raw = str(raw)
        if not isinstance(raw, str):
            raise ValidationError(field, "expected a string, number, boolean or null")
        if len(raw) > MAX_ATTRIBUTE_VALUE_CHARS:
            raise ValidationError(field, f"must be at most {MAX_ATTRIBUTE_VALUE_CHARS} characters")
        text = normalize_text(raw, MAX_ATTRIBUTE_VALUE_CHARS).text
        if text.casefold() == ANY:
            anys.add(clean_key)
        elif text:
            out[clean_key] = text
    return out, anys


def parse_slots(value: Any) -> Slots:
    """Validate the ``slots`` object; "any" (any case) marks a slot explicitly unconstrained."""
    if value is None:
        return Slots()
    slots = _require_object(value, "slots")
    anys: set[str] = set()
    texts: dict[str, str | None] = {}
    for key in ("category", "brand"):
        text = _slot_text(slots.get(key), f"slots.{key}")
        if text is not None and text.casefold() == ANY:
            anys.add(key)
            text = None
        texts[key] = text
    budgets: dict[str, float | None] = {}
    for key in ("budget_min", "budget_max"):
        raw = slots.get(key)
        if isinstance(raw, str) and raw.strip().casefold() == ANY:
            anys.add(key)
            budgets[key] = None
        else:
            budgets[key] = parse_budget(raw, f"slots.{key}")
    lo, hi = budgets["budget_min"], budgets["budget_max"]
    if lo is not None and hi is not None and lo > hi:
        raise ValidationError("slots.budget_min", "must not exceed budget_max")
    attributes, attr_any = _attributes(slots.get("attributes"))
    anys |= {f"attributes.{k}" for k in attr_any}
    anys |= _any_list(slots.get("any"))
    if {"budget_min", "budget_max"} & anys:
        anys = (anys - {"budget_min", "budget_max"}) | {"budget"}
    tier = slots.get("price_tier")
    if tier is not None and tier not in ("low", "high"):
        raise ValidationError("slots.price_tier", "expected 'low', 'high' or null")
    return Slots(
        category=texts["category"],
        brand=texts["brand"],
        budget_min=lo,
        budget_max=hi,
        attributes=attributes,
        any=frozenset(anys),
        price_tier=tier,
    )


def _any_list(value: Any) -> set[str]:
    """The ``slots.any`` list: field names the shopper declined ("brand", "attributes.color")."""
    if value is None:
        return set()
    if not isinstance(value, list) or len(value) > MAX_ATTRIBUTES + 3:
        raise ValidationError("slots.any", "expected a list of field names")
    out = set()
    for i, name in enumerate(value):
        if not isinstance(name, str) or not 1 <= len(name) <= MAX_ATTRIBUTE_KEY_CHARS + 11:
            raise ValidationError(f"slots.any[{i}]", "expected a field name")
        if name in ("category", "brand", "budget") or name.startswith("attributes."):
            out.add(name)
        elif name in ("budget_min", "budget_max"):
            out.add("budget")
        else:
            raise ValidationError(f"slots.any[{i}]", f"unknown field {name[:40]!r}")
    return out


def parse_limit(
    value: Any, *, default: int, maximum: int, name: str = "limit", from_query: bool = False
) -> int:
    """An integer in ``1..maximum``; None -> ``default``. Digit strings are accepted only
    ``from_query`` (a query string has no numbers); a JSON body must send a number."""
    if value is None:
        return default
    if from_query and isinstance(value, str) and value.strip().isdigit() and len(value) < 10:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, "expected an integer")
    if not 1 <= value <= maximum:
        raise ValidationError(name, f"must be between 1 and {maximum}")
    return value


def parse_exclude_ids(value: Any, keep: int, name: str = "exclude_ids") -> tuple[str, ...]:
    """A list of product ids (strings); only the last ``keep`` are kept."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValidationError(name, "expected a list of product ids")
    for i, pid in enumerate(value):
        if not isinstance(pid, str) or not 1 <= len(pid) <= MAX_ID_CHARS:
            raise ValidationError(
                f"{name}[{i}]", f"expected a product id string of 1..{MAX_ID_CHARS} characters"
            )
    return tuple(value[-keep:]) if keep else ()


def parse_recommend_request(body: Any, config: Config) -> RecommendRequest:
    """Validate a ``POST /recommend`` body.

    Raises:
        ValidationError: naming the first offending field.
    """
    obj = _require_object(body)
    user_id = _string(
        obj, "user_id", required=True, min_len=1, max_len=config.server.max_user_id_chars
    )
    message = _string(obj, "message", required=True) or ""
    return RecommendRequest(
        user_id=user_id or "",
        message=message,
        slots=parse_slots(obj.get("slots")),
        exclude_ids=parse_exclude_ids(obj.get("exclude_ids"), config.retrieval.max_exclude_ids),
        limit=parse_limit(
            obj.get("limit"),
            default=config.retrieval.default_limit,
            maximum=config.retrieval.max_limit,
        ),
        session_id=_string(obj, "session_id", required=False, min_len=1, max_len=MAX_ID_CHARS),
        context=(_string(obj, "context", required=False) or "")[: config.server.max_message_chars],
        asked=_asked(obj.get("asked")),
        probe=_flag(obj.get("probe"), "probe"),
        seen_ids=parse_exclude_ids(
            obj.get("seen_ids"), config.retrieval.max_exclude_ids, "seen_ids"
        ),
        similar_to=_string(obj, "similar_to", required=False, min_len=1, max_len=MAX_ID_CHARS),
    )


def _flag(value: Any, name: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ValidationError(name, "expected true or false")
    return value


def _asked(value: Any) -> str | None:
    """The ``asked`` field: the preference the assistant asked about last turn."""
    if value is None:
        return None
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_ATTRIBUTE_KEY_CHARS + 11:
        raise ValidationError("asked", "expected a field name")
    if value in ("category", "brand", "budget") or value.startswith("attributes."):
        return value
    raise ValidationError("asked", f"unknown field {value[:40]!r}")


def parse_parse_request(body: Any) -> str:
    """Validate a ``POST /parse`` body: ``{"text": str}``; returns the text."""
    obj = _require_object(body)
    return _string(obj, "text", required=True) or ""
