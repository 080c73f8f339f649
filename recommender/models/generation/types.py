"""Inputs and outputs of the reply writer: what one turn knows, and the reply it gets."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from recommender.data.catalog import Product


@dataclass(frozen=True)
class ProfileFacts:
    """What the reply may say about the user, as the profile component resolved it.

    Attributes:
        budget: upper price limit the user stated, in the products' currency.
        brands: brands the user likes (stated or learned).
        category: the category the user is shopping in.
        purchased: titles of products the user bought (most recent first).
        viewed: titles of products the user looked at recently (most recent first).
    """

    budget: float | None = None
    brands: tuple[str, ...] = ()
    category: str | None = None
    purchased: tuple[str, ...] = ()
    viewed: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when there is nothing personal to mention."""
        return self.budget is None and not (self.brands or self.purchased or self.viewed)


@dataclass(frozen=True)
class ChosenProduct:
    """A product picked for this turn and the ranker's reason for it (trusted, short)."""

    product: Product
    reason: str = ""


@dataclass(frozen=True)
class ReplyContext:
    """Everything one reply may draw on: the user's message, profile and this turn's products.

    Attributes:
        notice: what had to be relaxed to find products (a fact the reply must state), or "".
        heading: what was searched, in words the shopper used or the catalog's (``wireless
            headphones under $100``, ``affordable laptops``); "" for popular picks.
        similar_to: title of the product a "more like this" turn started from, or "".
    """

    user_message: str
    profile: ProfileFacts = field(default_factory=ProfileFacts)
    products: tuple[ChosenProduct, ...] = ()
    notice: str = ""
    heading: str = ""
    similar_to: str = ""

    @property
    def currency(self) -> str:
        """Currency of this turn's products (USD when there are none)."""
        return self.products[0].product.currency if self.products else "USD"


@dataclass(frozen=True)
class GeneratedReply:
    """The reply for one turn.

    Attributes:
        text: plain text, length-capped, no markup.
        verified: the generated text passed verification (False when the fallback was used).
        fallback_used: the deterministic reply replaced the generated one.
        attempts: generations tried (0 when generation was skipped).
        product_ids: ids of the products the reply is about, in order (never changed).
        problems: verification problems of the last rejected generation, for logs.
        raw: the last generated text before placeholders were filled, for logs.
        draft: the first generated reply, filled and cleaned, before verification decided
            (what the shopper would have seen without the verifier; for evaluation and logs).
    """

    text: str
    verified: bool
    fallback_used: bool
    attempts: int = 0
    product_ids: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    raw: str = ""
    draft: str = ""

    def escaped(self) -> str:
        """``text`` escaped for channels that render HTML (web chat)."""
        return html.escape(self.text, quote=True)
