"""Plain data passed between the turn components: preferences, constraints, candidates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from genrec_core import wire
from recommender.data.catalog import Product

PriceTier = Literal["low", "high"]

#: Slot value meaning "the user explicitly does not care" (no constraint, text may not fill it).
ANY = "any"

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "on"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "off"})


def canonical_value(value: object) -> str:
    """Attribute value as compared by filters: lower-case, trimmed, booleans as ``yes``/``no``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = " ".join(str(value).split()).lower()
    if text in TRUE_WORDS:
        return "yes"
    if text in FALSE_WORDS:
        return "no"
    return text


_VALUE_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")


def value_tokens(value: object) -> frozenset[str]:
    """Words and numbers of an attribute value: ``"Black/Grey"`` -> ``{"black", "grey"}``,
    ``"16GB"`` -> ``{"16", "gb"}``, ``"over-ear"`` -> ``{"over", "ear"}``."""
    return frozenset(_VALUE_TOKEN_RE.findall(canonical_value(value)))


def attribute_matches(product_value: object, wanted: object) -> bool:
    """Whether a product's attribute value satisfies a wanted value.

    ``yes``/``no`` must be equal; otherwise every word of the wanted value must occur in the
    product's value, so "black" matches "Matte Black" and "black/grey", "over ear" matches
    "over-ear", but "in-ear" does not match "over-ear" and "16 gb" does not match "216 GB".
    """
    want = canonical_value(wanted)
    have = canonical_value(product_value)
    if want in ("yes", "no") or have in ("yes", "no"):
        return want == have
    tokens = value_tokens(want)
    return bool(tokens) and tokens <= value_tokens(have)


@dataclass(frozen=True)
class ParsedPreferences:
    """What one text says about the wanted product; ``None``/empty means not mentioned.

    ``budget_min``/``budget_max`` are amounts the text states; ``price_tier`` records a
    qualitative wish ("cheap", "premium") whose range depends on the category, so the service
    resolves it after merging with the slots. ``any_of`` names the fields the text declines
    ("any brand", "the colour doesn't matter"); ``gift`` marks a present for someone.
    """

    category: str | None = None
    brand: str | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    price_tier: PriceTier | None = None
    keywords: tuple[str, ...] = ()
    query_text: str = ""  # the text without its budget phrases, for semantic ranking
    category_from_tag: bool = False  # found through a product tag, not a category name
    any_of: frozenset[str] = frozenset()
    gift: bool = False
    question: bool = False  # phrased as a question ("how do I ...?"), not as a request
    owned: frozenset[str] = frozenset()  # categories of what the shopper has ("my laptop")

    def stated(self) -> frozenset[str]:
        """Fields this text sets: ``category``, ``brand``, ``budget``, ``attributes.<name>``."""
        out = {f for f in ("category", "brand") if getattr(self, f)}
        if self.budget_min is not None or self.budget_max is not None or self.price_tier:
            out.add("budget")
        out.update(f"attributes.{k}" for k in self.attributes)
        return frozenset(out | self.any_of)

    def to_dict(self) -> dict[str, Any]:
        """JSON form returned by ``POST /parse``."""
        return {
            "category": self.category,
            "brand": self.brand,
            "budget_min": self.budget_min,
            "budget_max": self.budget_max,
            "attributes": dict(self.attributes),
            "price_tier": self.price_tier,
            "any": sorted(self.any_of),
            "gift": self.gift,
        }


@dataclass(frozen=True)
class Slots:
    """Preferences kept from earlier turns. ``None`` = not set; a key in ``any`` = explicitly
    any (``brand``, ``budget``, ``attributes.<name>``); ``price_tier`` a "cheap"/"premium" wish
    without numbers."""

    category: str | None = None
    brand: str | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    any: frozenset[str] = frozenset()
    price_tier: PriceTier | None = None

    def is_empty(self) -> bool:
        """True when nothing is kept yet (no search under way)."""
        return self == Slots()


@dataclass(frozen=True)
class Constraints:
    """Hard filters a returned product must satisfy; ``None``/empty = no filter on that field.

    ``price_tier`` says the budget bounds come from a "cheap"/"premium" wish, not from an
    amount the shopper said (a reply must not claim they named a number).
    """

    category: str | None = None
    brand: str | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    price_tier: PriceTier | None = None

    @property
    def stated_budget(self) -> tuple[float | None, float | None]:
        """The budget bounds the shopper said themselves ((None, None) for a tier)."""
        if self.price_tier is not None:
            return (None, None)
        return (self.budget_min, self.budget_max)

    def without(self, *names: str) -> Constraints:
        """Copy with the named constraints removed (``attributes.<key>`` drops one attribute)."""
        changes: dict[str, Any] = {}
        attrs = dict(self.attributes)
        for name in names:
            if name == "attributes":
                attrs = {}
            elif name.startswith("attributes."):
                attrs.pop(name.split(".", 1)[1], None)
            else:
                changes[name] = None
        if "budget_min" in changes or "budget_max" in changes:
            changes["price_tier"] = None
        return replace(self, attributes=attrs, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The ``applied`` object of a ``/recommend`` response (only set constraints)."""
        out: dict[str, Any] = {}
        for name in ("category", "brand", "budget_min", "budget_max"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.attributes:
            out["attributes"] = dict(self.attributes)
        if self.price_tier is not None:
            out["price_tier"] = self.price_tier
        return out


@dataclass(frozen=True)
class RetrievalQuery:
    """One retrieval request: free text to rank by, hard constraints and exclusions."""

    text: str
    constraints: Constraints = field(default_factory=Constraints)
    exclude_ids: frozenset[str] = frozenset()
    limit: int = 3


@dataclass(frozen=True)
class Candidate:
    """A product that passed every hard filter, with its similarity to the query."""

    product: Product
    score: float
    row: int


@dataclass(frozen=True)
class RelaxedSearch:
    """What had to be loosened because nothing satisfied the stated constraints.

    Attributes:
        constraint: the main relaxed constraint (``budget_max``, ``brand``, ``attributes.color``...).
        relaxed: every relaxed constraint, most important last.
        message: short, catalog-grounded explanation for the user.
        constraints: the loosened constraints the returned products satisfy.
    """

    constraint: str
    relaxed: tuple[str, ...]
    message: str
    constraints: Constraints

    def to_wire(self) -> wire.Relaxation:
        """The ``relaxation`` object of a ``/recommend`` response (without the constraints)."""
        return wire.Relaxation(self.constraint, self.message, tuple(self.relaxed))


@dataclass(frozen=True)
class RecommendRequest:
    """A validated ``POST /recommend`` body."""

    user_id: str
    message: str = ""
    slots: Slots = field(default_factory=Slots)
    exclude_ids: tuple[str, ...] = ()
    limit: int = 3
    session_id: str | None = None
    context: str = ""  # earlier messages of the same search (ranking only)
    asked: str | None = None  # the field the assistant asked about last turn
    probe: bool = False  # the bot is not sure the message is a product request
    seen_ids: tuple[str, ...] = ()  # shown earlier: still eligible, after unseen products
    similar_to: str | None = None  # product id a "more like this" request starts from


@dataclass(frozen=True)
class ScoredProduct:
    """A product chosen for the reply with its grounded reason."""

    product: Product
    reason: str
    score: float


@dataclass(frozen=True)
class History:
    """What a reply may cite from the shopper's behaviour (titles and brands, most recent first)."""

    purchased: tuple[str, ...] = ()
    viewed: tuple[str, ...] = ()
    liked_brands: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReplyContext:
    """Everything a reply writer may use; every fact in it comes from the catalog or the request.

    The one context the pipeline hands to any ``ReplyWriter`` (template or generative).
    ``similar_to`` is the title of the product a "more like this" turn started from.
    """

    products: tuple[ScoredProduct, ...]
    constraints: Constraints  # applied (after any relaxation)
    requested: Constraints = field(default_factory=Constraints)  # as stated by the user
    relaxation: RelaxedSearch | None = None
    keywords: tuple[str, ...] = ()
    currency: str = "USD"
    user_message: str = ""  # the cleaned latest message
    history: History = field(default_factory=History)
    similar_to: str = ""
