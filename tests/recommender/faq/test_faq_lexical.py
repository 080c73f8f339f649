"""BM25 index and analyzers of the FAQ retriever."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.faq.lexical import Bm25Index, lemma_analyzer, plain_analyzer

DOCS = [
    "shipping cost free over fifty dollars standard shipping",
    "return policy thirty days refund",
    "payment methods visa paypal",
]


def test_plain_analyzer_drops_stop_words_but_keeps_negations() -> None:
    assert plain_analyzer(["Can I NOT return it, please?"]) == [["not", "return"]]


def test_lemma_analyzer(nlp) -> None:  # type: ignore[no-untyped-def]
    (tokens,) = lemma_analyzer(nlp)(["Returning the shoes I bought"])
    assert tokens == ["return", "shoe", "buy"]


def test_bm25_ranks_the_matching_document_first() -> None:
    index = Bm25Index().fit(plain_analyzer(DOCS))
    scores = index.scores(plain_analyzer(["how much is shipping"])[0])
    assert scores.shape == (3,)
    assert int(np.argmax(scores)) == 0
    assert 0 < scores[0] <= 1 and scores[1] == scores[2] == 0


def test_bm25_unknown_words_lower_the_normalized_score() -> None:
    index = Bm25Index().fit(plain_analyzer(DOCS))
    alone = index.scores(["refund"])[1]
    diluted = index.scores(["refund", "weather", "tomorrow"])[1]
    assert alone > diluted > 0
    assert index.scores([]).tolist() == [0.0, 0.0, 0.0]
    assert index.scores(["weather"]).tolist() == [0.0, 0.0, 0.0]


def test_bm25_rejects_bad_parameters() -> None:
    with pytest.raises(AssertionError):
        Bm25Index(k1=0)
    with pytest.raises(AssertionError):
        Bm25Index().fit([])
