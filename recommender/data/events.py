"""Behaviour events: the event model and the validation of ``POST /events`` bodies.

An event is ``{event_id, user_id, session_id?, type, product_id?, ts, context?}``. Product
events (view, click, add_to_cart, purchase, recommended) need a ``product_id`` that exists in
the catalog; ``feedback`` needs ``context.value`` "up" or "down" and may name a product.
``ts`` is ISO-8601 (a zone offset or ``Z``; no offset means UTC) or epoch seconds, not before
2000 and at most ``events.max_future_s`` in the future (epoch milliseconds sent as seconds
land thousands of years ahead and are refused).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from recommender.errors import ValidationError, ValidationErrors

EVENT_TYPES = ("view", "click", "add_to_cart", "purchase", "recommended", "feedback")
PRODUCT_TYPES = frozenset({"view", "click", "add_to_cart", "purchase", "recommended"})
INTERACTION_TYPES = frozenset({"view", "click", "add_to_cart", "purchase"})
FEEDBACK_VALUES = ("up", "down")
MIN_TS = 946_684_800.0  # 2000-01-01T00:00:00Z
MAX_ID_CHARS = 128
MAX_CONTEXT_BYTES = 4_000


@dataclass(frozen=True)
class Event:
    """One validated behaviour event; ``ts`` is epoch seconds (UTC)."""

    event_id: str
    user_id: str
    type: str
    ts: float
    product_id: str | None = None
    session_id: str | None = None
    context: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; ``ts`` as ISO-8601 UTC."""
        return {
            "event_id": self.event_id,
            "user_id": self.user_id,
            "session_id": self.session_id,
            "type": self.type,
            "product_id": self.product_id,
            "ts": datetime.fromtimestamp(self.ts, UTC).isoformat().replace("+00:00", "Z"),
            "context": dict(self.context),
        }


def parse_ts(value: Any, name: str, *, now: float, max_future_s: float) -> float:
    """Epoch seconds from ISO-8601 text or a number; refuses pre-2000 and far-future times."""
    if isinstance(value, bool) or value is None:
        raise ValidationError(name, "expected an ISO-8601 time or epoch seconds")
    if isinstance(value, int | float):
        ts = float(value)
    elif isinstance(value, str):
        text = value.strip()
        try:
            ts = float(text)
        except ValueError:
            try:
                parsed = datetime.fromisoformat(text.replace("z", "Z"))
            except ValueError:
                raise ValidationError(name, f"not an ISO-8601 time: {text[:40]!r}") from None
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            ts = parsed.timestamp()
    else:
        raise ValidationError(name, "expected an ISO-8601 time or epoch seconds")
    if not math.isfinite(ts):
        raise ValidationError(name, "must be finite")
    if ts < MIN_TS:
        raise ValidationError(name, "is before 2000-01-01")
    if ts > now + max_future_s:
        raise ValidationError(name, f"is more than {max_future_s:g} s in the future")
    return ts


def _id(obj: Mapping[str, Any], key: str, prefix: str, *, required: bool) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise ValidationError(prefix + key, "is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(prefix + key, "expected a non-empty string")
    if len(value) > MAX_ID_CHARS:
        raise ValidationError(prefix + key, f"must be at most {MAX_ID_CHARS} characters")
    return value


def parse_event(
    obj: Any,
    prefix: str,
    *,
    has_product: Callable[[str], bool],
    now: float,
    max_future_s: float,
) -> tuple[Event | None, list[ValidationError]]:
    """Validate one event object; returns the event or every error found in it."""
    if not isinstance(obj, dict):
        return None, [ValidationError(prefix.rstrip(".") or "body", "expected a JSON object")]
    errors: list[ValidationError] = []
    values: dict[str, Any] = {}

    def check(key: str, fn: Callable[[], Any]) -> None:
        try:
            values[key] = fn()
        except ValidationError as exc:
            errors.append(exc)

    check("event_id", lambda: _id(obj, "event_id", prefix, required=True))
    check("user_id", lambda: _id(obj, "user_id", prefix, required=True))
    check("session_id", lambda: _id(obj, "session_id", prefix, required=False))
    check("product_id", lambda: _id(obj, "product_id", prefix, required=False))
    check(
        "ts",
        lambda: parse_ts(obj.get("ts"), prefix + "ts", now=now, max_future_s=max_future_s),
    )
    kind = obj.get("type")
    if kind not in EVENT_TYPES:
        errors.append(ValidationError(prefix + "type", f"must be one of {', '.join(EVENT_TYPES)}"))
        kind = None
    context = obj.get("context")
    if context is None:
        context = {}
    if not isinstance(context, dict):
        errors.append(ValidationError(prefix + "context", "expected an object"))
        context = {}
    elif len(json.dumps(context, default=str)) > MAX_CONTEXT_BYTES:
        errors.append(ValidationError(prefix + "context", f"larger than {MAX_CONTEXT_BYTES} bytes"))
    product_id = values.get("product_id")
    if kind in PRODUCT_TYPES and product_id is None and "product_id" in values:
        errors.append(ValidationError(prefix + "product_id", f"is required for {kind} events"))
    if product_id is not None and not has_product(product_id):
        errors.append(ValidationError(prefix + "product_id", f"unknown product {product_id!r}"))
    if kind == "feedback" and context.get("value") not in FEEDBACK_VALUES:
        errors.append(ValidationError(prefix + "context.value", 'must be "up" or "down"'))
    if errors or kind is None:
        return None, errors
    return (
        Event(
            event_id=values["event_id"],
            user_id=values["user_id"],
            type=kind,
            ts=values["ts"],
            product_id=product_id,
            session_id=values.get("session_id"),
            context=context,
        ),
        [],
    )


def parse_events(
    body: Any,
    *,
    has_product: Callable[[str], bool],
    max_batch: int = 500,
    max_future_s: float = 300.0,
    now: float | None = None,
) -> list[Event]:
    """Validate one event or ``{"events": [...]}``.

    Raises:
        ValidationErrors: one entry per bad field, named ``events[3].type`` in a batch and
            ``type`` for a single event; nothing of the body is accepted then.
    """
    now = time.time() if now is None else now
    if not isinstance(body, dict):
        raise ValidationError("body", "expected a JSON object")
    if "events" in body:
        items = body["events"]
        if not isinstance(items, list) or not items:
            raise ValidationError("events", "expected a non-empty list of events")
        if len(items) > max_batch:
            raise ValidationError("events", f"at most {max_batch} events per request")
        prefixes = [f"events[{i}]." for i in range(len(items))]
    else:
        items, prefixes = [body], [""]
    events: list[Event] = []
    errors: list[ValidationError] = []
    for item, prefix in zip(items, prefixes, strict=True):
        event, errs = parse_event(
            item, prefix, has_product=has_product, now=now, max_future_s=max_future_s
        )
        errors.extend(errs)
        if event is not None:
            events.append(event)
    if errors:
        raise ValidationErrors(errors)
    return events
