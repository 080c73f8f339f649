"""Typed configuration of the generative reply writer (the ``generation`` config section)."""

from __future__ import annotations

from dataclasses import dataclass

from recommender.config import REPO_DIR

DEFAULT_BASE_DIR = str(REPO_DIR / "models" / "smollm2-135m-instruct")
ARTIFACTS_DIR = REPO_DIR / "recommender" / "models" / "generation" / "artifacts"
DEFAULT_STUDENT_DIR = str(ARTIFACTS_DIR / "student-v1")


@dataclass(frozen=True)
class GenerationConfig:
    """How replies are written.

    Attributes:
        enabled: False -> always the deterministic reply.
        model_path: a ``from_pretrained`` folder (or any Hugging Face causal-LM path). The default
            is the distilled student shipped in the repo.
        adapter_path: optional LoRA adapter folder applied on top of ``model_path`` (merged).
        prompt_style: ``slots`` (facts as placeholders, filled after generation; what the
            fine-tuned models learned) or ``plain`` (facts as text; for base models).
        dtype: ``float32`` or ``bfloat16``.
        int8: dynamic int8 quantization of the linear layers.
        threads: torch intra-op threads (0 keeps torch's default).
        max_new_tokens: generation cap (slot replies are short).
        max_reply_chars: hard cap of the final text.
        retries: regenerations after a failed verification before falling back.
        prompt_lookup_tokens: >0 uses prompt-lookup decoding (``generate`` path only).
        batch_window_ms: how long the batcher waits to group concurrent requests.
        max_batch: most requests generated together.
        include_descriptions: put (fenced, trimmed) catalog descriptions into the prompt.
    """

    enabled: bool = True
    model_path: str = DEFAULT_STUDENT_DIR
    adapter_path: str = ""
    prompt_style: str = "slots"
    dtype: str = "float32"
    int8: bool = False
    threads: int = 1
    max_new_tokens: int = 64
    max_reply_chars: int = 600
    retries: int = 1
    prompt_lookup_tokens: int = 0
    batch_window_ms: float = 4.0
    max_batch: int = 8
    include_descriptions: bool = False
