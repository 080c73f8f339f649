"""The assistant's own domain, data and config, shipped with the package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import yamltext

_HERE = Path(__file__).resolve().parent.parent
# Installed: genrec_actions/bot (package data). In the repository: rasa_project/.
_CANDIDATES = (_HERE / "bot", _HERE.parent / "rasa_project")

DOMAIN_LISTS = ("intents", "entities", "actions")
DOMAIN_MAPS = ("slots", "responses", "forms")
DATA_KINDS = ("nlu", "rules", "stories")


def bot_dir() -> Path:
    """Folder holding the assistant's ``domain/``, ``data/`` and ``config.yml``."""
    for path in _CANDIDATES:
        if (path / "domain").is_dir():
            return path
    raise FileNotFoundError(f"assistant files not found in {', '.join(map(str, _CANDIDATES))}")


def domain() -> dict[str, Any]:
    """The assistant's domain, all its files in one mapping."""
    result: dict[str, Any] = {key: [] for key in DOMAIN_LISTS}
    result.update({key: {} for key in DOMAIN_MAPS})
    for path in sorted((bot_dir() / "domain").glob("*.yml")):
        part = yamltext.load(path.read_text(encoding="utf-8")) or {}
        for key in DOMAIN_LISTS:
            result[key].extend(part.get(key) or [])
        for key in DOMAIN_MAPS:
            result[key].update(part.get(key) or {})
    return result


def data_files(kind: str) -> list[Path]:
    """The assistant's training files of one kind (``nlu``, ``rules`` or ``stories``)."""
    return sorted((bot_dir() / "data" / kind).glob("*.yml"))


def config() -> dict[str, Any]:
    """The assistant's ``config.yml``."""
    return yamltext.load((bot_dir() / "config.yml").read_text(encoding="utf-8"))
