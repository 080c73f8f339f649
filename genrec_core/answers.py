"""Short answers a shopper gives to the assistant's questions: "any", a quick reply."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from genrec_core.budget import read_budget
from genrec_core.wire import Preferences

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
    not fussed|im not fussed|not bothered|im not bothered|couldnt care less|makes no difference|
    idk|dunno|i dunno|idc|no clue|not a clue|either way|your call|your choice|dealers choice|
    you decide|whatever you like|whatever you recommend|no strong feelings|no strong opinion|
    no strong feelings either way|i dont mind either way|dont mind either way|both are fine|
    both fine|hard to say|cant decide|i cant decide|no opinion|same to me|all the same to me
    """.split("|")
)

_ANY_PATTERN = re.compile(
    r"(?:i )?(?:really )?(?:dont|do not) (?:really )?(?:care|mind|have (?:a|any) "
    r"(?:preference|favou?rite))(?: (?:about|which|what) (?:the )?\w+)?"
    r"|no (?:particular |specific |real )?(?:brand|colou?r|budget|preference|limit|type)"
    r"(?: in mind)?|any(?:thing)? (?:is )?(?:fine|ok|okay|good)"
    r"|(?:the )?(?:brand|colou?r|price|budget|type|size) (?:doesnt|does not) matter(?: to me)?"
    r"|(?:it )?doesnt (?:really )?matter(?: to me)?|(?:i )?(?:have|got) no preference"
    r"|(?:im )?not (?:really |too |that )?(?:bothered|fussed|worried)(?: about (?:the )?\w+)?"
)


_QUESTION_RE = re.compile(
    r"\?\s*$|^\s*(?:how|what|what'?s|why|who|who'?s|when|where|whose|is|are|was|were|did|"
    r"does|will|would|should|tell me|explain|define|translate|write)\b|"
    r"\bhow (?:do|can|should|to|long|many|much)\b",
    re.I,
)


_ASKING_RE = re.compile(
    r"^\s*(?:can|could|may|do|does|am|is there|are there)\b"
    r"|\b(?:i was|i am|i'?m|just) wondering\b|\bi'?d like to know\b|\bcan (?:you|u) tell me\b"
    # a question mark before more words: "size 11 or 11.5? always confused"
    r"|\?\s+\S"
    # a question after a clause: "got wide feet, what width should i pick"
    r"|,\s*(?:what|how|which|why|when|where|who|should|can|could|do|does|will|would|is|are)"
    r" (?:i|you|u|it|they|these|this|that|the|your|my|\w+ should|\w+ do)\b"
    r"|\b(?:will|would|do|does) (?:your|the|these|those|this|it|they) (?:\w+ ){0,2}(?:work|fit|suit)\b"
    # a question after a clause: "if i order today when do they arrive", "... where are they"
    r"|\b(?:when|where) (?:do|does|did|will|would|can|is|are|should) (?:it|they|i|you|my)\b"
    r"|\b(?:will|can|could|would) you (?:fix|repair|replace|refund|send|deliver|ship)\b"
    r"|\bwhat (?:do|should|can) i do\b|\bwhat(?:'s| is) (?:that|it|this) in\b",
    re.I,
)


def is_question(text: str) -> bool:
    """True when the text is phrased as a question ("what is ...?", "how do I ...") rather
    than as a request ("a duvet cover please")."""
    return _QUESTION_RE.search(text or "") is not None


_SHOPPING_Q_RE = re.compile(
    r"\b(?:do|does) (?:you|u|ya|the shop) (?:\w+ )?(?:have|sell|stock|carry|do|make|offer)\b"
    r"|\b(?:have|got) (?:you |u )?(?:got )?any\b|^\s*(?:got|any)\b"
    r"|\b(?:is|are) there any\b|\bwhere (?:can|do) i (?:find|get|buy)\b"
    r"|\b(?:can|could|may) (?:i|you|we) (?:please )?(?:buy|get|find|order|recommend|suggest|show"
    r"|see|view|browse|look at|check out|have a look at)\b"
    r"|\b(?:what|which) (?:\w+ )?(?:do you|would you|should i) (?:have|sell|recommend|suggest|get|buy)\b"
    r"|\bwhat(?:'?s| is| would be| are)? (?:\w+ )?(?:good|best|great|ideal|decent) for\b"
    r"|\bwhat (?:would|could|can|will|might) help (?:me|my|with)\b"
    r"|\b(?:what|which) (?!sizes?\b)(?:\w+ ){1,2}(?:is|are|would be) (?:the )?(?:best|better|ideal)\b"
    r"|\bwhat(?:'s| is| are) (?:the |your )?(?:best|cheapest|top|newest|latest|nicest)\b"
    r"(?! (?:way|time|method|option|place|address|number|day)s?\b)"
    r"|\b(?:have|has) (?:you|u) got\b|\b(?:you|u) (?:got|have|sell|stock|carry)\s*\??\s*$"
    r"|\bwhat (?:should|could|can|do) i (?:use|get|buy|need) (?:for|to)\b",
    re.I,
)


def asks_for_products(text: str) -> bool:
    """A question that asks for products ("do you have scented candles?", "got any mugs?",
    "which laptop would you recommend?"), unlike "how do I clean my headphones?"."""
    return _SHOPPING_Q_RE.search(text or "") is not None


def asks_something(text: str) -> bool:
    """A question, or a request for information phrased with "can I", "do you" and the like
    ("can i get my money back after 20 days"): what a help text may answer."""
    return is_question(text) or _ASKING_RE.search(text or "") is not None


def normalize_answer(text: str) -> str:
    """Lower case, unicode-normalized, apostrophes dropped, punctuation and fillers trimmed."""
    norm = unicodedata.normalize("NFKC", text or "").lower()
    norm = norm.replace("'", "").replace("’", "")
    norm = re.sub(r"[^\w$€£/ ]+", " ", norm)
    norm = re.sub(r"\s+", " ", norm).strip()
    norm = re.sub(r"^(?:um+|uh+|hmm+|well|honestly|really|oh|erm|meh)\s+", "", norm)
    return re.sub(r"\s+(?:really|please|pls|thanks|thank you|at all|tbh|honestly)$", "", norm)


def is_any(text: str) -> bool:
    """True when the shopper declines a preference: "any", "don't care", "no preference",
    also two such phrases in a row ("idk, you pick")."""
    norm = normalize_answer(text)
    if _is_any_phrase(norm):
        return True
    words = norm.split(" ")
    return any(
        _is_any_phrase(" ".join(words[:i])) and _is_any_phrase(" ".join(words[i:]))
        for i in range(1, len(words))
    )


def _is_any_phrase(norm: str) -> bool:
    return norm in _ANY_PHRASES or bool(_ANY_PATTERN.fullmatch(norm))


def apply_answer(prefs: Preferences, field: str, value: str) -> Preferences:
    """``prefs`` after the shopper picked ``value`` for ``field`` (a quick reply).

    Args:
        prefs: the preferences kept so far.
        field: ``category``, ``brand``, ``budget`` or ``attributes.<name>``.
        value: a catalog value, a budget phrase ("under 100", "between 50 and 80"), a tier
            word ("cheap"), or "any".

    A new category starts the search over (the old brand, budget and attributes belonged to
    the old category); the first category, picked from a mix of categories ("Which kind are
    you after?"), keeps the budget and brand said before. Unknown fields leave ``prefs``
    unchanged.
    """
    value = (value or "").strip()
    declined = is_any(value) or not value
    anys = set(prefs.any)
    if field == "category":
        if declined or value == prefs.category:
            return prefs
        if prefs.category is None:  # narrowing a mix of categories: the budget still holds
            return replace(prefs, category=value, attributes={}, any=prefs.any - {"category"})
        return Preferences(category=value)
    if field == "brand":
        if declined:
            return replace(prefs, brand=None, any=frozenset(anys | {"brand"}))
        return replace(prefs, brand=value, any=frozenset(anys - {"brand"}))
    if field == "budget":
        if declined:
            return replace(
                prefs, budget_min=None, budget_max=None, price_tier=None,
                any=frozenset(anys | {"budget"}),
            )  # fmt: skip
        reading = read_budget(value, expect_budget=True)
        if reading.stated:
            return replace(
                prefs, budget_min=reading.budget_min, budget_max=reading.budget_max,
                price_tier=None, any=frozenset(anys - {"budget"}),
            )  # fmt: skip
        if reading.tier:
            return replace(
                prefs, budget_min=None, budget_max=None, price_tier=reading.tier,
                any=frozenset(anys - {"budget"}),
            )  # fmt: skip
        return prefs
    if field.startswith("attributes.") and len(field) > len("attributes."):
        name = field.split(".", 1)[1]
        attributes = dict(prefs.attributes)
        if declined and value.lower() not in ("yes", "no"):
            attributes.pop(name, None)
            return replace(prefs, attributes=attributes, any=frozenset(anys | {field}))
        attributes[name] = value.lower()
        return replace(prefs, attributes=attributes, any=frozenset(anys - {field}))
    return prefs
