"""Local, dependency-free parsing of what users say about budgets, "any", and list positions.

The recommender's ``POST /parse`` is the reference for catalog words (categories, brands,
"cheap"); these helpers cover the numeric spans the NLU extracts ("under 50 bucks",
"between 20 and 40 dollars", "around $100") so validation works without a network call and
keeps working when the recommender is down.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ANY = "any"
AROUND_BAND = 0.2  # "around $100" -> 80..120, same band as the recommender's text.around_band
MAX_PRICE = 1_000_000.0

_ANY_PHRASES = {
    "any",
    "anything",
    "any one",
    "anyone",
    "any brand",
    "any color",
    "any colour",
    "any price",
    "any budget",
    "whatever",
    "whichever",
    "either",
    "all",
    "none",
    "no",
    "nope",
    "nah",
    "na",
    "n/a",
    "not really",
    "no thanks",
    "no preference",
    "no preferences",
    "no particular preference",
    "no specific preference",
    "no limit",
    "no budget",
    "unlimited",
    "doesnt matter",
    "does not matter",
    "it doesnt matter",
    "dont care",
    "do not care",
    "i dont care",
    "i do not care",
    "dont mind",
    "i dont mind",
    "not important",
    "not sure",
    "surprise me",
    "skip",
    "pass",
    "nothing",
    "nothing special",
    "nothing in particular",
    "no idea",
    "up to you",
    "you choose",
    "any is fine",
    "anything is fine",
    "anything works",
    "open",
    "flexible",
    "im flexible",
    "i am flexible",
}

_QUALITATIVE = {
    "cheap": "cheap",
    "cheapest": "cheap",
    "cheep": "cheap",
    "cheaper": "cheap",
    "inexpensive": "cheap",
    "affordable": "cheap",
    "budget": "cheap",
    "low cost": "cheap",
    "low-cost": "cheap",
    "low budget": "cheap",
    "not expensive": "cheap",
    "not too expensive": "cheap",
    "economical": "cheap",
    "bargain": "cheap",
    "premium": "premium",
    "high end": "premium",
    "high-end": "premium",
    "expensive": "premium",
    "luxury": "premium",
    "top of the line": "premium",
    "best money can buy": "premium",
    "mid range": "mid-range",
    "mid-range": "mid-range",
    "midrange": "mid-range",
    "moderate": "mid-range",
}

_WORD_NUMBERS = {
    "ten": 10,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "one hundred": 100,
    "hundred": 100,
    "two hundred": 200,
    "three hundred": 300,
    "five hundred": 500,
    "a thousand": 1000,
    "one thousand": 1000,
    "thousand": 1000,
    "a grand": 1000,
    "one grand": 1000,
}

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?k(?![a-z]))?"
_MONEY = rf"(?:[$€£]\s*)?({_NUM})(?:\s*(?:\$|€|£|usd|eur|gbp|dollars?|bucks?|euros?|pounds?|quid))?"
_RANGE = re.compile(rf"(?:between|from)?\s*{_MONEY}\s*(?:-|–|—|to|and|till|until)\s*{_MONEY}")
_MAX = re.compile(
    r"(?:under|below|beneath|less than|lower than|cheaper than|no more than|not more than|"
    r"at most|up to|upto|max(?:imum)?|within|tops|<=?|not over|not above|no higher than)"
    rf"\s*(?:of\s*)?{_MONEY}"
)
_MAX_AFTER = re.compile(rf"{_MONEY}\s*(?:or less|or under|or below|max(?:imum)?|tops|at most)")
_MIN = re.compile(
    r"(?:over|above|more than|at least|min(?:imum)?|starting at|starting from|from|"
    rf"greater than|>=?|higher than)\s*{_MONEY}"
)
_MIN_AFTER = re.compile(rf"{_MONEY}\s*(?:or more|and up|and above|\+|plus|minimum)")
_AROUND = re.compile(
    r"(?:around|about|approximately|approx\.?|roughly|~|circa|close to|near|something like|"
    rf"in the region of|more or less)\s*{_MONEY}"
)
_AROUND_AFTER = re.compile(rf"{_MONEY}\s*(?:-?ish|or so|give or take|more or less)")
_BARE = re.compile(rf"^\s*(?:my budget is|budget|is|of|about)?\s*{_MONEY}\s*$")

_ORDINALS = {
    "first": 1,
    "1st": 1,
    "one": 1,
    "top": 1,
    "second": 2,
    "2nd": 2,
    "two": 2,
    "third": 3,
    "3rd": 3,
    "three": 3,
    "fourth": 4,
    "4th": 4,
    "four": 4,
    "fifth": 5,
    "5th": 5,
    "five": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
    "last": -1,
    "bottom": -1,
    "final": -1,
    "middle": 0,
}


_POSITIONAL = frozenset({"last", "bottom", "final", "middle"})


def normalize(text: str) -> str:
    """Lower-case, unicode-normalized text with apostrophes dropped and spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("'", "").replace("’", "")
    text = re.sub(r"[^\w$€£<>~+.,\-/–—# ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,!?")


def is_any(text: str) -> bool:
    """True when the user declines a preference: "any", "don't care", "no preference", "no"."""
    norm = normalize(text).strip(" .!?,")
    norm = re.sub(r"^(?:um+|uh+|hmm+|well|honestly|really|oh)\s+", "", norm)
    norm = re.sub(r"\s+(?:really|please|thanks|thank you|at all|tbh)$", "", norm)
    if norm in _ANY_PHRASES:
        return True
    return bool(
        re.fullmatch(
            r"(?:i )?(?:really )?(?:dont|do not) (?:really )?(?:care|mind|have (?:a|any) "
            r"(?:preference|favou?rite))(?: about (?:the )?\w+)?|no (?:particular |specific )?"
            r"(?:brand|colou?r|budget|preference|limit)(?: in mind)?|any(?:thing)? (?:is )?"
            r"(?:fine|ok|okay|good)|(?:it )?doesnt matter(?: to me)?",
            norm,
        )
    )


@dataclass(frozen=True)
class Budget:
    """A price range; ``label`` is the normalized wording kept in the ``budget`` slot."""

    budget_min: float | None
    budget_max: float | None
    label: str

    @property
    def is_open(self) -> bool:
        """True when the range has no bound at all ("any" or only a qualitative word)."""
        return self.budget_min is None and self.budget_max is None


def _amount(raw: str) -> float | None:
    raw = raw.replace(",", "").replace(" ", "")
    factor = 1.0
    if raw.endswith("k"):
        factor, raw = 1000.0, raw[:-1]
    try:
        value = float(raw) * factor
    except ValueError:
        return None
    return value if 0 <= value <= MAX_PRICE else None


def money(value: float | None) -> str:
    """``79.0`` -> ``$79``, ``79.5`` -> ``$79.50``."""
    if value is None:
        return ""
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


def _words_to_digits(text: str) -> str:
    for words, number in sorted(_WORD_NUMBERS.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"\b{words}\b", str(number), text)
    return text


def parse_budget(text: str) -> Budget | None:
    """Parses a budget phrase; ``None`` when nothing budget-like is in ``text``.

    Examples: "under 50 bucks" -> (None, 50), "between 20 and 40 dollars" -> (20, 40),
    "around $100" -> (80, 120), "over 200" -> (200, None), "cheap" -> qualitative "cheap"
    with no bounds (the recommender knows what cheap means per category), "any" -> open.
    """
    norm = _words_to_digits(normalize(text))
    if not norm:
        return None
    if is_any(norm):
        return Budget(None, None, ANY)
    if m := _RANGE.search(norm):
        low, high = _amount(m.group(1)), _amount(m.group(2))
        if low is not None and high is not None:
            low, high = min(low, high), max(low, high)
            return Budget(low, high, f"between {money(low)} and {money(high)}")
    for pattern in (_AROUND, _AROUND_AFTER):
        if (m := pattern.search(norm)) and (value := _amount(m.group(1))) is not None:
            low = round(value * (1 - AROUND_BAND), 2)
            high = round(value * (1 + AROUND_BAND), 2)
            return Budget(low, high, f"around {money(value)}")
    for pattern in (_MAX, _MAX_AFTER):
        if (m := pattern.search(norm)) and (value := _amount(m.group(1))) is not None:
            return Budget(None, value, f"under {money(value)}")
    for pattern in (_MIN, _MIN_AFTER):
        if (m := pattern.search(norm)) and (value := _amount(m.group(1))) is not None:
            return Budget(value, None, f"over {money(value)}")
    if (m := _BARE.match(norm)) and (value := _amount(m.group(1))) is not None and value > 0:
        return Budget(None, value, f"under {money(value)}")  # "What's your budget?" "100"
    for phrase, label in sorted(_QUALITATIVE.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", norm):
            return Budget(None, None, label)
    return None


def budget_label(budget_min: float | None, budget_max: float | None) -> str:
    """Human wording of a numeric range, the inverse of :func:`parse_budget`."""
    if budget_min is not None and budget_max is not None:
        return f"between {money(budget_min)} and {money(budget_max)}"
    if budget_max is not None:
        return f"under {money(budget_max)}"
    if budget_min is not None:
        return f"over {money(budget_min)}"
    return ANY


def parse_position(text: str) -> int | None:
    """List position the user refers to: 1-based, ``-1`` for "the last one", else ``None``.

    "the second one" -> 2, "#3" -> 3, "number 1" -> 1, "the last" -> -1.
    """
    norm = normalize(text)
    if m := re.search(r"(?:#\s*|\b(?:no\.?|number|option|item|product)\s*)(\d{1,2})\b", norm):
        return int(m.group(1))
    if m := re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)?(?: one)?", norm):
        return int(m.group(1))
    words = re.findall(r"[a-z0-9]+", norm)
    for i, word in enumerate(words):
        if word not in _ORDINALS or word in {"one", "top"}:  # "the one from Sony" is a name
            continue
        if word in _POSITIONAL and len(words) > 1:  # "the last one", not "battery last"
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if before != "the" and after not in ("one", "item", "option", "product"):
                continue
        return _ORDINALS[word]
    if re.fullmatch(r"(?:the )?(?:top|one)(?: one)?", norm):
        return 1
    spelled = [w for w in _ORDINALS if len(w) >= 4 and w.isalpha() and w not in _POSITIONAL]
    for word in re.findall(r"[a-z]{4,}", norm):  # typos: "secnd", "thrid"
        if close := difflib.get_close_matches(word, spelled, n=1, cutoff=0.8):
            return _ORDINALS[close[0]]
    return None


def match_vocabulary(
    value: str,
    vocabulary: Iterable[str],
    synonyms: Mapping[str, str] | None = None,
    cutoff: float = 0.8,
) -> str | None:
    """Finds ``value`` in a vocabulary: exact, synonym, singular/plural, then close spelling.

    Returns the vocabulary's own spelling, e.g. "sony" -> "Sony", "earbuds" -> "headphones",
    "headphone" -> "headphones", "Garmin watch" -> "Garmin", "hedphones" -> "headphones".
    """

    def key(text: str) -> str:
        return re.sub(r"[-_/]+", " ", normalize(text)).strip()

    norm = key(value)
    if not norm:
        return None
    by_norm = {key(v): v for v in vocabulary if v}
    syn = {key(k): v for k, v in (synonyms or {}).items()}
    candidates = [norm]
    if norm.endswith("es"):
        candidates += [norm[:-2], norm[:-1]]
    elif norm.endswith("s"):
        candidates.append(norm[:-1])
    else:
        candidates += [norm + "s", norm + "es"]
    for candidate in candidates:
        if candidate in by_norm:
            return by_norm[candidate]
        if candidate in syn:
            return syn[candidate]
    # "Garmin watch", "I'd go with Sony": one vocabulary entry named as a whole word. Short
    # entries only as written in capitals ("HP"), so "on" in a sentence is not the brand On.
    named = {
        target
        for entry, target in [*by_norm.items(), *syn.items()]
        if (len(entry) >= 3 or target.isupper())
        and re.search(rf"(?<!\w){re.escape(entry)}(?!\w)", norm)
    }
    if len(named) == 1:
        return named.pop()
    close = difflib.get_close_matches(norm, list(by_norm) + list(syn), n=1, cutoff=cutoff)
    if close:
        return by_norm.get(close[0]) or syn.get(close[0])
    return None


def plausible_free_value(value: str, max_words: int = 4, max_chars: int = 40) -> bool:
    """True for a short, word-like value worth keeping when it cannot be checked."""
    norm = normalize(value)
    if not norm or len(norm) > max_chars or len(norm.split()) > max_words:
        return False
    if re.search(r"[<>{}\[\]]", value):
        return False
    return bool(re.search(r"[^\W\d_]", norm))  # at least one letter, any script


def safe_quote(text: str, max_chars: int = 40) -> str:
    """User text made safe to quote: one line, control characters dropped, short, escaped."""
    cleaned = "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] != "C")
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if len(cleaned) > max_chars:
        cleaned = cleaned[: max_chars - 1].rstrip() + "…"
    return html.escape(cleaned, quote=True)
