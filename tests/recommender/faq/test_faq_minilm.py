"""The demo knowledge base with the real MiniLM: known questions, paraphrases, abstention."""

from __future__ import annotations

import pytest

from recommender.faq import FaqRetriever
from recommender.faq.evaluation import EVAL_DIR, load_questions

pytestmark = pytest.mark.slow


def test_every_passage_title_finds_its_passage(minilm_retriever: FaqRetriever) -> None:
    passages = minilm_retriever.passages_
    answers = minilm_retriever.answer_many([p.title for p in passages])
    for p, a in zip(passages, answers, strict=True):
        assert a.passage_id == p.id, p.title
        assert a.source == p.source


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how much do you charge for delivery?", "shipping/cost"),
        ("Can I send back shoes I don't like?", "returns/policy"),
        ("do u take paypal", "payment/methods"),
        ("I ordered last week, where is my order now?", "orders/tracking"),
        (
            "my headphones broke after 3 months",
            ("warranty/claim", "warranty/after-return-window"),
        ),
        ("what is a 42 EU in US men's sizes", "sizes/shoe-chart"),
        ("erase all the data you have on me", "privacy/delete-data"),
        ("can I speak with someone from your team", "contact/human-agent"),
    ],
)
def test_paraphrases_are_answered(
    minilm_retriever: FaqRetriever, question: str, expected: str | tuple[str, ...]
) -> None:
    answer = minilm_retriever(question)
    assert answer.answered, (question, answer)
    assert answer.passage_id in ((expected,) if isinstance(expected, str) else expected)


@pytest.mark.parametrize(
    "question",
    [
        "what's the weather like tomorrow",
        "tell me a joke",
        "who is the president of France",
        "how do I bake sourdough bread",
        "what is 12 plus 30",
    ],
)
def test_out_of_domain_questions_get_dont_know(
    minilm_retriever: FaqRetriever, question: str
) -> None:
    answer = minilm_retriever(question)
    assert not answer.answered
    assert answer.answer is None and answer.source is None
    assert answer.confidence < minilm_retriever.config.threshold


def test_heldout_accuracy_does_not_regress(minilm_retriever: FaqRetriever) -> None:
    """Floors a few points under the numbers in docs/BENCHMARKS.md."""
    questions = load_questions(EVAL_DIR / "heldout.yml", minilm_retriever.passages_)
    answers = minilm_retriever.answer_many([q.text for q in questions])
    ans = [(q, a) for q, a in zip(questions, answers, strict=True) if q.answerable]
    una = [a for q, a in zip(questions, answers, strict=True) if not q.answerable]
    top1 = sum(a.best_passage_id in q.expected for q, a in ans) / len(ans)
    answered = [(q, a) for q, a in ans if a.answered]
    precision = sum(a.passage_id in q.expected for q, a in answered) / len(answered)
    abstention = sum(not a.answered for a in una) / len(una)
    assert top1 >= TOP1_FLOOR
    assert precision >= PRECISION_FLOOR
    assert abstention >= ABSTENTION_FLOOR


TOP1_FLOOR = 0.80
PRECISION_FLOOR = 0.85
ABSTENTION_FLOOR = 0.80
