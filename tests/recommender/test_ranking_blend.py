"""Personalized re-ranking in a turn: different histories, cold start, clicks, reasons."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from recommender.config import Config, RankingConfig
from recommender.data.catalog import Catalog
from recommender.data.events import Event
from recommender.data.stores import EventStore, SQLiteEventStore
from recommender.pipeline.blend import blend
from recommender.pipeline.profiles import Profile, RecentItem
from recommender.pipeline.schemas import Candidate, RecommendRequest, Slots
from recommender.pipeline.service import RecommenderService
from tests.recommender.conftest import tiny_ranker

NOW = 1_795_000_000.0


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    s = SQLiteEventStore(tmp_path / "events.db").open()
    yield s
    s.close()


@pytest.fixture
def service(
    test_config: Config, catalog: Catalog, encoder: Any, nlp: Any, store: EventStore
) -> RecommenderService:
    return RecommenderService(test_config, catalog, encoder, nlp=nlp, store=store)


def add(store: EventStore, user: str, *items: tuple[str, str], session: str | None = None) -> None:
    n = store.count()
    store.add(
        Event(f"{user}-{n + i}", user, kind, NOW + i, product_id=pid, session_id=session)
        for i, (kind, pid) in enumerate(items)
    )


def ask(service: RecommenderService, user: str, message: str, **kw: Any) -> list[dict[str, Any]]:
    slots = kw.pop("slots", Slots())
    req = RecommendRequest(user_id=user, message=message, slots=slots, **kw)
    return service.recommend(req)["products"]


def test_two_histories_same_words_different_products(
    service: RecommenderService, store: EventStore
) -> None:
    add(store, "alice", ("purchase", "h-01"), ("click", "h-02"))
    add(store, "bob", ("purchase", "l-01"), ("click", "h-06"), ("view", "h-03"))
    slots = Slots(category="headphones")
    alice = ask(service, "alice", "wireless headphones", slots=slots)
    bob = ask(service, "bob", "wireless headphones", slots=slots)
    assert alice[0]["id"] != bob[0]["id"]
    assert alice[0]["brand"] == "Sony"
    assert bob[0]["brand"] in {"Apple", "Bose"}
    assert all(p["category"] == "headphones" for p in alice + bob)  # hard filter kept
    assert any("because you bought Sony WH-1000XM5" in p["reason"] for p in alice)
    assert any("because you bought Apple MacBook Air" in p["reason"] for p in bob)


def test_new_user_gets_the_retrieval_order(
    service: RecommenderService, test_config: Config, catalog: Catalog, encoder: Any, nlp: Any
) -> None:
    plain = RecommenderService(test_config, catalog, encoder, nlp=nlp)  # no store at all
    words = "noise cancelling headphones under 300"
    new = ask(service, "newbie", words)
    assert new == ask(plain, "newbie", words)
    assert new and all(p["price"] <= 300 and p["category"] == "headphones" for p in new)
    assert not any("because you" in p["reason"] for p in new)


def test_clicks_in_a_session_move_the_next_turn(
    service: RecommenderService, store: EventStore
) -> None:
    before = ask(service, "carol", "", session_id="s1")
    assert sum(p["category"] == "running-shoes" for p in before) <= 1
    add(store, "carol", ("click", "s-03"), ("click", "s-01"), ("view", "s-05"), session="s1")
    after = ask(service, "carol", "", session_id="s1")
    assert [p["category"] for p in after] == ["running-shoes"] * 3
    brands = [p["brand"] for p in ask(service, "carol", "", session_id="s1", limit=5)]
    assert brands[:2].count("Nike") + brands[:2].count("Adidas") + brands[:2].count("Asics") == 2
    assert any(p["reason"].startswith("because you clicked") for p in after)


def test_popular_with_people_who_viewed(service: RecommenderService, store: EventStore) -> None:
    add(store, "bob", ("view", "h-01"), ("view", "h-07"))
    add(store, "eve", ("view", "h-01"), ("view", "h-07"))
    add(store, "dan", ("view", "h-01"))
    products = ask(service, "dan", "headphones", limit=5, slots=Slots(category="headphones"))
    by_id = {p["id"]: p["reason"] for p in products}
    assert "h-07" in by_id
    assert by_id["h-07"].startswith("popular with people who viewed Sony WH-1000XM5")


def test_thumbs_down_demotes(service: RecommenderService, store: EventStore) -> None:
    first = ask(service, "fay", "headphones", slots=Slots(category="headphones"))[0]["id"]
    store.add([Event("fb1", "fay", "feedback", NOW, product_id=first, context={"value": "down"})])
    again = ask(service, "fay", "headphones", slots=Slots(category="headphones"))
    assert first not in [p["id"] for p in again]


def test_event_popularity_for_cold_start(service: RecommenderService, store: EventStore) -> None:
    for u in range(3):
        add(store, f"buyer{u}", ("purchase", "l-04"))
    assert service.popular(2)[0]["id"] == "l-04"
    top = ask(service, "stranger", "laptop", slots=Slots(category="laptops"))
    assert top[0]["id"] == "l-04"


class FakeRanker:
    version_ = "fake-1"

    def __init__(self, best: str) -> None:
        self.best = best
        self.calls: list[list[str]] = []

    def __call__(
        self,
        user_history: Sequence[str],
        candidate_ids: Sequence[str] | None = None,
        exclude_history: bool = True,
    ) -> list[tuple[str, float]]:
        self.calls.append(list(user_history))
        return [(i, 10.0 if i == self.best else 0.0) for i in candidate_ids or []]


def test_blend_uses_the_sequential_ranker(catalog: Catalog) -> None:
    cands = [Candidate(catalog.get(i), 0.5, r) for r, i in enumerate(["h-02", "h-03", "h-04"])]
    history = (RecentItem("s-01", "view", NOW),)
    profile = Profile("u", recent_all=history, recent=history)
    ranker = FakeRanker("h-04")
    result = blend(cands, profile, RankingConfig(), ranker=ranker)
    assert result is not None
    order, used = result
    assert order[0].product.id == "h-04" and used == {"sequential": "fake-1"}
    assert ranker.calls == [["s-01"]]
    assert blend(cands, Profile("u"), RankingConfig(), ranker=ranker) is None  # no history


def test_trained_ranker_runs_in_the_turn(service: RecommenderService, store: EventStore) -> None:
    service.ranker = tiny_ranker()
    add(store, "gus", ("view", "h-01"), ("view", "h-02"))
    products = ask(service, "gus", "headphones", slots=Slots(category="headphones"))
    assert len(products) == 3 and all(p["category"] == "headphones" for p in products)


def test_bought_products_and_their_variants_go_last(catalog: Catalog) -> None:
    cands = [
        Candidate(catalog.get(i), 0.9 - r / 10, r) for r, i in enumerate(["h-01", "h-02", "h-03"])
    ]
    bought = (RecentItem("h-01", "purchase", NOW),)
    profile = Profile(
        "u",
        categories={"headphones": 1.0},
        recent=bought,
        recent_all=bought,
        purchased=frozenset({"h-01"}),
    )
    result = blend(
        cands,
        profile,
        RankingConfig(),
        family=lambda pid: "sony" if pid in {"h-01", "h-02"} else pid,
    )
    assert result is not None
    assert [c.product.id for c in result[0]] == ["h-03", "h-01", "h-02"]
