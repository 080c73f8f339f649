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


def test_more_units_number_words_and_hyphens() -> None:
    index = build_measures(
        [
            ("hoses", {"length": "50 ft"}),
            ("tents", {"capacity": "2 person"}),
            ("bags", {"temperature_rating": "20 F"}),
            ("lamps", {"brightness": "400 lumens"}),
            ("coolers", {"capacity": "30 can"}),
        ]
    )
    assert index.find("a hose, 50 feet", "hoses") == {"length": "50 ft"}
    assert index.find("a two-person tent", "tents") == {"capacity": "2 person"}
    assert index.find("for 2 people", "tents") == {"capacity": "2 person"}
    assert index.find("a 20 degree bag", "bags") == {"temperature_rating": "20 f"}
    assert index.find("20°F", "bags") == {"temperature_rating": "20 f"}
    assert index.find("400 lumen", "lamps") == {"brightness": "400 lumens"}
    assert index.find("a 30 can cooler", "coolers") == {"capacity": "30 can"}
    assert index.find("a cheap one under 50", "hoses") == {}


def test_counts_said_with_the_name_or_a_title_word() -> None:
    index = build_measures(
        [("toasters", {"slots": "4"}), ("grills", {"burners": "3"})],
        ["Acme 4-Slice Toaster", "Acme Grill"],
    )
    assert index.find("4 slots", "toasters") == {"slots": "4"}
    assert index.find("a 4 slice toaster", "toasters") == {"slots": "4"}
    assert index.find("3 burner grill", "grills") == {"burners": "3"}
    assert index.find("3 slice", "grills") == {}


def test_sets_packs_and_sleeps() -> None:
    index = build_measures([("mugs", {"piece_count": "4"}), ("tents", {"capacity": "4 person"})])
    assert index.find("a set of 4 mugs", "mugs") == {"piece_count": "4"}
    assert index.find("4 pack", "mugs") == {"piece_count": "4"}
    assert index.find("a tent that sleeps 4", "tents") == {"capacity": "4 person"}
    assert index.find("four man tent", "tents") == {"capacity": "4 person"}
