"""Rasa's socket.io channel as web widgets use it, against the real stack.

Widgets such as rasa-webchat start on HTTP long polling (and may never upgrade behind a proxy):
every reply must reach such a client while it waits, before it sends anything else. A widget
that emits ``user_uttered`` without text must not put a traceback in Rasa's log
(``genrec_rasa/socketio_channel.py``).
"""

from __future__ import annotations

import queue
import uuid
from collections.abc import Iterator

import pytest

from scripts.stack import StackConfig
from tests.e2e.conftest import Conversation, SocketUser

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# A turn takes well under a second on an idle machine and a few seconds on a loaded one; a
# reply held back until the client's next packet never comes while the client waits.
REPLY_S = 30


@pytest.fixture
def user(stack: StackConfig) -> Iterator[SocketUser]:
    user = SocketUser(stack, f"e2e-sio-{uuid.uuid4().hex[:10]}")
    assert user.next_message() == {"ready": True, "session_id": user.sender}
    yield user
    user.close()


def test_replies_reach_a_long_polling_client_while_it_waits(user: SocketUser) -> None:
    for text in ("hi", "wireless headphones", "under 100 dollars"):
        user.say(text)
        try:
            messages = user.turn(timeout=REPLY_S)
        except queue.Empty:
            pytest.fail(f"no reply to {text!r} within {REPLY_S}s while the client waited")
        assert messages[0]["_t"] < REPLY_S
        assert any(m.get("text", "").strip() for m in messages), messages


def test_a_user_uttered_without_text_is_ignored_without_a_traceback(
    stack: StackConfig, user: SocketUser
) -> None:
    log = stack.log_dir / "rasa.log"
    start = log.stat().st_size
    for data in ({"message": None}, {"message": ""}, {"message": "  "}, {}, None):
        user.send(data)
    assert user.silent_for(3)  # nothing to answer
    user.say("hi")
    assert user.next_message(timeout=REPLY_S)["text"].strip()  # the session still works
    new_log = log.read_bytes()[start:].decode(errors="replace")
    assert "Traceback" not in new_log and "Task exception" not in new_log, new_log[-3000:]
    events = Conversation(stack, user.sender).tracker()["events"]
    assert [e.get("text") for e in events if e["event"] == "user"] == ["hi"]
