"""Quality of generated replies on held-out turns: grounding before/after verification,
reasons tied to the profile, distinct-2, length; for the deterministic reply, the base model
(prompt only), the fine-tuned models, and low-precision variants.

    nice .venv/bin/python bench/generation_quality.py --n 1000 --base-n 100 \
        --out bench/results/generation_quality.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
from generation_common import Audit, all_products, distinct_n, held_out_contexts, ties_to_profile

from recommender.models.generation import (
    GenerationConfig,
    GenerativeReplyWriter,
    deterministic_reply,
)
from recommender.models.generation.config import DEFAULT_BASE_DIR, DEFAULT_STUDENT_DIR
from recommender.models.generation.types import GeneratedReply, ReplyContext


def summarize(
    name: str,
    replies: Sequence[GeneratedReply],
    contexts: Sequence[ReplyContext],
    audit: Audit,
    seconds: float,
    note: str = "",
) -> dict[str, Any]:
    n = len(replies)
    before = [audit(r.draft or r.text, c) for r, c in zip(replies, contexts, strict=True)]
    after = [audit(r.text, c) for r, c in zip(replies, contexts, strict=True)]
    personal = [c for c in contexts if not c.profile.is_empty()]
    tied = sum(
        ties_to_profile(r.text, c.profile)
        for r, c in zip(replies, contexts, strict=True)
        if not c.profile.is_empty()
    )
    drafts = [r.draft or r.text for r in replies]
    pairs = list(zip(replies, contexts, strict=True))
    row = {
        "system": name,
        "n": n,
        "unsupported_before_verification": sum(bool(p) for p in before),
        "unsupported_after_verification": sum(bool(p) for p in after),
        "first_draft_rejected": sum(
            r.attempts > 1 or r.fallback_used for r in replies if r.attempts
        ),
        "fallback_used": sum(r.fallback_used for r in replies),
        "reason_tied_to_profile_pct": round(100 * tied / max(1, len(personal)), 1),
        "distinct_2": round(distinct_n([r.text for r in replies]), 3),
        "mean_words": round(sum(len(r.text.split()) for r in replies) / max(1, n), 1),
        # the same three on what the model wrote first (before verification / fallback)
        "draft_reason_tied_pct": round(
            100
            * sum(
                ties_to_profile(d, c.profile)
                for d, (_, c) in zip(drafts, pairs, strict=True)
                if not c.profile.is_empty()
            )
            / max(1, len(personal)),
            1,
        ),
        "draft_distinct_2": round(distinct_n(drafts), 3),
        "draft_mean_words": round(sum(len(d.split()) for d in drafts) / max(1, n), 1),
        "seconds_per_reply": round(seconds / max(1, n), 3),
        "note": note,
        "examples": [r.text for r in replies[:3]],
        "unsupported_examples_before": [
            (r.draft, p[:3]) for r, p in zip(replies, before, strict=True) if p
        ][:8],
        "replies": [
            {
                "final": r.text,
                "draft": r.draft,
                "verified": r.verified,
                "fallback": r.fallback_used,
                "problems": list(r.problems[:3]),
            }
            for r in replies
        ],
    }
    print(
        json.dumps({k: v for k, v in row.items() if "example" not in k and k != "replies"}),
        flush=True,
    )
    return row


def run_writer(
    name: str,
    cfg: GenerationConfig,
    contexts: Sequence[ReplyContext],
    vocab_products: list,
    audit: Audit,
    batch: int,
    time_limit: float,
    note: str = "",
) -> dict[str, Any]:
    writer = GenerativeReplyWriter.from_config(cfg, catalog=vocab_products)
    replies: list[GeneratedReply] = []
    t0 = time.perf_counter()
    for start in range(0, len(contexts), batch):
        replies += writer.write_many(contexts[start : start + batch])
        if time_limit and time.perf_counter() - t0 > time_limit:
            break
    seconds = time.perf_counter() - t0
    return summarize(name, replies, contexts[: len(replies)], audit, seconds, note)


def reaudit(path: Path) -> int:
    """Recount the unsupported facts of saved replies with the current audit (no generation)."""
    data = json.loads(path.read_text())
    contexts, _ = held_out_contexts(data["meta"]["held_out"])
    audit = Audit(all_products())
    for row in data["rows"]:
        reps = row["replies"]
        ctxs = contexts[: len(reps)]
        before = [audit(r["draft"] or r["final"], c) for r, c in zip(reps, ctxs, strict=True)]
        after = [audit(r["final"], c) for r, c in zip(reps, ctxs, strict=True)]
        row["unsupported_before_verification"] = sum(bool(p) for p in before)
        row["unsupported_after_verification"] = sum(bool(p) for p in after)
        row["unsupported_examples_before"] = [
            (r["draft"], p[:3]) for r, p in zip(reps, before, strict=True) if p
        ][:8]
        print(
            row["system"],
            row["unsupported_before_verification"],
            row["unsupported_after_verification"],
        )
    path.write_text(json.dumps(data, indent=2))
    return 0


def teacher_rows(
    args: argparse.Namespace,
    sub: Sequence[ReplyContext],
    products: list,
    audit: Audit,
    common: dict[str, Any],
) -> list[dict[str, Any]]:
    """Deterministic, student and LoRA teacher on the same turns (same distinct-2 base)."""
    note = f"first {len(sub)} held-out turns"
    t0 = time.perf_counter()
    det = [GeneratedReply(deterministic_reply(c), False, True) for c in sub]
    rows = [summarize("(d) deterministic reply", det, sub, audit, time.perf_counter() - t0, note)]
    cfg = GenerationConfig(model_path=args.student, **common)
    rows.append(run_writer("(c) student-v1, fp32", cfg, sub, products, audit, 16, 0.0, note))
    cfg = GenerationConfig(
        model_path=args.base,
        adapter_path=args.teacher_adapter,
        max_new_tokens=args.teacher_max_new,
        **common,
    )
    rows.append(
        run_writer(
            "(b) LoRA teacher (SmolLM2-135M + teacher-v2)",
            cfg,
            sub,
            products,
            audit,
            8,
            args.base_time_limit,
            note,
        )
    )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000, help="held-out turns for the fast systems")
    ap.add_argument("--base-n", type=int, default=100, help="turns for the 135M models")
    ap.add_argument("--variants-n", type=int, default=200, help="turns for student bf16/int8")
    ap.add_argument("--base-time-limit", type=float, default=900.0)
    ap.add_argument("--student", default=DEFAULT_STUDENT_DIR)
    ap.add_argument("--base", default=DEFAULT_BASE_DIR)
    ap.add_argument("--teacher-adapter", default="")
    ap.add_argument(
        "--only",
        choices=("all", "fast", "base", "teacher"),
        default="all",
        help="fast: deterministic + student rows; base: the 135M rows; teacher: deterministic, "
        "student and LoRA teacher on the same first --teacher-n turns",
    )
    ap.add_argument("--teacher-n", type=int, default=100)
    ap.add_argument("--teacher-max-new", type=int, default=160, help="SmolLM2 tokens per reply")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reaudit", default="", help="recount unsupported facts in a results file")
    ap.add_argument("--out", default="bench/results/generation_quality.json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.reaudit:
        return reaudit(Path(args.reaudit))
    contexts, _ = held_out_contexts(args.n)
    products = all_products()
    audit = Audit(products)
    rows = []

    common = {"threads": args.threads, "max_batch": 1}
    if args.only in ("all", "fast"):
        t0 = time.perf_counter()
        det = [GeneratedReply(deterministic_reply(c), False, True) for c in contexts]
        rows.append(
            summarize("(c) deterministic reply", det, contexts, audit, time.perf_counter() - t0)
        )
        for name, extra, n in (
            ("(b) fine-tuned student, fp32 (default)", {}, len(contexts)),
            ("student, bf16", {"dtype": "bfloat16"}, args.variants_n),
            ("student, int8 dynamic", {"int8": True}, args.variants_n),
        ):
            cfg = GenerationConfig(model_path=args.student, **common, **extra)  # type: ignore[arg-type]
            note = "" if n == len(contexts) else f"first {n} held-out turns (CPU time)"
            rows.append(run_writer(name, cfg, contexts[:n], products, audit, 16, 0.0, note))
    if args.only in ("all", "base"):
        sub = contexts[: args.base_n]
        cfg = GenerationConfig(
            model_path=args.base, prompt_style="plain", max_new_tokens=96, retries=0, **common
        )  # type: ignore[arg-type]
        rows.append(
            run_writer(
                "(a) base SmolLM2-135M-Instruct, prompt only",
                cfg,
                sub,
                products,
                audit,
                8,
                args.base_time_limit,
                note=f"first {args.base_n} held-out turns (CPU time); no retry",
            )
        )
        if args.teacher_adapter:
            cfg = GenerationConfig(
                model_path=args.base, adapter_path=args.teacher_adapter, max_new_tokens=96, **common
            )  # type: ignore[arg-type]
            rows.append(
                run_writer(
                    "(b') LoRA teacher SmolLM2-135M",
                    cfg,
                    sub,
                    products,
                    audit,
                    8,
                    args.base_time_limit,
                    note=f"first {args.base_n} held-out turns",
                )
            )
    if args.only == "teacher":
        rows += teacher_rows(args, contexts[: args.teacher_n], products, audit, common)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "held_out": len(contexts),
        "catalog": "demo catalog",
        "seed": 10_000,
        "threads": args.threads,
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "torch": torch.__version__,
        "time": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    print("wrote", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
