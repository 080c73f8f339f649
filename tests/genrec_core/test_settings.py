"""The settings loader every process uses: types, YAML, both kinds of variables, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from genrec_core.settings import SettingsError, load_settings


@dataclass(frozen=True)
class Server:
    host: str = "127.0.0.1"
    port: int = 80
    debug: bool = False
    state_dir: Path = Path("var")
    ratio: float = 0.5
    label: str | None = None


@dataclass(frozen=True)
class Root:
    server: Server = field(default_factory=Server)


def load(path: Path | None = None, **env: str) -> Root:
    return load_settings(Root, path, env, prefix="APP_", aliases={"APP_PORT": "server.port"})


def test_defaults_without_file_or_variables() -> None:
    assert load() == Root()


def test_types_are_converted_from_text() -> None:
    cfg = load(APP_SERVER__PORT="81", APP_SERVER__DEBUG="yes", APP_SERVER__STATE_DIR="/x",
               APP_SERVER__RATIO="0.25", APP_SERVER__LABEL="blue")  # fmt: skip
    assert cfg.server == Server("127.0.0.1", 81, True, Path("/x"), 0.25, "blue")
    assert load(APP_SERVER__LABEL="none").server.label is None


def test_file_then_older_variable_then_section_variable(tmp_path: Path) -> None:
    path = tmp_path / "app.yml"
    path.write_text("server:\n  port: 82\n  host: 0.0.0.0\n", encoding="utf-8")
    assert load(path).server.port == 82
    assert load(path, APP_PORT="83").server.port == 83
    assert load(path, APP_PORT="83", APP_SERVER__PORT="84").server == Server("0.0.0.0", 84)
    assert load(path, APP_PORT="").server.port == 82  # an empty older variable is unset


@pytest.mark.parametrize(
    ("env", "key", "says"),
    [
        ({"APP_PORT": "x"}, "server.port", "from APP_PORT"),
        ({"APP_SERVER__PORT": ""}, "server.port", "empty"),
        ({"APP_SERVER__DEBUG": "maybe"}, "server.debug", "boolean"),
        ({"APP_SERVER__NOPE": "1"}, "server.nope", "unknown"),
        ({"APP_OTHER__X": "1"}, "other", "unknown"),
    ],
)
def test_errors_name_the_key_and_the_variable(env: dict[str, str], key: str, says: str) -> None:
    with pytest.raises(SettingsError) as err:
        load(**env)
    assert err.value.key == key and says in str(err.value)


def test_a_file_must_hold_sections(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text("- a\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="must hold a mapping"):
        load(path)
    path.write_text("server: 3\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="expected a mapping"):
        load(path)


def test_the_caller_chooses_the_error_type() -> None:
    class Mine(Exception):
        def __init__(self, key: str, message: str) -> None:
            super().__init__(key, message)

    with pytest.raises(Mine):
        load_settings(Root, None, {"APP_SERVER__PORT": "x"}, prefix="APP_", error=Mine)
