"""Stage 3: turn generated text into a safe plain-text reply, or reject it.

Every product name, brand, price, attribute value and number in a reply must come from this
turn's facts (its products and the shopper's own profile). Discount codes, links, e-mail
addresses, phone numbers and talk of other customers are always rejected, even when the
catalog text contains them. "You mentioned $X" / "as you said, <brand>" must be in the
shopper's message. The turn's facts are its slots, every short attribute and tag of its
products, the relaxation notice the service wrote and the "more like this" anchor title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from recommender.data.catalog import Product
from recommender.models.generation.slots import SLOT_RE, SlotTable, is_attribute_value
from recommender.models.generation.types import ReplyContext
from recommender.models.generation.units import with_unit

_NUMBER_RE = re.compile(r"(?<![\w.])([$€£])?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
_URL_RE = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|co|shop|example)\b", re.I
)
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_PHONE_RE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
_CODE_RE = re.compile(
    r"\b(?:discount|coupon|promo|voucher|promotion)\w*\b|\bcode\b|\b\d+\s*%|\bpercent\s+off\b"
    r"|\bfree\s+(?:shipping|gift)\b",
    re.I,
)
_PEOPLE_RE = re.compile(
    r"\b(?:other|another|previous|last|their)\s+(?:customer|shopper|user|buyer)s?\b"
    r"|\b(?:address|password|credit card|phone number|order history)\b|\bsystem prompt\b"
    r"|\binstructions?\b|\badmin\b",
    re.I,
)
_BUDGET_CLAIM = re.compile(
    r"\b(?:under|within|below|fits?|inside|keeps? you below|stays?)\b.*?\bbudget\b"
    r"|\b(?:under|below)\s+(?:your\s+)?[$€£]",
    re.I,
)
_SAID_RE = re.compile(
    r"\byou(?:'ve)? (?:mentioned|said|told me|asked for|wrote|specified)\b|\bas you (?:said|mentioned)\b",
    re.I,
)
_TAG_RE = re.compile(r"<\|[^|>]{0,40}\|>|<[^<>]{0,200}>")
_MD_RE = re.compile(r"[*_`#~]+")
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*|\w*\d\w*")
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
COMMON_CAPITALS = frozenset(
    [
        "i",
        "i'm",
        "i'd",
        "i'll",
        "i've",
        "ok",
        "first",
        "then",
        "finally",
        "also",
        "and",
        "but",
        "so",
        "sure",
        "good",
        "great",
        "here",
        "these",
        "this",
        "it",
        "it's",
        "its",
        "they",
        "you",
        "your",
        "yes",
        "no",
    ]
)


def to_plain_text(text: str, max_chars: int) -> str:
    """Strip markup and chat markers, collapse whitespace, cap length at a sentence end."""
    text = _TAG_RE.sub(" ", text)
    text = _MD_RE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > max_chars // 3 else cut.rsplit(" ", 1)[0] + "…"


def catalog_facts(ctx: ReplyContext) -> list[str]:
    """Every short attribute (key and value) and tag of this turn's products: catalog facts.

    Long values are description-like text, never facts (as for slots: ``is_attribute_value``).
    A bare number whose key names its unit is also the fact with that unit
    (``battery_hours 57``: "57 hours").
    """
    out = []
    for c in ctx.products:
        p = c.product
        attrs = [(k, str(v)) for k, v in p.attributes.items()]
        out += [f"{k.replace('_', ' ')} {v}" for k, v in attrs if is_attribute_value(v)]
        out += [with_unit(k, v) for k, v in attrs if with_unit(k, v) != v]
        out += [t for t in p.tags if is_attribute_value(t)]
    return out


def _numbers(text: str) -> list[tuple[str, float, int]]:
    """``(symbol, value, position)`` for every number in ``text``."""
    found = []
    for m in _NUMBER_RE.finditer(text):
        whole = m.group(2).replace(",", "")
        value = float(f"{whole}.{m.group(3)}") if m.group(3) else float(whole)
        found.append((m.group(1) or "", value, m.start()))
    return found


@dataclass(frozen=True)
class FactVocabulary:
    """Catalog-wide names that a reply may only use when this turn's facts contain them."""

    brands: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    attribute_values: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()

    @classmethod
    def from_products(cls, products: Iterable[Product]) -> FactVocabulary:
        """Collect brands, titles and attribute values (lower-cased) from a catalog."""
        brands, titles, values, categories = set(), set(), set(), set()
        for p in products:
            brands.add(p.brand.lower())
            categories.add(re.sub(r"[-_]+", " ", p.category.lower()))
            titles.add(p.title.lower())
            for v in p.attributes.values():
                v = str(v).lower()
                if len(v) >= 3 and v not in ("yes", "no"):
                    values.add(v)
        return cls(frozenset(brands), frozenset(titles), frozenset(values), frozenset(categories))


@dataclass(frozen=True)
class Verdict:
    """Result of verifying one reply."""

    ok: bool
    problems: tuple[str, ...] = field(default_factory=tuple)


class ReplyVerifier:
    """Checks a filled reply against one turn's facts (see module docstring)."""

    def __init__(self, vocabulary: FactVocabulary | None = None) -> None:
        self.vocabulary = vocabulary or FactVocabulary()

    def __call__(self, text: str, ctx: ReplyContext, slots: SlotTable) -> Verdict:
        """Verify ``text`` (placeholders already filled) for turn ``ctx``."""
        problems: list[str] = []
        low = text.lower()
        if len(text.strip()) < 10:
            problems.append("empty reply")
        for m in SLOT_RE.finditer(text):
            problems.append(f"unfilled slot {m.group(0)}")
        notes = [ctx.notice, ctx.similar_to]  # the service's relaxation notice and anchor title
        facts_text = " \n ".join([*slots.values.values(), *catalog_facts(ctx), *notes])
        facts_low = facts_text.lower()
        allowed_urls = {c.product.url.lower() for c in ctx.products if c.product.url}
        for m in _URL_RE.finditer(text):
            if m.group(0).lower().rstrip(".,)") not in allowed_urls:
                problems.append(f"link {m.group(0)!r}")
        for rx, what in (
            (_EMAIL_RE, "e-mail"),
            (_PHONE_RE, "phone number"),
            (_CODE_RE, "discount/code talk"),
            (_PEOPLE_RE, "out-of-scope talk"),
        ):
            for m in rx.finditer(text):
                if rx is _CODE_RE or m.group(0).lower() not in facts_low:
                    problems.append(f"{what} {m.group(0)!r}")
                    break
        problems += self._numbers(text, ctx, slots, facts_text)
        problems += self._names(text, low, facts_low)
        problems += self._attribution(low, ctx)
        problems += self._budget_claims(text, ctx)
        problems += self._unsaid(text, ctx)
        for i, chosen in enumerate(ctx.products, 1):
            if chosen.product.title.lower() not in low:
                problems.append(f"product P{i} not named")
        return Verdict(not problems, tuple(problems))

    def _numbers(self, text: str, ctx: ReplyContext, slots: SlotTable, facts: str) -> list[str]:
        allowed = {v for _, v, _ in _numbers(facts)}
        allowed |= {float(i) for i in range(1, len(ctx.products) + 1)}  # counts, list numbers
        money = {round(c.product.price, 2) for c in ctx.products}
        if ctx.profile.budget is not None:
            money.add(round(ctx.profile.budget, 2))
        money |= {round(v, 2) for s, v, _ in _numbers(ctx.notice) if s}  # the relaxation notice
        problems = []
        for symbol, value, pos in _numbers(text):
            if symbol:
                if round(value, 2) not in money:
                    problems.append(f"price {symbol}{value:g} not in this turn's facts")
                    continue
                owner = self._owner(text, pos, ctx)
                if owner is not None and round(value, 2) not in (
                    round(owner.price, 2),
                    round(ctx.profile.budget or -1.0, 2),
                ):
                    problems.append(f"price {symbol}{value:g} belongs to another product")
            elif value not in allowed:
                problems.append(f"number {value:g} not in this turn's facts")
        return problems

    @staticmethod
    def _owner(text: str, pos: int, ctx: ReplyContext) -> Product | None:
        """The product whose title appears last before ``pos`` in the same sentence."""
        start = max(text.rfind(". ", 0, pos), text.rfind("! ", 0, pos), text.rfind("? ", 0, pos))
        window = text[start + 1 : pos].lower()
        best, best_end = None, -1
        for c in ctx.products:
            title = c.product.title.lower()
            at = window.rfind(title)
            if at >= 0 and at + len(title) > best_end:
                best, best_end = c.product, at + len(title)
        return best

    def _names(self, text: str, low: str, facts_low: str) -> list[str]:
        problems = []
        voc = self.vocabulary
        for group, what in (
            (voc.titles, "product"),
            (voc.brands, "brand"),
            (voc.attribute_values, "attribute value"),
            (voc.categories, "category"),
        ):
            for name in group:
                if (
                    name in low
                    and name not in facts_low
                    and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low)
                ):
                    problems.append(f"{what} {name!r} not in this turn's facts")
        fact_words = {w.strip("'’-") for w in _WORD_RE.findall(facts_low)}
        for m in _WORD_RE.finditer(text):
            word = m.group(0)
            lw = word.lower().strip("'’-")
            if lw in fact_words or lw in COMMON_CAPITALS:
                continue
            if re.fullmatch(r"[\d.,]+", word):
                continue  # plain numbers: checked by _numbers
            has_digit = any(ch.isdigit() for ch in word)
            before = text[: m.start()].rstrip()
            sentence_start = not before or bool(_SENTENCE_END.search(before))
            if has_digit or (word[0].isupper() and not sentence_start):
                problems.append(f"unknown name {word!r}")
        return problems

    @staticmethod
    def _unsaid(text: str, ctx: ReplyContext) -> list[str]:
        """ "You mentioned $X" / "you said Sony" must be in the shopper's message."""
        said = ctx.user_message.lower()
        numbers = {v for _, v, _ in _numbers(said)}
        problems = []
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            m = _SAID_RE.search(sentence)
            if m is None:
                continue
            said_part = sentence[m.end() :].lstrip(" ,:")
            rest = re.split(r"[,;:]", said_part, maxsplit=1)[0]  # what they "said"
            for symbol, value, _ in _numbers(rest):
                if symbol and value not in numbers:
                    problems.append(f"claims the shopper said {symbol}{value:g}")
            for c in ctx.products:
                brand = c.product.brand.lower()
                if (
                    re.search(rf"(?<!\w){re.escape(brand)}(?!\w)", rest.lower())
                    and brand not in said
                ):
                    problems.append(f"claims the shopper said {c.product.brand!r}")
        return problems

    @staticmethod
    def _budget_claims(text: str, ctx: ReplyContext) -> list[str]:
        """A sentence saying a product fits the budget must be true for that product."""
        budget = ctx.profile.budget
        if budget is None:
            return []
        problems = []
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if not _BUDGET_CLAIM.search(sentence):
                continue
            low = sentence.lower()
            for c in ctx.products:
                if c.product.title.lower() in low and c.product.price > budget + 1e-6:
                    problems.append(f"{c.product.title!r} claimed within budget")
        return problems

    @staticmethod
    def _attribution(low: str, ctx: ReplyContext) -> list[str]:
        """``<title> by <brand>`` must name that product's own brand."""
        problems = []
        brands = {c.product.brand.lower() for c in ctx.products}
        for c in ctx.products:
            for m in re.finditer(re.escape(c.product.title.lower()) + r",?\s+(?:by|from)\s+", low):
                rest = low[m.end() :]
                claimed = [b for b in brands if rest.startswith(b)]
                if claimed and c.product.brand.lower() not in claimed:
                    problems.append(f"{c.product.title!r} attributed to {claimed[0]!r}")
        return problems
