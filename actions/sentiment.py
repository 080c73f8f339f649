"""Spots very negative messages ("this is useless, I'm furious") that should reach a person.

A small lexicon, not a model: a message is very negative when it holds a strong word
(furious, useless, ridiculous, ...) or two milder ones, and is not negated right before
("not useless"). False positives are cheap here: the user just gets a person sooner.
"""

from __future__ import annotations

import re

STRONG = frozenset(
    [
        "furious",
        "livid",
        "useless",
        "pathetic",
        "ridiculous",
        "outrageous",
        "unacceptable",
        "disgusting",
        "hopeless",
        "worst",
        "scam",
        "rubbish",
        "garbage",
        "awful",
        "horrible",
        "terrible",
        "infuriating",
        "fed-up",
    ]
)
MILD = frozenset(
    [
        "angry",
        "annoyed",
        "annoying",
        "frustrated",
        "frustrating",
        "upset",
        "stupid",
        "bad",
        "waste",
        "wasting",
        "nonsense",
        "broken",
        "disappointed",
        "disappointing",
        "sucks",
        "hate",
    ]
)
PHRASES = ("fed up", "waste of time", "wasting my time", "sick of", "what a joke")
NEGATORS = frozenset(["not", "never", "no", "isn't", "wasn't", "aren't", "don't"])
_WORD = re.compile(r"[a-z']+(?:-[a-z]+)?")


def is_very_negative(text: str) -> bool:
    """True if ``text`` reads as an angry or desperate message."""
    lowered = (text or "").lower().replace("’", "'")
    if any(phrase in lowered for phrase in PHRASES):
        return True
    words = _WORD.findall(lowered)
    strong = mild = 0
    for i, word in enumerate(words):
        if i and words[i - 1] in NEGATORS:
            continue
        if word in STRONG:
            strong += 1
        elif word in MILD:
            mild += 1
    return strong >= 1 or mild >= 2
