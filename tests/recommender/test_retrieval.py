"""Retriever: hard filters always hold, ranking is deterministic, relaxation is minimal."""

from __future__ import annotations

import random

import pytest

from recommender.config import RetrievalConfig
from recommender.data.catalog import Catalog, Product
from recommender.pipeline.popularity import PopularityProxy
from recommender.pipeline.retrieval import Retriever
from recommender.pipeline.schemas import Constraints, RetrievalQuery, value_tokens


@pytest.fixture
def retriever(catalog: Catalog, encoder) -> Retriever:  # type: ignore[no-untyped-def]
    rank = PopularityProxy().fit(catalog).rank_
    return Retriever(RetrievalConfig()).fit(catalog, encoder, rank=rank)


def satisfies(p: Product, c: Constraints) -> bool:
    if c.category is not None and p.category != c.category:
        return False
    if c.brand is not None and p.brand.casefold() != c.brand.casefold():
        return False
    if c.budget_min is not None and p.price < c.budget_min:
        return False
    if c.budget_max is not None and p.price > c.budget_max:
        return False
    for name, wanted in c.attributes.items():
        have = p.attributes.get(name)
        if have is None:
            return False
        w, h = wanted.lower(), have.lower()
        if w in ("yes", "true", "no", "false") or h in ("yes", "no"):
            if (w in ("yes", "true")) != (h == "yes"):
                return False
        elif not value_tokens(w) <= value_tokens(h):
            return False
    return True


def random_constraints(rng: random.Random, products: tuple[Product, ...]) -> Constraints:
    cats = [*sorted({p.category for p in products}), "tvs"]
    brands = [*sorted({p.brand for p in products}), "Samsung"]
    attrs = {
        "color": ["black", "white", "blue", "pink"],
        "wireless": ["yes", "no", "true"],
        "type": ["over-ear", "in ear", "on-ear"],
        "ram": ["16GB", "8 gb"],
        "size": ["xl"],
    }
    lo = rng.choice([None, None, 0.0, 30.0, 100.0, 500.0, 2000.0])
    hi = rng.choice([None, None, 20.0, 50.0, 150.0, 1000.0])
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    chosen = {k: rng.choice(v) for k, v in attrs.items() if rng.random() < 0.25}
    return Constraints(
        category=rng.choice([None, *cats]),
        brand=rng.choice([None, None, *brands]),
        budget_min=lo,
        budget_max=hi,
        attributes=chosen,
    )


def test_constraints_always_hold_over_random_queries(retriever: Retriever, products) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(1234)
    ids = [p.id for p in products]
    relaxed_seen = 0
    for _ in range(400):
        c = random_constraints(rng, products)
        excl = frozenset(rng.sample(ids, rng.randint(0, 4)))
        limit = rng.randint(1, 5)
        q = RetrievalQuery(
            text=rng.choice(["", "noise cancelling", "black shoes"]),
            constraints=c,
            exclude_ids=excl,
            limit=limit,
        )
        got = retriever(q)
        expected = [p for p in products if satisfies(p, c) and p.in_stock and p.id not in excl]
        assert len(got) == min(limit, len(expected))
        for cand in got:
            assert satisfies(cand.product, c), (c, cand.product.id)
            assert cand.product.in_stock and cand.product.id not in excl
        if got:
            assert retriever.relax(q) is None
            continue
        relaxation = retriever.relax(q)
        assert relaxation is not None
        relaxed_seen += 1
        again = retriever(RetrievalQuery(q.text, relaxation.constraints, excl, limit))
        assert again, (c, relaxation)
        for cand in again:
            assert satisfies(cand.product, relaxation.constraints)
            assert cand.product.in_stock and cand.product.id not in excl
    assert relaxed_seen > 50  # the loop really exercised relaxation


def test_small_result_sets_are_complete(retriever: Retriever, products) -> None:  # type: ignore[no-untyped-def]
    c = Constraints(category="headphones", attributes={"wireless": "no"})
    got = {cand.product.id for cand in retriever(RetrievalQuery("", c, limit=10))}
    assert got == {"h-05", "h-07"}  # h-08 is wired too but out of stock


def test_filters_compare_loosely_normalized_values(retriever: Retriever) -> None:
    c = Constraints(category="headphones", attributes={"type": "Over Ear", "wireless": "true"})
    ids = {cand.product.id for cand in retriever(RetrievalQuery("", c, limit=10))}
    assert ids == {"h-01", "h-03"}


def test_brand_filter_is_case_insensitive(retriever: Retriever) -> None:
    got = retriever(RetrievalQuery("", Constraints(brand="sony"), limit=10))
    assert {cand.product.id for cand in got} == {"h-01", "h-02"}


def test_similarity_ranks_matching_text_first(retriever: Retriever) -> None:
    got = retriever(RetrievalQuery("gaming headset", Constraints(category="headphones"), limit=3))
    assert got[0].product.id == "h-05"
    assert got[0].score > got[1].score


def test_ties_break_by_popularity_then_id(retriever: Retriever, catalog: Catalog) -> None:
    got = retriever(RetrievalQuery("", Constraints(), limit=6))
    order = PopularityProxy().fit(catalog).order_[:6]
    assert [c.row for c in got] == list(order)
    assert got == retriever(RetrievalQuery("", Constraints(), limit=6))


def test_relaxation_message_for_budget(retriever: Retriever) -> None:
    q = RetrievalQuery("", Constraints(category="headphones", budget_max=30.0), limit=3)
    assert retriever(q) == []
    r = retriever.relax(q)
    assert r is not None
    assert r.constraint == "budget_max"
    assert r.message == "nothing under $30 in headphones; the cheapest is $34.99"
    assert r.constraints.budget_max is not None and 34.99 <= r.constraints.budget_max < 45
    ids = [c.product.id for c in retriever(RetrievalQuery("", r.constraints, limit=3))]
    assert "h-05" in ids and "h-08" not in ids  # the cheaper h-08 is out of stock


def test_relaxation_message_for_minimum_and_range(retriever: Retriever) -> None:
    over = retriever.relax(RetrievalQuery("", Constraints(category="laptops", budget_min=3000.0)))
    assert over is not None
    assert over.message == "nothing over $3,000 in laptops; the most expensive is $1,599.00"
    rng = retriever.relax(
        RetrievalQuery("", Constraints(category="headphones", budget_min=100.0, budget_max=150.0))
    )
    assert rng is not None
    assert rng.message == "nothing between $100 and $150 in headphones; the closest price is $59.99"


def test_attributes_relax_before_brand(retriever: Retriever) -> None:
    # Sony makes no blue headphones: drop the colour, keep Sony
    q = RetrievalQuery(
        "", Constraints(category="headphones", brand="Sony", attributes={"color": "blue"})
    )
    r = retriever.relax(q)
    assert r is not None
    assert r.relaxed == ("attributes.color",)
    assert r.constraints.brand == "Sony"
    assert r.message == "no blue Sony headphones; showing other color options"


def test_brand_relaxes_before_budget(retriever: Retriever) -> None:
    q = RetrievalQuery("", Constraints(category="headphones", brand="Bose", budget_max=100.0))
    r = retriever.relax(q)
    assert r is not None
    assert r.relaxed == ("brand",)
    assert r.constraints.budget_max == 100.0
    assert r.message == "no Bose headphones under $100; showing other brands"


def test_unknown_category_relaxes_category(retriever: Retriever) -> None:
    r = retriever.relax(RetrievalQuery("", Constraints(category="tvs")))
    assert r is not None
    assert r.constraint == "category"
    assert r.message == "we don't carry tvs; showing other categories"


def test_everything_excluded(retriever: Retriever, products) -> None:  # type: ignore[no-untyped-def]
    q = RetrievalQuery("", Constraints(category="laptops"), frozenset(p.id for p in products))
    assert retriever(q) == []
    r = retriever.relax(q)
    assert r is not None and r.constraint == "exclude_ids"


def test_out_of_stock_can_be_allowed(catalog: Catalog, encoder) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(RetrievalConfig(in_stock_only=False)).fit(catalog, encoder)
    got = r(RetrievalQuery("", Constraints(category="headphones", budget_max=30.0)))
    assert [c.product.id for c in got] == ["h-08"]


@pytest.mark.parametrize(
    ("have", "want", "ok"),
    [
        ("Matte Black", "black", True),
        ("black/grey", "Black", True),
        ("over-ear", "over ear", True),
        ("over-ear", "in-ear", False),
        ("16 GB", "16gb", True),
        ("216 GB", "16 gb", False),
        ("yes", "true", True),
        ("no", "yes", False),
        ("white", "", False),
    ],
)
def test_attribute_matching_rule(have: str, want: str, ok: bool) -> None:
    from recommender.pipeline.schemas import attribute_matches

    assert attribute_matches(have, want) is ok


def test_colour_variants_collapse_before_repeating(encoder) -> None:  # type: ignore[no-untyped-def]
    def bag(pid: str, title: str, color: str, price: float) -> Product:
        return Product(id=pid, title=title, brand="Osprey", category="backpacks", price=price,
                       attributes={"color": color})  # fmt: skip

    catalog = Catalog(
        [
            bag("a", "Osprey Talon 22, Black", "Black", 150.0),
            bag("b", "Osprey Talon 22, Blue", "Blue", 150.0),
            bag("c", "Osprey Daylite, Black", "Black", 60.0),
        ]
    )
    collapsed = Retriever(RetrievalConfig()).fit(catalog, encoder)
    ids = [c.product.id for c in collapsed(RetrievalQuery("", Constraints(), limit=2))]
    assert ids == ["a", "c"]
    # still fills the limit with a second variant when nothing else is left
    ids = [c.product.id for c in collapsed(RetrievalQuery("", Constraints(), limit=3))]
    assert ids == ["a", "c", "b"]
    plain = Retriever(RetrievalConfig(collapse_variants=False)).fit(catalog, encoder)
    ids = [c.product.id for c in plain(RetrievalQuery("", Constraints(), limit=2))]
    assert ids == ["a", "b"]


def test_relaxation_drops_the_attribute_just_said_last(retriever: Retriever) -> None:
    c = Constraints(category="headphones", attributes={"color": "blue", "type": "over-ear"})
    query = RetrievalQuery(text="", constraints=c, limit=3)
    assert retriever.relax(query).relaxed == ("attributes.color",)  # by name
    kept = retriever.relax(query, keep=frozenset({"color"}))
    assert kept.relaxed == ("attributes.type",)
    assert kept.constraints.attributes == {"color": "blue"}
