"""Tickets spooled by the action server while the console was down are imported, once."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from aiohttp.test_utils import TestClient
from console_support import AUTH, ticket_json

from console.app import create_app
from console.config import ConsoleConfig
from console.spool import import_spool
from console.store import TicketStore
from console.tickets import parse_ticket
from genrec_core.spool import append_to_spool  # what the action server writes with


def test_import_stores_each_ticket_once_and_empties_the_spool(
    store: TicketStore, tmp_path: Path
) -> None:
    spool = tmp_path / "spool.jsonl"
    first, second = ticket_json(), ticket_json(sender_id="user-2")
    store.add(parse_ticket(first))  # already posted once, then spooled after a lost answer
    for ticket in (first, second):
        append_to_spool(spool, ticket)
    spool.open("a").write("{broken\n" + json.dumps({"sender_id": 5}) + "\n")
    created = import_spool(spool, store)
    assert [t["sender_id"] for t in created] == ["user-2"]
    assert spool.read_text() == ""
    assert len(store.list_tickets()) == 2
    rejected = (tmp_path / "spool.jsonl.rejected").read_text().splitlines()
    assert len(rejected) == 2 and "invalid JSON" in rejected[0] and "sender_id" in rejected[1]
    assert import_spool(spool, store) == []
    assert import_spool(tmp_path / "missing.jsonl", store) == []


async def test_console_imports_the_spool_at_start_and_while_running(
    aiohttp_client: object, config: ConsoleConfig
) -> None:
    spool = config.resolved_spool_path
    early = ticket_json(sender_id="early")
    append_to_spool(spool, early)
    client: TestClient = await aiohttp_client(create_app(config))  # type: ignore[operator]
    listed = await (await client.get("/api/tickets", headers=AUTH)).json()
    assert [t["sender_id"] for t in listed["tickets"]] == ["early"]
    append_to_spool(spool, ticket_json(sender_id="late", created_at=1_764_300_100.0))
    for _ in range(50):
        await asyncio.sleep(0.1)
        listed = await (await client.get("/api/tickets", headers=AUTH)).json()
        if len(listed["tickets"]) == 2:
            break
    assert [t["sender_id"] for t in listed["tickets"]] == ["early", "late"]
