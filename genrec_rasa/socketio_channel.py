"""Rasa's socket.io channel, with sessions bound to signed tokens and empty messages dropped.

Configured in ``credentials.yml`` in place of ``socketio`` (same keys)::

    genrec_rasa.socketio_channel.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true

**Sessions.** Rasa's own channel lets a client name any ``session_id`` in ``session_request``
and in each ``user_uttered``: it then joins that conversation, receives its replies (agent
replies included) and talks as that user. Rasa's ``jwt_key`` guards only the connection. Here,
with ``session_persistence``, a socket gets the session its ``session_request`` proves with a
signed page token (``{"session_id": ..., "token": ...}``, ``genrec_core.page_token``, HMAC
under ``GENREC_WEB__SESSION_SECRET``, the recommender's ``web.session_secret``). A client with
no token, a bad or expired one, or a token for another session (rasa-webchat by default) gets
a fresh random session id: an anonymous shopper. ``session_confirm`` names the session the
socket got, and every ``user_uttered`` of the socket goes to that session whatever
``session_id`` it carries. An anonymous session id is signed too (``anon-<random>-<tag>``):
a widget that brings back the id it was given (rasa-webchat after a reload) keeps its own
conversation, and no client can make one up. Without the secret every client gets a plain
random id on each ``session_request``.

**Empty messages.** The stock channel hands every ``user_uttered`` to Rasa as it comes, so a
widget that emits ``{"message": null}`` makes Rasa's ``RegexMessageHandler`` fail with a
traceback in the log, and an empty or blank message runs a whole turn on no text. This channel
drops such events with one debug line.

Everything else (``metadata``, ``bot_uttered``, the output channel) is Rasa's own; the
channel's name stays ``socketio``, so trackers, the agent console and the review pages see the
same channel.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from genrec_core.page_token import InvalidTokenError, is_anonymous_id, new_anonymous_id, verify
from genrec_rasa import speedups

logger = logging.getLogger(__name__)

#: The environment variable with the HMAC key of the page tokens (shared with the recommender).
SECRET_ENV = "GENREC_WEB__SESSION_SECRET"


def usable_text(data: Any) -> str | None:
    """The user's text in a ``user_uttered`` payload, or None when there is nothing to handle.

    A payload that is not an object, a missing, null or non-text ``message``, and a message of
    only whitespace have nothing for Rasa to understand.
    """
    if not isinstance(data, dict):
        return None
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        return None
    return message


def proven_session(secret: bytes, data: Any) -> str | None:
    """The session id a ``session_request`` may join, or None (a fresh anonymous one).

    With a token: the token must verify under ``secret``, and a ``session_id`` sent with it
    must be the token's. Without one: only an anonymous id this channel handed out
    (``genrec_core.page_token.is_anonymous_id``), so a widget keeps its own conversation
    across reloads and nothing else.
    """
    if not isinstance(data, dict):
        return None
    if not isinstance(data.get("token"), str) or not data["token"]:
        claimed = data.get("session_id")
        return claimed if is_anonymous_id(secret, claimed) else None
    try:
        session = verify(secret, data["token"])
    except InvalidTokenError as exc:
        logger.debug("socket.io session_request with a bad page token: %s", exc)
        return None
    claimed = data.get("session_id")
    if claimed not in (None, "", session.session_id):
        return None
    return session.session_id


class SocketIOInput(rasa_socketio.SocketIOInput):
    """Rasa's socket.io input channel; sessions bound to page tokens, empty messages ignored."""

    def __init__(self, *args: Any, session_secret: str | None = None, **kwargs: Any) -> None:
        """Rasa's arguments, and the page tokens' secret (default: ``$GENREC_WEB__SESSION_SECRET``)."""
        super().__init__(*args, **kwargs)
        speedups.install()  # CPU per turn: the Rasa server that loads this channel
        secret = os.environ.get(SECRET_ENV, "") if session_secret is None else session_secret
        self.session_secret = secret.encode()
        #: socket id -> the session it was given (only with session_persistence)
        self.sessions: dict[str, str] = {}
        if self.session_persistence and not secret:
            logger.warning("%s is not set: every socket.io client chats anonymously", SECRET_ENV)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The stock blueprint, with session binding and a text check in front of its handlers."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None, "Rasa's blueprint() sets the socket.io server"
        namespace = self.namespace or "/"
        stock_message = sio.handlers[namespace][self.user_message_evt]

        async def session_request(sid: str, data: Any = None) -> None:
            session_id = proven_session(self.session_secret, data) or new_anonymous_id(
                self.session_secret
            )
            previous = self.sessions.get(sid)
            if previous and previous != session_id:
                sio.leave_room(sid, previous, namespace=namespace)
            self.sessions[sid] = session_id
            sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        async def disconnect(sid: str) -> None:
            self.sessions.pop(sid, None)

        async def handle_message(sid: str, data: Any = None) -> None:
            if usable_text(data) is None:
                logger.debug("socket.io %s: ignored a %s without text", sid, self.user_message_evt)
                return
            if self.session_persistence:
                session_id = self.sessions.get(sid)
                if session_id is None:
                    logger.debug("socket.io %s: ignored a message before session_request", sid)
                    return
                data = {**data, "session_id": session_id}
            await stock_message(sid, data)

        if self.session_persistence:
            sio.on("session_request", session_request, namespace=self.namespace)
            sio.on("disconnect", disconnect, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        speedups.freeze_after_start(blueprint)
        return blueprint
