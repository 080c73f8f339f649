"""What the assistant can do, in the words of the shop's own catalog.

The welcome, the out-of-scope answer and the fallback all say what the bot can help with;
the categories and the example request come from the catalog the recommender serves
(``GET /catalog/vocabulary``), so a shop of mugs and kettles never hears about headphones.
When the recommender cannot be reached a general wording is used.
"""

from __future__ import annotations

import logging
import math

from genrec_core.budget import money
from genrec_core.wire import CatalogVocabulary

from .api import RecommenderCallError, get_client
from .payloads import display_category

logger = logging.getLogger(__name__)

MAX_NAMED = 5
HELP_TOPICS = "shipping, returns, payment, order status and warranty"
GENERAL = f"I can help you find products in our shop and answer questions about {HELP_TOPICS}."


def _round_up(amount: float) -> float:
    """A price people say: 37 -> 40, 132 -> 150, 880 -> 900."""
    if amount <= 0:
        return 0.0
    step = 10 ** max(0, int(math.log10(amount)) - 1)
    step *= 5 if amount / step >= 50 else 1
    return float(math.ceil(amount / step) * step)


def example_request(vocabulary: CatalogVocabulary) -> str:
    """An everyday request the catalog can serve: ``headphones under $100``."""
    if not vocabulary.categories:
        return ""
    category = vocabulary.categories[0]
    quantiles = vocabulary.price_quantiles.get(category)
    what = display_category(category)
    if quantiles and quantiles[1] > 0:
        return f"{what} under {money(_round_up((quantiles[0] + quantiles[1]) / 2))}"
    return what


def describe(vocabulary: CatalogVocabulary) -> str:
    """ "I can help you find headphones, laptops, ... (for example "...") and answer ..." """
    names = [display_category(c) for c in vocabulary.categories[:MAX_NAMED]]
    if not names:
        return GENERAL
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    if len(vocabulary.categories) > MAX_NAMED:
        listed = ", ".join(names) + " and more"
    example = example_request(vocabulary)
    hint = f' (for example "{example}")' if example else ""
    return f"I can help you find {listed}{hint}, and answer questions about {HELP_TOPICS}."


async def example_text() -> str:
    """An example request from the catalog ("grills under $300"); "" when it is unreachable."""
    try:
        return example_request(await get_client().vocabulary())
    except RecommenderCallError as exc:
        logger.info("vocabulary unavailable for an example: %s", exc)
        return ""


async def capabilities() -> str:
    """What the bot can do, from the catalog; the general wording when it is unreachable."""
    try:
        return describe(await get_client().vocabulary())
    except RecommenderCallError as exc:
        logger.info("vocabulary unavailable for the capability text: %s", exc)
        return GENERAL
