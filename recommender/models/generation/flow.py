"""The model's kept sentences in reply order.

* its opening (sentences before the first product) stays first;
* its sequence words ("First, ... Then ... Finally, ...") are chosen again by position, so
  "finally" only opens the last product sentence, never one that the plan follows with
  another product;
* a sentence restating a value the product's title already shows ("Its color is Beige.") is
  filler and dropped; another colour sentence is said in one of ``wording.py``'s ways;
* a closing question or offer it wrote goes last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recommender.models.generation.clauses import sentences
from recommender.models.generation.phrases import Phrases
from recommender.models.generation.types import ReplyContext

_SEQUENCE = re.compile(r"^(?:first|then|next|finally|lastly)\b,?\s+", re.I)
_ATTRIBUTE = re.compile(
    r"^(?:its|it's|the)\s+(?P<ka>[\w -]+?)\s+is\s+(?P<a>.+?)\.$|^(?P<kb>[\w -]+):\s+(?P<b>.+?)\.$",
    re.I,
)
_CLOSING = re.compile(r"\?$|^(?:let me know|happy to|shall i|want me|would you|feel free)\b", re.I)


@dataclass(frozen=True)
class Flow:
    """The model's text in parts: ``opening`` (before its first product), ``body`` (product
    sentences and their details, sequence words chosen again), ``closing`` (its closer)."""

    opening: str
    body: tuple[str, ...]
    closing: str


def _attribute(text: str) -> tuple[str, str] | None:
    """``Its color is Black.`` / ``Color: Black.`` -> ``("color", "Black")``."""
    m = _ATTRIBUTE.match(text)
    if m is None:
        return None
    return (m.group("ka") or m.group("kb")).lower(), m.group("a") or m.group("b")


def _detail(text: str, title: str, phrases: Phrases) -> str:
    """The model's attribute sentence after a product: "" when the title already shows the
    value (filler), a colour in the words of ``wording.py``, else as written."""
    found = _attribute(text)
    if found is None:
        return text
    key, value = found
    if value.lower() in title.lower():
        return ""
    return phrases.say("color", value=value) if key in ("color", "colour") else text


def _sequence_word(k: int, marked: int, more: int, phrases: Phrases) -> str:
    if marked + more < 2:
        return ""  # one product: nothing to count
    if k == 0:
        return phrases.say("first")
    if k == marked - 1 and more == 0 and marked > 2:
        return phrases.say("last")  # "finally" closes a list of three or more
    return phrases.say("middle")


def arrange(text: str, ctx: ReplyContext, phrases: Phrases, more: int = 0) -> Flow:
    """Split and tidy the model's kept ``text``; ``more``: product sentences the plan adds
    after it."""
    titles = [c.product.title for c in ctx.products]
    opening: list[str] = []
    body: list[str] = []
    closing: list[str] = []
    marked: list[int] = []
    last_title = ""
    for s in sentences(text, ctx):
        low = s.lower()
        named = [t for t in titles if t.lower() in low]
        if named:
            last_title = max(named, key=lambda t: low.rfind(t.lower()))
            m = _SEQUENCE.match(s)
            if m:
                marked.append(len(body))
                s = s[m.end() :]
        elif not body:
            opening.append(s)
            continue
        elif _CLOSING.search(s):
            closing.append(s)
            continue
        elif not (s := _detail(s, last_title, phrases)):
            continue
        body.append(s)
    for k, i in enumerate(marked):
        word = _sequence_word(k, len(marked), more, phrases)
        body[i] = f"{word} {body[i]}" if word else body[i][:1].upper() + body[i][1:]
    return Flow(" ".join(opening), tuple(body), " ".join(closing[:1]))
