"""TicketStore on SQLite and PostgreSQL: lifecycle, conflicts, durability across reopen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from console_support import ticket_json

from console.errors import ConflictError, NotFoundError
from console.store import SQLiteTicketStore, TicketStore, open_ticket_store
from console.tickets import parse_ticket


def test_add_is_idempotent_by_ticket_id(store: TicketStore) -> None:
    ticket = parse_ticket(ticket_json())
    assert store.add(ticket) is True
    assert store.add(ticket) is False
    stored = store.get(ticket["ticket_id"])
    assert stored["status"] == "waiting" and stored["slots"] == {"category": "headphones"}
    assert [m["text"] for m in stored["transcript"]][-1] == "<b>human</b> please"
    assert stored["messages"] == []


def test_lifecycle_claim_reply_close(store: TicketStore) -> None:
    ticket = parse_ticket(ticket_json())
    store.add(ticket)
    tid = ticket["ticket_id"]
    assert store.claim(tid, "anna")["claimed_by"] == "anna"
    with pytest.raises(ConflictError, match="claimed by anna"):
        store.claim(tid, "bob")
    with pytest.raises(ConflictError):
        store.check_claimed_by(tid, "bob")
    store.check_claimed_by(tid, "anna")
    store.add_message(tid, "anna", "Hi, I'm Anna")
    store.add_message(tid, "anna", "second")
    assert [m["text"] for m in store.get(tid)["messages"]] == ["Hi, I'm Anna", "second"]
    assert store.close_ticket(tid, "anna")["status"] == "closed"
    with pytest.raises(ConflictError, match="closed"):
        store.close_ticket(tid, "anna")
    with pytest.raises(ConflictError):
        store.claim(tid, "bob")


def test_unknown_ticket_raises_not_found(store: TicketStore) -> None:
    with pytest.raises(NotFoundError):
        store.get("nope")
    with pytest.raises(NotFoundError):
        store.claim("nope-nope", "anna")


def test_list_filters_by_status_oldest_first(store: TicketStore) -> None:
    ids = []
    for i in range(3):
        ticket = parse_ticket(ticket_json(created_at=100.0 + i, sender_id=f"u{i}"))
        store.add(ticket)
        ids.append(ticket["ticket_id"])
    store.claim(ids[1], "anna")
    store.close_ticket(ids[2], "anna")
    assert [t["ticket_id"] for t in store.list_tickets()] == ids[:2]
    assert [t["ticket_id"] for t in store.list_tickets(["closed"])] == [ids[2]]
    listed = store.list_tickets(["waiting"])[0]
    assert "transcript" not in listed and listed["last_user_message"] == "<b>human</b> please"


def test_concurrent_claims_have_one_winner(store: TicketStore) -> None:
    ticket = parse_ticket(ticket_json())
    store.add(ticket)
    winners: list[str] = []

    def claim(agent: str) -> None:
        try:
            store.claim(ticket["ticket_id"], agent)
            winners.append(agent)
        except ConflictError:
            pass

    threads = [threading.Thread(target=claim, args=(f"agent{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(winners) == 1
    assert store.get(ticket["ticket_id"])["claimed_by"] == winners[0]


def test_sqlite_tickets_survive_reopen(tmp_path: Path) -> None:
    path = tmp_path / "state" / "tickets.db"
    ticket = parse_ticket(ticket_json())
    first = open_ticket_store(str(path))
    first.add(ticket)
    first.claim(ticket["ticket_id"], "anna")
    first.close()
    second = SQLiteTicketStore(path).open()
    assert second.get(ticket["ticket_id"])["status"] == "claimed"
    second.close()
    with pytest.raises(RuntimeError, match="closed"):
        second.get(ticket["ticket_id"])
