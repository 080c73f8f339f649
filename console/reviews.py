"""Reviewers' marks on conversations and their corrections of user messages.

Kept in the ticket store's database (same connection, tables ``<prefix>reviews`` and
``<prefix>annotations``); conversations themselves are never copied: an annotation holds the
one (already redacted) message it corrects. Calls are synchronous; the app runs them in the
thread pool like the ticket store's.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from typing import Any

from console.errors import ValidationError
from console.store import TicketStore
from genrec_core.pii import redact

MAX_TAGS = 20
MAX_NOTE_CHARS = 4_000
MAX_ENTITIES = 30
_NAME = re.compile(r"^[A-Za-z0-9_./-]{1,64}$")
_TAG = re.compile(r"^[\w .:/-]{1,40}$", re.UNICODE)


def _bool(body: dict[str, Any], key: str) -> bool | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise ValidationError("expected true or false", key)
    return value


def parse_review(body: Any) -> dict[str, Any]:
    """``PUT /api/conversations/{id}/review`` body: any of ``reviewed``, ``tags``, ``note``,
    plus the ``reviewer`` name."""
    if not isinstance(body, dict):
        raise ValidationError("expected a JSON object", "body")
    out: dict[str, Any] = {}
    reviewed = _bool(body, "reviewed")
    if reviewed is not None:
        out["reviewed"] = reviewed
    if "tags" in body:
        tags = body["tags"]
        if not isinstance(tags, list) or len(tags) > MAX_TAGS:
            raise ValidationError(f"expected a list of at most {MAX_TAGS} tags", "tags")
        clean = []
        for tag in tags:
            if not isinstance(tag, str) or not _TAG.match(tag.strip()):
                raise ValidationError("tags are 1-40 letters, digits, spaces or .:/-_", "tags")
            clean.append(tag.strip().lower())
        out["tags"] = sorted(set(clean))
    if "note" in body:
        note = body["note"]
        if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
            raise ValidationError(
                f"expected a string of at most {MAX_NOTE_CHARS} characters", "note"
            )
        out["note"] = redact(note.strip())
    reviewer = body.get("reviewer", "")
    if not isinstance(reviewer, str) or len(reviewer) > 64:
        raise ValidationError("expected a name of at most 64 characters", "reviewer")
    out["reviewer"] = reviewer.strip()
    if not set(out) - {"reviewer"}:
        raise ValidationError("give at least one of reviewed, tags, note", "body")
    return out


def parse_entities(value: Any, text: str) -> list[dict[str, Any]]:
    """Corrected entities: ``[{"entity", "value", "start"?, "end"?}]``, each within ``text``.

    Without offsets the value must occur in the text (its first occurrence is used).
    """
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_ENTITIES:
        raise ValidationError(f"expected a list of at most {MAX_ENTITIES} entities", "entities")
    out = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("entity"), str):
            raise ValidationError("each entity needs an entity name", "entities")
        name = item["entity"]
        if not _NAME.match(name):
            raise ValidationError(f"bad entity name {name[:40]!r}", "entities")
        start, end = item.get("start"), item.get("end")
        if isinstance(start, int) and isinstance(end, int):
            if not 0 <= start < end <= len(text):
                raise ValidationError("start/end outside the text", "entities")
        else:
            raw = item.get("value")
            if not isinstance(raw, str) or not raw or raw not in text:
                raise ValidationError("value must occur in the message text", "entities")
            start = text.index(raw)
            end = start + len(raw)
        entity: dict[str, Any] = {"entity": name, "start": start, "end": end}
        value_ = item.get("value")
        if isinstance(value_, str) and value_ and value_ != text[start:end]:
            entity["value"] = value_
        out.append(entity)
    spans = sorted((e["start"], e["end"]) for e in out)
    if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
        raise ValidationError("entities overlap", "entities")
    return out


class ReviewStore:
    """Reviews and annotations, in the ticket store's database."""

    def __init__(self, tickets: TicketStore) -> None:
        self.db = tickets
        self.reviews = tickets.prefix + "reviews"
        self.annotations = tickets.prefix + "annotations"

    def open(self) -> ReviewStore:
        r, a = self.reviews, self.annotations
        with self.db._tx() as cur:
            for stmt in (
                f"CREATE TABLE IF NOT EXISTS {r} (sender_id TEXT PRIMARY KEY, reviewed INTEGER"
                " NOT NULL, tags TEXT NOT NULL, note TEXT NOT NULL, reviewer TEXT NOT NULL,"
                " updated DOUBLE PRECISION NOT NULL)",
                f"CREATE TABLE IF NOT EXISTS {a} (sender_id TEXT NOT NULL, turn INTEGER NOT NULL,"
                " text TEXT NOT NULL, intent TEXT NOT NULL, entities TEXT NOT NULL,"
                " original_intent TEXT, author TEXT NOT NULL, created DOUBLE PRECISION NOT NULL,"
                " PRIMARY KEY (sender_id, turn))",
            ):
                cur.execute(stmt)
        return self

    # ------------------------------------------------------------------ reviews
    def get(self, sender_id: str) -> dict[str, Any]:
        """The review of one conversation (an empty one if never reviewed)."""
        return self.all([sender_id]).get(sender_id) or {
            "reviewed": False, "tags": [], "note": "", "reviewer": "", "updated": None,
        }  # fmt: skip

    def all(self, sender_ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
        """Reviews by sender id (of these senders, or all)."""
        sql = f"SELECT sender_id, reviewed, tags, note, reviewer, updated FROM {self.reviews}"
        params: tuple[Any, ...] = ()
        if sender_ids is not None:
            if not sender_ids:
                return {}
            sql += f" WHERE sender_id IN ({', '.join('?' for _ in sender_ids)})"
            params = tuple(sender_ids)
        with self.db._tx() as cur:
            cur.execute(self.db._sql(sql), params)
            rows = cur.fetchall()
        return {
            r[0]: {"reviewed": bool(r[1]), "tags": json.loads(r[2]), "note": r[3],
                   "reviewer": r[4], "updated": float(r[5])}
            for r in rows
        }  # fmt: skip

    def put(self, sender_id: str, change: dict[str, Any]) -> dict[str, Any]:
        """Apply a parsed review change; returns the review."""
        review = {**self.get(sender_id), **change, "updated": time.time()}
        sql = self.db._sql(
            f"INSERT INTO {self.reviews} (sender_id, reviewed, tags, note, reviewer, updated)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sender_id) DO UPDATE SET"
            " reviewed = excluded.reviewed, tags = excluded.tags, note = excluded.note,"
            " reviewer = excluded.reviewer, updated = excluded.updated"
        )
        with self.db._tx() as cur:
            cur.execute(
                sql,
                (sender_id, int(review["reviewed"]), json.dumps(review["tags"]), review["note"],
                 review["reviewer"], review["updated"]),
            )  # fmt: skip
        return review

    # -------------------------------------------------------------- annotations
    def annotate(
        self,
        sender_id: str,
        turn: int,
        text: str,
        intent: str,
        entities: list[dict[str, Any]],
        original_intent: str | None,
        author: str,
    ) -> dict[str, Any]:
        """Store (or replace) the correction of one user message."""
        row = {
            "sender_id": sender_id, "turn": turn, "text": redact(text), "intent": intent,
            "entities": entities, "original_intent": original_intent, "author": author,
            "created": time.time(),
        }  # fmt: skip
        sql = self.db._sql(
            f"INSERT INTO {self.annotations} (sender_id, turn, text, intent, entities,"
            " original_intent, author, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (sender_id, turn) DO UPDATE SET text = excluded.text,"
            " intent = excluded.intent, entities = excluded.entities,"
            " original_intent = excluded.original_intent, author = excluded.author,"
            " created = excluded.created"
        )
        with self.db._tx() as cur:
            cur.execute(
                sql,
                (sender_id, turn, row["text"], intent, json.dumps(entities), original_intent,
                 author, row["created"]),
            )  # fmt: skip
        return row

    def annotations_of(self, sender_id: str | None = None) -> list[dict[str, Any]]:
        """Annotations of one conversation (or all), by sender and turn."""
        sql = (
            f"SELECT sender_id, turn, text, intent, entities, original_intent, author, created"
            f" FROM {self.annotations}"
        )
        params: tuple[Any, ...] = ()
        if sender_id is not None:
            sql += " WHERE sender_id = ?"
            params = (sender_id,)
        with self.db._tx() as cur:
            cur.execute(self.db._sql(sql + " ORDER BY sender_id, turn"), params)
            rows = cur.fetchall()
        return [
            {"sender_id": r[0], "turn": int(r[1]), "text": r[2], "intent": r[3],
             "entities": json.loads(r[4]), "original_intent": r[5], "author": r[6],
             "created": float(r[7])}
            for r in rows
        ]  # fmt: skip

    # ------------------------------------------------------------------ erasure
    def forget(self, sender_id: str) -> dict[str, int]:
        """Delete the conversation's review and annotations."""
        counts = {}
        with self.db._tx() as cur:
            for name, table in (("reviews", self.reviews), ("annotations", self.annotations)):
                cur.execute(self.db._sql(f"DELETE FROM {table} WHERE sender_id = ?"), (sender_id,))
                counts[name] = max(cur.rowcount, 0)
        return counts
