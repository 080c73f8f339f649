"""HTTP: POST /events (+ GA4, Segment), GET /users/{id}/profile, POST /admin/reload-ranker."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from recommender.api.server import SERVICE, create_app
from recommender.config import Config, ServerConfig
from recommender.data.catalog import Catalog
from recommender.models.ranking.artefacts import save_version
from tests.recommender.conftest import AUTH, tiny_ranker

TOKEN = "s3cret-token"
TS = "2026-11-01T10:00:00Z"


@pytest.fixture
def config(test_config: Config) -> Config:
    return replace(test_config, server=replace(test_config.server, admin_token=TOKEN))


@pytest.fixture
async def client(aiohttp_client: Any, config: Config, catalog: Catalog, encoder: Any) -> TestClient:
    return await aiohttp_client(create_app(config, catalog=catalog, encoder=encoder), headers=AUTH)


async def post(client: TestClient, path: str, body: Any, **kw: Any) -> tuple[int, Any]:
    resp = await client.post(path, json=body, **kw)
    assert resp.content_type == "application/json"
    return resp.status, await resp.json()


def ev(eid: str, kind: str = "click", pid: str | None = "h-01", **kw: Any) -> dict[str, Any]:
    return {"event_id": eid, "user_id": "u1", "type": kind, "product_id": pid, "ts": TS, **kw}


async def test_single_event_and_batch_replay(client: TestClient) -> None:
    assert await post(client, "/events", ev("e0")) == (200, {"accepted": 1, "duplicates": 0})
    batch = {"events": [ev("e1"), ev("e2", "purchase", "h-02", session_id="s1"), ev("e0")]}
    assert await post(client, "/events", batch) == (200, {"accepted": 2, "duplicates": 1})
    assert await post(client, "/events", batch) == (200, {"accepted": 0, "duplicates": 3})
    assert client.app[SERVICE].store.count() == 3


async def test_bad_events_are_400_naming_each_field(client: TestClient) -> None:
    batch = {
        "events": [ev("a"), ev("b", "like"), ev("c", pid="nope"), ev("d", ts=time.time() + 86_400)]
    }
    status, body = await post(client, "/events", batch)
    assert status == 400
    assert body["field"] == "events[1].type"
    assert [e["field"] for e in body["errors"]] == [
        "events[1].type",
        "events[2].product_id",
        "events[3].ts",
    ]
    assert client.app[SERVICE].store.count() == 0  # all or nothing
    status, body = await post(client, "/events", ev("x", "feedback", None))
    assert status == 400 and body["field"] == "context.value"
    resp = await client.post("/events", data=b"{not json")
    assert resp.status == 400 and (await resp.json())["field"] == "body"


async def test_ga4_and_segment(client: TestClient) -> None:
    ga4 = {
        "client_id": "c1",
        "user_id": "u7",
        "events": [
            {"name": "view_item", "params": {"items": [{"item_id": "h-01"}]}},
            {
                "name": "purchase",
                "params": {
                    "transaction_id": "T9",
                    "items": [{"item_id": "h-02"}, {"item_id": "s-01"}],
                },
            },
            {"name": "scroll", "params": {}},
        ],
    }
    assert await post(client, "/events/ga4", ga4) == (
        200,
        {"accepted": 3, "duplicates": 0, "skipped": 1},
    )
    status, body = await post(client, "/events/ga4", ga4)
    assert body["duplicates"] == 3
    seg = {
        "type": "track",
        "event": "Product Added",
        "userId": "u7",
        "messageId": "m1",
        "timestamp": TS,
        "properties": {"product_id": "h-03"},
    }
    assert await post(client, "/events/segment", seg) == (
        200,
        {"accepted": 1, "duplicates": 0, "skipped": 0},
    )
    bad = {**seg, "messageId": "m2", "properties": {"product_id": "zzz"}}
    status, body = await post(client, "/events/segment", bad)
    assert status == 400 and body["field"] == "events[0].product_id"
    resp = await client.get("/users/u7/profile")
    profile = await resp.json()
    # GA4 sent no time (received now); the Segment event is from November 1st
    assert {r["product_id"] for r in profile["recent_items"]} == {"h-01", "h-02", "s-01", "h-03"}
    assert profile["recent_items"][-1]["product_id"] == "h-03"


async def test_profile_cold_then_behaviour_then_slots(client: TestClient) -> None:
    resp = await client.get("/users/nobody/profile")
    body = await resp.json()
    assert (
        resp.status == 200
        and body["cold_start"]
        and body["slots"] == {}
        and body["recent_items"] == []
    )
    await post(
        client, "/events", {"events": [ev("p1", "purchase", "s-01"), ev("p2", "view", "s-03")]}
    )
    rec = {
        "user_id": "u1",
        "message": "running shoes",
        "session_id": "s9",
        "slots": {"budget_max": 150, "brand": "any"},
    }
    status, _ = await post(client, "/recommend", rec)
    assert status == 200
    body = await (await client.get("/users/u1/profile")).json()
    assert body["categories"][0]["name"] == "running-shoes"
    assert {b["name"] for b in body["brands"]} == {"Nike", "Adidas"}
    assert body["price_band"]["low"] <= body["price_band"]["high"]
    assert body["session_id"] == "s9" and body["slots"] == {
        "category": "running-shoes",  # the turn's preferences: kept slots plus the message
        "budget_max": 150.0,
        "any": ["brand"],
    }
    query = await client.get("/users/u1/profile", params={"slots": '{"category": "laptops"}'})
    assert (await query.json())["slots"] == {"category": "laptops"}
    bad = await client.get("/users/u1/profile", params={"slots": "[1"})
    assert bad.status == 400 and (await bad.json())["field"] == "slots"


async def test_recommend_reasons_reference_history(client: TestClient) -> None:
    await post(client, "/events", {"events": [ev("r1", "purchase", "h-01")]})
    status, body = await post(client, "/recommend", {"user_id": "u1", "message": "sony headphones"})
    assert status == 200
    assert any("because you bought Sony WH-1000XM5" in p["reason"] for p in body["products"])


async def test_popular_from_events(client: TestClient) -> None:
    before = await (await client.get("/products/popular?limit=3")).json()
    events = [{**ev(f"b{i}", "purchase", "l-05"), "user_id": f"u{i}"} for i in range(3)]
    await post(client, "/events", {"events": events})
    after = await (await client.get("/products/popular?limit=3")).json()
    assert after["products"][0]["id"] == "l-05" != before["products"][0]["id"]
    assert len(after["products"]) == 3


async def test_reload_ranker(client: TestClient, config: Config) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    status, body = await post(
        client, "/admin/reload-ranker", {}, headers={"Authorization": "Bearer nope"}
    )
    assert status == 401  # neither the service token nor the admin token
    status, body = await post(client, "/admin/reload-ranker", {})  # the service token only
    assert status == 403
    status, body = await post(client, "/admin/reload-ranker", {}, headers=headers)
    assert status == 404  # nothing trained yet
    first = tiny_ranker(seed=0)
    save_version(first, config.ranking.model_dir)
    status, body = await post(client, "/admin/reload-ranker", {}, headers=headers)
    assert status == 200 and body["version"] == first.version_ and body["previous"] is None
    second = tiny_ranker(seed=1)
    second.version_ = "sasrec-99991231T000000Z-ffffffff"  # sorts as the newest
    save_version(second, config.ranking.model_dir)
    status, body = await post(client, "/admin/reload-ranker", {}, headers={"X-Admin-Token": TOKEN})
    assert status == 200 and body == {
        "version": second.version_,
        "previous": first.version_,
        "path": str(Path(config.ranking.model_dir) / second.version_),
    }
    assert client.app[SERVICE].ranker.version_ == second.version_


async def test_reload_disabled_without_token(
    aiohttp_client: Any, test_config: Config, catalog: Catalog, encoder: Any
) -> None:
    client = await aiohttp_client(
        create_app(test_config, catalog=catalog, encoder=encoder), headers=AUTH
    )
    status, body = await post(client, "/admin/reload-ranker", {}, headers={"X-Admin-Token": ""})
    assert status == 403 and "disabled" in body["error"]


async def test_service_loads_newest_artefact_at_start(
    aiohttp_client: Any, config: Config, catalog: Catalog, encoder: Any
) -> None:
    ranker = tiny_ranker()
    save_version(ranker, config.ranking.model_dir)
    client = await aiohttp_client(
        create_app(config, catalog=catalog, encoder=encoder), headers=AUTH
    )
    assert client.app[SERVICE].ranker.version_ == ranker.version_


def test_server_config_default_token_is_empty() -> None:
    assert ServerConfig().admin_token == ""
