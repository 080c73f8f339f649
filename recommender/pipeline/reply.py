"""Replies and per-product reasons built only from catalog facts and the applied constraints.

:class:`TemplateReplyWriter` is the deterministic writer; the generative writer
(``recommender.models.generation.pipeline_adapter.PipelineReplyWriter``) implements the same
:class:`ReplyWriter` protocol (``__call__(context) -> str``) and falls back to this template.
:func:`write_reply` also reports which writer produced the text.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from recommender.data.catalog import Product
from recommender.pipeline.formatting import (
    attribute_phrase,
    category_label,
    describe,
    format_budget,
    format_price,
)
from recommender.pipeline.schemas import Constraints, RelaxedSearch, ReplyContext

_WORD_RE = re.compile(r"[a-z0-9]+")


class ReplyWriter(Protocol):
    """Writes the assistant's reply for one turn from a grounded context."""

    def __call__(self, context: ReplyContext) -> str:
        """The reply text; may only state facts present in ``context``."""
        ...


MIN_KEYWORD_CHARS = 3  # "wh" of "WH-CH520" is no reason to quote back


def write_reply(writer: ReplyWriter, context: ReplyContext, **extras: Any) -> tuple[str, str]:
    """``(text, source)``: source is ``"generated"``, ``"template"`` or ``"custom"``.

    Writers with a ``write(context, **extras)`` method (the generative one) get the extras
    (user message, behaviour history) and say themselves which writer answered.
    """
    write = getattr(writer, "write", None)
    if callable(write):
        text, source = write(context, **extras)
        return str(text), str(source)
    return writer(context), "template" if isinstance(writer, TemplateReplyWriter) else "custom"


def _words(text: str) -> set[str]:
    words = set(_WORD_RE.findall(text.lower()))
    return words | {w[:-1] for w in words if len(w) > 3 and w.endswith("s")}


def product_reason(
    product: Product,
    applied: Constraints,
    *,
    requested: Constraints | None = None,
    relaxation: RelaxedSearch | None = None,
    keywords: tuple[str, ...] = (),
    currency: str = "USD",
) -> str:
    """Why this product was picked, grounded in its catalog data.

    Examples: ``"Sony, as you asked; wireless, as requested; matches your $100 budget"``,
    ``"closest match to 'noise cancelling'"``, ``"$34.99, the closest price to your $30 budget"``.
    """
    requested = requested or applied
    relaxed = set(relaxation.relaxed) if relaxation else set()
    parts: list[str] = []
    if applied.brand is not None and "brand" not in relaxed:
        parts.append(f"{product.brand}, as you asked")
    attrs = [attribute_phrase(k, v) for k, v in sorted(applied.attributes.items())]
    if attrs:
        parts.append(" and ".join(attrs) + ", as requested")
    lo, hi = requested.stated_budget
    price = format_price(product.price, product.currency)
    if requested.price_tier is not None and not relaxed & {"budget_min", "budget_max"}:
        tier_word = "affordable" if requested.price_tier == "low" else "premium"
        parts.append(f"{tier_word} for {category_label(product.category)}")
    if lo is not None and hi is not None:
        wanted = f"{format_budget(lo, currency)}-{format_budget(hi, currency)} range"
    elif hi is not None:
        wanted = f"{format_budget(hi, currency)} budget"
    else:
        wanted = f"{format_budget(lo or 0.0, currency)} minimum"
    if relaxed & {"budget_min", "budget_max"}:
        parts.append(f"{price}, the closest price to your {wanted}")
    elif lo is not None and hi is not None:
        parts.append(f"within your {wanted}")
    elif hi is not None:
        parts.append(f"matches your {format_budget(hi, currency)} budget")
    elif lo is not None:
        parts.append(f"above your {format_budget(lo, currency)} minimum")
    product_words = _words(product.search_text())
    matched = [
        k
        for k in keywords
        if len(k) >= MIN_KEYWORD_CHARS and (k in product_words or k.rstrip("s") in product_words)
    ]
    if matched:
        parts.append("closest match to '" + " ".join(matched[:4]) + "'")
    if not parts:
        parts.append(f"popular in {category_label(product.category)}")
    return "; ".join(parts)


def _line(i: int, product: Product) -> str:
    title = product.title
    by = "" if title.casefold().startswith(product.brand.casefold()) else f" by {product.brand}"
    return f"{i}. {title}{by}, {format_price(product.price, product.currency)}"


class TemplateReplyWriter:
    """Deterministic reply: one header sentence and one line per product (title, brand, price)."""

    def __call__(self, context: ReplyContext) -> str:
        """Reply text; every name and price comes from the products in ``context``."""
        products = [sp.product for sp in context.products]
        notice = ""
        if context.relaxation is not None:
            msg = context.relaxation.message
            notice = msg[:1].upper() + msg[1:] + ". "
        if not products:
            return notice + "Sorry, I couldn't find any products to recommend right now."
        n = len(products)
        if context.relaxation is not None:
            header = f"Here {'is the closest match' if n == 1 else f'are the {n} closest matches'}:"
        elif not context.constraints.to_dict():
            header = f"Here {'is 1 popular pick' if n == 1 else f'are {n} popular picks'}:"
        else:
            desc = describe(context.constraints, context.currency)
            header = f"Here {'is 1 pick' if n == 1 else f'are {n} picks'} for {desc}:"
        lines = [_line(i, p) for i, p in enumerate(products, start=1)]
        return notice + header + "\n" + "\n".join(lines)
