"""Hands tickets to the agent console (``POST {CONSOLE_URL}/api/tickets``) without losing any.

The console owns the ticket store (docs/HANDOFF.md). When it cannot be reached in time or
refuses the ticket with a 5xx, the ticket is appended as one JSON line to the spool file
(``console.spool_path``, :mod:`actions.settings`), which the console imports at start and
every few seconds (the file's protocol: :mod:`genrec_core.spool`). A ticket sent twice
(spooled after a lost response) is stored once, by its ``ticket_id``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from genrec_core import defaults
from genrec_core.spool import append_to_spool

from ..settings import ConsoleSettings, get_settings

logger = logging.getLogger(__name__)

DEFAULT_URL = defaults.CONSOLE_URL
DEFAULT_SPOOL = defaults.HANDOFF_SPOOL
DEFAULT_TIMEOUT_S = ConsoleSettings.timeout_s


@dataclass(frozen=True)
class Delivery:
    """Where a ticket went: ``"console"`` or ``"spool"`` (or ``"lost"`` if even the disk failed)."""

    via: str
    detail: str = ""


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
    def from_settings(cls, settings: ConsoleSettings) -> ConsoleClient:
        """Client from the ``console`` section of the action-server settings."""
        return cls(settings.url, settings.token, settings.spool_path, settings.timeout_s)

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
    """The process-wide console client (created from the settings on first use)."""
    global _console
    if _console is None:
        _console = ConsoleClient.from_settings(get_settings().console)
    return _console


def set_console(client: ConsoleClient | None) -> None:
    """Replaces the process-wide console client (tests; ``None`` recreates it)."""
    global _console
    _console = client
