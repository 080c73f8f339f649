"""Check a knowledge base and try questions against it: ``python -m recommender.faq check|ask``.

python -m recommender.faq check [KB_PATH]        # load and validate, list passages per topic
python -m recommender.faq ask "are returns free?" [--kb KB_PATH] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from recommender.faq.config import FaqConfig
from recommender.faq.knowledge_base import KnowledgeBaseError, load_knowledge_base


def _check(path: str) -> int:
    try:
        passages = load_knowledge_base(path)
    except KnowledgeBaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for topic, n in sorted(Counter(p.topic for p in passages).items()):
        print(f"{topic:20s} {n:3d} passages")
    print(f"ok: {len(passages)} passages in {path}")
    return 0


def _ask(path: str, questions: Sequence[str], threshold: float | None) -> int:
    from recommender.config import EmbeddingConfig
    from recommender.faq.retriever import FaqRetriever
    from recommender.models.embeddings import TextEncoder

    config = replace(FaqConfig(), kb_path=path)
    if threshold is not None:
        config = replace(config, threshold=threshold)
    retriever = FaqRetriever(config).fit(load_knowledge_base(path), TextEncoder(EmbeddingConfig()))
    for question in questions:
        answer = retriever(question)
        verdict = "ANSWER" if answer.answered else "DON'T KNOW"
        print(f"\n{question!r}: {verdict} (confidence {answer.confidence:.2f})")
        for hit in retriever.search(question):
            print(
                f"  {hit.confidence:.2f}  {hit.passage.id:36s} score {hit.score:.3f} "
                f"(dense {hit.dense:.3f}, lexical {hit.lexical:.3f})"
            )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run ``check`` or ``ask``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m recommender.faq", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="load and validate a knowledge base")
    check.add_argument("kb", nargs="?", default=FaqConfig().kb_path)
    ask = sub.add_parser("ask", help="answer questions and show the best passages")
    ask.add_argument("questions", nargs="+")
    ask.add_argument("--kb", default=FaqConfig().kb_path)
    ask.add_argument("--threshold", type=float)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.command == "check":
        return _check(args.kb)
    return _ask(args.kb, args.questions, args.threshold)


if __name__ == "__main__":
    sys.exit(main())
