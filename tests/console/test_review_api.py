"""Conversation review over a tracker store in Rasa's SQL layout: filters, pages, the
conversation view, reviews, corrections, exports, analytics, forget and purge."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from console_support import AUTH, FakeRasa, ticket_json

from console.app import create_app
from console.config import ConsoleConfig

Client = Any
NOW = time.time()
CARD = "4539 1488 0343 6467"


def write_events(path: Path, sender: str, events: list[dict[str, Any]]) -> None:
    """Rows as Rasa's SQLTrackerStore writes them."""
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
        " type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255),"
        " action_name VARCHAR(255), data TEXT)"
    )
    for e in events:
        intent = ((e.get("parse_data") or {}).get("intent") or {}).get("name")
        conn.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (sender, e["event"], e["timestamp"], intent, e.get("name"), json.dumps(e)),
        )
    conn.commit()
    conn.close()


def user(
    text: str, intent: str, conf: float, ts: float, channel: str = "rest", entities: Any = ()
) -> dict[str, Any]:
    return {
        "event": "user", "timestamp": ts, "text": text, "input_channel": channel,
        "parse_data": {"text": text, "intent": {"name": intent, "confidence": conf},
                       "entities": list(entities),
                       "intent_ranking": [{"name": intent, "confidence": conf}]},
    }  # fmt: skip


def action(name: str, ts: float) -> dict[str, Any]:
    return {"event": "action", "name": name, "timestamp": ts}


def bot(text: str, ts: float, **data: Any) -> dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": ts, "data": data, "metadata": {}}


def slot(name: str, value: Any, ts: float) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value, "timestamp": ts}


SHOP = [
    action("action_session_start", NOW - 500), {"event": "session_started", "timestamp": NOW - 500},
    action("action_listen", NOW - 500),
    user("Sony headphones under 100", "request_recommendation", 0.97, NOW - 400,
         entities=[{"entity": "brand", "value": "Sony", "start": 0, "end": 4},
                   {"entity": "category", "value": "headphones", "start": 5, "end": 15}]),
    action("action_genrec_recommend_products", NOW - 399.5),
    bot("Here are some", NOW - 399.2, custom={"type": "product_list", "products": [
        {"id": "hp-1", "title": "Sony WH-CH720N", "price": 99.0}]}),
    slot("genrec_last_trace_id", "abc123", NOW - 399.2), slot("genrec_last_reply_source", "generated", NOW - 399.2),
    action("action_listen", NOW - 399.1),
    user("not for me", "feedback", 0.91, NOW - 300),
    action("action_genrec_record_feedback", NOW - 299.9), bot("Got it", NOW - 299.8),
    slot("genrec_last_feedback", "down", NOW - 299.8), action("action_listen", NOW - 299.7),
]  # fmt: skip
HELP = [
    user("blorp zzz", "nlu_fallback", 0.31, NOW - 200, channel="socketio"),
    action("action_genrec_fallback_reply", NOW - 199.8), bot("Sorry?", NOW - 199.5),
    action("action_listen", NOW - 199.4),
    user("my card <CARD> was charged twice, human please", "ask_faq", 0.52, NOW - 100, channel="socketio"),
    action("action_genrec_handoff", NOW - 99.5), bot("A person will answer", NOW - 99.4),
    {"event": "pause", "timestamp": NOW - 99.4},
]  # fmt: skip


@pytest.fixture
async def client(aiohttp_client: Client, config: ConsoleConfig) -> TestClient:
    db = Path(config.review.tracker_store_url)
    write_events(db, "shopper", SHOP)
    write_events(db, "helpme", HELP)
    write_events(
        db,
        "old",
        [
            user("hello", "greet", 0.99, NOW - 400 * 86_400),
            action("utter_greet", NOW - 400 * 86_400),
        ],
    )
    return await aiohttp_client(create_app(config))


async def get(client: TestClient, path: str, **params: str) -> tuple[int, Any]:
    resp = await client.get(path, params=params, headers=AUTH)
    return resp.status, await resp.json()


async def senders(client: TestClient, **params: str) -> list[str]:
    status, body = await get(client, "/api/conversations", **params)
    assert status == 200, body
    return [c["sender_id"] for c in body["conversations"]]


async def test_review_api_needs_the_token(client: TestClient) -> None:
    for path in (
        "/api/conversations",
        "/api/conversations/shopper",
        "/api/export/nlu.yml",
        "/api/analytics",
    ):
        assert (await client.get(path)).status == 401
    assert (await client.delete("/api/users/shopper")).status == 401


async def test_filters_newest_first(client: TestClient) -> None:
    assert await senders(client) == ["helpme", "shopper", "old"]
    assert await senders(client, channel="socketio") == ["helpme"]
    assert await senders(client, intent="feedback") == ["shopper"]
    assert await senders(client, max_confidence="0.5") == ["helpme"]
    assert await senders(client, fallback="true") == ["helpme"]
    assert await senders(client, fallback="false") == ["shopper", "old"]
    assert await senders(client, handoff="true") == ["helpme"]
    assert await senders(client, feedback="negative") == ["shopper"]
    assert await senders(client, q="CHARGED twice") == ["helpme"]
    assert await senders(client, since=str(NOW - 86_400)) == ["helpme", "shopper"]
    assert await senders(client, until=str(NOW - 86_400)) == ["old"]
    assert await senders(client, since="2000-01-01", until="2001-01-01") == []


async def test_pages_follow_the_cursor(client: TestClient) -> None:
    _, first = await get(client, "/api/conversations", limit="2")
    assert [c["sender_id"] for c in first["conversations"]] == ["helpme", "shopper"]
    assert first["matched"] == 3 and first["next_cursor"]
    _, second = await get(client, "/api/conversations", limit="2", cursor=first["next_cursor"])
    assert [c["sender_id"] for c in second["conversations"]] == ["old"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": "0"}, "limit"), ({"limit": "x"}, "limit"), ({"max_confidence": "2"}, "max_confidence"),
     ({"fallback": "maybe"}, "fallback"), ({"since": "yesterday"}, "since"), ({"cursor": "!!"}, "cursor"),
     ({"feedback": "positive"}, "feedback"), ({"colour": "red"}, "colour"), ({"q": "x" * 201}, "q")],
)  # fmt: skip
async def test_bad_filters_are_400(client: TestClient, params: dict[str, str], field: str) -> None:
    status, body = await get(client, "/api/conversations", **params)
    assert status == 400 and body["field"] == field


async def test_conversation_view(client: TestClient) -> None:
    status, body = await get(client, "/api/conversations/shopper")
    assert status == 200
    first, second = body["turns"]
    assert (first["turn"], first["text"], first["intent"], first["confidence"]) == (
        1, "Sony headphones under 100", "request_recommendation", 0.97)  # fmt: skip
    assert [e["entity"] for e in first["entities"]] == ["brand", "category"]
    assert first["actions"] == ["action_genrec_recommend_products"]
    assert first["bot"][0]["products"] == [{"id": "hp-1", "title": "Sony WH-CH720N", "price": 99.0}]
    assert (first["trace_id"], first["reply_source"]) == ("abc123", "generated")
    assert first["latency_ms"] == pytest.approx(800, abs=1)
    assert second["feedback"] == "down"
    assert body["summary"]["negative_feedback"] is True
    assert (await get(client, "/api/conversations/nobody"))[0] == 404


async def test_review_tags_and_filters(client: TestClient) -> None:
    resp = await client.put(
        "/api/conversations/helpme/review",
        json={
            "reviewed": True,
            "tags": ["Billing", "handoff"],
            "note": "call me at +44 20 7946 0958",
            "reviewer": "ann",
        },
        headers=AUTH,
    )
    review = await resp.json()
    assert resp.status == 200 and review["tags"] == ["billing", "handoff"]
    assert review["note"] == "call me at <PHONE>"  # reviewers' notes are redacted too
    assert await senders(client, reviewed="true") == ["helpme"]
    assert await senders(client, reviewed="false") == ["shopper", "old"]
    assert await senders(client, tag="billing") == ["helpme"]
    bad = await client.put("/api/conversations/helpme/review", json={"tags": "x"}, headers=AUTH)
    assert bad.status == 400
    missing = await client.put(
        "/api/conversations/nobody/review", json={"reviewed": True}, headers=AUTH
    )
    assert missing.status == 404


async def test_annotations_and_nlu_export(client: TestClient, rasa: FakeRasa) -> None:
    body = {"sender_id": "shopper", "turn": 1, "intent": "inform", "author": "ann",
            "entities": [{"entity": "brand", "value": "Sony"}, {"entity": "category", "start": 5, "end": 15}]}  # fmt: skip
    resp = await client.post("/api/annotations", json=body, headers=AUTH)
    assert resp.status == 201, await resp.text()
    for bad, field in (
        ({**body, "intent": "nope"}, "intent"), ({**body, "turn": 9}, "turn"), ({**body, "turn": True}, "turn"),
        ({**body, "entities": [{"entity": "colour", "value": "Sony"}]}, "entities"),
        ({**body, "entities": [{"entity": "brand", "value": "Bose"}]}, "entities"),
    ):  # fmt: skip
        resp = await client.post("/api/annotations", json=bad, headers=AUTH)
        assert (resp.status, (await resp.json())["field"]) == (400, field)
    fix = {"sender_id": "helpme", "turn": 2, "intent": "ask_faq"}
    assert (await client.post("/api/annotations", json=fix, headers=AUTH)).status == 201
    resp = await client.get("/api/export/nlu.yml", headers=AUTH)
    text = await resp.text()
    assert resp.status == 200 and resp.headers["X-Genrec-Examples"] == "2"
    assert (
        "- intent: inform\n  examples: |\n    - [Sony](brand) [headphones](category) under 100"
        in text
    )
    assert "my card <CARD> was charged twice" in text and CARD not in text
    view = (await get(client, "/api/conversations/shopper"))[1]
    assert view["turns"][0]["annotation"]["intent"] == "inform"


async def test_story_export_of_reviewed_conversations(client: TestClient) -> None:
    empty = await (await client.get("/api/export/stories.yml", headers=AUTH)).text()
    assert "stories: []" in empty
    await client.put("/api/conversations/shopper/review", json={"reviewed": True}, headers=AUTH)
    await client.put("/api/conversations/helpme/review", json={"reviewed": True}, headers=AUTH)
    text = await (await client.get("/api/export/stories.yml", headers=AUTH)).text()
    assert 'story: "review shopper session 1"' in text
    assert (
        "  - user: |\n      [Sony](brand) [headphones](category) under 100\n    intent: request_recommendation\n  - action: action_genrec_recommend_products"
        in text
    )
    assert '  - slot_was_set:\n    - genrec_last_reply_source: "generated"' in text
    assert "  - action: action_genrec_handoff" in text and "action_listen" not in text


async def test_intents_fall_back_to_the_tracker_store_when_rasa_is_down(
    client: TestClient, rasa: FakeRasa
) -> None:
    rasa.status = 500
    status, body = await get(client, "/api/intents")
    assert status == 200 and body["source"] == "tracker store"
    assert "nlu_fallback" in body["intents"] and body["error"]


async def test_analytics_from_the_tracker_store(client: TestClient) -> None:
    status, body = await get(client, "/api/analytics", since=str(NOW - 86_400))
    assert status == 200
    assert body["conversations"] == 2 and body["user_turns"] == 4
    assert body["fallback_rate"] == 0.25 and body["handoff_rate"] == 0.5
    assert body["reply_sources"] == {"generated": 1} and body["chat_feedback"] == {
        "up": 0,
        "down": 1,
    }
    assert body["median_turn_latency_ms"] is not None
    assert (
        body["recommendations"] is None
        and "CONSOLE_RECOMMENDER_TOKEN" in body["recommendations_error"]
    )
    assert (await get(client, "/api/analytics", since="x"))[0] == 400


async def test_forget_deletes_tickets_reviews_and_the_conversation(
    client: TestClient, config: ConsoleConfig
) -> None:
    ticket = ticket_json(sender_id="shopper")
    assert (await client.post("/api/tickets", json=ticket, headers=AUTH)).status == 201
    await client.put(
        "/api/conversations/shopper/review", json={"note": "zebra-kumquat-7731"}, headers=AUTH
    )
    db = Path(config.review.tracker_store_url)
    assert b"Sony headphones under 100" in db.read_bytes()
    resp = await client.delete("/api/users/shopper", headers=AUTH)
    counts = await resp.json()
    assert resp.status == 200
    assert (counts["tickets"], counts["reviews"], counts["conversation_events"]) == (
        1,
        1,
        len(SHOP),
    )
    assert b"Sony headphones under 100" not in db.read_bytes()
    state = b"".join(p.read_bytes() for p in Path(config.server.state_dir).glob("tickets.db*"))
    assert b"zebra-kumquat-7731" not in state and b"headphones please" not in state
    assert await senders(client) == ["helpme", "old"]
    assert (await get(client, "/api/conversations/shopper"))[0] == 404
    again = await client.delete("/api/users/shopper", headers=AUTH)
    assert (await again.json())["conversation_events"] == 0


async def test_purge_forgets_inactive_conversations(client: TestClient) -> None:
    resp = await client.post("/api/purge", json={"older_than_days": 365}, headers=AUTH)
    body = await resp.json()
    assert resp.status == 200 and body["senders"] == 1 and body["conversation_events"] == 2
    assert await senders(client) == ["helpme", "shopper"]
    bad = await client.post("/api/purge", json={"older_than_days": 0}, headers=AUTH)
    assert bad.status == 400


async def test_tickets_are_stored_redacted(client: TestClient) -> None:
    body = ticket_json(transcript=[{"role": "user", "text": f"card {CARD}, mail jo@x.org", "ts": 1.0}],
                       slots={"note": "+44 20 7946 0958"})  # fmt: skip
    resp = await client.post("/api/tickets", json=body, headers=AUTH)
    stored = await resp.json()
    assert stored["transcript"][0]["text"] == "card <CARD>, mail <EMAIL>"
    assert stored["slots"] == {"note": "<PHONE>"}


async def test_pages_are_static_with_a_strict_policy(client: TestClient) -> None:
    for path in ("/review", "/analytics", "/"):
        resp = await client.get(path)
        assert resp.status == 200
        assert "default-src 'self'" in resp.headers["Content-Security-Policy"]
        assert "<script>" not in await resp.text()
    for script in ("review.js", "analytics.js", "common.js"):
        text = await (await client.get(f"/static/{script}")).text()
        assert "innerHTML" not in text and "http" not in text.replace(
            "http://www.w3.org/2000/svg", ""
        )


async def test_a_missing_tracker_store_reads_as_empty(
    aiohttp_client: Client, config: ConsoleConfig
) -> None:
    client = await aiohttp_client(create_app(config))  # no tracker.db written
    assert await senders(client) == []
    assert (await get(client, "/api/analytics"))[1]["conversations"] == 0
