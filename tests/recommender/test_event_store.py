"""The durable event store on SQLite and PostgreSQL: idempotent, durable, queries."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from recommender.data.events import Event
from recommender.data.stores import EventStore, PostgresEventStore, SQLiteEventStore, open_store
from recommender.errors import StoreUnavailableError

PG_URL = os.environ.get("GENREC_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def pg_reachable() -> str | None:
    try:
        import psycopg
    except ImportError:
        return 'psycopg is not installed (pip install "psycopg[binary]")'
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        return f"PostgreSQL at {PG_URL} unreachable: {str(exc).strip()[:120]}"
    return None


def E(eid: str, user: str, kind: str, pid: str | None, ts: float, **kw: object) -> Event:
    return Event(event_id=eid, user_id=user, type=kind, product_id=pid, ts=ts, **kw)  # type: ignore[arg-type]


EVENTS = [
    E("1", "alice", "view", "h-01", 100.0, session_id="s1"),
    E("2", "alice", "purchase", "h-01", 200.0),
    E("3", "bob", "view", "h-01", 150.0),
    E("4", "bob", "click", "h-02", 160.0),
    E("5", "carol", "view", "h-01", 170.0),
    E("6", "carol", "view", "h-02", 171.0),
    E("7", "alice", "recommended", "s-01", 300.0),
    E("8", "alice", "feedback", None, 310.0, context={"value": "up"}),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    prefix = f"t{uuid.uuid4().hex[:10]}_"
    if request.param == "sqlite":
        yield str(tmp_path / "events.db"), prefix
        return
    reason = pg_reachable()
    if reason is not None:
        pytest.skip(reason)
    yield PG_URL, prefix
    cleanup = PostgresEventStore(PG_URL, prefix)
    cleanup.open()
    cleanup.drop()
    cleanup.close()


@pytest.fixture
def store(store_url: tuple[str, str]) -> Iterator[EventStore]:
    s = open_store(*store_url)
    yield s
    s.close()


def test_backend_by_url(store: EventStore, store_url: tuple[str, str]) -> None:
    expected = PostgresEventStore if store_url[0].startswith("postgresql") else SQLiteEventStore
    assert isinstance(store, expected)


def test_replay_counts_once(store: EventStore) -> None:
    assert store.add(EVENTS) == (8, 0)
    assert store.add(EVENTS) == (0, 8)
    assert store.add([EVENTS[0], E("9", "dave", "view", "h-02", 1.0), EVENTS[0]]) == (1, 2)
    assert store.count() == 9


def test_durable_across_reopen(store_url: tuple[str, str]) -> None:
    first = open_store(*store_url)
    first.add(EVENTS[:3])
    first.put_dialogue("alice", "s1", {"category": "headphones"})
    first.close()
    again = open_store(*store_url)
    try:
        assert again.count() == 3
        assert [e.event_id for e in again.history("alice")] == ["1", "2"]
        assert again.get_dialogue("alice") == ("s1", {"category": "headphones"})
    finally:
        again.close()


def test_history_order_limit_and_fields(store: EventStore) -> None:
    store.add(EVENTS)
    history = store.history("alice")
    assert [e.event_id for e in history] == ["1", "2", "7", "8"]
    assert history[0].session_id == "s1" and history[3].context == {"value": "up"}
    assert [e.event_id for e in store.history("alice", limit=2)] == ["7", "8"]
    assert store.history("nobody") == []


def test_interactions_popularity_co_users(store: EventStore) -> None:
    store.add(EVENTS)
    inter = store.all_interactions()
    assert ("alice", "h-01", 200.0) in inter and len(inter) == 6  # no recommended/feedback
    assert store.popularity({"view": 1.0, "purchase": 5.0}) == {"h-01": 8.0, "h-02": 1.0}
    assert store.popularity({"view": 1.0}, since=165.0) == {"h-01": 1.0, "h-02": 1.0}
    co = store.co_users(["h-01"], ["h-02", "s-01"], exclude_user="alice")
    assert co == {("h-01", "h-02"): 2}  # bob and carol


def test_dialogue_is_last_write(store: EventStore) -> None:
    assert store.get_dialogue("u") is None
    store.put_dialogue("u", "s1", {"budget_max": 80})
    store.put_dialogue("u", "s2", {"brand": "Sony"})
    assert store.get_dialogue("u") == ("s2", {"brand": "Sony"})


def test_sqlite_is_wal(tmp_path: Path) -> None:
    store = SQLiteEventStore(tmp_path / "x.db").open()
    try:
        with store._tx() as cur:
            cur.execute("PRAGMA journal_mode")
            assert cur.fetchone()[0] == "wal"
    finally:
        store.close()


# ------------------------------------------------------------------ a lost database


@pytest.fixture
def pg_store() -> Iterator[PostgresEventStore]:
    reason = pg_reachable()
    if reason is not None:
        pytest.skip(reason)
    store = PostgresEventStore(PG_URL, f"t{uuid.uuid4().hex[:10]}_", statement_timeout_ms=300)
    store.open()
    yield store
    store.drop()
    store.close()


def kill_connection(store: PostgresEventStore) -> None:
    """End the store's server processes, as a PostgreSQL restart or a network cut would."""
    import psycopg

    name = f"rasa-genrec recommender {store.prefix}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            (name,),
        )
        for _ in range(200):  # the backends end after the call returns: wait until they have
            count = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,)
            ).fetchone()
            if count is not None and count[0] == 0:
                return
            time.sleep(0.05)
    raise AssertionError(f"the backends of {name} did not end")


def test_postgres_connection_is_re_established_after_it_is_lost(
    pg_store: PostgresEventStore,
) -> None:
    pg_store.add(EVENTS[:2])
    kill_connection(pg_store)
    assert pg_store.add(EVENTS[2:4]) == (2, 0)  # the dead idle connection is replaced first
    assert pg_store.count() == 4
    kill_connection(pg_store)
    assert pg_store.ping() is True


def test_postgres_statements_have_a_time_limit(pg_store: PostgresEventStore) -> None:
    with pytest.raises(StoreUnavailableError), pg_store._tx() as cur:
        cur.execute("SELECT pg_sleep(2)")
    assert pg_store.ping() is True  # the same connection goes on


def test_ping_says_down_while_the_database_is_unreachable(pg_store: PostgresEventStore) -> None:
    url = pg_store.url
    pg_store.url = "postgresql://postgres@127.0.0.1:1/test"  # nothing listens there
    kill_connection(pg_store)
    assert pg_store.ping() is False
    assert pg_store.ping() is False  # still down: every call tries again
    pg_store.url = url
    assert pg_store.ping() is True
    assert pg_store.count() == 0


def test_sqlite_ping(tmp_path: Path) -> None:
    store = SQLiteEventStore(tmp_path / "events.db").open()
    assert store.ping() is True
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.ping()  # closed on purpose is not "down"


def test_replicas_opening_together_create_the_tables_once(
    store_url: tuple[str, str],
) -> None:
    # two replicas starting at the same moment: CREATE TABLE IF NOT EXISTS raced in PostgreSQL
    import threading

    url, prefix = store_url
    errors: list[BaseException] = []
    stores: list[EventStore] = []
    start = threading.Barrier(4)

    def open_one() -> None:
        try:
            start.wait()
            stores.append(open_store(url, prefix))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert not errors and len(stores) == 4
