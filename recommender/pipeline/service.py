"""The one place that composes a turn: normalize -> parse -> merge slots -> retrieve -> reply.

Merge rule (slots vs. text): a slot that is set wins for its field; a slot set to "any"
means the user explicitly does not care, so the text may not fill it; a slot that is null
or absent is filled from the text. Attributes merge key by key the same way. When a text
budget contradicts a slot budget (text min above slot max, or the reverse) the text side
is dropped. "cheap"/"premium" budgets are resolved against the merged category.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from dataclasses import replace
from typing import Any

from recommender.config import Config
from recommender.data.catalog import Catalog, Product
from recommender.data.events import Event
from recommender.data.stores import EventStore
from recommender.errors import NotFoundError, ServiceUnavailableError
from recommender.models.embeddings import cached_encode
from recommender.pipeline.blend import Ranker, blend, diverse, personal_reason
from recommender.pipeline.formatting import attribute_phrase, category_label
from recommender.pipeline.popularity import PopularityProxy
from recommender.pipeline.profiles import TYPE_WEIGHTS, Profile, build_profile
from recommender.pipeline.reply import (
    ReplyWriter,
    TemplateReplyWriter,
    product_reason,
    write_reply,
)
from recommender.pipeline.retrieval import Encoder, Retriever
from recommender.pipeline.schemas import (
    Constraints,
    ParsedPreferences,
    RecommendRequest,
    ReplyContext,
    RetrievalQuery,
    ScoredProduct,
    Slots,
    canonical_value,
)
from recommender.pipeline.text import PreferenceParser, load_spacy, normalize_text
from recommender.pipeline.vocabulary import Vocabulary, build_vocabulary

logger = logging.getLogger(__name__)


def short_hash(text: str) -> str:
    """First 12 hex digits of SHA-256: lets logs correlate turns without storing user text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def slots_dict(slots: Slots) -> dict[str, Any]:
    """The stated slots as JSON (what the profile shows as the current dialogue)."""
    out: dict[str, Any] = {
        k: getattr(slots, k)
        for k in ("category", "brand", "budget_min", "budget_max")
        if getattr(slots, k) is not None
    }
    if slots.attributes:
        out["attributes"] = dict(slots.attributes)
    if slots.any:
        out["any"] = sorted(slots.any)
    return out


def product_card(product: Product, reason: str) -> dict[str, Any]:
    """The product object of ``/recommend`` and ``/products/popular`` responses."""
    return {
        "id": product.id,
        "title": product.title,
        "brand": product.brand,
        "category": product.category,
        "price": product.price,
        "currency": product.currency,
        "url": product.url,
        "image": product.image,
        "reason": reason,
    }


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


def history_facts(profile: Profile, catalog: Catalog, limit: int = 2) -> dict[str, Any]:
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
    return {
        "purchased": titles(bought),
        "viewed": titles(seen),
        "liked_brands": tuple(liked[:limit]),
    }


class RecommenderService:
    """Holds the catalog and components; answers recommend/parse/product/popular/vocabulary."""

    def __init__(
        self,
        config: Config,
        catalog: Catalog,
        encoder: Encoder,
        *,
        nlp: Any = None,
        writer: ReplyWriter | None = None,
        store: EventStore | None = None,
        ranker: Ranker | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.ranker = ranker
        self.catalog = catalog
        self.encoder = encoder
        self.nlp = nlp if nlp is not None else load_spacy(config.text.spacy_model)
        self.vocab: Vocabulary = build_vocabulary(catalog, config.text, self.nlp)
        self.parser = PreferenceParser(self.vocab, config.text, self.nlp)
        self.popularity = PopularityProxy(config.retrieval.in_stock_only).fit(catalog)
        texts = [p.search_text() for p in catalog]
        start = time.perf_counter()
        embeddings = cached_encode(encoder, texts, config.embeddings.cache_dir)
        self.embed_seconds = time.perf_counter() - start
        self.retriever = Retriever(config.retrieval).fit(
            catalog, encoder, embeddings=embeddings, rank=self.popularity.rank_
        )
        self.writer: ReplyWriter = writer or TemplateReplyWriter()

    @classmethod
    def open(
        cls,
        config: Config,
        *,
        catalog: Catalog | None = None,
        encoder: Encoder | None = None,
        store: EventStore | None = None,
    ) -> RecommenderService:
        """Load what is not given: the catalog (``load_catalog``), the encoder, spaCy, and
        the newest ranker artefact in ``ranking.model_dir`` if there is one."""
        if catalog is None:
            from recommender.data.loaders import load_catalog

            catalog = load_catalog(config.catalog.path)
        if encoder is None:
            from recommender.models.embeddings import TextEncoder

            encoder = TextEncoder(config.embeddings)
        from recommender.models.ranking.artefacts import load_newest

        ranker = load_newest(config.ranking.model_dir)
        if ranker is not None:
            logger.info("ranker %s loaded from %s", ranker.version_, config.ranking.model_dir)
        writer = open_reply_writer(config, catalog)
        return cls(config, catalog, encoder, store=store, ranker=ranker, writer=writer)

    # -- merging -----------------------------------------------------------------------------
    def merge(self, slots: Slots, parsed: ParsedPreferences) -> Constraints:
        """Constraints from slots and parsed text (see the module docstring for the rule)."""
        category = self._pick("category", slots, parsed)
        if slots.category is not None:
            category = self.vocab.resolve_category(slots.category) or slots.category.lower()
        brand = self._pick("brand", slots, parsed)
        if slots.brand is not None:
            brand = self.vocab.resolve_brand(slots.brand) or slots.brand
        lo = self._pick("budget_min", slots, parsed)
        hi = self._pick("budget_max", slots, parsed)
        if parsed.price_tier is not None and category != parsed.category:
            tmin, tmax = self.vocab.tier_budget(parsed.price_tier, category)
            if "budget_max" in parsed.tier_sides and slots.budget_max is None:
                hi = tmax
            if "budget_min" in parsed.tier_sides and slots.budget_min is None:
                lo = tmin
        if lo is not None and hi is not None and lo > hi:
            if slots.budget_min is None:
                lo = None
            elif slots.budget_max is None:
                hi = None
        attributes = {k: canonical_value(v) for k, v in parsed.attributes.items()}
        attributes.update({k: canonical_value(v) for k, v in slots.attributes.items()})
        for key in slots.any:
            if key.startswith("attributes."):
                attributes.pop(key.split(".", 1)[1], None)
        return Constraints(
            category=category, brand=brand, budget_min=lo, budget_max=hi, attributes=attributes
        )

    @staticmethod
    def _pick(name: str, slots: Slots, parsed: ParsedPreferences) -> Any:
        value = getattr(slots, name)
        if value is not None:
            return value
        if name in slots.any:
            return None
        return getattr(parsed, name)

    # -- one turn ----------------------------------------------------------------------------
    def recommend(self, request: RecommendRequest) -> dict[str, Any]:
        """Answer one ``POST /recommend`` turn; the dict is the JSON response body."""
        start = time.perf_counter()
        trace_id = uuid.uuid4().hex
        clean = normalize_text(request.message, self.config.server.max_message_chars)
        parsed = self.parser(clean.text)
        requested = self.merge(request.slots, parsed)
        profile = self.user_profile(request.user_id, request.session_id)
        pool = request.limit
        if self.store is not None:
            pool = max(request.limit, self.config.ranking.candidate_pool)
        query = RetrievalQuery(
            text=parsed.query_text or self._constraint_text(requested),
            constraints=requested,
            exclude_ids=frozenset(request.exclude_ids),
            limit=pool,
        )
        candidates = self.retriever(query)
        relaxation = None
        applied = requested
        if not candidates:
            relaxation = self.retriever.relax(query)
            if relaxation is not None and relaxation.constraint != "exclude_ids":
                applied = relaxation.constraints
                candidates = self.retriever(replace(query, constraints=applied))
        candidates, signals = self._rank(candidates, profile, request.limit)
        currency = self.retriever.currency_
        personal = self._personal_reasons(candidates, profile)
        scored = tuple(
            ScoredProduct(
                product=c.product,
                score=c.score,
                reason=self._reason(
                    personal.get(c.product.id),
                    product_reason(
                        c.product,
                        applied,
                        requested=requested,
                        relaxation=relaxation,
                        keywords=parsed.keywords,
                        currency=currency,
                    ),
                    c.product,
                ),
            )
            for c in candidates
        )
        if self.store is not None:
            self.store.put_dialogue(request.user_id, request.session_id, slots_dict(request.slots))
        context = ReplyContext(
            products=scored,
            constraints=applied,
            requested=requested,
            relaxation=relaxation,
            keywords=parsed.keywords,
            currency=currency,
        )
        reply, reply_source = write_reply(
            self.writer, context, user_message=clean.text, **history_facts(profile, self.catalog)
        )
        latency_ms = (time.perf_counter() - start) * 1000
        logger.info(
            "recommend %s",
            json.dumps(
                {
                    "trace_id": trace_id,
                    "user": short_hash(request.user_id),
                    "message": short_hash(clean.text),
                    "message_chars": len(clean.text),
                    "latency_ms": round(latency_ms, 1),
                    "returned": len(scored),
                    "excluded": len(request.exclude_ids),
                    "relaxed": list(relaxation.relaxed) if relaxation else [],
                    "constraints": sorted(requested.to_dict()),
                    "signals": sorted(signals),
                    "reply_source": reply_source,
                },
                sort_keys=True,
            ),
        )
        return {
            "reply": reply,
            "reply_source": reply_source,
            "products": [product_card(sp.product, sp.reason) for sp in scored],
            "relaxation": relaxation.to_dict() if relaxation else None,
            "applied": applied.to_dict(),
            "trace_id": trace_id,
        }

    # -- personalization ---------------------------------------------------------------------
    def user_profile(
        self,
        user_id: str,
        session_id: str | None = None,
        slots: dict[str, Any] | None = None,
    ) -> Profile:
        """The user's profile from stored events (cold start without a store or events)."""
        events = (
            self.store.history(user_id, self.config.ranking.history_limit) if self.store else []
        )
        return build_profile(
            user_id,
            events,
            self.catalog,
            half_life_days=self.config.ranking.half_life_days,
            session_id=session_id,
            slots=slots,
        )

    def event_popularity(self) -> dict[str, float]:
        """Weighted interaction counts per product from the event store (empty without)."""
        return self.store.popularity(TYPE_WEIGHTS) if self.store is not None else {}

    def _rank(
        self, candidates: list[Any], profile: Profile, limit: int
    ) -> tuple[list[Any], dict[str, Any]]:
        """Blend re-ranking of the retrieved pool, cut to ``limit`` (one per variant family
        first); the retrieval order when there is no behavioural signal."""
        ranked = blend(
            candidates,
            profile,
            self.config.ranking,
            ranker=self.ranker,
            popularity=self.event_popularity(),
            family=self._family,
        )
        if ranked is None:
            return candidates[:limit], {}
        order, signals = ranked
        if self.config.retrieval.collapse_variants:
            return diverse(order, lambda c: self.retriever.families_[c.row], limit), signals
        return order[:limit], signals

    def _family(self, product_id: str) -> str:
        row = self.retriever.row_of_.get(product_id)
        return product_id if row is None else self.retriever.families_[row]

    def _similarity(self, a: str, b: str) -> float:
        rows = self.retriever.row_of_
        emb = self.retriever.embeddings_
        if a not in rows or b not in rows or emb.shape[1] == 0:
            return 0.0
        return float(emb[rows[a]] @ emb[rows[b]])

    def _personal_reasons(self, candidates: list[Any], profile: Profile) -> dict[str, str]:
        if not profile.recent:
            return {}
        ids = [c.product.id for c in candidates]
        co = {}
        if self.store is not None:
            anchors = [r.product_id for r in profile.recent[:5]]
            co = self.store.co_users(anchors, ids, exclude_user=profile.user_id)
        out = {}
        for c in candidates:
            why = personal_reason(
                c.product, profile, self.catalog, similarity=self._similarity, co_users=co
            )
            if why is not None:
                out[c.product.id] = why
        return out

    @staticmethod
    def _reason(personal: str | None, base: str, product: Product) -> str:
        if personal is None:
            return base
        if base == f"popular in {category_label(product.category)}":
            return personal
        return f"{personal}; {base}"

    def profile(
        self, user_id: str, session_id: str | None = None, slots: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """``GET /users/{id}/profile``: slots given, else those of the user's last turn."""
        if slots is None and self.store is not None:
            stored = self.store.get_dialogue(user_id)
            if stored is not None and (session_id is None or stored[0] == session_id):
                session_id, slots = stored[0], stored[1]
        return self.user_profile(user_id, session_id, slots).to_dict(self.catalog)

    def add_events(self, events: list[Event]) -> dict[str, int]:
        """``POST /events``: store validated events; ``{"accepted", "duplicates"}``."""
        if self.store is None:
            raise ServiceUnavailableError("no event store is configured")
        accepted, duplicates = self.store.add(events)
        return {"accepted": accepted, "duplicates": duplicates}

    def reload_ranker(self) -> dict[str, Any]:
        """Swap in the newest ranker artefact of ``ranking.model_dir`` without a restart."""
        from recommender.models.ranking.artefacts import load_newest, newest_artefact

        path = newest_artefact(self.config.ranking.model_dir)
        if path is None:
            raise NotFoundError(f"no ranker artefact in {self.config.ranking.model_dir}")
        previous = self.ranker.version_ if self.ranker is not None else None
        ranker = load_newest(self.config.ranking.model_dir)
        self.ranker = ranker  # one reference swap: a turn uses the old or the new model
        return {
            "version": ranker.version_ if ranker else None,
            "previous": previous,
            "path": str(path),
        }

    @staticmethod
    def _constraint_text(c: Constraints) -> str:
        """Query text when the message is empty: the stated constraints as words."""
        words = [attribute_phrase(k, v) for k, v in sorted(c.attributes.items())]
        if c.brand:
            words.append(c.brand)
        if c.category:
            words.append(category_label(c.category))
        return " ".join(words)

    def warm_up(self) -> None:
        """Run each model once so the first user turn does not pay for lazy initialisation."""
        self.parser("wireless headphones under $100")
        self.encoder.encode(["wireless headphones"])
        warm = getattr(self.writer, "warm_up", None)
        products = self.popularity(1)
        if callable(warm) and products:
            p = products[0]
            c = Constraints(category=p.category)
            warm(ReplyContext((ScoredProduct(p, f"popular in {p.category}", 1.0),), c, c))

    # -- other endpoints ---------------------------------------------------------------------
    def parse(self, text: str) -> dict[str, Any]:
        """``POST /parse``: preferences found in ``text``."""
        clean = normalize_text(text, self.config.server.max_message_chars)
        return self.parser(clean.text).to_dict()

    def product(self, product_id: str) -> dict[str, Any]:
        """``GET /products/{id}``: every catalog field; raises ``NotFoundError``."""
        return self.catalog.get(product_id).to_dict()

    def popular(self, limit: int) -> list[dict[str, Any]]:
        """``GET /products/popular``: most interacted-with products (weighted event counts),
        then the popularity proxy's order for the rest (all of it before any events)."""
        counts = self.event_popularity()
        rank = self.popularity.rank_
        rows = self.catalog.index_of
        by_events = sorted(
            (p for p in self.catalog if counts.get(p.id, 0.0) > 0),
            key=lambda p: (-counts[p.id], rank[rows(p.id)]),
        )
        if self.config.retrieval.in_stock_only:
            by_events = [p for p in by_events if p.in_stock]
        picked = by_events[:limit]
        seen = {p.id for p in picked}
        for p in self.popularity(limit + len(seen)):
            if len(picked) >= limit:
                break
            if p.id not in seen:
                picked.append(p)
        return [product_card(p, f"popular in {category_label(p.category)}") for p in picked]

    def vocabulary(self) -> dict[str, Any]:
        """``GET /catalog/vocabulary``."""
        return self.vocab.to_dict()

    def health(self) -> dict[str, Any]:
        """``GET /health``."""
        return {"status": "ok", "products": len(self.catalog), "embeddings": self.encoder.name}
