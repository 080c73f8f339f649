"""A Rasa starter project (what ``rasa init`` writes) in a temporary folder."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """Rasa 3.6's own starter bot: config, domain, data, endpoints and credentials."""
    spec = importlib.util.find_spec("rasa")
    assert spec is not None and spec.submodule_search_locations, "rasa is not installed"
    source = Path(next(iter(spec.submodule_search_locations))) / "cli" / "initial_project"
    project = tmp_path / "bot"
    shutil.copytree(source, project, ignore=shutil.ignore_patterns("__pycache__", "actions"))
    return project
