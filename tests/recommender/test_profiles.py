"""Profiles from events: cold start, one event, heavy user, time decay, session, feedback."""

from __future__ import annotations

from recommender.data.catalog import Catalog
from recommender.data.events import Event
from recommender.pipeline.profiles import build_profile

NOW = 1_800_000_000.0
DAY = 86_400.0


def ev(i: int, kind: str, pid: str | None, age_days: float = 0.0, **kw: object) -> Event:
    return Event(f"e{i}", "u", kind, NOW - age_days * DAY, product_id=pid, **kw)  # type: ignore[arg-type]


def test_cold_start(catalog: Catalog) -> None:
    p = build_profile("u", [], catalog, now=NOW, slots={"category": "laptops"})
    assert not p.has_behaviour and p.price_band is None and p.recent == ()
    assert p.affinity(catalog.get("l-01")) < 0.01  # only a far price-band tail
    d = p.to_dict(catalog)
    assert d["cold_start"] and d["slots"] == {"category": "laptops"} and d["categories"] == []


def test_one_event(catalog: Catalog) -> None:
    p = build_profile("u", [ev(1, "view", "h-02")], catalog, now=NOW)
    assert p.categories == {"headphones": 1.0} and p.brands == {"Sony": 1.0}
    assert p.price_band == (59.99, 59.99, 59.99)
    assert p.affinity(catalog.get("h-01")) > p.affinity(catalog.get("h-03")) > 0
    assert p.affinity(catalog.get("l-01")) < 0.01  # only a far price-band tail
    assert p.to_dict(catalog)["recent_items"][0]["title"] == "Sony WF-C500 Earbuds"


def test_heavy_user_decay_and_types(catalog: Catalog) -> None:
    old = [ev(i, "view", "l-02", age_days=120) for i in range(300)]
    recent = [ev(1000, "purchase", "s-01"), ev(1001, "click", "s-03")]
    p = build_profile("u", old + recent, catalog, now=NOW, half_life_days=14)
    assert p.n_events == 302
    # 300 views four months ago weigh less than one purchase and one click today
    assert p.categories["running-shoes"] > p.categories["laptops"]
    assert [r.product_id for r in p.recent[:3]] == ["s-03", "s-01", "l-02"]
    assert len(p.recent) == 3 and len(p.recent_all) == 302
    low, typical, high = p.price_band  # type: ignore[misc]
    assert low <= typical <= high and 120 < typical < 200


def test_half_life_is_configurable(catalog: Catalog) -> None:
    events = [ev(1, "view", "l-02", age_days=30), ev(2, "view", "h-01")]
    short = build_profile("u", events, catalog, now=NOW, half_life_days=1)
    long = build_profile("u", events, catalog, now=NOW, half_life_days=1000)
    assert short.categories["laptops"] < 0.01 < 0.45 < long.categories["laptops"]


def test_session_boost_and_feedback(catalog: Catalog) -> None:
    events = [
        ev(1, "click", "h-01", session_id="s1"),
        ev(2, "click", "l-01", session_id="s0"),
        ev(3, "feedback", "h-03", context={"value": "down"}),
        ev(4, "recommended", "s-02"),
        ev(5, "feedback", None, context={"value": "up"}),
    ]
    p = build_profile("u", events, catalog, now=NOW, session_id="s1")
    assert p.categories["headphones"] > p.categories["laptops"]
    assert "running-shoes" not in p.categories  # recommended is not interest
    assert p.disliked == frozenset({"h-03"}) and p.affinity(catalog.get("h-03")) == -1.0
    assert p.history_ids() == ["h-01", "l-01"]


def test_unknown_products_are_skipped(catalog: Catalog) -> None:
    p = build_profile("u", [ev(1, "view", "gone")], catalog, now=NOW)
    assert not p.has_behaviour and p.n_events == 1
