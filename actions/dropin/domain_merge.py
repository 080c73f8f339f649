"""What of the assistant's domain a shop's domain lacks, and where it conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import bundle
from .errors import MergeConflict


def entry_name(entry: Any) -> str:
    """Name of an intent or entity entry: ``greet`` or ``{greet: {use_entities: []}}``."""
    if isinstance(entry, dict):
        return str(next(iter(entry)))
    return str(entry)


def names(domain: dict[str, Any], key: str) -> set[str]:
    """Names under one key of a domain (list or mapping)."""
    value = domain.get(key) or []
    if isinstance(value, dict):
        return {str(name) for name in value}
    return {entry_name(entry) for entry in value}


@dataclass
class DomainAdditions:
    """Entries to add, per domain key, and notes on names the shop already has."""

    items: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self) -> int:
        """How many entries would be added."""
        return sum(len(value) for value in self.items.values())


def additions(user: dict[str, Any], ours: dict[str, Any] | None = None) -> DomainAdditions:
    """Entries of the assistant's domain missing from ``user``'s.

    Raises:
        MergeConflict: a slot of the same name has another type.
    """
    ours = bundle.domain() if ours is None else ours
    result = DomainAdditions()
    for key in bundle.DOMAIN_LISTS:
        have = names(user, key)
        new = [entry for entry in ours.get(key) or [] if entry_name(entry) not in have]
        if new:
            result.items[key] = new
    user_slots = user.get("slots") or {}
    for name, slot in (ours.get("slots") or {}).items():
        theirs = user_slots.get(name)
        if theirs is None:
            result.items.setdefault("slots", {})[name] = slot
        elif (theirs or {}).get("type") != slot.get("type"):
            raise MergeConflict(
                f"slot `{name}`: your domain has type {(theirs or {}).get('type')!r}, the shopping"
                f" assistant needs {slot.get('type')!r}; rename your slot and run init again"
            )
        elif theirs != slot:
            result.notes.append(f"slot `{name}`: kept yours (same type, other settings)")
    for key in ("responses", "forms"):
        have = names(user, key)
        for name, value in (ours.get(key) or {}).items():
            if name in have:
                if (user.get(key) or {}).get(name) != value:
                    result.notes.append(f"{key[:-1]} `{name}`: kept yours")
            else:
                result.items.setdefault(key, {})[name] = value
    return result
