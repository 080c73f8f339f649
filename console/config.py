"""Console settings: one frozen dataclass, read from environment variables (docs/HANDOFF.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class WebhookConfig:
    """Outbound helpdesk webhook; disabled when ``url`` is empty."""

    url: str = ""
    secret: str = ""
    attempts: int = 4
    backoff_s: float = 1.0
    timeout_s: float = 5.0


@dataclass(frozen=True)
class ConsoleConfig:
    """Everything the console process needs.

    ``store_url`` is a SQLite path (default ``<state_dir>/tickets.db``) or a
    ``postgresql://`` DSN; ``spool_path`` is the file where the action server leaves tickets
    it could not post (default ``<state_dir>/handoff_spool.jsonl``).
    """

    token: str = ""
    host: str = "127.0.0.1"
    port: int = 8001
    state_dir: Path = Path("var")
    store_url: str = ""
    spool_path: Path | None = None
    spool_interval_s: float = 5.0
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_jwt_secret: str = ""
    rasa_timeout_s: float = 5.0
    max_body_bytes: int = 1_048_576
    expiry_interval_s: float = 60.0
    expiry_grace_s: float = 30.0
    webhook: WebhookConfig = field(default_factory=WebhookConfig)
    # Conversation review (docs/REVIEW.md): Rasa's tracker store, read only, and the
    # recommender's admin API for behaviour analytics.
    tracker_store_url: str = "rasa_project/var/tracker.db"
    recommender_url: str = "http://127.0.0.1:8000"
    recommender_token: str = ""

    @property
    def resolved_store_url(self) -> str:
        return self.store_url or str(self.state_dir / "tickets.db")

    @property
    def resolved_spool_path(self) -> Path:
        return self.spool_path or self.state_dir / "handoff_spool.jsonl"

    @property
    def dead_letter_path(self) -> Path:
        return self.state_dir / "webhook_dead_letter.jsonl"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ConsoleConfig:
        """Settings from ``CONSOLE_*``, ``RASA_URL``, ``RASA_JWT_SECRET`` and ``HANDOFF_SPOOL``
        (``CONSOLE_TRACKER_STORE_URL``, ``CONSOLE_RECOMMENDER_URL`` and
        ``CONSOLE_RECOMMENDER_TOKEN`` for conversation review and analytics).

        Raises:
            ValueError: a number is not a number.
        """
        env = os.environ if env is None else env
        cfg = cls()

        def num(name: str, default: float) -> float:
            raw = env.get(name, "")
            try:
                return float(raw) if raw else default
            except ValueError:
                raise ValueError(f"{name}={raw!r} is not a number") from None

        state = Path(env.get("CONSOLE_STATE_DIR") or cfg.state_dir)
        spool = env.get("HANDOFF_SPOOL")
        return replace(
            cfg,
            token=env.get("CONSOLE_TOKEN", ""),
            host=env.get("CONSOLE_HOST") or cfg.host,
            port=int(num("CONSOLE_PORT", cfg.port)),
            state_dir=state,
            store_url=env.get("CONSOLE_STORE_URL", ""),
            spool_path=Path(spool) if spool else None,
            rasa_url=(env.get("RASA_URL") or cfg.rasa_url).rstrip("/"),
            rasa_jwt_secret=env.get("RASA_JWT_SECRET", ""),
            expiry_interval_s=num("CONSOLE_EXPIRY_INTERVAL_S", cfg.expiry_interval_s),
            expiry_grace_s=num("CONSOLE_EXPIRY_GRACE_S", cfg.expiry_grace_s),
            tracker_store_url=env.get("CONSOLE_TRACKER_STORE_URL") or cfg.tracker_store_url,
            recommender_url=(env.get("CONSOLE_RECOMMENDER_URL") or cfg.recommender_url).rstrip("/"),
            recommender_token=env.get("CONSOLE_RECOMMENDER_TOKEN", ""),
            webhook=WebhookConfig(
                url=env.get("CONSOLE_WEBHOOK_URL", ""),
                secret=env.get("CONSOLE_WEBHOOK_SECRET", ""),
                attempts=max(1, int(num("CONSOLE_WEBHOOK_ATTEMPTS", 4))),
                backoff_s=num("CONSOLE_WEBHOOK_BACKOFF_S", 1.0),
                timeout_s=num("CONSOLE_WEBHOOK_TIMEOUT_S", 5.0),
            ),
        )
