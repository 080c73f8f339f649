"""Typed settings of a process: frozen nested dataclasses filled from YAML and the environment.

Each process (recommender, agent console, action server) describes its settings as one frozen
dataclass with one nested dataclass per section and loads them with :func:`load_settings`:
the defaults, then a YAML file, then the environment. Two kinds of variables override a key:

* ``<PREFIX><SECTION>__<KEY>`` for every key, e.g. ``GENREC_SERVER__PORT=8100``;
* the process's older flat names (``aliases``, e.g. ``CONSOLE_PORT`` for ``server.port``),
  which keep working (empty counts as unset); the ``<PREFIX><SECTION>__<KEY>`` form wins
  when both are set.

Unknown keys and values of the wrong type are refused with an error naming the key (or the
variable it came from). Pure Python (3.8+), so the action server can use it too.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar

import yaml

T = TypeVar("T")

#: Builds the exception raised for a bad key: ``error(key, message)``.
ErrorFactory = Callable[[str, str], Exception]

_UNION_TYPES: tuple = (typing.Union,) + (
    (types.UnionType,) if hasattr(types, "UnionType") else ()  # Python 3.10+: ``X | None``
)


class SettingsError(ValueError):
    """A setting is unknown or malformed; ``key`` names it (dotted key or variable name)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def check(ok: bool, name: str, message: str) -> None:
    """Raise :class:`SettingsError` for setting ``name`` unless ``ok``."""
    if not ok:
        raise SettingsError(name, message)


def is_url(value: str) -> bool:
    """An ``http://`` or ``https://`` URL without spaces."""
    return value.startswith(("http://", "https://")) and " " not in value


def coerce(value: Any, target: Any, name: str) -> Any:
    """Convert a YAML or environment value to the annotated field type (bool, int, float,
    str, Path, or ``Optional`` of one of them).

    Raises:
        SettingsError: the value does not convert.
    """
    if typing.get_origin(target) in _UNION_TYPES:
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
            raise SettingsError(name, f"expected a boolean, got {value!r}")
        return bool(value)
    if target in (int, float, str, Path):
        if target is not str and isinstance(value, str) and not value.strip():
            raise SettingsError(name, f"expected {target.__name__}, got an empty value")
        try:
            return target(value)
        except (TypeError, ValueError) as exc:
            raise SettingsError(name, f"expected {target.__name__}, got {value!r}") from exc
    return value


def build(
    cls: type[T],
    data: Mapping[str, Any],
    prefix: str = "",
    error: ErrorFactory = SettingsError,
    origins: Mapping[str, str] | None = None,
) -> T:
    """Instantiate the dataclass ``cls`` from nested mappings, refusing unknown keys.

    Args:
        cls: the (frozen) settings dataclass.
        data: ``{key: value}``, a nested mapping per section.
        prefix: dotted path of ``cls`` in the root settings (for error messages).
        error: exception factory for an unknown key or a malformed value.
        origins: dotted key -> the environment variable its value came from (named in errors).
    """
    origins = origins or {}
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    unknown = set(data) - {f.name for f in fields}
    if unknown:
        raise error(prefix + sorted(unknown)[0], "unknown configuration key")
    kwargs: dict[str, Any] = {}
    for f in fields:
        if f.name not in data:
            continue
        hint = hints[f.name]
        name = prefix + f.name
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            section = data[f.name] or {}
            if not isinstance(section, Mapping):
                raise error(name, "expected a mapping")
            kwargs[f.name] = build(hint, section, name + ".", error, origins)
        else:
            try:
                kwargs[f.name] = coerce(data[f.name], hint, name)
            except SettingsError as exc:
                source = f" (from {origins[name]})" if name in origins else ""
                raise error(name, exc.message + source) from exc
    return cls(**kwargs)


def read_yaml(path: str | os.PathLike[str], error: ErrorFactory = SettingsError) -> dict:
    """The sections of a YAML settings file (``{}`` for an empty file)."""
    loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise error(str(path), "configuration file must hold a mapping")
    out = {}
    for section, values in loaded.items():
        if values is not None and not isinstance(values, dict):
            raise error(str(section), "expected a mapping")
        out[str(section)] = dict(values or {})
    return out


def env_sections(env: Mapping[str, str], prefix: str) -> dict[str, dict[str, str]]:
    """``{section: {key: value}}`` from the ``<prefix><SECTION>__<KEY>`` variables."""
    out: dict[str, dict[str, str]] = {}
    for key, value in env.items():
        if not key.startswith(prefix) or "__" not in key[len(prefix) :]:
            continue
        section, _, name = key[len(prefix) :].lower().partition("__")
        out.setdefault(section, {})[name] = value
    return out


def load_settings(
    cls: type[T],
    path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    prefix: str,
    aliases: Mapping[str, str] | None = None,
    error: ErrorFactory = SettingsError,
) -> T:
    """Defaults, then the YAML file at ``path``, then the environment.

    Args:
        cls: the root settings dataclass (each field a section dataclass).
        path: a YAML file with sections matching ``cls``; ``None``: no file.
        env: the environment (default ``os.environ``).
        prefix: of the ``<PREFIX><SECTION>__<KEY>`` variables, e.g. ``"CONSOLE_"``.
        aliases: older variable names -> dotted keys (``{"CONSOLE_PORT": "server.port"}``).
        error: exception factory for a bad key or value (default :class:`SettingsError`).

    Raises:
        SettingsError: (or what ``error`` builds) an unknown key or a malformed value.
    """
    env = os.environ if env is None else env
    data: dict[str, dict[str, Any]] = read_yaml(path, error) if path is not None else {}
    origins: dict[str, str] = {}
    for variable, dotted in (aliases or {}).items():
        if env.get(variable):  # an empty older variable counts as unset, as it always did
            section, _, key = dotted.partition(".")
            data.setdefault(section, {})[key] = env[variable]
            origins[dotted] = variable
    for section, values in env_sections(env, prefix).items():
        for key, value in values.items():
            data.setdefault(section, {})[key] = value
            origins[f"{section}.{key}"] = f"{prefix}{section.upper()}__{key.upper()}"
    return build(cls, data, "", error, origins)
