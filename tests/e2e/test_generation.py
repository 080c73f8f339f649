"""Generated recommendation replies through the real stack (Rasa -> actions -> recommender).

The text the shopper reads must name exactly the products in the turn's custom payload and
state only their prices; the recommender's turn log says the text was generated (not the
deterministic template) for at least one of the turns.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from recommender.data.loaders import load_catalog
from scripts.stack import StackConfig
from tests.e2e.conftest import Conversation, products, texts

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

TITLES = {p.title for p in load_catalog("recommender/data/demo/catalog.jsonl")}
MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)")
TRACE = re.compile(r"recommended .* to (\S+) \(trace ([0-9a-f]{32})\b")
TURNS = (
    ("I need wireless headphones under 100 dollars", 100.0),
    ("show me running shoes under $150", 150.0),
    ("I want a smartwatch under 400 dollars", 400.0),
)


def recommend_turn(chat: Conversation, message: str) -> list[dict[str, Any]]:
    """Send ``message``: a request that names a category gets its products at once."""
    return chat.say(message)


def reply_sources(stack: StackConfig, sender: str) -> list[str]:
    """``reply_source`` of this sender's turns, joined from the action and recommender logs."""
    logs = Path(stack.state_dir) / "logs"
    actions = (logs / "actions.log").read_text(errors="replace")
    traces = {m.group(2) for m in TRACE.finditer(actions) if m.group(1) == sender}
    sources = []
    for line in (logs / "recommender.log").read_text(errors="replace").splitlines():
        _, found, record = line.partition(" recommend {")
        if found:
            data = json.loads("{" + record)
            if data["trace_id"] in traces:
                sources.append(data["reply_source"])
    return sources


@pytest.mark.parametrize(("message", "budget"), TURNS)
def test_reply_names_exactly_the_payload_products(
    chat: Conversation, message: str, budget: float
) -> None:
    reply = recommend_turn(chat, message)
    cards = products(reply)
    shown = texts(reply)
    assert cards, shown
    payload_titles = {c["title"] for c in cards}
    for title in payload_titles:
        assert title in shown, f"{title!r} missing from {shown!r}"
    # a payload title may contain a shorter catalog title; only count other titles standing alone
    rest = shown
    for title in sorted(payload_titles, key=len, reverse=True):
        rest = rest.replace(title, " ")
    assert not [t for t in TITLES - payload_titles if t in rest], shown
    prices = {round(float(c["price"]), 2) for c in cards}
    stated = {round(float(m.replace(",", "")), 2) for m in MONEY.findall(shown)}
    assert stated, shown
    assert stated <= prices | {budget}, (stated, prices, shown)
    assert prices <= stated, f"not every payload price is stated: {shown!r}"
    assert all(c["price"] <= budget for c in cards)


def test_generated_replies_reach_the_shopper(stack: StackConfig, chat: Conversation) -> None:
    for message, _ in TURNS:
        assert products(recommend_turn(chat, message))
    sources = reply_sources(stack, chat.sender)
    assert len(sources) >= len(TURNS), sources
    assert set(sources) <= {"generated", "template"}
    assert "generated" in sources, sources
