"""Helpers of the genrec-rasa tests."""

from __future__ import annotations

from pathlib import Path


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file of the project and its bytes."""
    return {str(p.relative_to(project)): p.read_bytes() for p in project.rglob("*") if p.is_file()}
