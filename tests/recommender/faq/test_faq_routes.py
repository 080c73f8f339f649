"""``POST /faq`` on the real app factory with ``setup_faq`` wired as docs/FAQ.md says."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp import web

from genrec_core import wire
from recommender.api.server import create_app
from recommender.config import Config
from recommender.faq import FaqConfig, KnowledgeBaseError
from recommender.faq.routes import FAQ_RETRIEVER
from tests.recommender.conftest import AUTH


def build_app(config: Config, faq_config: FaqConfig, encoder) -> web.Application:  # type: ignore[no-untyped-def]
    return create_app(replace(config, faq=faq_config), encoder=encoder)


@pytest.fixture
async def client(aiohttp_client, test_config: Config, small_kb: Path, encoder):  # type: ignore[no-untyped-def]
    faq_config = FaqConfig(kb_path=str(small_kb), threshold=0.0, max_question_chars=50)
    return await aiohttp_client(build_app(test_config, faq_config, encoder), headers=AUTH)


async def test_answers(client) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post("/faq", json={"question": "How much does shipping cost?"})
    assert resp.status == 200
    body = await resp.json()
    assert set(body) == {"answer", "source", "confidence", "answered", "passage_id", "topic"}
    assert body["answered"] is True
    assert body["topic"] == "shipping"
    assert body["passage_id"] == "shipping/cost"
    assert body["answer"].startswith("Standard shipping is free")
    assert body["source"] == "https://shop.example/help/shipping#cost"
    assert isinstance(body["confidence"], float)
    assert client.app[FAQ_RETRIEVER].config.kb_path.endswith("kb")
    # the contract: the body is a wire.FaqReply, which the action server parses
    reply = wire.FaqReply.from_dict(body)
    assert reply.to_dict() == body
    assert reply.answered and reply.topic == "shipping" and reply.passage_id == "shipping/cost"


async def test_unknown_keys_ignored_and_html_cleaned(client) -> None:  # type: ignore[no-untyped-def]
    question = "<p>" + " " * 500 + "are returns <b>free</b>?</p>"  # long raw, short clean
    resp = await client.post("/faq", json={"question": question, "sender_id": "u1"})
    assert resp.status == 200
    assert (await resp.json())["passage_id"] == "returns/are-returns-free"


async def test_abstains_below_threshold(aiohttp_client, test_config, small_kb, encoder) -> None:  # type: ignore[no-untyped-def]
    faq_config = FaqConfig(kb_path=str(small_kb), threshold=1.0)
    client = await aiohttp_client(build_app(test_config, faq_config, encoder), headers=AUTH)
    resp = await client.post("/faq", json={"question": "How much does shipping cost?"})
    assert resp.status == 200
    body = await resp.json()
    assert body["answered"] is False
    assert body["answer"] is None and body["source"] is None and body["passage_id"] is None
    assert body["topic"] == "shipping"  # the best passage's topic, for the action server
    assert 0.0 < body["confidence"] < 1.0
    reply = wire.FaqReply.from_dict(body)
    assert reply.to_dict() == body and not reply.answered and reply.topic == "shipping"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "question", "is required"),
        ({"question": None}, "question", "is required"),
        ({"question": ""}, "question", "must not be empty"),
        ({"question": " \n\t "}, "question", "must not be empty"),
        ({"question": "<br><i></i>"}, "question", "must not be empty"),
        ({"question": 42}, "question", "expected a string"),
        ({"question": ["shipping"]}, "question", "expected a string"),
        ({"question": "x" * 51}, "question", "must be at most 50 characters"),
        (["question"], "body", "expected a JSON object"),
        ("shipping", "body", "expected a JSON object"),
    ],
)
async def test_validation_errors(client, payload, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post("/faq", json=payload)
    assert resp.status == 400
    assert await resp.json() == {"error": message, "field": field}


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe", b"{'question': 'x'}"])
async def test_invalid_json(client, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post("/faq", data=raw, headers={"Content-Type": "application/json"})
    assert resp.status == 400
    body = await resp.json()
    assert body["field"] == "body" and body["error"].startswith("invalid JSON")


async def test_wrong_method(client) -> None:  # type: ignore[no-untyped-def]
    resp = await client.get("/faq")
    assert resp.status == 405
    assert "error" in await resp.json()


async def test_bad_knowledge_base_fails_startup(
    aiohttp_client, test_config, write_kb, encoder
) -> None:  # type: ignore[no-untyped-def]
    root = write_kb({"broken.md": "# Title\nintro text\n"})
    app = build_app(test_config, replace(FaqConfig(), kb_path=str(root)), encoder)
    with pytest.raises(KnowledgeBaseError, match=r"broken\.md:2: text before the first"):
        await aiohttp_client(app)
