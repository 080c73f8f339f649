"""Posts each new ticket to a helpdesk URL, signed with HMAC-SHA256, with retries.

Header ``X-Genrec-Signature: sha256=<hex>``: HMAC-SHA256 of the raw request body with the
shared secret. Failures are retried with exponential backoff (connection errors, timeouts,
408, 429, 5xx); a ticket that still fails, or that the helpdesk refuses with another 4xx,
is appended to the dead-letter file (JSONL) with the payload and the last error;
``python -m console replay-dead-letters`` sends those again (:mod:`console.replay`).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from console.config import WebhookConfig
from console.deadletter import append_records

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Genrec-Signature"
RETRY_STATUSES = frozenset({408, 429})
TICKET_FIELDS = (
    "ticket_id", "sender_id", "channel", "reason", "created_at", "transcript", "slots", "profile",
)  # fmt: skip


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex>`` of ``body`` with ``secret``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str) -> bool:
    """Constant-time check of a signature header (what a receiver does)."""
    return hmac.compare_digest(sign(body, secret), header or "")


def payload(ticket: dict[str, Any]) -> dict[str, Any]:
    """The JSON the helpdesk receives (documented in docs/HANDOFF.md)."""
    return {
        "event": "ticket.created",
        "delivery_id": uuid.uuid4().hex,
        "sent_at": time.time(),
        "ticket": {k: ticket.get(k) for k in TICKET_FIELDS},
    }


class WebhookSender:
    """Delivers tickets in background tasks; ``close()`` dead-letters what is still pending."""

    def __init__(self, config: WebhookConfig, dead_letter: Path) -> None:
        self.config = config
        self.dead_letter = dead_letter
        self._tasks: set[asyncio.Task[bool]] = set()
        self._session: aiohttp.ClientSession | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.config.url)

    def schedule(self, ticket: dict[str, Any]) -> None:
        """Start delivering ``ticket`` (no-op when the webhook is disabled)."""
        if not self.enabled:
            return
        task = asyncio.get_running_loop().create_task(self.deliver(ticket))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait(self) -> None:
        """Wait for every scheduled delivery (tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    async def deliver(self, ticket: dict[str, Any], earlier_attempts: int = 0) -> bool:
        """Post with retries; ``True`` on a 2xx, else the ticket is dead-lettered.

        ``ticket`` may also be the ``ticket`` of a dead-lettered payload (a replay);
        ``earlier_attempts`` then adds up in the new dead-letter record.
        """
        body = json.dumps(payload(ticket), default=str).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, self.config.secret),
            "X-Genrec-Event": "ticket.created",
        }
        error = "not attempted"
        attempt = 0
        try:
            for attempt in range(1, self.config.attempts + 1):
                error, retry = await self._post(body, headers)
                if not error:
                    logger.info("webhook: ticket %s delivered", ticket["ticket_id"])
                    return True
                logger.warning("webhook attempt %d for %s: %s", attempt, ticket["ticket_id"], error)
                if not retry or attempt == self.config.attempts:
                    break
                await asyncio.sleep(self.config.backoff_s * 2 ** (attempt - 1))
        except asyncio.CancelledError:
            total = earlier_attempts + attempt
            self._dead_letter(ticket, body, total, f"{error}; cancelled at shutdown")
            raise
        self._dead_letter(ticket, body, earlier_attempts + attempt, error)
        return False

    async def _post(self, body: bytes, headers: dict[str, str]) -> tuple[str, bool]:
        """``("", False)`` on success, else ``(error, worth retrying)``."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        try:
            async with asyncio.timeout(self.config.timeout_s):
                async with self._session.post(self.config.url, data=body, headers=headers) as resp:
                    if 200 <= resp.status < 300:
                        return "", False
                    text = (await resp.text(errors="replace"))[:200]
                    retry = resp.status >= 500 or resp.status in RETRY_STATUSES
                    return f"HTTP {resp.status}: {text}", retry
        except TimeoutError:
            return f"timeout after {self.config.timeout_s:g}s", True
        except (aiohttp.ClientError, OSError) as exc:
            return f"{type(exc).__name__}: {exc}", True

    def _dead_letter(self, ticket: dict[str, Any], body: bytes, attempts: int, error: str) -> None:
        record = {
            "ticket_id": ticket["ticket_id"],
            "url": self.config.url,
            "attempts": attempts,
            "error": error,
            "failed_at": time.time(),
            "payload": json.loads(body),
        }
        append_records(self.dead_letter, [record])
        logger.error(
            "webhook: ticket %s dead-lettered after %d attempts: %s",
            ticket["ticket_id"],
            attempts,
            error,
        )
