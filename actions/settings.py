"""Action-server settings: one frozen config, from YAML plus environment (docs/CONFIG.md).

Loaded like the recommender's and the console's (:mod:`genrec_core.settings`): defaults,
then the YAML file named by ``ACTIONS_CONFIG`` (``rasa run actions`` takes no such option),
then ``ACTIONS_<SECTION>__<KEY>`` variables; the older names (``RECOMMENDER_URL``,
``CONSOLE_TOKEN``, ``HANDOFF_SPOOL``...) keep working. Read once, when the action package is
imported, so a malformed value stops the action server at start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from genrec_core import defaults
from genrec_core.settings import check, is_url, load_settings

ENV_PREFIX = "ACTIONS_"
#: The variable naming the YAML file (empty or unset: no file).
CONFIG_ENV = "ACTIONS_CONFIG"

#: The variables the action server read before it had a YAML file; each still sets its key.
ENV_ALIASES = {
    "RECOMMENDER_URL": "recommender.url",
    "RECOMMENDER_TOKEN": "recommender.token",
    "RECOMMENDER_TIMEOUT_S": "recommender.timeout_s",
    "RECOMMENDER_EVENTS_TIMEOUT_S": "recommender.events_timeout_s",
    "CONSOLE_URL": "console.url",
    "CONSOLE_TOKEN": "console.token",
    "HANDOFF_SPOOL": "console.spool_path",
}


@dataclass(frozen=True)
class RecommenderSettings:
    """The recommender as the actions call it (``actions/api/recommender_client.py``)."""

    url: str = defaults.RECOMMENDER_URL
    token: str = ""  # the recommender's server.service_token; empty: it answers 401
    timeout_s: float = 2.5
    events_timeout_s: float = 1.0

    def __post_init__(self) -> None:
        check(is_url(self.url), "recommender.url", "must be an http:// or https:// URL")
        check(self.timeout_s > 0, "recommender.timeout_s", "must be > 0")
        check(self.events_timeout_s > 0, "recommender.events_timeout_s", "must be > 0")
        object.__setattr__(self, "url", self.url.rstrip("/"))


@dataclass(frozen=True)
class ConsoleSettings:
    """The agent console, for handoff tickets (``actions/api/console_client.py``)."""

    url: str = defaults.CONSOLE_URL
    token: str = ""
    timeout_s: float = 3.0
    spool_path: str = defaults.HANDOFF_SPOOL  # relative to the working directory

    def __post_init__(self) -> None:
        check(is_url(self.url), "console.url", "must be an http:// or https:// URL")
        check(self.timeout_s > 0, "console.timeout_s", "must be > 0")
        check(bool(self.spool_path), "console.spool_path", "must not be empty")
        object.__setattr__(self, "url", self.url.rstrip("/"))


@dataclass(frozen=True)
class ActionsConfig:
    """Everything the action server's clients need."""

    recommender: RecommenderSettings = field(default_factory=RecommenderSettings)
    console: ConsoleSettings = field(default_factory=ConsoleSettings)


def load_actions_config(
    path: str | None = None, env: Mapping[str, str] | None = None
) -> ActionsConfig:
    """Defaults, then the YAML file (``path``, else ``ACTIONS_CONFIG``), then the environment.

    Raises:
        SettingsError: (a ``ValueError``) an unknown key or a malformed value.
    """
    env = os.environ if env is None else env
    path = path or env.get(CONFIG_ENV) or None
    return load_settings(ActionsConfig, path, env, prefix=ENV_PREFIX, aliases=ENV_ALIASES)


_settings: ActionsConfig | None = None


def get_settings() -> ActionsConfig:
    """The process's settings (loaded on first use)."""
    global _settings
    if _settings is None:
        _settings = load_actions_config()
    return _settings


def set_settings(settings: ActionsConfig | None) -> None:
    """Replace the process's settings (tests; ``None`` reloads them on next use)."""
    global _settings
    _settings = settings
