"""Where the generation models live; ``GenerationConfig`` is the ``generation`` config section."""

from __future__ import annotations

from recommender.config import DEFAULT_GENERATOR_PATH, REPO_DIR, GenerationConfig

DEFAULT_BASE_DIR = str(REPO_DIR / "models" / "smollm2-135m-instruct")
ARTIFACTS_DIR = REPO_DIR / "recommender" / "models" / "generation" / "artifacts"
DEFAULT_STUDENT_DIR = DEFAULT_GENERATOR_PATH

__all__ = ["ARTIFACTS_DIR", "DEFAULT_BASE_DIR", "DEFAULT_STUDENT_DIR", "GenerationConfig"]
