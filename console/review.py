"""The conversation list behind ``GET /api/conversations``: summaries kept up to date from the
tracker store, filters, newest-first pages with an opaque cursor.

Summaries are derived data kept in memory; they are recomputed for a conversation whenever its
newest event id changes (the conversations themselves stay in Rasa's tracker store).
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from console.conversations import Summary, summarize
from console.errors import ValidationError
from console.trackers import TrackerStoreReader

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


class SummaryCache:
    """Summaries of every conversation, refreshed incrementally (thread-safe)."""

    def __init__(self, reader: TrackerStoreReader) -> None:
        self.reader = reader
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[int, Summary]] = {}

    def refresh(self) -> dict[str, Summary]:
        """Read which conversations changed, summarize those, return all summaries."""
        with self._lock:
            versions = self.reader.versions()
            stale = [s for s, (top, _) in versions.items() if self._cache.get(s, (-1,))[0] != top]
            for sender, events in self.reader.events(stale).items():
                self._cache[sender] = (versions[sender][0], summarize(sender, events))
            for sender in set(self._cache) - set(versions):
                del self._cache[sender]
            return {s: summary for s, (_, summary) in self._cache.items()}

    def forget(self, sender_id: str) -> None:
        with self._lock:
            self._cache.pop(sender_id, None)


def parse_time(raw: str | None, name: str) -> float | None:
    """Epoch seconds from a number or an ISO-8601 date/time (UTC if no zone given)."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError("expected an ISO-8601 date/time or epoch seconds", name) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def _flag(raw: str | None, name: str) -> bool | None:
    if raw is None or raw == "":
        return None
    if raw.lower() in ("true", "1", "yes"):
        return True
    if raw.lower() in ("false", "0", "no"):
        return False
    raise ValidationError("expected true or false", name)


@dataclass(frozen=True)
class Filters:
    """The query of ``GET /api/conversations`` (docs/REVIEW.md)."""

    since: float | None = None
    until: float | None = None
    channel: str | None = None
    intent: str | None = None
    max_confidence: float | None = None
    fallback: bool | None = None
    handoff: bool | None = None
    negative_feedback: bool | None = None
    reviewed: bool | None = None
    tag: str | None = None
    q: str | None = None
    limit: int = DEFAULT_LIMIT
    cursor: tuple[float, str] | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        """Parse and check the query string.

        Raises:
            ValidationError: a value of the wrong shape (the field says which).
        """
        known = {"since", "until", "channel", "intent", "max_confidence", "fallback", "handoff",
                 "feedback", "reviewed", "tag", "q", "limit", "cursor"}  # fmt: skip
        unknown = sorted(set(query) - known)
        if unknown:
            raise ValidationError(f"unknown filter; known: {', '.join(sorted(known))}", unknown[0])
        max_conf = None
        if query.get("max_confidence"):
            try:
                max_conf = float(query["max_confidence"])
            except ValueError:
                raise ValidationError("expected a number in 0..1", "max_confidence") from None
            if not 0 <= max_conf <= 1:
                raise ValidationError("expected a number in 0..1", "max_confidence")
        feedback = query.get("feedback")
        if feedback not in (None, "", "negative"):
            raise ValidationError("only feedback=negative is supported", "feedback")
        try:
            limit = int(query.get("limit") or DEFAULT_LIMIT)
        except ValueError:
            raise ValidationError(f"expected 1..{MAX_LIMIT}", "limit") from None
        if not 1 <= limit <= MAX_LIMIT:
            raise ValidationError(f"expected 1..{MAX_LIMIT}", "limit")
        q = (query.get("q") or "").strip()
        if len(q) > 200:
            raise ValidationError("at most 200 characters", "q")
        return cls(
            since=parse_time(query.get("since"), "since"),
            until=parse_time(query.get("until"), "until"),
            channel=query.get("channel") or None,
            intent=query.get("intent") or None,
            max_confidence=max_conf,
            fallback=_flag(query.get("fallback"), "fallback"),
            handoff=_flag(query.get("handoff"), "handoff"),
            negative_feedback=True if feedback == "negative" else None,
            reviewed=_flag(query.get("reviewed"), "reviewed"),
            tag=(query.get("tag") or "").strip().lower() or None,
            q=q.lower() or None,
            limit=limit,
            cursor=decode_cursor(query.get("cursor")),
        )

    def keep(self, s: Summary, review: dict[str, Any]) -> bool:
        """Whether the conversation passes every filter (not the cursor)."""
        checks = (
            self.since is None or (s.last is not None and s.last >= self.since),
            self.until is None or (s.started is not None and s.started < self.until),
            self.channel is None or s.channel == self.channel,
            self.intent is None or self.intent in s.intents,
            self.max_confidence is None
            or (s.min_confidence is not None and s.min_confidence < self.max_confidence),
            self.fallback is None or s.fallback == self.fallback,
            self.handoff is None or s.handoff == self.handoff,
            self.negative_feedback is None or s.negative_feedback,
            self.reviewed is None or review.get("reviewed", False) == self.reviewed,
            self.tag is None or self.tag in review.get("tags", []),
            self.q is None or self.q in s.haystack,
        )
        return all(checks)


def encode_cursor(last: float, sender_id: str) -> str:
    return base64.urlsafe_b64encode(f"{last!r}|{sender_id}".encode()).decode()


def decode_cursor(raw: str | None) -> tuple[float, str] | None:
    if not raw:
        return None
    try:
        last, _, sender = base64.urlsafe_b64decode(raw.encode()).decode().partition("|")
        return float(last), sender
    except (ValueError, UnicodeDecodeError):
        raise ValidationError("not a cursor from a previous page", "cursor") from None


def page(
    summaries: Mapping[str, Summary], reviews: Mapping[str, dict[str, Any]], f: Filters
) -> dict[str, Any]:
    """The filtered conversations, newest activity first, one page after ``f.cursor``."""
    empty = {"reviewed": False, "tags": [], "note": ""}
    rows = [
        s for s in summaries.values() if s.user_turns and f.keep(s, reviews.get(s.sender_id, empty))
    ]
    rows.sort(key=lambda s: (s.last or 0.0, s.sender_id), reverse=True)
    if f.cursor is not None:
        rows = [s for s in rows if (s.last or 0.0, s.sender_id) < f.cursor]
    chosen = rows[: f.limit]
    more = len(rows) > f.limit
    items = []
    for s in chosen:
        review = reviews.get(s.sender_id, empty)
        items.append({**s.to_dict(), "reviewed": review["reviewed"], "tags": review["tags"]})
    cursor = encode_cursor(chosen[-1].last or 0.0, chosen[-1].sender_id) if more else None
    return {"conversations": items, "next_cursor": cursor, "matched": len(rows)}
