"""Replies side by side for a person to read: deterministic, student and LoRA teacher.

Runs the first ``--n`` requests of a turns file through ``RecommenderService.recommend`` (the
student writer, default config), and writes the same turn's deterministic reply and the
teacher's reply (SmolLM2-135M + ``teacher-v2``, same compose and verification) next to it,
as Markdown.

    nice .venv/bin/python bench/generation_samples.py --n 20 \
        --out bench/results/generation_samples.md
"""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generation_turns import LAST_CONTEXT, TimedWriter

from recommender.config import Config, GenerationConfig
from recommender.models.generation.config import ARTIFACTS_DIR, DEFAULT_BASE_DIR
from recommender.models.generation.pipeline_adapter import PipelineReplyWriter
from recommender.pipeline.reply import template_reply
from recommender.pipeline.schemas import RecommendRequest
from recommender.pipeline.service import RecommenderService


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--turns", default="bench/generation/dev_turns.jsonl")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--teacher-adapter", default=str(ARTIFACTS_DIR / "teacher-v2"))
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    import json

    svc = RecommenderService.open(Config())
    svc.writer = TimedWriter(svc.writer)
    teacher = PipelineReplyWriter.from_config(
        GenerationConfig(
            model_path=DEFAULT_BASE_DIR,
            adapter_path=args.teacher_adapter,
            max_new_tokens=96,
            timeout_ms=60_000,
            max_batch=1,
        ),
        catalog=list(svc.catalog),
    )
    lines = Path(args.turns).read_text(encoding="utf-8").splitlines()[: args.n]
    out = ["| # | message | deterministic | student | teacher |", "|---|---|---|---|---|"]
    for i, line in enumerate(lines, 1):
        message = json.loads(line)["message"]
        resp = svc.recommend(RecommendRequest(user_id=uuid.uuid4().hex, message=message))
        ctx: Any = LAST_CONTEXT[0]
        if ctx is None:
            continue
        t = teacher.write(ctx)
        cells = [
            template_reply(ctx),
            f"{resp['reply']} *({resp['reply_source']})*",
            f"{t.text} *({t.source})*",
        ]
        cells = [c.replace("\n", "<br>").replace("|", "/") for c in cells]
        out.append(f"| {i} | {message} | " + " | ".join(cells) + " |")
        print(out[-1], flush=True)
    text = "\n".join(out) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
