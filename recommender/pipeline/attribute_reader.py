"""Attribute values and yes/no attributes a shopper's message states.

Phrases are matched longest first against the vocabulary's tables for the category (or
all of the catalog's), also in their compact, singular and stemmed forms. A yes/no
attribute is turned off by a negation up to two words before it ("not wireless", "isn't
expandable", "no bluetooth") or by a prefix ("uninsulated", "non-slip"); "wired" and the
like carry their own value. A value may share words with the category's own phrase ("travel
mug", "bath towels") but is never just that phrase; a yes/no name said inside a value
("gps running watch") also counts.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from recommender.pipeline.value_forms import NEGATING_PREFIXES, compact, stem_key
from recommender.pipeline.vocabulary import (
    BOOLEAN_WORDS,
    AttributeValue,
    Vocabulary,
    singular_phrase,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATIONS = frozenset(
    {"no", "not", "non", "without", "w/o", "never", "n't", "nt", "arent", "isnt", "dont", "doesnt"}
)
#: Words that may stand between a negation and what it negates ("don't want a wired one").
_BETWEEN = frozenset({"want", "like", "really", "necessarily", "ones"})
#: Words after a negation that say the shopper does not mind ("doesn't need to be").
_NO_WISH = frozenset({"need", "needs", "have", "has", "matter", "mind", "care", "bother"})


def _keys(surface: str, lemma: str, loose: bool) -> tuple[str, ...]:
    if not loose:
        return (surface, lemma, singular_phrase(surface))
    return (surface, lemma, singular_phrase(surface), compact(surface))


def _flip(value: str) -> str:
    return "no" if value == "yes" else "yes"


def read_attributes(
    vocab: Vocabulary,
    toks: list[Token],
    words: list[str],
    lemmas: list[str],
    blocked: Collection[int],
    soft: Collection[int],
    category: str | None,
) -> dict[str, str]:
    """Attributes stated by ``toks`` (``words``/``lemmas`` are their matching forms).

    Args:
        vocab: the catalog vocabulary.
        toks: the message's tokens that take part in matching.
        words: lower-case (typo-corrected) form of each token.
        lemmas: lemma of each token.
        blocked: token indices already read as a brand, budget or answer.
        soft: token indices of the category's own phrase (a value may include them).
        category: the category the message is about, if known.
    """
    # a known category reads its own values only; without one, only exact forms count
    loose = category is not None
    scope = category if category in vocab.attribute_phrases else "*"
    values = vocab.attribute_phrases.get(scope, {})
    value_stems = vocab.attribute_stems.get(scope, {}) if loose else {}
    bscope = category or "*"
    booleans = vocab.boolean_phrases.get(bscope, {})
    boolean_stems = vocab.boolean_stems.get(bscope, {}) if loose else {}
    out: dict[str, str] = {}
    used: set[int] = set()
    inside: list[tuple[int, int]] = []  # token ranges read as values
    for n in range(min(vocab.max_phrase_tokens, len(toks)), 0, -1):
        for i in range(len(toks) - n + 1):
            span = range(toks[i].i, toks[i + n - 1].i + 1)
            if any(j in blocked or j in used for j in span):
                continue
            if all(t.i in soft for t in toks[i : i + n]):
                continue  # the category's own word ("mug") is no value
            surface, lemma = " ".join(words[i : i + n]), " ".join(lemmas[i : i + n])
            if _indifferent(words, i) or _idiom(words, i + n):
                continue
            keys = _keys(surface, lemma, loose)
            negated = is_negated(toks, words, i)
            name = next((booleans[k] for k in keys if k in booleans), None)
            if name is None:
                name = boolean_stems.get(stem_key(surface))
            if name is not None and name not in out:
                value = BOOLEAN_WORDS[surface][1] if surface in BOOLEAN_WORDS else "yes"
                value = _flip(value) if negated else value
                known = vocab.attribute_values.get(name, ())
                if value in known or set(known) <= {"yes", "no"}:
                    out[name] = value  # not "yes" for a "laptop sleeve" measured in inches
                    used.update(span)
                    continue
            hit: AttributeValue | None = next((values[k] for k in keys if k in values), None)
            if hit is None:
                hit = value_stems.get(stem_key(surface))
            if hit is None and category is not None and _next_to(toks, i, i + n, soft):
                hit = vocab.residuals.get(category, {}).get(surface)  # "travel" mugs
            if hit is None and category is not None and n == 1:
                hit = vocab.partials.get(category, {}).get(surface)  # "yellow": "mango yellow"
            if hit is not None and _names_other_category(vocab, keys, toks, i + n, soft, category):
                hit = None  # "for my laptop" is no laptop backpack
            if hit is not None and hit.name not in out and not negated:
                out[hit.name] = hit.value
                used.update(span)
                inside.append((i, i + n))
                continue
            if n == 1 and name is None and hit is None:
                off = _prefixed_off(surface, booleans, boolean_stems)
                if off is not None and off not in out:
                    out[off] = "no"
                    used.update(span)
    if category in vocab.boolean_phrases:
        for start, end in inside:  # "gps running watch" says gps
            for k in range(start, end):
                name = booleans.get(words[k])
                if name is not None and words[k] not in BOOLEAN_WORDS:
                    out.setdefault(name, "yes")
    if category is not None:
        for start, end in inside:  # a "glass mug" is of glass
            for k in range(start, end):
                for m in range(k + 1, end + 1):
                    if (k, m) == (start, end):
                        continue
                    sub = values.get(" ".join(words[k:m]))
                    if (
                        sub is not None
                        and sub.name not in out
                        and sub.value == " ".join(words[k:m])
                    ):
                        out[sub.name] = sub.value
    return out


def _next_to(toks: list[Token], start: int, end: int, soft: Collection[int]) -> bool:
    before = start > 0 and toks[start - 1].i in soft
    return before or (end < len(toks) and toks[end].i in soft)


def is_negated(toks: list[Token], words: list[str], i: int) -> bool:
    """A negation before word ``i`` with only small words between ("not a", "not one of
    those", "don't want a"), or "anything but"."""
    if i >= 2 and words[i - 1] == "but" and words[i - 2] in ("anything", "everything"):
        return True
    for j in range(i - 1, max(-1, i - 5), -1):
        if words[j] in NEGATIONS:
            return True
        if not (toks[j].is_stop or words[j] in _BETWEEN):
            return False
    return False


def _indifferent(words: list[str], i: int) -> bool:
    """ "doesn't need to be wireless", "doesn't matter if it's rechargeable": no wish."""
    window = words[max(0, i - 6) : i]
    return any(
        w in NEGATIONS and k + 1 < len(window) and window[k + 1] in _NO_WISH
        for k, w in enumerate(window)
    )


def _idiom(words: list[str], end: int) -> bool:
    """A word in "down to 0 degrees" or "up to 30": no value."""
    return end + 1 < len(words) and words[end] == "to" and words[end + 1][:1].isdigit()


def _names_other_category(
    vocab: Vocabulary,
    keys: tuple[str, ...],
    toks: list[Token],
    end: int,
    soft: Collection[int],
    category: str | None,
) -> bool:
    """The value is another category's name ("laptop" among backpack uses) and does not
    modify the category's word ("laptop backpack", "camera bag")."""
    other = next((vocab.category_phrases[k] for k in keys if k in vocab.category_phrases), None)
    if other is None or other[1] != 0 or other[0] == category:
        return False
    last = toks[end - 1]
    return not ((last.dep_ == "compound" and last.head.i in soft) or
                (end < len(toks) and toks[end].i in soft))  # fmt: skip


def _prefixed_off(word: str, booleans: dict[str, str], boolean_stems: dict[str, str]) -> str | None:
    """The yes/no attribute that "uninsulated" or "nonslip" turns off, if any."""
    for prefix in NEGATING_PREFIXES:
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(rest) >= 4 and rest not in BOOLEAN_WORDS:
            name = booleans.get(rest) or boolean_stems.get(stem_key(rest))
            if name is not None:
                return name
    return None
