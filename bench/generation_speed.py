"""Reply-generation speed on this machine's CPU, side by side in one run.

Baseline: SmolLM2-135M-Instruct in fp32 with plain ``model.generate`` on the whole prompt.
Then: no KV cache, prompt-prefix cache, bf16, int8, prompt-lookup decoding, batching, and the
distilled student (slot replies, prefix cache, batched writer). Every single-request row
generates exactly ``--tokens`` new tokens.

    nice .venv/bin/python bench/generation_speed.py --out bench/results/generation_speed.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
from generation_common import held_out_contexts

from recommender.models.generation import GenerationConfig, GenerativeReplyWriter
from recommender.models.generation.config import DEFAULT_BASE_DIR, DEFAULT_STUDENT_DIR
from recommender.models.generation.dataset import synthetic_examples
from recommender.models.generation.generator import Generator, encode
from recommender.models.generation.prompt import build_prompt
from recommender.models.generation.slots import build_slots

ROWS: list[dict[str, Any]] = []


def timed(name: str, fn: Callable[[], Any], reps: int, tokens: int, note: str = "") -> dict:
    fn()  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    row = {
        "variant": name,
        "reps": reps,
        "tokens": tokens,
        "p50_ms": round(1000 * statistics.median(times), 1),
        "p95_ms": round(1000 * p95, 1),
        "ms_per_token": round(1000 * statistics.median(times) / tokens, 2),
        "note": note,
    }
    ROWS.append(row)
    print(json.dumps(row), flush=True)
    return row


def concurrent(
    name: str, call: Callable[[int], Any], clients: int, per_client: int, note: str = ""
) -> dict:
    call(0)  # warm-up
    errors: list[BaseException] = []

    def client(i: int) -> None:
        try:
            for j in range(per_client):
                call(i * per_client + j)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    assert not errors, errors[0]
    row = {
        "variant": name,
        "clients": clients,
        "replies": clients * per_client,
        "seconds": round(seconds, 2),
        "replies_per_s": round(clients * per_client / seconds, 3),
        "note": note,
    }
    ROWS.append(row)
    print(json.dumps(row), flush=True)
    return row


def smollm2_variants(
    args: argparse.Namespace, base: Generator, plain: Any, contexts: list, own: Callable
) -> None:
    """Our decode loop on SmolLM2: prefix cache, bf16, int8, a batch of 8."""
    n_tok = args.tokens
    timed("SmolLM2 fp32 KV + prefix cache", lambda: own(base, plain), args.reps, n_tok)
    for label, kw in (("bf16", {"dtype": "bfloat16"}), ("int8 dynamic", {"int8": True})):
        g = Generator.from_pretrained(args.base, max_new_tokens=n_tok, **kw)
        timed(f"SmolLM2 {label} KV + prefix cache", lambda g=g: own(g, plain), args.reps, n_tok)
    batch8 = [build_prompt(c, base.tokenizer, "plain") for c in contexts[:8]]
    timed(
        "SmolLM2 fp32 batch of 8, prefix cache (per batch)",
        lambda: base.generate(batch8, n_tok, min_new_tokens=n_tok),
        2,
        n_tok,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tokens", type=int, default=40)
    ap.add_argument("--reps", type=int, default=5, help="repetitions for the 135M rows")
    ap.add_argument("--student-reps", type=int, default=40)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--base", default=DEFAULT_BASE_DIR)
    ap.add_argument("--student", default=DEFAULT_STUDENT_DIR)
    ap.add_argument("--skip-slow", action="store_true", help="skip no-cache and lookup rows")
    ap.add_argument(
        "--core",
        action="store_true",
        help="only the baseline, the default student and the two 8-concurrent rows",
    )
    ap.add_argument("--out", default="bench/results/generation_speed.json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    load0 = os.getloadavg()
    contexts, _ = held_out_contexts(64)
    ctx = next(c for c in contexts if len(c.products) == 2)
    n_tok = args.tokens

    # ---------------------------------------------------------------- SmolLM2-135M teacher-size
    base = Generator.from_pretrained(args.base, max_new_tokens=n_tok)
    plain = build_prompt(ctx, base.tokenizer, "plain")
    prompt_len = len(encode(base.tokenizer, plain.text))
    hf = lambda **kw: base.hf_generate(plain, n_tok, min_new_tokens=n_tok, **kw)  # noqa: E731
    timed(
        "SmolLM2 fp32 model.generate (baseline)",
        hf,
        args.reps,
        n_tok,
        f"prompt {prompt_len} tokens",
    )
    if not (args.skip_slow or args.core):
        k = 4
        timed(
            "SmolLM2 fp32 generate, no KV cache",
            lambda: base.hf_generate(plain, k, min_new_tokens=k, use_cache=False),
            2,
            k,
            f"{k} tokens only (slow)",
        )
        timed(
            "SmolLM2 fp32 generate + prompt lookup",
            lambda: base.hf_generate(plain, n_tok, min_new_tokens=n_tok, prompt_lookup_tokens=10),
            args.reps,
            n_tok,
        )
    own = lambda g, p: g.generate([p], n_tok, min_new_tokens=n_tok)  # noqa: E731
    if not args.core:
        smollm2_variants(args, base, plain, contexts, own)

    # throughput under 8 concurrent requests: baseline = 8 threads on plain generate
    prompts8 = [build_prompt(c, base.tokenizer, "plain") for c in contexts[:8]]
    concurrent(
        "baseline: SmolLM2 fp32 model.generate, 8 concurrent",
        lambda i: base.model.generate(
            torch.tensor([encode(base.tokenizer, prompts8[i % 8].text)]),
            max_new_tokens=n_tok,
            min_new_tokens=n_tok,
            do_sample=False,
            pad_token_id=base.pad_id,
        ),
        8,
        1,
    )

    # ---------------------------------------------------------------- student (default)
    st = Generator.from_pretrained(args.student, max_new_tokens=n_tok)
    sp = build_prompt(ctx, st.tokenizer, "slots")
    if not args.core:
        timed(
            "student fp32 model.generate (no prefix cache)",
            lambda: st.hf_generate(sp, n_tok, min_new_tokens=n_tok),
            args.student_reps,
            n_tok,
        )
    timed(
        "student fp32 KV + prefix cache (default)",
        lambda: own(st, sp),
        args.student_reps,
        n_tok,
        f"prompt body {len(encode(st.tokenizer, sp.body))} tokens, prefix cached",
    )
    for label, kw in (("bf16", {"dtype": "bfloat16"}), ("int8 dynamic", {"int8": True})):
        if args.core:
            break
        g = Generator.from_pretrained(args.student, max_new_tokens=n_tok, **kw)
        timed(
            f"student {label} KV + prefix cache", lambda g=g: own(g, sp), args.student_reps, n_tok
        )
    writer = GenerativeReplyWriter.from_config(
        GenerationConfig(
            model_path=args.student, threads=args.threads, max_batch=8, batch_window_ms=4.0
        )
    )
    timed(
        "student writer end to end (generate+fill+verify), 1 request",
        lambda: writer(ctx),
        args.student_reps,
        n_tok,
        "natural length, stops at end of reply",
    )
    concurrent(
        "student writer, 8 concurrent (micro-batched)",
        lambda i: writer(contexts[i % len(contexts)]),
        8,
        8,
    )

    # ---------------------------------------------------------------- short outputs via slots
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(args.base)
    examples = synthetic_examples(held_out_contexts(1)[1], 200, seed=10_001)
    slot_t = [len(encode(tok, e.target)) for e in examples]
    fill_t = [len(encode(tok, build_slots(e.context).fill(e.target)[0])) for e in examples]
    ROWS.append(
        {
            "variant": "reply length, SmolLM2 tokens: with slots vs filled",
            "slots_mean": round(statistics.mean(slot_t), 1),
            "filled_mean": round(statistics.mean(fill_t), 1),
        }
    )
    print(json.dumps(ROWS[-1]))

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "threads": args.threads,
        "cpus": os.cpu_count(),
        "loadavg_start": load0,
        "loadavg_end": os.getloadavg(),
        "torch": torch.__version__,
        "time": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    out.write_text(json.dumps({"meta": meta, "rows": ROWS}, indent=2))
    print("wrote", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
