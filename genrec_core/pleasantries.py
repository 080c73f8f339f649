"""Greetings and polite wrappers around a shopper's question, taken off its front.

"Good morning, can you tell me if you accept Klarna?" asks "you accept Klarna?"; "hi, what's
the number for your help desk?" asks the question after the greeting. The help-text
retriever matches the question better without them, and the greeting action can tell a
greeting that carries a question from a plain "hello".
"""

from __future__ import annotations

import re

_GREETING = (
    r"(?:hi+|hello+|hey+|hiya|howdy|yo|heya|greetings|morning|evening|afternoon"
    r"|good (?:morning|afternoon|evening|day))"
    r"(?: there| team| all| everyone| guys| folks| again)?"
)
_POLITE = (
    r"(?:quick (?:q|question)|(?:i have|i've got|got) a (?:quick )?question"
    r"(?: for you)?|question|sorry to bother you|excuse me|please|thanks in advance"
    r"|(?:can|could|would) you (?:please )?(?:tell me|let me know|help me(?: with this)?)"
    r"(?: if| whether)?|i was wondering(?: if| whether)?|i(?:'d| would) like to know"
    r"(?: if| whether)?|just wondering(?: if| whether)?)"
)
_LEAD = re.compile(r"^\s*(?:(?:" + _GREETING + r"|" + _POLITE + r")\b[\s,.!:;~-]*)+", re.IGNORECASE)
_ONLY_GREETING = re.compile(r"^\s*(?:" + _GREETING + r")\b[\s,.!~]*$", re.IGNORECASE)


def strip_pleasantries(text: str) -> str:
    """``text`` without the greetings and polite wrappers it opens with; the text itself
    when nothing of at least two words would be left."""
    rest = _LEAD.sub("", text or "", count=1).strip()
    return rest if len(rest.split()) >= 2 else (text or "").strip()


def after_greeting(text: str) -> str:
    """What a message says after its greeting ("" for a plain "hello there!")."""
    if _ONLY_GREETING.match(text or ""):
        return ""
    rest = strip_pleasantries(text)
    return rest if rest != (text or "").strip() else ""
