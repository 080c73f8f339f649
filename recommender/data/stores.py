"""Durable event store: one interface over SQLite (WAL mode) and PostgreSQL.

``open_store(url)`` picks the backend: a ``postgresql://`` URL uses psycopg 3, anything else
is a SQLite file path. Every write is committed before the call returns. Calls are
synchronous and thread-safe (:class:`~genrec_core.dbpool.ConnectionPool`: one SQLite
connection, or ``store.pool_size`` PostgreSQL ones); the server runs them in its thread pool.
A lost connection (the database restarted, a network cut) or a statement past its time limit
raises :class:`~recommender.errors.StoreUnavailableError`, and the next call connects again;
:meth:`EventStore.ping` tells ``/health`` whether the database answers.

Privacy: free text in event contexts and dialogue slots is stored with PII replaced by
placeholders (:mod:`genrec_core.pii`); a user who turned personalisation off has no events
stored; :meth:`EventStore.forget` and :meth:`EventStore.purge` delete users for good (SQLite
runs with ``secure_delete`` and is vacuumed afterwards, so the bytes leave the file).
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from genrec_core.dbpool import (
    PooledStore,
    postgres_connector,
    postgres_lost,
    postgres_usable,
)
from genrec_core.pii import redact_value
from recommender.data.events import INTERACTION_TYPES, Event
from recommender.errors import StoreUnavailableError

logger = logging.getLogger(__name__)

_PREFIX_RE = re.compile(r"^[a-z_][a-z0-9_]{0,30}$")


class EventStore(PooledStore):
    """Events keyed by ``event_id`` plus the last dialogue slots of each user.

    Subclasses provide ``_connect`` and the SQL dialect; queries use ``?`` placeholders.
    """

    def __init__(self, prefix: str = "genrec_") -> None:
        assert _PREFIX_RE.match(prefix), f"table prefix {prefix!r} must be [a-z_][a-z0-9_]*"
        self.prefix = prefix
        self.events = prefix + "events"
        self.dialogue = prefix + "dialogue"
        self.consent = prefix + "consent"
        self.pool_size = 1
        self._pool = None

    # --------------------------------------------------------------- plumbing
    def open(self) -> EventStore:
        """Connect and create the tables and indexes if they do not exist."""
        self._open_pool("event store", StoreUnavailableError)
        e, d, c = self.events, self.dialogue, self.consent
        with self._tx() as cur:
            self._lock_schema(cur)
            for stmt in (
                f"CREATE TABLE IF NOT EXISTS {e} (event_id TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
                " session_id TEXT, type TEXT NOT NULL, product_id TEXT, ts DOUBLE PRECISION"
                " NOT NULL, context TEXT NOT NULL, received DOUBLE PRECISION NOT NULL)",
                f"CREATE INDEX IF NOT EXISTS {e}_user_ts ON {e} (user_id, ts)",
                f"CREATE INDEX IF NOT EXISTS {e}_product_user ON {e} (product_id, user_id)",
                f"CREATE TABLE IF NOT EXISTS {d} (user_id TEXT PRIMARY KEY, session_id TEXT,"
                " slots TEXT NOT NULL, updated DOUBLE PRECISION NOT NULL)",
                f"CREATE TABLE IF NOT EXISTS {c} (user_id TEXT PRIMARY KEY, personalise INTEGER"
                " NOT NULL, updated DOUBLE PRECISION NOT NULL)",
            ):
                cur.execute(stmt)
        return self

    def _lock_schema(self, cur: Any) -> None:
        """Held while the tables are created (a no-op where one process owns the file)."""

    def close(self) -> None:
        """Close the connections (idempotent)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- events
    def add(self, events: Iterable[Event]) -> tuple[int, int]:
        """Insert events; ``(accepted, duplicates)``. Idempotent by ``event_id``, committed.

        Context strings are stored redacted; callers drop the events of opted-out users
        (:meth:`personalising`) before this.
        """
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
                        json.dumps(redact_value(dict(ev.context)), sort_keys=True, default=str),
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

    def events_between(
        self, since: float, until: float, types: Iterable[str]
    ) -> list[tuple[str, str, str | None, float, dict[str, Any]]]:
        """``(user_id, type, product_id, ts, context)`` of events of ``types`` in
        ``[since, until)``, oldest first (analytics)."""
        kinds = sorted(types)
        marks = ", ".join("?" for _ in kinds)
        sql = self._sql(
            f"SELECT user_id, type, product_id, ts, context FROM {self.events}"
            f" WHERE type IN ({marks}) AND ts >= ? AND ts < ? ORDER BY ts"
        )
        with self._tx() as cur:
            cur.execute(sql, (*kinds, since, until))
            return [(r[0], r[1], r[2], float(r[3]), json.loads(r[4])) for r in cur.fetchall()]

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
        clean = redact_value(dict(slots))
        with self._tx() as cur:
            cur.execute(sql, (user_id, session_id, json.dumps(clean), time.time()))

    def get_dialogue(self, user_id: str) -> tuple[str | None, dict[str, Any]] | None:
        """``(session_id, slots)`` of the user's last turn, or ``None``."""
        sql = self._sql(f"SELECT session_id, slots FROM {self.dialogue} WHERE user_id = ?")
        with self._tx() as cur:
            cur.execute(sql, (user_id,))
            row = cur.fetchone()
        return None if row is None else (row[0], json.loads(row[1]))

    # ------------------------------------------------------------- personalisation
    def set_personalising(self, user_id: str, enabled: bool) -> None:
        """Turn personal recommendations (and the storing of behaviour events) on or off."""
        sql = self._sql(
            f"INSERT INTO {self.consent} (user_id, personalise, updated) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET personalise = excluded.personalise,"
            " updated = excluded.updated"
        )
        with self._tx() as cur:
            cur.execute(sql, (user_id, int(enabled), time.time()))

    def personalising(self, user_id: str) -> bool:
        """``False`` once the user asked to stop personalising (until they ask again)."""
        return not self.opted_out([user_id])

    def opted_out(self, user_ids: Iterable[str]) -> set[str]:
        """The users among ``user_ids`` who turned personalisation off."""
        ids = sorted(set(user_ids))
        if not ids:
            return set()
        marks = ", ".join("?" for _ in ids)
        sql = self._sql(
            f"SELECT user_id FROM {self.consent} WHERE personalise = 0 AND user_id IN ({marks})"
        )
        with self._tx() as cur:
            cur.execute(sql, tuple(ids))
            return {row[0] for row in cur.fetchall()}

    # ------------------------------------------------------------------ erasure
    def forget(self, user_id: str) -> dict[str, int]:
        """Delete the user's events, dialogue state and personalisation choice.

        Returns the number of rows deleted per table (``events``, ``dialogue``, ``consent``).
        """
        counts: dict[str, int] = {}
        with self._tx() as cur:
            for name, table in (
                ("events", self.events), ("dialogue", self.dialogue), ("consent", self.consent)
            ):  # fmt: skip
                cur.execute(self._sql(f"DELETE FROM {table} WHERE user_id = ?"), (user_id,))
                counts[name] = max(cur.rowcount, 0)
        self._compact()
        return counts

    def inactive_users(self, before: float) -> list[str]:
        """Users whose newest event and dialogue state are older than ``before`` (epoch s)."""
        sql = self._sql(
            f"SELECT user_id FROM (SELECT user_id, MAX(ts) AS last FROM {self.events}"
            f" GROUP BY user_id UNION ALL SELECT user_id, updated AS last FROM {self.dialogue})"
            " AS activity GROUP BY user_id HAVING MAX(last) < ?"
        )
        with self._tx() as cur:
            cur.execute(sql, (before,))
            return sorted(row[0] for row in cur.fetchall())

    def purge(self, before: float) -> dict[str, int]:
        """Forget every user whose last activity is older than ``before``: their events,
        dialogue state and personalisation choice. Returns ``users`` and row counts."""
        users = self.inactive_users(before)
        totals = {"users": len(users), "events": 0, "dialogue": 0, "consent": 0}
        for user_id in users:
            for name, n in self.forget(user_id).items():
                totals[name] += n
        return totals

    def _compact(self) -> None:
        """Make deleted rows unrecoverable from the database files (backend specific)."""


class SQLiteEventStore(EventStore):
    """SQLite file in WAL mode, ``synchronous=FULL`` so a commit survives a power cut."""

    def __init__(self, path: str | Path, prefix: str = "genrec_") -> None:
        super().__init__(prefix)
        self.path = Path(path)

    def _lost(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.OperationalError)  # locked past the timeout, disk I/O

    def _connect(self) -> sqlite3.Connection:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten with zeros
        return conn

    def _compact(self) -> None:
        """Rewrite the file (VACUUM) and empty the write-ahead log, so no copy of a deleted
        row survives in a free page, a page's slack or the WAL."""
        if self._pool is None or str(self.path) == ":memory:":
            return
        with self._pool.connection() as conn:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class PostgresEventStore(EventStore):
    """PostgreSQL through psycopg 3 (``pip install "psycopg[binary]"``), a pool of connections.

    Args:
        url: ``postgresql://...``.
        prefix: table name prefix.
        statement_timeout_ms: the server cancels a statement after this long (0: no limit).
        pool_size: most connections open at once.
    """

    placeholder = "%s"

    def _lock_schema(self, cur: Any) -> None:
        """Replicas that start together create the tables one at a time: two concurrent
        ``CREATE TABLE IF NOT EXISTS`` of one table can fail in PostgreSQL (``pg_type``
        unique violation). The lock ends with the transaction."""
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.prefix + "schema",))

    def __init__(
        self,
        url: str,
        prefix: str = "genrec_",
        statement_timeout_ms: int = 5000,
        pool_size: int = 4,
    ) -> None:
        super().__init__(prefix)
        self.url = url
        self.statement_timeout_ms = statement_timeout_ms
        self.pool_size = pool_size

    def _connect(self) -> Any:
        # The URL is read at each connect (tests point it elsewhere to take the database away).
        return postgres_connector(
            self.url,
            statement_timeout_ms=self.statement_timeout_ms,
            application_name=f"rasa-genrec recommender {self.prefix}",
        )()

    def _usable(self, conn: Any) -> bool:
        return postgres_usable(conn)

    def _lost(self, exc: BaseException) -> bool:
        return postgres_lost(exc)  # connection lost, statement timeout

    def drop(self) -> None:
        """Drop this store's tables (tests clean up with it)."""
        with self._tx() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {self.events}, {self.dialogue}, {self.consent}")

    def _compact(self) -> None:
        """VACUUM the tables so PostgreSQL can reuse the space of the deleted rows."""
        if self._pool is None:
            return
        with self._pool.connection() as conn:
            autocommit = conn.autocommit
            conn.autocommit = True
            try:
                for table in (self.events, self.dialogue, self.consent):
                    conn.execute(f"VACUUM {table}")
            finally:
                conn.autocommit = autocommit


def open_store(
    url: str, prefix: str = "genrec_", statement_timeout_ms: int = 5000, pool_size: int = 4
) -> EventStore:
    """Open the store named by ``store.url``: ``postgresql://...`` or a SQLite path."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresEventStore(url, prefix, statement_timeout_ms, pool_size).open()
    return SQLiteEventStore(url, prefix).open()
