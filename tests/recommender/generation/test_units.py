"""Attribute values with the unit their key names, and as numbers."""

from __future__ import annotations

from recommender.models.generation.units import numeric, with_unit


def test_a_bare_number_gets_the_unit_its_attribute_names() -> None:
    assert with_unit("battery_hours", "57") == "57 hours"
    assert with_unit("battery_life", "14 days") == "14 days"  # a unit already
    assert with_unit("storage", "512") == "512"  # the name carries no unit


def test_values_compare_as_numbers_in_one_unit() -> None:
    assert numeric("14 days") == (14.0, "days")
    assert numeric("1 TB SSD") == (1024.0, "gb")
    assert numeric("fixed") is None
