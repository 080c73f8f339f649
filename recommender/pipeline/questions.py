"""The one refining question of a turn, chosen from the products that still fit.

After showing products the assistant asks at most one question: the attribute, brand or
price split that narrows the remaining product families most, never one the shopper has
already answered or just skipped. Everything comes from the candidates themselves, so a shop
with mugs gets questions about mugs.

Score of a split (higher narrows more): ``1 - sum_v p(v) * share(v)`` where ``share(v)`` is
the fraction of families that offer value ``v`` and ``p(v)`` the chance the shopper picks it
(proportional to ``share(v)``). A colour offered by every model in several variants barely
narrows anything; "in-ear / over-ear / on-ear" splits the families in three. Only a few
values fit on buttons: a shopper whose value is not among them types it half of the time and
otherwise answers "any", which narrows nothing. Brands count for less (many shoppers have
none in mind), and looks for less than what the product does.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from genrec_core.wire import ANY, Option, Question
from recommender.config import QuestionConfig
from recommender.data.catalog import Product
from recommender.pipeline.formatting import category_label, format_budget
from recommender.pipeline.retrieval import variant_family
from recommender.pipeline.schemas import canonical_value

#: A small preference for asking about what the product does over its price or brand when
#: the splits are about as good (a shopper knows their use better than the brand list).
FIELD_PRIOR = {"attribute": 0.03, "budget": 0.02, "brand": 0.0, "category": 0.05}
#: Many shoppers have no brand in mind: a brand split counts for less than a split by use.
BRAND_WEIGHT = 0.8
MIN_COVERAGE = 0.6  # an attribute most families do not have makes a poor question
#: Looks matter, but a salesperson asks what the product is for before its colour.
COSMETIC = {"color": -0.2, "colour": -0.2, "finish": -0.1, "pattern": -0.1}


#: A token mixing letters and digits: a part's model code ("i5-1335u", "n4500", "m3").
_MODEL_CODE = re.compile(r"\b(?=\w*\d)(?=\w*[a-z])\w+\b", re.I)


def _label(name: str) -> str:
    return name.replace("_", " ").strip().lower()


def _join(words: Sequence[str]) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _nice(amount: float) -> float:
    """Round a price boundary to a number people say: 47 -> 50, 132 -> 150, 880 -> 900."""
    if amount <= 0:
        return 0.0
    step = 10.0 ** math.floor(math.log10(amount))
    if amount / step < 3:
        step /= 2
    return float(round(amount / step) * step) or step


class QuestionChooser:
    """Picks the question that best splits ``products`` (``__call__``); stateless."""

    def __init__(self, config: QuestionConfig | None = None, currency: str = "USD") -> None:
        self.config = config or QuestionConfig()
        self.currency = currency

    def __call__(
        self,
        products: Sequence[Product],
        answered: frozenset[str],
        skipped: frozenset[str] = frozenset(),
        *,
        category_known: bool = True,
    ) -> Question | None:
        """The question for these candidates, or None when there is nothing worth asking.

        Args:
            products: every product that fits the current constraints.
            answered: fields with a value or an explicit "any" (``brand``, ``budget``,
                ``attributes.<name>``).
            skipped: fields asked before in this search that the shopper did not answer.
            category_known: False when the products span categories (gift picks).
        """
        if not self.config.enabled:
            return None
        families: dict[str, list[Product]] = defaultdict(list)
        for p in products:
            families[variant_family(p)].append(p)
        if len(families) < self.config.min_families:
            return None
        closed = answered | skipped
        scored: list[tuple[float, str, Question]] = []
        if not category_known and "category" not in closed:
            q = self._category(families)
            if q is not None:
                scored.append(
                    (
                        self._split(
                            {f: {p.category for p in ps} for f, ps in families.items()},
                            self.config.max_options,
                        )
                        + FIELD_PRIOR["category"],
                        "category",
                        q,
                    )
                )
        if "brand" not in closed:
            values = {f: {ps[0].brand} for f, ps in families.items() if ps[0].brand}
            if len({v for vs in values.values() for v in vs}) >= 2:
                split = self._split(values, self.config.max_options - 1) * BRAND_WEIGHT
                scored.append((split + FIELD_PRIOR["brand"], "brand", self._brand(values)))
        if "budget" not in closed:
            q, split = self._budget(families)
            if q is not None:
                scored.append((split + FIELD_PRIOR["budget"], "budget", q))
        names = sorted({k for p in products for k in p.attributes})
        for name in names:
            if f"attributes.{name}" in closed:
                continue
            values = {
                f: {canonical_value(p.attributes[name]) for p in ps if name in p.attributes}
                for f, ps in families.items()
            }
            values = {f: vs for f, vs in values.items() if vs}
            distinct = {v for vs in values.values() for v in vs}
            if len(values) < MIN_COVERAGE * len(families) or not 2 <= len(distinct) <= 12:
                continue
            if (
                sum(v[:1].isdigit() or _MODEL_CODE.search(v) is not None for v in distinct)
                > len(distinct) / 2
            ):
                continue  # measures ("42 mm", battery hours) and model codes ("core i5-1335u")
                # make poor buttons
            split = self._split(values, self.config.max_options - 1) * len(values) / len(families)
            scored.append(
                (
                    split + FIELD_PRIOR["attribute"] + COSMETIC.get(_label(name), 0.0),
                    f"attributes.{name}",
                    self._attribute(name, values),
                )
            )
        if not scored:
            return None
        scored.sort(key=lambda t: (-t[0], t[1]))
        best_score, _, question = scored[0]
        return question if best_score > 0.15 else None

    def category_question(
        self, products: Sequence[Product], limit: int = 10, *, shown: bool = False
    ) -> Question:
        """ "What are you shopping for?" with the categories of ``products``, largest first;
        with ``shown``, "which of these is closest?" about the categories just shown."""
        counts = Counter(p.category for p in products if p.in_stock)
        top = [c for c, _ in counts.most_common(limit)]
        if shown:
            top = list(dict.fromkeys(p.category for p in products))[:limit]
        names = [category_label(c) for c in top]
        more = " and more" if len(counts) > len(top) else ""
        if shown:
            text = f"Which kind are you after: {_join(names)}?"
        else:
            text = "What are you shopping for?"
            if names:
                text += f" I can help you find {_join(names).replace(' or ', ' and ')}{more}."
        return Question(
            field="category",
            text=text,
            options=tuple(Option(category_label(c).capitalize(), c) for c in top),
        )

    # -- scoring ---------------------------------------------------------------------------------
    @staticmethod
    def _split(values: dict[str, set[str]], offered: int | None = None) -> float:
        """How much a split narrows the families: 1 - sum p(v) * share(v), where a value
        beyond the ``offered`` most common ones narrows only half of the time."""
        n = len(values)
        if n == 0:
            return 0.0
        counts = Counter(v for vs in values.values() for v in vs)
        total = sum(counts.values())
        kept = 0.0
        for rank, (_, c) in enumerate(counts.most_common()):
            share = c / n
            if offered is not None and rank >= offered:
                share = 0.5 * share + 0.5  # typed half of the time, else "any"
            kept += (c / total) * share
        return 1.0 - kept

    # -- questions -------------------------------------------------------------------------------
    def _options(self, counts: Counter[str], any_title: str) -> tuple[Option, ...]:
        top = [v for v, _ in counts.most_common(self.config.max_options - 1)]
        return (
            *(Option(v if v[:1].isupper() else v.capitalize(), v) for v in top),
            Option(any_title, ANY),
        )

    def _category(self, families: dict[str, list[Product]]) -> Question | None:
        counts = Counter(ps[0].category for ps in families.values())
        if len(counts) < 2:
            return None
        top = [c for c, _ in counts.most_common(self.config.max_options)]
        names = [category_label(c) for c in top]
        return Question(
            field="category",
            text=f"Is it for any kind of product in particular? I have {_join(names)}.",
            options=tuple(Option(category_label(c).capitalize(), c) for c in top),
        )

    def _brand(self, values: dict[str, set[str]]) -> Question:
        counts = Counter(v for vs in values.values() for v in vs)
        top = [b for b, _ in counts.most_common(3)]
        return Question(
            field="brand",
            text=f"Any brand you prefer? These include {_join(top)}.",
            options=self._options(counts, "Any brand"),
        )

    def _budget(self, families: dict[str, list[Product]]) -> tuple[Question | None, float]:
        prices = sorted(min(p.price for p in ps) for ps in families.values())
        lo, hi = prices[0], prices[-1]
        if lo <= 0 or hi / lo < 1.6:
            return None, 0.0
        cut1 = _nice(prices[len(prices) // 3])
        cut2 = _nice(prices[(2 * len(prices)) // 3])
        if not lo < cut1 < cut2 < hi:
            cut2 = _nice(prices[len(prices) // 2])
            cut1 = 0.0
        bands: list[tuple[str, str, list[float]]] = []
        cur = self.currency
        if cut1 > 0:
            bands.append(
                (
                    f"Under {format_budget(cut1, cur)}",
                    f"under {cut1:g}",
                    [p for p in prices if p <= cut1],
                )
            )
            bands.append(
                (
                    f"{format_budget(cut1, cur)} to {format_budget(cut2, cur)}",
                    f"between {cut1:g} and {cut2:g}",
                    [p for p in prices if cut1 < p <= cut2],
                )
            )
        else:
            bands.append(
                (
                    f"Under {format_budget(cut2, cur)}",
                    f"under {cut2:g}",
                    [p for p in prices if p <= cut2],
                )
            )
        bands.append(
            (f"Over {format_budget(cut2, cur)}", f"over {cut2:g}", [p for p in prices if p > cut2])
        )
        bands = [b for b in bands if b[2]]
        if len(bands) < 2:
            return None, 0.0
        n = len(prices)
        split = 1.0 - sum((len(b[2]) / n) ** 2 for b in bands)
        question = Question(
            field="budget",
            text=(
                "What would you like to spend? These go from "
                f"{format_budget(lo, cur)} to {format_budget(hi, cur)}."
            ),
            options=(
                *(Option(title, value) for title, value, _ in bands),
                Option("Any price", ANY),
            ),
        )
        return question, split

    def _attribute(self, name: str, values: dict[str, set[str]]) -> Question:
        counts = Counter(v for vs in values.values() for v in vs)
        label = _label(name)
        if set(counts) <= {"yes", "no"}:
            return Question(
                field=f"attributes.{name}",
                text=f"Do you need {label}?",
                options=(Option("Yes", "yes"), Option("No", "no"), Option("Doesn't matter", ANY)),
            )
        top = [v for v, _ in counts.most_common(self.config.max_options - 1)]
        return Question(
            field=f"attributes.{name}",
            text=f"Which {label} would you like: {_join(top)}?",
            options=self._options(counts, "No preference"),
        )
