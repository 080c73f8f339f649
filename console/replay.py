"""``python -m console replay-dead-letters``: send the webhook's dead letters again.

Each dead-lettered ticket is posted to the current ``CONSOLE_WEBHOOK_URL`` with the usual
retries, as a fresh delivery (new ``delivery_id`` and ``sent_at``, signed with the current
``CONSOLE_WEBHOOK_SECRET``); those that still fail are written back to the dead letter with
the new error and the attempts added up. Safe while the console runs.
"""

from __future__ import annotations

import fcntl
import logging
from dataclasses import dataclass
from pathlib import Path

from console.config import ConsoleConfig
from console.deadletter import take_records
from console.webhook import WebhookSender

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplayResult:
    sent: list[str]
    kept: list[str]


class ReplayBusyError(RuntimeError):
    """Another replay of the same dead letter is running."""


async def replay_dead_letters(config: ConsoleConfig) -> ReplayResult:
    """Replay ``config.dead_letter_path`` through ``config.webhook``.

    Raises:
        ValueError: no webhook URL is configured.
        ReplayBusyError: another replay holds the lock.
    """
    if not config.webhook.url:
        raise ValueError("CONSOLE_WEBHOOK_URL is not set")
    path = config.dead_letter_path
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".replay-lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReplayBusyError(f"another replay of {path} is running") from None
        return await _replay(config, path)


async def _replay(config: ConsoleConfig, path: Path) -> ReplayResult:
    taken, records = take_records(path)
    sender = WebhookSender(config.webhook, path)
    sent: list[str] = []
    kept: list[str] = []
    try:
        for record in records:
            ticket = record["payload"].get("ticket") or {}
            ticket.setdefault("ticket_id", record.get("ticket_id"))
            earlier = int(record.get("attempts") or 0)
            ok = await sender.deliver(ticket, earlier_attempts=earlier)
            (sent if ok else kept).append(str(ticket["ticket_id"]))
    finally:
        await sender.close()
    taken.unlink(missing_ok=True)
    logger.info("replayed %d dead letters: %d sent, %d kept", len(records), len(sent), len(kept))
    return ReplayResult(sent, kept)
