"""Training data: synthetic turns and shop transcripts."""

from __future__ import annotations

import json
from pathlib import Path

from recommender.data.catalog import Product
from recommender.models.generation.dataset import (
    context_from_dict,
    context_to_dict,
    load_transcripts,
    synthetic_examples,
)
from recommender.models.generation.slots import build_slots
from recommender.models.generation.verify import FactVocabulary, ReplyVerifier


def test_synthetic_targets_verify_once_filled(synth_catalog: list[Product]) -> None:
    verifier = ReplyVerifier(FactVocabulary.from_products(synth_catalog))
    for ex in synthetic_examples(synth_catalog, 80, seed=2):
        slots = build_slots(ex.context)
        text, unknown = slots.fill(ex.target)
        assert not unknown, ex.target
        assert verifier(text, ex.context, slots).ok, (text, verifier(text, ex.context, slots))


def test_context_round_trip(synth_catalog: list[Product]) -> None:
    ex = synthetic_examples(synth_catalog, 1, seed=4)[0]
    assert context_from_dict(json.loads(json.dumps(context_to_dict(ex.context)))) == ex.context


def test_transcripts_keep_only_grounded_replies(
    tmp_path: Path, synth_catalog: list[Product]
) -> None:
    p = synth_catalog[0]
    turn = {
        "user_message": "something nice?",
        "profile": {"budget": 1000.0},
        "products": [{"id": p.id, "reason": "popular"}],
    }
    good = dict(turn, reply=f"Try the {p.title} at ${p.price:.2f}.")
    bad = dict(turn, reply=f"Try the {p.title} at $1.00 with code FREE.")
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    examples, rejected = load_transcripts(path, synth_catalog)
    assert rejected == 1 and len(examples) == 1
    assert examples[0].target == "Try the [P1] at [P1_PRICE]."
