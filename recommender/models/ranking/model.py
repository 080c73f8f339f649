"""A self-attentive sequential recommender (SASRec-style), standing alone.

Item + position embeddings, causal pre-norm transformer blocks, and the item embedding
shared as the output layer. The loss is a full softmax cross-entropy over all items at every
position of the sequence (next-item prediction everywhere, as in a language model), which
trains on a user's whole sequence in one pass instead of one prefix per sample.

Item indices: ``0`` is padding, real items are ``1..n_items``. Sequences are left-padded, so
the most recent item is always the last position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass(frozen=True)
class SASRecConfig:
    """Architecture of :class:`SASRec`."""

    n_items: int  # real items, indices 1..n_items (0 is padding)
    max_len: int = 100  # longest input sequence
    d_model: int = 64
    n_layers: int = 2
    n_heads: int = 1
    d_ff: int = 128
    dropout: float = 0.3
    emb_dropout: float = 0.3

    def __post_init__(self) -> None:
        assert self.n_items > 0, "n_items must be positive"
        assert self.d_model % self.n_heads == 0, "d_model must be divisible by n_heads"


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention where position t sees positions <= t that are not padding."""

    def __init__(self, config: SASRecConfig) -> None:
        super().__init__()
        self.n_heads = config.n_heads
        self.qkv = nn.Linear(config.d_model, 3 * config.d_model)
        self.proj = nn.Linear(config.d_model, config.d_model)
        self.dropout = config.dropout
        self.resid_dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
        b, t, d = x.shape  # [B, L, D]
        q, k, v = self.qkv(x).split(d, dim=2)
        # [B, H, L, D/H]
        q = q.view(b, t, self.n_heads, d // self.n_heads).transpose(1, 2)
        k = k.view(b, t, self.n_heads, d // self.n_heads).transpose(1, 2)
        v = v.view(b, t, self.n_heads, d // self.n_heads).transpose(1, 2)
        y = F.scaled_dot_product_attention(
            q, k, v, attn_mask=allowed, dropout_p=self.dropout if self.training else 0.0
        )  # [B, H, L, D/H]
        y = y.transpose(1, 2).contiguous().view(b, t, d)
        return self.resid_dropout(self.proj(y))


class Block(nn.Module):
    """Pre-norm transformer block: x + attn(ln(x)), then x + ffn(ln(x))."""

    def __init__(self, config: SASRecConfig) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(config.d_model)
        self.attn = CausalSelfAttention(config)
        self.ln2 = nn.LayerNorm(config.d_model)
        self.ffn = nn.Sequential(
            nn.Linear(config.d_model, config.d_ff),
            nn.GELU(),
            nn.Linear(config.d_ff, config.d_model),
            nn.Dropout(config.dropout),
        )

    def forward(self, x: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.ln1(x), allowed)
        return x + self.ffn(self.ln2(x))


class SASRec(nn.Module):
    """Next-item model over item sequences; ``forward`` returns ``(logits, loss)``."""

    def __init__(self, config: SASRecConfig) -> None:
        super().__init__()
        self.config = config
        self.item_emb = nn.Embedding(config.n_items + 1, config.d_model, padding_idx=0)
        self.pos_emb = nn.Embedding(config.max_len, config.d_model)
        self.emb_dropout = nn.Dropout(config.emb_dropout)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.ln_f = nn.LayerNorm(config.d_model)
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=0.02)
            if module.padding_idx is not None:
                with torch.no_grad():
                    module.weight[module.padding_idx].zero_()

    def hidden(self, seq: torch.Tensor) -> torch.Tensor:
        """Hidden state of every position: ``[B, L] -> [B, L, D]``."""
        _b, t = seq.shape
        assert t <= self.config.max_len, f"sequence length {t} > max_len {self.config.max_len}"
        pad = seq == 0  # [B, L]
        pos = torch.arange(t, device=seq.device) + (self.config.max_len - t)  # right-aligned
        x = self.item_emb(seq) * math.sqrt(self.config.d_model) + self.pos_emb(pos)[None]
        x = self.emb_dropout(x) * (~pad)[..., None]
        causal = torch.ones(t, t, dtype=torch.bool, device=seq.device).tril()  # [L, L]
        # each query sees earlier non-pad keys, and always itself (no empty rows -> no NaN)
        allowed = (causal[None] & ~pad[:, None, :]) | torch.eye(
            t, dtype=torch.bool, device=seq.device
        )[None]
        allowed = allowed[:, None]  # [B, 1, L, L], broadcast over heads
        for block in self.blocks:
            x = block(x, allowed)
        return self.ln_f(x)

    def forward(
        self, seq: torch.Tensor, targets: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Next-item logits and the mean cross-entropy over non-pad targets.

        Args:
            seq: ``[B, L]`` item indices, left-padded with 0.
            targets: ``[B, L]`` the next item at each position (0 = no target), or ``None``.

        Returns:
            Without targets: logits ``[B, L, n_items]`` (column j is item j+1) and ``None``.
            With targets: logits ``[N, n_items]`` of the N positions that have a target (row
            order of ``targets[targets > 0]``; padding positions are never scored, which
            saves most of the output layer's cost) and the loss.
        """
        assert seq.dim() == 2, f"seq must be [B, L], got {tuple(seq.shape)}"
        h = self.hidden(seq)  # [B, L, D]
        out_emb = self.item_emb.weight[1:]  # [n_items, D], shared output embedding
        if targets is None:
            return h @ out_emb.T, None  # [B, L, n_items]
        assert targets.shape == seq.shape, "targets must have the shape of seq"
        has_target = targets > 0  # [B, L]
        assert bool(has_target.any()), "no target in the batch"
        logits = h[has_target] @ out_emb.T  # [N, n_items]
        loss = F.cross_entropy(logits, targets[has_target] - 1)
        return logits, loss

    @torch.inference_mode()
    def score_last(self, seq: torch.Tensor) -> torch.Tensor:
        """Scores of every item as the next one after each sequence: ``[B, L] -> [B, n_items]``."""
        h = self.hidden(seq)[:, -1]  # [B, D], left padding: the last position is the newest
        return h @ self.item_emb.weight[1:].T

    def configure_optimizer(
        self, lr: float, weight_decay: float, betas: tuple[float, float] = (0.9, 0.98)
    ) -> torch.optim.Optimizer:
        """AdamW with weight decay on matrices only (not on biases, norms, embeddings rows 0)."""
        decay: list[nn.Parameter] = []
        no_decay: list[nn.Parameter] = []
        for name, param in self.named_parameters():
            (decay if param.dim() >= 2 and "ln" not in name else no_decay).append(param)
        groups = [
            {"params": decay, "weight_decay": weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ]
        return torch.optim.AdamW(groups, lr=lr, betas=betas)
