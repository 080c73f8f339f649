"""Rasa's lookup of an event class by its name, from a table instead of a class-tree walk.

Rasa turns every stored event back into an object through ``Event.resolve_by_type``, which
walks every subclass of ``Event`` (``all_subclasses``, with an ``inspect.isabstract`` check
per class) for each event. A turn rebuilds the whole conversation from the tracker store,
so this walk ran hundreds of times per turn and grew with the conversation: the largest
part of Rasa's CPU per turn (``docs/BENCHMARKS.md``, "CPU per turn"). :func:`install` makes
the lookup a dictionary read built from the same walk, in the same order (the first class
with a name wins, as in Rasa's loop). A name the table lacks goes to Rasa's own method, so
unknown names, ``default`` and the ``topic`` case behave as before, and a class defined later
is found (and the table rebuilt).
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_RASA_RESOLVE = Event.resolve_by_type
_table: dict[str, type[Event]] | None = None


def event_classes() -> dict[str, type[Event]]:
    """Event name -> class, as Rasa's walk would find it (built on first use)."""
    global _table
    if _table is None:
        table: dict[str, type[Event]] = {}
        for cls in all_subclasses(Event):
            table.setdefault(cls.type_name, cls)
        _table = table
    return _table


def resolve_by_type(type_name: str, default: Any = None) -> Any:
    """``Event.resolve_by_type`` from the table; Rasa's own method for any other name."""
    found = event_classes().get(type_name)
    if found is not None:
        return found
    resolved = _RASA_RESOLVE(type_name, default)
    if resolved is not None and resolved is not default:  # a class defined after the table
        global _table
        _table = None
    return resolved


def install() -> None:
    """Use :func:`resolve_by_type` in this process (idempotent)."""
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]


__all__ = ["event_classes", "install", "resolve_by_type"]
