"""Tokens and amounts of the budget grammar (:mod:`genrec_core.budget`): the numbers a
message holds, written in digits ("$1,299.99", "1.2k"), in words ("a couple hundred", "one
fifty") or as money nouns ("a tenner"), and the shapes that make a number a count rather
than money ("over 20 miles", "at least 5 knives").
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from price_parser import Price
from text_to_num import text2num

from genrec_core.budget_words import (
    BOUND_HEADS,
    CLAUSE_BREAK,
    CURRENCY_PREFIX,
    CURRENCY_WORDS,
    FUZZY_COUNTS,
    GRAMMAR_WORDS,
    MONEY_NOUNS,
    NOT_NOUNS,
    RANGE_JOIN,
    SCALE_WORDS,
    TENS_NUMBERS,
    THAN_AFTER,
    TYPOS,
    UNIT_NUMBERS,
)

MAX_AMOUNT = 1_000_000_000.0

_TOKEN_RE = re.compile(
    r"""
    (?P<num>\d+(?:[.,\u202f]\d{3})*(?:[.,]\d+)?)              # 1,299.99  80  1.5
    | (?P<word>[^\W\d_]+(?:'[^\W\d_]+)?(?:-(?!ish\b)[^\W\d_]+)*(?:\.(?=\s|$))?)
    | (?P<sym><=|>=|[$€£~<>≤≥+%"'#°]|[-–—]|[,;.!?])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """A lower-cased token of the text, its character span, and whether it touches the
    token before it (no space: "ip68", "50ish")."""

    text: str
    start: int
    end: int
    glued: bool = False


@dataclass(frozen=True)
class Amount:
    """A number in the text: its value, token range ``[first, last)``, and marks."""

    value: float
    first: int
    last: int
    money: bool
    k_suffix: bool = False
    scale: float = 1.0  # the scale word written with it ("hundred" -> 100, "grand" -> 1000)
    integer_part: float = 0.0  # the number before its scale ("4" of "4k")


# -- tokens ----------------------------------------------------------------------------------------


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(ch.lower()[0] for ch in text)


def tokenize(text: str) -> list[Token]:
    """Lower-case tokens with their spans (currency signs, "k" and "ish" split off numbers,
    common misspellings of the grammar's words corrected)."""
    norm = _normalize(text)
    raw: list[Token] = []
    prev_end = -1
    for m in _TOKEN_RE.finditer(norm):
        tok, start, end = m.group(0), m.start(), m.end()
        glued = start == prev_end
        prev_end = end
        if m.group("word"):
            tok = tok.rstrip(".") if tok.endswith(".") and tok[:-1] in TYPOS else tok
            if tok.endswith(".") and tok[:-1] in ("approx", "max", "min", "no", "ca"):
                tok = tok[:-1]
            elif tok.endswith("."):
                raw.append(Token(tok[:-1], start, end - 1, glued))
                raw.append(Token(".", end - 1, end, True))
                continue
        raw.append(Token(tok, start, end, glued))
    out: list[Token] = []
    for i, t in enumerate(raw):
        word = t.text
        if word == "then" and out and out[-1].text in THAN_AFTER:
            word = "than"
        elif (
            word == "n"
            and out
            and i + 1 < len(raw)
            and numberish(out[-1].text)
            and numberish(raw[i + 1].text)
        ):
            word = "and"
        elif word in TYPOS and not (word == "blow" and not _amount_next(raw, i)):
            word = TYPOS[word]  # "blow 50" is "below 50", "blow 500 on a phone" is not
        if word.endswith("'s") and word[:-2] in BOUND_HEADS:
            word = word[:-2] + " 's"  # "my limit's 600"
        parts = word.split()
        for j, part in enumerate(parts):
            out.append(Token(part, t.start, t.end, t.glued if j == 0 else True))
    return out


def _amount_next(raw: Sequence[Token], i: int) -> bool:
    """An amount follows ``raw[i]`` and no subject or "to" stands before it ("blow 50", not
    "to blow 50")."""
    nxt = raw[i + 1].text if i + 1 < len(raw) else ""
    prev = raw[i - 1].text if i > 0 else ""
    verb = prev in ("to", "wanna", "gonna", "i", "we", "will", "would", "could", "can", "ll")
    return (numberish(nxt) or nxt in CURRENCY_PREFIX) and not verb


def numberish(word: str) -> bool:
    return word[:1].isdigit() or word in UNIT_NUMBERS or word in TENS_NUMBERS or word in SCALE_WORDS


# -- amounts ---------------------------------------------------------------------------------------


def _digits_value(tok: str) -> float | None:
    if not tok or not tok[0].isdigit():
        return None
    if re.fullmatch(r"\d+(?:\.\d{1,2})?", tok):
        return float(tok)
    price = Price.fromstring(tok)  # separators: "1,299.99", "1.299,99"
    return None if price.amount is None else float(price.amount)


def _is_number_word(w: str) -> bool:
    parts = w.split("-")
    return bool(parts[0]) and all(p in UNIT_NUMBERS or p in TENS_NUMBERS for p in parts)


def _word_number(words: Sequence[str], i: int) -> tuple[float, int, float] | None:
    """A number written in words from ``words[i]``: (value, index after it, scale), or None.

    "fifty", "seventy-five", "one hundred fifty", "one hundred and fifty", "fifteen hundred",
    "a hundred (and fifty)", "a thousand", "a grand", "a couple (of) hundred", "two grand",
    "one and a half grand", "half a grand".
    """
    j = i
    run: list[str] = []
    if (
        words[j] == "half"
        and j + 2 < len(words)
        and words[j + 1] == "a"
        and words[j + 2] in ("grand", "thousand", "hundred")
    ):
        return 0.5 * SCALE_WORDS[words[j + 2]], j + 3, SCALE_WORDS[words[j + 2]]
    if words[j] in ("a", "an") and j + 1 < len(words):
        j += 1
        run.append("one")
    if words[j] in FUZZY_COUNTS and j + 1 < len(words):  # "(a) couple (of) hundred"
        run = [FUZZY_COUNTS[words[j]]]
        j += 1
        if words[j] == "of" and j + 1 < len(words):
            j += 1
    if run and words[j] not in ("hundred", "thousand", "grand"):
        return None  # "a" / "couple" must be followed by a scale word
    if run == ["one"] and words[j] == "grand":
        return 1000.0, j + 1, 1000.0
    while j < len(words):
        w = words[j]
        if (
            _is_number_word(w)
            or w in ("hundred", "thousand")
            or (
                w == "and"
                and run
                and run[-1] in ("hundred", "thousand")
                and j + 1 < len(words)
                and _is_number_word(words[j + 1])
                and not (j + 2 < len(words) and words[j + 2] in ("hundred", "thousand", "grand"))
            )
        ):
            run.append(w)
            j += 1
        else:
            break
    if not run:
        return None
    spoken = _spoken_price(run)
    if spoken is not None:
        return spoken, j, 100.0
    try:
        value = float(text2num(" ".join(run), "en"))
    except ValueError:
        return None
    scale = 1000.0 if "thousand" in run else 100.0 if "hundred" in run else 1.0
    # "one and a half grand"
    if (
        j + 3 < len(words)
        and words[j : j + 3] == ["and", "a", "half"]
        and words[j + 3] in ("grand", "thousand")
    ):
        return (value + 0.5) * 1000.0, j + 4, 1000.0
    if j < len(words) and words[j] == "grand":
        return value * 1000.0, j + 1, 1000.0
    return value, j, scale


def _spoken_price(run: Sequence[str]) -> float | None:
    """ "one fifty" = 150, "two ninety nine" = 299, "nine ninety-five" = 995: hundreds said
    as a digit then the rest, the way prices are read out (not "nineteen ninety", a year)."""
    if len(run) not in (2, 3) or not 1 <= UNIT_NUMBERS.get(run[0], 0) <= 9:
        return None
    tens, _, unit = run[1].partition("-")
    if tens not in TENS_NUMBERS or (unit and len(run) == 3):
        return None
    rest = [unit] if unit else list(run[2:])
    if rest and not 1 <= UNIT_NUMBERS.get(rest[0], 0) <= 9:
        return None
    value = 100 * UNIT_NUMBERS[run[0]] + TENS_NUMBERS[tens]
    return float(value + (UNIT_NUMBERS[rest[0]] if rest else 0))


def _money_noun(words: Sequence[str], i: int) -> tuple[float, int] | None:
    """ "a tenner", "fiver": (value, index after it), or None."""
    j = i + 1 if words[i] in ("a", "an") and i + 1 < len(words) else i
    if words[j] in MONEY_NOUNS:
        return MONEY_NOUNS[words[j]], j + 1
    return None


def find_amounts(tokens: Sequence[Token]) -> list[Amount]:
    """Every number in the tokens, with its token range and whether it is written as money."""
    words = [t.text for t in tokens]
    out: list[Amount] = []
    i = 0
    while i < len(words):
        value = _digits_value(words[i])
        k_suffix, scale = False, 1.0
        integer = value or 0.0
        if value is not None:
            end = i + 1
            if end < len(words) and words[end] in ("k", "grand", "thousand"):
                value *= 1000.0
                k_suffix, scale = words[end] == "k", 1000.0
                end += 1
            elif end < len(words) and words[end] == "hundred":
                value *= 100.0
                scale = 100.0
                end += 1
        elif _money_noun(words, i) is not None:
            value, end = _money_noun(words, i) or (0.0, i + 1)
            out.append(Amount(value, i, end, True, integer_part=value))
            i = end
            continue
        else:
            got = _word_number(words, i)
            if got is None:
                i += 1
                continue
            value, end, scale = got
            integer = value
        first = i
        money_mark = False
        if first > 0 and words[first - 1] in CURRENCY_PREFIX:
            first -= 1
            money_mark = True
        if end < len(words) and words[end] in CURRENCY_WORDS:
            end += 1
            money_mark = True
        if math.isfinite(value) and 0 <= value < MAX_AMOUNT:
            out.append(Amount(value, first, end, money_mark, k_suffix, scale, integer))
        i = end
    return out


def _plural_noun(word: str) -> bool:
    return (
        len(word) > 3
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith(("ss", "us"))
        and word not in CURRENCY_WORDS
        and word not in NOT_NOUNS
    )


def counts_things(words: Sequence[str], last: int) -> bool:
    """The number counts things: it is followed by a plural noun, straight away or after one
    modifier ("over 20 miles", "at least 5 knives", "2 usb ports")."""
    if last >= len(words):
        return False
    if _plural_noun(words[last]):
        return True
    first = words[last]
    return (
        last + 1 < len(words)
        and first.isalpha()
        and first not in GRAMMAR_WORDS
        and first not in NOT_NOUNS
        and _plural_noun(words[last + 1])
    )


def paired_min(words: Sequence[str], at: int) -> bool:
    """ "50 min, 80 max": "min" is the lower bound (not minutes) when it ends its clause and
    the message also states a max."""
    after = words[at + 1] if at + 1 < len(words) else ""
    return (
        words[at] == "min"
        and (not after or after in CLAUSE_BREAK or after in RANGE_JOIN)
        and any(w in ("max", "maximum") for w in words)
    )
