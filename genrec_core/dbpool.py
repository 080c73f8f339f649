"""A small, thread-safe pool of DB-API connections that survives a lost database.

Both durable stores (the recommender's events, the console's tickets) run their statements
through one :class:`ConnectionPool`: at most ``size`` connections, each used by one thread at a
time. A connection that died while idle in the pool (a restart, a terminated backend) is
noticed when it is taken and replaced before the call uses it. A statement that finds the
database unreachable or too slow (a network cut, a statement timeout) raises the store's
``unavailable`` error at once, so the service answers ``503``; a connection it left broken is
dropped together with the idle ones, and the next call connects again. :meth:`ping` tells ``/health``
whether the database answers now. Pure Python: the backends (``sqlite3``, psycopg) are
passed in as callables.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import select
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

logger = logging.getLogger(__name__)


class DatabaseUnavailable(Exception):
    """The database cannot be reached or did not answer in time (default error)."""


class ConnectionPool:
    """At most ``size`` connections, reused across calls and replaced when lost.

    Args:
        connect: opens one connection.
        size: most connections open at once (1 for SQLite: one connection, one writer).
        usable: whether a connection can still run statements (``False``: it is replaced).
        lost: whether an exception means the database is unreachable or too slow, as
            opposed to a bad statement.
        unavailable: the exception class raised then (one message argument).
        wait_s: longest wait for a free connection before ``unavailable`` is raised.
        name: what the log lines call the database.
    """

    def __init__(
        self,
        connect: Callable[[], Any],
        *,
        size: int = 1,
        usable: Callable[[Any], bool] = lambda conn: True,
        lost: Callable[[BaseException], bool] = lambda exc: False,
        unavailable: type[Exception] = DatabaseUnavailable,
        wait_s: float = 30.0,
        name: str = "database",
    ) -> None:
        assert size >= 1, f"pool size must be >= 1, not {size}"
        self._connect = connect
        self._usable = usable
        self._lost = lost
        self.unavailable = unavailable
        self.size = size
        self.wait_s = wait_s
        self.name = name
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[Any] = []
        self._open = False
        self._replace = False  # a connection was lost: replace the next one taken

    def open(self) -> ConnectionPool:
        """Open the first connection (its errors propagate as they are: a start-up failure)."""
        conn = self._connect()
        with self._lock:
            self._idle.append(conn)
            self._open = True
        return self

    def close(self) -> None:
        """Close the idle connections; those in use are closed when they come back."""
        with self._lock:
            self._open = False
            idle, self._idle = self._idle, []
        for conn in idle:
            _close(conn)

    def _fresh(self) -> Any:
        try:
            conn = self._connect()
        except Exception as exc:
            if self._lost(exc):
                raise self.unavailable(f"{self.name} unreachable: {exc}".strip()) from exc
            raise
        if self._replace:
            self._replace = False
            logger.warning("%s: connection re-established", self.name)
        return conn

    def _take(self) -> Any:
        with self._lock:
            if not self._open:
                raise RuntimeError(f"{self.name} is closed")
            conn = self._idle.pop() if self._idle else None
        if conn is not None and not self._usable(conn):
            _close(conn)
            conn = None
        return conn if conn is not None else self._fresh()

    def _give_back(self, conn: Any) -> None:
        if not self._usable(conn):
            with self._lock:  # lost: the idle ones most likely died with it (a restart)
                idle, self._idle = self._idle, []
                self._replace = True
            for dead in [conn, *idle]:
                _close(dead)
            return
        with self._lock:
            if self._open:
                self._idle.append(conn)
                return
        _close(conn)

    @contextmanager
    def connection(self) -> Iterator[Any]:
        """A connection for this thread alone, given back to the pool afterwards.

        Raises:
            unavailable: no connection could be made, or none was free within ``wait_s``.
        """
        if not self._slots.acquire(timeout=self.wait_s):
            raise self.unavailable(f"{self.name}: all {self.size} connections busy")
        try:
            conn = self._take()
            try:
                yield conn
            finally:
                self._give_back(conn)
        finally:
            self._slots.release()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on error.

        Raises:
            unavailable: the database was lost or the statement ran past its time limit.
        """
        with self.connection() as conn:
            cur = conn.cursor()
            try:
                yield cur
                conn.commit()
            except BaseException as exc:
                with contextlib.suppress(Exception):  # a lost connection cannot roll back
                    conn.rollback()
                if self._lost(exc):
                    logger.warning("%s: %s: %s", self.name, type(exc).__name__, exc)
                    raise self.unavailable(f"{self.name} unreachable or too slow") from exc
                raise
            finally:
                with contextlib.suppress(Exception):
                    cur.close()

    def ping(self) -> bool:
        """Whether the database answers now (connecting again if the connection was lost)."""
        try:
            with self.transaction() as cur:
                cur.execute("SELECT 1")
                cur.fetchone()
        except self.unavailable:
            return False
        return True


async def answers_within(ping: Callable[[], bool], timeout_s: float) -> bool:
    """Run the blocking ``ping`` in the default thread pool: ``False`` when it says no or
    takes longer than ``timeout_s`` (what ``/health`` reports as ``"database"``)."""
    future = asyncio.get_running_loop().run_in_executor(None, ping)
    try:
        return bool(await asyncio.wait_for(future, timeout=timeout_s))
    except asyncio.TimeoutError:
        return False


def _close(conn: Any) -> None:
    with contextlib.suppress(Exception):
        conn.close()


def postgres_connector(
    url: str,
    *,
    statement_timeout_ms: int = 5000,
    connect_timeout_s: int = 5,
    application_name: str = "rasa-genrec",
) -> Callable[[], Any]:
    """``connect`` for :class:`ConnectionPool`: psycopg 3, every statement limited to
    ``statement_timeout_ms`` by the server (0: no limit)."""

    def connect() -> Any:
        import psycopg  # only a PostgreSQL store needs it

        options = f"-c statement_timeout={int(statement_timeout_ms)}"
        return psycopg.connect(
            url,
            connect_timeout=connect_timeout_s,
            options=options,
            application_name=application_name[:63],
        )

    return connect


def postgres_usable(conn: Any) -> bool:
    """A psycopg connection that is neither closed, broken, nor hung up by the server.

    An idle connection has nothing to read; when its socket is readable, the server most
    likely closed it (a restart, a terminated backend) and one ``SELECT 1`` tells, so a
    request never runs into a connection that died while it sat in the pool.
    """
    if conn.closed or conn.broken:
        return False
    try:
        readable, _, _ = select.select([conn.fileno()], [], [], 0)
    except (OSError, ValueError):
        return False
    if not readable:
        return True
    import psycopg

    try:
        conn.execute("SELECT 1")
        conn.rollback()
    except psycopg.Error:
        return False
    return True


def postgres_lost(exc: BaseException) -> bool:
    """Connection lost, refused or a statement past its time limit (psycopg)."""
    import psycopg

    return isinstance(exc, psycopg.OperationalError)


class PooledStore:
    """What the SQL stores share: a :class:`ConnectionPool`, ``?`` placeholders rewritten to
    the dialect's, one transaction per call and a ping. Subclasses provide ``_connect`` (and,
    for PostgreSQL, ``_usable`` and ``_lost``) and call :meth:`_open_pool` in ``open``."""

    placeholder = "?"
    pool_size = 1
    _pool: ConnectionPool | None = None

    def _connect(self) -> Any:
        raise NotImplementedError

    def _usable(self, conn: Any) -> bool:
        """False when ``conn`` was lost and must be replaced before the next statement."""
        return True

    def _lost(self, exc: BaseException) -> bool:
        """Whether ``exc`` means the database is unreachable or too slow (not a bad query)."""
        return False

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    @property
    def pool(self) -> ConnectionPool:
        if self._pool is None:
            raise RuntimeError("store is closed")
        return self._pool

    def _open_pool(self, name: str, unavailable: type[Exception]) -> ConnectionPool:
        self._pool = ConnectionPool(
            self._connect,
            size=self.pool_size,
            usable=self._usable,
            lost=self._lost,
            unavailable=unavailable,
            name=name,
        ).open()
        return self._pool

    def _tx(self) -> contextlib.AbstractContextManager[Any]:
        """A cursor inside one committed transaction (rolled back on error)."""
        return self.pool.transaction()

    def ping(self) -> bool:
        """Whether the database answers now (connecting again if the connection was lost)."""
        return self.pool.ping()
