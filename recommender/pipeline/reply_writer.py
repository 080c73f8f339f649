"""Which reply writer a service uses, and the behaviour facts a generative writer may cite."""

from __future__ import annotations

import logging
import time

from recommender.config import Config
from recommender.data.catalog import Catalog
from recommender.pipeline.profiles import Profile
from recommender.pipeline.reply import ReplyWriter, TemplateReplyWriter
from recommender.pipeline.schemas import History

logger = logging.getLogger(__name__)


def open_reply_writer(config: Config, catalog: Catalog) -> ReplyWriter:
    """The configured reply writer: generative (``generation.enabled``) or the template.

    A generator that cannot be loaded is logged and replaced by the template: the service
    still answers every turn.
    """
    if not config.generation.enabled:
        return TemplateReplyWriter()
    from recommender.models.generation.pipeline_adapter import PipelineReplyWriter

    start = time.perf_counter()
    try:
        writer = PipelineReplyWriter.from_config(config.generation, catalog=catalog)
    except (OSError, ValueError, RuntimeError, ImportError):
        logger.exception("cannot load generation.model_path; using the template reply writer")
        return TemplateReplyWriter()
    logger.info(
        "reply generator %s loaded in %.2fs",
        config.generation.model_path,
        time.perf_counter() - start,
    )
    return writer


def history_facts(profile: Profile, catalog: Catalog, limit: int = 2) -> History:
    """What the generative writer may cite from behaviour: bought and viewed titles, and
    brands that hold at least 40 % of the user's decayed interest."""
    bought = [r.product_id for r in profile.recent_all if r.type == "purchase"]
    seen = [r.product_id for r in profile.recent if r.product_id not in profile.purchased]

    def titles(ids: list[str]) -> tuple[str, ...]:
        found = [catalog.get(i).title for i in dict.fromkeys(ids) if i in catalog]
        return tuple(found[:limit])

    liked = sorted(
        (b for b, share in profile.brands.items() if share >= 0.4), key=lambda b: -profile.brands[b]
    )
    return History(purchased=titles(bought), viewed=titles(seen), liked_brands=tuple(liked[:limit]))
