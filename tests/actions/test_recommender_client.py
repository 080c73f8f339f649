"""The recommender client against a real local HTTP server: results, caching, failures."""

from __future__ import annotations

import asyncio
import time

import pytest

from actions.api import (
    RecommenderClient,
    RecommenderRejected,
    RecommenderUnavailable,
    get_client,
    set_client,
)
from actions.api import recommender_client as module
from actions.settings import load_actions_config
from conftest import FakeRecommender
from genrec_core import wire
from genrec_core.settings import SettingsError


def req(
    user: str, message: str = "", prefs: dict | None = None, **kw: object
) -> wire.RecommendRequest:
    return wire.RecommendRequest(
        user_id=user, message=message, preferences=wire.Preferences.from_dict(prefs or {}), **kw
    )  # type: ignore[arg-type]


async def test_recommend_returns_typed_products_and_sends_contract_body(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    result = await client.recommend(
        req(
            "user-1",
            "wireless headphones",
            {"category": "headphones", "budget_max": 100.0, "brand": None},
            exclude_ids=("hp-4",),
            limit=3,
        )
    )
    assert [p.id for p in result.products] == ["hp-2", "hp-5"]
    first = result.products[0]
    assert first.title == "Sony WH-CH720N" and first.price == 99.0 and first.currency == "USD"
    assert result.reply.startswith("I found 2") and result.trace_id
    body = fake.bodies("/recommend")[0]
    assert body["user_id"] == "user-1"
    assert body["exclude_ids"] == ["hp-4"]
    assert body["slots"]["budget_max"] == 100.0 and body["limit"] == 3


async def test_recommend_caps_message_user_id_exclusions_and_limit(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    await client.recommend(
        req("u" * 500, "x" * 20_000, exclude_ids=tuple(f"id-{i}" for i in range(500)), limit=99)
    )
    body = fake.bodies("/recommend")[0]
    assert len(body["message"]) == module.MAX_MESSAGE_CHARS
    assert len(body["user_id"]) == module.MAX_USER_ID_CHARS
    assert len(body["exclude_ids"]) == module.MAX_EXCLUDE_IDS
    assert body["exclude_ids"][-1] == "id-499"  # the most recent ones are kept
    assert body["limit"] == module.MAX_LIMIT


async def test_session_id_is_sent_only_when_given_and_capped(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    await client.recommend(req("user-1", "headphones"))
    await client.recommend(req("user-1", "headphones", session_id="s" * 300))
    first, second = fake.bodies("/recommend")
    assert "session_id" not in first
    assert second["session_id"] == "s" * module.MAX_SESSION_ID_CHARS


async def test_post_events_sends_a_batch_and_has_its_own_short_budget(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    event = {"event_id": "e-1", "user_id": "u", "type": "click", "product_id": "hp-1", "ts": 1.0}
    assert await client.post_events([event]) == {"accepted": 1, "duplicates": 0}
    assert await client.post_events([event]) == {"accepted": 0, "duplicates": 1}
    assert fake.bodies("/events")[0] == {"events": [event]}
    fake.mode, fake.delay_s = "slow", 0.5
    began = time.perf_counter()
    with pytest.raises(RecommenderUnavailable, match=r"timeout after 0\.2s on /events"):
        await client.post_events([event], timeout_s=0.2)
    assert time.perf_counter() - began < 0.45
    await asyncio.sleep(0.4)  # let the slow handler finish before the server stops


async def test_understanding_question_and_product_lookup(client: RecommenderClient) -> None:
    result = await client.recommend(req("u", "cheap sony earbuds"))
    assert result.understanding.need == "category"
    assert result.preferences.category == "headphones" and result.preferences.brand == "Sony"
    assert result.preferences.price_tier == "low" and result.preferences.budget_max is None
    product = await client.product("hp-1")
    assert product is not None and product.attributes["wireless"] == "yes"
    assert "noise cancelling" in product.description
    assert await client.product("nope") is None


async def test_product_id_is_quoted_in_the_path(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    assert await client.product("../catalog/vocabulary") is None
    assert fake.paths()[-1] == "/products/..%2Fcatalog%2Fvocabulary"


async def test_vocabulary_is_cached(client: RecommenderClient, fake: FakeRecommender) -> None:
    first = await client.vocabulary()
    second = await client.vocabulary()
    assert first is second and "headphones" in first.categories
    assert first.category_synonyms["earbuds"] == "headphones"
    assert fake.paths().count("/catalog/vocabulary") == 1


async def test_faq_parses_the_service_answer_into_the_wire_type(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    # the body as the service sends it (tests/recommender/faq/test_faq_routes.py)
    fake.faq = {
        "answer": "Standard shipping is free over $50.",
        "source": "https://shop.example/help/shipping#cost",
        "confidence": 0.87,
        "answered": True,
        "passage_id": "shipping/cost",
        "topic": "shipping",
    }
    answer = await client.faq("how much is shipping?")
    assert isinstance(answer, wire.FaqReply) and answer.to_dict() == fake.faq
    assert fake.bodies("/faq") == [{"question": "how much is shipping?"}]
    fake.faq = {"answer": None, "answered": True, "confidence": 0.2, "topic": "returns"}
    abstained = await client.faq("can i send it back?")
    assert not abstained.answered and abstained.topic == "returns"
    fake.faq = ["not", "an", "object"]  # type: ignore[assignment]
    with pytest.raises(RecommenderUnavailable, match="/faq did not return an object"):
        await client.faq("?")


async def test_stale_vocabulary_is_used_when_the_service_fails(
    client: RecommenderClient, fake: FakeRecommender, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = await client.vocabulary()
    monkeypatch.setattr(module, "VOCABULARY_TTL_S", 0.0)
    fake.mode = "error500"
    assert await client.vocabulary() is vocabulary


async def test_popular_fills_the_fallback_cache(client: RecommenderClient) -> None:
    assert client.cached_products() == []
    await client.popular(5)
    cached = client.cached_products(limit=3, category="headphones", budget_max=100)
    assert [p.id for p in cached] == ["hp-2", "hp-4", "hp-5"]
    assert [p.id for p in client.cached_products(limit=2, exclude_ids=["hp-1"])] == [
        "hp-2",
        "hp-3",
    ]


async def test_successful_recommend_refreshes_popular_in_background(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    await client.recommend(req("u", "", {"category": "laptops"}))
    assert {p.id for p in client.cached_products(limit=10)} >= {"lp-1", "lp-2"}
    for _ in range(50):  # the refresh runs in the background, after the answer
        if client._popular:
            break
        await asyncio.sleep(0.02)
    assert "/products/popular" in fake.paths()
    assert client.cached_products(limit=1)[0].id == "hp-1"  # popular items come first


@pytest.mark.parametrize("mode", ["error500", "bad_json"])
async def test_server_errors_raise_unavailable(
    client: RecommenderClient, fake: FakeRecommender, mode: str
) -> None:
    fake.mode = mode
    with pytest.raises(RecommenderUnavailable) as info:
        await client.recommend(req("u", "hi"))
    assert ("500" in info.value.reason) if mode == "error500" else ("JSON" in info.value.reason)


async def test_timeout_raises_unavailable_within_the_budget(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    fake.mode = "slow"
    started = time.monotonic()
    with pytest.raises(RecommenderUnavailable, match="timeout"):
        await client.recommend(req("u", "hi"))
    assert time.monotonic() - started < client.timeout_s + 0.4


async def test_connection_refused_raises_unavailable(down_client: RecommenderClient) -> None:
    with pytest.raises(RecommenderUnavailable):
        await down_client.recommend(req("u", "headphones"))


async def test_4xx_raises_rejected_with_field(client: RecommenderClient) -> None:
    with pytest.raises(RecommenderRejected) as info:
        await client._call("POST", "/recommend", {"user_id": "", "message": ""})
    assert info.value.status == 400 and info.value.field == "user_id"


async def test_every_call_sends_the_service_token(
    client: RecommenderClient, fake: FakeRecommender
) -> None:
    await client.vocabulary()  # the fake answers 401 without the token
    anonymous = RecommenderClient(fake.url, timeout_s=0.5)
    try:
        with pytest.raises(RecommenderRejected) as info:
            await anonymous.popular(3)
        assert info.value.status == 401
    finally:
        await anonymous.close()


def test_client_from_the_settings_and_the_older_variables() -> None:
    env = {
        "RECOMMENDER_URL": "http://recommender.internal:9000/",
        "RECOMMENDER_TIMEOUT_S": "1.5",
        "RECOMMENDER_TOKEN": "t0ken",
    }
    configured = RecommenderClient.from_settings(load_actions_config(env=env).recommender)
    assert configured.base_url == "http://recommender.internal:9000"
    assert configured.timeout_s == 1.5
    assert configured.token == "t0ken"
    with pytest.raises(SettingsError, match="RECOMMENDER_TIMEOUT_S"):
        load_actions_config(env={"RECOMMENDER_TIMEOUT_S": "soon"})
    set_client(None)
    assert get_client() is get_client()
    set_client(None)
