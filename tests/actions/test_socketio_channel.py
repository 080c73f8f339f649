"""The socket.io channel of credentials.yml: Rasa's own channel that skips messages without text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.run import create_http_input_channels

from genrec_rasa.socketio_channel import SocketIOInput, usable_text

CREDENTIALS = Path(__file__).resolve().parents[2] / "rasa_project" / "credentials.yml"


def _channel(**credentials: Any) -> tuple[SocketIOInput, list[UserMessage]]:
    received: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel = SocketIOInput.from_credentials(credentials)
    assert isinstance(channel, SocketIOInput)
    channel.blueprint(on_new_message)
    return channel, received


async def _utter(channel: SocketIOInput, data: Any) -> None:
    assert channel.sio is not None
    await channel.sio._trigger_event("user_uttered", "/", "sid-1", data)


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
    channel, received = _channel(session_persistence=True)
    await _utter(channel, data)
    assert received == []


async def test_a_text_message_reaches_rasa_with_the_session_id_and_metadata() -> None:
    channel, received = _channel(session_persistence=True)
    await _utter(
        channel, {"message": "wireless headphones", "session_id": "s1", "metadata": {"a": 1}}
    )
    [message] = received
    assert message.text == "wireless headphones"
    assert (message.sender_id, message.metadata) == ("s1", {"a": 1})
    assert message.input_channel == "socketio"


async def test_without_session_persistence_the_socket_is_the_sender() -> None:
    channel, received = _channel()
    await _utter(channel, {"message": "hi"})
    assert [m.sender_id for m in received] == ["sid-1"]


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
