"""The demo shop page in a real browser (system chromium) against the real stack.

Grid, search and filter; a whole recommendation through quick replies over Rasa's socket.io
channel; card buttons (details, add to cart, more like this) whose behaviour events reach the
recommender and shape the next answer; a reload that keeps the conversation; hostile text
shown as text; screenshots at desktop and phone width in test-artifacts/.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.stack import StackConfig
from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.e2e.conftest import rasa_api

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
BOT_TIMEOUT_MS = 60_000


def get_json(url: str, token: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=DESKTOP)
    # Product images point at the shop's own host, which this machine cannot reach: answer
    # them with 404 at once instead of waiting for DNS (the page then shows placeholders).
    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(status=404))
    yield ctx
    ctx.close()


def open_shop(page: Any, stack: StackConfig) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{stack.recommender_url}/")
    page.wait_for_selector("#product-grid li.card")
    playwright_api.expect(page.locator("#chat-status")).to_have_text("online", timeout=30_000)
    assert not errors, errors


def bot_count(page: Any) -> int:
    return page.locator("#chat-log li.msg.bot").count()


def wait_bot(page: Any, before: int, text: str | None = None) -> Any:
    """Wait for a new bot message (containing ``text``); return the last bot message."""
    page.wait_for_function(
        "n => document.querySelectorAll('#chat-log li.msg.bot').length > n",
        arg=before,
        timeout=BOT_TIMEOUT_MS,
    )
    last = page.locator("#chat-log li.msg.bot").last
    if text:
        playwright_api.expect(
            page.locator("#chat-log li.msg.bot").filter(has_text=text).last
        ).to_be_visible(timeout=BOT_TIMEOUT_MS)
    return last


def say(page: Any, text: str) -> int:
    before = bot_count(page)
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")
    return before


def click_quick_reply(page: Any, title: str) -> int:
    before = bot_count(page)
    page.locator("#chat-log .quick-reply", has_text=title).last.click()
    return before


def wait_cards(page: Any, before_lists: int) -> Any:
    """Wait for a new product list in the chat; return its cards."""
    page.wait_for_function(
        "n => document.querySelectorAll('#chat-log ul.chat-cards:not(.detail)').length > n",
        arg=before_lists,
        timeout=BOT_TIMEOUT_MS,
    )
    return page.locator("#chat-log ul.chat-cards:not(.detail)").last.locator("li.card")


def transcript(page: Any) -> list[str]:
    """Each chat entry as "class: text | card titles" (images load lazily, so leave them out)."""
    return page.locator("#chat-log li.msg").evaluate_all(
        """els => els.map(e => e.className + ': ' +
            [...e.querySelectorAll('.msg-text, .card-title')].map(n => n.textContent).join(' | '))"""
    )


def card_lists(page: Any) -> int:
    return page.locator("#chat-log ul.chat-cards:not(.detail)").count()


def settled_event_count(stack: StackConfig, user: str, timeout_s: float = 10) -> int:
    """The user's event count once it stops changing (chat events are sent in the background)."""
    url = f"{stack.recommender_url}/users/{user}/profile"
    deadline = time.monotonic() + timeout_s
    count = get_json(url, stack.service_token)["events"]
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = get_json(url, stack.service_token)["events"]
        if now == count:
            return count
        count = now
    return count


def test_grid_search_and_category_filter(context: Any, stack: StackConfig) -> None:
    page = context.new_page()
    open_shop(page, stack)
    everything = get_json(f"{stack.recommender_url}/products?limit=1")["total"]
    playwright_api.expect(page.locator("#grid-status")).to_have_text(f"{everything} products found")
    assert page.locator("#product-grid li.card").count() == 12
    options = page.locator("#search-category option").all_inner_texts()
    assert "Headphones" in options and options[0] == "All categories"

    page.fill("#search-q", "sony")
    page.press("#search-q", "Enter")
    expected = get_json(f"{stack.recommender_url}/products?q=sony&limit=12")
    playwright_api.expect(page.locator("#grid-status")).to_have_text(
        re.compile(f"^{expected['total']} product")
    )
    ids = page.locator("#product-grid li.card").evaluate_all(
        "els => els.map(e => e.dataset.productId)"
    )
    assert ids == [p["id"] for p in expected["products"]] and ids

    page.select_option("#search-category", "headphones")
    query = urllib.parse.urlencode({"q": "sony", "category": "headphones", "limit": 12})
    expected = get_json(f"{stack.recommender_url}/products?{query}")
    assert 0 < expected["total"] < everything
    playwright_api.expect(page.locator("#grid-status")).to_have_text(
        re.compile(f"^{expected['total']} product")
    )
    ids = page.locator("#product-grid li.card").evaluate_all(
        "els => els.map(e => e.dataset.productId)"
    )
    assert ids == [p["id"] for p in expected["products"]]

    # Viewing a product in the grid is a behaviour event of this visitor.
    first = expected["products"][0]
    page.locator(
        f'#product-grid li.card[data-product-id="{first["id"]}"] [data-action=view]'
    ).click()
    user = page.evaluate("localStorage.getItem('genrec.session_id')")
    profile = get_json(f"{stack.recommender_url}/users/{user}/profile", stack.service_token)
    assert {"product_id": first["id"], "type": "view"}.items() <= profile["recent_items"][0].items()


def test_whole_recommendation_flow_in_the_browser(context: Any, stack: StackConfig) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = context.new_page()
    open_shop(page, stack)
    user = page.evaluate("localStorage.getItem('genrec.session_id')")

    # Products at once, then the refining question's quick replies narrow the list.
    lists = card_lists(page)
    say(page, "I'm looking for headphones under 120 dollars")
    wait_cards(page, lists)
    lists = card_lists(page)
    replies = page.locator("#chat-log .quick-reply")
    playwright_api.expect(replies.nth(1)).to_be_visible()  # the question follows the cards
    titles = replies.all_inner_texts()
    choice = next(t for t in titles if not t.lower().startswith(("any", "no pref", "doesn")))
    click_quick_reply(page, choice)
    cards = wait_cards(page, lists)
    assert cards.count() >= 1
    shown = cards.evaluate_all("els => els.map(e => e.dataset.productId)")
    first = cards.first
    title = first.locator(".card-title").inner_text()
    price = float(first.locator(".card-facts").inner_text().split("$")[-1].replace(",", ""))
    assert price <= 120

    # "Details" asks the bot about that product (and records a click).
    events_before = settled_event_count(stack, user)
    before = bot_count(page)
    first.locator("[data-action=details]").click()
    wait_bot(page, before)
    detail = page.locator("#chat-log ul.chat-cards.detail li.card").last
    playwright_api.expect(detail.locator(".card-title")).to_have_text(title, timeout=BOT_TIMEOUT_MS)

    # "Add to cart" posts a behaviour event with the chat's session id as the user id.
    first.locator("[data-action=add-to-cart]").click()
    playwright_api.expect(page.locator("#chat-log li.msg.note").last).to_have_text(
        f"Added {title} to your cart."
    )
    profile = get_json(f"{stack.recommender_url}/users/{user}/profile", stack.service_token)
    latest = profile["recent_items"][0]  # one entry per product, its newest event
    assert (latest["product_id"], latest["type"]) == (shown[0], "add_to_cart")
    # the click of "Details" (recorded once, by the bot's action), then the cart
    assert settled_event_count(stack, user) - events_before == 2
    assert profile["cold_start"] is False

    # The next answer uses it: products like the carted one, explained by the cart.
    lists = card_lists(page)
    first.locator("[data-action=similar]").click()
    similar = wait_cards(page, lists)
    reasons = similar.locator(".card-reason").all_inner_texts()
    ids = similar.evaluate_all("els => els.map(e => e.dataset.productId)")
    assert shown[0] not in ids
    assert any(f"because you added {title} to your cart" in r for r in reasons), reasons
    page.screenshot(path=str(ARTIFACTS / "web-shop-desktop.png"))

    # A reload keeps the conversation: same session, history re-rendered, Rasa continues it.
    messages = transcript(page)
    page.reload()
    page.wait_for_selector("#product-grid li.card")
    playwright_api.expect(page.locator("#chat-status")).to_have_text("online", timeout=30_000)
    assert page.evaluate("localStorage.getItem('genrec.session_id')") == user
    assert transcript(page) == messages
    wait_bot(page, say(page, "thanks a lot!"))
    tracker = rasa_api(stack, f"/conversations/{user}/tracker")
    said = [e.get("text") for e in tracker["events"] if e.get("event") == "user"]
    assert said[0] == "I'm looking for headphones under 120 dollars" and said[-1] == "thanks a lot!"
    assert any(e.get("name") == "action_genrec_similar_products" for e in tracker["events"])

    # Phone width: the same visitor (storage) in a narrow window, shop and chat views.
    phone = context.browser.new_context(viewport=PHONE, storage_state=context.storage_state())
    phone.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(status=404))
    small = phone.new_page()
    open_shop(small, stack)
    assert small.locator("#chat").is_hidden()
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"horizontal scrolling at phone width: {width}px"
    small.screenshot(path=str(ARTIFACTS / "web-shop-phone.png"))
    small.click("#show-chat")
    playwright_api.expect(small.locator("#chat")).to_be_visible()
    assert small.locator("#chat-log li.msg").count() == len(messages) + 2
    small.screenshot(path=str(ARTIFACTS / "web-shop-phone-chat.png"))
    phone.close()


def test_hostile_text_is_shown_as_text(context: Any, stack: StackConfig) -> None:
    page = context.new_page()
    open_shop(page, stack)
    hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    # A catalog or bot text with markup, stored in the log the page re-renders after a reload.
    product = {
        "id": "hp-0001",
        "title": hostile,
        "reason": "<b>bold</b>",
        "price": 1,
        "url": "javascript:window.__xss=3",
        "image": "javascript:window.__xss=4",
    }
    page.evaluate(
        """([entry]) => {
            const key = 'genrec.chat_log.' + localStorage.getItem('genrec.session_id');
            localStorage.setItem(key, JSON.stringify([entry]));
        }""",
        [{"who": "bot", "text": hostile, "custom": {"type": "product_detail", "product": product}}],
    )
    page.reload()
    page.wait_for_selector("#chat-log li.msg.bot")
    bot = page.locator("#chat-log li.msg.bot").last
    assert bot.locator(".msg-text").inner_text() == hostile
    assert bot.locator(".card-title").inner_text() == hostile
    assert bot.locator(".card-reason").inner_text() == "<b>bold</b>"
    assert bot.locator("a, img, script, b").count() == 0  # no link or image from unsafe URLs
    # What the user types is text too, also on its way through Rasa.
    wait_bot(page, say(page, hostile))
    assert page.locator("#chat-log li.msg.user .msg-text").last.inner_text() == hostile
    assert page.locator("#chat-log img[src=x], #chat-log script").count() == 0
    assert page.evaluate("window.__xss") is None
