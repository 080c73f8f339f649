"""ConsoleConfig from the environment, and the token file ``python -m console`` falls back to."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.__main__ import _token_from_file
from console.config import ConsoleConfig


def test_from_env_reads_every_setting(tmp_path: Path) -> None:
    cfg = ConsoleConfig.from_env(
        {
            "CONSOLE_TOKEN": "t",
            "CONSOLE_PORT": "18001",
            "CONSOLE_STATE_DIR": str(tmp_path),
            "RASA_URL": "http://127.0.0.1:15005/",
            "RASA_JWT_SECRET": "r",
            "CONSOLE_WEBHOOK_URL": "http://127.0.0.1:9999/hook",
            "CONSOLE_WEBHOOK_SECRET": "s",
            "CONSOLE_WEBHOOK_ATTEMPTS": "0",
            "CONSOLE_EXPIRY_INTERVAL_S": "15",
            "CONSOLE_EXPIRY_GRACE_S": "5",
        }
    )
    assert (cfg.expiry_interval_s, cfg.expiry_grace_s) == (15.0, 5.0)
    assert (cfg.token, cfg.port, cfg.rasa_url, cfg.rasa_jwt_secret) == (
        "t",
        18001,
        "http://127.0.0.1:15005",
        "r",
    )
    assert cfg.resolved_store_url == str(tmp_path / "tickets.db")
    assert cfg.resolved_spool_path == tmp_path / "handoff_spool.jsonl"
    assert cfg.webhook.url.endswith("/hook") and cfg.webhook.attempts == 1


def test_defaults_and_bad_numbers() -> None:
    cfg = ConsoleConfig.from_env({})
    assert cfg.port == 8001 and cfg.webhook.url == "" and cfg.resolved_store_url == "var/tickets.db"
    assert (cfg.expiry_interval_s, cfg.expiry_grace_s) == (60.0, 30.0)
    with pytest.raises(ValueError, match="CONSOLE_PORT='abc' is not a number"):
        ConsoleConfig.from_env({"CONSOLE_PORT": "abc"})


def test_token_file_is_created_once_and_private(tmp_path: Path) -> None:
    cfg = ConsoleConfig(state_dir=tmp_path / "state")
    token = _token_from_file(cfg)
    assert len(token) >= 24 and _token_from_file(cfg) == token
    assert (tmp_path / "state" / "console_token").stat().st_mode & 0o777 == 0o600
