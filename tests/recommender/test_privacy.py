"""Privacy in the recommender: redacted storage, "stop personalising", forget and purge in
the store (SQLite bytes and PostgreSQL rows), DELETE /users/{id} and the CLI."""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from recommender.api.cli import main as cli
from recommender.api.server import SERVICE, create_app
from recommender.config import Config, PrivacyConfig
from recommender.data.catalog import Catalog
from recommender.data.events import Event
from recommender.data.stores import EventStore, PostgresEventStore, SQLiteEventStore
from tests.recommender.conftest import AUTH

TOKEN = "admin-token-1"
PG_URL = os.environ.get("GENREC_TEST_PG_URL", "postgresql://127.0.0.1:5432/test")
MARKER = "zebra-kumquat-7731"  # not PII: stored as is until the user is forgotten


def event(user: str, eid: str, ts: float, **context: Any) -> Event:
    return Event(eid, user, "click", ts, product_id="h-01", session_id="s", context=context)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EventStore]:
    if request.param == "sqlite":
        sqlite = SQLiteEventStore(tmp_path / "rec.db").open()
        yield sqlite
        sqlite.close()
        return
    try:
        pg = PostgresEventStore(PG_URL, prefix=f"t{uuid.uuid4().hex[:10]}_").open()
    except Exception as exc:
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}: {type(exc).__name__}")
    yield pg
    pg.drop()
    pg.close()


def test_free_text_is_stored_redacted(store: EventStore) -> None:
    store.add([event("u1", "e1", 1_800_000_000, note="mail jo@x.org", trace_id="4111111111111111")])
    assert store.history("u1")[0].context == {
        "note": "mail <EMAIL>",
        "trace_id": "4111111111111111",
    }
    store.put_dialogue("u1", "s", {"attribute": "call me on +44 20 7946 0958", "category": "tv"})
    assert store.get_dialogue("u1") == ("s", {"attribute": "call me on <PHONE>", "category": "tv"})


def test_personalisation_switch(store: EventStore) -> None:
    assert store.personalising("u1")
    store.set_personalising("u1", False)
    assert not store.personalising("u1") and store.opted_out(["u1", "u2"]) == {"u1"}
    store.set_personalising("u1", True)
    assert store.personalising("u1")


def test_forget_deletes_every_row_of_the_user(store: EventStore) -> None:
    store.add([event("u1", "e1", 1_800_000_000, note=MARKER), event("u2", "e2", 1_800_000_000)])
    store.put_dialogue("u1", "s", {"category": MARKER})
    store.set_personalising("u1", False)
    assert store.forget("u1") == {"events": 1, "dialogue": 1, "consent": 1}
    assert store.history("u1") == [] and store.get_dialogue("u1") is None
    assert store.personalising("u1") and [e.user_id for e in store.history("u2")] == ["u2"]
    assert store.forget("u1") == {"events": 0, "dialogue": 0, "consent": 0}


def test_forgotten_bytes_leave_the_sqlite_files(tmp_path: Path) -> None:
    store = SQLiteEventStore(tmp_path / "rec.db").open()
    store.add([event("u1", f"e{i}", 1_800_000_000 + i, note=MARKER) for i in range(50)])
    store.add([event("u2", "x", 1_800_000_000, note="other")])
    store.put_dialogue("u1", "s", {"category": MARKER})
    files = lambda: b"".join(p.read_bytes() for p in tmp_path.glob("rec.db*"))  # noqa: E731
    assert MARKER.encode() in files()
    store.forget("u1")
    assert MARKER.encode() not in files()
    assert b"other" in files()
    store.close()


def test_purge_forgets_users_inactive_since_the_cutoff(store: EventStore) -> None:
    now = time.time()
    store.add([event("old", "e1", now - 400 * 86_400), event("new", "e2", now - 400 * 86_400)])
    store.add([event("new", "e3", now - 86_400)])
    totals = store.purge(now - 365 * 86_400)
    assert totals["users"] == 1 and totals["events"] == 1
    assert store.history("old") == [] and len(store.history("new")) == 2


# ----------------------------------------------------------------------------- HTTP


class FakeConsole:
    """Records the console privacy calls; ``status`` forces an error answer."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.status = 200
        self.url = ""


@pytest.fixture
async def console() -> AsyncIterator[FakeConsole]:
    fake = FakeConsole()

    async def forget(request: web.Request) -> web.Response:
        fake.calls.append(
            ("DELETE", request.match_info["id"], request.headers.get("Authorization", ""))
        )
        return web.json_response({"tickets": 1, "conversation_events": 4}, status=fake.status)

    async def purge(request: web.Request) -> web.Response:
        body = await request.json()
        fake.calls.append(
            ("POST", str(body["older_than_days"]), request.headers.get("Authorization", ""))
        )
        return web.json_response({"conversations": 0}, status=fake.status)

    app = web.Application()
    app.router.add_delete("/api/users/{id}", forget)
    app.router.add_post("/api/purge", purge)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield fake
    await runner.cleanup()


@pytest.fixture
def config(test_config: Config, console: FakeConsole) -> Config:
    return replace(
        test_config,
        server=replace(test_config.server, admin_token=TOKEN),
        privacy=PrivacyConfig(
            console_url=console.url, console_token="console-secret", console_timeout_s=5
        ),
    )


@pytest.fixture
async def client(aiohttp_client: Any, config: Config, catalog: Catalog, encoder: Any) -> TestClient:
    return await aiohttp_client(create_app(config, catalog=catalog, encoder=encoder), headers=AUTH)


ADMIN = {"Authorization": f"Bearer {TOKEN}"}


def click(user: str, eid: str) -> dict[str, Any]:
    return {
        "event_id": eid,
        "user_id": user,
        "type": "click",
        "product_id": "h-01",
        "ts": time.time() - 5,
    }


async def test_delete_user_needs_the_admin_token(client: TestClient, console: FakeConsole) -> None:
    resp = await client.delete("/users/u1")  # the service token is not the admin token
    assert resp.status == 403
    resp = await client.delete("/users/u1", headers={"Authorization": "Bearer nope"})
    assert resp.status == 401
    assert console.calls == []


async def test_delete_user_forgets_here_and_in_the_console(
    client: TestClient, console: FakeConsole
) -> None:
    assert (await client.post("/events", json=click("u1", "c1"))).status == 200
    resp = await client.delete("/users/u1", headers=ADMIN)
    body = await resp.json()
    assert resp.status == 200, body
    assert body["complete"] is True
    assert body["deleted"]["recommender"]["events"] == 1
    assert body["deleted"]["console"] == {"tickets": 1, "conversation_events": 4}
    assert console.calls == [("DELETE", "u1", "Bearer console-secret")]
    assert client.app[SERVICE].store.history("u1") == []


async def test_delete_user_reports_a_console_failure_as_502(
    client: TestClient, console: FakeConsole
) -> None:
    console.status = 500
    assert (await client.post("/events", json=click("u1", "c1"))).status == 200
    resp = await client.delete("/users/u1", headers=ADMIN)
    body = await resp.json()
    assert resp.status == 502 and body["complete"] is False
    assert "HTTP 500" in body["errors"]["console"]
    assert body["deleted"]["recommender"]["events"] == 1  # what could be deleted, was


async def test_stop_personalising_drops_events_and_personal_profile(client: TestClient) -> None:
    assert (await client.post("/events", json=click("u1", "c1"))).status == 200
    resp = await client.put("/users/u1/personalisation", json={"enabled": False})
    assert (resp.status, await resp.json()) == (200, {"user_id": "u1", "personalised": False})
    resp = await client.post("/events", json={"events": [click("u1", "c2"), click("u2", "c3")]})
    assert await resp.json() == {"accepted": 1, "duplicates": 0, "ignored": 1}
    profile = await (await client.get("/users/u1/profile")).json()
    assert profile["personalised"] is False and profile["cold_start"] is True
    rec = await client.post("/recommend", json={"user_id": "u1", "message": "headphones"})
    assert rec.status == 200
    assert client.app[SERVICE].store.get_dialogue("u1") is None  # no dialogue state kept
    assert (await client.get("/users/u1/personalisation")).status == 200
    resp = await client.put("/users/u1/personalisation", json={"enabled": True})
    assert (await resp.json())["personalised"] is True
    assert (await (await client.get("/users/u1/profile")).json())["cold_start"] is False


@pytest.mark.parametrize("body", [None, {}, {"enabled": "no"}, [1]])
async def test_personalisation_needs_a_boolean(client: TestClient, body: Any) -> None:
    resp = await client.put(
        "/users/u1/personalisation", data=json.dumps(body) if body is not None else b""
    )
    assert resp.status == 400


async def test_analytics_counts_clicks_and_carts_after_recommendations(client: TestClient) -> None:
    now = time.time()

    def rec(u: str, e: str, p: str, t: float) -> dict[str, Any]:
        return {"event_id": e, "user_id": u, "type": "recommended", "product_id": p, "ts": t}

    events = [
        rec("u1", "r1", "h-01", now - 600), rec("u1", "r2", "h-02", now - 600),
        rec("u2", "r3", "h-01", now - 600),
        {**click("u1", "c1"), "ts": now - 500},
        {"event_id": "a1", "user_id": "u1", "type": "add_to_cart", "product_id": "h-01", "ts": now - 400},
        {"event_id": "f1", "user_id": "u2", "type": "feedback", "context": {"value": "down"}, "ts": now - 300},
    ]  # fmt: skip
    assert (await client.post("/events", json={"events": events})).status == 200
    assert (await client.get("/admin/analytics")).status == 403
    body = await (await client.get("/admin/analytics", headers=ADMIN)).json()
    assert (body["recommended"], body["clicked"], body["added_to_cart"]) == (3, 1, 1)
    assert body["click_through_rate"] == round(1 / 3, 4) and body["thumbs_down"] == 1
    assert sum(d["recommended"] for d in body["per_day"]) == 3
    bad = await client.get("/admin/analytics", params={"since": "yesterday"}, headers=ADMIN)
    assert bad.status == 400


async def test_cli_forget_and_purge(tmp_path: Path, console: FakeConsole) -> None:
    db = tmp_path / "cli.db"
    store = SQLiteEventStore(db).open()
    store.add([event("u9", "e1", time.time() - 500 * 86_400)])
    store.close()
    config_file = tmp_path / "config.yml"
    config_file.write_text(
        f"store: {{url: {db}}}\n"
        f"privacy: {{console_url: '{console.url}', console_token: t, console_timeout_s: 5}}\n"
    )

    async def run(*args: str) -> int:  # in a thread: the fake console answers on this loop
        return await asyncio.to_thread(cli, ["--config", str(config_file), *args])

    assert await run("forget", "u9") == 0
    assert await run("purge", "--older-than", "30") == 0
    assert [c[:2] for c in console.calls] == [("DELETE", "u9"), ("POST", "30.0")]
    console.status = 503
    assert await run("forget", "u9") == 1
    assert await run("purge", "--older-than", "0") == 2
