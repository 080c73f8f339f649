"""Rasa's socket.io channel, hardened against empty messages from web widgets.

Configured in ``credentials.yml`` in place of ``socketio`` (same keys)::

    genrec_rasa.socketio_channel.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true

The stock channel hands every ``user_uttered`` to Rasa as it comes, so a widget that emits
``{"message": null}`` makes Rasa's ``RegexMessageHandler`` fail with a traceback in the log
(``'NoneType' object has no attribute 'strip'``), and an empty or blank message runs a whole
turn on no text. This channel drops such events with one debug line and passes every other
event to the stock handler unchanged, so ``session_persistence``, ``session_request``,
``metadata`` and ``bot_uttered`` behave exactly as in Rasa's own channel. The channel's name
stays ``socketio``: trackers, the agent console and the review pages see the same channel.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

logger = logging.getLogger(__name__)


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


class SocketIOInput(rasa_socketio.SocketIOInput):
    """Rasa's socket.io input channel that ignores user messages without text."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The stock blueprint, with its ``user_message_evt`` handler behind a text check."""
        blueprint = super().blueprint(on_new_message)
        assert self.sio is not None, "Rasa's blueprint() sets the socket.io server"
        namespace = self.namespace or "/"
        stock_handler = self.sio.handlers[namespace][self.user_message_evt]

        async def handle_message(sid: str, data: Any = None) -> None:
            if usable_text(data) is None:
                logger.debug("socket.io %s: ignored a %s without text", sid, self.user_message_evt)
                return
            await stock_handler(sid, data)

        self.sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
