"""Hands tickets to the agent console (``POST {CONSOLE_URL}/api/tickets``) without losing any.

The console owns the ticket store (docs/HANDOFF.md). When it cannot be reached in time or
refuses the ticket with a 5xx, the ticket is appended as one JSON line to the spool file
(``HANDOFF_SPOOL``), which the console imports at start and every few seconds. Appends and
imports take an exclusive ``flock`` on the file, so no line is lost between them; a ticket
sent twice (spooled after a lost response) is stored once, by its ``ticket_id``.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_URL = "http://127.0.0.1:8001"
DEFAULT_SPOOL = "var/handoff_spool.jsonl"
DEFAULT_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class Delivery:
    """Where a ticket went: ``"console"`` or ``"spool"`` (or ``"lost"`` if even the disk failed)."""

    via: str
    detail: str = ""


def append_to_spool(path: Path, ticket: dict[str, Any]) -> None:
    """Append one ticket as a JSON line under an exclusive lock, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(ticket, ensure_ascii=False, default=str) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock


class ConsoleClient:
    """Posts tickets to the console, spooling them to disk when it is unavailable.

    Args:
        base_url: console root, e.g. ``http://127.0.0.1:8001``.
        token: the console's Bearer token (``CONSOLE_TOKEN``).
        spool_path: JSONL file the console imports.
        timeout_s: time budget of one call.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        token: str = "",
        spool_path: str | Path = DEFAULT_SPOOL,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.spool_path = Path(spool_path)
        self.timeout_s = timeout_s

    @classmethod
    def from_env(cls) -> ConsoleClient:
        """Client from ``CONSOLE_URL``, ``CONSOLE_TOKEN`` and ``HANDOFF_SPOOL``."""
        return cls(
            os.environ.get("CONSOLE_URL", DEFAULT_URL),
            os.environ.get("CONSOLE_TOKEN", ""),
            os.environ.get("HANDOFF_SPOOL", DEFAULT_SPOOL),
        )

    async def open_ticket(self, ticket: dict[str, Any]) -> Delivery:
        """Store ``ticket`` in the console, or in the spool file; never raises."""
        try:
            reason = await asyncio.wait_for(self._post(ticket), timeout=self.timeout_s)
        except asyncio.TimeoutError:
            reason = f"timeout after {self.timeout_s:g}s"
        except (aiohttp.ClientError, OSError) as exc:
            reason = f"{type(exc).__name__}: {exc}"
        if reason is None:
            return Delivery("console")
        logger.warning("console did not take ticket %s (%s); spooling", ticket["ticket_id"], reason)
        try:
            append_to_spool(self.spool_path, ticket)
        except OSError:
            logger.exception("could not spool ticket %s", ticket["ticket_id"])
            return Delivery("lost", reason)
        return Delivery("spool", reason)

    async def _post(self, ticket: dict[str, Any]) -> str | None:
        """``None`` when the console stored the ticket, else why not."""
        headers = {"Authorization": f"Bearer {self.token}"}
        url = f"{self.base_url}/api/tickets"
        # Two `async with`, not one parenthesized: this package runs on Python 3.8 too.
        async with aiohttp.ClientSession() as session:  # noqa: SIM117
            async with session.post(url, json=ticket, headers=headers) as resp:
                if resp.status in (200, 201):
                    return None
                body = (await resp.text())[:200]
                if 400 <= resp.status < 500 and resp.status not in (401, 403, 408, 429):
                    # The console refuses this ticket for good; spooling keeps it for a person
                    # to look at, and the import will log the same error.
                    logger.error("console rejected ticket (%d): %s", resp.status, body)
                return f"HTTP {resp.status}: {body}"


_console: ConsoleClient | None = None


def get_console() -> ConsoleClient:
    """The process-wide console client (created from the environment on first use)."""
    global _console
    if _console is None:
        _console = ConsoleClient.from_env()
    return _console


def set_console(client: ConsoleClient | None) -> None:
    """Replaces the process-wide console client (tests; ``None`` recreates it)."""
    global _console
    _console = client
