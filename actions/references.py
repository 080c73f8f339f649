"""Which shown product the shopper means: "the second one", "#3", "the last", typos."""

from __future__ import annotations

import difflib
import re
import unicodedata

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
