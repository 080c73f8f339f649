"""Greetings and polite wrappers taken off a question (genrec_core/pleasantries.py)."""

from __future__ import annotations

import pytest

from genrec_core.pleasantries import after_greeting, strip_pleasantries


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Good morning, can you tell me if you accept Klarna?", "you accept Klarna?"),
        ("Hi, what's the number for your help desk?", "what's the number for your help desk?"),
        ("hello! quick q - how much is postage to the UK?", "how much is postage to the UK?"),
        ("Hi there, I was wondering what your returns window is?", "what your returns window is?"),
        ("hey team, could you let me know when my card is charged", "when my card is charged"),
        ("do you ship to canada?", "do you ship to canada?"),  # nothing to take off
        ("hi, thanks", "hi, thanks"),  # too little would be left
        ("history of the brand", "history of the brand"),  # "hi" only as a word of its own
    ],
)
def test_strip_pleasantries(text: str, question: str) -> None:
    assert strip_pleasantries(text) == question


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("hello there!", ""),
        ("Hi", ""),
        ("good evening", ""),
        ("Hi, what's the number for your help desk?", "what's the number for your help desk?"),
        ("what's the number for your help desk?", ""),  # no greeting at all
    ],
)
def test_after_greeting(text: str, rest: str) -> None:
    assert after_greeting(text) == rest
