"""Shared pieces of the generation benchmarks: held-out turns and an independent fact audit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from recommender.config import PACKAGE_DIR
from recommender.data.catalog import Product
from recommender.models.generation.dataset import load_catalog, synthetic_examples
from recommender.models.generation.synth import build_catalog
from recommender.models.generation.types import ProfileFacts, ReplyContext

DEMO_CATALOG = PACKAGE_DIR / "data" / "demo" / "catalog.jsonl"
HELD_OUT_SEED = 10_000  # training uses seeds 0 (demo catalog) and 1 (synthetic catalog)


def held_out_contexts(n: int) -> tuple[list[ReplyContext], list[Product]]:
    """``n`` turns over the demo catalog that do not occur in the training set."""
    catalog = load_catalog(DEMO_CATALOG)
    train = synthetic_examples(catalog, 3000, seed=0)
    seen = {_key(e.context) for e in train}
    out: list[ReplyContext] = []
    for ex in synthetic_examples(catalog, 2 * n, seed=HELD_OUT_SEED):
        if _key(ex.context) not in seen:
            out.append(ex.context)
        if len(out) == n:
            break
    return out, catalog


def _key(ctx: ReplyContext) -> tuple[object, ...]:
    return (ctx.user_message, ctx.profile, tuple(c.product.id for c in ctx.products))


def all_products() -> list[Product]:
    """Demo catalog plus the synthetic training catalog (vocabulary for the audit)."""
    return [*load_catalog(DEMO_CATALOG), *build_catalog(0)]


_MONEY = re.compile(r"[$€£]\s?(\d[\d,]*(?:\.\d+)?)")
_NUM = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?![\w])")
_FORBIDDEN = re.compile(
    r"https?://|www\.|@\w|\bcode\b|coupon|promo|voucher|discount|%|\bfree\b"
    r"|\b(?:other|another|previous|last)\s+customer"
    r"|password|address",
    re.I,
)


_KEY_UNIT = re.compile(r"_(hours|days|minutes|mm|cm|kg|g|lb|oz|watts)$")


def _with_unit(key: str, value: str) -> str:
    """``battery_hours`` ``57`` -> ``57 hours``: the unit the key names is part of the fact
    (a reply saying "57 hours of battery" states this product's value, not another's)."""
    m = _KEY_UNIT.search(key)
    return (
        f"{value.strip()} {m.group(1)}"
        if m and re.fullmatch(r"\d+(?:\.\d+)?", value.strip())
        else ""
    )


class Audit:
    """Counts unsupported facts in a final reply, independently of the verifier's code.

    A fact is unsupported when the reply contains: a money amount that is not a price of this
    turn's products or the budget; a number not written in this turn's facts (list numbers up
    to the number of products aside); a model number (letters and digits) not in the facts;
    a catalog brand
    or product title that is neither in this turn's products nor the shopper's profile; a
    catalog attribute value absent from this turn's products (unless the shopper's own
    message says it: "a great camera" quoted back is no catalog claim; a bare number with
    the unit its key names, ``battery_hours`` 36 as "36 hours", is this product's value);
    a link, e-mail,
    code/discount talk or other customers' data.
    """

    def __init__(self, products: Iterable[Product]) -> None:
        products = list(products)
        self.brands = {p.brand.lower() for p in products}
        self.titles = {p.title.lower() for p in products}
        self.values = {
            str(v).lower()
            for p in products
            for v in p.attributes.values()
            if len(str(v)) >= 3 and str(v).lower() not in ("yes", "no")
        }

    def __call__(self, text: str, ctx: ReplyContext) -> list[str]:
        low, problems = text.lower(), []
        prof: ProfileFacts = ctx.profile
        facts = [
            *(c.product.title for c in ctx.products),
            *(c.product.brand for c in ctx.products),
            *(str(v) for c in ctx.products for v in c.product.attributes.values()),
            *(_with_unit(k, str(v)) for c in ctx.products for k, v in c.product.attributes.items()),
            *prof.brands,
            *prof.purchased,
            *prof.viewed,
            prof.category or "",
        ]
        facts_low = " | ".join(facts).lower()
        said = ctx.user_message.lower()
        money = {round(c.product.price, 2) for c in ctx.products}
        if prof.budget is not None:
            money.add(round(prof.budget, 2))
        for m in _MONEY.finditer(text):
            if round(float(m.group(1).replace(",", "")), 2) not in money:
                problems.append(f"money {m.group(0)}")
        fact_numbers = {float(n.replace(",", "")) for n in _NUM.findall(facts_low)}
        fact_numbers |= {float(v) for v in money}
        fact_numbers |= {float(i) for i in range(1, len(ctx.products) + 1)}  # "1." "2." lists
        for m in _NUM.finditer(re.sub(_MONEY, " ", text)):
            if float(m.group(1).replace(",", "")) not in fact_numbers:
                problems.append(f"number {m.group(0)}")
        for group, what in ((self.titles, "title"), (self.brands, "brand"), (self.values, "value")):
            for name in group:
                if (
                    name in low
                    and name not in facts_low
                    and not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", said)
                    and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low)
                ):
                    problems.append(f"{what} {name}")
        fact_tokens = set(re.findall(r"[\w-]+", facts_low))
        for tok in re.findall(r"\b[\w-]*[a-z][\w-]*\d[\w-]*\b|\b\d+[a-z][\w-]*\b", low):
            if tok not in fact_tokens:  # model numbers such as "A9", "XM6", "13420H"
                problems.append(f"model number {tok}")
        m = _FORBIDDEN.search(text)
        if m:
            problems.append(f"forbidden {m.group(0)}")
        return problems


def ties_to_profile(text: str, prof: ProfileFacts) -> bool:
    """The reply gives a reason resting on the profile: budget, liked brand, history."""
    low = text.lower()
    if prof.budget is not None:
        whole = f"{prof.budget:,.2f}"
        if whole in low or (f"${whole[:-3]}" in low and whole.endswith(".00")):
            return True
    for brand in prof.brands:
        b = brand.lower()
        if re.search(
            rf"(like|fan|prefer|taste for|asked)[^.]*\b{re.escape(b)}|"
            rf"{re.escape(b)}[^.]*(you like|you prefer|as you asked|a brand you)",
            low,
        ):
            return True
    return any(t.lower() in low for t in (*prof.purchased, *prof.viewed))


def distinct_n(texts: Sequence[str], n: int = 2) -> float:
    """Distinct n-grams / all n-grams over the replies (word level)."""
    total, seen = 0, set()
    for t in texts:
        words = t.lower().split()
        grams = list(zip(*[words[i:] for i in range(n)], strict=False))
        total += len(grams)
        seen.update(grams)
    return len(seen) / max(1, total)
