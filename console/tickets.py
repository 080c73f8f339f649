"""The ticket a handoff opens: validation of incoming JSON and the shapes the API returns."""

from __future__ import annotations

import json
import math
import re
import time
import uuid
from typing import Any

from console.errors import ValidationError
from genrec_core.pii import redact, redact_value

STATUSES = ("waiting", "claimed", "closed", "expired")
ROLES = ("user", "bot", "agent")
MAX_TRANSCRIPT = 200
MAX_TEXT_CHARS = 4_000
MAX_JSON_CHARS = 65_536
MAX_ID_CHARS = 128
_TICKET_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def _text(body: dict[str, Any], key: str, *, required: bool, limit: int) -> str:
    value = body.get(key)
    if value is None:
        if required:
            raise ValidationError("is required", key)
        return ""
    if not isinstance(value, str):
        raise ValidationError("expected a string", key)
    value = value.strip()
    if required and not value:
        raise ValidationError("must not be empty", key)
    if len(value) > limit:
        raise ValidationError(f"must be at most {limit} characters", key)
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _small_json(value: Any, key: str) -> Any:
    if len(json.dumps(value, default=str)) > MAX_JSON_CHARS:
        raise ValidationError(f"must be at most {MAX_JSON_CHARS} characters of JSON", key)
    return value


def _transcript(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError("expected a list", "transcript")
    out = []
    for item in value[-MAX_TRANSCRIPT:]:
        if not isinstance(item, dict) or item.get("role") not in ROLES:
            raise ValidationError("items must be {role: user|bot|agent, text}", "transcript")
        text = item.get("text")
        if not isinstance(text, str):
            raise ValidationError("item text must be a string", "transcript")
        message: dict[str, Any] = {
            "role": item["role"],
            "text": text[:MAX_TEXT_CHARS],
            "ts": _number(item.get("ts")),
        }
        if isinstance(item.get("intent"), str):
            message["intent"] = item["intent"][:MAX_ID_CHARS]
        out.append(message)
    return out


def parse_ticket(body: Any) -> dict[str, Any]:
    """A new ticket from ``POST /api/tickets`` JSON (or a spool line), with PII in the
    transcript, slots and profile replaced by placeholders (what the store and the webhook
    get).

    Raises:
        ValidationError: not an object, ``sender_id`` missing, a field of the wrong type or
            too large.
    """
    if not isinstance(body, dict):
        raise ValidationError("expected a JSON object", "body")
    ticket_id = body.get("ticket_id") or uuid.uuid4().hex
    if not isinstance(ticket_id, str) or not _TICKET_ID.match(ticket_id):
        raise ValidationError("must be 8 to 64 letters, digits, '-' or '_'", "ticket_id")
    slots = body.get("slots") or {}
    if not isinstance(slots, dict):
        raise ValidationError("expected an object", "slots")
    profile = body.get("profile")
    if profile is not None and not isinstance(profile, dict):
        raise ValidationError("expected an object or null", "profile")
    return {
        "ticket_id": ticket_id,
        "sender_id": _text(body, "sender_id", required=True, limit=MAX_ID_CHARS),
        "channel": _text(body, "channel", required=False, limit=64),
        "reason": _text(body, "reason", required=False, limit=64) or "requested",
        "created_at": _number(body.get("created_at")) or time.time(),
        "transcript": [
            {**m, "text": redact(m["text"])} for m in _transcript(body.get("transcript"))
        ],
        "slots": redact_value(_small_json(slots, "slots")),
        "profile": redact_value(_small_json(profile, "profile")),
        "profile_error": redact(_text(body, "profile_error", required=False, limit=500)) or None,
    }


def parse_agent(body: Any) -> str:
    """The ``agent`` name of a claim/reply/resume body."""
    if not isinstance(body, dict):
        raise ValidationError("expected a JSON object", "body")
    return _text(body, "agent", required=True, limit=64)


def parse_reply(body: Any) -> tuple[str, str]:
    """``(agent, text)`` of a reply body."""
    agent = parse_agent(body)
    return agent, _text(body, "text", required=True, limit=MAX_TEXT_CHARS)
