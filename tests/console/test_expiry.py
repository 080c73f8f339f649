"""Tickets whose conversation Rasa no longer has paused are expired (docs/HANDOFF.md)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from console_support import AUTH, FakeRasa, ticket_json

from console.app import create_app
from console.config import ConsoleConfig, ExpiryConfig
from console.errors import ConflictError
from console.expiry import stale_reason
from console.store import TicketStore
from console.tickets import parse_ticket

Client = Any
T0 = 1_764_300_000.0


def _state(*events: tuple[str, float], paused: bool) -> dict[str, Any]:
    return {"events": [{"event": e, "timestamp": ts} for e, ts in events], "paused": paused}


@pytest.mark.parametrize(
    ("state", "now", "reason"),
    [
        (_state(("session_started", T0 - 50), ("pause", T0 + 1), paused=True), T0 + 999, None),
        (_state(("pause", T0 + 1), ("session_started", T0 + 3600), paused=False), T0 + 3601,
         "session_restarted"),
        (_state(("pause", T0 + 1), ("restart", T0 + 60), ("pause", T0 + 70), paused=True),
         T0 + 80, "session_restarted"),
        (_state(("pause", T0 + 1), ("resume", T0 + 60), paused=False), T0 + 61, "not_paused"),
        (_state(paused=False), T0 + 5, None),  # the pause event is not applied yet
        (_state(paused=False), T0 + 31, "not_paused"),
    ],
)  # fmt: skip
def test_stale_reason(state: dict[str, Any], now: float, reason: str | None) -> None:
    assert stale_reason(state, T0, now, grace_s=30.0) == reason


def test_store_expires_only_open_tickets(store: TicketStore) -> None:
    a, b = parse_ticket(ticket_json()), parse_ticket(ticket_json())
    store.add(a), store.add(b)
    store.claim(a["ticket_id"], "anna")
    assert store.expire(a["ticket_id"], "session_restarted") is True
    assert store.expire(a["ticket_id"], "not_paused") is False
    expired = store.get(a["ticket_id"])
    assert (expired["status"], expired["closed_by"]) == ("expired", "rasa:session_restarted")
    with pytest.raises(ConflictError, match="expired"):
        store.close_ticket(a["ticket_id"], "anna")
    store.close_ticket(b["ticket_id"], "bob")
    assert store.expire(b["ticket_id"], "not_paused") is False
    assert store.get(b["ticket_id"])["status"] == "closed"


@pytest.fixture
async def client(aiohttp_client: Client, config: ConsoleConfig) -> TestClient:
    return await aiohttp_client(create_app(replace(config, expiry=ExpiryConfig(interval_s=0))))


async def _open(client: TestClient, rasa: FakeRasa, sender: str) -> str:
    body = ticket_json(sender_id=sender)
    rasa.add(sender, "pause", body["created_at"] + 0.1)
    resp = await client.post("/api/tickets", json=body, headers=AUTH)
    assert resp.status == 201
    return str(body["ticket_id"])


async def _status(client: TestClient, tid: str) -> str:
    return str((await (await client.get(f"/api/tickets/{tid}", headers=AUTH)).json())["status"])


async def test_reply_after_a_session_restart_is_409_and_expires(
    client: TestClient, rasa: FakeRasa
) -> None:
    tid = await _open(client, rasa, "alice")
    await client.post(f"/api/tickets/{tid}/claim", json={"agent": "anna"}, headers=AUTH)
    rasa.add("alice", "session_started", T0 + 3700)
    resp = await client.post(
        f"/api/tickets/{tid}/reply", json={"agent": "anna", "text": "hi"}, headers=AUTH
    )
    assert resp.status == 409
    assert (await resp.json())["error"].startswith("conversation no longer paused")
    assert rasa.appended == []
    assert rasa.queries[-1]["include_events"] == "ALL"
    assert await _status(client, tid) == "expired"
    listed = await (await client.get("/api/tickets", headers=AUTH)).json()
    assert listed["tickets"] == []
    listed = await (await client.get("/api/tickets?status=expired", headers=AUTH)).json()
    assert [t["closed_by"] for t in listed["tickets"]] == ["rasa:session_restarted"]


async def test_resume_of_a_conversation_resumed_elsewhere_is_409(
    client: TestClient, rasa: FakeRasa
) -> None:
    tid = await _open(client, rasa, "bob")
    rasa.add("bob", "resume", T0 + 60)
    resp = await client.post(f"/api/tickets/{tid}/resume", json={"agent": "anna"}, headers=AUTH)
    assert resp.status == 409 and "bot resumed" in (await resp.json())["error"]
    assert rasa.appended == []
    resp = await client.post(f"/api/tickets/{tid}/resume", json={"agent": "anna"}, headers=AUTH)
    assert resp.status == 409 and (await resp.json())["error"] == "ticket is expired"


async def test_periodic_check_expires_only_finished_handoffs(
    aiohttp_client: Client, config: ConsoleConfig, rasa: FakeRasa
) -> None:
    client = await aiohttp_client(create_app(replace(config, expiry=ExpiryConfig(interval_s=0.1))))
    rasa.status = 500  # Rasa down: nothing changes
    stale = await _open(client, rasa, "carol")
    live = await _open(client, rasa, "dave")
    rasa.add("carol", "restart", T0 + 120)
    await asyncio.sleep(0.3)
    assert await _status(client, stale) == "waiting"
    rasa.status = 200
    for _ in range(50):
        if await _status(client, stale) == "expired":
            break
        await asyncio.sleep(0.1)
    assert await _status(client, stale) == "expired"
    assert await _status(client, live) == "waiting"
