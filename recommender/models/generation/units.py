"""Attribute values as numbers and with the unit their attribute's name carries.

``battery_hours: "57"`` is said as "57 hours" (the key names the unit); ``"1 TB"`` compares
as 1024 GB. The verifier counts the unit form as the same catalog fact.
"""

from __future__ import annotations

import re

KEY_UNITS = frozenset({"hours", "days", "mm", "cm", "kg", "g", "lb", "oz", "minutes", "watts"})
_UNIT_SCALE = {"tb": 1024.0}
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)")
_BARE = re.compile(r"\d+(?:\.\d+)?")


def with_unit(key: str, value: str) -> str:
    """A bare number with the unit its attribute's name carries (``battery_hours`` 57 ->
    "57 hours"); any other value as it is."""
    unit = key.rsplit("_", 1)[-1]
    if unit in KEY_UNITS and _BARE.fullmatch(value.strip()):
        return f"{value.strip()} {unit}"
    return value


def numeric(value: str) -> tuple[float, str] | None:
    """``"14 days"`` -> ``(14.0, "days")``; ``"1 TB"`` -> ``(1024.0, "gb")``; else ``None``."""
    m = _NUMBER.match(value)
    if m is None:
        return None
    unit = m.group(2).lower()
    scale = _UNIT_SCALE.get(unit, 1.0)
    return float(m.group(1)) * scale, ("gb" if unit == "tb" else unit)
