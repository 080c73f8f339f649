"""Simulated shoppers for the understanding benchmark (bench/understanding_report.py).

Each shopper has a hidden target product. They open with a line of the data set
(``openings.jsonl``: the target's category named, a use, or a recipient), sometimes with a
budget in one of the data set's phrasings, and then answer only what the assistant asks:
half of the time by pressing the quick reply that fits their target, half of the time by
typing an answer from ``answers.jsonl`` with the target's value. When no question is asked
they ask for more. A shopper has found the target when the assistant shows it or another
colour of the same model (a product page offers every colour).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from recommender.data.catalog import Product
from recommender.pipeline.retrieval import variant_family

MORE = ("any others?", "what else do you have?", "show me more", "more options please")
Say = Callable[[str], list[dict[str, Any]]]


@dataclass
class Outcome:
    """One shopper's conversation."""

    target: str
    opening: str
    kind: str
    found_at: int | None = None  # turn that showed the target (1 = the opening)
    first_products_at: int | None = None
    turns: list[str] = field(default_factory=list)


def shown_products(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in messages:
        custom = m.get("custom") or {}
        if custom.get("type") == "product_list":
            out.extend(custom.get("products", []))
    return out


def _payload_entities(payload: str) -> dict[str, str]:
    m = re.match(r"^/inform(\{.*\})$", payload or "")
    if not m:
        return {}
    try:
        data = json.loads(m.group(1))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _nice_above(price: float, rng: random.Random) -> int:
    step = 10 if price < 100 else 50 if price < 1000 else 100
    return int((price // step + 1 + rng.choice([0, 0, 1])) * step)


def _nice_below(price: float) -> int:
    step = 10 if price < 100 else 50 if price < 1000 else 100
    return max(int(price // step * step), step)


def _budget_matches(value: str, price: float) -> bool:
    from genrec_core.budget import read_budget

    r = read_budget(value, expect_budget=True)
    if r.budget_min is not None and price < r.budget_min:
        return False
    return not (r.budget_max is not None and price > r.budget_max)


class Shopper:
    """Talks to the bot (``say``) for one target product."""

    def __init__(
        self,
        target: Product,
        catalog: Sequence[Product],
        openings: Sequence[dict[str, Any]],
        answers: Sequence[dict[str, Any]],
        rng: random.Random,
    ) -> None:
        self.target = target
        self.families = {p.id: variant_family(p) for p in catalog}
        self.family = self.families[target.id]
        self.rng = rng
        mine = [o for o in openings if o["category"] == target.category]
        self.opening = rng.choice(mine)
        self.answers: dict[str, list[str]] = {}
        for a in answers:
            self.answers.setdefault(a["field"], []).append(a["template"])

    def _template(self, field_name: str, **values: Any) -> str | None:
        options = self.answers.get(field_name) or []
        if not options:
            return None
        return self.rng.choice(options).format(**values)

    def _budget_phrase(self) -> str | None:
        price = self.target.price
        kind = self.rng.choice(["budget_max", "budget_max", "budget_range"])
        if kind == "budget_range":
            return self._template(
                kind, min=_nice_below(price * 0.8), max=_nice_above(price, self.rng)
            )
        return self._template(kind, max=_nice_above(price, self.rng))

    def answer(self, messages: list[dict[str, Any]]) -> str:
        """What the shopper says to the bot's latest question (or asks for more)."""
        buttons = [b for m in messages for b in (m.get("buttons") or []) if b.get("payload")]
        informs = [(b, _payload_entities(b["payload"])) for b in buttons]
        informs = [(b, e) for b, e in informs if e]
        if not informs:
            return self.rng.choice(MORE)
        entity, _ = next(iter(informs[0][1].items()))
        t = self.target
        pick = None
        for b, ents in informs:
            value = next(iter(ents.values()))
            if (
                (entity == "brand" and value.lower() == t.brand.lower())
                or (entity == "category" and value == t.category)
                or (entity == "budget" and value != "any" and _budget_matches(value, t.price))
            ):
                pick = b
            elif entity == "attribute" and "=" in value:
                name, _, val = value.partition("=")
                have = t.attributes.get(name)
                if have is not None and val.lower() in {
                    v.strip().lower() for v in have.split("/")
                } | {have.lower()}:
                    pick = b
        if pick is None:  # nothing fits the target: "any"
            pick = next((b for b, ents in informs if "any" in ents.values()), None)
        if pick is not None and self.rng.random() < 0.5:
            return pick["payload"]
        if entity == "brand":
            return self._template("brand", brand=t.brand) or t.brand
        if entity == "budget":
            return self._budget_phrase() or f"under {_nice_above(t.price, self.rng)}"
        if entity == "category":
            return t.category.replace("-", " ")
        if entity == "attribute":
            name = next(iter(informs[0][1].values())).partition("=")[0]
            value = t.attributes.get(name)
            if value is None:
                return self._template("any") or "any"
            return (
                self._template("attribute", value=value.lower(), name=name.replace("_", " "))
                or value
            )
        return pick["payload"] if pick else "any"

    def run(self, say: Say, max_turns: int = 6) -> Outcome:
        text = self.opening["text"]
        if self.rng.random() < 0.5 and (phrase := self._budget_phrase()):
            text = f"{text}, {phrase}" if self.rng.random() < 0.5 else f"{text} {phrase}"
        out = Outcome(self.target.id, text, self.opening["kind"])
        for turn in range(1, max_turns + 1):
            out.turns.append(text)
            messages = say(text)
            shown = shown_products(messages)
            if shown and out.first_products_at is None:
                out.first_products_at = turn
            if any(p.get("id") == self.target.id or self._same_family(p) for p in shown):
                out.found_at = turn
                return out
            text = self.answer(messages)
        return out

    def _same_family(self, card: dict[str, Any]) -> bool:
        return self.families.get(str(card.get("id"))) == self.family
