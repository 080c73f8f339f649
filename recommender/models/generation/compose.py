"""From the model's filled text to the reply: keep what verifies, add the plan, say it once.

1. ``prune``: clauses of the generated text with a verification problem (an unfilled or
   unknown slot, a fact not in this turn, a claim the shopper never made) are dropped,
   instead of losing the whole reply for one bad clause.
2. ``compose``: the relaxation notice / "more like this" opening, the kept model text, a
   sentence for every product it does not name, the stated needs and a comparison
   (``plan.py``).
3. ``dedupe``: no clause twice, and the budget stated once.

The composed text is then verified as a whole by the writer, like any generated text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from recommender.models.generation.plan import (
    Phrases,
    comparison_sentence,
    need_sentences,
    opening,
    product_sentence,
)
from recommender.models.generation.slots import SlotTable
from recommender.models.generation.types import ReplyContext
from recommender.models.generation.verify import ReplyVerifier

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_CLAUSES = re.compile(r"(?:,\s+(?=and\b|but\b|which\b|so\b)|;\s+|:\s+|\s+-\s+)")
_WHOLE_TEXT = ("not named", "empty reply")
MIN_CLAUSE_WORDS = 3
#: verifier problems that reject a whole generation instead of one clause
UNSAFE = ("link", "e-mail", "phone number", "discount/code talk", "out-of-scope talk", "price ")
_MONEY = re.compile(r"[$€£]\s?[\d,]+(?:\.\d+)?")


def _pieces(text: str, titles: Sequence[str] = ()) -> list[list[str]]:
    """Sentences, each as its clauses (separators kept at the clause ends); a product title
    is never split ("Mr. Coffee ...", "Series 9: GPS")."""
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


def _restore(text: str, marks: dict[str, str]) -> str:
    for mark, title in marks.items():
        text = text.replace(mark, title)
    return text


def _titles(ctx: ReplyContext) -> list[str]:
    found = [c.product.title for c in ctx.products] + ([ctx.similar_to] if ctx.similar_to else [])
    return sorted(found, key=len, reverse=True)


def _end(text: str) -> str:
    text = text.rstrip().rstrip(",;:-").rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def prune(
    text: str, ctx: ReplyContext, slots: SlotTable, verifier: ReplyVerifier
) -> tuple[str, tuple[str, ...]]:
    """The generated text without the clauses that fail verification on their own, and the
    safety problems found (links, contact data, codes, out-of-scope talk, wrong prices).

    A sentence whose first clause fails is dropped; so is an unfinished last clause (the
    model ran out of tokens) and a fragment of fewer than three words. Safety problems are
    not pruned away: the caller rejects the whole generation (an obedient model's other
    sentences are not trusted either).
    """
    kept_sentences: list[str] = []
    unsafe: list[str] = []
    pieces = _pieces(text, _titles(ctx))
    if pieces and not text.rstrip().endswith((".", "!", "?")):
        pieces[-1] = pieces[-1][:-1]  # unfinished: keep only its complete clauses
    for clauses in pieces:
        kept = []
        for i, clause in enumerate(clauses):
            problems = [
                p
                for p in verifier(clause, ctx, slots).problems
                if not any(w in p for w in _WHOLE_TEXT)
            ]
            unsafe += [p for p in problems if p.startswith(UNSAFE)]
            if problems or len(re.findall(r"\w+", clause)) < MIN_CLAUSE_WORDS:
                if i == 0:
                    break  # the sentence's subject is gone: drop the sentence
                continue
            kept.append(clause)
        if kept:
            kept_sentences.append(_end("".join(kept)))
    return " ".join(kept_sentences), tuple(unsafe)


def _norm(clause: str, titles: list[str]) -> str:
    low = clause.lower()
    for t in titles:
        low = low.replace(t, " p ")
    low = _MONEY.sub("$", low)
    low = re.sub(r"\d+", "#", low)
    return re.sub(r"[^\w$#]+", " ", low).strip()


def dedupe(text: str, ctx: ReplyContext, budget: str | None) -> str:
    """Drop a clause said before (titles, prices and digits aside) and budget repeats."""
    titles = sorted((c.product.title.lower() for c in ctx.products), key=len, reverse=True)
    seen: set[str] = set()
    budget_said = False
    sentences = []
    for clauses in _pieces(text, _titles(ctx)):
        kept = []
        for i, clause in enumerate(clauses):
            key = _norm(clause, titles)
            mentions_budget = budget is not None and budget.lower() in clause.lower()
            if (len(key.split()) >= 3 and key in seen) or (mentions_budget and budget_said):
                if i == 0:
                    break
                continue
            seen.add(key)
            budget_said = budget_said or mentions_budget
            kept.append(clause)
        if kept:
            sentences.append(_end("".join(kept)))
    return " ".join(sentences)


def compose(model_text: str, ctx: ReplyContext, *, compare: bool = True) -> str:
    """Opening, the kept model text, missing products, needs and a comparison."""
    phrases = Phrases(ctx)
    low = model_text.lower()
    missing = [
        product_sentence(c.product, phrases)
        for c in ctx.products
        if c.product.title.lower() not in low
    ]
    parts = [opening(ctx, phrases), model_text, *missing, *need_sentences(ctx, phrases)]
    if compare:
        parts.append(comparison_sentence(ctx, phrases))
    return " ".join(p for p in parts if p)


def names_a_product(text: str, ctx: ReplyContext) -> bool:
    """The kept model text recommends at least one of this turn's products by name."""
    low = text.lower()
    return any(c.product.title.lower() in low for c in ctx.products)
