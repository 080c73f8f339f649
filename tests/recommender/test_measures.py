"""Measures named in text matched to attribute values with the same number and unit."""

from __future__ import annotations

from recommender.pipeline.measures import build_measures

CATALOG = [
    ("laptops", {"screen_size": "15.6 in", "ram": "32 GB", "storage": "1 TB SSD"}),
    ("laptops", {"screen_size": "13.3 in", "ram": "16 GB", "storage": "32 GB eMMC"}),
    ("headphones", {"battery_hours": "10"}),
    ("backpacks", {"capacity": "65 L"}),
]


def test_number_and_unit_find_the_value() -> None:
    index = build_measures(CATALOG)
    assert index.find("a 15.6 inch laptop", "laptops") == {"screen_size": "15.6 in"}
    assert index.find('13.3" screen', "laptops") == {"screen_size": "13.3 in"}
    assert index.find("with 1tb", "laptops") == {"storage": "1 tb ssd"}
    assert index.find("a 65 litre pack", "backpacks") == {"capacity": "65 l"}
    assert index.find("earbuds with 10 hours of battery", "headphones") == {"battery_hours": "10"}


def test_a_shared_measure_needs_its_name_nearby() -> None:
    index = build_measures(CATALOG)
    assert index.find("32 gb", "laptops") == {}  # RAM or storage? not guessed
    assert index.find("32 gigs of ram", "laptops") == {"ram": "32 gb"}


def test_unknown_measures_and_plain_numbers_are_ignored() -> None:
    index = build_measures(CATALOG)
    assert index.find("size 10 under 100", "laptops") == {}
    assert index.find("17 inch", "laptops") == {}
