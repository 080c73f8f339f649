"""ConsoleConfig from YAML and the environment, and the token file ``python -m console`` falls back to."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.__main__ import _token_from_file
from console.config import ConsoleConfig, ServerConfig, load_console_config
from genrec_core import defaults
from genrec_core.settings import SettingsError

REPO = Path(__file__).resolve().parents[2]


def test_the_older_variables_set_every_setting(tmp_path: Path) -> None:
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
            "CONSOLE_RECOMMENDER_URL": "http://rec:8000/",
            "CONSOLE_RECOMMENDER_TOKEN": "adm",
            "CONSOLE_TRACKER_STORE_URL": "postgresql://db/rasa",
            "HANDOFF_SPOOL": str(tmp_path / "elsewhere.jsonl"),
        }
    )
    assert (cfg.expiry.interval_s, cfg.expiry.grace_s) == (15.0, 5.0)
    assert (cfg.server.token, cfg.server.port, cfg.rasa.url, cfg.rasa.jwt_secret) == (
        "t",
        18001,
        "http://127.0.0.1:15005",
        "r",
    )
    assert cfg.resolved_store_url == str(tmp_path / "tickets.db")
    assert cfg.resolved_spool_path == tmp_path / "elsewhere.jsonl"
    assert cfg.webhook.url.endswith("/hook") and cfg.webhook.attempts == 1
    assert (cfg.review.recommender_url, cfg.review.recommender_token) == ("http://rec:8000", "adm")
    assert cfg.review.tracker_store_url == "postgresql://db/rasa"


def test_defaults_share_the_stack_wide_values() -> None:
    cfg = ConsoleConfig.from_env({})
    assert cfg.server.port == 8001 and cfg.webhook.url == ""
    assert cfg.resolved_store_url == "var/tickets.db"
    assert cfg.resolved_spool_path == Path(defaults.HANDOFF_SPOOL)
    assert (cfg.rasa.url, cfg.review.recommender_url) == (
        defaults.RASA_URL,
        defaults.RECOMMENDER_URL,
    )
    assert (cfg.expiry.interval_s, cfg.expiry.grace_s) == (60.0, 30.0)
    assert (cfg.store.pool_size, cfg.store.statement_timeout_ms) == (4, 5000)


def test_yaml_then_older_variables_then_section_variables(tmp_path: Path) -> None:
    path = tmp_path / "console.yml"
    path.write_text(
        "server:\n  port: 9001\n  host: 0.0.0.0\nstore:\n  pool_size: 2\n"
        "webhook:\n  url: http://hooks/a\n",
        encoding="utf-8",
    )
    cfg = load_console_config(path, env={"CONSOLE_PORT": "9002"})
    assert (cfg.server.port, cfg.server.host, cfg.store.pool_size) == (9002, "0.0.0.0", 2)
    assert cfg.webhook.url == "http://hooks/a"
    env = {"CONSOLE_PORT": "9002", "CONSOLE_SERVER__PORT": "9003", "CONSOLE_STORE__POOL_SIZE": "8"}
    cfg = load_console_config(path, env=env)
    assert (cfg.server.port, cfg.store.pool_size) == (9003, 8)


def test_an_empty_older_variable_keeps_the_default() -> None:
    cfg = ConsoleConfig.from_env({"CONSOLE_HOST": "", "RASA_URL": "", "CONSOLE_PORT": ""})
    assert (cfg.server.host, cfg.rasa.url, cfg.server.port) == (
        "127.0.0.1",
        defaults.RASA_URL,
        8001,
    )


@pytest.mark.parametrize(
    ("env", "key", "says"),
    [
        ({"CONSOLE_PORT": "abc"}, "server.port", "CONSOLE_PORT"),
        ({"CONSOLE_SERVER__PORT": "abc"}, "server.port", "CONSOLE_SERVER__PORT"),
        ({"CONSOLE_SERVER__PORT": "70000"}, "server.port", "0..65535"),
        ({"CONSOLE_STORE__POOL_SIZE": "0"}, "store.pool_size", ">= 1"),
        ({"RASA_URL": "ftp://x"}, "rasa.url", "URL"),
        ({"CONSOLE_STORE__NOPE": "1"}, "store.nope", "unknown"),
    ],
)
def test_bad_values_name_the_key(env: dict[str, str], key: str, says: str) -> None:
    with pytest.raises(SettingsError) as err:
        ConsoleConfig.from_env(env)
    assert err.value.key == key and says in str(err.value)
    assert isinstance(err.value, ValueError)  # python -m console reports it and exits 2


def test_every_key_is_documented() -> None:
    doc = (REPO / "docs" / "CONFIG.md").read_text(encoding="utf-8")
    part = doc.split("## Agent console settings", 1)[1].split("\n## ", 1)[0]
    for section, value in vars(ConsoleConfig()).items():
        for key in vars(value):
            row = f"| `{section}.{key}` |"
            assert row in part, f"{section}.{key} missing from the console part of CONFIG.md"
            assert f"`CONSOLE_{section.upper()}__{key.upper()}`" in part


def test_token_file_is_created_once_and_private(tmp_path: Path) -> None:
    cfg = ConsoleConfig(server=ServerConfig(state_dir=tmp_path / "state"))
    token = _token_from_file(cfg)
    assert len(token) >= 24 and _token_from_file(cfg) == token
    assert (tmp_path / "state" / "console_token").stat().st_mode & 0o777 == 0o600
