"""The demo shop page's routes: the page with its CSP, /web/config.json, static assets, config."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from aiohttp.test_utils import TestClient

from recommender.api.server import create_app
from recommender.config import Config, WebConfig, load_config
from recommender.data.catalog import Catalog
from recommender.errors import ValidationError
from recommender.web import STATIC_DIR
from tests.recommender.conftest import AUTH


@pytest.fixture
async def client(aiohttp_client, test_config: Config, catalog: Catalog, encoder) -> TestClient:  # type: ignore[no-untyped-def]
    config = replace(test_config, web=WebConfig(rasa_url="http://127.0.0.1:15005/"))
    return await aiohttp_client(create_app(config, catalog=catalog, encoder=encoder), headers=AUTH)


async def test_page_is_served_with_a_strict_csp(client: TestClient) -> None:
    resp = await client.get("/")
    assert resp.status == 200
    assert resp.content_type == "text/html"
    html = await resp.text()
    assert '<script type="module" src="/web/static/js/main.js">' in html
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "connect-src 'self' http://127.0.0.1:15005 ws://127.0.0.1:15005" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


async def test_config_json_tells_the_page_where_rasa_is(client: TestClient) -> None:
    resp = await client.get("/web/config.json")
    assert resp.status == 200
    assert await resp.json() == {
        "rasa_url": "http://127.0.0.1:15005",
        "socketio_path": "/socket.io",
    }


@pytest.mark.parametrize("path", ["js/main.js", "js/chat.js", "shop.css"])
async def test_static_assets(client: TestClient, path: str) -> None:
    resp = await client.get(f"/web/static/{path}")
    assert resp.status == 200
    assert await resp.read() == (STATIC_DIR / path).read_bytes()


async def test_no_path_escape_from_the_static_folder(client: TestClient) -> None:
    resp = await client.get("/web/static/../__init__.py")
    assert resp.status in (403, 404)
    resp = await client.get("/web/static/%2e%2e/__init__.py")
    assert resp.status in (403, 404)


async def test_disabled_page_is_404(aiohttp_client, test_config: Config, catalog, encoder) -> None:  # type: ignore[no-untyped-def]
    config = replace(test_config, web=WebConfig(enabled=False))
    client = await aiohttp_client(
        create_app(config, catalog=catalog, encoder=encoder), headers=AUTH
    )
    for path in ("/", "/web/config.json", "/web/static/shop.css"):
        resp = await client.get(path)
        assert resp.status == 404
        assert (await resp.json())["error"]


def test_web_config_from_env_and_validation() -> None:
    cfg = load_config(env={"GENREC_WEB__RASA_URL": "https://bot.example.com"})
    assert cfg.web.rasa_url == "https://bot.example.com"
    with pytest.raises(ValidationError) as err:
        load_config(env={"GENREC_WEB__RASA_URL": "javascript:alert(1)"})
    assert err.value.field == "web.rasa_url"
    with pytest.raises(ValidationError):
        WebConfig(socketio_path="socket.io")


def test_scripts_never_build_html_from_strings() -> None:
    """Markup safety: no innerHTML/outerHTML/insertAdjacentHTML/document.write in the page."""
    for path in (STATIC_DIR / "js").glob("*.js"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", source), (
            path
        )
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers would need unsafe-inline"
