"""The generator's view of a pipeline turn: one typed conversion, no duck typing."""

from __future__ import annotations

import re
from dataclasses import replace

from recommender.models.generation.types import ChosenProduct, ProfileFacts, ReplyContext
from recommender.pipeline.formatting import describe, format_budget
from recommender.pipeline.schemas import ReplyContext as PipelineContext

TIER_WORDS = {"low": "affordable", "high": "premium"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def heading(pctx: PipelineContext) -> str:
    """What was searched, in words the shopper can check: ``wireless headphones under $100``.

    A budget derived from a "cheap"/"premium" wish is never shown as an amount (the shopper
    did not say it); the wish is named instead (``affordable headphones``), and a band around
    a stated amount as ``around $200``. Empty when
    nothing was asked (popular picks).
    """
    c = pctx.constraints
    if not c.to_dict():
        return ""
    around = approximate(pctx)
    if around is not None:
        bare = replace(c, budget_min=None, budget_max=None)
        return f"{describe(bare, pctx.currency)} around {format_budget(around, pctx.currency)}"
    if c.price_tier is not None:
        bare = replace(c, budget_min=None, budget_max=None, price_tier=None)
        return f"{TIER_WORDS[c.price_tier]} {describe(bare, pctx.currency)}"
    return describe(c, pctx.currency)


def approximate(pctx: PipelineContext) -> float | None:
    """``X`` when the budget bounds are a band around ``X`` the message states ("around 200"
    -> 160..240) rather than amounts the shopper said; else ``None``."""
    lo, hi = pctx.requested.stated_budget
    if lo is None or hi is None:
        return None
    said = {float(n.replace(",", "")) for n in _NUMBER.findall(pctx.user_message)}
    mid = round((lo + hi) / 2, 2)
    return mid if mid in said and lo not in said and hi not in said else None


def from_pipeline_context(pctx: PipelineContext) -> ReplyContext:
    """The generator's ``ReplyContext`` for one pipeline turn.

    The budget is the one the shopper stated (never a range derived from "cheap" or "around");
    brands are the requested brand and the liked ones from history. A budget or brand the
    search had to relax is left out (the notice says what was relaxed; the products do not
    meet it).
    """
    applied, requested = pctx.constraints, pctx.requested
    hist = pctx.history
    relaxed = pctx.relaxation
    loosened = set(relaxed.relaxed) if relaxed is not None else set()
    asked_brand = None if "brand" in loosened else requested.brand
    brands = tuple(dict.fromkeys(b for b in (asked_brand, *hist.liked_brands) if b))
    budget_kept = approximate(pctx) is None and not loosened & {"budget_min", "budget_max"}
    profile = ProfileFacts(
        budget=requested.stated_budget[1] if budget_kept else None,
        brands=brands,
        category=applied.category or requested.category,
        purchased=hist.purchased,
        viewed=hist.viewed,
    )
    chosen = tuple(ChosenProduct(sp.product, sp.reason) for sp in pctx.products)
    return ReplyContext(
        user_message=pctx.user_message or " ".join(pctx.keywords),
        profile=profile,
        products=chosen,
        notice=relaxed.message if relaxed is not None else "",
        heading=heading(pctx),
        similar_to=pctx.similar_to,
    )
