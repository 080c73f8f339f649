"""One frozen configuration for the recommender service: YAML file plus environment overrides.

Environment overrides use ``GENREC_<SECTION>__<KEY>``, e.g. ``GENREC_SERVER__PORT=8100``.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from recommender.errors import ValidationError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
ENV_PREFIX = "GENREC_"


@dataclass(frozen=True)
class ServerConfig:
    """Where the HTTP service listens and how much it accepts."""

    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 1_000_000
    max_message_chars: int = 2_000


@dataclass(frozen=True)
class CatalogConfig:
    """Which catalog file the service serves."""

    path: str = str(PACKAGE_DIR / "data" / "demo" / "catalog.jsonl")


@dataclass(frozen=True)
class EmbeddingConfig:
    """Sentence encoder used for retrieval; empty ``model_path`` means the packaged MiniLM."""

    model_path: str = ""
    batch_size: int = 64
    cache_dir: str = str(REPO_DIR / "var" / "cache")


@dataclass(frozen=True)
class RetrievalConfig:
    """Candidate retrieval and result size."""

    default_limit: int = 3
    max_limit: int = 10


@dataclass(frozen=True)
class StoreConfig:
    """Durable stores: a SQLite path or a ``postgresql://`` URL."""

    url: str = str(REPO_DIR / "var" / "recommender.db")


@dataclass(frozen=True)
class Config:
    """Root configuration of the recommender service."""

    server: ServerConfig = field(default_factory=ServerConfig)
    catalog: CatalogConfig = field(default_factory=CatalogConfig)
    embeddings: EmbeddingConfig = field(default_factory=EmbeddingConfig)
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    store: StoreConfig = field(default_factory=StoreConfig)


def _coerce(value: Any, target: Any, name: str) -> Any:
    """Convert a YAML or environment value to the annotated field type."""
    origin = typing.get_origin(target)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(target) if a is not type(None)]
        if value is None or (isinstance(value, str) and value.lower() in ("", "none", "null")):
            return None
        target = args[0]
    if target is bool:
        if isinstance(value, str):
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValidationError(name, f"expected a boolean, got {value!r}")
        return bool(value)
    if target in (int, float, str):
        try:
            return target(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(name, f"expected {target.__name__}, got {value!r}") from exc
    return value


def _build(cls: type, data: Mapping[str, Any], prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise ValidationError(prefix + sorted(unknown)[0], "unknown configuration key")
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        hint = hints[f.name]
        name = prefix + f.name
        if dataclasses.is_dataclass(hint):
            section = data[f.name] or {}
            if not isinstance(section, Mapping):
                raise ValidationError(name, "expected a mapping")
            kwargs[f.name] = _build(hint, section, name + ".")
        else:
            kwargs[f.name] = _coerce(data[f.name], hint, name)
    return cls(**kwargs)


def _env_overrides(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, value in env.items():
        if not key.startswith(ENV_PREFIX) or "__" not in key:
            continue
        section, _, name = key[len(ENV_PREFIX) :].lower().partition("__")
        out.setdefault(section, {})[name] = value
    return out


def load_config(path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Load the configuration from an optional YAML file, then apply environment overrides.

    Args:
        path: YAML file with sections matching :class:`Config`; ``None`` uses the defaults.
        env: environment to read ``GENREC_*`` overrides from (defaults to ``os.environ``).

    Raises:
        ValidationError: a key is unknown or a value has the wrong type.
    """
    data: dict[str, Any] = {}
    if path is not None:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValidationError(str(path), "configuration file must hold a mapping")
        data = {k: dict(v or {}) for k, v in loaded.items()}
    for section, values in _env_overrides(os.environ if env is None else env).items():
        data.setdefault(section, {}).update(values)
    return _build(Config, data, "")
