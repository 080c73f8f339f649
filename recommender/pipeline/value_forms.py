"""Other ways shoppers write a catalog's attribute values and yes/no attribute names.

General English only: spelling variants ("gray", "aluminium"), word forms ("noise
canceling", "wheeled"), size abbreviations ("xl"), gender words ("ladies") and a few
everyday synonyms ("waterproof" for "water resistant"). Nothing here is a product word of
one catalog: every form is attached to a value or a name that the loaded catalog has, and
is left out when it would clash with another of its values.
"""

from __future__ import annotations


def singular(word: str) -> str:
    """Crude English singular used only to widen phrase keys: "earbuds" -> "earbud",
    "smartwatches" -> "smartwatch", "batteries" -> "battery", "glasses" -> "glass"."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    return word[:-1]


#: British and American spellings (both directions).
_SPELLING_PAIRS = (
    ("grey", "gray"),
    ("colour", "color"),
    ("aluminium", "aluminum"),
    ("orthopaedic", "orthopedic"),
    ("fibre", "fiber"),
    ("centre", "center"),
    ("mould", "mold"),
    ("cosy", "cozy"),
    ("doughnut", "donut"),
    ("pyjama", "pajama"),
    ("metre", "meter"),
    ("litre", "liter"),
    ("jewellery", "jewelry"),
    ("tyre", "tire"),
    ("moulded", "molded"),
    ("enamelled", "enameled"),
    ("storey", "story"),
    ("plough", "plow"),
    # everyday synonyms of words inside names and values
    ("adjustable", "variable"),
    ("detachable", "removable"),
)
SPELLINGS: dict[str, str] = {
    **{a: b for a, b in _SPELLING_PAIRS},
    **{b: a for a, b in _SPELLING_PAIRS},
}

#: A value word and other words shoppers write for it.
WORD_FORMS: dict[str, tuple[str, ...]] = {
    "men": ("mens", "man", "male", "gents", "guys"),
    "women": ("womens", "woman", "ladies", "lady", "female", "womans"),
    "kids": ("kid", "children", "childrens", "child"),
    "x large": ("xl", "extra large"),
    "xx large": ("xxl", "2xl", "extra extra large"),
    "x small": ("xs", "extra small"),
    "xl": ("x large", "extra large"),
    "xxl": ("xx large", "2xl"),
    "xs": ("x small", "extra small"),
    "wood": ("wooden",),
    "wool": ("woolen", "woollen"),
    "outdoor": ("outdoors", "outside"),
    "indoor": ("indoors",),
}

#: Groups of phrases that mean the same thing; a group member that is a value or a yes/no
#: name of a category lends that meaning to the others there (when only one member is).
SYNONYM_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(g)
    for g in (
        {"gas", "petrol", "gasoline", "propane"},
        {"manual", "reel", "push reel"},
        {"battery", "cordless", "battery powered"},
        {"wheels", "rolling", "roller"},
        {"waterproof", "water resistant", "water repellent", "weatherproof", "gore tex",
         "goretex", "rainproof", "rain proof", "showerproof", "splash proof"},
        {"cellular", "lte", "esim"},
        {"insulated", "thermal", "vacuum insulated"},
        {"pod", "capsule", "k cup"},
        {"french press", "cafetiere"},
        {"compact", "point and shoot"},
        {"super automatic", "bean to cup"},
        {"elevated", "raised"},
        {"immersion", "stick", "hand"},
        {"machine washable", "washable"},
        {"dimmable", "dimmer"},
        {"non stick", "nonstick"},
        {"self propelled", "self drive"},
        {"fitness tracker", "fitness band", "activity tracker"},
    )
)  # fmt: skip

#: Words of yes/no attribute names that say little alone ("safe" in "dishwasher_safe").
GENERIC_NAME_WORDS = frozenset(
    {
        "safe", "compatible", "resistant", "proof", "included", "include", "friendly",
        "ready", "free", "enabled", "capable", "built", "in", "has", "have", "with", "is",
        "support", "supported", "option", "mode", "feature", "available", "machine",
        "light", "water", "cover",
    }
)  # fmt: skip

#: Number words read as digits in measures ("a one person tent").
NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twelve": "12",
}

_DIGIT_WORDS = {digits: word for word, digits in NUMBER_WORDS.items()}

#: Prefixes that turn a yes/no attribute off ("uninsulated", "non-slip").
NEGATING_PREFIXES = ("non", "un")


def stem(word: str) -> str:
    """Crude word stem for matching forms of one word: "cancelling", "canceling" and
    "cancellation" -> "cancel"; "wheeled", "wheels" -> "wheel"; "cushioning" -> "cushion";
    "instantly" -> "instant"."""
    w = singular(word)
    for suffix in ("ation", "able", "ible", "ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= (5 if suffix[-2:] in ("le", "ly") else 4):
            w = w[: -len(suffix)]
            if w[-1] == w[-2] and w[-1] not in "aeiouys":
                w = w[:-1]  # "cancell" -> "cancel", "runn" -> "run"
            break
    return w


def stem_key(phrase: str) -> str:
    """A phrase with every word stemmed."""
    return " ".join(stem(w) for w in phrase.split(" "))


def compact(phrase: str) -> str:
    """A phrase without spaces ("over ear" -> "overear"); "" for one-word phrases."""
    return phrase.replace(" ", "") if " " in phrase else ""


def respell(phrase: str) -> str:
    """The phrase with British and American spellings swapped ("" if nothing changes)."""
    words = phrase.split(" ")
    out = [SPELLINGS.get(w, w) for w in words]
    return " ".join(out) if out != words else ""


def variants(phrase: str, *, joined: bool = True) -> list[str]:
    """Other ways to write ``phrase`` (a normalized value or name key), not itself;
    ``joined``: also without spaces ("overear")."""
    out: list[str] = []
    for v in (respell(phrase), compact(phrase) if joined else "", *WORD_FORMS.get(phrase, ())):
        if v and v != phrase and v not in out:
            out.append(v)
    if "'s" in phrase:  # "chef 's knife" (as tokenized) -> "chef knife", "chefs knife"
        for without in (" 's", "'s"):
            if without in phrase:
                out += [phrase.replace(without, ""), phrase.replace(without, "s")]
                break
    if phrase.endswith(" size"):
        out.append(phrase + "d")  # "king sized"
    spelled = " ".join(_DIGIT_WORDS.get(w, w) for w in phrase.split(" "))
    if spelled != phrase and not any(c.isdigit() for c in spelled):
        out.append(spelled)  # "4 season" -> "four season"
    if " " in phrase:
        head, _, tail = phrase.rpartition(" ")
        # "over ear" -> "over the ear"
        if len(head.split(" ")) == 1 and head in ("over", "on", "in"):
            out.append(f"{head} the {tail}")
    return out
