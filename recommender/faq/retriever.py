"""FAQ retrieval: the knowledge-base passage that answers a question, or "don't know".

Each passage is embedded several times: its question-like title, each alias question, and
title plus answer. A question's embedding score for a passage mixes its best cosine with the
title/alias questions and its cosine with the answer text; a BM25 score over the passage's
words (spaCy lemmas) is fused in, and the fused score of the best passage is mapped to a
calibrated confidence (weights and calibration: :class:`FaqConfig`). Below ``FaqConfig.threshold`` the retriever
abstains: the answer is ``None`` so the bot can offer a person.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from genrec_core.pleasantries import strip_pleasantries
from recommender.faq.config import FaqConfig
from recommender.faq.knowledge_base import Passage
from recommender.faq.lexical import Analyzer, Bm25Index, lemma_analyzer, plain_analyzer
from recommender.pipeline.text import load_spacy, normalize_text

logger = logging.getLogger(__name__)


def passage_document(passage: Passage) -> str:
    """The words BM25 indexes for a passage: file title, heading, aliases and answer."""
    return " ".join((passage.document, passage.title, *passage.aliases, passage.text))


class Encoder(Protocol):
    """Anything that embeds texts as L2-normalized rows (``recommender.models.TextEncoder``)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors."""
        ...


@dataclass(frozen=True)
class ScoreComponents:
    """Raw per-passage scores for a batch of questions, each (n_questions, n_passages).

    Attributes:
        question: best cosine with the passage's title or one of its alias questions.
        text: cosine with the passage's title plus answer text.
        lexical: normalized BM25 over the passage's words, in [0, 1].
    """

    question: np.ndarray
    text: np.ndarray
    lexical: np.ndarray

    def dense(self, question_weight: float) -> np.ndarray:
        """Embedding score: weighted mean of the question-match and text-match cosines."""
        return question_weight * self.question + (1.0 - question_weight) * self.text


def fuse_scores(
    scores: ScoreComponents, question_weight: float, lexical_weight: float
) -> np.ndarray:
    """Fused score in [0, 1]: weighted mean of the (clipped) embedding score and BM25."""
    dense = np.clip(scores.dense(question_weight), 0.0, 1.0)
    return (1.0 - lexical_weight) * dense + lexical_weight * scores.lexical


@dataclass(frozen=True)
class FaqHit:
    """One ranked passage with its scores (in [0, 1] except ``dense``, a mean of cosines)."""

    passage: Passage
    score: float
    dense: float
    lexical: float
    confidence: float


@dataclass(frozen=True)
class RetrievedAnswer:
    """The retriever's reply to one question.

    Attributes:
        answer: the passage text, or ``None`` when not confident enough ("don't know").
        source: where the answer comes from (URL or ``document › title``), ``None`` if no answer.
        confidence: calibrated probability that the best passage answers the question, also
            when the retriever abstains.
        passage_id: id of the answer passage, ``None`` if no answer.
        best_passage_id: id of the best-scoring passage even when abstaining (for logs/review).
        best_topic: topic of that passage, also when abstaining: the action server checks it
            against the NLU's help topic (two readers that agree on a topic are trusted).
    """

    answer: str | None
    source: str | None
    confidence: float
    passage_id: str | None
    best_passage_id: str | None = None
    best_topic: str | None = None

    @property
    def answered(self) -> bool:
        """Whether the retriever is confident enough to answer."""
        return self.answer is not None


class FaqRetriever:
    """Answers shop questions from knowledge-base passages; ``fit`` then ``__call__``."""

    def __init__(self, config: FaqConfig | None = None) -> None:
        self.config = config or FaqConfig()

    def fit(
        self,
        passages: Sequence[Passage],
        encoder: Encoder,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> FaqRetriever:
        """Index ``passages``: embed their titles, aliases and texts, build the BM25 index.

        Args:
            passages: from :func:`~recommender.faq.knowledge_base.load_knowledge_base`.
            encoder: embeds texts as unit rows, e.g. ``recommender.models.embeddings.TextEncoder``.
            cache_dir: reuse passage embeddings from this directory (needs an encoder with
                a ``fingerprint`` or ``name``); ``None`` always encodes.
        """
        assert passages, "FaqRetriever.fit needs at least one passage"
        self.passages_ = list(passages)
        self.encoder_ = encoder
        self.analyzer_ = self._analyzer()
        units: list[str] = []
        owners: list[int] = []
        is_question: list[bool] = []
        for i, p in enumerate(self.passages_):
            for text in (p.title, *p.aliases):
                units.append(self.clean(text, whole=True))
                owners.append(i)
                is_question.append(True)
            units.append(self.clean(f"{p.title} {p.text}", whole=True))
            owners.append(i)
            is_question.append(False)
        if cache_dir is not None:
            from recommender.models.embeddings import cached_encode

            vectors = cached_encode(encoder, units, cache_dir)
        else:
            vectors = np.asarray(encoder.encode(units), dtype=np.float32)
        assert vectors.shape[0] == len(units), "encoder returned a wrong number of rows"
        self.unit_vectors_ = vectors  # (n_units, dim)
        self.unit_owner_ = np.asarray(owners, dtype=np.int64)  # (n_units,) passage index
        self.unit_is_question_ = np.asarray(is_question, dtype=bool)  # title/alias vs text
        # units are grouped by passage: its question units, then its one text unit
        self._question_units = np.flatnonzero(self.unit_is_question_)
        self._question_starts = np.searchsorted(
            self.unit_owner_[self._question_units], np.arange(len(self.passages_))
        )
        self._text_units = np.flatnonzero(~self.unit_is_question_)
        docs = [self.clean(passage_document(p), whole=True) for p in self.passages_]
        self.bm25_ = Bm25Index().fit(self.analyzer_(docs))
        logger.info(
            "FAQ index: %d passages, %d embedded texts, lexical weight %.2f",
            len(self.passages_),
            len(units),
            self.config.lexical_weight,
        )
        return self

    def _analyzer(self) -> Analyzer:
        if self.config.lexical_weight == 0 or not self.config.lemmatize:
            return plain_analyzer
        return lemma_analyzer(load_spacy(self.config.spacy_model))

    def clean(self, text: str, *, whole: bool = False) -> str:
        """Text as the retriever sees it (``normalize_text``: NFKC, no HTML, one-space).

        Questions are cut at four times ``max_question_chars`` and lose the greetings and
        polite wrappers they open with ("Good morning, can you tell me if ..."); ``whole=True``
        (passages) keeps everything.
        """
        limit = max(len(text), 1) if whole else self.config.max_question_chars * 4
        cleaned = normalize_text(text, max_chars=limit).text
        return cleaned if whole else strip_pleasantries(cleaned)

    def calibrate(self, score: float) -> float:
        """Confidence for a fused score (logistic calibration from the config)."""
        z = self.config.calibration_slope * score + self.config.calibration_intercept
        return 1.0 / (1.0 + math.exp(-z))

    def score_components(self, questions: Sequence[str]) -> ScoreComponents:
        """Every passage's raw scores for each question, each of shape (n_q, n_passages).

        Empty questions score 0 everywhere.
        """
        clean = [self.clean(q) for q in questions]
        shape = (len(clean), len(self.passages_))
        out = ScoreComponents(np.zeros(shape), np.zeros(shape), np.zeros(shape))
        keep = [i for i, q in enumerate(clean) if q]
        if not keep:
            return out
        q_vectors = np.asarray(self.encoder_.encode([clean[i] for i in keep]), dtype=np.float32)
        sims = q_vectors @ self.unit_vectors_.T  # (n_keep, n_units)
        q_sims = sims[:, self._question_units]
        out.question[keep] = np.maximum.reduceat(q_sims, self._question_starts, axis=1)
        out.text[keep] = sims[:, self._text_units]
        for row, tokens in zip(keep, self.analyzer_([clean[i] for i in keep]), strict=True):
            out.lexical[row] = self.bm25_.scores(tokens)
        return out

    def fuse(self, scores: ScoreComponents) -> np.ndarray:
        """Fused score in [0, 1] of every passage, shape (n_q, n_passages)."""
        qw, lw = self.config.question_weight, self.config.lexical_weight
        return fuse_scores(scores, qw, lw)

    def search_many(self, questions: Sequence[str], k: int | None = None) -> list[list[FaqHit]]:
        """The ``k`` (default ``config.top_k``) best passages for each question, best first."""
        k = k or self.config.top_k
        scores = self.score_components(questions)
        dense = scores.dense(self.config.question_weight)
        fused = self.fuse(scores)
        out = []
        for i in range(len(questions)):
            order = np.argsort(-fused[i], kind="stable")[:k]
            out.append(
                [
                    FaqHit(
                        passage=self.passages_[j],
                        score=float(fused[i, j]),
                        dense=float(dense[i, j]),
                        lexical=float(scores.lexical[i, j]),
                        confidence=self.calibrate(float(fused[i, j])),
                    )
                    for j in order
                ]
            )
        return out

    def search(self, question: str, k: int | None = None) -> list[FaqHit]:
        """The ``k`` best passages for one question, best first."""
        return self.search_many([question], k)[0]

    def answer_many(self, questions: Sequence[str]) -> list[RetrievedAnswer]:
        """:meth:`__call__` for a batch of questions (one encoder call)."""
        return [self._answer(hits[0]) for hits in self.search_many(questions, k=1)]

    def __call__(self, question: str) -> RetrievedAnswer:
        """Answer one question, or abstain (``answer is None``) below the threshold."""
        return self.answer_many([question])[0]

    def _answer(self, hit: FaqHit) -> RetrievedAnswer:
        confidence = round(hit.confidence, 4)
        if hit.score <= 0 or hit.confidence < self.config.threshold:
            return RetrievedAnswer(
                None,
                None,
                confidence,
                None,
                best_passage_id=hit.passage.id,
                best_topic=hit.passage.topic,
            )
        p = hit.passage
        return RetrievedAnswer(
            p.text, p.citation(), confidence, p.id, best_passage_id=p.id, best_topic=p.topic
        )
