"""The action server's settings: defaults shared with the stack, YAML, the older variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.api.console_client import ConsoleClient
from actions.settings import ActionsConfig, load_actions_config
from genrec_core import defaults
from genrec_core.settings import SettingsError

REPO = Path(__file__).resolve().parents[2]


def test_defaults_are_the_stack_wide_ones() -> None:
    cfg = load_actions_config(env={})
    assert cfg.recommender.url == defaults.RECOMMENDER_URL
    assert cfg.console.url == defaults.CONSOLE_URL
    assert cfg.console.spool_path == defaults.HANDOFF_SPOOL == "var/handoff_spool.jsonl"
    assert (cfg.recommender.timeout_s, cfg.recommender.events_timeout_s) == (2.5, 1.0)


def test_every_older_variable_sets_its_key(tmp_path: Path) -> None:
    env = {
        "RECOMMENDER_URL": "http://rec:9000/",
        "RECOMMENDER_TOKEN": "svc",
        "RECOMMENDER_TIMEOUT_S": "1.5",
        "RECOMMENDER_EVENTS_TIMEOUT_S": "0.5",
        "CONSOLE_URL": "http://console:8101",
        "CONSOLE_TOKEN": "con",
        "HANDOFF_SPOOL": str(tmp_path / "spool.jsonl"),
    }
    cfg = load_actions_config(env=env)
    assert (cfg.recommender.url, cfg.recommender.token) == ("http://rec:9000", "svc")
    assert (cfg.recommender.timeout_s, cfg.recommender.events_timeout_s) == (1.5, 0.5)
    client = ConsoleClient.from_settings(cfg.console)
    assert (client.base_url, client.token) == ("http://console:8101", "con")
    assert client.spool_path == tmp_path / "spool.jsonl"


def test_file_named_by_actions_config_then_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "actions.yml"
    path.write_text(
        "recommender:\n  url: http://rec:1\n  timeout_s: 2\nconsole:\n  timeout_s: 4\n",
        encoding="utf-8",
    )
    cfg = load_actions_config(env={"ACTIONS_CONFIG": str(path), "RECOMMENDER_TIMEOUT_S": "3"})
    assert (cfg.recommender.url, cfg.recommender.timeout_s, cfg.console.timeout_s) == (
        "http://rec:1",
        3.0,
        4.0,
    )
    env = {"ACTIONS_CONFIG": str(path), "RECOMMENDER_TIMEOUT_S": "3",
           "ACTIONS_RECOMMENDER__TIMEOUT_S": "1"}  # fmt: skip
    assert load_actions_config(env=env).recommender.timeout_s == 1.0


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"RECOMMENDER_URL": "recommender:8000"}, "recommender.url"),
        ({"ACTIONS_CONSOLE__TIMEOUT_S": "0"}, "console.timeout_s"),
        ({"ACTIONS_CONSOLE__SPOOL": "x"}, "console.spool"),
    ],
)
def test_bad_settings_are_refused(env: dict[str, str], key: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_actions_config(env=env)
    assert err.value.key == key


def test_every_key_is_documented() -> None:
    doc = (REPO / "docs" / "CONFIG.md").read_text(encoding="utf-8")
    part = doc.split("## Action server settings", 1)[1].split("\n## ", 1)[0]
    for section, value in vars(ActionsConfig()).items():
        for key in vars(value):
            assert f"| `{section}.{key}` |" in part, f"{section}.{key} missing from CONFIG.md"
            assert f"`ACTIONS_{section.upper()}__{key.upper()}`" in part
