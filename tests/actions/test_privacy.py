"""action_genrec_set_personalisation: the recommender call, the answers, and a dead recommender."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api import RecommenderClient, set_client
from actions.privacy import FAILED_TEXT, RESUMED_TEXT, STOPPED_TEXT, ActionSetPersonalisation

TEXTS = {
    "stop_personalisation": "stop personalising",
    "resume_personalisation": "personalise again",
}


def tracker(intent: str, text: str | None = None) -> Tracker:
    return Tracker(
        "shopper-1",
        {},
        {"intent": {"name": intent}, "text": text or TEXTS[intent]},
        [],
        False,
        None,
        {},
        "action_listen",
    )


async def _run(intent: str, dispatcher: CollectingDispatcher, text: str | None = None) -> list[Any]:
    return await ActionSetPersonalisation().run(dispatcher, tracker(intent, text), {})


async def test_stop_and_resume_reach_the_recommender() -> None:
    calls: list[tuple[str, Any]] = []

    async def put(request: web.Request) -> web.Response:
        body = await request.json()
        calls.append((request.match_info["id"], body))
        return web.json_response(
            {"user_id": request.match_info["id"], "personalised": body["enabled"]}
        )

    app = web.Application()
    app.router.add_put("/users/{id}/personalisation", put)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    client = RecommenderClient(f"http://127.0.0.1:{runner.addresses[0][1]}", timeout_s=2)
    set_client(client)
    try:
        stop, resume, guess = CollectingDispatcher(), CollectingDispatcher(), CollectingDispatcher()
        assert await _run("stop_personalisation", stop) == []
        assert await _run("resume_personalisation", resume) == []
        # the NLU's guess on a message with no word about it changes nothing
        await _run("stop_personalisation", guess, "i want it ripstop nylon")
    finally:
        await client.close()
        set_client(None)
        await runner.cleanup()
    assert calls == [("shopper-1", {"enabled": False}), ("shopper-1", {"enabled": True})]
    assert stop.messages[0]["text"] == STOPPED_TEXT
    assert resume.messages[0]["text"] == RESUMED_TEXT
    assert guess.messages and STOPPED_TEXT not in [m.get("text") for m in guess.messages]


async def test_a_dead_recommender_changes_nothing_and_says_so() -> None:
    client = RecommenderClient("http://127.0.0.1:9", timeout_s=0.5)
    set_client(client)
    try:
        dispatcher = CollectingDispatcher()
        assert await _run("stop_personalisation", dispatcher) == []
    finally:
        await client.close()
        set_client(None)
    assert dispatcher.messages[0]["text"] == FAILED_TEXT
