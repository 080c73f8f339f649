"""action_genrec_fallback_reply and action_genrec_handoff against a real local recommender and console.

Both services are small aiohttp apps on free local ports (``Services``); ``services.faq``
is what ``POST /faq`` answers, ``services.console_status`` what ``POST /api/tickets`` answers.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiohttp import web
from builders import all_text, make_tracker, slot_events
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions.api import RecommenderClient, set_client
from actions.api.console_client import ConsoleClient, set_console
from actions.fallback import ActionDeclineHuman, ActionFallbackReply
from actions.handoff import HOURS_QUESTION, ActionHandoff
from actions.help_topics import plain_answer
from actions.scope import ActionOutOfScope
from actions.sentiment import is_very_negative
from conftest import free_port
from genrec_core.spool import append_to_spool

RETURNS = (
    "Returns from the US are free: the prepaid label costs you nothing. You have **30 days** "
    "after delivery; see [the returns page](https://shop.example/help/returns)."
)
PROFILE = {"user_id": "user-1", "cold_start": False, "events": 3, "categories": []}


@dataclass
class Services:
    """A fake recommender (``/faq``, profile) and a fake console on one real HTTP server."""

    url: str = ""
    faq: dict[str, Any] = field(default_factory=dict)
    console_status: int = 201
    console_delay_s: float = 0.0
    tickets: list[dict[str, Any]] = field(default_factory=list)
    auth: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


def _app(state: Services) -> web.Application:
    async def faq(request: web.Request) -> web.Response:
        state.questions.append((await request.json())["question"])
        return web.json_response(state.faq)

    async def profile(request: web.Request) -> web.Response:
        return web.json_response({**PROFILE, "user_id": request.match_info["id"]})

    async def tickets(request: web.Request) -> web.Response:
        await asyncio.sleep(state.console_delay_s)
        state.auth.append(request.headers.get("Authorization", ""))
        if state.console_status >= 300:
            return web.json_response({"error": "nope"}, status=state.console_status)
        state.tickets.append(await request.json())
        return web.json_response({"ticket_id": "x"}, status=state.console_status)

    app = web.Application()
    app.router.add_post("/faq", faq)
    app.router.add_get("/users/{id}/profile", profile)
    app.router.add_post("/api/tickets", tickets)
    return app


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    state = Services(faq={"answer": None, "source": None, "confidence": 0.1, "answered": False})
    runner = web.AppRunner(_app(state))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    state.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    recommender = RecommenderClient(state.url, timeout_s=0.5)
    set_client(recommender)
    set_console(ConsoleClient(state.url, "s3cret", tmp_path / "spool.jsonl", timeout_s=0.5))
    yield state
    await recommender.close()
    set_client(None)
    set_console(None)
    await runner.cleanup()


def _events_of(result: list[dict[str, Any]]) -> list[str]:
    return [e["event"] for e in result]


async def test_confident_faq_answer_is_plain_text_with_its_source(services: Services) -> None:
    services.faq = {"answer": RETURNS, "source": "https://shop.example/help/returns#cost",
                    "confidence": 0.93, "answered": True}  # fmt: skip
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("do i pay for sending stuff back", intent="nlu_fallback")
    events = await ActionFallbackReply().run(dispatcher, tracker, {})
    reply = all_text(dispatcher)
    assert services.questions == ["do i pay for sending stuff back"]
    assert "Returns from the US are free" in reply and "**" not in reply
    assert "the returns page (https://shop.example/help/returns)" in reply
    assert reply.endswith("(Source: https://shop.example/help/returns#cost)")
    assert not dispatcher.messages[0]["buttons"]
    assert slot_events(events) == {"genrec_fallback_streak": None, "genrec_human_offered": False}


async def test_first_unanswered_question_says_what_the_bot_can_do(services: Services) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("do you sell student discounts", intent="nlu_fallback")
    events = await ActionFallbackReply().run(dispatcher, tracker, {})
    assert "don't know" in all_text(dispatcher) and "shipping, returns" in all_text(dispatcher)
    assert "person" not in all_text(dispatcher) and not dispatcher.messages[0].get("buttons")
    assert slot_events(events) == {
        "genrec_fallback_streak": {"turn": 1, "count": 1},
        "genrec_human_offered": False,
    }
    assert services.tickets == []


async def test_a_help_topic_both_readers_agree_on_gets_its_answer(services: Services) -> None:
    services.faq = {"answer": None, "source": None, "confidence": 0.36, "answered": False,
                    "topic": "privacy"}  # fmt: skip
    tracker = make_tracker("hello, what personal info do you keep about me?",
                           intent="nlu_fallback", help_topic=("privacy", 0.99))  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionFallbackReply().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_faq/privacy"]
    assert slot_events(events) == {"genrec_fallback_streak": None, "genrec_human_offered": False}


async def test_a_need_is_not_given_a_guessed_help_topic(services: Services) -> None:
    services.faq = {"answer": None, "source": None, "confidence": 0.3, "answered": False,
                    "topic": "contact"}  # fmt: skip
    tracker = make_tracker("what can I use for zoom calls all day at work?",
                           intent="nlu_fallback", help_topic=("contact", 0.9))  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionFallbackReply().run(dispatcher, tracker, {})
    assert "don't know" in all_text(dispatcher)


async def test_second_unanswered_question_offers_a_person(services: Services) -> None:
    earlier = [{"event": "user", "text": "huh", "parse_data": {"intent": {"name": "nlu_fallback"}}}]
    tracker = make_tracker(
        "do you sell student discounts", intent="nlu_fallback", events=earlier,
        slots={"genrec_fallback_streak": {"turn": 1, "count": 1}},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionFallbackReply().run(dispatcher, tracker, {})
    assert "connect you with a person" in all_text(dispatcher)
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/request_human", "/deny"]
    assert slot_events(events) == {
        "genrec_fallback_streak": {"turn": 2, "count": 2},
        "genrec_human_offered": True,
        "genrec_asked": None,  # the offer is the open question now
    }
    assert services.tickets == []
    assert "pause" not in _events_of(events)


async def test_out_of_scope_says_so_without_a_person_or_products(services: Services) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("who won the match last night?", intent="out_of_scope")
    events = await ActionOutOfScope().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert "not something I can help with" in message["text"]
    assert "shipping, returns" in message["text"]  # what the bot can do instead
    assert not message.get("buttons") and not message.get("custom")
    assert not any(e.get("name") == "genrec_human_offered" for e in events)
    assert services.tickets == []


async def test_out_of_scope_store_question_gets_its_help_text(services: Services) -> None:
    services.faq = {"answer": RETURNS, "source": "https://shop.example/help/returns",
                    "confidence": 0.9, "answered": True}  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionOutOfScope().run(dispatcher, make_tracker("refund?", intent="out_of_scope"), {})
    assert all_text(dispatcher).startswith("Returns from the US are free")


async def test_a_product_need_the_nlu_was_unsure_of_gets_products(
    fake: Any, client: RecommenderClient
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("i'd love some new earbuds", intent="nlu_fallback")
    events = await ActionFallbackReply().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"
    assert fake.bodies("/recommend")[0]["probe"] is True
    assert (
        slot_events(events)["genrec_human_offered"] is False
    )  # a product need never gets a person
    assert "connect you with a person" not in all_text(dispatcher)


async def test_a_shopping_question_filed_out_of_scope_gets_products(
    fake: Any, client: RecommenderClient
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("whats good for long flights, headphones maybe", intent="out_of_scope")
    await ActionOutOfScope().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"
    assert fake.bodies("/recommend")[0]["probe"] is True  # the recommender judges the need


async def test_chit_chat_filed_out_of_scope_asks_the_recommender_nothing(
    fake: Any, client: RecommenderClient
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionOutOfScope().run(
        dispatcher, make_tracker("tell me a joke", intent="out_of_scope"), {}
    )
    assert "not something I can help with" in all_text(dispatcher)
    assert fake.bodies("/recommend") == []


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("🙂🙂🙂", "couldn't read a question"),
        ("", "couldn't read a question"),
        ("blah " * 5000, "long message"),
        ("你好，我想买东西", "only chat in English"),
    ],
)
async def test_unreadable_messages_skip_the_faq(
    services: Services, text: str, opening: str
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionFallbackReply().run(dispatcher, make_tracker(text, intent="nlu_fallback"), {})
    assert opening in all_text(dispatcher)
    assert services.questions == []
    assert "blah blah" not in json.dumps(dispatcher.messages)


async def test_recommender_down_degrades_to_the_offer(tmp_path: Path) -> None:
    down = RecommenderClient(f"http://127.0.0.1:{free_port()}", timeout_s=0.3)
    set_client(down)
    try:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker("<script>alert(1)</script> can I pay later?", intent="nlu_fallback")
        events = await ActionFallbackReply().run(dispatcher, tracker, {})
    finally:
        await down.close()
        set_client(None)
    assert "don't know" in all_text(dispatcher)
    assert "<script" not in json.dumps(dispatcher.messages)
    assert slot_events(events)["genrec_fallback_streak"]["count"] == 1


async def test_third_unanswered_fallback_in_a_row_hands_over(services: Services) -> None:
    earlier = [
        {"event": "user", "text": t, "parse_data": {"intent": {"name": "nlu_fallback"}}}
        for t in ("huh", "eh")
    ]
    tracker = make_tracker(
        "what about the thing", intent="nlu_fallback", events=earlier,
        slots={"genrec_fallback_streak": {"turn": 2, "count": 2}, "category": "headphones"},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionFallbackReply().run(dispatcher, tracker, {})
    assert "couldn't help" in all_text(dispatcher) and "team" in all_text(dispatcher)
    assert _events_of(events)[-1] == "pause"
    [ticket] = services.tickets
    assert ticket["reason"] == "repeated_fallback"
    assert ticket["slots"]["category"] == "headphones"


async def test_fallback_streak_from_an_older_turn_does_not_count(services: Services) -> None:
    earlier = [{"event": "user", "text": f"m{i}"} for i in range(3)]
    tracker = make_tracker(
        "what about the thing", intent="nlu_fallback", events=earlier,
        slots={"genrec_fallback_streak": {"turn": 1, "count": 1}},
    )  # fmt: skip
    events = await ActionFallbackReply().run(CollectingDispatcher(), tracker, {})
    assert slot_events(events)["genrec_fallback_streak"] == {"turn": 4, "count": 1}
    assert services.tickets == []


async def test_no_thanks_withdraws_the_offer(services: Services) -> None:
    tracker = make_tracker(
        "no, thanks", intent="deny",
        slots={"genrec_human_offered": True, "genrec_fallback_streak": {"turn": 1, "count": 1}},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionDeclineHuman().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_deny_reply"]
    assert slot_events(events) == {"genrec_human_offered": False, "genrec_fallback_streak": None}
    assert "pause" not in _events_of(events)
    assert services.tickets == []


def test_the_action_server_registers_the_decline_action() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    assert {
        "action_genrec_decline_human",
        "action_genrec_fallback_reply",
        "action_genrec_handoff",
    } <= set(executor.actions)


async def test_very_negative_message_hands_over_at_once(services: Services) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("this is useless, I'm furious", intent="nlu_fallback")
    events = await ActionFallbackReply().run(dispatcher, tracker, {})
    assert "frustrating" in all_text(dispatcher)
    assert _events_of(events)[-1] == "pause"
    assert services.tickets[0]["reason"] == "negative"
    assert services.questions == [HOURS_QUESTION]  # the help texts' hours; not the user's words


@pytest.mark.parametrize(
    ("text", "negative"),
    [
        ("this is useless, I'm furious", True),
        ("what a waste of time", True),
        ("I'm angry and frustrated", True),
        ("I'm a bit annoyed", False),
        ("it's not useless", False),
        ("do you have noise cancelling headphones?", False),
    ],
)
def test_is_very_negative(text: str, negative: bool) -> None:
    assert is_very_negative(text) is negative


def test_plain_answer_cuts_at_a_sentence() -> None:
    text = "First sentence here. " * 50
    cut = plain_answer(text, limit=100)
    assert len(cut) <= 100 and cut.endswith(".")
    assert plain_answer("one two three " * 20, limit=30).endswith("…")


async def test_handoff_opens_a_ticket_pauses_and_tells_the_user(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    earlier = [
        {"event": "user", "text": "headphones please", "timestamp": 1.0,
         "parse_data": {"intent": {"name": "request_recommendation"}}},
        {"event": "action", "name": "shopping_form"},
        {"event": "bot", "text": "What's your budget?", "timestamp": 2.0},
    ]  # fmt: skip
    tracker = make_tracker(
        "human please", intent="request_human", channel="socketio", events=earlier,
        slots={"category": "headphones", "genrec_last_products": [{"id": "p"}]},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, tracker, {})
    assert _events_of(events) == ["slot", "pause"]
    assert "customer service team" in all_text(dispatcher) and "stay quiet" in all_text(dispatcher)
    [ticket] = services.tickets
    assert services.auth == ["Bearer s3cret"]
    assert ticket["sender_id"] == "user-1" and ticket["channel"] == "socketio"
    assert [(m["role"], m["text"]) for m in ticket["transcript"]] == [
        ("user", "headphones please"), ("bot", "What's your budget?"), ("user", "human please"),
    ]  # fmt: skip
    assert (
        ticket["slots"]["category"] == "headphones"
        and "genrec_last_products" not in ticket["slots"]
    )
    assert ticket["profile"]["user_id"] == "user-1" and ticket["profile_error"] is None
    assert len(ticket["ticket_id"]) == 32
    assert f"ticket={ticket['ticket_id']} via=console" in caplog.text


async def test_handoff_says_when_the_team_answers_when_the_help_texts_know(
    services: Services,
) -> None:
    services.faq = {
        "answer": "Our team is available Monday to Friday from 8 am to 8 pm.\n\nEmails: 24 h.",
        "source": "https://shop.example/help/contact#hours", "confidence": 0.9, "answered": True,
    }  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionHandoff().run(dispatcher, make_tracker("agent please", intent="request_human"), {})
    [message] = dispatcher.messages
    assert message["text"].startswith("I've asked a member of our customer service team")
    assert "\n\n" not in message["text"]  # socket.io would send a second message
    assert "Monday to Friday" in message["text"] and "help/contact#hours" in message["text"]
    assert services.questions == [HOURS_QUESTION]


async def test_handoff_says_nothing_of_hours_the_help_texts_are_unsure_of(
    services: Services,
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHandoff().run(dispatcher, make_tracker("agent please", intent="request_human"), {})
    assert all_text(dispatcher).endswith("I'll stay quiet.")


async def test_handoff_in_the_form_ends_the_form_before_pausing(services: Services) -> None:
    tracker = make_tracker("agent", intent="request_human")
    tracker.active_loop = {"name": "shopping_form"}
    events = await ActionHandoff().run(CollectingDispatcher(), tracker, {})
    assert events[1] == {"event": "active_loop", "name": None, "timestamp": None}
    assert _events_of(events)[-1] == "pause"


@pytest.mark.parametrize("failure", ["status500", "slow", "down"])
async def test_console_unavailable_spools_the_ticket_and_still_pauses(
    services: Services, tmp_path: Path, failure: str
) -> None:
    spool = tmp_path / "spool.jsonl"
    if failure == "status500":
        services.console_status = 500
    elif failure == "slow":
        services.console_delay_s = 2.0
    else:
        set_console(ConsoleClient(f"http://127.0.0.1:{free_port()}", "t", spool, timeout_s=0.5))
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(
        dispatcher, make_tracker("human", intent="request_human"), {}
    )
    assert _events_of(events)[-1] == "pause"
    assert "customer service team" in all_text(dispatcher)
    [line] = spool.read_text().splitlines()
    spooled = json.loads(line)
    assert spooled["sender_id"] == "user-1" and spooled["transcript"][-1]["text"] == "human"


async def test_handoff_without_recommender_keeps_the_ticket_without_profile(
    services: Services,
) -> None:
    down = RecommenderClient(f"http://127.0.0.1:{free_port()}", timeout_s=0.3)
    set_client(down)
    try:
        await ActionHandoff().run(CollectingDispatcher(), make_tracker("human"), {})
    finally:
        await down.close()
        set_client(None)
    [ticket] = services.tickets
    assert ticket["profile"] is None and "ClientConnectorError" in ticket["profile_error"]


def test_spool_appends_whole_lines(tmp_path: Path) -> None:
    spool = tmp_path / "deep" / "spool.jsonl"
    append_to_spool(spool, {"ticket_id": "a", "text": "line\nbreak"})
    append_to_spool(spool, {"ticket_id": "b"})
    assert [json.loads(x)["ticket_id"] for x in spool.read_text().splitlines()] == ["a", "b"]
    assert spool.stat().st_mode & 0o777 == 0o600


# --- Agent replies to Messenger users (docs/HANDOFF.md, "The agent's side") ---------------
# The console appends the reply with output_channel=latest; these tests pin down what Rasa
# 3.6 then does for a user whose latest message came over Messenger.


@dataclass
class GraphApi:
    """A local stand-in for the Graph API's ``POST /me/messages`` (a thread: requests blocks)."""

    url: str = ""
    status: int = 200
    posts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@pytest.fixture
def graph_api() -> Iterator[GraphApi]:
    state = GraphApi()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.posts.append((self.path, body))
            reply = b'{"recipient_id": "x"}' if state.status == 200 else b'{"error": {}}'
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v99"
    yield state
    server.shutdown()
    server.server_close()


def _output_channel_for(channel: str) -> Any:
    """What Rasa's ``POST .../tracker/events?output_channel=latest`` sends through."""
    from rasa.core.channels.facebook import FacebookInput
    from rasa.core.channels.rest import RestInput
    from rasa.server import _get_output_channel
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    inputs = [RestInput(), FacebookInput("verify", "secret", "page-token")]
    request = SimpleNamespace(
        args={"output_channel": "latest"}, app=SimpleNamespace(ctx=SimpleNamespace(input_channels=inputs))
    )  # fmt: skip
    tracker = DialogueStateTracker.from_events(
        "psid-42", [UserUttered("are you there?", input_channel=channel)]
    )
    return _get_output_channel(request, tracker)  # type: ignore[arg-type]


async def test_output_channel_latest_sends_agent_replies_to_messenger(graph_api: GraphApi) -> None:
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.channels.facebook import MessengerBot

    assert isinstance(_output_channel_for("rest"), CollectingOutputChannel)
    bot = _output_channel_for("facebook")
    assert isinstance(bot, MessengerBot)
    bot.messenger_client.graph_url = graph_api.url  # the real client, pointed at this machine
    await bot.send_response("psid-42", {"text": "Hi, I'm Anna.\n\nYour parcel left today."})
    assert [path.split("?")[0] for path, _ in graph_api.posts] == ["/v99/me/messages"] * 2
    assert "access_token=page-token" in graph_api.posts[0][0]
    assert graph_api.posts[0][1] == {
        "messaging_type": "RESPONSE",
        "notification_type": "REGULAR",
        "recipient": {"id": "psid-42"},
        "message": {"text": "Hi, I'm Anna."},
    }
    assert graph_api.posts[1][1]["message"] == {"text": "Your parcel left today."}


async def test_a_messenger_refusal_is_silent(graph_api: GraphApi) -> None:
    # Outside Messenger's 24-hour window the Graph API refuses a RESPONSE message; Rasa's
    # client ignores the HTTP status, so the console's reply call still succeeds.
    graph_api.status = 400
    bot = _output_channel_for("facebook")
    bot.messenger_client.graph_url = graph_api.url
    await bot.send_response("psid-42", {"text": "Still there?"})
    assert len(graph_api.posts) == 1
