"""The shipped default generator (student-v1) on real demo-catalog turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.config import PACKAGE_DIR
from recommender.models.generation import GenerationConfig, GenerativeReplyWriter
from recommender.models.generation.config import DEFAULT_STUDENT_DIR
from recommender.models.generation.dataset import load_catalog, synthetic_examples

DEMO = PACKAGE_DIR / "data" / "demo" / "catalog.jsonl"


@pytest.mark.slow
def test_default_model_replies_name_exactly_the_chosen_products() -> None:
    if not Path(DEFAULT_STUDENT_DIR, "config.json").is_file() or not DEMO.is_file():
        pytest.skip("student artefact or demo catalog missing")
    catalog = load_catalog(DEMO)
    writer = GenerativeReplyWriter.from_config(GenerationConfig(max_batch=1), catalog=catalog)
    contexts = [e.context for e in synthetic_examples(catalog, 24, seed=777)]
    replies = writer.write_many(contexts)
    titles = {p.title for p in catalog}
    for ctx, reply in zip(contexts, replies, strict=True):
        chosen = {c.product.title for c in ctx.products}
        named = {t for t in titles if t in reply.text}
        history = set(ctx.profile.purchased) | set(ctx.profile.viewed)
        assert (
            chosen
            <= named
            <= chosen | history | {t for t in titles if any(t in c for c in chosen | history)}
        ), reply.text
        assert reply.product_ids == tuple(c.product.id for c in ctx.products)
    generated = sum(r.verified for r in replies)
    assert generated >= len(replies) // 2, [r.problems for r in replies]


TEACHER = Path(DEFAULT_STUDENT_DIR).parent / "teacher-v2"


@pytest.mark.slow
def test_teacher_adapter_changes_only_its_layers() -> None:
    """The shipped LoRA adapter merges into the top layers of the prepared SmolLM2 only."""
    from recommender.models.generation.config import DEFAULT_BASE_DIR
    from recommender.models.generation.generator import load_model

    if not Path(DEFAULT_BASE_DIR, "config.json").is_file() or not TEACHER.is_dir():
        pytest.skip("prepared SmolLM2 (prepare-models) or teacher adapter missing")
    base, _ = load_model(DEFAULT_BASE_DIR)
    tuned, _ = load_model(DEFAULT_BASE_DIR, adapter_path=str(TEACHER))
    layers = base.config.num_hidden_layers
    changed = [
        i
        for i in range(layers)
        if not (
            base.model.layers[i].self_attn.q_proj.weight
            == tuned.model.layers[i].self_attn.q_proj.weight
        ).all()
    ]
    assert changed == list(range(layers - 6, layers))
