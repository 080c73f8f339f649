"""Shared fixtures: a real local HTTP recommender serving canned JSON, trackers, dispatchers.

The fake recommender follows docs/API.md closely enough to filter a tiny catalog by the
request's slots and exclusions; ``fake.mode`` switches it into failure modes ("slow",
"error500", "bad_json") so the client's degradation is tested over a real socket.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from aiohttp import web
from rasa_sdk.executor import CollectingDispatcher

from actions import chat_events
from actions.api import RecommenderClient, set_client
from genrec_core import wire
from genrec_core.answers import is_any
from genrec_core.budget import read_budget

CATALOG: list[dict[str, Any]] = [
    {"id": "hp-1", "title": "Sony WH-1000XM5", "brand": "Sony", "category": "headphones",
     "price": 279.0, "attributes": {"color": "black", "wireless": "yes"},
     "description": "Over-ear noise cancelling headphones with 30 h battery."},
    {"id": "hp-2", "title": "Sony WH-CH720N", "brand": "Sony", "category": "headphones",
     "price": 99.0, "attributes": {"color": "white", "wireless": "yes"}},
    {"id": "hp-3", "title": "Bose QuietComfort 45", "brand": "Bose", "category": "headphones",
     "price": 249.0, "attributes": {"color": "black", "wireless": "yes"}},
    {"id": "hp-4", "title": "JBL Tune 510BT", "brand": "JBL", "category": "headphones",
     "price": 39.0, "attributes": {"color": "blue", "wireless": "yes"}},
    {"id": "hp-5", "title": "Sony MDR-ZX110", "brand": "Sony", "category": "headphones",
     "price": 19.0, "attributes": {"color": "black", "wireless": "no"}},
    {"id": "lp-1", "title": "Dell XPS 13", "brand": "Dell", "category": "laptops",
     "price": 999.0, "attributes": {"color": "silver"}},
    {"id": "lp-2", "title": "Lenovo IdeaPad 3", "brand": "Lenovo", "category": "laptops",
     "price": 449.0, "attributes": {"color": "grey"}},
    {"id": "rs-1", "title": "Nike Pegasus 40", "brand": "Nike", "category": "running-shoes",
     "price": 129.0, "attributes": {"color": "black"}},
]  # fmt: skip
VOCABULARY = {
    "categories": ["headphones", "laptops", "running-shoes"],
    "brands": ["Bose", "Dell", "JBL", "Lenovo", "Nike", "Sony"],
    "category_synonyms": {"earbuds": "headphones", "notebook": "laptops", "sneakers": "running-shoes"},
}  # fmt: skip


def _listed(product: dict[str, Any], reason: str = "") -> dict[str, Any]:
    keys = ("id", "title", "brand", "category", "price")
    return {
        **{k: product[k] for k in keys},
        "currency": "USD",
        "url": f"https://shop.test/p/{product['id']}",
        "image": f"https://shop.test/i/{product['id']}.jpg",
        "reason": reason or f"a popular {product['category']}",
    }


def _understand(
    message: str, kept: wire.Preferences, asked: Any, probe: bool
) -> tuple[wire.Preferences, str]:
    """A small stand-in for the service's reading of a message (docs/API.md)."""
    text = message.lower()
    category = next((c for c in VOCABULARY["categories"] if c.rstrip("s") in text), None)
    for word, cat in VOCABULARY["category_synonyms"].items():
        if word in text:
            category = cat
    brand = next((b for b in VOCABULARY["brands"] if b.lower() in text), None)
    prefs = kept
    if category and category != kept.category:
        prefs = wire.Preferences(category=category)
    if brand:
        prefs = replace(prefs, brand=brand, any=prefs.any - {"brand"})
    reading = read_budget(message, expect_budget=asked == "budget")
    if reading.stated:
        prefs = replace(prefs, budget_min=reading.budget_min, budget_max=reading.budget_max)
    elif reading.tier:
        prefs = replace(prefs, price_tier=reading.tier)
    if message and is_any(message) and isinstance(asked, str):
        prefs = replace(prefs, any=prefs.any | {asked})
    if category:
        return prefs, "category"
    if prefs != kept or (not message and kept != wire.Preferences()):
        return prefs, "refinement"
    if "gift" in text and not probe:
        return prefs, "gift"
    return prefs, "none" if message or probe else "browse"


def _filters(prefs: wire.Preferences) -> dict[str, Any]:
    budget_max = prefs.budget_max
    if prefs.price_tier == "low" and budget_max is None:
        budget_max = 60.0
    return {
        "category": prefs.category,
        "brand": prefs.brand,
        "budget_min": prefs.budget_min,
        "budget_max": budget_max,
        "attributes": dict(prefs.attributes),
    }


def _matches(product: dict[str, Any], slots: dict[str, Any]) -> bool:
    def given(key: str) -> Any:
        value = slots.get(key)
        return None if value in (None, "any") else value

    if (c := given("category")) and product["category"] != c:
        return False
    if (b := given("brand")) and product["brand"].lower() != str(b).lower():
        return False
    if (lo := given("budget_min")) is not None and product["price"] < lo:
        return False
    if (hi := given("budget_max")) is not None and product["price"] > hi:
        return False
    attrs = slots.get("attributes") or {}
    return all(v == "any" or product["attributes"].get(k) == v for k, v in attrs.items())


#: The fake's service token; like the real service it answers 401 to calls without it.
SERVICE_TOKEN = "fake-service-token"


@dataclass
class FakeRecommender:
    """State and knobs of the fake service; ``requests`` records (method, path, body)."""

    url: str = ""
    mode: str = "ok"  # ok | slow | error500 | bad_json
    delay_s: float = 2.0
    requests: list[tuple[str, str, Any]] = field(default_factory=list)
    event_ids: set[str] = field(default_factory=set)
    # what ``POST /faq`` answers: by default the knowledge base abstains (best topic: none)
    faq: dict[str, Any] = field(
        default_factory=lambda: {"answer": None, "source": None, "confidence": 0.1,
                                 "answered": False, "passage_id": None, "topic": None}
    )  # fmt: skip

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]

    def bodies(self, path: str) -> list[Any]:
        return [body for _, p, body in self.requests if p == path]

    def events(self) -> list[dict[str, Any]]:
        """Every event posted to ``/events``, in order (batches flattened)."""
        return [e for body in self.bodies("/events") for e in body["events"]]


def _app(fake: FakeRecommender) -> web.Application:
    @web.middleware
    async def failures(request: web.Request, handler: Any) -> web.StreamResponse:
        body = await request.json() if request.can_read_body else None
        fake.requests.append((request.method, request.rel_url.raw_path, body))
        if request.headers.get("Authorization") != f"Bearer {SERVICE_TOKEN}":
            return web.json_response({"error": "missing or wrong service token"}, status=401)
        if fake.mode == "slow":
            await asyncio.sleep(fake.delay_s)
        if fake.mode == "error500":
            return web.json_response({"error": "boom", "field": None}, status=500)
        if fake.mode == "bad_json":
            return web.Response(text="<html>not json</html>", content_type="text/html")
        return await handler(request)

    async def recommend(request: web.Request) -> web.Response:
        body = await request.json()
        if not body.get("user_id"):
            return web.json_response({"error": "user_id required", "field": "user_id"}, status=400)
        kept = wire.Preferences.from_dict(body.get("slots"))
        message = str(body.get("message") or "")
        prefs, need = _understand(message, kept, body.get("asked"), bool(body.get("probe")))
        if need == "none":
            question = wire.Question(
                "category",
                "What are you shopping for?",
                tuple(wire.Option(c, c) for c in VOCABULARY["categories"]),
            )
            return web.json_response(
                wire.RecommendResponse(
                    reply="", products=(), preferences=prefs, question=question,
                    understanding=wire.Understanding(need="none"), trace_id="t" * 32,
                ).to_dict()
            )  # fmt: skip
        slots = _filters(prefs)
        excluded = set(body.get("exclude_ids") or [])
        hits = [p for p in CATALOG if p["id"] not in excluded and _matches(p, slots)]
        hits.sort(key=lambda p: -p["price"])
        relaxation = None
        if not hits and slots.get("budget_max") is not None:  # relax the budget, like the service
            relaxed = {**slots, "budget_max": None}
            hits = sorted(
                (p for p in CATALOG if p["id"] not in excluded and _matches(p, relaxed)),
                key=lambda p: p["price"],
            )
            if hits:
                cheapest = hits[0]["price"]
                message = f"nothing under ${slots['budget_max']:g}; the cheapest is ${cheapest:g}"
                relaxation = {"constraint": "budget_max", "message": message}
        products = [_listed(p, "matches what you asked for") for p in hits[: body.get("limit", 3)]]
        # like the service's replies, it names every product it returns, in order
        listed = "".join(f"\n{i}. {p['title']}, ${p['price']:g}" for i, p in enumerate(products, 1))
        reply = (
            f"I found {len(products)} options for you:{listed}" if products else "Nothing matches."
        )
        if relaxation:
            reply = f"{relaxation['message'].capitalize()}. Here are the closest matches:{listed}"
        question = None
        brands = sorted({p["brand"] for p in hits})
        if products and "brand" not in prefs.answered() and len(brands) > 1:
            question = wire.Question(
                "brand",
                "Any brand you prefer?",
                (*(wire.Option(b, b) for b in brands), wire.Option("Any brand", "any")),
            )
        return web.json_response(
            {
                "reply": reply,
                "reply_source": "template",
                "products": products,
                "preferences": prefs.to_dict(),
                "understanding": {"need": need, "changed": [], "score": 0.0},
                "question": question.to_dict() if question else None,
                "relaxation": relaxation,
                "applied": {k: v for k, v in slots.items() if v},
                "trace_id": "t" * 32,
            }
        )

    async def faq(request: web.Request) -> web.Response:
        return web.json_response(fake.faq)

    async def parse(request: web.Request) -> web.Response:
        text = str((await request.json()).get("text", "")).lower()
        category = next((c for c in VOCABULARY["categories"] if c.rstrip("s") in text), None)
        for word, cat in VOCABULARY["category_synonyms"].items():
            if word in text:
                category = cat
        brand = next((b for b in VOCABULARY["brands"] if b.lower() in text), None)
        attributes = {}
        for color in ("black", "white", "blue", "silver", "red"):
            if color in text:
                attributes["color"] = color
        if "wireless" in text or "bluetooth" in text:
            attributes["wireless"] = "yes"
        budget_max = 60.0 if "cheap" in text and category == "headphones" else None
        return web.json_response(
            {
                "category": category,
                "brand": brand,
                "budget_min": None,
                "budget_max": budget_max,
                "attributes": attributes,
            }
        )

    async def product(request: web.Request) -> web.Response:
        pid = request.match_info["pid"]
        for p in CATALOG:
            if p["id"] == pid:
                full = {**_listed(p), **p, "in_stock": True}
                full.pop("reason")  # a catalog record has no recommendation reason
                return web.json_response(full)
        return web.json_response({"error": f"unknown product id {pid}", "field": None}, status=404)

    async def popular(request: web.Request) -> web.Response:
        limit = int(request.query.get("limit", "10"))
        return web.json_response({"products": [_listed(p) for p in CATALOG[:limit]]})

    async def vocabulary(request: web.Request) -> web.Response:
        return web.json_response(VOCABULARY)

    async def events(request: web.Request) -> web.Response:
        body = await request.json()
        batch = body.get("events", [body]) if isinstance(body, dict) else []
        known = {p["id"] for p in CATALOG}
        if any(e.get("product_id") not in (None, *known) for e in batch):
            return web.json_response(
                {"error": "unknown product", "field": "product_id"}, status=400
            )
        new = [e for e in batch if e["event_id"] not in fake.event_ids]
        fake.event_ids.update(e["event_id"] for e in new)
        return web.json_response({"accepted": len(new), "duplicates": len(batch) - len(new)})

    app = web.Application(middlewares=[failures])
    app.router.add_post("/recommend", recommend)
    app.router.add_post("/parse", parse)
    app.router.add_post("/faq", faq)
    app.router.add_get("/products/popular", popular)
    app.router.add_get("/products/{pid}", product)
    app.router.add_get("/catalog/vocabulary", vocabulary)
    app.router.add_post("/events", events)
    return app


@pytest.fixture
async def fake() -> AsyncIterator[FakeRecommender]:
    """A real HTTP server on a free local port."""
    state = FakeRecommender()
    runner = web.AppRunner(_app(state))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    state.url = f"http://127.0.0.1:{port}"
    yield state
    await runner.cleanup()


@pytest.fixture
async def client(fake: FakeRecommender) -> AsyncIterator[RecommenderClient]:
    """The process-wide client pointed at the fake, with a short time budget."""
    instance = RecommenderClient(fake.url, timeout_s=0.5, token=SERVICE_TOKEN)
    set_client(instance)
    yield instance
    await chat_events.drain()  # background event sends finish before the server goes
    await instance.close()
    set_client(None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def down_client() -> AsyncIterator[RecommenderClient]:
    """A client whose recommender refuses connections (nothing listens on the port)."""
    instance = RecommenderClient(f"http://127.0.0.1:{free_port()}", timeout_s=0.5)
    set_client(instance)
    yield instance
    await chat_events.drain()  # background event sends finish before the server goes
    await instance.close()
    set_client(None)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
