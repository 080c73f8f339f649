"""Conversation review through the real stack: the pages in a real browser (system
Chromium), correcting an intent in two clicks, exports that ``rasa data validate`` accepts
next to the bot's own data, and the analytics page's charts."""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.stack import PROJECT, REPO, StackConfig
from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.e2e.conftest import Conversation
from tests.e2e.test_privacy import call

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

RASA = REPO / ".venv-rasa" / "bin" / "rasa"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def sign_in(page: Any, stack: StackConfig, path: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{stack.console_url}{path}")
    page.fill("#agent", "rita")
    page.fill("#token", stack.console_token)
    page.click("#login button")
    playwright_api.expect(page.locator("#status")).to_have_text("signed in as rita", timeout=30_000)
    assert not errors, errors


def test_review_page_correct_an_intent_in_two_clicks_and_export(
    browser: Any, chat: Conversation, stack: StackConfig, tmp_path: Path
) -> None:
    # Not a training example (a corrected example that is one already would rightly make
    # rasa data validate warn about one text with two intents).
    chat.say("hi there")
    chat.say("I'm after some headphones, pal")
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = ctx.new_page()
    sign_in(page, stack, "/review")
    page.fill("#f-q", "after some headphones")
    page.click("#filters button")
    item = page.locator(f'#conversations li[data-sender="{chat.sender}"]')
    playwright_api.expect(item).to_have_count(1, timeout=30_000)
    item.click()
    turn = page.locator('#turns li[data-turn="2"]')
    playwright_api.expect(turn.locator(".user")).to_have_text("I'm after some headphones, pal")
    # The two clicks: open the intent list, pick "inform" (select_option is both).
    turn.locator("select").select_option("inform")
    playwright_api.expect(page.locator("#status")).to_have_text("message 2 corrected to inform")
    view = call(f"{stack.console_url}/api/conversations/{chat.sender}", token=stack.console_token)[
        1
    ]
    assert view["turns"][1]["annotation"]["intent"] == "inform"
    page.check("#r-reviewed")
    page.fill("#r-tags", "e2e, intents")
    page.click("#review-form button")
    playwright_api.expect(page.locator("#status")).to_have_text("review saved")
    with page.expect_download() as nlu_download:
        page.click("#export-nlu")
    with page.expect_download() as stories_download:
        page.click("#export-stories")
    nlu = Path(nlu_download.value.path()).read_text()
    stories = Path(stories_download.value.path()).read_text()
    # entities as the NLU extracted them (annotation syntax is covered by the API tests)
    example = re.sub(r"\[([^\]]+)\]\([a-z_]+\)", r"\1", nlu)
    assert "- intent: inform" in nlu and "I'm after some headphones, pal" in example
    assert f"review {chat.sender} session 1" in stories
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-review.png"), full_page=True)
    ctx.close()
    _rasa_validates(tmp_path, nlu, stories)


def _rasa_validates(tmp_path: Path, nlu: str, stories: str) -> None:
    """The exports added to a copy of the bot's project pass ``rasa data validate``."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "domain", project / "domain")
    shutil.copytree(PROJECT / "data", project / "data")
    shutil.copy(PROJECT / "config.yml", project / "config.yml")
    (project / "data" / "nlu" / "review_export.yml").write_text(nlu)
    (project / "data" / "stories" / "review_export.yml").write_text(stories)
    done = subprocess.run(
        [str(RASA), "data", "validate", "--domain", "domain", "--data", "data", "--fail-on-warnings"],
        cwd=project, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_analytics_page_draws_its_charts(
    browser: Any, chat: Conversation, stack: StackConfig
) -> None:
    chat.say("I need a laptop under 800 dollars")
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    sign_in(page, stack, "/analytics")
    charts = page.locator("#charts section.chart")
    playwright_api.expect(charts.first).to_be_visible(timeout=30_000)
    assert charts.count() >= 8  # conversations ... thumbs up/down
    assert page.locator("#charts svg rect").count() > 0
    titles = page.locator("#charts h3").all_text_contents()
    assert "Recommendation click-through" in titles and "Median turn latency" in titles
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-analytics.png"), full_page=True)
    ctx.close()
    with urllib.request.urlopen(f"{stack.console_url}/analytics", timeout=30) as resp:
        assert "default-src 'self'" in resp.headers["Content-Security-Policy"]
