"""From the model's filled text to the reply: keep what verifies, add the plan, say it once.

1. ``prune``: clauses of the generated text with a verification problem (an unfilled or
   unknown slot, a fact not in this turn, a claim the shopper never made) are dropped,
   instead of losing the whole reply for one bad clause.
2. ``compose``: the relaxation notice / "more like this" opening, the model's opening (or an
   opener of the plan's), the model's product sentences in order (``flow.py``), a sentence
   for every product they do not name, the stated needs (``answers.py``), a comparison and a
   closer (``plan.py``).
3. ``dedupe``: no clause twice, and the budget stated once.

The composed text is then verified as a whole by the writer, like any generated text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from recommender.models.generation.answers import need_sentences
from recommender.models.generation.clauses import end, pieces, titles_of
from recommender.models.generation.flow import arrange
from recommender.models.generation.phrases import Phrases
from recommender.models.generation.plan import (
    closer,
    comparison_sentence,
    opener,
    opening,
    product_sentence,
)
from recommender.models.generation.slots import SlotTable
from recommender.models.generation.types import ReplyContext
from recommender.models.generation.verify import ReplyVerifier

_WHOLE_TEXT = ("not named", "empty reply")
MIN_CLAUSE_WORDS = 3
#: verifier problems that reject a whole generation instead of one clause
UNSAFE = ("link", "e-mail", "phone number", "discount/code talk", "out-of-scope talk", "price ")
_MONEY = re.compile(r"[$€£]\s?[\d,]+(?:\.\d+)?")


def own_problems(
    text: str, ctx: ReplyContext, slots: SlotTable, verifier: ReplyVerifier
) -> list[str]:
    """Verification problems of a piece of a reply on its own (a piece need not name every
    product nor be long)."""
    return [p for p in verifier(text, ctx, slots).problems if not any(w in p for w in _WHOLE_TEXT)]


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
    split = pieces(text, titles_of(ctx))
    if split and not text.rstrip().endswith((".", "!", "?")):
        split[-1] = split[-1][:-1]  # unfinished: keep only its complete clauses
    for clauses in split:
        kept = []
        for i, clause in enumerate(clauses):
            problems = own_problems(clause, ctx, slots, verifier)
            unsafe += [p for p in problems if p.startswith(UNSAFE)]
            if problems or len(re.findall(r"\w+", clause)) < MIN_CLAUSE_WORDS:
                if i == 0:
                    break  # the sentence's subject is gone: drop the sentence
                continue
            kept.append(clause)
        if kept:
            kept_sentences.append(end("".join(kept)))
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
    for clauses in pieces(text, titles_of(ctx)):
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
            sentences.append(end("".join(kept)))
    return " ".join(sentences)


def compose(
    model_text: str,
    ctx: ReplyContext,
    *,
    compare: bool = True,
    check: Callable[[str], bool] | None = None,
) -> str:
    """Opening, the model's text in order, missing products, needs, comparison, closer.

    The model's opening sentences are generic ("Here are some backpacks ...") unless they
    name a liked brand or a product the shopper saw or bought; a generic one gives way to
    the plan's opener, which says what was searched ("water resistant backpacks under
    $500"). ``check`` vets that opener, the one sentence worded from the service's search
    heading rather than catalog facts (the writer passes its verifier); the model's opening
    stays when ``check`` rejects it.
    """
    phrases = Phrases(ctx)
    low = model_text.lower()
    missing = [c.product for c in ctx.products if c.product.title.lower() not in low]
    flow = arrange(model_text, ctx, phrases, more=len(missing))
    lead = flow.opening
    if not _personal(lead, ctx):  # the model's opening is generic: say what was searched
        planned = opener(ctx, phrases)
        if planned and (check is None or check(planned)):
            lead = planned
    comparison = comparison_sentence(ctx, phrases) if compare else ""
    last = flow.closing
    if not last or (comparison and "compar" in last.lower()):
        last = closer(ctx, phrases)
    parts = [
        opening(ctx, phrases),
        lead,
        *flow.body,
        *(product_sentence(p, phrases) for p in missing),
        *need_sentences(ctx, phrases),
        comparison,
        last,
    ]
    return " ".join(p for p in parts if p)


def _personal(text: str, ctx: ReplyContext) -> bool:
    """``text`` ties to the shopper's profile: a liked brand, a bought or viewed product."""
    low = text.lower()
    prof = ctx.profile
    return any(x.lower() in low for x in (*prof.brands, *prof.purchased, *prof.viewed) if x)


def names_a_product(text: str, ctx: ReplyContext) -> bool:
    """The kept model text recommends at least one of this turn's products by name."""
    low = text.lower()
    return any(c.product.title.lower() in low for c in ctx.products)
