"""Map web-analytics e-commerce events (GA4, Segment) onto our behaviour events.

The functions return raw event dicts in our shape; :func:`~recommender.data.events.parse_events`
validates them like any other ``POST /events`` body. Events we have no type for are skipped
and counted. Mapping table and examples: docs/EVENTS.md.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from typing import Any

from recommender.errors import ValidationError

GA4_TYPES = {
    "view_item": "view",
    "select_item": "click",
    "add_to_cart": "add_to_cart",
    "purchase": "purchase",
}
SEGMENT_TYPES = {
    "Product Viewed": "view",
    "Product Clicked": "click",
    "Product Added": "add_to_cart",
    "Order Completed": "purchase",
}


def derived_id(*parts: Any) -> str:
    """A stable event id from the source's fields, so a replayed analytics batch is idempotent."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return "d-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _obj(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError(name, "expected an object")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValidationError(name, "expected a list")
    return value


def from_ga4(body: Any) -> tuple[list[dict[str, Any]], int]:
    """GA4 Measurement Protocol body -> (our events, number of events skipped).

    ``{"client_id", "user_id"?, "timestamp_micros"?, "events": [{"name", "params": {"items":
    [{"item_id", ...}], "session_id"?, "transaction_id"?, "event_id"?, "timestamp_micros"?}}]}``.
    ``user_id`` wins over ``client_id``; each item of ``items`` becomes one event.
    """
    body = _obj(body, "body")
    user = body.get("user_id") or body.get("client_id")
    events = _list(body.get("events"), "events")
    out: list[dict[str, Any]] = []
    skipped = 0
    for i, raw in enumerate(events):
        ev = _obj(raw, f"events[{i}]")
        kind = GA4_TYPES.get(str(ev.get("name")))
        if kind is None:
            skipped += 1
            continue
        params = _obj(ev.get("params"), f"events[{i}].params")
        items = _list(params.get("items"), f"events[{i}].params.items")
        micros = params.get("timestamp_micros", body.get("timestamp_micros"))
        if isinstance(micros, str) and micros.isdigit():
            micros = int(micros)
        numeric = isinstance(micros, int | float) and not isinstance(micros, bool)
        ts = micros / 1e6 if numeric else time.time()  # GA4 may omit it: the receive time
        session = params.get("session_id")
        for j, item_raw in enumerate(items):
            item = _obj(item_raw, f"events[{i}].params.items[{j}]")
            base = params.get("event_id") or params.get("transaction_id")
            out.append(
                {
                    "event_id": derived_id("ga4", user, ev.get("name"), base, micros, i, j)
                    if base is None
                    else derived_id("ga4", base, item.get("item_id"), j),
                    "user_id": user,
                    "session_id": None if session is None else str(session),
                    "type": kind,
                    "product_id": item.get("item_id"),
                    "ts": ts,
                    "context": {"source": "ga4", "name": ev.get("name")},
                }
            )
    return out, skipped


def _segment_one(msg: Mapping[str, Any], name: str) -> list[dict[str, Any]] | None:
    kind = SEGMENT_TYPES.get(str(msg.get("event")))
    if msg.get("type", "track") != "track" or kind is None:
        return None
    props = _obj(msg.get("properties"), name + ".properties")
    ctx = _obj(msg.get("context"), name + ".context")
    user = msg.get("userId") or msg.get("anonymousId")
    session = props.get("session_id") or ctx.get("session_id")
    products = (
        _list(props.get("products"), name + ".properties.products")
        if kind == "purchase" and "products" in props
        else [props]
    )
    message_id = msg.get("messageId")
    out = []
    for j, raw in enumerate(products):
        product = _obj(raw, f"{name}.properties.products[{j}]")
        pid = product.get("product_id") or product.get("sku")
        out.append(
            {
                "event_id": derived_id("segment", message_id, pid, j)
                if message_id
                else derived_id("segment", user, msg.get("event"), msg.get("timestamp"), pid, j),
                "user_id": user,
                "session_id": None if session is None else str(session),
                "type": kind,
                "product_id": pid,
                "ts": msg.get("timestamp") or time.time(),
                "context": {"source": "segment", "name": msg.get("event")},
            }
        )
    return out


def from_segment(body: Any) -> tuple[list[dict[str, Any]], int]:
    """One Segment track call, or ``{"batch": [...]}`` -> (our events, number skipped).

    ``Order Completed`` gives one purchase per entry of ``properties.products``; the other
    events take ``properties.product_id`` (or ``sku``). ``userId`` wins over ``anonymousId``.
    """
    body = _obj(body, "body")
    messages = _list(body["batch"], "batch") if "batch" in body else [body]
    out: list[dict[str, Any]] = []
    skipped = 0
    for i, raw in enumerate(messages):
        name = f"batch[{i}]" if "batch" in body else "body"
        mapped = _segment_one(_obj(raw, name), name)
        if mapped is None:
            skipped += 1
        else:
            out.extend(mapped)
    return out, skipped
