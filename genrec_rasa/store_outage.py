"""A turn's tracker-store failures, so the channel can refuse to answer a turn it did not keep.

Rasa wraps every tracker store in ``FailSafeTrackerStore``: when a save fails it logs the
error and keeps the conversation in memory, and when a read fails it starts the conversation
afresh, so the user gets an answer that is stored nowhere (and a bot that forgot the
conversation). :class:`~genrec_rasa.redacting_tracker_store.RedactingTrackerStore` notes each
failure it gives up on here; the REST channel (:mod:`genrec_rasa.rest_channel`) then answers
``503`` with ``Retry-After`` instead of ``200``, and the client sends the message again.

One list per request (a context variable set by the channel before the turn): Rasa handles a
turn in the request's own task, so what the store notes is what the channel reads.
"""

from __future__ import annotations

from contextvars import ContextVar

_failures: ContextVar[list[str] | None] = ContextVar("genrec_store_failures", default=None)


def begin_turn() -> None:
    """Start noting failures for the turn handled in this context."""
    _failures.set([])


def note_failure(error: BaseException) -> None:
    """The tracker store gave up on a call of this turn (a no-op outside a turn)."""
    failures = _failures.get()
    if failures is not None:
        failures.append(f"{type(error).__name__}: {error}"[:300])


def turn_failures() -> list[str]:
    """What failed during this turn (empty: everything was stored)."""
    return list(_failures.get() or [])


__all__: list[str] = ["begin_turn", "note_failure", "turn_failures"]
