"""A turn's personalization: the user's profile, the blend over the retrieved pool, and the
personal reasons.

Adapts :mod:`recommender.pipeline.blend` to the service's components: variant families and
embeddings come from the fitted :class:`~recommender.pipeline.retrieval.Retriever`, users
who interacted with the same products from the event store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from recommender.config import Config
from recommender.data.catalog import Catalog, Product
from recommender.data.stores import EventStore
from recommender.pipeline.blend import Ranker, blend, diverse, personal_reason
from recommender.pipeline.formatting import category_label
from recommender.pipeline.profiles import Profile, build_profile
from recommender.pipeline.retrieval import Retriever
from recommender.pipeline.schemas import Candidate


def load_profile(
    config: Config,
    catalog: Catalog,
    store: EventStore | None,
    user_id: str,
    session_id: str | None = None,
    slots: dict[str, Any] | None = None,
) -> Profile:
    """The user's profile from stored events (cold start without a store or events)."""
    events = store.history(user_id, config.ranking.history_limit) if store else []
    return build_profile(
        user_id,
        events,
        catalog,
        half_life_days=config.ranking.half_life_days,
        session_id=session_id,
        slots=slots,
    )


def family_of(retriever: Retriever, product_id: str) -> str:
    row = retriever.row_of_.get(product_id)
    return product_id if row is None else retriever.families_[row]


def _similarity(retriever: Retriever, a: str, b: str) -> float:
    rows = retriever.row_of_
    emb = retriever.embeddings_
    if a not in rows or b not in rows or emb.shape[1] == 0:
        return 0.0
    return float(emb[rows[a]] @ emb[rows[b]])


def rerank(
    candidates: list[Candidate],
    profile: Profile,
    limit: int,
    *,
    config: Config,
    retriever: Retriever,
    ranker: Ranker | None,
    popularity: dict[str, float],
) -> tuple[list[Candidate], dict[str, Any]]:
    """Blend re-ranking of the retrieved pool, cut to ``limit`` (one per variant family
    first); the retrieval order when there is no behavioural signal."""
    ranked = blend(
        candidates,
        profile,
        config.ranking,
        ranker=ranker,
        popularity=popularity,
        family=lambda pid: family_of(retriever, pid),
    )
    if ranked is None:
        return candidates[:limit], {}
    order, signals = ranked
    if config.retrieval.collapse_variants:
        return diverse(order, lambda c: retriever.families_[c.row], limit), signals
    return order[:limit], signals


def seen_last(
    ranked: list[Candidate], seen: frozenset[str], family: Callable[[str], str], limit: int
) -> list[Candidate]:
    """``ranked`` with the products the shopper has seen (and their other colours) after the
    unseen ones, cut to ``limit``: an answer to a question brings new products when there
    are some, and the seen ones again when they are all that fits."""
    if not seen:
        return ranked[:limit]
    seen_families = {family(pid) for pid in seen}
    fresh = [c for c in ranked if family(c.product.id) not in seen_families]
    return [*fresh, *(c for c in ranked if family(c.product.id) in seen_families)][:limit]


def personal_reasons(
    candidates: list[Candidate],
    profile: Profile,
    catalog: Catalog,
    retriever: Retriever,
    store: EventStore | None,
) -> dict[str, str]:
    """Product id -> why it fits the user's behaviour, for candidates that have a reason."""
    if not profile.recent:
        return {}
    ids = [c.product.id for c in candidates]
    co = {}
    if store is not None:
        anchors = [r.product_id for r in profile.recent[:5]]
        co = store.co_users(anchors, ids, exclude_user=profile.user_id)
    out = {}
    for c in candidates:
        why = personal_reason(
            c.product,
            profile,
            catalog,
            similarity=lambda a, b: _similarity(retriever, a, b),
            co_users=co,
        )
        if why is not None:
            out[c.product.id] = why
    return out


def with_personal(personal: str | None, base: str, product: Product) -> str:
    """The card's reason: the personal one first; it replaces a bare "popular in ..."."""
    if personal is None:
        return base
    if base == f"popular in {category_label(product.category)}":
        return personal
    return f"{personal}; {base}"
