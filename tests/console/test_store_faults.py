"""The console on PostgreSQL when the database misbehaves: a killed connection is replaced
before the next request, an unreachable database shows in ``/health`` and answers ``503``
until it is back, and a statement runs no longer than its time limit."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from console_support import AUTH, PG_URL, ticket_json

from console.app import create_app
from console.config import ConsoleConfig
from console.errors import StoreUnavailableError
from console.store import PostgresTicketStore
from console.trackers import TrackerStoreError, TrackerStoreReader

Client = Any
NOWHERE = "postgresql://127.0.0.1:1/test"  # nothing listens there


@pytest.fixture
def pg() -> Iterator[PostgresTicketStore]:
    """A console store of its own on the local PostgreSQL (tables dropped afterwards)."""
    store = PostgresTicketStore(
        PG_URL, prefix=f"t{uuid.uuid4().hex[:10]}_", statement_timeout_ms=300, pool_size=2
    )
    try:
        store.open()
    except Exception as exc:
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}: {type(exc).__name__}")
    yield store
    store.url = PG_URL
    store.drop()
    store.close()


def kill_backends(store: PostgresTicketStore) -> None:
    """End the store's server processes (``pg_terminate_backend``), as a restart would."""
    import psycopg

    name = f"rasa-genrec console {store.prefix}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = %s",
            (name,),
        ).fetchone()
        assert killed is not None and killed[0] >= 1, "the store had no connection to kill"
        for _ in range(200):  # they end after the call returns: wait until they have
            left = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,)
            ).fetchone()
            if left is not None and left[0] == 0:
                return
            time.sleep(0.05)
    raise AssertionError(f"the backends of {name} did not end")


async def test_a_killed_connection_is_replaced_before_the_next_request(
    aiohttp_client: Any, config: ConsoleConfig, pg: PostgresTicketStore
) -> None:
    client: Client = await aiohttp_client(create_app(config, store=pg))
    ticket = ticket_json()
    assert (await client.post("/api/tickets", json=ticket, headers=AUTH)).status == 201
    kill_backends(pg)
    listed = await client.get("/api/tickets", headers=AUTH)
    assert listed.status == 200
    assert [t["ticket_id"] for t in (await listed.json())["tickets"]] == [ticket["ticket_id"]]
    kill_backends(pg)
    health = await client.get("/health")
    assert health.status == 200 and await health.json() == {"status": "ok", "database": "ok"}


async def test_an_unreachable_database_is_reported_until_it_is_back(
    aiohttp_client: Any, config: ConsoleConfig, pg: PostgresTicketStore
) -> None:
    client: Client = await aiohttp_client(create_app(config, store=pg))
    first = ticket_json()
    assert (await client.post("/api/tickets", json=first, headers=AUTH)).status == 201
    pg.url = NOWHERE  # the database goes away
    kill_backends(pg)
    for _ in range(2):  # every call tries again, and the console stays up
        health = await client.get("/health")
        assert health.status == 503
        assert await health.json() == {"status": "degraded", "database": "down"}
        refused = await client.post("/api/tickets", json=ticket_json(), headers=AUTH)
        assert refused.status == 503 and "unreachable" in (await refused.json())["error"]
        assert (await client.get("/api/tickets", headers=AUTH)).status == 503
    pg.url = PG_URL  # it is back: the next call connects again
    assert (await client.get("/health")).status == 200
    listed = await (await client.get("/api/tickets", headers=AUTH)).json()
    assert [t["ticket_id"] for t in listed["tickets"]] == [first["ticket_id"]]


def test_a_statement_past_its_time_limit_is_cancelled(pg: PostgresTicketStore) -> None:
    with pytest.raises(StoreUnavailableError, match="too slow"), pg._tx() as cur:
        cur.execute("SELECT pg_sleep(5)")
    assert pg.ping() is True  # the connection goes on


def test_tracker_store_reads_have_a_time_limit(pg: PostgresTicketStore) -> None:
    reader = TrackerStoreReader(PG_URL, statement_timeout_ms=200)
    with pytest.raises(TrackerStoreError, match="QueryCanceled"):
        reader._query("SELECT pg_sleep(5)")
    assert reader._query("SELECT 1") == [(1,)]
