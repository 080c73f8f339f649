"""What of the assistant's domain a shop's domain lacks, and where it conflicts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
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

    Names are shared, not duplicated: an intent, entity, action or response the shop already
    has stays the shop's (the starter bot's ``greet``, ``utter_goodbye``, ...). A slot is
    shared when it has the assistant's type, and a form only when it is the assistant's own.

    Raises:
        MergeConflict: a slot of the same name has another type, or a form of the same name
            is another form.
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
            result.notes.append(
                f"slot `{name}`: kept yours (same type, other settings); the assistant's actions"
                " set it too, so your bot and the assistant share its value"
            )
    user_forms = user.get("forms") or {}
    for name, form in (ours.get("forms") or {}).items():
        if name not in user_forms:
            result.items.setdefault("forms", {})[name] = form
        elif user_forms[name] != form:
            raise MergeConflict(
                f"form `{name}`: your domain has another form of that name; rename yours and"
                " run init again"
            )
    have = names(user, "responses")
    for name, value in (ours.get("responses") or {}).items():
        if name in have:
            if (user.get("responses") or {}).get(name) != value:
                result.notes.append(f"response `{name}`: kept yours")
        else:
            result.items.setdefault("responses", {})[name] = value
    return result


#: ``def name(self) -> Text: return "action_x"`` (a docstring or comments in between).
_ACTION_NAME = re.compile(
    r"def\s+name\s*\(\s*self\s*\)[^:]*:\s*"
    r"(?:#[^\n]*\s*)*"
    r"(?:(?:\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?''')\s*)?"
    r"return\s+[\"'](\w+)[\"']"
)

_COMMENT_LINE = re.compile(r"(?m)^[ \t]*#.*$")


def shop_action_names(project: Path) -> dict[str, Path]:
    """Action names the shop's own Python code defines (``actions/`` or ``actions.py``)."""
    files = sorted((project / "actions").rglob("*.py")) if (project / "actions").is_dir() else []
    if (project / "actions.py").is_file():
        files.append(project / "actions.py")
    found: dict[str, Path] = {}
    for path in files:
        if "genrec_actions" in path.parts:
            continue  # a copy of the assistant's own actions
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        text = _COMMENT_LINE.sub("", text)  # the starter's commented-out example action
        for match in _ACTION_NAME.finditer(text):
            found.setdefault(match.group(1), path.relative_to(project))
    return found


def check_action_code(project: Path, ours: dict[str, Any] | None = None) -> None:
    """Stop when the shop's own action code defines an action of one of the assistant's names.

    rasa-sdk keeps one action per name (the one imported last), so one of the two would
    silently answer for both.

    Raises:
        MergeConflict: such an action exists.
    """
    ours = bundle.domain() if ours is None else ours
    mine = names(ours, "actions")
    clashes = {name: path for name, path in shop_action_names(project).items() if name in mine}
    if clashes:
        listed = ", ".join(f"`{name}` ({path})" for name, path in sorted(clashes.items()))
        raise MergeConflict(
            f"action {listed}: your action server defines an action the shopping assistant has"
            " too, and rasa-sdk keeps only one action per name; rename yours (its name() and"
            " where your domain, rules and stories use it) and run init again"
        )
