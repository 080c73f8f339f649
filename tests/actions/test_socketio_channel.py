"""The socket.io channel of credentials.yml: Rasa's own channel with sessions bound to signed
page tokens and messages without text skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.run import create_http_input_channels

from genrec_core.page_token import mint, new_anonymous_id
from genrec_rasa.socketio_channel import SocketIOInput, proven_session, usable_text

CREDENTIALS = Path(__file__).resolve().parents[2] / "rasa_project" / "credentials.yml"
SECRET = "page-secret"
ALICE = "alice-session-0001"


class Client:
    """One connected socket of the channel: what it is sent, and what reaches Rasa."""

    def __init__(self, channel: SocketIOInput, received: list[UserMessage], eio_sid: str) -> None:
        assert channel.sio is not None
        self.channel = channel
        self.received = received
        self.sid = channel.sio.manager.connect(eio_sid, "/")
        self.confirmed: list[Any] = []

    async def request(self, data: Any = None) -> str:
        """``session_request`` with ``data``; the session id of ``session_confirm``."""
        assert self.channel.sio is not None
        await self.channel.sio._trigger_event("session_request", "/", self.sid, data)
        return str(self.confirmed[-1])

    async def utter(self, data: Any) -> None:
        assert self.channel.sio is not None
        await self.channel.sio._trigger_event("user_uttered", "/", self.sid, data)

    def in_room(self, room: str) -> bool:
        assert self.channel.sio is not None
        return self.sid in self.channel.sio.manager.rooms.get("/", {}).get(room, {})


def _channel(**credentials: Any) -> tuple[SocketIOInput, list[UserMessage], list[Client]]:
    received: list[UserMessage] = []
    clients: list[Client] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel = SocketIOInput.from_credentials(credentials)
    assert isinstance(channel, SocketIOInput)
    channel.session_secret = SECRET.encode()
    channel.blueprint(on_new_message)
    assert channel.sio is not None

    async def emit(event: str, data: Any = None, room: str | None = None, **_: Any) -> None:
        for client in clients:
            if event == "session_confirm" and room == client.sid:
                client.confirmed.append(data)

    channel.sio.emit = emit  # type: ignore[method-assign]
    return channel, received, clients


def _client(channel: SocketIOInput, received: list[UserMessage], clients: list[Client]) -> Client:
    client = Client(channel, received, f"eio-{len(clients)}")
    clients.append(client)
    return client


def _token(session_id: str = ALICE, secret: str = SECRET, ttl_s: float = 600) -> str:
    return mint(secret.encode(), session_id, ttl_s).token


@pytest.mark.parametrize(
    "data",
    [
        {"message": None, "session_id": "s1"},
        {"message": "", "session_id": "s1"},
        {"message": "  \n", "session_id": "s1"},
        {"session_id": "s1"},
        {"message": 42, "session_id": "s1"},
        None,
        "hello",
    ],
)
async def test_a_message_without_text_is_dropped(data: Any) -> None:
    channel, received, clients = _channel(session_persistence=True)
    client = _client(channel, received, clients)
    await client.request({"session_id": ALICE, "token": _token()})
    await client.utter(data)
    assert received == []


async def test_a_valid_token_gets_its_session_and_its_messages_and_replies() -> None:
    channel, received, clients = _channel(session_persistence=True)
    client = _client(channel, received, clients)
    assert await client.request({"session_id": ALICE, "token": _token()}) == ALICE
    assert client.in_room(ALICE)  # Rasa's replies to ALICE reach this socket
    await client.utter(
        {"message": "wireless headphones", "session_id": ALICE, "metadata": {"a": 1}}
    )
    [message] = received
    assert message.text == "wireless headphones"
    assert (message.sender_id, message.metadata) == (ALICE, {"a": 1})
    assert message.input_channel == "socketio"


async def test_a_token_alone_names_the_session() -> None:
    channel, received, clients = _channel(session_persistence=True)
    assert await _client(channel, received, clients).request({"token": _token()}) == ALICE


@pytest.mark.parametrize(
    "data",
    [
        {"session_id": ALICE},  # rasa-webchat: the id it remembers, no token
        {"session_id": ALICE, "token": ""},
        {"session_id": ALICE, "token": _token(secret="another-secret")},
        {"session_id": ALICE, "token": _token(ttl_s=-10)},  # expired
        {"session_id": ALICE, "token": _token("mallory-session-01")},  # a token of another session
        {"session_id": ALICE, "token": _token()[:-3] + "AAA"},
        {"session_id": ALICE, "token": 42},
        None,
        {},
        "alice",
    ],
)
async def test_without_a_valid_token_a_client_is_an_anonymous_shopper(data: Any) -> None:
    channel, received, clients = _channel(session_persistence=True)
    alice = _client(channel, received, clients)
    await alice.request({"session_id": ALICE, "token": _token()})
    mallory = _client(channel, received, clients)
    session_id = await mallory.request(data)
    assert session_id != ALICE and session_id.startswith("anon-")
    assert not mallory.in_room(ALICE) and mallory.in_room(session_id)
    # It cannot post to the other session by naming it either.
    await mallory.utter({"message": "show me my orders", "session_id": ALICE})
    assert [m.sender_id for m in received] == [session_id]


async def test_anonymous_sessions_are_fresh_each_time() -> None:
    channel, received, clients = _channel(session_persistence=True)
    a, b = _client(channel, received, clients), _client(channel, received, clients)
    assert await a.request({}) != await b.request({})


async def test_a_widget_brings_back_its_anonymous_session_after_a_reload() -> None:
    channel, received, clients = _channel(session_persistence=True)
    first = await _client(channel, received, clients).request({"session_id": None})
    reloaded = _client(channel, received, clients)
    assert await reloaded.request({"session_id": first}) == first
    await reloaded.utter({"message": "hi", "session_id": first})
    assert [m.sender_id for m in received] == [first]


@pytest.mark.parametrize(
    "made_up",
    [
        "anon-0123456789abcdef0123-0123456789abcdef01234567",  # the shape, not the tag
        "anon-" + "0" * 20 + "-" + "0" * 24,
    ],
)
async def test_an_anonymous_id_that_was_not_handed_out_is_refused(made_up: str) -> None:
    channel, received, clients = _channel(session_persistence=True)
    assert await _client(channel, received, clients).request({"session_id": made_up}) != made_up


async def test_an_anonymous_id_of_another_secret_is_refused() -> None:
    channel, received, clients = _channel(session_persistence=True)
    other = new_anonymous_id(b"another-secret")
    assert await _client(channel, received, clients).request({"session_id": other}) != other


async def test_without_the_secret_every_client_is_anonymous(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GENREC_WEB__SESSION_SECRET", raising=False)
    channel = SocketIOInput.from_credentials({"session_persistence": True})
    assert isinstance(channel, SocketIOInput) and channel.session_secret == b""
    assert proven_session(channel.session_secret, {"token": _token()}) is None
    anonymous = new_anonymous_id(channel.session_secret)
    assert len(anonymous) == 32  # plain random: it cannot be brought back
    assert proven_session(channel.session_secret, {"session_id": anonymous}) is None


async def test_the_secret_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENREC_WEB__SESSION_SECRET", SECRET)
    channel = SocketIOInput.from_credentials({"session_persistence": True})
    assert isinstance(channel, SocketIOInput)
    assert proven_session(channel.session_secret, {"token": _token()}) == ALICE


async def test_a_message_before_session_request_is_dropped() -> None:
    channel, received, clients = _channel(session_persistence=True)
    await _client(channel, received, clients).utter({"message": "hi", "session_id": ALICE})
    assert received == []


async def test_a_new_session_request_leaves_the_old_room() -> None:
    channel, received, clients = _channel(session_persistence=True)
    client = _client(channel, received, clients)
    await client.request({"token": _token()})
    fresh = await client.request({})
    assert not client.in_room(ALICE) and client.in_room(fresh)
    await client.utter({"message": "hi", "session_id": ALICE})
    assert [m.sender_id for m in received] == [fresh]


async def test_a_disconnect_forgets_the_socket() -> None:
    channel, received, clients = _channel(session_persistence=True)
    client = _client(channel, received, clients)
    await client.request({"token": _token()})
    assert channel.sio is not None
    await channel.sio._trigger_event("disconnect", "/", client.sid)
    assert client.sid not in channel.sessions


async def test_without_session_persistence_the_socket_is_the_sender() -> None:
    channel, received, clients = _channel()
    await _client(channel, received, clients).utter({"message": "hi", "session_id": ALICE})
    assert [m.sender_id for m in received] == [clients[0].sid]


def test_usable_text() -> None:
    assert usable_text({"message": " hi "}) == " hi "
    assert usable_text({"message": None}) is None


def test_credentials_yml_uses_this_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FACEBOOK_VERIFY", "FACEBOOK_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN"):
        monkeypatch.setenv(name, "x")
    channels = create_http_input_channels(None, str(CREDENTIALS))
    [socketio] = [c for c in channels if isinstance(c, SocketIOInput)]
    assert socketio.name() == "socketio"
    assert socketio.session_persistence is True
    assert (socketio.user_message_evt, socketio.bot_message_evt) == ("user_uttered", "bot_uttered")
