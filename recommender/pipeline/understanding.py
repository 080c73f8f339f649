"""What kind of product need the latest message states, and for which category.

Order of evidence:

1. a category named by the shopper ("headphones", "earbuds") decides;
2. otherwise the message's content words (a use, an interest: "for my morning runs", "who
   loves music") are compared with each category's products (:mod:`category_match`); a
   category found through a product tag ("hiking") only gets a head start there;
3. the best category is taken when it leads the runner-up by ``needs.margin``; when it does
   not, the closest ``needs.alternatives`` categories are shown side by side and the shopper
   is asked which one;
4. a present with nothing more to go on ("a gift for my sister under 50") gets popular picks
   across categories; a brand alone searches that brand everywhere; an empty request with
   nothing kept browses personal or popular picks; a message that only changes a search under
   way refines it.

``probe`` is set when the bot is not sure the message is a product request at all (the NLU
fell back, or called it out of scope): then a question ("how do I ...?") is no need unless it
names a category, and the content must reach ``needs.probe_threshold`` similarity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from genrec_core.answers import asks_for_products
from recommender.config import NeedConfig
from recommender.pipeline.category_match import CategoryMatcher
from recommender.pipeline.merging import Merged
from recommender.pipeline.schemas import ParsedPreferences, canonical_value
from recommender.pipeline.text import GIFT_WORDS, names_recipient
from recommender.pipeline.vocabulary import Vocabulary


@dataclass(frozen=True)
class NeedReading:
    """How the latest message relates to a product search.

    Attributes:
        need: ``category``, ``use``, ``gift``, ``brand``, ``refinement``, ``browse`` or
            ``none`` (see :class:`genrec_core.wire.Understanding`).
        score: similarity of the content to the chosen category (0 when not used).
        alternatives: categories shown side by side when the best one is not clear.
    """

    need: str
    score: float = 0.0
    alternatives: tuple[str, ...] = ()


def content_words(parsed: ParsedPreferences) -> tuple[str, ...]:
    """Keywords that say something about the product (not who it is for)."""
    return tuple(k for k in parsed.keywords if k not in GIFT_WORDS)


def read_need(
    text: str,
    parsed: ParsedPreferences,
    merged: Merged,
    matcher: CategoryMatcher,
    vocab: Vocabulary,
    config: NeedConfig,
    *,
    probe: bool = False,
    searching: bool = False,
    kept_category: str | None = None,
) -> tuple[NeedReading, Merged]:
    """Classify the message and, for a use or gift, put the category into the preferences.

    Args:
        text: the normalized message ("" for a button or "show more").
        parsed: what the parser read in it.
        merged: kept preferences merged with the message.
        matcher: scores categories against content words.
        vocab: turns a price tier into a range for the chosen category.
        config: thresholds.
        probe: the NLU was not sure this is a product request.
        searching: preferences were kept from earlier turns.
        kept_category: the category of the search under way, if any.
    """
    if parsed.category is not None and not parsed.category_from_tag:
        return NeedReading("category"), merged
    tag_only = parsed.category is None or parsed.category_from_tag
    if kept_category is not None and merged.constraints.category is not None and tag_only:
        refines = bool(merged.changed) or not text
        return NeedReading("refinement" if refines else "none"), merged
    content = content_words(parsed)
    if probe and parsed.question and tag_only and not asks_for_products(text):
        return NeedReading("none"), merged  # unsure NLU and a question: not a request to buy
    if content or parsed.category is not None:
        scores = matcher.scores(parsed.query_text or text)
        # "something to carry my laptop": the shopper has a laptop; a bag is the need
        scores = [s for s in scores if s.category not in parsed.owned] or scores
        if parsed.category is not None:  # a product tag gives its category a head start
            scores = sorted(
                (replace(s, score=s.score + config.tag_bonus) if s.category == parsed.category else s
                 for s in scores),
                key=lambda s: (-s.score, s.category),
            )  # fmt: skip
        # unsure NLU: the content must be closer, unless the message says who it is for
        floor = config.probe_threshold if probe and not names_recipient(text) else config.threshold
        if scores and scores[0].score >= floor:
            need = "gift" if parsed.gift else "use"
            best = scores[0]
            runner_up = scores[1].score if len(scores) > 1 else -1.0
            if best.score - runner_up >= config.margin:
                return NeedReading(need, best.score), with_category(merged, best.category, vocab)
            close = tuple(s.category for s in scores[: config.alternatives])
            if kept_category is None and merged.constraints.category != close[0]:
                # side by side: a tag's category that is not the closest one is no choice
                merged = without_category(merged)  # ("works" in "200 works" is no work bag)
            return NeedReading(need, best.score, close), merged
    if parsed.gift and not probe:
        return NeedReading("gift"), merged
    if parsed.brand is not None:
        return NeedReading("brand"), merged
    if merged.changed and searching:
        return NeedReading("refinement"), merged
    if not text and not probe:
        return NeedReading("refinement" if searching else "browse"), merged
    return NeedReading("none"), merged


def with_category(merged: Merged, category: str, vocab: Vocabulary) -> Merged:
    """``merged`` with ``category`` chosen for the shopper (a tier follows its prices, and
    attributes its products do not have are dropped)."""
    names = vocab.category_attributes.get(category, frozenset())
    attributes = {k: v for k, v in merged.constraints.attributes.items() if k in names}
    constraints = replace(merged.constraints, category=category, attributes=attributes)
    if merged.slots.price_tier is not None:
        lo, hi = vocab.tier_budget(merged.slots.price_tier, category)
        constraints = replace(constraints, budget_min=lo, budget_max=hi)
    return Merged(
        slots=replace(
            merged.slots,
            category=category,
            attributes={k: v for k, v in merged.slots.attributes.items() if k in names},
        ),
        constraints=constraints,
        changed=merged.changed | {"category"},
    )


def without_category(merged: Merged) -> Merged:
    """``merged`` with no category (the kept budget, brand and attributes stay)."""
    if merged.constraints.category is None and merged.slots.category is None:
        return merged
    return Merged(
        slots=replace(merged.slots, category=None),
        constraints=replace(merged.constraints, category=None),
        changed=merged.changed - {"category"},
    )


def with_attributes(merged: Merged, found: dict[str, str]) -> Merged:
    """``merged`` plus the attribute values in ``found`` it does not hold yet."""
    new = {k: canonical_value(v) for k, v in found.items() if k not in merged.slots.attributes}
    if not new:
        return merged
    said = {f"attributes.{k}" for k in new}
    return Merged(
        slots=replace(
            merged.slots, attributes={**merged.slots.attributes, **new}, any=merged.slots.any - said
        ),
        constraints=replace(
            merged.constraints, attributes={**merged.constraints.attributes, **new}
        ),
        changed=merged.changed | said,
    )


def switched_category(merged: Merged, category: str, vocab: Vocabulary) -> Merged:
    """``merged`` moved to ``category`` because what the latest message asked for (a brand,
    an attribute value) exists only there: the budget and what this message said stay; the
    brand and attributes said for the old category, and the questions declined there, go."""
    attributes = {
        k: v for k, v in merged.slots.attributes.items() if f"attributes.{k}" in merged.changed
    }
    brand = merged.slots.brand if "brand" in merged.changed else None
    anys = frozenset(a for a in merged.slots.any if a == "budget" or a in merged.changed)
    constraints = replace(
        merged.constraints,
        category=category,
        brand=brand,
        attributes={k: v for k, v in merged.constraints.attributes.items() if k in attributes},
    )
    if merged.slots.price_tier is not None:
        lo, hi = vocab.tier_budget(merged.slots.price_tier, category)
        constraints = replace(constraints, budget_min=lo, budget_max=hi)
    return Merged(
        slots=replace(
            merged.slots, category=category, brand=brand, attributes=attributes, any=anys
        ),
        constraints=constraints,
        changed=merged.changed | {"category"},
    )
