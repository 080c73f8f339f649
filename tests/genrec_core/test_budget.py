"""The shared budget grammar: bounds, negations, number words, non-budget numbers, tiers."""

from __future__ import annotations

import pytest

from genrec_core.budget import budget_label, money, parse_amount, read_budget

BOUNDS = [
    # upper bounds, negated lower bounds
    ("i'm shopping for headphones, nothing over 190 dollars", None, 190),
    ("i can't go over 150", None, 150),
    ("i don't want to spend more than 150", None, 150),
    ("no higher than 65", None, 65),
    ("shouldn't cost more than 25", None, 25),
    ("cheaper than 55", None, 55),
    ("anything but over 100", None, 100),
    ("not a penny over 60", None, 60),
    ("can't afford more than 300", None, 300),
    ("wouldn't pay more than €80", None, 80),
    ("dont show me anything over 90", None, 90),
    ("i refuse to pay over 150 for trainers", None, 150),
    ("no more then 200", None, 200),
    ("undr 70", None, 70),
    ("$99 or less", None, 99),
    ("one hundred fifty max", None, 150),
    ("800 is my limit", None, 800),
    ("i have 80 to spend", None, 80),
    ("my budget is 80", None, 80),
    ("for 80 bucks", None, 80),
    ("i don't need anything fancy under 100", None, 100),  # "fancy" ends the negation
    # lower bounds, negated upper bounds
    ("no less than 40", 40, None),
    ("not under 250", 250, None),
    ("more than 200 dollars", 200, None),
    ("don't show me stuff under 300", 300, None),
    ("100+ dollars", 100, None),
    # ranges and approximations
    ("between 50 and 80 dollars", 50, 80),
    ("$50-$80", 50, 80),
    ("100-150", 100, 150),
    ("between five and six hundred", 500, 600),
    ("nothing under 50 or over 120", 50, 120),
    ("over 100 but under 200", 100, 200),
    ("around $100", 80, 120),
    ("100-ish", 80, 120),
    ("approx. 300", 240, 360),
    # words and scales
    ("under a hundred", None, 100),
    ("less than fifty bucks", None, 50),
    ("a hundred and fifty bucks tops", None, 150),
    ("under a couple hundred", None, 200),
    ("two grand max", None, 2000),
    ("half a grand", None, 500),
    ("under 1k", None, 1000),
    ("1.2k", None, 1200),
    ("1.299,99 €", None, 1299.99),
    ("laptop under $1,299.99", None, 1299.99),
    # corrections
    ("sorry, 80 not 800", None, 80),
    ("I said under 300, not under 3000", None, 300),
]

NOT_BUDGETS = [
    "size 10 running shoes",
    "iPhone 15",
    "2 pack of socks",
    "a 4K tv",
    "at least 20 hours battery",
    "over 4.5 stars",
    "a tent for 4",
    "IP68 at least",
    "my old one from 2019 just died",
    "training for the 2025 london marathon",
    "shoes for the 5k park run",
    "up to 8K video",
    "between 40 and 45 mm case",
    "at least 16gb ram",
    "for my 8 year old",
]


@pytest.mark.parametrize(("text", "lo", "hi"), BOUNDS)
def test_bounds(text: str, lo: float | None, hi: float | None) -> None:
    r = read_budget(text)
    assert (r.budget_min, r.budget_max) == (lo, hi)
    assert r.tier is None


@pytest.mark.parametrize("text", NOT_BUDGETS)
def test_numbers_that_are_not_budgets(text: str) -> None:
    r = read_budget(text)
    assert (r.budget_min, r.budget_max) == (None, None)


def test_a_real_budget_beside_other_numbers() -> None:
    r = read_budget("16 GB ram, 13 inch, under 800")
    assert (r.budget_min, r.budget_max) == (None, 800)


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("cheap smartwatch for my kid", "low"),
        ("something affordable", "low"),
        ("nothing too expensive", "low"),
        ("not super expensive", "low"),
        ("a budget option", "low"),
        ("premium headphones", "high"),
        ("top-of-the-range", "high"),
        ("not looking for budget stuff, I want premium", "high"),
        ("doesn't need to be high-end, cheap is fine", "low"),
        ("i don't want anything cheap", "high"),
    ],
)
def test_tiers_are_not_amounts(text: str, tier: str) -> None:
    r = read_budget(text)
    assert r.tier == tier
    assert not r.stated


def test_the_noun_budget_is_no_tier() -> None:
    assert read_budget("not sure about budget yet").tier is None
    assert read_budget("my budget is 300").tier is None


def test_bare_amounts_only_when_a_budget_was_asked() -> None:
    assert not read_budget("80").stated
    assert read_budget("80", expect_budget=True).budget_max == 80
    assert read_budget("eighty", expect_budget=True).budget_max == 80


def test_around_band_and_labels() -> None:
    r = read_budget("about 200", around_band=0.1)
    assert (r.budget_min, r.budget_max) == (180, 220)
    assert r.label() == "around $200"
    assert read_budget("between 20 and 40").label() == "between $20 and $40"
    assert read_budget("cheap").label() == "cheap"
    assert budget_label(None, None) == "any"
    assert money(79.5) == "$79.50" and money(1000) == "$1,000"


def test_spans_cover_the_budget_words() -> None:
    text = "wireless headphones, nothing over 190 dollars"
    r = read_budget(text)
    assert [text[s:e] for s, e in r.spans] == ["nothing over 190 dollars"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("80", 80.0),
        ("$80", 80.0),
        ("80 dollars", 80.0),
        ("$1,299.99", 1299.99),
        ("1.2k", 1200.0),
        ("€ 49.5", 49.5),
        ("fifty", 50.0),
        ("two hundred", 200.0),
        ("twenty-five", 25.0),
        ("abc", None),
        ("", None),
        ("12 34", None),
    ],
)
def test_parse_amount(text: str, value: float | None) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["", " ", "$", "under", "-" * 5000, "9" * 400, "\x00\u202e"])
def test_hostile_input_reads_as_nothing_or_a_number(text: str) -> None:
    r = read_budget(text)
    assert r.budget_max is None or r.budget_max >= 0


# -- rules added for everyday phrasings (one test per rule) ----------------------------------------


@pytest.mark.parametrize(
    "text", ["I can't really justify more than 150", "not trying to spend over 150"]
)
def test_negation_reaches_over_everyday_verbs(text: str) -> None:
    assert (read_budget(text).budget_min, read_budget(text).budget_max) == (None, 150)


@pytest.mark.parametrize(
    ("text", "hi"),
    [("one fifty tops", 150), ("two ninety nine max", 299), ("under nine ninety-five", 995)],
)
def test_spoken_prices(text: str, hi: float) -> None:
    assert read_budget(text).budget_max == hi


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [("under a tenner", None, 10), ("not more than a fiver", None, 5), ("a tenner", None, 10)],
)
def test_money_nouns(text: str, lo: float | None, hi: float | None) -> None:
    assert (read_budget(text).budget_min, read_budget(text).budget_max) == (lo, hi)


@pytest.mark.parametrize(
    "text",
    [
        "oven safe up to 500 F",
        "oven safe up to 260°C",
        "a watch for runs over 20 miles",
        "alert me when my heart rate is over 160 bpm",
        "knife set with at least 5 knives",
        "a laptop with at least 2 usb ports",
        "with over 1000 reviews",
        "i have 40 guests coming",
    ],
)
def test_temperatures_distances_and_counted_things_are_not_budgets(text: str) -> None:
    assert not read_budget(text).stated


@pytest.mark.parametrize(
    ("text", "hi"),
    [("under 80 sports headphones", 80), ("max 60 cheers", 60), ("under 50 thanks", 50)],
)
def test_a_noun_after_a_strong_upper_bound_keeps_the_budget(text: str, hi: float) -> None:
    assert read_budget(text).budget_max == hi


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [("1 to 2k", 1000, 2000), ("1-2k", 1000, 2000), ("between 1 and 2k", 1000, 2000)],
)
def test_a_k_name_closing_a_range_is_money(text: str, lo: float, hi: float) -> None:
    assert (read_budget(text).budget_min, read_budget(text).budget_max) == (lo, hi)
    assert not read_budget("upgrade from 1080p to 4k").stated


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("my max is 80", None, 80),
        ("all i have is 80", None, 80),
        ("my ceiling is 80", None, 80),
        ("the most i want to spend is 80", None, 80),
        ("the least i'd pay would be 80", 80, None),
        ("my minimum would be 80", 80, None),
        ("at the very most 80", None, 80),
        ("upper limit 80", None, 80),
        ("minimum budget 80", 80, None),
    ],
)
def test_bounds_stated_with_a_noun_and_is(text: str, lo: float | None, hi: float | None) -> None:
    assert (read_budget(text).budget_min, read_budget(text).budget_max) == (lo, hi)


def test_budget_about_is_an_approximation() -> None:
    assert (
        read_budget("budget about 60").budget_min,
        read_budget("budget about 60").budget_max,
    ) == (
        48,
        72,
    )


def test_min_max_pair_and_minutes() -> None:
    r = read_budget("50 min, 80 max")
    assert (r.budget_min, r.budget_max) == (50, 80)
    assert not read_budget("for a 30 min commute").stated


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("nothing too fancy", "low"),
        ("don't want to spend a ton", "low"),
        ("dont want to spend an arm and a leg", "low"),
        ("high quality, money's no object", "high"),
        ("i fancy a new mug", None),
        ("a ton of storage", None),
    ],
)
def test_tiers_said_only_by_negation(text: str, tier: str | None) -> None:
    r = read_budget(text)
    assert r.tier == tier
    assert not r.stated


def test_a_noun_after_an_approximation_keeps_the_budget() -> None:
    r = read_budget("~100 headphones")
    assert (r.budget_min, r.budget_max) == (80, 120)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("40 would be the absolute max", None, 40),
        ("50 is my minimum", 50, None),
        ("my budget for towels is 60", None, 60),
        ("10 is the minimum size", None, None),
        ("the minimum size is 10", None, None),
    ],
)
def test_bound_nouns_before_or_after_the_amount(
    text: str, lo: float | None, hi: float | None
) -> None:
    r = read_budget(text)
    assert (r.budget_min, r.budget_max) == (lo, hi)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("under about 100", None, 100),
        ("no more than about 50", None, 50),
        ("at most around 80", None, 80),
        ("between about 50 and 80", 50, 80),
        ("i can spend about 60", 48, 72),  # "spend" states an amount, it does not compare
    ],
)
def test_a_comparator_wins_over_about(text: str, lo: float | None, hi: float | None) -> None:
    r = read_budget(text)
    assert (r.budget_min, r.budget_max) == (lo, hi)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("let's say 80", None, 80),
        ("like 10-15 each", 10, 15),
        ("a couple hundred on a knife set is ok", None, 200),
        ("can't afford 500", None, 500),
        ("i don't want to spend 500 on a phone", None, 500),
        ("don't want to blow more than 500 on a phone", None, 500),
        ("blow 50", None, 50),  # a typo of "below"
    ],
)
def test_amount_statements(text: str, lo: float | None, hi: float | None) -> None:
    r = read_budget(text)
    assert (r.budget_min, r.budget_max) == (lo, hi)


def test_say_before_a_small_number_is_no_budget() -> None:
    assert not read_budget("say 3 of them").stated
    assert read_budget("i want the good stuff, price no object").tier == "high"


def test_bound_noun_with_apostrophe_s() -> None:
    assert read_budget("my limit's 600").budget_max == 600
    assert read_budget("my budget's 80").budget_max == 80


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("i want something posh for my mum", "high"),
        ("nothing too dear", "low"),
        ("dear sir, i need a mug", None),
    ],
)
def test_british_price_words(text: str, tier: str | None) -> None:
    assert read_budget(text).tier == tier


def test_an_ultra_distance_is_no_budget() -> None:
    assert not read_budget("shoes for a 50k ultra").stated


@pytest.mark.parametrize(
    "text",
    [
        "i'm willing to go as high as 400",
        "i can stretch to 400",
        "i've budgeted 400 for new bedding",
        "i've set aside 400",
        "i can go to 400",
    ],
)
def test_more_ways_to_state_the_most_one_will_spend(text: str) -> None:
    r = read_budget(text)
    assert (r.budget_min, r.budget_max) == (None, 400)


def test_go_to_before_a_small_number_is_no_budget() -> None:
    assert not read_budget("we go to 3 shops").stated
