"""Training and evaluation data for the reply generator.

A training example is a turn (``ReplyContext``) and a reference reply written with slots.
Sources:

* synthetic turns over a catalog (``synth.sample_context`` + ``synth.target_reply``);
* a shop's own transcripts (JSONL, see ``load_transcripts``): real agent replies are turned
  into slot form by replacing the turn's fact values with their slot names, and kept only
  when the filled reply passes the verifier.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recommender.data.catalog import Product
from recommender.models.generation.slots import build_slots
from recommender.models.generation.synth import build_catalog, sample_context, target_reply
from recommender.models.generation.types import ChosenProduct, ProfileFacts, ReplyContext
from recommender.models.generation.verify import ReplyVerifier


@dataclass(frozen=True)
class Example:
    """One turn and its reference reply (with slots)."""

    context: ReplyContext
    target: str


def load_catalog(path: str | Path | None, seed: int = 0) -> list[Product]:
    """Products from a catalog JSONL (one ``Product`` dict a line), else a synthetic catalog."""
    if path and Path(path).is_file():
        products = []
        for line in Path(path).read_text().splitlines():
            if line.strip():
                d = json.loads(line)
                d["tags"] = tuple(d.get("tags", ()))
                products.append(
                    Product(**{k: v for k, v in d.items() if k in Product.__dataclass_fields__})
                )
        return products
    return build_catalog(seed)


def synthetic_examples(
    catalog: Sequence[Product], n: int, seed: int, injection_rate: float = 0.08
) -> list[Example]:
    """``n`` synthetic turns with reference replies."""
    rng = random.Random(seed)
    examples = []
    for _ in range(n):
        ctx = sample_context(rng, catalog, injection_rate)
        slots = build_slots(ctx)
        reasons = [slots.substitute(c.reason) for c in ctx.products]
        examples.append(Example(ctx, target_reply(rng, ctx, reasons)))
    return examples


def context_to_dict(ctx: ReplyContext) -> dict[str, Any]:
    """JSON-ready form of a turn (products by full dict)."""
    p = ctx.profile
    return {
        "user_message": ctx.user_message,
        "profile": {
            "budget": p.budget,
            "brands": list(p.brands),
            "category": p.category,
            "purchased": list(p.purchased),
            "viewed": list(p.viewed),
        },
        "products": [{"product": c.product.to_dict(), "reason": c.reason} for c in ctx.products],
    }


def context_from_dict(d: dict[str, Any], catalog: dict[str, Product] | None = None) -> ReplyContext:
    """Inverse of ``context_to_dict``; products may also be given as ``{"id", "reason"}``."""
    prof = d.get("profile") or {}
    chosen = []
    for item in d.get("products", []):
        if "product" in item:
            pd = dict(item["product"])
            pd["tags"] = tuple(pd.get("tags", ()))
            product = Product(**pd)
        else:
            assert catalog is not None, "products given by id need a catalog"
            product = catalog[item["id"]]
        chosen.append(ChosenProduct(product, item.get("reason", "")))
    return ReplyContext(
        user_message=d.get("user_message", ""),
        profile=ProfileFacts(
            prof.get("budget"),
            tuple(prof.get("brands", ())),
            prof.get("category"),
            tuple(prof.get("purchased", ())),
            tuple(prof.get("viewed", ())),
        ),
        products=tuple(chosen),
    )


def load_transcripts(
    path: str | Path, catalog: Iterable[Product], verifier: ReplyVerifier | None = None
) -> tuple[list[Example], int]:
    """Examples from a shop's real transcripts; returns ``(examples, rejected)``.

    Each JSONL line: ``{"user_message", "profile": {...}, "products": [{"id", "reason"}],
    "reply": "what the agent wrote"}``. The reply is kept only if it verifies against the
    turn's facts, so a model never learns an unsupported claim from a transcript.
    """
    by_id = {p.id: p for p in catalog}
    verifier = verifier or ReplyVerifier()
    examples, rejected = [], 0
    for line in Path(path).read_text().splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        ctx = context_from_dict(d, by_id)
        slots = build_slots(ctx)
        if not verifier(d["reply"], ctx, slots).ok:
            rejected += 1
            continue
        examples.append(Example(ctx, slots.substitute(d["reply"], attributes=True)))
    return examples, rejected


def write_jsonl(examples: Iterable[Example], path: str | Path) -> None:
    """Save examples (context + target) for inspection or reuse."""
    with open(path, "w") as fh:
        for ex in examples:
            fh.write(
                json.dumps({"context": context_to_dict(ex.context), "target": ex.target}) + "\n"
            )
