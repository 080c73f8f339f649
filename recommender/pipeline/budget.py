"""Budget extraction from tokens: amounts ("$1,299.99", "1.2k", "fifty bucks") and comparators.

Rules (documented in docs/CONFIG.md, section ``text``):

* "under/below/less than/up to/max/within/budget X", "X or less", "X max" -> ``budget_max = X``
* "over/above/more than/at least/from/min X", "X+", "X or more", "X and up" -> ``budget_min = X``
* "around/about/roughly/~ X", "Xish" -> ``X * (1 - band) .. X * (1 + band)`` (band 0.2 by default)
* "between X and Y", "from X to Y", "X-Y", "X to Y" (with money) -> ``X .. Y``
* an amount written as money with no comparator ("for $80", "80 dollars") -> ``budget_max``
* a bare number with no money marker and no comparator ("iphone 15", "13 inch") is not a budget.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

CURRENCY_PREFIX = frozenset({"$", "€", "£", "usd", "eur", "gbp", "us$"})
CURRENCY_SUFFIX = frozenset(
    {
        "$",
        "€",
        "£",
        "usd",
        "eur",
        "gbp",
        "dollar",
        "dollars",
        "buck",
        "bucks",
        "euro",
        "euros",
        "pound",
        "pounds",
        "quid",
        "bux",
    }
)
UNIT_SUFFIX = frozenset(
    {
        "inch",
        "inches",
        "in",
        '"',
        "gb",
        "tb",
        "mb",
        "mp",
        "mah",
        "hour",
        "hours",
        "hrs",
        "h",
        "mm",
        "cm",
        "m",
        "kg",
        "g",
        "lb",
        "lbs",
        "oz",
        "w",
        "watt",
        "watts",
        "hz",
        "%",
        "percent",
        "pack",
        "pcs",
        "pieces",
        "year",
        "years",
        "month",
        "months",
        "day",
        "days",
        "people",
        "cups",
        "l",
        "liter",
        "liters",
        "litre",
        "ml",
        "x",
        "fps",
        "p",
        "core",
        "cores",
        "gen",
        "series",
    }
)
SCALE = {"k": 1_000.0, "grand": 1_000.0, "thousand": 1_000.0, "hundred": 100.0}
UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}

MAX_CUES = (
    "no more than",
    "not more than",
    "not over",
    "not above",
    "less than",
    "lower than",
    "cheaper than",
    "up to",
    "at most",
    "under",
    "below",
    "beneath",
    "upto",
    "max",
    "maximum",
    "within",
    "budget",
    "budget of",
    "budget is",
    "spend",
    "<",
    "<=",
    "≤",
    "for",
)
MIN_CUES = (
    "more than",
    "greater than",
    "higher than",
    "at least",
    "starting at",
    "starting from",
    "upwards of",
    "north of",
    "over",
    "above",
    "from",
    "min",
    "minimum",
    ">",
    ">=",
    "≥",
)
APPROX_CUES = (
    "around",
    "about",
    "approximately",
    "approx",
    "roughly",
    "~",
    "near",
    "close to",
    "circa",
    "something like",
)
MAX_POST = (
    "budget",
    "or less",
    "or under",
    "or below",
    "or lower",
    "max",
    "maximum",
    "tops",
    "at most",
    "or cheaper",
)
MIN_POST = (
    "or more",
    "or above",
    "or over",
    "and up",
    "and above",
    "and over",
    "plus",
    "+",
    "minimum",
    "at least",
)
APPROX_POST = ("ish", "or so")
FILLER = frozenset({"a", "the", "my", "is", "of", "just", "only", "roughly"})
RANGE_JOIN = frozenset({"and", "to", "-", "–", "—", "and/or"})

_NUM_RE = re.compile(r"^(?:us)?[$€£]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|ish|\+)?$")


@dataclass
class Amount:
    """A number found in the text, its token span and whether it is written as money."""

    value: float
    start: int  # first token (including a currency prefix)
    end: int  # one past the last token (including a currency suffix / scale word)
    money: bool
    suffix: str = ""


@dataclass
class BudgetResult:
    """Budget bounds found and the token positions used to find them."""

    budget_min: float | None = None
    budget_max: float | None = None
    used: set[int] = field(default_factory=set)


def _word_number(words: list[str], i: int) -> tuple[float, int] | None:
    """Parse "fifty", "two hundred fifty", "a thousand" starting at ``i``; returns (value, end)."""
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(words):
        w = words[j]
        parts = (
            w.split("-") if "-" in w and all(p in UNITS or p in TENS for p in w.split("-")) else [w]
        )
        if all(p in UNITS or p in TENS for p in parts):
            current += sum(UNITS.get(p, 0) + TENS.get(p, 0) for p in parts)
        elif w in ("hundred", "thousand") and (seen or (j > i and words[j - 1] == "a")):
            current = max(current, 1.0) * SCALE[w]
            if w == "thousand":
                total, current = total + current, 0.0
        elif (
            (w == "a" and j == i and j + 1 < len(words) and words[j + 1] in ("hundred", "thousand"))
            or (
                w == "-"
                and j > i
                and words[j - 1] in TENS
                and j + 1 < len(words)
                and words[j + 1] in UNITS
            )
            or (
                w == "and"
                and seen
                and j + 1 < len(words)
                and (words[j + 1] in UNITS or words[j + 1] in TENS)
            )
        ):
            pass
        else:
            break
        seen = seen or w not in ("a", "-")
        j += 1
    if not seen or j == i:
        return None
    return total + current, j


def parse_amount(text: str) -> float | None:
    """Parse one amount written alone ("$1,299.99", "1.2k", "80", "fifty"); None if not one."""
    words = text.strip().lower().replace("$", " $ ").split()
    words = [w for w in words if w not in CURRENCY_PREFIX and w not in CURRENCY_SUFFIX]
    if len(words) == 1:
        m = _NUM_RE.match(words[0])
        if m:
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            return value * 1000 if m.group(3) == "k" else value
    got = _word_number(words, 0)
    if got and got[1] == len(words):
        return got[0]
    return None


def find_amounts(words: list[str], money_tokens: set[int]) -> list[Amount]:
    """Every number in ``words`` with its span; ``money_tokens`` come from spaCy MONEY entities."""
    out: list[Amount] = []
    i = 0
    while i < len(words):
        w = words[i]
        start = i
        m = _NUM_RE.match(w)
        if m:
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            suffix = m.group(3) or ""
            money = w[0] in "$€£" or w.startswith("us$")
            end = i + 1
            if suffix == "k":
                value *= 1000
        else:
            got = _word_number(words, i)
            if got is None:
                i += 1
                continue
            value, end = got
            suffix, money = "", False
        if end < len(words) and words[end] in SCALE and not suffix:
            value *= SCALE[words[end]]
            end += 1
            suffix = "k"
        if start > 0 and words[start - 1] in CURRENCY_PREFIX:
            start -= 1
            money = True
        if end < len(words) and words[end] in ("ish", "+"):
            suffix = words[end]
            end += 1
        if end < len(words) and words[end] in CURRENCY_SUFFIX:
            end += 1
            money = True
        money = money or any(t in money_tokens for t in range(start, end))
        if math.isfinite(value):
            out.append(Amount(value=value, start=start, end=end, money=money, suffix=suffix))
        i = end
    return out


def _ends_with(words: list[str], cues: tuple[str, ...]) -> bool:
    text = " ".join(words)
    return any(text == c or text.endswith(" " + c) for c in cues)


def _starts_with(words: list[str], cues: tuple[str, ...]) -> bool:
    text = " ".join(words)
    return any(text == c or text.startswith(c + " ") for c in cues)


CUE_KIND: dict[str, str] = {
    **{c: "min" for c in MIN_CUES},
    **{c: "max" for c in MAX_CUES},
    **{c: "approx" for c in APPROX_CUES},
}


def _cue_kind(before: list[str]) -> str:
    """Kind of the longest comparator the words before an amount end with ("" if none)."""
    text = " ".join(before)
    best = ""
    for cue in CUE_KIND:
        if (text == cue or text.endswith(" " + cue)) and len(cue) > len(best):
            best = cue
    return CUE_KIND.get(best, "")


def _before(words: list[str], start: int) -> list[str]:
    """Up to four words before ``start``, currency signs and fillers removed."""
    ctx = [w for w in words[max(0, start - 5) : start] if w not in CURRENCY_PREFIX]
    while ctx and ctx[-1] in FILLER:
        ctx.pop()
    return ctx[-4:]


def extract_budget(words: list[str], money_tokens: set[int], around_band: float) -> BudgetResult:
    """Budget bounds stated in ``words`` (lower-case tokens, punctuation kept)."""
    res = BudgetResult()
    amounts = find_amounts(words, money_tokens)
    maxes: list[float] = []
    mins: list[float] = []
    k = 0
    while k < len(amounts):
        a = amounts[k]
        before = _before(words, a.start)
        after = words[a.end : a.end + 2]
        nxt = amounts[k + 1] if k + 1 < len(amounts) else None
        is_range_join = (
            nxt is not None
            and nxt.start - a.end == 1
            and words[a.end] in RANGE_JOIN
            and (words[a.end] != "and" or _ends_with(before, ("between",)))
        )
        if (
            is_range_join
            and nxt is not None
            and (a.money or nxt.money or _ends_with(before, ("between", "from")))
        ):
            lo, hi = sorted((a.value, nxt.value))
            mins.append(lo)
            maxes.append(hi)
            res.used.update(range(a.start, nxt.end))
            k += 2
            continue
        unit_follows = bool(after) and after[0] in UNIT_SUFFIX and not a.money
        word_before = before[-1] if before else ""
        if unit_follows:
            k += 1
            continue
        kind = _cue_kind(before)
        if a.suffix == "ish" or _starts_with(after, APPROX_POST):
            kind = "approx"
        elif a.suffix == "+" or _starts_with(after, MIN_POST):
            kind = "min"
        elif _starts_with(after, MAX_POST):
            kind = "max"
        elif kind == "max" and word_before == "for" and a.value < 10 and not a.money:
            kind = ""
        elif not kind and a.money:
            kind = "max"
        if not kind:
            k += 1
            continue
        if kind == "approx":
            mins.append(round(a.value * (1 - around_band), 2))
            maxes.append(round(a.value * (1 + around_band), 2))
        elif kind == "min":
            mins.append(a.value)
        else:
            maxes.append(a.value)
        res.used.update(range(a.start, a.end))
        k += 1
    if maxes:
        res.budget_max = min(maxes)
    if mins:
        res.budget_min = max(mins)
    if (
        res.budget_min is not None
        and res.budget_max is not None
        and res.budget_min > res.budget_max
    ):
        res.budget_min, res.budget_max = res.budget_max, res.budget_min
    return res
