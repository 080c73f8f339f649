"""Forgetting users across the services: the recommender's rows and, through the agent
console's API, tickets, reviews and Rasa conversations.

``forget_user`` and ``purge_inactive`` return what each part deleted; a part that fails is
reported with its error and the rest still runs, so running the same call again (both sides
are idempotent) finishes the job.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from recommender.config import PrivacyConfig
from recommender.data.stores import EventStore

logger = logging.getLogger(__name__)
DAY_S = 86_400.0


class ConsoleErasureError(RuntimeError):
    """The console could not be reached or refused the deletion."""


@dataclass(frozen=True)
class ConsoleEraser:
    """Client of the console's privacy API (``DELETE /api/users/{id}``, ``POST /api/purge``)."""

    url: str
    token: str
    timeout_s: float = 30.0

    @classmethod
    def from_config(cls, config: PrivacyConfig) -> ConsoleEraser | None:
        """``None`` when no console is configured."""
        if not config.console_url:
            return None
        return cls(
            config.console_url.rstrip("/"),
            config.resolved_console_token(),
            config.console_timeout_s,
        )

    def _call(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as resp:
                answer = json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:200].decode("utf-8", "replace")
            raise ConsoleErasureError(f"console answered HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise ConsoleErasureError(f"console unreachable: {type(exc).__name__}") from None
        return answer if isinstance(answer, dict) else {}

    def forget(self, user_id: str) -> dict[str, Any]:
        """Delete the user's tickets, reviews and Rasa conversation in the console's stores."""
        return self._call("DELETE", f"/api/users/{quote(user_id, safe='')}")

    def purge(self, older_than_days: float) -> dict[str, Any]:
        """Forget every conversation and ticket inactive for ``older_than_days``."""
        return self._call("POST", "/api/purge", {"older_than_days": older_than_days})


@dataclass
class ErasureReport:
    """What each part deleted, and the errors of the parts that failed."""

    deleted: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"deleted": self.deleted, "errors": self.errors, "complete": self.complete}


def _console_part(report: ErasureReport, eraser: ConsoleEraser | None, call: Any) -> None:
    if eraser is None:
        report.errors["console"] = "privacy.console_url is not set"
        return
    try:
        report.deleted["console"] = call(eraser)
    except ConsoleErasureError as exc:
        report.errors["console"] = str(exc)


def forget_user(store: EventStore, eraser: ConsoleEraser | None, user_id: str) -> ErasureReport:
    """Delete everything stored about ``user_id`` (the recommender first, then the console)."""
    report = ErasureReport()
    report.deleted["recommender"] = store.forget(user_id)
    _console_part(report, eraser, lambda e: e.forget(user_id))
    logger.info("forgot a user: complete=%s %s", report.complete, report.deleted)
    return report


def purge_inactive(
    store: EventStore,
    eraser: ConsoleEraser | None,
    older_than_days: float,
    now: float | None = None,
) -> ErasureReport:
    """Forget every user inactive for ``older_than_days`` in every store."""
    assert older_than_days > 0, "older_than_days must be > 0"
    cutoff = (time.time() if now is None else now) - older_than_days * DAY_S
    report = ErasureReport()
    report.deleted["recommender"] = store.purge(cutoff)
    _console_part(report, eraser, lambda e: e.purge(older_than_days))
    logger.info("purged users inactive for %g days: %s", older_than_days, report.deleted)
    return report
