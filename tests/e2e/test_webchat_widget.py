"""rasa-webchat 1.0.1, the community web widget from npm, in Debian's chromium against the stack.

The options of the widget's README (``initPayload: "/get_started"``, sent when the chat first
opens; without it the widget sends a ``user_uttered`` without text, which the channel ignores)
and its defaults for the rest (long polling first, then the upgrade to websocket, the session
kept in ``localStorage``): every reply is on screen before the next message is typed,
recommendations come as a numbered list with quick replies, a quick reply is answered, and a
reload keeps the conversation. The widget's bundle comes from the npm
package (``make webchat``); the page that embeds it is written by the test.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
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

WEBCHAT = Path(__file__).resolve().parents[2] / "var" / "webchat" / "rasa-webchat-1.0.1.js"
REPLY_MS = 30_000
BOT = ".rw-messages-container .rw-response"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>shop</title></head>
<body><div id="webchat"></div>
<script src="webchat.js"></script>
<script>WebChat.default({selector: "#webchat", socketUrl: %s, initPayload: "/get_started",
  customData: {language: "en"}, title: "Shop"}, null);</script>
</body></html>
"""


@pytest.fixture(scope="module")
def page_url(stack: StackConfig, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A page on its own origin that embeds the widget with its default options."""
    if not WEBCHAT.exists():
        pytest.fail(f"{WEBCHAT} is missing: run make webchat")
    root = tmp_path_factory.mktemp("webchat")
    (root / "webchat.js").write_bytes(WEBCHAT.read_bytes())
    (root / "index.html").write_text(PAGE % json.dumps(stack.rasa_url), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def page(page_url: str) -> Iterator[Any]:
    require_chromium()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        browser.close()
        assert not errors, errors


def settled_replies(page: Any, before: int) -> list[str]:
    """Wait until a bot message beyond the first ``before`` is shown (no other input is given
    meanwhile) and the widget has shown the rest of the turn; return the new messages."""
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n",
        arg=[BOT, before],
        timeout=REPLY_MS,
    )
    # The widget shows a turn's messages one by one (up to 3 s apart): wait for the last.
    shown = -1
    while shown != page.locator(BOT).count():
        shown = page.locator(BOT).count()
        page.wait_for_timeout(3_500)
    return page.locator(BOT).all_inner_texts()[before:]


def say(page: Any, text: str) -> list[str]:
    before = page.locator(BOT).count()
    page.fill(".rw-new-message", text)
    page.keyboard.press("Enter")
    return settled_replies(page, before)


def transport_of(url: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["transport"][0]


def user_texts(stack: StackConfig, sender: str) -> list[str]:
    events = rasa_api(stack, f"/conversations/{sender}/tracker")["events"]
    return [e.get("text") for e in events if e["event"] == "user"]


def test_rasa_webchat_with_default_options(stack: StackConfig, page: Any, page_url: str) -> None:
    transports: list[str] = []
    for event in ("request", "websocket"):  # XHR polling, then the upgrade's websocket
        page.on(event, lambda r: "/socket.io/" in r.url and transports.append(transport_of(r.url)))
    page.goto(page_url)
    page.click(".rw-launcher")
    assert settled_replies(page, 0), "no answer to the widget's /get_started"
    assert transports[0] == "polling" and "websocket" in transports, transports

    replies = say(page, "wireless headphones")
    session = json.loads(page.evaluate("localStorage.getItem('chat_session')"))
    slots = rasa_api(stack, f"/conversations/{session['session_id']}/tracker")["slots"]
    shown = [p["title"].split(",")[0] for p in slots["genrec_last_products"]]
    text = "\n".join(replies)
    assert shown and all(t in text for t in shown) and "$" in text, (shown, replies)  # products
    quick_replies = page.locator(".rw-replies .rw-reply")
    assert quick_replies.count() >= 2

    before = page.locator(BOT).count()
    quick_replies.first.click()
    assert settled_replies(page, before)

    session = json.loads(page.evaluate("localStorage.getItem('chat_session')"))
    sender = session["session_id"]
    shown = page.locator(BOT).count()
    page.reload()
    page.wait_for_selector(BOT)
    assert page.locator(BOT).count() == shown  # the conversation is still on screen
    assert say(page, "thanks")
    said = user_texts(stack, sender)
    assert said[0] == "/get_started" and said[1] == "wireless headphones" and said[-1] == "thanks"
