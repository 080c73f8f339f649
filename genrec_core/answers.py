"""Short answers a shopper gives to the assistant's questions: "any", "doesn't matter"."""

from __future__ import annotations

import re
import unicodedata

ANY = "any"

_ANY_PHRASES = frozenset(
    phrase.strip()
    for phrase in """
    any|anything|any one|anyone|any brand|any color|any colour|any price|any budget|any type|
    any kind|any size|any of them|whatever|whichever|either|either one|either is fine|all|none|
    no|nope|nah|na|n/a|not really|no thanks|no preference|no preferences|
    no particular preference|no specific preference|no limit|no budget|unlimited|
    doesnt matter|does not matter|it doesnt matter|dont care|do not care|i dont care|
    i do not care|dont mind|i dont mind|not important|not sure|surprise me|skip|pass|nothing|
    nothing special|nothing in particular|no idea|up to you|you choose|you pick|any is fine|
    anything is fine|anything works|open|flexible|im flexible|i am flexible|all good|
    whatever works|whatever you think|any will do|anything goes|no strong preference|
    not fussed|im not fussed|not bothered|im not bothered|couldnt care less|makes no difference
    """.split("|")
)

_ANY_PATTERN = re.compile(
    r"(?:i )?(?:really )?(?:dont|do not) (?:really )?(?:care|mind|have (?:a|any) "
    r"(?:preference|favou?rite))(?: (?:about|which|what) (?:the )?\w+)?"
    r"|no (?:particular |specific |real )?(?:brand|colou?r|budget|preference|limit|type)"
    r"(?: in mind)?|any(?:thing)? (?:is )?(?:fine|ok|okay|good)"
    r"|(?:the )?(?:brand|colou?r|price|budget|type|size) (?:doesnt|does not) matter(?: to me)?"
    r"|(?:it )?doesnt (?:really )?matter(?: to me)?|(?:i )?(?:have|got) no preference"
)


def normalize_answer(text: str) -> str:
    """Lower case, unicode-normalized, apostrophes dropped, punctuation and fillers trimmed."""
    norm = unicodedata.normalize("NFKC", text or "").lower()
    norm = norm.replace("'", "").replace("’", "")
    norm = re.sub(r"[^\w$€£/ ]+", " ", norm)
    norm = re.sub(r"\s+", " ", norm).strip()
    norm = re.sub(r"^(?:um+|uh+|hmm+|well|honestly|really|oh|erm|meh)\s+", "", norm)
    return re.sub(r"\s+(?:really|please|pls|thanks|thank you|at all|tbh|honestly)$", "", norm)


def is_any(text: str) -> bool:
    """True when the shopper declines a preference: "any", "don't care", "no preference"."""
    norm = normalize_answer(text)
    return norm in _ANY_PHRASES or bool(_ANY_PATTERN.fullmatch(norm))
