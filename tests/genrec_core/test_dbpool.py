"""The connection pool both stores share: reuse, replacement of lost connections, limits."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import pytest

from genrec_core.dbpool import ConnectionPool, DatabaseUnavailable


class Lost(Exception):
    """What a driver raises when the database went away."""


class FakeConnection:
    """A DB-API connection whose death the test decides."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.alive = True
        self.closed = False
        self.commits = 0

    def cursor(self) -> FakeCursor:
        return FakeCursor(self)

    def commit(self) -> None:
        self.commits += 1

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


class FakeCursor:
    def __init__(self, conn: FakeConnection) -> None:
        self.conn = conn

    def execute(self, sql: str) -> None:
        if not self.conn.alive:
            raise Lost("server closed the connection unexpectedly")
        if sql == "SLOW":
            raise Lost("canceling statement due to statement timeout")

    def fetchone(self) -> tuple[int]:
        return (1,)

    def close(self) -> None:
        pass


class Server:
    """Hands out fake connections; ``down`` refuses new ones."""

    def __init__(self) -> None:
        self.made: list[FakeConnection] = []
        self.down = False

    def connect(self) -> FakeConnection:
        if self.down:
            raise Lost("connection refused")
        self.made.append(FakeConnection(len(self.made)))
        return self.made[-1]

    def pool(self, size: int = 2, wait_s: float = 5.0) -> ConnectionPool:
        return ConnectionPool(
            self.connect,
            size=size,
            usable=lambda conn: conn.alive and not conn.closed,
            lost=lambda exc: isinstance(exc, Lost),
            wait_s=wait_s,
            name="fake",
        ).open()


def run(pool: ConnectionPool, sql: str = "SELECT 1") -> Any:
    with pool.transaction() as cur:
        cur.execute(sql)
        return cur.conn.number


def test_a_connection_is_reused_and_each_transaction_committed() -> None:
    server = Server()
    pool = server.pool()
    assert [run(pool) for _ in range(3)] == [0, 0, 0]
    assert len(server.made) == 1 and server.made[0].commits == 3


def test_a_connection_that_died_idle_is_replaced_before_use() -> None:
    server = Server()
    pool = server.pool()
    server.made[0].alive = False  # a restart while the pool was idle
    assert run(pool) == 1
    assert server.made[0].closed


def test_a_connection_lost_in_use_fails_that_call_and_empties_the_pool() -> None:
    server = Server()
    pool = server.pool(size=2)
    with pool.connection() as first, pool.connection():
        pass  # two idle connections now
    assert len(server.made) == 2
    with pytest.raises(DatabaseUnavailable), pool.transaction() as cur:
        cur.conn.alive = False  # dies while the statement runs
        cur.execute("SELECT 1")
    assert all(conn.closed for conn in server.made)  # the idle one is dropped with it
    assert run(pool) == 2  # the next call connects again
    assert first.closed


def test_a_timed_out_statement_keeps_its_healthy_connection() -> None:
    server = Server()
    pool = server.pool()
    with pytest.raises(DatabaseUnavailable):
        run(pool, "SLOW")
    assert run(pool) == 0 and len(server.made) == 1


def test_ping_follows_the_database_and_a_bad_statement_is_not_unavailability() -> None:
    server = Server()
    pool = server.pool()
    server.made[0].alive = False
    server.down = True
    assert pool.ping() is False
    assert pool.ping() is False  # still down: every call tries again
    server.down = False
    assert pool.ping() is True
    with pytest.raises(ZeroDivisionError), pool.transaction():
        _ = 1 / 0
    assert pool.ping() is True


def test_no_more_than_size_connections_and_a_bounded_wait() -> None:
    server = Server()
    pool = server.pool(size=1, wait_s=0.01)
    taken = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with pool.connection():
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(10)
        with pytest.raises(DatabaseUnavailable, match="all 1 connections busy"):
            run(pool)
    finally:
        release.set()
        holder.join()
    assert run(pool) == 0 and len(server.made) == 1


def test_closed_pool_refuses_and_closes_what_comes_back(tmp_path: Any) -> None:
    pool = ConnectionPool(
        lambda: sqlite3.connect(tmp_path / "x.db", check_same_thread=False)
    ).open()
    with pool.connection() as conn:
        pool.close()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")  # closed when it came back
    with pytest.raises(RuntimeError, match="closed"), pool.connection():
        pass
