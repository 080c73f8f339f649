"""A tracker store that writes conversations with PII replaced by placeholders.

Configured in ``endpoints.yml`` around any Rasa tracker store::

    tracker_store:
      type: genrec_rasa.redacting_tracker_store.RedactingTrackerStore
      wrapped_type: SQL        # SQL, redis, mongod, dynamo or a module path
      dialect: sqlite          # every other key goes to the wrapped store
      db: var/tracker.db

During a turn Rasa, the policies and the actions see the user's raw text; what reaches the
wrapped store (and, through it, the event broker) is a copy of the tracker in which e-mail
addresses, phone numbers, card numbers, IBANs and street addresses are replaced by
``<EMAIL>``, ``<PHONE>``, ``<CARD>``, ``<IBAN>``, ``<ADDRESS>`` (:mod:`genrec_core.pii`): in
user texts, entity values (offsets moved to match), bot messages and their payloads, slot
values and metadata. A tracker read back is the redacted one, so later turns see placeholders
for earlier messages. The module also redacts Rasa's own log records.

A call the wrapped store fails with a lost connection (a database restart, a short outage) is
tried again for up to ``retry_s`` seconds (``store_retry_s`` in ``endpoints.yml``, default
15): the turn waits instead of being answered from Rasa's in-memory fallback. A call that
still fails is noted (:mod:`genrec_rasa.store_outage`) so the channel answers ``503``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import TrackerStore, create_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from genrec_core import redacting_log
from genrec_core.pii import default_redactor, redact, redact_value, shift_offset
from genrec_rasa import speedups
from genrec_rasa.store_outage import note_failure

logger = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULT_RETRY_S = 15.0


def _transient(exc: BaseException) -> bool:
    """A lost or refused connection (SQLAlchemy's DBAPI errors, sockets, Redis), not a bug."""
    try:
        from sqlalchemy.exc import DBAPIError
    except ImportError:  # pragma: no cover - Rasa always has SQLAlchemy
        DBAPIError = ()  # type: ignore[assignment,misc]
    return isinstance(exc, (DBAPIError, OSError, TimeoutError)) or type(exc).__name__ in (
        "ConnectionError",
        "TimeoutError",
        "BusyLoadingError",
    )


def _redact_entities(entities: Any, text: str) -> Any:
    """Entity values redacted, their ``start``/``end`` moved to the redacted ``text``."""
    if not isinstance(entities, list):
        return redact_value(entities)
    _, old, new = default_redactor().redact_spans(text)
    out = []
    for entity in entities:
        if not isinstance(entity, dict):
            out.append(redact_value(entity))
            continue
        clean = redact_value(entity)
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int) and old:
            clean["start"] = shift_offset(start, old, new)
            clean["end"] = max(clean["start"], shift_offset(end, old, new))
            if any(s.start < end and start < s.end for s in old):
                # The entity overlaps personal data: its value is what the redacted text shows.
                placeholder = redact(text)[clean["start"] : clean["end"]]
                if isinstance(clean.get("value"), str):
                    clean["value"] = placeholder
        out.append(clean)
    return out


def redact_event(event: dict[str, Any]) -> dict[str, Any]:
    """A serialised Rasa event with every free text redacted (ids and names kept)."""
    if event.get("event") != "user":
        return redact_value(event)
    text = event.get("text")
    clean = redact_value({k: v for k, v in event.items() if k != "parse_data"})
    parse = event.get("parse_data")
    if isinstance(parse, dict):
        raw = parse.get("text") if isinstance(parse.get("text"), str) else text
        clean_parse = redact_value({k: v for k, v in parse.items() if k != "entities"})
        if "entities" in parse:
            clean_parse["entities"] = _redact_entities(parse["entities"], raw or "")
        clean["parse_data"] = clean_parse
    elif parse is not None:
        clean["parse_data"] = redact_value(parse)
    if isinstance(text, str):
        clean["text"] = redact(text)
    return clean


def redact_tracker(tracker: DialogueStateTracker, domain: Domain) -> DialogueStateTracker:
    """A copy of ``tracker`` rebuilt from redacted events (the input is not changed), or
    ``tracker`` itself when redaction changes none of its events.

    Rebuilding replays every event of the conversation, the costliest part of a save; a
    tracker read back from the store is already redacted, so most turns have nothing new to
    replace and skip it.
    """
    raw = [e.as_dict() for e in tracker.events]
    events = [redact_event(e) for e in raw]
    if events == raw:
        return tracker
    copy = DialogueStateTracker.from_dict(
        tracker.sender_id, events, domain.slots, tracker._max_event_history
    )
    copy.model_id = getattr(tracker, "model_id", None)
    copy.assistant_id = getattr(tracker, "assistant_id", None)
    return copy


class RedactingTrackerStore(TrackerStore):
    """Wraps the tracker store named by ``wrapped_type`` and redacts what it saves.

    Args:
        domain: the assistant's domain.
        host: the wrapped store's ``url`` (SQL host, Redis host...).
        event_broker: passed to the wrapped store, which streams the redacted events.
        wrapped_type: the wrapped store's ``type`` (default ``SQL``).
        store_retry_s: how long a call that lost its connection is tried again (0: never).
        **kwargs: the wrapped store's other settings (``dialect``, ``db``, ``port``...).
    """

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        wrapped_type: str = "SQL",
        store_retry_s: float = DEFAULT_RETRY_S,
        **kwargs: Any,
    ) -> None:
        self.retry_s = float(store_retry_s)
        if str(wrapped_type).endswith("RedactingTrackerStore"):
            raise ValueError("RedactingTrackerStore cannot wrap itself")
        self._store = create_tracker_store(
            EndpointConfig(url=host, type=wrapped_type, **kwargs), domain, event_broker
        )
        super().__init__(domain, event_broker)
        redacting_log.install()
        speedups.install()  # CPU per turn: the Rasa server that loads this store
        logger.info("tracker store: %s with PII redaction", type(self._store).__name__)

    @property
    def domain(self) -> Domain:
        return self._store.domain

    @domain.setter
    def domain(self, domain: Domain | None) -> None:
        self._store.domain = domain or Domain.empty()

    @property
    def wrapped(self) -> TrackerStore:
        """The tracker store that holds the (redacted) conversations."""
        return self._store

    async def _retrying(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """``call()``, again after a lost connection until ``retry_s`` has passed.

        Raises:
            Exception: the last failure (noted for the channel first).
        """
        deadline = time.monotonic() + self.retry_s
        delay = 0.2
        while True:
            try:
                return await call()
            except Exception as exc:
                if not _transient(exc) or time.monotonic() + delay > deadline:
                    note_failure(exc)
                    raise
                logger.warning(
                    "tracker store %s failed (%s); trying again", what, type(exc).__name__
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save a redacted copy; the wrapped store streams its new events to the broker."""
        self._store.max_event_history = self.max_event_history
        redacted = redact_tracker(tracker, self.domain)
        await self._retrying("save", lambda: self._store.save(redacted))

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self._store.max_event_history = self.max_event_history
        return await self._retrying("retrieve", lambda: self._store.retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        self._store.max_event_history = self.max_event_history
        return await self._retrying(
            "retrieve", lambda: self._store.retrieve_full_tracker(conversation_id)
        )

    async def keys(self) -> Iterable[str]:
        return await self._store.keys()

    async def exists(self, conversation_id: str) -> bool:
        return await self._store.exists(conversation_id)


__all__: list[str] = ["RedactingTrackerStore", "redact_event", "redact_tracker"]
