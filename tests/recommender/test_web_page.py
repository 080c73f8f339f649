"""The shop page's grid in a real browser (system chromium) over a catalog with hostile text."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import aiohttp
import pytest

from recommender.api.server import create_app
from recommender.config import Config
from recommender.data.catalog import Catalog, Product
from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.recommender.conftest import AUTH

async_api = pytest.importorskip("playwright.async_api")

pytestmark = pytest.mark.slow

HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def hostile_catalog() -> Catalog:
    return Catalog(
        [
            Product(
                id="evil-1",
                title=HOSTILE,
                brand="<b>Brand</b>",
                category="headphones",
                price=10.0,
                description=HOSTILE,
                url="javascript:window.__xss=3",
                image="javascript:window.__xss=4",
            ),
            Product(
                id="ok-1",
                title="Plain Headphones",
                brand="Plain",
                category="headphones",
                price=20.0,
                url="https://shop.example/p/ok-1",
                image="https://shop.example/i/ok-1.jpg",
            ),
        ]
    )


@pytest.fixture
async def page(aiohttp_server, test_config: Config, encoder) -> AsyncIterator[tuple[Any, str]]:  # type: ignore[no-untyped-def]
    require_chromium()
    config = replace(test_config, web=replace(test_config.web, rasa_url="http://127.0.0.1:9"))
    server = await aiohttp_server(create_app(config, catalog=hostile_catalog(), encoder=encoder))
    async with async_api.async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = await browser.new_context(viewport={"width": 390, "height": 844})
        await context.route("https://shop.example/**", lambda route: route.fulfill(status=404))
        yield await context.new_page(), str(server.make_url("/"))
        await browser.close()


async def test_catalog_markup_is_shown_as_text(page: tuple[Any, str]) -> None:
    tab, url = page
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    await tab.goto(url)
    await tab.wait_for_selector("#product-grid li.card")
    evil = tab.locator('#product-grid li.card[data-product-id="evil-1"]')
    assert await evil.locator(".card-title").inner_text() == HOSTILE
    assert await evil.locator(".card-facts").inner_text() == "<b>Brand</b> · $10.00"
    await evil.locator("[data-action=view]").click()  # details: the description, as text
    evil = tab.locator('#product-grid li.card[data-product-id="evil-1"]')
    assert await evil.locator(".card-description").inner_text() == HOSTILE
    assert await evil.locator("a, img, script, b").count() == 0  # javascript: URLs are dropped
    ok = tab.locator('#product-grid li.card[data-product-id="ok-1"]')
    await ok.locator("[data-action=view]").click()
    link = tab.locator('#product-grid li.card[data-product-id="ok-1"] a')
    assert await link.get_attribute("href") == "https://shop.example/p/ok-1"
    assert await tab.evaluate("window.__xss") is None
    assert not errors, errors
    # The two "view" events went through /web/events under the page's signed session.
    user = await tab.evaluate("localStorage.getItem('genrec.session_id')")
    async with aiohttp.ClientSession(headers=AUTH) as http:
        for _ in range(50):
            async with http.get(f"{url}users/{user}/profile") as resp:
                profile = await resp.json()
            if profile["events"] == 2:
                break
            await asyncio.sleep(0.1)
    assert profile["events"] == 2, profile


async def test_keyboard_and_labels(page: tuple[Any, str]) -> None:
    tab, url = page
    await tab.goto(url)
    await tab.wait_for_selector("#product-grid li.card")
    # Every control has an accessible name.
    unnamed = await tab.evaluate(
        """() => [...document.querySelectorAll('button, input, select')]
            .filter(e => !(e.getAttribute('aria-label') || e.textContent.trim() || e.labels?.length))
            .map(e => e.outerHTML)"""
    )
    assert unnamed == []
    # Keyboard only: search from the input, then tab to a card button and press it.
    await tab.focus("#search-q")
    await tab.keyboard.type("plain")
    await tab.keyboard.press("Enter")
    await async_api.expect(tab.locator("#product-grid li.card")).to_have_count(1)
    await tab.focus('#product-grid li.card [data-action="view"]')
    outline = await tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    await tab.keyboard.press("Enter")
    await tab.wait_for_selector("#product-grid li.card a")
    # The chat reports that Rasa cannot be reached instead of failing silently.
    await tab.click("#show-chat")
    status = tab.locator("#chat-status")
    await async_api.expect(status).not_to_have_text("connecting…", timeout=15_000)
