"""Training loop for causal LMs on (prompt, reply) pairs; knows nothing of the model's insides."""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from recommender.models.generation.dataset import Example
from recommender.models.generation.generator import encode
from recommender.models.generation.prompt import build_prompt

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    """Optimisation settings."""

    steps: int = 1000
    batch_size: int = 16
    lr: float = 2e-3
    warmup: int = 50
    weight_decay: float = 0.01
    max_len: int = 768
    seed: int = 0
    time_limit_s: float = 0.0  # 0: no limit; else stop early (logged) after this many seconds
    tail_logits: bool = False  # left-pad and compute logits for reply positions only (big vocab)


def tokenize_examples(
    examples: Sequence[Example], tokenizer: Any, style: str = "slots"
) -> list[tuple[list[int], list[int]]]:
    """``(prompt_ids, reply_ids)`` per example, encoded exactly as at inference time."""
    end = tokenizer.convert_tokens_to_ids("<|im_end|>")
    out = []
    for ex in examples:
        prompt = build_prompt(ex.context, tokenizer, style)
        ids = encode(tokenizer, prompt.prefix) + encode(tokenizer, prompt.body)
        out.append((ids, [*encode(tokenizer, ex.target), end]))
    return out


def _batch(
    rows: Sequence[tuple[list[int], list[int]]], pad_id: int, max_len: int, left: bool = False
) -> dict[str, torch.Tensor]:
    """Padded ids, mask and labels (-100 outside the reply); ``left`` pads on the left and adds
    explicit position ids so that every row's tokens keep positions 0..n-1."""
    seqs = [(p + r)[:max_len] for p, r in rows]
    width = max(len(s) for s in seqs)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), -100, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, ((p, _), s) in enumerate(zip(rows, seqs, strict=True)):
        at = width - len(s) if left else 0
        ids[i, at : at + len(s)] = torch.tensor(s)
        mask[i, at : at + len(s)] = 1
        labels[i, at + len(p) : at + len(s)] = torch.tensor(s[len(p) :], dtype=torch.long)
    out = {"input_ids": ids, "attention_mask": mask, "labels": labels}
    if left:
        out["position_ids"] = (mask.cumsum(1) - 1).clamp(min=0)
    return out


def tail_loss(model: Any, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """Reply-token loss of a left-padded batch, computing logits only for the last positions
    (the LM head over a 49k vocabulary is otherwise a large share of the step)."""
    labels = batch["labels"]
    keep = int((labels != -100).sum(1).max()) + 1  # reply tokens plus the one predicting the first
    inputs = {k: v for k, v in batch.items() if k != "labels"}
    logits = model(**inputs, logits_to_keep=keep).logits  # (B, keep, V)
    target = labels[:, labels.shape[1] - keep + 1 :]  # (B, keep-1)
    return torch.nn.functional.cross_entropy(
        logits[:, :-1].float().reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=-100
    )


def train_causal_lm(
    model: Any, rows: Sequence[tuple[list[int], list[int]]], cfg: TrainConfig, pad_id: int
) -> dict[str, Any]:
    """Fit ``model`` on reply tokens only (prompt tokens are masked); returns a log."""
    rng = random.Random(cfg.seed)
    torch.manual_seed(cfg.seed)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay)

    def lr_at(step: int) -> float:
        if step < cfg.warmup:
            return (step + 1) / cfg.warmup
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / max(1, cfg.steps)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    order = list(range(len(rows)))
    model.train()
    t0, losses, step = time.perf_counter(), [], 0
    while step < cfg.steps:
        rng.shuffle(order)
        for start in range(0, len(order) - cfg.batch_size + 1, cfg.batch_size):
            batch = _batch(
                [rows[i] for i in order[start : start + cfg.batch_size]],
                pad_id,
                cfg.max_len,
                left=cfg.tail_logits,
            )
            loss = tail_loss(model, batch) if cfg.tail_logits else model(**batch).loss
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            losses.append(float(loss.detach()))
            step += 1
            if step % 25 == 0 or step == 1:
                logger.info(
                    "step %d/%d loss %.4f (%.1fs)",
                    step,
                    cfg.steps,
                    sum(losses[-25:]) / len(losses[-25:]),
                    time.perf_counter() - t0,
                )
            elapsed = time.perf_counter() - t0
            if step >= cfg.steps or (cfg.time_limit_s and elapsed > cfg.time_limit_s):
                break
        if cfg.time_limit_s and time.perf_counter() - t0 > cfg.time_limit_s:
            logger.warning("time limit reached after %d steps", step)
            break
    model.eval()
    return {
        "steps": step,
        "final_loss": sum(losses[-25:]) / max(1, len(losses[-25:])),
        "seconds": round(time.perf_counter() - t0, 1),
        "seconds_per_step": round((time.perf_counter() - t0) / max(1, step), 2),
        "examples": len(rows),
    }
