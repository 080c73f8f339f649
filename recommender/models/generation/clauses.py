"""A reply split into sentences and clauses, with product titles never split.

Titles such as "Mr. Coffee Simple Brew" or "Series 9: GPS" contain sentence and clause marks;
they are masked while splitting and restored after.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from recommender.models.generation.types import ReplyContext

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_CLAUSES = re.compile(r"(?:,\s+(?=and\b|but\b|which\b|so\b)|;\s+|:\s+|\s+-\s+)")


def titles_of(ctx: ReplyContext) -> list[str]:
    """This turn's product titles and "more like this" anchor, longest first."""
    found = [c.product.title for c in ctx.products] + ([ctx.similar_to] if ctx.similar_to else [])
    return sorted(found, key=len, reverse=True)


def pieces(text: str, titles: Sequence[str] = ()) -> list[list[str]]:
    """Sentences, each as its clauses (separators kept at the clause ends)."""
    marks = {f"\u0001{i}\u0001": t for i, t in enumerate(titles)}
    for mark, title in marks.items():
        text = re.sub(re.escape(title), mark, text, flags=re.I)
    out = []
    for sentence in _SENTENCES.split(text.strip()):
        if not sentence:
            continue
        parts, last = [], 0
        for m in _CLAUSES.finditer(sentence):
            parts.append(sentence[last : m.end()])
            last = m.end()
        parts.append(sentence[last:])
        out.append([_restore(p, marks) for p in parts if p.strip()])
    return out


def sentences(text: str, ctx: ReplyContext) -> list[str]:
    """The sentences of ``text`` (titles kept whole)."""
    return ["".join(clauses).strip() for clauses in pieces(text, titles_of(ctx))]


def end(text: str) -> str:
    """``text`` ending in one sentence mark (a dangling separator removed)."""
    text = text.rstrip().rstrip(",;:-").rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _restore(text: str, marks: dict[str, str]) -> str:
    for mark, title in marks.items():
        text = text.replace(mark, title)
    return text
