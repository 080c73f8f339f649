"""Durable ticket store: one interface over SQLite (WAL mode) and PostgreSQL.

``open_ticket_store(url)`` picks the backend: a ``postgresql://`` URL uses psycopg 3,
anything else is a SQLite file path. Every write is committed before the call returns and
state changes are single conditional UPDATEs, so two consoles on one PostgreSQL database
cannot both claim a ticket. Calls are synchronous and thread-safe
(:class:`~genrec_core.dbpool.ConnectionPool`, shared with the recommender's store: one SQLite
connection, or ``store.pool_size`` PostgreSQL ones); the app runs them in a thread pool. A
lost database or a statement past ``store.statement_timeout_ms`` raises
:class:`~console.errors.StoreUnavailableError` (503) and the next call connects again.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from console.errors import ConflictError, NotFoundError, StoreUnavailableError
from genrec_core.dbpool import (
    PooledStore,
    postgres_connector,
    postgres_lost,
    postgres_usable,
)
from genrec_core.pii import redact

_PREFIX_RE = re.compile(r"^[a-z_][a-z0-9_]{0,30}$")
_COLUMNS = (
    "ticket_id, sender_id, channel, reason, status, created, updated, claimed_by, closed_by, body"
)


class TicketStore(PooledStore):
    """Tickets and the agents' messages. Subclasses provide ``_connect`` and the dialect."""

    def __init__(self, prefix: str = "console_") -> None:
        assert _PREFIX_RE.match(prefix), f"table prefix {prefix!r} must be [a-z_][a-z0-9_]*"
        self.prefix = prefix
        self.tickets = prefix + "tickets"
        self.messages = prefix + "messages"
        self.pool_size = 1
        self._pool = None

    def open(self) -> TicketStore:
        """Connect and create the tables if they do not exist."""
        self._open_pool("ticket store", StoreUnavailableError)
        t, m = self.tickets, self.messages
        with self._tx() as cur:
            for stmt in (
                f"CREATE TABLE IF NOT EXISTS {t} (ticket_id TEXT PRIMARY KEY, sender_id TEXT NOT"
                " NULL, channel TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL,"
                " created DOUBLE PRECISION NOT NULL, updated DOUBLE PRECISION NOT NULL,"
                " claimed_by TEXT, closed_by TEXT, body TEXT NOT NULL)",
                f"CREATE INDEX IF NOT EXISTS {t}_status ON {t} (status, created)",
                f"CREATE TABLE IF NOT EXISTS {m} (message_id TEXT PRIMARY KEY, ticket_id TEXT NOT"
                " NULL, author TEXT NOT NULL, text TEXT NOT NULL, ts DOUBLE PRECISION NOT NULL)",
                f"CREATE INDEX IF NOT EXISTS {m}_ticket ON {m} (ticket_id, ts)",
            ):
                cur.execute(stmt)
        return self

    def close(self) -> None:
        """Close the connections (idempotent)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    @staticmethod
    def _row(row: Sequence[Any]) -> dict[str, Any]:
        body = json.loads(row[9])
        return {
            "ticket_id": row[0],
            "sender_id": row[1],
            "channel": row[2],
            "reason": row[3],
            "status": row[4],
            "created_at": float(row[5]),
            "updated_at": float(row[6]),
            "claimed_by": row[7],
            "closed_by": row[8],
            **body,
        }

    def add(self, ticket: dict[str, Any]) -> bool:
        """Store a parsed ticket as ``waiting``; ``False`` if its id already exists."""
        body = {k: ticket[k] for k in ("transcript", "slots", "profile", "profile_error")}
        sql = self._sql(
            f"INSERT INTO {self.tickets} ({_COLUMNS}) VALUES (?, ?, ?, ?, 'waiting', ?, ?, NULL,"
            " NULL, ?) ON CONFLICT (ticket_id) DO NOTHING"
        )
        with self._tx() as cur:
            cur.execute(
                sql,
                (
                    ticket["ticket_id"],
                    ticket["sender_id"],
                    ticket["channel"],
                    ticket["reason"],
                    ticket["created_at"],
                    time.time(),
                    json.dumps(body, default=str),
                ),
            )
            return bool(cur.rowcount > 0)

    def get(self, ticket_id: str) -> dict[str, Any]:
        """The ticket with its agent messages (oldest first).

        Raises:
            NotFoundError: unknown id.
        """
        with self._tx() as cur:
            cur.execute(
                self._sql(f"SELECT {_COLUMNS} FROM {self.tickets} WHERE ticket_id = ?"),
                (ticket_id,),
            )
            row = cur.fetchone()
            if row is None:
                raise NotFoundError(f"no ticket {ticket_id}")
            cur.execute(
                self._sql(
                    f"SELECT author, text, ts FROM {self.messages} WHERE ticket_id = ? ORDER BY ts"
                ),
                (ticket_id,),
            )
            messages = [{"agent": a, "text": t, "ts": float(ts)} for a, t, ts in cur.fetchall()]
        return {**self._row(row), "messages": messages}

    def list_tickets(
        self, statuses: Iterable[str] = ("waiting", "claimed"), limit: int = 200
    ) -> list[dict[str, Any]]:
        """Tickets in these states, oldest first, without transcript or messages."""
        kinds = sorted(set(statuses))
        if not kinds:
            return []
        marks = ", ".join("?" for _ in kinds)
        sql = self._sql(
            f"SELECT {_COLUMNS} FROM {self.tickets} WHERE status IN ({marks})"
            " ORDER BY created, ticket_id LIMIT ?"
        )
        with self._tx() as cur:
            cur.execute(sql, (*kinds, limit))
            rows = cur.fetchall()
        out = []
        for row in rows:
            ticket = self._row(row)
            transcript = ticket.pop("transcript")
            last_user = next((m["text"] for m in reversed(transcript) if m["role"] == "user"), "")
            out.append({**ticket, "last_user_message": last_user})
        return out

    def _transition(self, ticket_id: str, sql: str, params: tuple[Any, ...]) -> None:
        with self._tx() as cur:
            cur.execute(self._sql(sql), params)
            changed = cur.rowcount > 0
        if not changed:
            ticket = self.get(ticket_id)  # NotFoundError if unknown
            who = f" by {ticket['claimed_by']}" if ticket["claimed_by"] else ""
            raise ConflictError(f"ticket is {ticket['status']}{who}", "status")

    def claim(self, ticket_id: str, agent: str) -> dict[str, Any]:
        """``waiting`` -> ``claimed`` by ``agent``.

        Raises:
            NotFoundError: unknown id.
            ConflictError: the ticket is not waiting (claimed by someone, or closed).
        """
        self._transition(
            ticket_id,
            f"UPDATE {self.tickets} SET status = 'claimed', claimed_by = ?, updated = ?"
            " WHERE ticket_id = ? AND status = 'waiting'",
            (agent, time.time(), ticket_id),
        )
        return self.get(ticket_id)

    def check_claimed_by(self, ticket_id: str, agent: str) -> dict[str, Any]:
        """The ticket, if ``agent`` holds it.

        Raises:
            NotFoundError: unknown id.
            ConflictError: not claimed, or claimed by another agent.
        """
        ticket = self.get(ticket_id)
        if ticket["status"] != "claimed" or ticket["claimed_by"] != agent:
            who = f" by {ticket['claimed_by']}" if ticket["claimed_by"] else ""
            raise ConflictError(f"ticket is {ticket['status']}{who}", "status")
        return ticket

    def add_message(self, ticket_id: str, agent: str, text: str) -> dict[str, Any]:
        """Record an agent reply that reached Rasa (PII replaced by placeholders)."""
        now = time.time()
        text = redact(text)
        with self._tx() as cur:
            cur.execute(
                self._sql(f"INSERT INTO {self.messages} VALUES (?, ?, ?, ?, ?)"),
                (uuid.uuid4().hex, ticket_id, agent, text, now),
            )
            cur.execute(
                self._sql(f"UPDATE {self.tickets} SET updated = ? WHERE ticket_id = ?"),
                (now, ticket_id),
            )
        return {"agent": agent, "text": text, "ts": now}

    def close_ticket(self, ticket_id: str, agent: str) -> dict[str, Any]:
        """``waiting``/``claimed`` -> ``closed`` (the bot has the conversation back)."""
        self._transition(
            ticket_id,
            f"UPDATE {self.tickets} SET status = 'closed', closed_by = ?, updated = ?"
            " WHERE ticket_id = ? AND status IN ('waiting', 'claimed')",
            (agent, time.time(), ticket_id),
        )
        return self.get(ticket_id)

    def expire(self, ticket_id: str, reason: str) -> bool:
        """``waiting``/``claimed`` -> ``expired``, ``closed_by`` ``rasa:<reason>``.

        Returns ``False`` when the ticket was not open (already closed or expired).
        """
        with self._tx() as cur:
            cur.execute(
                self._sql(
                    f"UPDATE {self.tickets} SET status = 'expired', closed_by = ?, updated = ?"
                    " WHERE ticket_id = ? AND status IN ('waiting', 'claimed')"
                ),
                (f"rasa:{reason}", time.time(), ticket_id),
            )
            return bool(cur.rowcount > 0)

    def forget(self, sender_id: str) -> dict[str, int]:
        """Delete the sender's tickets and the agents' messages on them."""
        with self._tx() as cur:
            cur.execute(
                self._sql(
                    f"DELETE FROM {self.messages} WHERE ticket_id IN"
                    f" (SELECT ticket_id FROM {self.tickets} WHERE sender_id = ?)"
                ),
                (sender_id,),
            )
            messages = max(cur.rowcount, 0)
            cur.execute(self._sql(f"DELETE FROM {self.tickets} WHERE sender_id = ?"), (sender_id,))
            tickets = max(cur.rowcount, 0)
        return {"tickets": tickets, "ticket_messages": messages}

    def inactive_senders(self, before: float) -> list[str]:
        """Senders whose newest ticket was last updated before ``before``."""
        with self._tx() as cur:
            cur.execute(
                self._sql(
                    f"SELECT sender_id FROM {self.tickets} GROUP BY sender_id HAVING MAX(updated) < ?"
                ),
                (before,),
            )
            return sorted(row[0] for row in cur.fetchall())

    def compact(self) -> None:
        """Make deleted rows unrecoverable from the files (backend specific)."""


class SQLiteTicketStore(TicketStore):
    """SQLite file in WAL mode, ``synchronous=FULL`` so a commit survives a power cut."""

    def __init__(self, path: str | Path, prefix: str = "console_") -> None:
        super().__init__(prefix)
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten with zeros
        return conn

    def compact(self) -> None:
        """VACUUM and empty the WAL: no copy of a deleted row survives in the files."""
        if self._pool is None or str(self.path) == ":memory:":
            return
        with self._pool.connection() as conn:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class PostgresTicketStore(TicketStore):
    """PostgreSQL through psycopg 3: a pool of connections, statements with a time limit.

    Args:
        url: ``postgresql://...``.
        prefix: table name prefix.
        statement_timeout_ms: the server cancels a statement after this long (0: no limit).
        pool_size: most connections open at once.
    """

    placeholder = "%s"

    def __init__(
        self,
        url: str,
        prefix: str = "console_",
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
            connect_timeout_s=10,
            application_name=f"rasa-genrec console {self.prefix}",
        )()

    def _usable(self, conn: Any) -> bool:
        return postgres_usable(conn)

    def _lost(self, exc: BaseException) -> bool:
        return postgres_lost(exc)  # connection lost, statement timeout

    def drop(self) -> None:
        """Drop this store's tables (tests clean up with it)."""
        with self._tx() as cur:
            cur.execute(
                f"DROP TABLE IF EXISTS {self.tickets}, {self.messages}, {self.prefix}reviews,"
                f" {self.prefix}annotations"
            )

    def compact(self) -> None:
        """VACUUM the tables so PostgreSQL reuses the space of deleted rows."""
        if self._pool is None:
            return
        with self._pool.connection() as conn:
            autocommit = conn.autocommit
            conn.autocommit = True
            try:
                for table in (self.tickets, self.messages):
                    conn.execute(f"VACUUM {table}")
            finally:
                conn.autocommit = autocommit


def open_ticket_store(
    url: str, prefix: str = "console_", statement_timeout_ms: int = 5000, pool_size: int = 4
) -> TicketStore:
    """Open ``postgresql://...`` or a SQLite path, creating the tables."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresTicketStore(url, prefix, statement_timeout_ms, pool_size).open()
    return SQLiteTicketStore(url, prefix).open()
