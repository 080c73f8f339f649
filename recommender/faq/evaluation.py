"""Evaluation of FAQ answers: labelled question sets, metrics, calibration and threshold fitting.

Question sets live in ``recommender/faq/eval/``: ``dev.yml`` is the only one used for tuning
(fusion weight, calibration, threshold); ``heldout.yml`` is only reported.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from recommender.faq.knowledge_base import Passage

EVAL_DIR = Path(__file__).resolve().parent / "eval"


@dataclass(frozen=True)
class EvalQuestion:
    """A question and the passage ids that answer it (empty: the KB cannot answer it)."""

    text: str
    expected: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        """Whether some passage answers it."""
        return bool(self.expected)


def load_questions(
    path: str | Path, passages: Sequence[Passage] | None = None
) -> list[EvalQuestion]:
    """Read an eval set (``answerable: [{q, expect}]``, ``unanswerable: [str]``).

    Args:
        path: YAML file.
        passages: when given, every expected id must exist among them.

    Raises:
        ValueError: malformed file or an expected id that is not in ``passages``.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    known = {p.id for p in passages} if passages is not None else None
    out: list[EvalQuestion] = []
    for i, item in enumerate(data.get("answerable") or []):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise ValueError(f"{path}: answerable[{i}] needs a string 'q'")
        expect = item.get("expect")
        ids = (expect,) if isinstance(expect, str) else tuple(expect or ())
        if not ids:
            raise ValueError(f"{path}: answerable[{i}] needs 'expect'")
        if known is not None and (missing := [x for x in ids if x not in known]):
            raise ValueError(f"{path}: answerable[{i}] expects unknown passage {missing[0]!r}")
        out.append(EvalQuestion(item["q"], ids))
    for i, q in enumerate(data.get("unanswerable") or []):
        if not isinstance(q, str):
            raise ValueError(f"{path}: unanswerable[{i}] must be a string")
        out.append(EvalQuestion(q))
    return out


@dataclass(frozen=True)
class Outcome:
    """Top-1 result for one question: best passage, its fused score and confidence."""

    question: EvalQuestion
    best_id: str
    best_topic: str
    score: float
    confidence: float
    in_top_k: bool

    @property
    def correct(self) -> bool:
        """The best passage is one of the expected ones (always False if unanswerable)."""
        return self.best_id in self.question.expected


def outcomes(
    questions: Sequence[EvalQuestion],
    passages: Sequence[Passage],
    fused: np.ndarray,
    confidence: np.ndarray,
    k: int = 3,
) -> list[Outcome]:
    """Top-1 outcomes from a fused score matrix (n_questions, n_passages)."""
    out = []
    for i, q in enumerate(questions):
        order = np.argsort(-fused[i], kind="stable")
        best = passages[int(order[0])]
        top = {passages[int(j)].id for j in order[:k]}
        out.append(
            Outcome(
                question=q,
                best_id=best.id,
                best_topic=best.topic,
                score=float(fused[i, order[0]]),
                confidence=float(confidence[i, order[0]]),
                in_top_k=bool(top & set(q.expected)),
            )
        )
    return out


@dataclass(frozen=True)
class Metrics:
    """Answer quality of one question set at one threshold (fractions in [0, 1])."""

    n_answerable: int
    n_unanswerable: int
    top1: float  # answerable: best passage is an expected one
    topic_top1: float  # answerable: best passage has the expected topic
    top_k: float  # answerable: an expected passage among the k best
    coverage: float  # answerable: share answered at the threshold
    precision: float  # answered answerable questions that are correct
    answered_correct: float  # answerable: answered and correct (= coverage * precision)
    abstention: float  # unanswerable: share correctly abstained
    decision_accuracy: float  # all: correct answer, or abstention on an unanswerable one
    balanced_accuracy: float  # mean of answered_correct and abstention
    mean_confidence_answered: float  # all answered questions
    precision_all_answered: float  # all answered questions, unanswerable ones count as wrong
    brier: float  # all: mean (confidence - correct)^2


def _frac(num: int, den: int) -> float:
    return num / den if den else float("nan")


def metrics(results: Sequence[Outcome], threshold: float, topics: dict[str, str]) -> Metrics:
    """Metrics at ``threshold`` (answer when confidence >= threshold).

    Args:
        results: from :func:`outcomes`.
        threshold: calibrated-confidence threshold.
        topics: passage id -> topic, to score topic accuracy.
    """
    ans = [r for r in results if r.question.answerable]
    una = [r for r in results if not r.question.answerable]
    answered = [r for r in ans if r.confidence >= threshold]
    answered_all = [r for r in results if r.confidence >= threshold]
    correct_answered = sum(r.correct for r in answered)
    abstained = sum(r.confidence < threshold for r in una)
    return Metrics(
        n_answerable=len(ans),
        n_unanswerable=len(una),
        top1=_frac(sum(r.correct for r in ans), len(ans)),
        topic_top1=_frac(
            sum(r.best_topic in {topics[x] for x in r.question.expected} for r in ans), len(ans)
        ),
        top_k=_frac(sum(r.in_top_k for r in ans), len(ans)),
        coverage=_frac(len(answered), len(ans)),
        precision=_frac(correct_answered, len(answered)),
        answered_correct=_frac(correct_answered, len(ans)),
        abstention=_frac(abstained, len(una)),
        decision_accuracy=_frac(correct_answered + abstained, len(results)),
        balanced_accuracy=(_frac(correct_answered, len(ans)) + _frac(abstained, len(una))) / 2,
        mean_confidence_answered=(
            float(np.mean([r.confidence for r in answered_all])) if answered_all else float("nan")
        ),
        precision_all_answered=_frac(sum(r.correct for r in answered_all), len(answered_all)),
        brier=float(np.mean([(r.confidence - r.correct) ** 2 for r in results])),
    )


def balanced_weights(
    questions: Sequence[EvalQuestion], answerable_share: float = 0.5
) -> np.ndarray:
    """Sample weights giving answerable questions ``answerable_share`` of the total weight.

    Eval sets hold far more answerable than unanswerable questions; real fallback traffic to
    ``/faq`` (low-confidence or out-of-scope messages) holds many more unanswerable ones.
    Weighting to an assumed share keeps the calibrated confidence from being optimistic.
    """
    ans = np.array([q.answerable for q in questions])
    assert ans.any() and not ans.all(), "need answerable and unanswerable questions"
    assert 0 < answerable_share < 1, "answerable_share must be in (0, 1)"
    w = np.where(ans, answerable_share / ans.sum(), (1 - answerable_share) / (~ans).sum())
    return w * len(questions)


def fit_logistic(
    scores: Sequence[float] | np.ndarray,
    labels: Sequence[bool] | np.ndarray,
    weights: Sequence[float] | np.ndarray | None = None,
    l2: float = 1e-3,
) -> tuple[float, float]:
    """Platt scaling: ``(slope, intercept)`` of ``P(correct) = sigmoid(slope * score + intercept)``.

    Newton's method on the (weighted) log-loss with a small L2 penalty on the slope so that
    perfectly separable data still gives finite values.
    """
    x = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    sw = np.ones_like(x) if weights is None else np.asarray(weights, dtype=np.float64)
    assert x.shape == y.shape == sw.shape and x.size >= 2, "need scores, labels, weights alike"
    assert 0 < y.sum() < y.size, "need both correct and incorrect examples"
    w = np.zeros(2)
    design = np.stack([x, np.ones_like(x)], axis=1)
    reg = np.diag([l2 * sw.sum(), 0.0])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(design @ w)))
        grad = design.T @ (sw * (p - y)) + reg @ w
        hess = design.T @ (design * (sw * p * (1 - p))[:, None]) + reg + 1e-9 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    slope, intercept = float(w[0]), float(w[1])
    assert math.isfinite(slope) and math.isfinite(intercept), "calibration diverged"
    return slope, intercept
