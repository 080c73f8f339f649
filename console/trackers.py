"""Read-only access to Rasa's SQL tracker store (SQLite file or PostgreSQL), and the
deletion of conversations for ``forget``/``purge``.

Rasa keeps one row per event in the table ``events`` (``id``, ``sender_id``, ``type_name``,
``timestamp``, ``intent_name``, ``action_name``, ``data`` = the event as JSON). Review only
reads it: SQLite is opened with ``mode=ro``, PostgreSQL sessions are read-only. A store that
does not exist yet (Rasa never started) reads as empty.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from genrec_core.dbpool import postgres_connector

logger = logging.getLogger(__name__)

TABLE = "events"


class TrackerStoreError(RuntimeError):
    """The tracker store cannot be read (not a Rasa store, database down...)."""


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class TrackerStoreReader:
    """Reads conversations; every call opens its own short connection (thread-safe), so a
    restarted database is simply connected to again.

    Args:
        url: a SQLite path or a ``postgresql://`` URL.
        statement_timeout_ms: PostgreSQL cancels a statement after this long (0: no limit).
    """

    def __init__(self, url: str, statement_timeout_ms: int = 30_000) -> None:
        self.url = url
        self.statement_timeout_ms = statement_timeout_ms
        self.postgres = _is_postgres(url)
        self.mark = "%s" if self.postgres else "?"
        self._lock = threading.Lock()

    @contextmanager
    def _cursor(self, write: bool = False) -> Iterator[Any]:
        if self.postgres:
            import psycopg

            connect = postgres_connector(
                self.url,
                statement_timeout_ms=self.statement_timeout_ms,
                connect_timeout_s=10,
                application_name="rasa-genrec console review",
            )
            try:
                conn: Any = connect()
            except psycopg.Error as exc:
                raise TrackerStoreError(f"tracker store unreachable: {type(exc).__name__}") from exc
            conn.read_only = not write
        else:
            path = Path(self.url)
            if not path.exists():
                yield None
                return
            mode = "rw" if write else "ro"
            conn = sqlite3.connect(f"file:{path.resolve()}?mode={mode}", uri=True, timeout=30)
            if write:
                conn.execute("PRAGMA secure_delete=ON")
        try:
            cur = conn.cursor()
            yield cur
            conn.commit()
        except (sqlite3.Error, ImportError) as exc:
            conn.rollback()
            raise TrackerStoreError(f"tracker store: {exc}") from exc
        except Exception as exc:
            conn.rollback()
            if type(exc).__module__.startswith("psycopg"):
                raise TrackerStoreError(f"tracker store: {type(exc).__name__}") from exc
            raise
        finally:
            conn.close()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._cursor() as cur:
            if cur is None:
                return []
            try:
                cur.execute(sql.replace("?", self.mark), tuple(params))
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    return []
                raise
            return list(cur.fetchall())

    def versions(self) -> dict[str, tuple[int, float]]:
        """``{sender_id: (newest event id, newest timestamp)}`` of every conversation."""
        rows = self._query(
            f"SELECT sender_id, MAX(id), MAX(timestamp) FROM {TABLE} GROUP BY sender_id"
        )
        return {r[0]: (int(r[1]), float(r[2] or 0.0)) for r in rows}

    def events(self, sender_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Every stored event of these conversations, oldest first, as Rasa's JSON."""
        out: dict[str, list[dict[str, Any]]] = {s: [] for s in sender_ids}
        for start in range(0, len(sender_ids), 500):
            chunk = list(sender_ids[start : start + 500])
            marks = ", ".join("?" for _ in chunk)
            rows = self._query(
                f"SELECT sender_id, data FROM {TABLE} WHERE sender_id IN ({marks}) ORDER BY id",
                chunk,
            )
            for sender, data in rows:
                try:
                    event = json.loads(data)
                except (TypeError, ValueError):
                    continue
                if isinstance(event, dict):
                    out[sender].append(event)
        return out

    # ------------------------------------------------------------------ erasure
    def forget(self, sender_id: str) -> int:
        """Delete every event of the conversation; returns how many."""
        return self._delete(f"DELETE FROM {TABLE} WHERE sender_id = ?", (sender_id,))

    def inactive(self, before: float) -> list[str]:
        """Conversations whose newest event is older than ``before`` (epoch seconds)."""
        rows = self._query(
            f"SELECT sender_id FROM {TABLE} GROUP BY sender_id HAVING MAX(timestamp) < ?", (before,)
        )
        return sorted(r[0] for r in rows)

    def _delete(self, sql: str, params: Sequence[Any]) -> int:
        with self._lock, self._cursor(write=True) as cur:
            if cur is None:
                return 0
            try:
                cur.execute(sql.replace("?", self.mark), tuple(params))
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    return 0
                raise
            deleted = max(cur.rowcount, 0)
        if deleted:
            self._compact()
        return deleted

    def _compact(self) -> None:
        """SQLite: VACUUM (no deleted bytes left in free pages or the journal); PostgreSQL:
        VACUUM so the space of the deleted rows is reused."""
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url, connect_timeout=10, autocommit=True) as pg:
                pg.execute(f"VACUUM {TABLE}")
            return
        lite = sqlite3.connect(Path(self.url), timeout=30)
        try:
            lite.execute("PRAGMA secure_delete=ON")
            lite.execute("VACUUM")
            if lite.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                lite.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            lite.close()
