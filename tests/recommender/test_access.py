"""The service token: which endpoints need it (401 without), which are public, fail closed."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from recommender.api.server import create_app
from recommender.config import Config
from recommender.data.catalog import Catalog
from tests.recommender.conftest import AUTH, SERVICE_TOKEN

ADMIN_TOKEN = "admin-token-9"
CLICK = {"event_id": "e1", "user_id": "u1", "type": "click", "product_id": "h-01", "ts": 1.7e9}

#: (method, path, JSON body) of every protected endpoint group.
PROTECTED: list[tuple[str, str, Any]] = [
    ("POST", "/recommend", {"user_id": "u1", "message": "headphones"}),
    ("POST", "/parse", {"text": "headphones under 100"}),
    ("POST", "/faq", {"question": "how long does shipping take?"}),
    ("POST", "/events", CLICK),
    ("POST", "/events/ga4", {"client_id": "u1", "events": []}),
    ("POST", "/events/segment", {"batch": []}),
    ("GET", "/products/popular?limit=2", None),
    ("GET", "/catalog/vocabulary", None),
    ("GET", "/users/u1/profile", None),
    ("GET", "/users/u1/personalisation", None),
    ("PUT", "/users/u1/personalisation", {"enabled": True}),
]
#: Admin endpoints: the service token gets past the service check, then the admin check.
ADMIN: list[tuple[str, str]] = [
    ("DELETE", "/users/u1"),
    ("GET", "/admin/analytics"),
    ("POST", "/admin/reload-ranker"),
]
PUBLIC = ["/health", "/", "/web/config.json", "/web/static/shop.css", "/products?limit=2"]


@pytest.fixture
async def client(
    aiohttp_client: Any, test_config: Config, catalog: Catalog, encoder: Any
) -> TestClient:
    server = replace(test_config.server, admin_token=ADMIN_TOKEN)
    app = create_app(replace(test_config, server=server), catalog=catalog, encoder=encoder)
    return await aiohttp_client(app)


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
async def test_protected_endpoints_need_the_service_token(
    client: TestClient, method: str, path: str, body: Any
) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": SERVICE_TOKEN}):
        resp = await client.request(method, path, json=body, headers=headers)
        assert resp.status == 401, (path, headers)
        assert "service token" in (await resp.json())["error"]
    resp = await client.request(method, path, json=body, headers=AUTH)
    assert resp.status == 200, (path, await resp.text())
    admin = await client.request(
        method, path, json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    )
    assert admin.status == 200, path  # the admin token is a service token too


@pytest.mark.parametrize(("method", "path"), ADMIN)
async def test_admin_endpoints_need_the_admin_token_as_well(
    client: TestClient, method: str, path: str
) -> None:
    assert (await client.request(method, path)).status == 401
    assert (await client.request(method, path, headers=AUTH)).status == 403
    both = {**AUTH, "X-Admin-Token": ADMIN_TOKEN}
    assert (await client.request(method, path, headers=both)).status not in (401, 403)


@pytest.mark.parametrize("path", PUBLIC)
async def test_public_paths_need_no_token(client: TestClient, path: str) -> None:
    resp = await client.get(path)
    assert resp.status == 200, path
    assert (await client.head(path)).status == 200


async def test_a_product_page_is_public_and_unknown_paths_are_404(client: TestClient) -> None:
    assert (await client.get("/products/h-01")).status == 200
    assert (await client.get("/products/nope")).status == 404
    assert (await client.get("/no/such/path")).status == 404


async def test_without_a_configured_token_protected_endpoints_are_closed(
    aiohttp_client: Any,
    test_config: Config,
    catalog: Catalog,
    encoder: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = replace(test_config, server=replace(test_config.server, service_token=""))
    with caplog.at_level(logging.WARNING, logger="recommender.api.access"):
        client = await aiohttp_client(create_app(config, catalog=catalog, encoder=encoder))
    assert "service_token is not set" in caplog.text
    for headers in ({}, {"Authorization": "Bearer "}, AUTH):
        assert (await client.post("/events", json=CLICK, headers=headers)).status == 401
    assert (await client.get("/health")).status == 200
