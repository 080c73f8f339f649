"""FaqRetriever mechanics with the deterministic fake encoder (fast; MiniLM tests are slow)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from recommender.errors import ValidationError
from recommender.faq import FaqConfig, FaqRetriever, RetrievedAnswer, load_knowledge_base


@pytest.fixture
def retriever(small_kb: Path, encoder) -> FaqRetriever:  # type: ignore[no-untyped-def]
    return FaqRetriever(FaqConfig(threshold=0.0)).fit(load_knowledge_base(small_kb), encoder)


def test_answers_with_text_source_and_id(retriever: FaqRetriever) -> None:
    answer = retriever("How much does shipping cost?")
    assert answer.answered
    assert answer.passage_id == answer.best_passage_id == "shipping/cost"
    assert answer.answer is not None and answer.answer.startswith("Standard shipping is free")
    assert answer.source == "https://shop.example/help/shipping#cost"
    assert 0.0 < answer.confidence <= 1.0


def test_alias_questions_are_indexed(retriever: FaqRetriever) -> None:
    assert retriever("how long do i have to return something").passage_id == "returns/policy"


def test_search_ranks_and_scores(retriever: FaqRetriever) -> None:
    hits = retriever.search("are returns free", k=3)
    assert len(hits) == 3
    assert hits[0].passage.id == "returns/are-returns-free"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for h in hits:
        assert 0.0 <= h.score <= 1.0 and 0.0 <= h.lexical <= 1.0
        assert h.confidence == pytest.approx(retriever.calibrate(h.score))
    assert len(retriever.search("are returns free")) == retriever.config.top_k


def test_threshold_abstains_but_reports_confidence(retriever: FaqRetriever) -> None:
    confident = retriever("How much does shipping cost?").confidence
    strict = FaqRetriever(replace(retriever.config, threshold=min(1.0, confident + 1e-3)))
    strict.fit(retriever.passages_, retriever.encoder_)
    answer = strict("How much does shipping cost?")
    assert answer == RetrievedAnswer(
        None, None, answer.confidence, None, "shipping/cost", best_topic="shipping"
    )
    assert not answer.answered
    assert answer.confidence == pytest.approx(confident, abs=1e-4)


@pytest.mark.parametrize("question", ["", "   ", "<b></b>", "\x00\x01"])
def test_empty_questions_abstain(retriever: FaqRetriever, question: str) -> None:
    answer = retriever(question)
    assert not answer.answered and answer.passage_id is None


def test_unrelated_question_has_lower_confidence(retriever: FaqRetriever) -> None:
    related = retriever("shipping cost").confidence
    unrelated = retriever("tell me a joke about penguins").confidence
    assert unrelated < related


def test_batch_equals_single(retriever: FaqRetriever) -> None:
    questions = ["shipping cost", "return policy", "do you ship abroad"]
    assert retriever.answer_many(questions) == [retriever(q) for q in questions]


def test_calibration_is_monotonic(retriever: FaqRetriever) -> None:
    values = [retriever.calibrate(s) for s in np.linspace(0, 1, 11)]
    assert values == sorted(values) and 0 < values[0] < values[-1] < 1


def test_embedding_only_needs_no_spacy(small_kb: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    config = FaqConfig(lexical_weight=0.0, threshold=0.0)
    retriever = FaqRetriever(config).fit(load_knowledge_base(small_kb), encoder)
    assert retriever("return policy").passage_id == "returns/policy"


def test_passage_embeddings_are_cached(small_kb: Path, encoder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    passages = load_knowledge_base(small_kb)
    FaqRetriever().fit(passages, encoder, cache_dir=tmp_path / "cache")
    calls = encoder.calls
    FaqRetriever().fit(passages, encoder, cache_dir=tmp_path / "cache")
    assert encoder.calls == calls
    assert list((tmp_path / "cache").glob("*.npy"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("threshold", 1.5),
        ("top_k", 0),
        ("lexical_weight", -0.1),
        ("question_weight", 2.0),
        ("calibration_slope", 0.0),
        ("max_question_chars", 0),
        ("kb_path", ""),
    ],
)
def test_config_validation(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        FaqConfig(**{field: value})  # type: ignore[arg-type]
    assert info.value.field == f"faq.{field}"
