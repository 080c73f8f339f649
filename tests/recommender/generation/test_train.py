"""The training loop's tail-logits loss equals the full-sequence loss on reply tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from recommender.models.generation.train import _batch, tail_loss


def test_tail_loss_matches_full_loss(tiny_model_dir: Path) -> None:
    from transformers import LlamaForCausalLM

    model = LlamaForCausalLM.from_pretrained(tiny_model_dir).eval()
    vocab = model.config.vocab_size
    g = torch.Generator().manual_seed(0)
    rows = []
    for n_prompt, n_reply in ((7, 3), (4, 5), (9, 1)):
        ids = torch.randint(5, vocab, (n_prompt + n_reply,), generator=g).tolist()
        rows.append((ids[:n_prompt], ids[n_prompt:]))
    with torch.no_grad():
        full = float(model(**_batch(rows, 0, 64)).loss)
        tail = float(tail_loss(model, _batch(rows, 0, 64, left=True)))
    assert tail == pytest.approx(full, rel=1e-4)
    assert full > 0
