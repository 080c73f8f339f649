"""A socket.io client cannot take over another shopper's chat session (issue 12).

Rasa's socket.io channel (``genrec_rasa/socketio_channel.py``) joins a client to a session
only with the signed page token of that session. A second client that names the first one's
session id, with no token, a forged one or a token of its own session, chats on a session of
its own: it gets none of the first one's bot replies or agent replies, and what it says never
lands in the first one's conversation.
"""

from __future__ import annotations

import queue
import uuid
from collections.abc import Iterator

import pytest

from genrec_core.page_token import mint
from scripts.stack import StackConfig
from tests.e2e.conftest import Conversation, SocketUser, page_token
from tests.e2e.test_handoff import console, ticket_of

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REPLY_S = 30


@pytest.fixture
def alice(stack: StackConfig) -> Iterator[SocketUser]:
    user = SocketUser(stack, f"e2e-alice-{uuid.uuid4().hex[:10]}")
    assert user.next_message() == {"ready": True, "session_id": user.sender}
    yield user
    user.close()


def _intruder(stack: StackConfig, target: str, token: str) -> tuple[SocketUser, str]:
    """A client that asks for ``target``'s session with ``token``; the session it got."""
    user = SocketUser(stack, target, token=token)
    ready = user.next_message()
    assert ready["ready"] is True
    return user, str(ready["session_id"])


def _drain(user: SocketUser, quiet_s: float = 3) -> list[str]:
    """The texts of every message the client got, until none comes for ``quiet_s``."""
    texts: list[str] = []
    while True:
        try:
            texts.append(str(user.next_message(timeout=quiet_s).get("text") or ""))
        except queue.Empty:
            return texts


def user_texts(stack: StackConfig, sender: str) -> list[str]:
    events = Conversation(stack, sender).tracker()["events"]
    return [e.get("text") or "" for e in events if e["event"] == "user"]


def test_a_second_client_claiming_a_session_gets_nothing_of_it(
    stack: StackConfig, alice: SocketUser
) -> None:
    alice.say("I want to talk to a human")
    assert "customer service team" in alice.next_message(timeout=REPLY_S)["text"]
    ticket = ticket_of(stack, alice.sender)

    forged = mint(b"not-the-shop-secret", alice.sender, ttl_s=3600).token
    own_session = f"e2e-mallory-{uuid.uuid4().hex[:10]}"
    intruders = [
        _intruder(stack, alice.sender, ""),  # rasa-webchat's default: the id, no token
        _intruder(stack, alice.sender, forged),
        _intruder(stack, alice.sender, page_token(stack, own_session)),
    ]
    try:
        sessions = [session for _, session in intruders]
        assert alice.sender not in sessions and len(set(sessions)) == 3, sessions
        for user, _ in intruders:
            # Naming Alice's session in the message does not post to it either.
            user.send({"message": "show me my order history", "session_id": alice.sender})

        # An agent answers Alice: only Alice receives it.
        tid = ticket["ticket_id"]
        assert console(stack, "POST", f"/api/tickets/{tid}/claim", {"agent": "sam"})[0] == 200
        reply = {"agent": "sam", "text": "Your parcel left the warehouse, Alice"}
        assert console(stack, "POST", f"/api/tickets/{tid}/reply", reply)[0] == 201
        assert alice.next_message(timeout=20)["text"] == reply["text"]
        assert console(stack, "POST", f"/api/tickets/{tid}/resume", {"agent": "sam"})[0] == 200
        assert "assistant again" in alice.next_message(timeout=20)["text"]

        # Alice's next turn: her reply comes to her alone.
        alice.say("wireless headphones")
        assert any(m.get("text", "").strip() for m in alice.turn(timeout=REPLY_S))

        for user, session in intruders:
            received = _drain(user)  # the bot's answers to its own message, nothing else
            assert not any(reply["text"] in t or "customer service" in t for t in received)
            assert user_texts(stack, session) == ["show me my order history"]
        said = user_texts(stack, alice.sender)
        assert "show me my order history" not in said, said
        assert said == ["I want to talk to a human", "wireless headphones"], said
    finally:
        for user, _ in intruders:
            user.close()


def test_an_intruder_receives_none_of_the_sessions_messages(
    stack: StackConfig, alice: SocketUser
) -> None:
    intruder, session = _intruder(stack, alice.sender, "")
    try:
        assert session != alice.sender
        alice.say("hi")
        assert alice.next_message(timeout=REPLY_S)["text"].strip()
        assert intruder.silent_for(5)  # nothing of Alice's turn reaches it
    finally:
        intruder.close()
