"""Fixtures of tests/docker/: the compose file (PyYAML) and the Dockerfiles (deployfiles.py)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from deployfiles import DOCKER, REPO, Dockerfile, parse_dockerfile


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((DOCKER / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def dockerfiles() -> dict[str, Dockerfile]:
    """``docker/<name>.Dockerfile`` by its path from the repository root."""
    found = {
        str(p.relative_to(REPO)): parse_dockerfile(p) for p in sorted(DOCKER.glob("*.Dockerfile"))
    }
    assert found, "no docker/*.Dockerfile"
    return found
