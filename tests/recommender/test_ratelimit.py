"""Rate limits (token buckets) and the bounded model queue, alone and over HTTP."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import replace
from typing import Any

import pytest

from recommender.api.ratelimit import RateLimiter, WorkQueue
from recommender.api.server import SERVICE, WORK_QUEUE, create_app
from recommender.config import Config, LimitsConfig
from recommender.data.catalog import Catalog
from recommender.errors import OverloadedError, RateLimitedError
from tests.recommender.conftest import AUTH


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_the_steady_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(per_min=6, burst=2, what="user", clock=clock)  # one per 10 s
    limiter.take("a")
    limiter.take("a")
    with pytest.raises(RateLimitedError) as info:
        limiter.take("a")
    assert info.value.retry_after_s == 10 and info.value.status == 429
    limiter.take("b")  # other keys have their own bucket
    clock.now += 10
    limiter.take("a")
    with pytest.raises(RateLimitedError):
        limiter.take("a")
    clock.now += 1000  # refills up to the burst, not beyond
    limiter.take("a", cost=2)
    with pytest.raises(RateLimitedError):
        limiter.take("a")


def test_a_batch_costs_one_per_event_and_keys_are_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(per_min=60, burst=5, what="user", max_keys=2, clock=clock)
    limiter.take("a", cost=4)
    with pytest.raises(RateLimitedError) as info:
        limiter.take("a", cost=3)
    assert info.value.retry_after_s == 2
    limiter.take("b")
    limiter.take("c")  # "a" is forgotten: the least recently seen
    limiter.take("a", cost=5)


def test_the_work_queue_refuses_past_its_limit() -> None:
    queue = WorkQueue(limit=2, retry_after_s=3)
    with queue.slot(), queue.slot():
        with pytest.raises(OverloadedError) as info:
            queue.slot()
        assert (info.value.status, info.value.retry_after_s) == (503, 3)
    assert queue.pending == 0
    with queue.slot():
        assert queue.pending == 1


def click(user: str, eid: str) -> dict[str, Any]:
    return {
        "event_id": eid,
        "user_id": user,
        "type": "click",
        "product_id": "h-01",
        "ts": time.time(),
    }


async def test_events_are_limited_per_user(
    aiohttp_client: Any, test_config: Config, catalog: Catalog, encoder: Any
) -> None:
    limits = LimitsConfig(per_user_burst=3, per_user_per_min=2)
    app = create_app(replace(test_config, limits=limits), catalog=catalog, encoder=encoder)
    client = await aiohttp_client(app, headers=AUTH)
    batch = {"events": [click("u1", "a1"), click("u1", "a2"), click("u2", "b1")]}
    assert (await client.post("/events", json=batch)).status == 200
    assert (await client.post("/events", json=click("u1", "a3"))).status == 200
    resp = await client.post("/events", json=click("u1", "a4"))
    assert resp.status == 429 and int(resp.headers["Retry-After"]) == 30
    assert "per user" in (await resp.json())["error"]
    assert (await client.post("/events", json=click("u2", "b2"))).status == 200


async def test_model_work_beyond_the_queue_gets_503_at_once(
    aiohttp_client: Any, test_config: Config, catalog: Catalog, encoder: Any
) -> None:
    server = replace(test_config.server, max_queue=1, retry_after_s=4)
    app = create_app(replace(test_config, server=server), catalog=catalog, encoder=encoder)
    client = await aiohttp_client(app, headers=AUTH)
    service = client.app[SERVICE]
    release = threading.Event()
    real = service.recommend

    def slow_recommend(request: Any) -> Any:
        release.wait(10)
        return real(request)

    service.recommend = slow_recommend  # type: ignore[method-assign]
    body = {"user_id": "u1", "message": "headphones"}
    first = asyncio.ensure_future(client.post("/recommend", json=body))
    while client.app[WORK_QUEUE].pending < 1:
        await asyncio.sleep(0.01)
    start = time.perf_counter()
    for path, payload in (("/recommend", body), ("/faq", {"question": "shipping?"})):
        resp = await client.post(path, json=payload)
        assert resp.status == 503 and resp.headers["Retry-After"] == "4", path
        assert "busy" in (await resp.json())["error"]
    assert time.perf_counter() - start < 1.0  # refused at once, not after waiting
    release.set()
    assert (await first).status == 200
    assert client.app[WORK_QUEUE].pending == 0
    assert (await client.post("/recommend", json=body)).status == 200
