"""The recommender API's JSON shapes, defined once for the service and its clients.

The service builds its responses with these types (``to_dict``) and the action server parses
them (``from_dict``), so both sides agree on every field. Parsing is lenient where a client
must survive a newer or partly broken server (unknown keys ignored, a bad product skipped)
and strict where a value would be dangerous to guess (a product without id or title).

Documented in docs/API.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

ANY = "any"

#: Fields a shopper can state, in the order the assistant cares about them.
PREFERENCE_FIELDS = ("category", "brand", "budget")

#: How the latest message relates to a product search (``Understanding.need``).
NEEDS = ("category", "use", "gift", "brand", "refinement", "browse", "none")


def opt_str(value: Any) -> str | None:
    """A non-empty stripped string, or None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def opt_float(value: Any) -> float | None:
    """A finite float, or None (booleans and NaN are not numbers here)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def str_map(value: Any) -> dict[str, str]:
    """A flat ``{str: str}`` from any mapping (None values dropped), else ``{}``."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): str(v) for k, v in value.items() if v is not None and str(k)}


@dataclass(frozen=True)
class ProductCard:
    """One product as the service returns it; every fact the bot states comes from here."""

    id: str
    title: str
    brand: str = ""
    category: str = ""
    price: float | None = None
    currency: str = "USD"
    url: str = ""
    image: str = ""
    reason: str = ""
    description: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    in_stock: bool = True

    @classmethod
    def from_dict(cls, data: Any) -> ProductCard:
        """Parse contract JSON; raises ``ValueError`` when id or title is missing."""
        if not isinstance(data, Mapping):
            raise ValueError("product is not an object")
        pid, title = opt_str(data.get("id")), opt_str(data.get("title"))
        if pid is None or title is None:
            raise ValueError("product without id or title")
        return cls(
            id=pid,
            title=title,
            brand=opt_str(data.get("brand")) or "",
            category=opt_str(data.get("category")) or "",
            price=opt_float(data.get("price")),
            currency=opt_str(data.get("currency")) or "USD",
            url=opt_str(data.get("url")) or "",
            image=opt_str(data.get("image")) or "",
            reason=opt_str(data.get("reason")) or "",
            description=opt_str(data.get("description")) or "",
            attributes=str_map(data.get("attributes")),
            in_stock=bool(data.get("in_stock", True)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The card fields (what chat widgets render and slots keep)."""
        return {
            "id": self.id,
            "title": self.title,
            "brand": self.brand,
            "category": self.category,
            "price": self.price,
            "currency": self.currency,
            "url": self.url,
            "image": self.image,
            "reason": self.reason,
        }


def product_cards(items: Any) -> tuple[ProductCard, ...]:
    """Every usable product of a JSON list (unusable ones are skipped); ``ValueError`` if
    ``items`` is not a list."""
    if not isinstance(items, list):
        raise ValueError("'products' is not a list")
    out = []
    for item in items:
        try:
            out.append(ProductCard.from_dict(item))
        except ValueError:
            continue
    return tuple(out)


@dataclass(frozen=True)
class Relaxation:
    """The constraint the service loosened because nothing satisfied it, and why."""

    constraint: str
    message: str
    relaxed: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Any) -> Relaxation | None:
        if not isinstance(data, Mapping) or not opt_str(data.get("message")):
            return None
        relaxed = data.get("relaxed")
        return cls(
            constraint=opt_str(data.get("constraint")) or "",
            message=str(data["message"]).strip(),
            relaxed=tuple(str(r) for r in relaxed) if isinstance(relaxed, list) else (),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "constraint": self.constraint,
            "relaxed": list(self.relaxed),
            "message": self.message,
        }


@dataclass(frozen=True)
class Preferences:
    """What the shopper wants, as the conversation keeps it between turns (the slots).

    ``budget_min``/``budget_max`` are amounts the shopper said; ``price_tier`` ("low" or
    "high") a qualitative wish ("cheap") that the service turns into a price range per
    category; ``any`` names fields the shopper explicitly does not care about ("brand",
    "budget", "attributes.color").
    """

    category: str | None = None
    brand: str | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    price_tier: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    any: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: Any) -> Preferences:
        """Lenient parse: wrong types become "not stated"."""
        if not isinstance(data, Mapping):
            return cls()
        anys = data.get("any")
        tier = opt_str(data.get("price_tier"))
        return cls(
            category=opt_str(data.get("category")),
            brand=opt_str(data.get("brand")),
            budget_min=opt_float(data.get("budget_min")),
            budget_max=opt_float(data.get("budget_max")),
            price_tier=tier if tier in ("low", "high") else None,
            attributes=str_map(data.get("attributes")),
            any=frozenset(str(a) for a in anys) if isinstance(anys, list) else frozenset(),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "brand": self.brand,
            "budget_min": self.budget_min,
            "budget_max": self.budget_max,
            "price_tier": self.price_tier,
            "attributes": dict(self.attributes),
            "any": sorted(self.any),
        }

    def answered(self) -> frozenset[str]:
        """Fields the shopper has settled: a value or an explicit "any"."""
        out = set(self.any)
        if self.category:
            out.add("category")
        if self.brand:
            out.add("brand")
        if self.budget_min is not None or self.budget_max is not None or self.price_tier:
            out.add("budget")
        out.update(f"attributes.{k}" for k in self.attributes)
        return frozenset(out)


@dataclass(frozen=True)
class Option:
    """A quick reply: what the button says and the value it sets."""

    title: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "value": self.value}


@dataclass(frozen=True)
class Question:
    """The one refining question of a turn and its quick replies.

    ``field`` is ``category``, ``brand``, ``budget`` or ``attributes.<name>``; an option's
    ``value`` is a catalog value, a budget phrase ("under 100") or ``"any"``.
    """

    field: str
    text: str
    options: tuple[Option, ...] = ()

    @classmethod
    def from_dict(cls, data: Any) -> Question | None:
        if not isinstance(data, Mapping):
            return None
        name, text = opt_str(data.get("field")), opt_str(data.get("text"))
        if name is None or text is None:
            return None
        options = []
        for item in data.get("options") or []:
            if isinstance(item, Mapping):
                title, value = opt_str(item.get("title")), opt_str(item.get("value"))
                if title and value:
                    options.append(Option(title, value))
        return cls(field=name, text=text, options=tuple(options))

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "text": self.text,
            "options": [o.to_dict() for o in self.options],
        }


@dataclass(frozen=True)
class Understanding:
    """How the service read the latest message.

    Attributes:
        need: ``category`` (names a category), ``use`` (a use or interest the catalog
            matches), ``gift`` (a present, no category), ``brand`` (only a brand),
            ``refinement`` (changes or continues a search under way), ``browse`` (an empty
            request with nothing kept: personal or popular picks), ``none`` (not a product
            need).
        changed: preference fields the message set or changed.
        score: similarity of the message to the best matching category (0 when not used).
    """

    need: str = "none"
    changed: tuple[str, ...] = ()
    score: float = 0.0

    @property
    def is_product_need(self) -> bool:
        return self.need != "none"

    @classmethod
    def from_dict(cls, data: Any) -> Understanding:
        if not isinstance(data, Mapping):
            return cls()
        need = opt_str(data.get("need")) or "none"
        changed = data.get("changed")
        return cls(
            need=need if need in NEEDS else "none",
            changed=tuple(str(c) for c in changed) if isinstance(changed, list) else (),
            score=opt_float(data.get("score")) or 0.0,
        )

    def to_dict(self) -> dict[str, Any]:
        return {"need": self.need, "changed": list(self.changed), "score": round(self.score, 4)}


@dataclass(frozen=True)
class RecommendResponse:
    """``POST /recommend``: the reply, the products, and what the service understood."""

    reply: str
    products: tuple[ProductCard, ...]
    preferences: Preferences = field(default_factory=Preferences)
    understanding: Understanding = field(default_factory=Understanding)
    question: Question | None = None
    relaxation: Relaxation | None = None
    applied: dict[str, Any] = field(default_factory=dict)
    reply_source: str = "template"
    trace_id: str = ""

    @classmethod
    def from_dict(cls, data: Any) -> RecommendResponse:
        """Parse a response; ``ValueError`` when it is not an object or has no product list."""
        if not isinstance(data, Mapping):
            raise ValueError("/recommend did not return an object")
        applied = data.get("applied")
        return cls(
            reply=str(data.get("reply") or ""),
            products=product_cards(data.get("products", [])),
            preferences=Preferences.from_dict(data.get("preferences")),
            understanding=Understanding.from_dict(data.get("understanding")),
            question=Question.from_dict(data.get("question")),
            relaxation=Relaxation.from_dict(data.get("relaxation")),
            applied=dict(applied) if isinstance(applied, Mapping) else {},
            reply_source=opt_str(data.get("reply_source")) or "template",
            trace_id=opt_str(data.get("trace_id")) or "",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "reply": self.reply,
            "reply_source": self.reply_source,
            "products": [p.to_dict() for p in self.products],
            "preferences": self.preferences.to_dict(),
            "understanding": self.understanding.to_dict(),
            "question": self.question.to_dict() if self.question else None,
            "relaxation": self.relaxation.to_dict() if self.relaxation else None,
            "applied": dict(self.applied),
            "trace_id": self.trace_id,
        }


@dataclass(frozen=True)
class RecommendRequest:
    """``POST /recommend`` body, as clients send it.

    Attributes:
        user_id: who asks (for personalization).
        message: the latest shopper message ("" for a button or a "show more").
        context: earlier messages of the same search, for ranking only.
        preferences: the preferences kept from earlier turns (the slots).
        asked: the field the assistant asked about last turn, so a bare answer ("80",
            "any", "over-ear") is read as its answer.
        exclude_ids: products not to show again.
        seen_ids: products the shopper has already seen in this conversation; ones that
            still fit come after unseen ones ("over-ear" after three over-ear headphones
            were shown brings three new ones).
        limit: how many products.
        session_id: the conversation session (this session's events count double).
        probe: the bot is not sure the message is a product request (its NLU fell back);
            the service then answers with products only for a clear product need.
        similar_to: id of the product a "more like this" request starts from (the reply
            then says what the products are like).
    """

    user_id: str
    message: str = ""
    context: str = ""
    preferences: Preferences = field(default_factory=Preferences)
    asked: str | None = None
    exclude_ids: tuple[str, ...] = ()
    limit: int = 3
    session_id: str | None = None
    probe: bool = False
    seen_ids: tuple[str, ...] = ()
    similar_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "user_id": self.user_id,
            "message": self.message,
            "context": self.context,
            "slots": self.preferences.to_dict(),
            "exclude_ids": list(self.exclude_ids),
            "limit": self.limit,
        }
        if self.asked:
            body["asked"] = self.asked
        if self.session_id:
            body["session_id"] = self.session_id
        if self.probe:
            body["probe"] = True
        if self.seen_ids:
            body["seen_ids"] = list(self.seen_ids)
        if self.similar_to:
            body["similar_to"] = self.similar_to
        return body


@dataclass(frozen=True)
class FaqReply:
    """``POST /faq``: the knowledge-base passage that answers a question, or "don't know".

    Attributes:
        answer: the passage text, word for word; ``None`` when the service abstains.
        source: where the answer comes from (URL or ``document › title``), ``None`` if no answer.
        confidence: calibrated probability that the best passage answers the question, also
            when the service abstains.
        answered: the service's decision at its threshold (never true without an answer).
        passage_id: id of the answer passage, ``None`` if no answer.
        topic: topic of the best passage, also when the service abstains (the action server
            checks it against the NLU's help topic).
    """

    answer: str | None
    source: str | None
    confidence: float
    answered: bool
    passage_id: str | None = None
    topic: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> FaqReply:
        """Lenient parse; ``ValueError`` when the body is not an object."""
        if not isinstance(data, Mapping):
            raise ValueError("/faq did not return an object")
        answer = opt_str(data.get("answer"))
        return cls(
            answer=answer,
            source=opt_str(data.get("source")),
            confidence=opt_float(data.get("confidence")) or 0.0,
            answered=bool(data.get("answered")) and answer is not None,
            passage_id=opt_str(data.get("passage_id")),
            topic=opt_str(data.get("topic")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "source": self.source,
            "confidence": self.confidence,
            "answered": self.answered,
            "passage_id": self.passage_id,
            "topic": self.topic,
        }


def _str_tuple(value: Any) -> tuple[str, ...]:
    """The non-empty items of a JSON list as strings; ``()`` for anything else."""
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(v) for v in value if v)


@dataclass(frozen=True)
class CatalogVocabulary:
    """``GET /catalog/vocabulary``: the words of the catalog the service serves.

    Attributes:
        categories: the catalog's categories.
        brands: the catalog's brands.
        category_synonyms: shopper phrase (lower case) -> category.
        attributes: attribute name -> its catalog values.
        price_quantiles: category -> (cheap max, premium min) prices; ``"*"`` for the whole
            catalog.
    """

    categories: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    category_synonyms: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    price_quantiles: dict[str, tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Any) -> CatalogVocabulary:
        """Lenient parse (bad entries dropped); ``ValueError`` when the body is not an object."""
        if not isinstance(data, Mapping):
            raise ValueError("/catalog/vocabulary did not return an object")
        synonyms = data.get("category_synonyms")
        attributes = data.get("attributes")
        quantiles = {}
        raw = data.get("price_quantiles")
        for scope, q in raw.items() if isinstance(raw, Mapping) else ():
            if isinstance(q, Mapping):
                low, high = opt_float(q.get("cheap_max")), opt_float(q.get("premium_min"))
                if low is not None and high is not None:
                    quantiles[str(scope)] = (low, high)
        return cls(
            categories=_str_tuple(data.get("categories")),
            brands=_str_tuple(data.get("brands")),
            category_synonyms=(
                {str(k).lower(): str(v) for k, v in synonyms.items()}
                if isinstance(synonyms, Mapping)
                else {}
            ),
            attributes=(
                {str(k): _str_tuple(v) for k, v in attributes.items()}
                if isinstance(attributes, Mapping)
                else {}
            ),
            price_quantiles=quantiles,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "categories": list(self.categories),
            "brands": list(self.brands),
            "category_synonyms": dict(sorted(self.category_synonyms.items())),
            "attributes": {k: list(v) for k, v in sorted(self.attributes.items())},
            "price_quantiles": {
                k: {"cheap_max": lo, "premium_min": hi}
                for k, (lo, hi) in sorted(self.price_quantiles.items())
            },
        }
