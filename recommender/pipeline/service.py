"""The one place that composes a turn: normalize -> parse -> merge slots -> retrieve -> reply.

The merge rule is in :mod:`recommender.pipeline.merging`, the personal re-ranking and
reasons in :mod:`recommender.pipeline.personalize`.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import replace
from typing import Any

from genrec_core import wire
from recommender.config import Config
from recommender.data.catalog import Catalog, Product
from recommender.data.events import Event
from recommender.data.stores import EventStore
from recommender.errors import NotFoundError, ServiceUnavailableError
from recommender.models.embeddings import cached_encode
from recommender.pipeline.blend import Ranker
from recommender.pipeline.category_match import CategoryMatcher
from recommender.pipeline.formatting import category_label
from recommender.pipeline.merging import (
    Merged,
    constraint_text,
    merge_preferences,
    skip_unanswered,
)
from recommender.pipeline.payloads import product_card, recommend_response, slots_dict
from recommender.pipeline.personalize import (
    family_of,
    load_profile,
    personal_reasons,
    rerank,
    seen_last,
    with_personal,
)
from recommender.pipeline.popularity import PopularityProxy, popular_products
from recommender.pipeline.profiles import TYPE_WEIGHTS
from recommender.pipeline.questions import QuestionChooser
from recommender.pipeline.reply import ReplyWriter, TemplateReplyWriter, product_reason
from recommender.pipeline.reply_writer import history_facts, open_reply_writer
from recommender.pipeline.retrieval import Encoder, Retriever
from recommender.pipeline.schemas import (
    Candidate,
    Constraints,
    ParsedPreferences,
    RecommendRequest,
    RelaxedSearch,
    ReplyContext,
    RetrievalQuery,
    ScoredProduct,
)
from recommender.pipeline.stage_clock import StageClock
from recommender.pipeline.text import PreferenceParser, load_spacy, normalize_text
from recommender.pipeline.turn_log import turn_record
from recommender.pipeline.understanding import (
    NeedReading,
    read_need,
    switched_category,
    with_attributes,
)
from recommender.pipeline.vocabulary import Vocabulary, build_vocabulary

logger = logging.getLogger(__name__)

CROSS_CATEGORY_POOL = 30  # candidates to pick one per category from, without a category


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
        embeddings = cached_encode(encoder, texts, config.embeddings.cache_dir)
        self.retriever = Retriever(config.retrieval).fit(
            catalog, encoder, embeddings=embeddings, rank=self.popularity.rank_
        )
        self.categories = CategoryMatcher(config.needs).fit(
            [p.category for p in catalog], embeddings, encoder
        )
        self.questions = QuestionChooser(config.questions, self.retriever.currency_)
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

    def understand(
        self, request: RecommendRequest
    ) -> tuple[ParsedPreferences, Merged, NeedReading]:
        """Read the latest message against the kept preferences: what the shopper wants now,
        and what kind of product need it is (:mod:`recommender.pipeline.understanding`)."""
        clean = normalize_text(request.message, self.config.server.max_message_chars)
        asked = request.asked or ""
        parsed = self.parser(
            clean.text,
            expect_budget=asked == "budget",
            expect_attribute=asked.split(".", 1)[1] if asked.startswith("attributes.") else None,
            category=request.slots.category,
        )
        merged = merge_preferences(request.slots, parsed, self.vocab, asked=request.asked)
        merged = skip_unanswered(merged, request.asked, clean.text)
        reading, merged = read_need(
            clean.text,
            parsed,
            merged,
            self.categories,
            self.vocab,
            self.config.needs,
            probe=request.probe,
            searching=not request.slots.is_empty(),
            kept_category=request.slots.category,
        )
        merged = self._moved_category(request.slots.category, parsed, merged, reading)
        if (
            reading.need == "none"
            and request.asked
            and request.slots.category is not None
            and not request.probe
        ):  # an answer to the open question that says nothing we can read: the search goes on
            reading = NeedReading("refinement")
        chosen = merged.constraints.category
        if chosen is not None and chosen != parsed.category and clean.text:
            # a use, a tag or the search under way chose the category: read its own values
            merged = with_attributes(merged, self.parser.attributes_for(clean.text, chosen))
        return parsed, merged, reading

    def _moved_category(
        self, kept: str | None, parsed: ParsedPreferences, merged: Merged, reading: NeedReading
    ) -> Merged:
        """``merged`` moved to the category of a brand or attribute value said in a search
        under way when no product of the kept category has it and some of that category do
        ("ideally Lenovo" while coffee machines were guessed from "her old machine")."""
        if (
            reading.need != "refinement"
            or kept is None
            or parsed.category is None
            or parsed.category == merged.constraints.category
        ):
            return merged
        c = merged.constraints
        said = Constraints(
            brand=c.brand if "brand" in merged.changed else None,
            attributes={
                k: v for k, v in c.attributes.items() if f"attributes.{k}" in merged.changed
            },
        )
        if said.brand is None and not said.attributes:
            return merged
        if self.retriever.mask(replace(said, category=c.category)).any():
            return merged
        if not self.retriever.mask(replace(said, category=parsed.category)).any():
            return merged
        return switched_category(merged, parsed.category, self.vocab)

    # -- one turn ----------------------------------------------------------------------------
    def recommend(self, request: RecommendRequest) -> dict[str, Any]:
        """Answer one ``POST /recommend`` turn; the dict is the JSON response body."""
        start = time.perf_counter()
        clock = StageClock()
        trace_id = uuid.uuid4().hex
        clean = normalize_text(request.message, self.config.server.max_message_chars)
        parsed, merged, reading = self.understand(request)
        clock.lap("understand")
        understanding = wire.Understanding(
            need=reading.need, changed=tuple(sorted(merged.changed)), score=reading.score
        )
        requested = merged.constraints
        if not understanding.is_product_need:
            logger.info("recommend %s: no product need in the message", trace_id)
            return wire.RecommendResponse(
                reply="",
                products=(),
                preferences=_wire_preferences(merged),
                understanding=understanding,
                question=self.questions.category_question(list(self.catalog)),
                trace_id=trace_id,
            ).to_dict()
        # A user who said "stop personalising" gets recommendations from this turn only.
        personal = self.store is not None and self.store.personalising(request.user_id)
        profile = load_profile(
            self.config,
            self.catalog,
            self.store if personal else None,
            request.user_id,
            request.session_id,
        )
        clock.lap("profile")
        pool = request.limit
        seen = frozenset(request.seen_ids)
        if self.store is not None or seen:
            pool = max(request.limit, self.config.ranking.candidate_pool)
        query_text = " ".join(
            t for t in (request.context, parsed.query_text) if t
        ) or constraint_text(requested)
        if requested.category is None:
            pool = max(pool, CROSS_CATEGORY_POOL)
        query = RetrievalQuery(
            text=query_text,
            constraints=requested,
            exclude_ids=frozenset(request.exclude_ids),
            limit=pool,
        )
        if reading.alternatives:
            candidates = self._side_by_side(query, reading.alternatives)
        else:
            candidates = self.retriever(query)
            if requested.category is None:  # across the catalog: one category each first
                candidates = _one_per_category(candidates)
        relaxation = None
        applied = requested
        keep = frozenset(  # said this turn, typed or by quick reply to the question asked
            f.split(".", 1)[1]
            for f in {*merged.changed, request.asked or ""}
            if f.startswith("attributes.")
        )
        if not candidates:
            relaxation = self.retriever.relax(query, keep)
            if relaxation is not None and relaxation.constraint != "exclude_ids":
                applied = relaxation.constraints
                candidates = self.retriever(replace(query, constraints=applied))
        elif seen and request.exclude_ids and not clean.text and not merged.changed:
            # "more" when every model that fits has been shown (only other colours are left):
            # loosen the search for new models rather than repeat the same ones
            more = self._new_models(query, candidates, seen, keep)
            if more is not None:
                relaxation, candidates = more
                applied = relaxation.constraints
        clock.lap("retrieve")
        candidates, signals = rerank(
            candidates,
            profile,
            len(candidates) if seen else request.limit,
            config=self.config,
            retriever=self.retriever,
            ranker=self.ranker,
            popularity=self.event_popularity(),
        )
        retriever = self.retriever
        candidates = seen_last(
            candidates, seen, lambda pid: family_of(retriever, pid), request.limit
        )
        currency = self.retriever.currency_
        reasons = personal_reasons(candidates, profile, self.catalog, self.retriever, self.store)

        def reason(p: Product) -> str:
            base = product_reason(
                p,
                applied,
                requested=requested,
                relaxation=relaxation,
                keywords=parsed.keywords,
                currency=currency,
            )
            return with_personal(reasons.get(p.id), base, p)

        scored = tuple(ScoredProduct(c.product, reason(c.product), c.score) for c in candidates)
        clock.lap("rank")
        if self.store is not None and personal:
            self.store.put_dialogue(request.user_id, request.session_id, slots_dict(merged.slots))
        clock.lap("store")
        context = ReplyContext(
            products=scored,
            constraints=applied,
            requested=requested,
            relaxation=relaxation,
            keywords=parsed.keywords,
            currency=currency,
            user_message=clean.text,
            history=history_facts(profile, self.catalog),
            similar_to=self._title(request.similar_to),
        )
        written = self.writer.write(context)
        reply, reply_source = written.text, written.source
        clock.lap("reply")
        question: wire.Question | None = None
        if scored:
            fits = self.retriever.products_matching(applied, frozenset(request.exclude_ids))
            skipped = frozenset({request.asked}) - merged.changed if request.asked else frozenset()
            if reading.alternatives or applied.category is None:
                question = self.questions.category_question(
                    [sp.product for sp in scored] if reading.alternatives else fits,
                    limit=len(reading.alternatives) or self.config.questions.max_options,
                    shown=bool(reading.alternatives),
                )
            else:
                question = self.questions(
                    fits,
                    _wire_preferences(merged).answered(),
                    skipped,
                    category_known=applied.category is not None,
                )
        clock.lap("question")
        logger.info(
            "recommend %s",
            turn_record(
                request,
                trace_id=trace_id,
                message=clean.text,
                latency_ms=(time.perf_counter() - start) * 1000,
                returned=len(scored),
                relaxation=relaxation,
                requested=requested,
                signals=signals,
                reply_source=reply_source,
                stage_cpu_ms=clock.rounded(),
            ),
        )
        return recommend_response(
            reply,
            reply_source,
            scored,
            relaxation,
            applied,
            trace_id,
            preferences=_wire_preferences(merged),
            understanding=understanding,
            question=question,
        )

    def _title(self, product_id: str | None) -> str:
        """The catalog title of ``product_id`` ("" when absent or unknown)."""
        if not product_id or product_id not in self.catalog:
            return ""
        return self.catalog.get(product_id).title

    def _new_models(
        self,
        query: RetrievalQuery,
        candidates: list[Candidate],
        seen: frozenset[str],
        keep: frozenset[str],
    ) -> tuple[RelaxedSearch, list[Candidate]] | None:
        """The relaxation and its candidates when ``candidates`` hold only models (variant
        families) in ``seen``; None when some model is new or nothing can be loosened."""
        retriever = self.retriever
        seen_families = {family_of(retriever, pid) for pid in seen}
        if any(family_of(retriever, c.product.id) not in seen_families for c in candidates):
            return None
        shown = frozenset(
            p.id
            for p, f in zip(retriever.products_, retriever.families_, strict=True)
            if f in seen_families
        )
        found = retriever.relaxed_search(
            replace(query, exclude_ids=query.exclude_ids | shown), keep
        )
        return found if found is not None and found[1] else None

    def _best_in(self, query: RetrievalQuery) -> list[Candidate]:
        """The products of the query's category; when none has every value asked for ("use:
        travel" read from "make calls when I travel", a value only backpacks have), the
        category's closest loosening that keeps the category."""
        found = self.retriever(query)
        if found:
            return found
        relaxed = self.retriever.relaxed_search(query)
        if relaxed is None or relaxed[0].constraints.category != query.constraints.category:
            return []
        return relaxed[1]

    def _side_by_side(self, query: RetrievalQuery, categories: tuple[str, ...]) -> list[Candidate]:
        """The best products of each of ``categories`` in turn (the shopper picks one)."""
        per = [
            self._best_in(replace(query, constraints=replace(query.constraints, category=c)))
            for c in categories
        ]
        out: list[Candidate] = []
        for rank in range(max((len(p) for p in per), default=0)):
            out.extend(p[rank] for p in per if rank < len(p))
        return out[: query.limit]

    # -- personalization ---------------------------------------------------------------------
    def event_popularity(self) -> dict[str, float]:
        """Weighted interaction counts per product from the event store (empty without)."""
        return self.store.popularity(TYPE_WEIGHTS) if self.store is not None else {}

    def profile(
        self, user_id: str, session_id: str | None = None, slots: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """``GET /users/{id}/profile``: slots given, else those of the user's last turn."""
        if slots is None and self.store is not None:
            stored = self.store.get_dialogue(user_id)
            if stored is not None and (session_id is None or stored[0] == session_id):
                session_id, slots = stored[0], stored[1]
        personal = self.store is not None and self.store.personalising(user_id)
        store = self.store if personal else None
        profile = load_profile(self.config, self.catalog, store, user_id, session_id, slots)
        return {**profile.to_dict(self.catalog), "personalised": personal}

    def add_events(self, events: list[Event]) -> dict[str, int]:
        """``POST /events``: store validated events; ``{"accepted", "duplicates"}``, plus
        ``ignored`` when some belonged to users who turned personalisation off (not stored)."""
        if self.store is None:
            raise ServiceUnavailableError("no event store is configured")
        opted_out = self.store.opted_out(e.user_id for e in events)
        kept = [e for e in events if e.user_id not in opted_out]
        accepted, duplicates = self.store.add(kept) if kept else (0, 0)
        result = {"accepted": accepted, "duplicates": duplicates}
        if len(kept) < len(events):
            result["ignored"] = len(events) - len(kept)
        return result

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

    def warm_up(self) -> None:
        """Run each model once so the first user turn does not pay for lazy initialisation."""
        self.parser("wireless headphones under $100")
        self.categories.scores("something for my morning runs")
        self.encoder.encode(["wireless headphones"])
        products = self.popularity(1)
        if products:
            p = products[0]
            c = Constraints(category=p.category)
            self.writer.warm_up(
                ReplyContext((ScoredProduct(p, f"popular in {p.category}", 1.0),), c, c)
            )

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
        products = popular_products(
            self.catalog,
            self.popularity,
            self.event_popularity(),
            limit,
            in_stock_only=self.config.retrieval.in_stock_only,
        )
        return [product_card(p, f"popular in {category_label(p.category)}") for p in products]

    def vocabulary(self) -> wire.CatalogVocabulary:
        """``GET /catalog/vocabulary``."""
        return self.vocab.catalog_vocabulary()

    def health(self) -> dict[str, Any]:
        """``GET /health``."""
        return {"status": "ok", "products": len(self.catalog), "embeddings": self.encoder.name}


def _one_per_category(candidates: list[Candidate]) -> list[Candidate]:
    """The same candidates, the best of each category first."""
    seen: set[str] = set()
    first: list[Candidate] = []
    rest: list[Candidate] = []
    for c in candidates:
        (rest if c.product.category in seen else first).append(c)
        seen.add(c.product.category)
    return first + rest


def _wire_preferences(merged: Merged) -> wire.Preferences:
    """The kept preferences of a turn in their wire shape (what the bot stores as slots)."""
    s = merged.slots
    return wire.Preferences(
        category=s.category,
        brand=s.brand,
        budget_min=s.budget_min,
        budget_max=s.budget_max,
        price_tier=s.price_tier,
        attributes=dict(s.attributes),
        any=frozenset(s.any),
    )
