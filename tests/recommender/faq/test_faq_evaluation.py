"""Evaluation helpers and the dev / held-out question sets themselves."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from recommender.faq import Passage, load_knowledge_base
from recommender.faq.config import DEFAULT_KB_PATH
from recommender.faq.evaluation import (
    EVAL_DIR,
    EvalQuestion,
    balanced_weights,
    fit_logistic,
    load_questions,
    metrics,
    outcomes,
)


@pytest.mark.parametrize(
    ("name", "answerable", "unanswerable"), [("heldout", 60, 15), ("dev", 40, 15)]
)
def test_question_sets_are_big_enough_and_valid(
    name: str, answerable: int, unanswerable: int
) -> None:
    passages = load_knowledge_base(DEFAULT_KB_PATH)
    questions = load_questions(EVAL_DIR / f"{name}.yml", passages)  # unknown ids raise
    assert sum(q.answerable for q in questions) >= answerable
    assert sum(not q.answerable for q in questions) >= unanswerable
    assert len({q.text.lower() for q in questions}) == len(questions)


def test_dev_and_heldout_do_not_overlap_nor_copy_the_kb() -> None:
    passages = load_knowledge_base(DEFAULT_KB_PATH)
    dev = {q.text.lower().strip("?") for q in load_questions(EVAL_DIR / "dev.yml")}
    held = {q.text.lower().strip("?") for q in load_questions(EVAL_DIR / "heldout.yml")}
    assert not dev & held
    kb = {t.lower().strip("?") for p in passages for t in (p.title, *p.aliases)}
    assert not held & kb


def test_load_questions_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("answerable:\n  - {q: hi, expect: nope/x}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown passage 'nope/x'"):
        load_questions(bad, [Passage("a/b", "a", "t", "x")])
    bad.write_text("answerable:\n  - {q: hi}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs 'expect'"):
        load_questions(bad)


def test_fit_logistic_recovers_a_known_curve() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, 4000)
    y = rng.uniform(0, 1, 4000) < 1 / (1 + np.exp(-(10 * x - 5)))
    slope, intercept = fit_logistic(x, y, l2=0.0)
    assert slope == pytest.approx(10, rel=0.15)
    assert intercept == pytest.approx(-5, rel=0.15)


def test_fit_logistic_stays_finite_when_separable() -> None:
    slope, intercept = fit_logistic([0.1, 0.2, 0.8, 0.9], [False, False, True, True])
    assert slope > 0 and np.isfinite(intercept)


def test_balanced_weights() -> None:
    qs = [EvalQuestion("a", ("x",))] * 3 + [EvalQuestion("b")]
    w = balanced_weights(qs)
    assert w[:3].sum() == pytest.approx(w[3:].sum())
    assert w.sum() == pytest.approx(len(qs))


def test_metrics_on_a_hand_made_case() -> None:
    passages = [Passage("t/a", "t", "A", "a"), Passage("u/b", "u", "B", "b")]
    questions = [
        EvalQuestion("q1", ("t/a",)),  # right, confident
        EvalQuestion("q2", ("t/a",)),  # wrong passage, confident
        EvalQuestion("q3", ("u/b",)),  # right, unsure
        EvalQuestion("q4"),  # unanswerable, unsure -> abstains
    ]
    fused = np.array([[0.9, 0.1], [0.2, 0.8], [0.1, 0.3], [0.2, 0.1]])
    conf = fused.copy()
    m = metrics(outcomes(questions, passages, fused, conf), 0.5, {p.id: p.topic for p in passages})
    assert m.top1 == pytest.approx(2 / 3)
    assert m.topic_top1 == pytest.approx(2 / 3)
    assert m.coverage == pytest.approx(2 / 3)
    assert m.precision == pytest.approx(1 / 2)
    assert m.answered_correct == pytest.approx(1 / 3)
    assert m.abstention == 1.0
    assert m.decision_accuracy == pytest.approx(2 / 4)
