"""Helpers and fixtures shared by the console tests (re-exported by conftest.py)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from console import rasa_jwt
from console.config import (
    ConsoleConfig,
    RasaConfig,
    ReviewConfig,
    ServerConfig,
    SpoolConfig,
    WebhookConfig,
)
from console.store import PostgresTicketStore, SQLiteTicketStore, TicketStore

PG_URL = os.environ.get("CONSOLE_TEST_PG_URL", "postgresql://127.0.0.1:5432/test")
TOKEN = "test-token-123"
#: The JWT secret of the fake Rasa (``rasa run --jwt-secret``): every call must be signed with it.
RASA_JWT_SECRET = "rasa-jwt-secret"


def ticket_json(**overrides: Any) -> dict[str, Any]:
    """A valid ``POST /api/tickets`` body."""
    body = {
        "ticket_id": uuid.uuid4().hex,
        "sender_id": "user-1",
        "channel": "rest",
        "reason": "requested",
        "created_at": 1_764_300_000.0,
        "transcript": [
            {
                "role": "user",
                "text": "headphones please",
                "ts": 1.0,
                "intent": "request_recommendation",
            },
            {"role": "bot", "text": "What's your budget?", "ts": 2.0},
            {"role": "user", "text": "<b>human</b> please", "ts": 3.0},
        ],
        "slots": {"category": "headphones"},
        "profile": {"user_id": "user-1", "cold_start": True},
        "profile_error": None,
    }
    body.update(overrides)
    return body


def _pg_store() -> PostgresTicketStore:
    try:
        return PostgresTicketStore(PG_URL, prefix=f"t{uuid.uuid4().hex[:10]}_").open()
    except Exception as exc:
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}: {type(exc).__name__}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TicketStore]:
    """An empty ticket store of each backend (PostgreSQL tables dropped afterwards)."""
    if request.param == "sqlite":
        sqlite = SQLiteTicketStore(tmp_path / "tickets.db").open()
        yield sqlite
        sqlite.close()
        return
    pg = _pg_store()
    yield pg
    pg.drop()
    pg.close()


def paused_after(events: list[dict[str, Any]]) -> bool:
    """Rasa's ``paused`` flag after these events (a new session or a restart unpauses)."""
    paused = False
    for event in events:
        if event.get("event") == "pause":
            paused = True
        elif event.get("event") in ("resume", "restart", "session_started"):
            paused = False
    return paused


@dataclass
class FakeRasa:
    """Records what the console appends to trackers; ``status`` forces an error answer.

    Like Rasa started with ``--jwt-secret``, it answers 401 to a call without an
    ``Authorization: Bearer <jwt>`` signed with :data:`RASA_JWT_SECRET` (``jwt_payloads``:
    what each accepted call's JWT said) and to any ``?token=`` query argument.
    """

    url: str = ""
    status: int = 200
    appended: list[tuple[str, list[dict[str, Any]], dict[str, str]]] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    queries: list[dict[str, str]] = field(default_factory=list)
    jwt_payloads: list[dict[str, Any]] = field(default_factory=list)
    domain: dict[str, Any] = field(
        default_factory=lambda: {
            "intents": ["greet", "request_recommendation", "inform", "ask_faq", {"feedback": {}}],
            "entities": ["category", "brand", "budget"],
        }
    )

    def add(self, sender: str, event: str, ts: float) -> None:
        """Append an event as if the user's conversation had produced it."""
        self.events.setdefault(sender, []).append({"event": event, "timestamp": ts})


@pytest.fixture
async def rasa() -> AsyncIterator[FakeRasa]:
    state = FakeRasa()

    async def append(request: web.Request) -> web.Response:
        if state.status != 200:
            return web.json_response({"message": "boom"}, status=state.status)
        sender = request.match_info["sender"]
        events = await request.json()
        state.appended.append((sender, events, dict(request.query)))
        state.events.setdefault(sender, []).extend(events)
        return web.json_response({"sender_id": sender})

    async def tracker(request: web.Request) -> web.Response:
        if state.status != 200:
            return web.json_response({"message": "boom"}, status=state.status)
        sender = request.match_info["sender"]
        state.queries.append(dict(request.query))
        events = state.events.get(sender, [])
        return web.json_response(
            {"sender_id": sender, "events": events, "paused": paused_after(events)}
        )

    async def domain(request: web.Request) -> web.Response:
        if state.status != 200:
            return web.json_response({"message": "boom"}, status=state.status)
        return web.json_response(state.domain)

    @web.middleware
    async def jwt_only(request: web.Request, handler: Any) -> web.StreamResponse:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        try:
            assert scheme == "Bearer" and "token" not in request.query
            state.jwt_payloads.append(rasa_jwt.decode(RASA_JWT_SECRET, token))
        except (AssertionError, ValueError):
            return web.json_response({"message": "User is not authenticated."}, status=401)
        return await handler(request)

    app = web.Application(middlewares=[jwt_only])
    app.router.add_post("/conversations/{sender}/tracker/events", append)
    app.router.add_get("/conversations/{sender}/tracker", tracker)
    app.router.add_get("/domain", domain)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    state.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield state
    await runner.cleanup()


@pytest.fixture
def config(tmp_path: Path, rasa: FakeRasa) -> ConsoleConfig:
    return ConsoleConfig(
        server=ServerConfig(token=TOKEN, state_dir=tmp_path, max_body_bytes=64 * 1024),
        spool=SpoolConfig(interval_s=0.2),
        rasa=RasaConfig(url=rasa.url, jwt_secret=RASA_JWT_SECRET, timeout_s=2.0),
        review=ReviewConfig(
            tracker_store_url=str(tmp_path / "tracker.db"), recommender_url="http://127.0.0.1:9"
        ),
        webhook=WebhookConfig(),
    )


@dataclass
class Helpdesk:
    """Answers ``statuses`` in turn (then 200) and records every request."""

    url: str = ""
    statuses: list[int] = field(default_factory=list)
    delay_s: float = 0.0
    received: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)


@pytest.fixture
async def helpdesk() -> AsyncIterator[Helpdesk]:
    state = Helpdesk()

    async def hook(request: web.Request) -> web.Response:
        state.received.append((await request.read(), dict(request.headers)))
        await asyncio.sleep(state.delay_s)
        status = state.statuses.pop(0) if state.statuses else 200
        return web.json_response({"ok": status < 300}, status=status)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    state.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield state
    await runner.cleanup()


AUTH = {"Authorization": f"Bearer {TOKEN}"}
