"""Fixtures for the generation tests: a tiny catalog, turns, and a tiny random Llama model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from recommender.data.catalog import Product
from recommender.models.generation.dataset import synthetic_examples
from recommender.models.generation.synth import build_catalog
from recommender.models.generation.types import ChosenProduct, ProfileFacts, ReplyContext


@pytest.fixture(scope="session")
def synth_catalog() -> list[Product]:
    return build_catalog(seed=3, per_category=6)


@pytest.fixture()
def headphones() -> tuple[Product, Product]:
    a = Product(
        id="hp-1",
        title="Sony WH-1000XM5",
        brand="Sony",
        category="headphones",
        price=129.0,
        attributes={"color": "black", "battery": "30 h"},
        url="https://shop.example/p/hp-1",
        description="Great noise cancelling.",
    )
    b = Product(
        id="hp-2",
        title="Bose QuietComfort 45",
        brand="Bose",
        category="headphones",
        price=99.5,
        attributes={"color": "white"},
    )
    return a, b


@pytest.fixture()
def ctx(headphones: tuple[Product, Product]) -> ReplyContext:
    a, b = headphones
    return ReplyContext(
        user_message="I need headphones under $150, I like Sony.",
        profile=ProfileFacts(
            budget=150.0,
            brands=("Sony",),
            category="headphones",
            purchased=("Garmin Forerunner 265",),
            viewed=("JBL Live 660",),
        ),
        products=(
            ChosenProduct(a, "from Sony, a brand you like"),
            ChosenProduct(b, "within your $150.00 budget"),
        ),
    )


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, synth_catalog: list[Product]) -> Path:
    """A random 2-layer Llama with a tiny domain tokenizer, saved as a from_pretrained folder."""
    import torch
    from transformers import LlamaForCausalLM

    from recommender.models.generation.prompt import user_content
    from recommender.models.generation.student import student_config, train_tokenizer

    examples = synthetic_examples(synth_catalog, 60, seed=1)
    texts = [user_content(e.context, "slots") for e in examples] + [e.target for e in examples]
    tokenizer = train_tokenizer(texts, vocab_size=400)
    torch.manual_seed(0)
    cfg = student_config(
        len(tokenizer),
        hidden=32,
        layers=2,
        heads=2,
        kv_heads=1,
        intermediate=64,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
    )
    model = LlamaForCausalLM(cfg)
    out = tmp_path_factory.mktemp("tiny-llm")
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture()
def rng() -> random.Random:
    return random.Random(0)
