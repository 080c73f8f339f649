"""Durable event store: one interface over SQLite (WAL mode) and PostgreSQL.

``open_store(url)`` picks the backend: a ``postgresql://`` URL uses psycopg 3, anything else
is a SQLite file path. Every write is committed before the call returns. Calls are
synchronous and thread-safe (one connection behind a lock); the server runs them in its
thread pool.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from recommender.data.events import INTERACTION_TYPES, Event

_PREFIX_RE = re.compile(r"^[a-z_][a-z0-9_]{0,30}$")


class EventStore:
    """Events keyed by ``event_id`` plus the last dialogue slots of each user.

    Subclasses provide ``_connect`` and the SQL dialect; queries use ``?`` placeholders.
    """

    placeholder = "?"

    def __init__(self, prefix: str = "genrec_") -> None:
        assert _PREFIX_RE.match(prefix), f"table prefix {prefix!r} must be [a-z_][a-z0-9_]*"
        self.prefix = prefix
        self.events = prefix + "events"
        self.dialogue = prefix + "dialogue"
        self._lock = threading.Lock()
        self._conn: Any = None

    # --------------------------------------------------------------- plumbing
    def _connect(self) -> Any:
        raise NotImplementedError

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    @contextmanager
    def _tx(self) -> Iterator[Any]:
        """A cursor inside one committed transaction (rolled back on error)."""
        with self._lock:
            if self._conn is None:
                raise RuntimeError("store is closed")
            cur = self._conn.cursor()
            try:
                yield cur
                self._conn.commit()
            except BaseException:
                self._conn.rollback()
                raise
            finally:
                cur.close()

    def open(self) -> EventStore:
        """Connect and create the tables and indexes if they do not exist."""
        self._conn = self._connect()
        e, d = self.events, self.dialogue
        with self._tx() as cur:
            for stmt in (
                f"CREATE TABLE IF NOT EXISTS {e} (event_id TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
                " session_id TEXT, type TEXT NOT NULL, product_id TEXT, ts DOUBLE PRECISION"
                " NOT NULL, context TEXT NOT NULL, received DOUBLE PRECISION NOT NULL)",
                f"CREATE INDEX IF NOT EXISTS {e}_user_ts ON {e} (user_id, ts)",
                f"CREATE INDEX IF NOT EXISTS {e}_product_user ON {e} (product_id, user_id)",
                f"CREATE TABLE IF NOT EXISTS {d} (user_id TEXT PRIMARY KEY, session_id TEXT,"
                " slots TEXT NOT NULL, updated DOUBLE PRECISION NOT NULL)",
            ):
                cur.execute(stmt)
        return self

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- events
    def add(self, events: Iterable[Event]) -> tuple[int, int]:
        """Insert events; ``(accepted, duplicates)``. Idempotent by ``event_id``, committed."""
        sql = self._sql(
            f"INSERT INTO {self.events} (event_id, user_id, session_id, type, product_id, ts,"
            " context, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING"
        )
        now = time.time()
        accepted = total = 0
        with self._tx() as cur:
            for ev in events:
                total += 1
                cur.execute(
                    sql,
                    (
                        ev.event_id,
                        ev.user_id,
                        ev.session_id,
                        ev.type,
                        ev.product_id,
                        ev.ts,
                        json.dumps(dict(ev.context), sort_keys=True, default=str),
                        now,
                    ),
                )
                accepted += max(cur.rowcount, 0)
        return accepted, total - accepted

    @staticmethod
    def _event(row: Sequence[Any]) -> Event:
        return Event(
            event_id=row[0],
            user_id=row[1],
            session_id=row[2],
            type=row[3],
            product_id=row[4],
            ts=float(row[5]),
            context=json.loads(row[6]),
        )

    def history(self, user_id: str, limit: int = 200) -> list[Event]:
        """The user's last ``limit`` events, oldest first (ties in insertion order)."""
        sql = self._sql(
            f"SELECT event_id, user_id, session_id, type, product_id, ts, context FROM"
            f" {self.events} WHERE user_id = ? ORDER BY ts DESC, received DESC LIMIT ?"
        )
        with self._tx() as cur:
            cur.execute(sql, (user_id, limit))
            rows = cur.fetchall()
        return [self._event(r) for r in reversed(rows)]

    def count(self) -> int:
        """Number of stored events."""
        with self._tx() as cur:
            cur.execute(f"SELECT COUNT(*) FROM {self.events}")
            return int(cur.fetchone()[0])

    def all_interactions(
        self, types: Iterable[str] = INTERACTION_TYPES
    ) -> list[tuple[str, str, float]]:
        """``(user_id, product_id, ts)`` of every interaction event, by user then time."""
        kinds = sorted(types)
        marks = ", ".join("?" for _ in kinds)
        sql = self._sql(
            f"SELECT user_id, product_id, ts FROM {self.events} WHERE type IN ({marks})"
            " AND product_id IS NOT NULL ORDER BY user_id, ts, received"
        )
        with self._tx() as cur:
            cur.execute(sql, tuple(kinds))
            return [(r[0], r[1], float(r[2])) for r in cur.fetchall()]

    def popularity(
        self, weights: Mapping[str, float], since: float | None = None
    ) -> dict[str, float]:
        """Weighted event counts per product: ``sum(weights[type])`` over events since ``since``."""
        kinds = sorted(weights)
        if not kinds:
            return {}
        marks = ", ".join("?" for _ in kinds)
        sql = (
            f"SELECT product_id, type, COUNT(*) FROM {self.events} WHERE product_id IS NOT NULL"
            f" AND type IN ({marks})"
        )
        params: list[Any] = list(kinds)
        if since is not None:
            sql += " AND ts >= ?"
            params.append(since)
        sql += " GROUP BY product_id, type"
        out: dict[str, float] = {}
        with self._tx() as cur:
            cur.execute(self._sql(sql), tuple(params))
            for pid, kind, n in cur.fetchall():
                out[pid] = out.get(pid, 0.0) + weights[kind] * int(n)
        return out

    def co_users(
        self,
        anchors: Sequence[str],
        candidates: Sequence[str],
        exclude_user: str,
        types: Iterable[str] = INTERACTION_TYPES,
    ) -> dict[tuple[str, str], int]:
        """Distinct other users who interacted with both an anchor and a candidate product."""
        if not anchors or not candidates:
            return {}
        kinds = sorted(types)
        a_marks = ", ".join("?" for _ in anchors)
        c_marks = ", ".join("?" for _ in candidates)
        t_marks = ", ".join("?" for _ in kinds)
        sql = self._sql(
            f"SELECT a.product_id, b.product_id, COUNT(DISTINCT a.user_id) FROM {self.events} a"
            f" JOIN {self.events} b ON a.user_id = b.user_id"
            f" WHERE a.product_id IN ({a_marks}) AND b.product_id IN ({c_marks})"
            f" AND a.type IN ({t_marks}) AND b.type IN ({t_marks})"
            " AND a.user_id <> ? AND a.product_id <> b.product_id"
            " GROUP BY a.product_id, b.product_id"
        )
        params = (*anchors, *candidates, *kinds, *kinds, exclude_user)
        with self._tx() as cur:
            cur.execute(sql, params)
            return {(a, b): int(n) for a, b, n in cur.fetchall()}

    # ---------------------------------------------------------- dialogue slots
    def put_dialogue(self, user_id: str, session_id: str | None, slots: Mapping[str, Any]) -> None:
        """Remember the slots of the user's last ``/recommend`` turn."""
        sql = self._sql(
            f"INSERT INTO {self.dialogue} (user_id, session_id, slots, updated) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET session_id = excluded.session_id,"
            " slots = excluded.slots, updated = excluded.updated"
        )
        with self._tx() as cur:
            cur.execute(sql, (user_id, session_id, json.dumps(dict(slots)), time.time()))

    def get_dialogue(self, user_id: str) -> tuple[str | None, dict[str, Any]] | None:
        """``(session_id, slots)`` of the user's last turn, or ``None``."""
        sql = self._sql(f"SELECT session_id, slots FROM {self.dialogue} WHERE user_id = ?")
        with self._tx() as cur:
            cur.execute(sql, (user_id,))
            row = cur.fetchone()
        return None if row is None else (row[0], json.loads(row[1]))


class SQLiteEventStore(EventStore):
    """SQLite file in WAL mode, ``synchronous=FULL`` so a commit survives a power cut."""

    def __init__(self, path: str | Path, prefix: str = "genrec_") -> None:
        super().__init__(prefix)
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        return conn


class PostgresEventStore(EventStore):
    """PostgreSQL through psycopg 3 (``pip install "psycopg[binary]"``)."""

    placeholder = "%s"

    def __init__(self, url: str, prefix: str = "genrec_") -> None:
        super().__init__(prefix)
        self.url = url

    def _connect(self) -> Any:
        import psycopg

        return psycopg.connect(self.url, connect_timeout=10)

    def drop(self) -> None:
        """Drop this store's tables (tests clean up with it)."""
        with self._tx() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {self.events}, {self.dialogue}")


def open_store(url: str, prefix: str = "genrec_") -> EventStore:
    """Open the store named by ``store.url``: ``postgresql://...`` or a SQLite path."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresEventStore(url, prefix).open()
    return SQLiteEventStore(url, prefix).open()
