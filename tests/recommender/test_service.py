"""RecommenderService: one full turn, other endpoints, logging privacy."""

from __future__ import annotations

import json
import logging
import math
import re

import numpy as np
import pytest

from recommender.config import Config
from recommender.data.catalog import Catalog
from recommender.errors import NotFoundError
from recommender.pipeline.reply import WrittenReply
from recommender.pipeline.schemas import (
    Constraints,
    RecommendRequest,
    ReplyContext,
    RetrievalQuery,
    Slots,
)
from recommender.pipeline.service import RecommenderService


@pytest.fixture
def service(test_config: Config, catalog: Catalog, encoder, nlp) -> RecommenderService:  # type: ignore[no-untyped-def]
    return RecommenderService(test_config, catalog, encoder, nlp=nlp)


def ask(service: RecommenderService, message: str = "", **kw: object) -> dict:  # type: ignore[type-arg]
    return service.recommend(RecommendRequest(user_id="u-1", message=message, **kw))  # type: ignore[arg-type]


# -- merging ---------------------------------------------------------------------------------


def test_cheap_resolves_against_slot_category(service: RecommenderService) -> None:
    out = ask(service, "something cheap", slots=Slots(category="laptops"))
    prices = [p.price for p in service.catalog if p.category == "laptops" and p.in_stock]
    assert out["applied"]["budget_max"] == math.ceil(np.quantile(prices, 0.25))
    assert all(p["price"] <= out["applied"]["budget_max"] for p in out["products"])


# -- one turn --------------------------------------------------------------------------------


def test_recommend_response_shape(service: RecommenderService) -> None:
    out = ask(service, "wireless headphones under 100", limit=2)
    assert set(out) == {
        "reply", "reply_source", "products", "relaxation", "applied", "trace_id",
        "preferences", "understanding", "question",
    }  # fmt: skip
    assert out["understanding"]["need"] == "category"
    assert out["preferences"]["budget_max"] == 100.0
    assert out["reply_source"] == "template"  # RecommenderService() without a writer
    assert re.fullmatch(r"[0-9a-f]{32}", out["trace_id"])
    assert out["relaxation"] is None
    assert out["applied"] == {
        "category": "headphones",
        "budget_max": 100.0,
        "attributes": {"wireless": "yes"},
    }
    assert 1 <= len(out["products"]) <= 2
    for p in out["products"]:
        assert set(p) == {
            "id", "title", "brand", "category", "price", "currency", "url", "image", "reason",
        }  # fmt: skip
        product = service.catalog.get(p["id"])
        assert product.price <= 100 and product.attributes["wireless"] == "yes"
        assert p["title"] in out["reply"]
    json.dumps(out)


def test_recommend_relaxes_with_message(service: RecommenderService) -> None:
    out = ask(service, "headphones under $30")
    assert out["relaxation"]["constraint"] == "budget_max"
    assert out["relaxation"]["message"] == "nothing under $30 in headphones; the cheapest is $34.99"
    assert out["reply"].startswith("Nothing under $30 in headphones")
    assert out["applied"]["budget_max"] >= 34.99
    assert all(p["price"] <= out["applied"]["budget_max"] for p in out["products"])


def test_exclude_ids_are_never_returned(service: RecommenderService) -> None:
    first = ask(service, "headphones", limit=3)
    shown = [p["id"] for p in first["products"]]
    second = ask(service, "headphones", limit=3, exclude_ids=tuple(shown))
    assert not {p["id"] for p in second["products"]} & set(shown)


def test_seen_products_come_after_new_ones_that_fit(service: RecommenderService) -> None:
    first = [p["id"] for p in ask(service, "headphones", limit=3)["products"]]
    again = [
        p["id"] for p in ask(service, "headphones", limit=3, seen_ids=tuple(first))["products"]
    ]
    assert not set(again) & set(first)
    everything = ask(service, "headphones", limit=8)["products"]
    seen_all = tuple(p["id"] for p in everything)
    # when only seen products fit, they are shown again (not "nothing found")
    assert len(ask(service, "headphones", limit=3, seen_ids=seen_all)["products"]) == 3


def test_same_request_same_products(service: RecommenderService) -> None:
    a = ask(service, "black running shoes", limit=3)
    b = ask(service, "black running shoes", limit=3)
    assert a["products"] == b["products"] and a["reply"] == b["reply"]
    assert a["trace_id"] != b["trace_id"]


def test_empty_message_uses_slots(service: RecommenderService) -> None:
    out = ask(service, "", slots=Slots(category="laptops", brand="Lenovo"))
    assert {p["brand"] for p in out["products"]} == {"Lenovo"}


def test_turn_log_line_has_no_user_text(
    service: RecommenderService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="recommender.pipeline.service")
    secret = "my secret zebra wants wireless headphones"
    out = ask(service, secret)
    lines = [r.getMessage() for r in caplog.records if r.name == "recommender.pipeline.service"]
    assert len(lines) == 1
    assert "zebra" not in lines[0] and "u-1" not in lines[0]
    record = json.loads(lines[0].split(" ", 1)[1])
    assert record["trace_id"] == out["trace_id"]
    assert record["returned"] == len(out["products"])
    assert re.fullmatch(r"[0-9a-f]{12}", record["message"])
    assert record["latency_ms"] >= 0


def test_custom_reply_writer_replaces_template(
    test_config: Config,
    catalog: Catalog,
    encoder,
    nlp,  # type: ignore[no-untyped-def]
) -> None:
    seen: list[ReplyContext] = []

    class Counting:
        def write(self, context: ReplyContext) -> WrittenReply:
            seen.append(context)
            return WrittenReply(f"{len(context.products)} items", "generated")

        def warm_up(self, context: ReplyContext) -> None:
            seen.append(context)

    svc = RecommenderService(test_config, catalog, encoder, nlp=nlp, writer=Counting())
    out = ask(svc, "sony headphones")
    assert out["reply"] == f"{len(out['products'])} items"
    assert out["reply_source"] == "generated"
    assert seen[0].constraints.brand == "Sony"
    assert seen[0].user_message == "sony headphones" and seen[0].similar_to == ""
    svc.recommend(RecommendRequest(user_id="u", message="", context="earbuds", similar_to="h-01"))
    assert seen[-1].similar_to == catalog.get("h-01").title  # "more like this" names its anchor


# -- other endpoints -------------------------------------------------------------------------


def test_product_and_unknown_product(service: RecommenderService) -> None:
    assert service.product("h-01")["title"].startswith("Sony WH-1000XM5")
    with pytest.raises(NotFoundError):
        service.product("nope")


def test_popular_is_varied_in_stock_and_stable(service: RecommenderService) -> None:
    top = service.popular(6)
    assert [p["category"] for p in top[:3]] == ["headphones", "laptops", "running-shoes"]
    assert all(service.catalog.get(p["id"]).in_stock for p in service.popular(50))
    assert len(service.popular(50)) == 19  # 20 products, one out of stock
    assert service.popular(6) == top


def test_parse_and_vocabulary(service: RecommenderService) -> None:
    assert service.parse("<b>cheap</b> sony earbuds under 50 bucks") == {
        "category": "headphones",
        "brand": "Sony",
        "budget_min": None,
        "budget_max": 50.0,
        "attributes": {},
        "price_tier": None,  # the amount said wins over "cheap"
        "any": [],
        "gift": False,
    }
    vocab = service.vocabulary()
    assert vocab.category_synonyms["earbuds"] == "headphones"


def test_product_embeddings_are_cached_on_disk(
    test_config: Config,
    catalog: Catalog,
    encoder_class,
    nlp,  # type: ignore[no-untyped-def]
) -> None:
    first = encoder_class()
    RecommenderService(test_config, catalog, first, nlp=nlp)
    assert first.calls == 1
    second = encoder_class()
    svc = RecommenderService(test_config, catalog, second, nlp=nlp)
    assert second.calls == 0  # read from the cache
    ask(svc, "headphones")
    assert second.calls == 1  # the query itself


def test_brand_of_another_category_moves_the_search(service: RecommenderService) -> None:
    kept = Slots(category="headphones", attributes={"type": "over-ear"})
    out = ask(service, "something from Lenovo", slots=kept, asked="brand")
    assert out["applied"]["category"] == "laptops" and out["applied"]["brand"] == "Lenovo"
    assert "attributes" not in out["applied"]  # the headphone answers stay with headphones
    assert {p["brand"] for p in out["products"]} == {"Lenovo"}
    same = ask(service, "something from Sony", slots=kept, asked="brand")
    assert same["applied"]["category"] == "headphones"


def test_unread_answer_to_the_open_question_keeps_the_search(
    service: RecommenderService,
) -> None:
    out = ask(service, "zqx wvv", slots=Slots(category="laptops"), asked="brand")
    assert out["understanding"]["need"] == "refinement"
    assert out["products"] and all(p["category"] == "laptops" for p in out["products"])


def test_more_after_every_model_was_seen_shows_new_models(
    test_config: Config,
    encoder,
    nlp,  # type: ignore[no-untyped-def]
) -> None:
    from recommender.data.catalog import Product

    def pack(pid: str, title: str, use: str, color: str) -> Product:
        return Product(
            id=pid, title=title, brand="Acme", category="backpacks", price=50.0,
            attributes={"use": use, "color": color},
        )  # fmt: skip

    catalog = Catalog(
        [
            pack("b-1", "Acme School Pack, Black", "school", "Black"),
            pack("b-2", "Acme School Pack, Blue", "school", "Blue"),
            pack("b-3", "Acme Trail Pack, Black", "hiking", "Black"),
            pack("b-4", "Acme City Pack, Grey", "everyday", "Grey"),
        ]
    )
    service = RecommenderService(test_config, catalog, encoder, nlp=nlp)
    kept = Slots(category="backpacks", attributes={"use": "school"})
    out = ask(service, slots=kept, exclude_ids=("b-1",), seen_ids=("b-1",))
    # the only school pack left is another colour of the one seen: new models instead
    assert {p["id"] for p in out["products"]} == {"b-3", "b-4"}
    assert out["relaxation"]["constraint"] == "attributes.use"
    answered = ask(service, slots=Slots(category="backpacks", attributes={"color": "blue"}))
    assert [p["id"] for p in answered["products"]] == ["b-2"]  # no "more": as before


def test_side_by_side_keeps_a_category_that_lacks_a_value_asked_for(
    service: RecommenderService,
) -> None:
    # "make calls when I travel": the use read is a value of one category only; the other
    # categories read for the need still show their closest products instead of none
    query = RetrievalQuery(text="", constraints=Constraints(attributes={"gender": "men"}), limit=6)
    shown = service._side_by_side(query, ("headphones", "running-shoes"))
    assert {c.product.category for c in shown} == {"headphones", "running-shoes"}
    shoes = [c.product for c in shown if c.product.category == "running-shoes"]
    assert all(p.attributes.get("gender") == "men" for p in shoes)
