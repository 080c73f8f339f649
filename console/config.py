"""Console settings: one frozen config with a section per concern, from YAML plus environment.

Loaded like the recommender's (:mod:`genrec_core.settings`): defaults, then ``--config
FILE``, then ``CONSOLE_<SECTION>__<KEY>`` variables; the older names (``CONSOLE_PORT``,
``RASA_URL``, ``HANDOFF_SPOOL``...) keep working. Every key: docs/CONFIG.md.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from genrec_core import defaults
from genrec_core.settings import check, is_url, load_settings

ENV_PREFIX = "CONSOLE_"

#: The variables the console read before it had a YAML file; each still sets its key.
ENV_ALIASES = {
    "CONSOLE_TOKEN": "server.token",
    "CONSOLE_HOST": "server.host",
    "CONSOLE_PORT": "server.port",
    "CONSOLE_STATE_DIR": "server.state_dir",
    "CONSOLE_STORE_URL": "store.url",
    "HANDOFF_SPOOL": "spool.path",
    "RASA_URL": "rasa.url",
    "RASA_JWT_SECRET": "rasa.jwt_secret",
    "CONSOLE_EXPIRY_INTERVAL_S": "expiry.interval_s",
    "CONSOLE_EXPIRY_GRACE_S": "expiry.grace_s",
    "CONSOLE_WEBHOOK_URL": "webhook.url",
    "CONSOLE_WEBHOOK_SECRET": "webhook.secret",
    "CONSOLE_WEBHOOK_ATTEMPTS": "webhook.attempts",
    "CONSOLE_WEBHOOK_BACKOFF_S": "webhook.backoff_s",
    "CONSOLE_WEBHOOK_TIMEOUT_S": "webhook.timeout_s",
    "CONSOLE_TRACKER_STORE_URL": "review.tracker_store_url",
    "CONSOLE_RECOMMENDER_URL": "review.recommender_url",
    "CONSOLE_RECOMMENDER_TOKEN": "review.recommender_token",
}


@dataclass(frozen=True)
class ServerConfig:
    """Where the console listens, its token and its state directory."""

    host: str = "127.0.0.1"
    port: int = 8001
    token: str = ""  # empty: ``python -m console`` reads (or creates) <state_dir>/console_token
    state_dir: Path = Path(defaults.STATE_DIR)
    max_body_bytes: int = 1_048_576

    def __post_init__(self) -> None:
        check(0 <= self.port <= 65535, "server.port", "must be in 0..65535")
        check(self.max_body_bytes >= 1024, "server.max_body_bytes", "must be >= 1024")


@dataclass(frozen=True)
class StoreConfig:
    """The ticket store: a SQLite path or a ``postgresql://`` URL, and its connections."""

    url: str = ""  # empty: <state_dir>/tickets.db
    statement_timeout_ms: int = 5000
    pool_size: int = 4

    def __post_init__(self) -> None:
        check(self.statement_timeout_ms >= 0, "store.statement_timeout_ms", "must be >= 0")
        check(self.pool_size >= 1, "store.pool_size", "must be >= 1")


@dataclass(frozen=True)
class SpoolConfig:
    """The file where the action server leaves tickets the console could not take."""

    path: str = ""  # empty: <state_dir>/handoff_spool.jsonl
    interval_s: float = 5.0

    def __post_init__(self) -> None:
        check(self.interval_s > 0, "spool.interval_s", "must be > 0")


@dataclass(frozen=True)
class RasaConfig:
    """Rasa's HTTP API (agent replies, pausing and resuming the bot)."""

    url: str = defaults.RASA_URL
    jwt_secret: str = ""
    timeout_s: float = 5.0

    def __post_init__(self) -> None:
        check(is_url(self.url), "rasa.url", "must be an http:// or https:// URL")
        check(self.timeout_s > 0, "rasa.timeout_s", "must be > 0")
        object.__setattr__(self, "url", self.url.rstrip("/"))


@dataclass(frozen=True)
class ExpiryConfig:
    """The check that closes tickets whose conversation Rasa no longer holds paused."""

    interval_s: float = 60.0  # 0: off
    grace_s: float = 30.0

    def __post_init__(self) -> None:
        check(self.interval_s >= 0, "expiry.interval_s", "must be >= 0")
        check(self.grace_s >= 0, "expiry.grace_s", "must be >= 0")


@dataclass(frozen=True)
class WebhookConfig:
    """Outbound helpdesk webhook; disabled when ``url`` is empty."""

    url: str = ""
    secret: str = ""
    attempts: int = 4  # below 1 counts as 1, as CONSOLE_WEBHOOK_ATTEMPTS always did
    backoff_s: float = 1.0
    timeout_s: float = 5.0

    def __post_init__(self) -> None:
        check(not self.url or is_url(self.url), "webhook.url", "must be empty or a URL")
        check(self.backoff_s >= 0, "webhook.backoff_s", "must be >= 0")
        check(self.timeout_s > 0, "webhook.timeout_s", "must be > 0")
        object.__setattr__(self, "attempts", max(1, self.attempts))


@dataclass(frozen=True)
class ReviewConfig:
    """Conversation review and analytics: Rasa's tracker store (read only) and the
    recommender's admin API."""

    tracker_store_url: str = "rasa_project/var/tracker.db"
    statement_timeout_ms: int = 30_000
    recommender_url: str = defaults.RECOMMENDER_URL
    recommender_token: str = ""

    def __post_init__(self) -> None:
        check(self.statement_timeout_ms >= 0, "review.statement_timeout_ms", "must be >= 0")
        check(is_url(self.recommender_url), "review.recommender_url", "must be a URL")
        object.__setattr__(self, "recommender_url", self.recommender_url.rstrip("/"))


@dataclass(frozen=True)
class ConsoleConfig:
    """Everything the console process needs (docs/CONFIG.md, "Agent console settings")."""

    server: ServerConfig = field(default_factory=ServerConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    spool: SpoolConfig = field(default_factory=SpoolConfig)
    rasa: RasaConfig = field(default_factory=RasaConfig)
    expiry: ExpiryConfig = field(default_factory=ExpiryConfig)
    webhook: WebhookConfig = field(default_factory=WebhookConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)

    @property
    def resolved_store_url(self) -> str:
        return self.store.url or str(self.server.state_dir / "tickets.db")

    @property
    def resolved_spool_path(self) -> Path:
        if self.spool.path:
            return Path(self.spool.path)
        return self.server.state_dir / defaults.HANDOFF_SPOOL_NAME

    @property
    def token_path(self) -> Path:
        return self.server.state_dir / defaults.CONSOLE_TOKEN_NAME

    @property
    def dead_letter_path(self) -> Path:
        return self.server.state_dir / "webhook_dead_letter.jsonl"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ConsoleConfig:
        """Defaults plus the environment (no file): see :func:`load_console_config`."""
        return load_console_config(None, env)


def load_console_config(
    path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> ConsoleConfig:
    """Defaults, then the YAML file at ``path``, then the environment.

    Raises:
        SettingsError: (a ``ValueError``) an unknown key or a malformed value.
    """
    return load_settings(ConsoleConfig, path, env, prefix=ENV_PREFIX, aliases=ENV_ALIASES)
