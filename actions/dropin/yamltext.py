"""Add items to a YAML file's top-level keys as text, leaving every existing line as it was.

A round trip through a YAML library re-indents and re-quotes the shop's files; inserting
lines keeps them byte for byte. Each result is parsed again and compared with what was meant.
"""

from __future__ import annotations

import io
import re
from typing import Any, Dict, List, Union

from ruamel.yaml import YAML

from .errors import MergeConflict

Items = Union[List[Any], Dict[str, Any]]


def load(text: str) -> Any:
    """Parse YAML into plain Python data (``None`` for an empty file)."""
    return YAML(typ="safe", pure=True).load(text)


def dump(data: Any) -> str:
    """Block-style YAML keeping the order of mapping keys."""
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def merged(data: dict[str, Any], key: str, items: Items) -> dict[str, Any]:
    """``data`` with ``items`` added to the list or mapping under ``key``."""
    result = dict(data)
    old = result.get(key)
    if isinstance(items, dict):
        result[key] = {**(old or {}), **items}
    else:
        result[key] = [*(old or []), *items]
    return result


def add_to_key(text: str, key: str, items: Items, where: str) -> str:
    """Text of a YAML document with ``items`` appended to its top-level ``key``.

    Args:
        text: the file as it is.
        key: a top-level key holding a block list or mapping (created at the end if absent).
        items: list items or mapping entries to add.
        where: the file's name, for messages.
    """
    if not items:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^{re.escape(key)}\s*:(.*)$")
    start = next((i for i, line in enumerate(lines) if pattern.match(line.rstrip("\n"))), None)
    if start is None:
        gap = "" if not text or text.endswith("\n\n") else "\n"
        return text + gap + dump({key: items})
    match = pattern.match(lines[start].rstrip("\n"))
    assert match is not None
    inline = match.group(1).split("#", 1)[0].strip()
    if inline in ("[]", "{}", "null", "~"):
        lines[start] = f"{key}:\n"
    elif inline:
        raise MergeConflict(
            f"{where}: `{key}` is written on one line; write it as a block to merge"
        )
    end = start + 1
    while end < len(lines) and (lines[end][:1] in ("", " ", "\t", "#", "-", "\n")):
        end += 1
    content = [
        i for i in range(start + 1, end) if lines[i].strip() and not lines[i].startswith("#")
    ]
    indent = "  "
    if content:
        first = lines[content[0]]
        indent = first[: len(first) - len(first.lstrip())]
    insert_at = (content[-1] if content else start) + 1
    block = "".join(
        indent + line if line.strip() else line for line in dump(items).splitlines(True)
    )
    lines[insert_at:insert_at] = [block]
    return "".join(lines)


def add_all(text: str, additions: dict[str, Any], where: str) -> str:
    """``text`` with every key's items added; checked by parsing the result again.

    A key the file lacks is appended with the given value (``None`` included); a list or
    mapping the file has gets the new items at its end.
    """
    before = load(text) or {}
    if not isinstance(before, dict):
        raise MergeConflict(f"{where}: not a YAML mapping")
    expected = dict(before)
    for key, items in additions.items():
        if key not in before:
            if text and not text.endswith("\n"):
                text += "\n"
            gap = "" if not text or text.endswith("\n\n") else "\n"
            text += gap + dump({key: items})
            expected[key] = items
        elif items:
            text = add_to_key(text, key, items, where)
            expected = merged(expected, key, items)
    if load(text) != expected:
        raise MergeConflict(f"{where}: could not add to it without changing its meaning")
    return text
