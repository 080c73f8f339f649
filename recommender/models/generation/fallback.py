"""The deterministic reply: catalog facts in a fixed sentence pattern (always grounded)."""

from __future__ import annotations

from recommender.models.generation.prompt import MAX_FACT_CHARS, clean_data_text
from recommender.models.generation.slots import format_price
from recommender.models.generation.types import ReplyContext


def deterministic_reply(ctx: ReplyContext) -> str:
    """``Here are 2 picks: A by B at $1.00 (reason). ...`` from the same facts the model saw."""
    if not ctx.products:
        return "Sorry, I couldn't find products that match right now. Could you tell me more?"
    n = len(ctx.products)
    head = "Here is a pick for you:" if n == 1 else f"Here are {n} picks for you:"
    items = []
    for c in ctx.products:
        p = c.product
        reason = clean_data_text(c.reason, 3 * MAX_FACT_CHARS)
        item = f"{p.title} by {p.brand} at {format_price(p.price, p.currency)}"
        items.append(f"{item} ({reason})" if reason else item)
    return head + " " + "; ".join(items) + "."
