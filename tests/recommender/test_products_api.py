"""``GET /products``: paging, search, category filter, and 400 errors naming the parameter."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from recommender.api.listing import MAX_LIMIT, list_products, matches
from recommender.api.server import create_app
from recommender.config import Config
from recommender.data.catalog import Catalog
from tests.recommender.conftest import AUTH


@pytest.fixture
async def client(aiohttp_client, test_config: Config, catalog: Catalog, encoder) -> TestClient:  # type: ignore[no-untyped-def]
    return await aiohttp_client(
        create_app(test_config, catalog=catalog, encoder=encoder), headers=AUTH
    )


async def get(client: TestClient, query: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    resp = await client.get(f"/products{query}")
    assert resp.content_type == "application/json"
    return resp.status, await resp.json()


async def test_first_page_in_catalog_order(client: TestClient, catalog: Catalog) -> None:
    status, body = await get(client, "?limit=5")
    assert status == 200
    assert body["total"] == len(catalog) == 20
    assert [p["id"] for p in body["products"]] == [p.id for p in list(catalog)[:5]]
    assert body["limit"] == 5 and body["offset"] == 0
    assert body["categories"] == ["headphones", "laptops", "running-shoes"]
    assert set(body["products"][0]) >= {"id", "title", "price", "image", "description"}


async def test_pages_do_not_overlap_and_cover_everything(client: TestClient) -> None:
    seen: list[str] = []
    for offset in range(0, 20, 8):
        status, body = await get(client, f"?limit=8&offset={offset}")
        assert status == 200
        seen += [p["id"] for p in body["products"]]
    assert len(seen) == len(set(seen)) == 20
    status, body = await get(client, "?offset=40")
    assert status == 200 and body["products"] == [] and body["total"] == 20


async def test_search_and_category(client: TestClient) -> None:
    status, body = await get(client, "?q=sony")
    assert status == 200
    assert {p["id"] for p in body["products"]} == {"h-01", "h-02", "h-08"}
    status, body = await get(client, "?q=NOISE%20canc&category=headphones")
    assert {p["id"] for p in body["products"]} == {"h-01", "h-03", "h-06"}
    status, body = await get(client, "?category=laptops&q=apple")
    assert [p["id"] for p in body["products"]] == ["l-01"]
    status, body = await get(client, "?q=%3Cscript%3E")
    assert status == 200 and body["total"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?limit=0", "limit"),
        (f"?limit={MAX_LIMIT + 1}", "limit"),
        ("?limit=abc", "limit"),
        ("?limit=-1", "limit"),
        ("?offset=-5", "offset"),
        ("?offset=1.5", "offset"),
        ("?category=toasters", "category"),
        ("?q=" + "x" * 201, "q"),
    ],
)
async def test_bad_parameters_are_400_naming_the_field(
    client: TestClient, query: str, field: str
) -> None:
    status, body = await get(client, query)
    assert status == 400
    assert body["field"] == field
    assert body["error"] and "Traceback" not in body["error"]


async def test_single_product_route_still_works(client: TestClient) -> None:
    resp = await client.get("/products/h-04")
    assert resp.status == 200
    assert (await resp.json())["title"] == "JBL Tune 510BT"


def test_matches_word_prefixes(catalog: Catalog) -> None:
    sony = catalog.get("h-01")
    assert matches(sony, ["son", "head"])
    assert not matches(sony, ["bose"])
    assert list_products(catalog, "", "running-shoes", 2, 4)["products"][0]["id"] == "s-05"
