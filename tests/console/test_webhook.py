"""Outbound webhook against a real local HTTP server: signature, retries, dead letter."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient
from console_support import AUTH, Helpdesk, ticket_json

from console.app import create_app
from console.config import ConsoleConfig, WebhookConfig
from console.keys import WEBHOOK
from console.tickets import parse_ticket
from console.webhook import SIGNATURE_HEADER, WebhookSender, sign, verify

SECRET = "shh-its-a-secret"


def _sender(helpdesk: Helpdesk, tmp_path: Path, **kw: Any) -> WebhookSender:
    config = WebhookConfig(
        url=helpdesk.url, secret=SECRET, attempts=3, backoff_s=0.05, timeout_s=1.0
    )
    return WebhookSender(replace(config, **kw), tmp_path / "dead.jsonl")


def test_signature_is_hmac_sha256_of_the_raw_body() -> None:
    # Reference value computed independently: printf '{"a":1}' | openssl dgst -sha256 -hmac key
    expected = "sha256=88a67f24bbcdaed0e6c997404bb79a743baf44c6bab2f4c27328e3009d22e342"
    assert sign(b'{"a":1}', "key") == expected
    assert verify(b"body", "key", sign(b"body", "key"))
    assert not verify(b"body!", "key", sign(b"body", "key"))
    assert not verify(b"body", "other", sign(b"body", "key"))
    assert not verify(b"body", "key", "")


async def test_delivery_is_signed_and_carries_the_ticket(
    helpdesk: Helpdesk, tmp_path: Path
) -> None:
    sender = _sender(helpdesk, tmp_path)
    ticket = parse_ticket(ticket_json())
    assert await sender.deliver(ticket) is True
    [(body, headers)] = helpdesk.received
    assert headers[SIGNATURE_HEADER] == sign(body, SECRET)
    assert headers["X-Genrec-Event"] == "ticket.created"
    data = json.loads(body)
    assert data["event"] == "ticket.created" and len(data["delivery_id"]) == 32
    assert data["ticket"]["ticket_id"] == ticket["ticket_id"]
    assert data["ticket"]["transcript"][0]["text"] == "headphones please"
    assert data["ticket"]["slots"] == {"category": "headphones"}
    assert not (tmp_path / "dead.jsonl").exists()
    await sender.close()


async def test_retries_with_backoff_then_succeeds(helpdesk: Helpdesk, tmp_path: Path) -> None:
    helpdesk.statuses = [503, 429]
    sender = _sender(helpdesk, tmp_path)
    loop = asyncio.get_running_loop()
    start = loop.time()
    assert await sender.deliver(parse_ticket(ticket_json())) is True
    assert len(helpdesk.received) == 3
    assert loop.time() - start >= 0.05 + 0.1  # backoff 0.05 s, then 0.1 s
    bodies = {body for body, _ in helpdesk.received}
    assert len(bodies) == 1  # the same signed body on every attempt
    await sender.close()


async def test_still_failing_goes_to_the_dead_letter(helpdesk: Helpdesk, tmp_path: Path) -> None:
    helpdesk.statuses = [500, 502, 500, 500]
    sender = _sender(helpdesk, tmp_path)
    ticket = parse_ticket(ticket_json())
    assert await sender.deliver(ticket) is False
    assert len(helpdesk.received) == 3
    [line] = (tmp_path / "dead.jsonl").read_text().splitlines()
    dead = json.loads(line)
    assert dead["ticket_id"] == ticket["ticket_id"] and dead["attempts"] == 3
    assert (
        dead["error"].startswith("HTTP 500") and dead["payload"]["ticket"]["sender_id"] == "user-1"
    )
    await sender.close()


async def test_a_refusal_is_not_retried(helpdesk: Helpdesk, tmp_path: Path) -> None:
    helpdesk.statuses = [422]
    sender = _sender(helpdesk, tmp_path)
    assert await sender.deliver(parse_ticket(ticket_json())) is False
    assert len(helpdesk.received) == 1
    assert "HTTP 422" in (tmp_path / "dead.jsonl").read_text()
    await sender.close()


async def test_timeouts_and_unreachable_hosts_are_retried(
    helpdesk: Helpdesk, tmp_path: Path
) -> None:
    helpdesk.delay_s = 0.5
    sender = _sender(helpdesk, tmp_path, timeout_s=0.1, attempts=2)
    assert await sender.deliver(parse_ticket(ticket_json())) is False
    assert len(helpdesk.received) == 2
    unreachable = _sender(helpdesk, tmp_path, url="http://127.0.0.1:9/hook", attempts=2)
    assert await unreachable.deliver(parse_ticket(ticket_json())) is False
    errors = [json.loads(x)["error"] for x in (tmp_path / "dead.jsonl").read_text().splitlines()]
    assert errors[0].startswith("timeout") and "Connect" in errors[1]
    await sender.close()
    await unreachable.close()


async def test_console_sends_each_new_ticket_once(
    aiohttp_client: Any, config: ConsoleConfig, helpdesk: Helpdesk
) -> None:
    hooked = replace(config, webhook=WebhookConfig(url=helpdesk.url, secret=SECRET, backoff_s=0.01))
    app = create_app(hooked)
    client: TestClient = await aiohttp_client(app)
    body = ticket_json()
    assert (await client.post("/api/tickets", json=body, headers=AUTH)).status == 201
    assert (await client.post("/api/tickets", json=body, headers=AUTH)).status == 200
    await app[WEBHOOK].wait()
    assert len(helpdesk.received) == 1
    raw, headers = helpdesk.received[0]
    assert verify(raw, SECRET, headers[SIGNATURE_HEADER])
