"""One-token decode steps of a Llama-shaped model without transformers' per-call machinery.

The student generator is tiny (4 layers, hidden size 128): a decode step through
``model(...)`` spends most of its CPU in transformers' wrappers (output capturing, config
lookups, mask building, the cache object, output dataclasses) rather than in the matrix
products. :class:`FastLlamaDecoder` runs the same modules and the same attention function
on the same tensors, in the same order (``LlamaModel.forward`` / ``LlamaDecoderLayer`` /
``LlamaAttention`` of transformers 5.2x, no attention mask: the unpadded case), and keeps the
key/value cache as plain tensors concatenated as ``DynamicLayer.update`` does, so its logits
are bit-for-bit those of ``model(...)`` (``tests/recommender/generation/test_fast_decode.py``
checks it on the shipped student).
"""

from __future__ import annotations

from typing import Any

import torch


class FastLlamaDecoder:
    """Decode steps for a ``LlamaForCausalLM`` (see the module docstring)."""

    def __init__(self, model: Any) -> None:
        from transformers.modeling_utils import ALL_ATTENTION_FUNCTIONS
        from transformers.models.llama import modeling_llama

        self.model = model
        self.inner = model.model
        self.layers = list(self.inner.layers[: model.config.num_hidden_layers])
        self.rotary = modeling_llama.apply_rotary_pos_emb
        self.attention = ALL_ATTENTION_FUNCTIONS.get_interface(
            model.config._attn_implementation, modeling_llama.eager_attention_forward
        )

    @staticmethod
    def supports(model: Any) -> bool:
        """Whether ``model`` is a Llama causal LM this decoder reproduces exactly."""
        try:
            from transformers.models.llama.modeling_llama import LlamaForCausalLM
        except ImportError:  # pragma: no cover - transformers always has Llama
            return False
        return (
            type(model) is LlamaForCausalLM
            and not model.training
            and getattr(model.config, "_attn_implementation", None) in ("sdpa", "eager")
            and not getattr(model, "_hf_hook", None)
        )

    @torch.inference_mode()
    def step(
        self, ids: torch.Tensor, positions: torch.Tensor, kv: list[list[torch.Tensor]]
    ) -> torch.Tensor:
        """Logits ``(batch, vocab)`` for one new token per row; ``kv`` (one ``[keys,
        values]`` per layer) is extended in place."""
        hidden = self.inner.embed_tokens(ids)
        cos, sin = self.inner.rotary_emb(hidden, position_ids=positions)
        shape = (*hidden.shape[:-1], -1)
        for i, layer in enumerate(self.layers):
            residual = hidden
            hidden = layer.input_layernorm(hidden)
            attn = layer.self_attn
            head = (*shape[:-1], -1, attn.head_dim)
            q = attn.q_proj(hidden).view(head).transpose(1, 2)
            k = attn.k_proj(hidden).view(head).transpose(1, 2)
            v = attn.v_proj(hidden).view(head).transpose(1, 2)
            q, k = self.rotary(q, k, cos, sin)
            kv[i][0] = torch.cat([kv[i][0], k], dim=-2)
            kv[i][1] = torch.cat([kv[i][1], v], dim=-2)
            out, _ = self.attention(
                attn, q, kv[i][0], kv[i][1], None, dropout=0.0, scaling=attn.scaling
            )
            out = out.reshape(shape).contiguous()
            hidden = residual + attn.o_proj(out)
            residual = hidden
            hidden = residual + layer.mlp(layer.post_attention_layernorm(hidden))
        hidden = self.inner.norm(hidden)
        return self.model.lm_head(hidden)[:, -1, :]
