"""The shop page's endpoints: a signed session, events for that session only, rate limits."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from recommender.api.server import create_app
from recommender.config import Config, LimitsConfig
from recommender.data.catalog import Catalog
from recommender.web.page_token import mint
from tests.recommender.conftest import AUTH

SECRET = "page-secret-1"


@pytest.fixture
def config(test_config: Config) -> Config:
    return replace(test_config, web=replace(test_config.web, session_secret=SECRET))


@pytest.fixture
async def client(aiohttp_client: Any, config: Config, catalog: Catalog, encoder: Any) -> TestClient:
    return await aiohttp_client(create_app(config, catalog=catalog, encoder=encoder))


async def session(client: TestClient, token: str | None = None) -> dict[str, Any]:
    resp = await client.post("/web/session", json={"token": token} if token else None)
    assert resp.status == 200, await resp.text()
    assert resp.headers["Cache-Control"] == "no-store"
    return dict(await resp.json())


def event(user: str, eid: str, kind: str = "add_to_cart", **kw: Any) -> dict[str, Any]:
    return {
        "event_id": eid,
        "user_id": user,
        "type": kind,
        "product_id": "h-01",
        "ts": time.time(),
        **kw,
    }


async def send(client: TestClient, token: str, body: Any) -> tuple[int, Any]:
    resp = await client.post("/web/events", json=body, headers={"X-Page-Token": token})
    return resp.status, await resp.json()


async def test_a_page_gets_a_fresh_session_and_renews_it(client: TestClient) -> None:
    first, second = await session(client), await session(client)
    assert first["session_id"] != second["session_id"]
    assert first["expires_at"] > time.time() + 86_400
    renewed = await session(client, first["token"])
    assert renewed["session_id"] == first["session_id"]
    forged = first["token"].replace(first["session_id"], second["session_id"])
    assert (await session(client, forged))["session_id"] not in (
        first["session_id"],
        second["session_id"],
    )


async def test_events_of_the_page_session_reach_the_profile(client: TestClient) -> None:
    page = await session(client)
    sid = page["session_id"]
    status, body = await send(client, page["token"], event(sid, "w1"))
    assert (status, body["accepted"]) == (200, 1)
    batch = {"events": [event(sid, "w2", "view"), event(sid, "w3", "click", session_id=sid)]}
    assert (await send(client, page["token"], batch))[1]["accepted"] == 2
    profile = await (await client.get(f"/users/{sid}/profile", headers=AUTH)).json()
    assert profile["events"] == 3


async def test_events_for_another_session_are_refused(client: TestClient) -> None:
    mine, theirs = await session(client), await session(client)
    other = theirs["session_id"]
    assert (await send(client, mine["token"], event(other, "x1")))[0] == 403
    spoofed = event(mine["session_id"], "x2", session_id=other)
    assert (await send(client, mine["token"], spoofed))[0] == 403
    mixed = {"events": [event(mine["session_id"], "x3"), event(other, "x4")]}
    assert (await send(client, mine["token"], mixed))[0] == 403
    profile = await (await client.get(f"/users/{other}/profile", headers=AUTH)).json()
    assert profile["events"] == 0
    mine_now = await (await client.get(f"/users/{mine['session_id']}/profile", headers=AUTH)).json()
    assert mine_now["events"] == 0  # nothing of a refused batch is stored


async def test_forged_missing_or_expired_page_tokens_are_refused(client: TestClient) -> None:
    page = await session(client)
    sid = page["session_id"]
    for token in ("", "v1.x.y.z", page["token"][:-3] + "abc"):
        assert (await send(client, token, event(sid, "f1")))[0] == 401
    other_key = mint(b"not-the-secret", sid, ttl_s=600).token
    assert (await send(client, other_key, event(sid, "f2")))[0] == 401
    expired = mint(SECRET.encode(), sid, ttl_s=60, now=time.time() - 120).token
    status, body = await send(client, expired, event(sid, "f3"))
    assert status == 401 and "expired" in body["error"]


async def test_the_page_may_not_send_purchases_or_big_batches(client: TestClient) -> None:
    page = await session(client)
    sid = page["session_id"]
    status, body = await send(client, page["token"], event(sid, "p1", "purchase"))
    assert status == 400 and body["field"] == "type"
    many = {"events": [event(sid, f"b{i}", "view") for i in range(21)]}
    assert (await send(client, page["token"], many))[0] == 400


async def test_rate_limits_per_address_and_per_session(
    aiohttp_client: Any, config: Config, catalog: Catalog, encoder: Any
) -> None:
    limits = LimitsConfig(
        per_user_burst=3, per_user_per_min=1, per_address_burst=5, per_address_per_min=1
    )
    app = create_app(replace(config, limits=limits), catalog=catalog, encoder=encoder)
    client = await aiohttp_client(app)
    page = await session(client)  # address: 1 of 5
    sid = page["session_id"]
    statuses = [
        (await send(client, page["token"], event(sid, f"r{i}", "view")))[0] for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]  # the session's 3 events, then its limit
    resp = await client.post(
        "/web/events", json=event(sid, "r9"), headers={"X-Page-Token": page["token"]}
    )
    assert resp.status == 429 and int(resp.headers["Retry-After"]) >= 1
    # the address has now spent its 5 requests: even a new session is refused
    resp = await client.post("/web/session")
    assert resp.status == 429 and int(resp.headers["Retry-After"]) >= 1
    assert "address" in (await resp.json())["error"]
