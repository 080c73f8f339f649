"""The one budget grammar: what a shopper says about price, read into bounds.

Used by the recommender's preference parser and by the action server alike (pure Python,
3.8+), so both read "nothing over 190 dollars" the same way:

* upper bounds: "under / below / less than / cheaper than / up to / at most / max / within X",
  "X or less", "X tops", "X is my limit", "my max is X", "the most i'd spend is X", and
  negated lower bounds ("nothing over X", "can't go over X", "not trying to spend over X");
* lower bounds: "over / above / more than / at least / from X", "X+", "X and up", and negated
  upper bounds ("not under X", "no less than X", "don't show me anything below X");
* ranges: "between X and Y", "X-Y", "X to Y", "between five and six hundred", "1 to 2k",
  "X min, Y max";
* approximations: "around / about / roughly X", "X-ish", "X or so" -> X +- ``around_band``;
* an amount written as money with no comparator ("for $80", "80 bucks", "1.2k") is an upper
  bound; a bare number is one only when the shopper answers a budget question
  (``expect_budget``);
* amounts: digits with separators ("$1,299.99", "1.299,99 €"), "1k", "two grand", numbers in
  words ("a hundred", "one hundred fifty", "seventy-five", "a couple hundred", "one fifty")
  read with ``text2num``, separators with ``price-parser``, "a tenner", "a fiver";
* numbers that are not money stay out: units ("16 GB", "4K video", "2 pack", "8 year old"),
  model numbers ("iPhone 15", "IP68"), years ("from 2019"), counts after weak cues
  ("a tent for 4"), counted things ("over 20 miles", "at least 5 knives");
* price tiers ("cheap", "premium", "not too expensive") are read as a tier, never as
  numbers: the caller turns them into a range against the category's prices; some words are
  a tier only when negated ("nothing too fancy", "don't want to spend a ton").

Tokens and amounts live in :mod:`genrec_core.budget_amounts`, word lists in
:mod:`genrec_core.budget_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence, Tuple

from genrec_core.budget_amounts import (
    Amount,
    Token,
    counts_things,
    find_amounts,
    numberish,
    paired_min,
    tokenize,
)
from genrec_core.budget_words import (
    APPROX,
    BOUND_HEADS,
    BRIDGE,
    CLAUSE_BREAK,
    COMPARATORS,
    CUE_PHRASES,
    CURRENCY_WORDS,
    MAX,
    MIN,
    MODEL_BEFORE,
    NEGATED_ONLY_HIGH,
    NEGATORS,
    POST_CUES,
    POST_FILLERS,
    RANGE,
    RANGE_JOIN,
    TIER_INTENSIFIERS,
    TIER_PHRASES,
    UNIT_WORDS,
    WEAK_CUES,
)

__all__ = [
    "AROUND_BAND",
    "CUE_PHRASES",
    "CURRENCY_WORDS",
    "POST_CUES",
    "TIER_PHRASES",
    "BudgetReading",
    "budget_label",
    "money",
    "parse_amount",
    "read_budget",
]

AROUND_BAND = 0.2
STRONG_MIN_VALUE = 20.0
_K_NAMES = frozenset(
    {2.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0, 21.0, 42.0}
)  # 4K, a 10k run  # below this, a number after a weak cue is a count ("for 4")

Span = Tuple[int, int]

_MAX_CUE_WORDS = max(len(p.split()) for p in CUE_PHRASES)
_MAX_TIER_WORDS = max(len(p.split()) for p in (*TIER_PHRASES, *NEGATED_ONLY_HIGH))
_FILLERS = (
    *("a", "the", "just", "only", "like", "of", "maybe", "roughly", "about", "say"),
    *("is", "be", "would", "was"),  # "my max is 80", "the most i'd spend would be 90"
)


@dataclass(frozen=True)
class BudgetReading:
    """What one text says about price.

    Attributes:
        budget_min: lower bound the shopper stated (inclusive), or None.
        budget_max: upper bound the shopper stated (inclusive), or None.
        tier: "low" or "high" for qualitative words ("cheap", "premium"); numbers stated in
            the same text win over it.
        approximate: the bounds come from "around X".
        spans: character spans of the text that expressed the budget.
    """

    budget_min: float | None = None
    budget_max: float | None = None
    tier: str | None = None
    approximate: bool = False
    spans: tuple[Span, ...] = ()

    @property
    def stated(self) -> bool:
        """True when the shopper said a number (not only a tier)."""
        return self.budget_min is not None or self.budget_max is not None

    def label(self) -> str:
        """Short wording: "under $100", "between $50 and $80", "around $100", "cheap"."""
        if self.approximate and self.budget_min is not None and self.budget_max is not None:
            return f"around {money(round((self.budget_min + self.budget_max) / 2, 2))}"
        if self.stated:
            return budget_label(self.budget_min, self.budget_max)
        return {"low": "cheap", "high": "premium"}.get(self.tier or "", "")


def money(value: float | None) -> str:
    """``79.0`` -> ``$79``, ``79.5`` -> ``$79.50``, ``None`` -> ``""``."""
    if value is None:
        return ""
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


def budget_label(budget_min: float | None, budget_max: float | None) -> str:
    """Human wording of a numeric range ("under $100"); ``"any"`` for no bound."""
    if budget_min is not None and budget_max is not None:
        if budget_min == budget_max:
            return money(budget_max)
        return f"between {money(budget_min)} and {money(budget_max)}"
    if budget_max is not None:
        return f"under {money(budget_max)}"
    if budget_min is not None:
        return f"over {money(budget_min)}"
    return "any"


def _is_year(a: Amount, words: Sequence[str]) -> bool:
    text = words[a.first]
    return not a.money and bool(re.fullmatch(r"(?:19[5-9]\d|20\d\d)", text))


def _not_money(tokens: Sequence[Token], a: Amount, expect_budget: bool) -> bool:
    """A measure, count, year or model number rather than an amount of money."""
    if a.money:
        return False
    words = [t.text for t in tokens]
    nxt = words[a.last] if a.last < len(words) else ""
    if nxt in UNIT_WORDS and not paired_min(words, a.last):
        return True
    if nxt == "-" and a.last + 1 < len(words) and words[a.last + 1] in UNIT_WORDS:
        return True  # "2-pack", "8-year"
    num = tokens[a.first]
    if (
        num.glued
        and a.first > 0
        and words[a.first - 1].isalpha()
        and words[a.first - 1] not in CURRENCY_WORDS
    ):
        return True  # "ip68", "xm5"
    if (
        a.last < len(tokens)
        and tokens[a.last].glued
        and words[a.last].isalpha()
        and words[a.last] not in CURRENCY_WORDS
        and words[a.last] not in ("k", "ish", "grand")
    ):
        return True  # "68ip", "16gb"
    before = words[a.first - 1] if a.first > 0 else ""
    if before in MODEL_BEFORE or (
        before == "of" and a.first > 1 and words[a.first - 2] in ("set", "pack", "box", "pair")
    ):
        return True
    if expect_budget:
        return False
    clause = _clause_before(words, a.first)
    cue_kind, cue_len = _cue_before(clause)
    cue = _cue_text(clause, cue_len)
    if counts_things(words, a.last) and (cue_kind in ("", MIN) or cue in WEAK_CUES):
        return True  # "over 20 miles", "i have 40 guests"; not "under 80 / ~100 headphones"
    post, _ = _post_cue(words, a.last)
    in_range = before in RANGE_JOIN and a.first > 1 and numberish(words[a.first - 2])
    if (
        a.k_suffix
        and a.integer_part in _K_NAMES
        and not in_range  # "1 to 2k"
        and (before in ("a", "the") or not (cue_kind or post))
    ):
        return True  # "4K video", "a 10k", "the 5k park run"
    if _is_year(a, words) and before not in RANGE_JOIN:
        return not cue_kind or cue in WEAK_CUES  # "from 2019", "the 2025 marathon"
    return False


# -- comparators and negation ----------------------------------------------------------------------


def _clause_before(words: Sequence[str], first: int, limit: int = 10) -> list[str]:
    """Words before position ``first`` back to the clause start (at most ``limit``)."""
    out: list[str] = []
    j = first - 1
    while j >= 0 and len(out) < limit:
        w = words[j]
        if w in CLAUSE_BREAK and not (
            w in ("but",) and j > 0 and words[j - 1] in ("anything", "everything", "all")
        ):
            break
        out.append(w)
        j -= 1
    out.reverse()
    return out


def _cue_before(before: Sequence[str]) -> tuple[str, int]:
    """(kind, words used) of the longest comparator that ``before`` ends with, allowing up
    to two fillers between it and the amount ("under about 100", "at most like 80"); "the
    least / the most i'd spend is X" is a lower / upper bound."""
    tail = list(before)
    head = _head_before(tail)
    if head[0]:
        return head
    skipped = 0
    while True:
        for n in range(min(_MAX_CUE_WORDS, len(tail)), 0, -1):
            kind = CUE_PHRASES.get(" ".join(tail[-n:]))
            if kind == APPROX and n == 1:
                outer, used = _cue_before(tail[:-1])  # "under about 100" is under 100
                outer_words = _cue_text(tail[:-1], used).split()
                if outer == RANGE or (
                    outer in (MAX, MIN) and any(w in COMPARATORS for w in outer_words)
                ):
                    return outer, used + 1 + skipped
            if kind:
                return kind, n + skipped
        if tail and tail[-1] in _FILLERS and skipped < 2:
            tail.pop()
            skipped += 1
            continue
        return "", 0


def _cue_text(before: Sequence[str], used: int) -> str:
    for n in range(min(_MAX_CUE_WORDS, used), 0, -1):
        phrase = " ".join(before[len(before) - used : len(before) - used + n])
        if phrase in CUE_PHRASES:
            return phrase
    return ""


def _negation(before: Sequence[str], cue_len: int) -> int:
    """How many words before the amount the negator that governs the comparator ending
    ``before`` stands (0: the comparator is not negated)."""
    j = len(before) - cue_len - 1
    hops = 0
    while j >= 0 and hops <= 7:
        w = before[j]
        if w in NEGATORS or w == "except":
            return len(before) - j
        if (
            w in ("but", "apart")
            and j > 0
            and before[j - 1] in ("anything", "everything", "all", "stuff")
        ):
            return len(before) - j + 1  # "anything but over 100"
        if w not in BRIDGE:
            return 0
        j -= 1
        hops += 1
    return 0


def _flip(kind: str) -> str:
    return {MAX: MIN, MIN: MAX}.get(kind, kind)


def _post_cue(words: Sequence[str], last: int) -> tuple[str, int]:
    if last + 1 < len(words) and words[last] == "-" and words[last + 1] == "ish":
        return APPROX, 2
    for n in (5, 4, 3, 2, 1):
        phrase = " ".join(words[last : last + n])
        if phrase in POST_CUES:
            after = words[last + n] if last + n < len(words) else ""
            if words[last] in POST_FILLERS and (after in UNIT_WORDS or after in MODEL_BEFORE):
                return "", 0  # "10 is the minimum size", not "80 for a set"
            return POST_CUES[phrase], n
    return _head_after(words, last)


def _head_after(words: Sequence[str], last: int) -> tuple[str, int]:
    """ "40 would be the absolute max", "50 is my minimum": a bound noun after a copula and
    up to three fillers (not "10 is the minimum size")."""
    j = last
    while j < len(words) and j - last < 4 and words[j] in POST_FILLERS:
        j += 1
    if j == last or j >= len(words) or words[j] not in BOUND_HEADS:
        return "", 0
    after = words[j + 1] if j + 1 < len(words) else ""
    if after in UNIT_WORDS or after in MODEL_BEFORE:
        return "", 0
    return BOUND_HEADS[words[j]], j + 1 - last


def _head_before(tail: Sequence[str]) -> tuple[str, int]:
    """ "my budget for towels is 60", "the least i'd pay would be 40": a bound noun earlier
    in the clause, then a copula right before the amount (not "the minimum size is 10")."""
    if tail[-1:] not in (["is"], ["be"], ["'s"]):
        return "", 0
    for j in range(len(tail) - 2, max(-1, len(tail) - 8), -1):
        w = tail[j]
        if w in UNIT_WORDS or w in MODEL_BEFORE:
            return "", 0
        if w in BOUND_HEADS:
            return BOUND_HEADS[w], 1
    return "", 0


# -- tiers -----------------------------------------------------------------------------------------


def _budget_is_noun(words: Sequence[str], i: int) -> bool:
    before = words[i - 1] if i > 0 else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if (
        after
        in (
            "is",
            "of",
            "around",
            "about",
            "'s",
            "limit",
            "range",
            "yet",
            "for",
            "at",
            "in",
            "cap",
            "max",
            "would",
            "will",
            ":",
        )
        or after[:1].isdigit()
    ):
        return True
    return before in (
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "the",
        "what's",
        "whats",
        "about",
        "no",
        "any",
        "what",
        "of",
    )


def _tier(words: Sequence[str], used: set[int]) -> tuple[str | None, list[int]]:
    """The price tier the words state: non-negated mentions win; a lone negated one
    ("not cheap") is turned round."""
    plain: list[tuple[str, list[int]]] = []
    negated: list[tuple[str, list[int]]] = []
    taken: set[int] = set(used)
    for n in range(_MAX_TIER_WORDS, 0, -1):
        for i in range(len(words) - n + 1):
            if any(k in taken for k in range(i, i + n)):
                continue
            phrase = " ".join(words[i : i + n])
            only_negated = phrase in NEGATED_ONLY_HIGH
            tier = "high" if only_negated else TIER_PHRASES.get(phrase)
            if tier is None or (phrase == "budget" and _budget_is_noun(words, i)):
                continue
            k = i - 1
            while k >= 0 and i - k <= 4 and words[k] in TIER_INTENSIFIERS:
                k -= 1
            if (n <= 2 or only_negated) and k >= 0 and words[k] in NEGATORS:
                negated.append((tier, list(range(k, i + n))))
            elif only_negated:
                continue
            else:
                plain.append((tier, list(range(i, i + n))))
            taken.update(range(i, i + n))
    if plain:
        return plain[0]
    if negated:
        tier, toks = negated[0]
        return ("low" if tier == "high" else "high"), toks
    return None, []


# -- the reader ------------------------------------------------------------------------------------


def read_budget(
    text: str, *, expect_budget: bool = False, around_band: float = AROUND_BAND
) -> BudgetReading:
    """Read the budget a shopper states in ``text``.

    Args:
        text: one message (any case, any punctuation).
        expect_budget: the message answers "what's your budget?": a bare amount ("80",
            "eighty") is then an upper bound.
        around_band: half-width of "around X" as a fraction of X.

    Returns:
        The bounds stated (inclusive), or a tier for qualitative words; empty when the text
        says nothing about price.
    """
    tokens = tokenize(text or "")
    words = [t.text for t in tokens]
    amounts = [a for a in find_amounts(tokens) if not _not_money(tokens, a, expect_budget)]
    maxes: list[float] = []
    mins: list[float] = []
    used: set[int] = set()
    approximate = False
    seen_cues: list[str] = []
    last_negated = False
    k = 0
    while k < len(amounts):
        a = amounts[k]
        before = _clause_before(words, a.first)
        nxt = amounts[k + 1] if k + 1 < len(amounts) else None
        # corrections: "80 not 800" keeps the first
        corrected = nxt is not None and words[a.last : nxt.first] == ["not"]
        if corrected:
            amounts = amounts[: k + 1] + amounts[k + 2 :]
            nxt = amounts[k + 1] if k + 1 < len(amounts) else None
        cue_kind, cue_len = _cue_before(before)
        cue = _cue_text(before, cue_len)
        rng = _range(words, a, nxt, before, cue_kind, expect_budget)
        if rng is not None and nxt is not None:
            mins.append(rng[0])
            maxes.append(rng[1])
            _, post_len = _post_cue(words, nxt.last)
            used.update(range(a.first - cue_len, nxt.last + post_len))
            k += 2
            continue
        post_kind, post_len = _post_cue(words, a.last)
        kind = cue_kind
        reach = _negation(before, cue_len) if kind else 0
        negated = reach > 0
        if (
            kind
            and not negated
            and before[-cue_len - 1 : len(before) - cue_len] in (["or"], ["nor"])
            and last_negated
        ):
            negated = True  # "nothing under 50 or over 120"
        if negated and cue_kind in (MIN, MAX) and before[:1] == ["not"] and cue in seen_cues:
            k += 1  # a correction: "I said under 300, not under 3000"
            continue
        if negated and any(w in COMPARATORS for w in cue.split()):
            kind = _flip(kind)  # "not under 50"; but "can't afford 500" stays a max
        if post_kind and (not kind or cue in WEAK_CUES or kind == RANGE):
            kind = post_kind
        if kind == RANGE:
            if (
                a.last + 1 < len(words)
                and words[a.last] in RANGE_JOIN
                and numberish(words[a.last + 1])
            ):
                k += 1  # a range of measures: "between 40 and 45 mm"
                continue
            kind = MIN if cue == "from" else APPROX if post_kind == RANGE else MAX
        if (
            kind
            and cue in WEAK_CUES
            and not a.money
            and a.value < STRONG_MIN_VALUE
            and post_kind not in (MAX, MIN)
        ):
            kind = ""  # "a tent for 4", "i have 2 kids"
        if not kind and (
            a.money
            or expect_budget
            or corrected
            or (a.k_suffix and a.value >= 1000)
            or (a.scale >= 1000 and not a.k_suffix and _standalone(words, a))
        ):
            kind = MAX
        if not kind:
            k += 1
            continue
        if kind == APPROX:
            approximate = True
            mins.append(round(a.value * (1 - around_band), 2))
            maxes.append(round(a.value * (1 + around_band), 2))
        elif kind == MIN:
            mins.append(a.value)
        else:
            maxes.append(a.value)
        seen_cues.append(cue)
        last_negated = negated
        used.update(range(a.first - max(cue_len, reach), a.last + post_len))
        k += 1
    lo: float | None = max(mins) if mins else None
    hi: float | None = min(maxes) if maxes else None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    tier: str | None = None
    tier_tokens: list[int] = []
    if lo is None and hi is None:
        tier, tier_tokens = _tier(words, used)
    used.update(tier_tokens)
    exact_approx = approximate and len(mins) == 1 and len(maxes) == 1
    return BudgetReading(lo, hi, tier, exact_approx, _merge_spans(tokens, sorted(used)))


def _standalone(words: Sequence[str], a: Amount) -> bool:
    """ "two grand" / "1.2k" said on its own or before "for a ..."."""
    return (
        a.last >= len(words)
        or words[a.last] in CLAUSE_BREAK
        or words[a.last] in ("for", "and", "is")
    )


def _range(
    words: Sequence[str],
    a: Amount,
    nxt: Amount | None,
    before: Sequence[str],
    cue_kind: str,
    expect_budget: bool,
) -> tuple[float, float] | None:
    """(low, high) when ``a`` and ``nxt`` form a range ("between 50 and 80", "50-80 bucks",
    "between five and six hundred"), else None."""
    if nxt is None or nxt.first - a.last != 1 or words[a.last] not in RANGE_JOIN:
        return None
    if not nxt.money and nxt.last < len(words) and words[nxt.last] in UNIT_WORDS:
        return None  # "between 40 and 45 mm"
    join = words[a.last]
    opener = cue_kind == "range" or (before[-1:] == ["between"])
    post_kind, _ = _post_cue(words, nxt.last)
    low, high = a.value, nxt.value
    if a.scale == 1.0 and nxt.scale > 1.0 and low * nxt.scale <= high * 1.0 + 1e-9 and low < 10:
        low *= nxt.scale  # "between five and six hundred", "1 to 2 grand"
    if join in ("and", "or", "n"):
        if not opener:
            return None
    elif not (
        a.money
        or nxt.money
        or opener
        or expect_budget
        or cue_kind in (MAX, MIN, APPROX)
        or post_kind in (RANGE, MAX, MIN)
        or (a.k_suffix and nxt.k_suffix)
        or (low >= STRONG_MIN_VALUE and high > low)
    ):
        return None
    lo, hi = sorted((low, high))
    return lo, hi


def _merge_spans(tokens: Sequence[Token], indices: Sequence[int]) -> tuple[Span, ...]:
    spans: list[list[int]] = []
    prev = None
    for i in indices:
        if not 0 <= i < len(tokens):
            continue
        t = tokens[i]
        if spans and prev == i - 1 and spans[-1][1] <= t.end:
            spans[-1][1] = max(spans[-1][1], t.end)
        else:
            spans.append([t.start, t.end])
        prev = i
    return tuple((s, e) for s, e in spans)


def parse_amount(text: str) -> float | None:
    """One amount written alone ("$1,299.99", "1.2k", "80", "fifty bucks"); None if not one."""
    tokens = tokenize(text or "")
    amounts = find_amounts(tokens)
    if len(amounts) != 1:
        return None
    a = amounts[0]
    rest = [t.text for i, t in enumerate(tokens) if not a.first <= i < a.last]
    if any(w not in CURRENCY_WORDS for w in rest):
        return None
    return a.value
