"""The deterministic reply: the one fallback production serves and the benchmarks measure.

A heading sentence (what was relaxed first, when something was) and one line per product
(title, brand when the title lacks it, price); every fact comes from the turn's context.
"""

from __future__ import annotations

import re

from recommender.models.generation.answers import need_sentences
from recommender.models.generation.phrases import Phrases
from recommender.models.generation.slots import format_price
from recommender.models.generation.types import ChosenProduct, ReplyContext
from recommender.pipeline.formatting import format_budget

NO_PRODUCTS = "Sorry, I couldn't find any products to recommend right now."


def _line(i: int, chosen: ChosenProduct) -> str:
    p = chosen.product
    by = "" if p.title.casefold().startswith(p.brand.casefold()) else f" by {p.brand}"
    return f"{i}. {p.title}{by}, {format_price(p.price, p.currency)}"


def _profile_heading(ctx: ReplyContext) -> str:
    """Heading for contexts built without the pipeline (benchmarks): category and budget."""
    prof = ctx.profile
    words = [re.sub(r"[-_]+", " ", prof.category)] if prof.category else []
    if prof.budget is not None:
        words += (["products"] if not words else []) + [
            f"under {format_budget(prof.budget, ctx.currency)}"
        ]
    return " ".join(words)


def deterministic_reply(ctx: ReplyContext) -> str:
    """``Here are 2 picks for wireless headphones under $100:`` and one line per product."""
    notice = ctx.notice[:1].upper() + ctx.notice[1:] + ". " if ctx.notice else ""
    if not ctx.products:
        return notice + NO_PRODUCTS
    n = len(ctx.products)
    picks = "is 1 pick" if n == 1 else f"are {n} picks"
    heading = ctx.heading or _profile_heading(ctx)
    if ctx.notice:
        header = f"Here {'is the closest match' if n == 1 else f'are the {n} closest matches'}:"
    elif ctx.similar_to:
        header = f"Here {picks} like {ctx.similar_to}:"
    elif heading:
        header = f"Here {picks} for {heading}:"
    else:
        header = f"Here {'is 1 popular pick' if n == 1 else f'are {n} popular picks'}:"
    lines = [_line(i, c) for i, c in enumerate(ctx.products, start=1)]
    needs = need_sentences(ctx, Phrases(ctx))
    return notice + header + "\n" + "\n".join(lines) + ("\n" + " ".join(needs) if needs else "")
