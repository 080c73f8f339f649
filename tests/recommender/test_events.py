"""Event validation (fields named per error) and the GA4 / Segment mappings."""

from __future__ import annotations

from typing import Any

import pytest

from recommender.data.analytics import from_ga4, from_segment
from recommender.data.events import Event, parse_events, parse_ts
from recommender.errors import ValidationError, ValidationErrors

NOW = 1_800_000_000.0
KNOWN = {"h-01", "h-02", "s-01"}


def parse(body: object, **kw: Any) -> list[Event]:
    return parse_events(body, has_product=KNOWN.__contains__, now=NOW, **kw)


def ev(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "event_id": "e1",
        "user_id": "u1",
        "type": "click",
        "product_id": "h-01",
        "ts": "2026-11-28T10:00:00Z",
    }
    base.update(kw)
    return {k: v for k, v in base.items() if v is not None}


def test_single_and_batch() -> None:
    [one] = parse(ev(session_id="s1"))
    assert one.type == "click" and one.session_id == "s1" and one.product_id == "h-01"
    assert one.to_dict()["ts"] == "2026-11-28T10:00:00Z"
    batch = parse({"events": [ev(), ev(event_id="e2", type="purchase", ts=1_700_000_000)]})
    assert [e.event_id for e in batch] == ["e1", "e2"]
    assert batch[1].ts == 1_700_000_000.0


def test_each_bad_field_is_named() -> None:
    body = {
        "events": [
            ev(),
            ev(type="like"),
            ev(product_id="nope"),
            ev(ts="yesterday"),
            ev(event_id=None, user_id=""),
            ev(type="view", product_id=None),
            ev(type="feedback", product_id=None, context={"value": "meh"}),
        ]
    }
    with pytest.raises(ValidationErrors) as info:
        parse(body)
    fields = [e.field for e in info.value.errors]
    assert fields == [
        "events[1].type",
        "events[2].product_id",
        "events[3].ts",
        "events[4].event_id",
        "events[4].user_id",
        "events[5].product_id",
        "events[6].context.value",
    ]
    assert info.value.field == "events[1].type"


def test_feedback_without_product_and_with_value() -> None:
    [fb] = parse(ev(type="feedback", product_id=None, context={"value": "down"}))
    assert fb.product_id is None and fb.context["value"] == "down"


@pytest.mark.parametrize(
    "value",
    [NOW + 3600, NOW * 1000, "1999-12-31T23:00:00Z", float("nan"), True, None, [1]],
)
def test_bad_timestamps(value: object) -> None:
    with pytest.raises(ValidationError):
        parse_ts(value, "ts", now=NOW, max_future_s=300)


def test_naive_iso_is_utc_and_epoch_string() -> None:
    assert parse_ts("2026-01-01T00:00:00", "ts", now=NOW, max_future_s=0) == 1_767_225_600.0
    assert parse_ts("1767225600", "ts", now=NOW, max_future_s=0) == 1_767_225_600.0


def test_batch_cap_and_shape() -> None:
    with pytest.raises(ValidationError) as info:
        parse({"events": [ev(event_id=f"e{i}") for i in range(4)]}, max_batch=3)
    assert info.value.field == "events"
    with pytest.raises(ValidationError) as info:
        parse({"events": []})
    assert info.value.field == "events"
    with pytest.raises(ValidationError) as info:
        parse([ev()])
    assert info.value.field == "body"


def test_ga4_items_become_one_event_each() -> None:
    body = {
        "client_id": "c.1",
        "user_id": "u1",
        "timestamp_micros": 1_767_225_600_000_000,
        "events": [
            {"name": "view_item", "params": {"items": [{"item_id": "h-01"}], "session_id": 7}},
            {"name": "select_item", "params": {"items": [{"item_id": "h-02"}]}},
            {
                "name": "purchase",
                "params": {
                    "transaction_id": "T1",
                    "items": [{"item_id": "h-01"}, {"item_id": "s-01"}],
                },
            },
            {"name": "page_view", "params": {}},
        ],
    }
    raw, skipped = from_ga4(body)
    assert skipped == 1
    events = parse({"events": raw})
    assert [(e.type, e.product_id) for e in events] == [
        ("view", "h-01"),
        ("click", "h-02"),
        ("purchase", "h-01"),
        ("purchase", "s-01"),
    ]
    assert all(e.user_id == "u1" and e.ts == 1_767_225_600.0 for e in events)
    assert events[0].session_id == "7"
    assert len({e.event_id for e in events}) == 4
    assert [e["event_id"] for e in from_ga4(body)[0]] == [e.event_id for e in events]


def test_ga4_client_id_when_no_user_id() -> None:
    raw, _ = from_ga4(
        {
            "client_id": "c.9",
            "events": [{"name": "add_to_cart", "params": {"items": [{"item_id": "h-02"}]}}],
        }
    )
    [event] = parse({"events": raw})
    assert event.user_id == "c.9" and event.type == "add_to_cart"


def test_segment_track_and_batch() -> None:
    viewed = {
        "type": "track",
        "event": "Product Viewed",
        "userId": "u2",
        "messageId": "m1",
        "timestamp": "2026-11-01T12:00:00Z",
        "properties": {"product_id": "h-01"},
    }
    order = {
        "type": "track",
        "event": "Order Completed",
        "anonymousId": "anon-3",
        "messageId": "m2",
        "timestamp": "2026-11-01T12:05:00Z",
        "properties": {"order_id": "o1", "products": [{"product_id": "h-02"}, {"sku": "s-01"}]},
    }
    clicked = {**viewed, "event": "Product Clicked", "messageId": "m3"}
    added = {**viewed, "event": "Product Added", "messageId": "m4"}
    page = {"type": "page", "name": "Home", "userId": "u2"}
    raw, skipped = from_segment({"batch": [viewed, order, clicked, added, page]})
    assert skipped == 1
    events = parse({"events": raw})
    assert [(e.user_id, e.type, e.product_id) for e in events] == [
        ("u2", "view", "h-01"),
        ("anon-3", "purchase", "h-02"),
        ("anon-3", "purchase", "s-01"),
        ("u2", "click", "h-01"),
        ("u2", "add_to_cart", "h-01"),
    ]
    single, _ = from_segment(viewed)
    assert single[0]["event_id"] == raw[0]["event_id"]


def test_analytics_shape_errors_name_fields() -> None:
    with pytest.raises(ValidationError) as info:
        from_ga4({"events": [{"name": "view_item", "params": {"items": "h-01"}}]})
    assert info.value.field == "events[0].params.items"
    with pytest.raises(ValidationError) as info:
        from_segment({"batch": [1]})
    assert info.value.field == "batch[0]"
