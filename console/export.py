"""Review results as Rasa training data: annotated messages as NLU examples, reviewed
conversations as test stories (YAML that ``rasa data validate`` accepts next to the bot's
own data).

Written by hand rather than through a YAML library so that the console needs no more than
aiohttp; every scalar that is not a plain example line is JSON, which is valid YAML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from genrec_core.pii import redact

VERSION = 'version: "3.1"'
# Text Rasa would read as an entity annotation ("[x](y)", "[x]{...}") cannot be an example.
_ANNOTATION_LIKE = re.compile(r"\[[^\]]*\]\s*[({\[]")
STORY_SKIP_ACTIONS = frozenset({"action_listen", "action_session_start", "action_extract_slots"})


def _one_line(text: str) -> str:
    return " ".join(redact(text).split())


def annotate(text: str, entities: Iterable[dict[str, Any]]) -> str | None:
    """``text`` with entities written inline (``[Sony](brand)``), or ``None`` if it cannot be
    written as a training example."""
    if not text or _ANNOTATION_LIKE.search(text) or text.startswith("/"):
        return None
    out, last = [], 0
    for e in sorted(entities, key=lambda e: e["start"]):
        start, end = e["start"], e["end"]
        if start < last or end > len(text) or start >= end:
            return None
        span = text[start:end]
        if "]" in span or "[" in span:
            return None
        out.append(text[last:start])
        value = e.get("value")
        if isinstance(value, str) and value != span:
            out.append(f"[{span}]" + json.dumps({"entity": e["entity"], "value": value}))
        else:
            out.append(f"[{span}]({e['entity']})")
        last = end
    out.append(text[last:])
    return _one_line("".join(out))


def nlu_yaml(annotations: Iterable[dict[str, Any]]) -> tuple[str, dict[str, int]]:
    """NLU training data from the reviewers' corrections; also ``{"examples", "skipped"}``.

    The same text corrected twice counts once (its latest correction wins).
    """
    latest: dict[str, dict[str, Any]] = {}
    skipped = 0
    for a in sorted(annotations, key=lambda a: a["created"]):
        example = annotate(a["text"], a["entities"])
        if example is None:
            skipped += 1
            continue
        latest[example.lower()] = {"intent": a["intent"], "example": example}
    by_intent: dict[str, list[str]] = {}
    for item in latest.values():
        by_intent.setdefault(item["intent"], []).append(item["example"])
    lines = [
        "# Exported from the review console: messages whose intent or entities a reviewer",
        "# corrected. Add to data/nlu/ and retrain.",
        VERSION,
        "nlu:",
    ]
    for intent in sorted(by_intent):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {example}" for example in sorted(by_intent[intent])]
    if not by_intent:
        lines[-1] = "nlu: []"
    return "\n".join(lines) + "\n", {"examples": len(latest), "skipped": skipped}


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def story_steps(
    events: Iterable[dict[str, Any]],
    corrections: dict[int, dict[str, Any]],
    entity_names: set[str] | None = None,
) -> list[list[str]]:
    """YAML step lines of each session of a conversation (sessions with a user message).

    ``corrections`` maps a user turn number (1-based over the whole conversation) to its
    annotation, whose intent and entities replace what the NLU said. A session's story ends
    at a handoff (the bot is paused; what follows is people talking).
    """
    sessions: list[list[str]] = []
    steps: list[str] = []
    has_user = paused = False
    turn = 0
    for event in events:
        kind = event.get("event")
        if kind in ("session_started", "restart"):
            if has_user:
                sessions.append(steps)
            steps, has_user, paused = [], False, False
            continue
        if kind == "user":
            turn += 1
        if paused:
            continue
        if kind == "user":
            steps += _user_step(event, corrections.get(turn), entity_names)
            has_user = True
        elif kind == "action" and has_user and event.get("name") not in STORY_SKIP_ACTIONS:
            steps.append(f"  - action: {event.get('name')}")
        elif kind == "active_loop" and has_user:
            steps.append(f"  - active_loop: {json.dumps(event.get('name'))}")
        elif kind == "slot" and has_user and _scalar(event.get("value")):
            steps += [
                "  - slot_was_set:",
                f"    - {event.get('name')}: {json.dumps(event.get('value'))}",
            ]
        elif kind == "pause":
            paused = True
    if has_user:
        sessions.append(steps)
    return sessions


def _user_step(
    event: dict[str, Any], correction: dict[str, Any] | None, entity_names: set[str] | None
) -> list[str]:
    text = str(event.get("text") or "")
    parse = event.get("parse_data") or {}
    intent = (parse.get("intent") or {}).get("name") or "nlu_fallback"
    entities = [
        e for e in parse.get("entities") or []
        if isinstance(e, dict) and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
        and (entity_names is None or e.get("entity") in entity_names)
    ]  # fmt: skip
    if correction is not None:
        intent, entities = correction["intent"], correction["entities"]
    written = annotate(text, [{"entity": e["entity"], "start": e["start"], "end": e["end"],
                               **({"value": e["value"]} if "value" in e else {})} for e in entities])  # fmt: skip
    if written is None:  # a button payload or text that cannot be annotated: the intent only
        lines = [f"  - intent: {intent}"]
        if entities and text.startswith("/"):
            lines.append("    entities:")
            lines += [f"    - {e['entity']}: {json.dumps(e.get('value'))}" for e in entities]
        return lines
    return ["  - user: |", f"      {written}", f"    intent: {intent}"]


def stories_yaml(
    conversations: Iterable[tuple[str, list[dict[str, Any]], dict[int, dict[str, Any]]]],
    entity_names: set[str] | None = None,
) -> tuple[str, dict[str, int]]:
    """Test stories of reviewed conversations ``(sender_id, events, corrections by turn)``."""
    lines = [
        "# Exported from the review console: reviewed conversations as test stories",
        "# (rasa test --stories). Intents and entities corrected by reviewers are applied.",
        VERSION,
        "stories:",
    ]
    count = 0
    for sender_id, events, corrections in conversations:
        for n, steps in enumerate(story_steps(events, corrections, entity_names), start=1):
            lines.append(f"- story: {json.dumps(f'review {sender_id} session {n}')}")
            lines.append("  steps:")
            lines += steps
            count += 1
    if not count:
        lines[-1] = "stories: []"
    return "\n".join(lines) + "\n", {"stories": count}
