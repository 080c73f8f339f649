"""The console's JSON API over a real socket: auth, 4xx cases, and the agent workflow."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from console_support import AUTH, TOKEN, FakeRasa, ticket_json

from console.app import create_app
from console.config import ConsoleConfig

Client = Any  # pytest-aiohttp's aiohttp_client fixture


@pytest.fixture
async def client(aiohttp_client: Client, config: ConsoleConfig) -> TestClient:
    return await aiohttp_client(create_app(config))


async def _open(
    client: TestClient, rasa: FakeRasa | None = None, **overrides: Any
) -> dict[str, Any]:
    """Open a ticket; with ``rasa``, its conversation is paused as action_genrec_handoff leaves it."""
    body = ticket_json(**overrides)
    if rasa is not None:
        rasa.add(body["sender_id"], "pause", body["created_at"] + 0.1)
    resp = await client.post("/api/tickets", json=body, headers=AUTH)
    assert resp.status == 201, await resp.text()
    return await resp.json()


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}],
)
async def test_api_needs_the_bearer_token(client: TestClient, headers: dict[str, str]) -> None:
    for method, path in [
        ("GET", "/api/tickets"),
        ("POST", "/api/tickets"),
        ("GET", "/api/tickets/x"),
    ]:
        resp = await client.request(method, path, headers=headers, json={})
        assert resp.status == 401
        assert (await resp.json())["error"] == "missing or wrong Bearer token"


async def test_page_and_health_need_no_token(client: TestClient) -> None:
    page = await client.get("/")
    assert page.status == 200 and "Agent inbox" in await page.text()
    script = await client.get("/static/console.js")
    text = await script.text()
    assert "textContent" in text and "innerHTML" not in text and "sessionStorage" in text
    assert (await client.get("/health")).status == 200


async def test_create_list_detail(client: TestClient, rasa: FakeRasa) -> None:
    ticket = await _open(client)
    again = await client.post(
        "/api/tickets", json=ticket_json(ticket_id=ticket["ticket_id"]), headers=AUTH
    )
    assert again.status == 200
    listed = await (await client.get("/api/tickets", headers=AUTH)).json()
    assert [t["ticket_id"] for t in listed["tickets"]] == [ticket["ticket_id"]]
    rasa.events["user-1"] = [
        {"event": "user", "text": "too old", "timestamp": 1.0},
        {"event": "user", "text": "are you there?", "timestamp": 1_764_300_010.0},
        {"event": "action", "name": "action_listen", "timestamp": 1_764_300_011.0},
    ]
    detail = await (await client.get(f"/api/tickets/{ticket['ticket_id']}", headers=AUTH)).json()
    assert detail["transcript"][0]["text"] == "headphones please"
    assert detail["profile"] == {"user_id": "user-1", "cold_start": True}
    assert detail["live"] == [{"role": "user", "text": "are you there?", "ts": 1_764_300_010.0}]
    assert detail["live_error"] is None


async def test_detail_degrades_when_rasa_is_down(client: TestClient, rasa: FakeRasa) -> None:
    ticket = await _open(client)
    rasa.status = 500
    detail = await (await client.get(f"/api/tickets/{ticket['ticket_id']}", headers=AUTH)).json()
    assert detail["live"] is None and "HTTP 500" in detail["live_error"]


async def test_agent_workflow_claim_reply_resume(client: TestClient, rasa: FakeRasa) -> None:
    tid = (await _open(client, rasa))["ticket_id"]
    resp = await client.post(f"/api/tickets/{tid}/claim", json={"agent": "anna"}, headers=AUTH)
    assert resp.status == 200 and (await resp.json())["status"] == "claimed"
    resp = await client.post(f"/api/tickets/{tid}/claim", json={"agent": "bob"}, headers=AUTH)
    assert resp.status == 409 and "claimed by anna" in (await resp.json())["error"]
    resp = await client.post(
        f"/api/tickets/{tid}/reply", json={"agent": "bob", "text": "hi"}, headers=AUTH
    )
    assert resp.status == 409
    resp = await client.post(
        f"/api/tickets/{tid}/reply", json={"agent": "anna", "text": "Hi, I'm Anna"}, headers=AUTH
    )
    assert resp.status == 201
    sender, events, query = rasa.appended[-1]
    assert sender == "user-1"
    assert events == [{"event": "bot", "text": "Hi, I'm Anna", "metadata": {"agent": "anna"}}]
    assert query == {"execute_side_effects": "true", "output_channel": "latest"}  # no token
    assert rasa.jwt_payloads[-1]["user"] == {"username": "genrec-console", "role": "admin"}
    resp = await client.post(f"/api/tickets/{tid}/resume", json={"agent": "bob"}, headers=AUTH)
    assert resp.status == 409
    resp = await client.post(f"/api/tickets/{tid}/resume", json={"agent": "anna"}, headers=AUTH)
    assert resp.status == 200 and (await resp.json())["status"] == "closed"
    resumed = rasa.appended[-1][1]
    assert resumed[:2] == [{"event": "resume"}, {"event": "action", "name": "action_listen"}]
    assert resumed[2]["event"] == "bot"
    resp = await client.post(f"/api/tickets/{tid}/resume", json={"agent": "anna"}, headers=AUTH)
    assert resp.status == 409
    listed = await (await client.get("/api/tickets?status=closed", headers=AUTH)).json()
    assert listed["tickets"][0]["closed_by"] == "anna"


async def test_reply_fails_with_502_when_rasa_is_down_and_is_not_recorded(
    client: TestClient, rasa: FakeRasa
) -> None:
    tid = (await _open(client))["ticket_id"]
    await client.post(f"/api/tickets/{tid}/claim", json={"agent": "anna"}, headers=AUTH)
    rasa.status = 500
    resp = await client.post(
        f"/api/tickets/{tid}/reply", json={"agent": "anna", "text": "x"}, headers=AUTH
    )
    assert resp.status == 502 and "HTTP 500" in (await resp.json())["error"]
    detail = await (await client.get(f"/api/tickets/{tid}", headers=AUTH)).json()
    assert detail["messages"] == []


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/api/tickets", b"{not json", 400, "body"),
        ("/api/tickets", b"", 400, "body"),
        ("/api/tickets", b"[1, 2]", 400, "body"),
        ("/api/tickets", json.dumps(ticket_json(sender_id=None)).encode(), 400, "sender_id"),
        ("/api/tickets", json.dumps(ticket_json(sender_id="  ")).encode(), 400, "sender_id"),
        ("/api/tickets", json.dumps(ticket_json(ticket_id="../../x")).encode(), 400, "ticket_id"),
        ("/api/tickets", json.dumps(ticket_json(transcript="hi")).encode(), 400, "transcript"),
        (
            "/api/tickets",
            json.dumps(ticket_json(transcript=[{"role": "x", "text": "a"}])).encode(),
            400,
            "transcript",
        ),
        ("/api/tickets", json.dumps(ticket_json(slots=[1])).encode(), 400, "slots"),
        ("/api/tickets", json.dumps(ticket_json(sender_id="u" * 500)).encode(), 400, "sender_id"),
        ("/api/tickets/abc/claim", b"{}", 400, "agent"),
        ("/api/tickets/abc/claim", b'{"agent": 5}', 400, "agent"),
    ],
)
async def test_bad_bodies_are_400_json(
    client: TestClient, path: str, body: bytes, status: int, field: str
) -> None:
    resp = await client.post(path, data=body, headers={**AUTH, "Content-Type": "application/json"})
    assert resp.status == status
    assert (await resp.json())["field"] == field


async def test_huge_body_is_413_json(client: TestClient) -> None:
    big = json.dumps(ticket_json(slots={"x": "y" * 200_000})).encode()
    resp = await client.post("/api/tickets", data=big, headers=AUTH)
    assert resp.status == 413
    assert (await resp.json())["error"] == "request body too large"


async def test_unknown_ticket_is_404_and_unknown_route_is_json(client: TestClient) -> None:
    for method, path, body in [
        ("GET", "/api/tickets/deadbeef00", None),
        ("POST", "/api/tickets/deadbeef00/claim", {"agent": "anna"}),
        ("POST", "/api/tickets/deadbeef00/reply", {"agent": "anna", "text": "hi"}),
        ("POST", "/api/tickets/deadbeef00/resume", {"agent": "anna"}),
        ("GET", "/api/nothing-here", None),
    ]:
        resp = await client.request(method, path, json=body, headers=AUTH)
        assert resp.status == 404, path
        assert "error" in await resp.json()
    resp = await client.get("/api/tickets?status=bogus", headers=AUTH)
    assert resp.status == 400 and (await resp.json())["field"] == "status"
