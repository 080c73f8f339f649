"""Rasa's REST channel, with an optional check that the ``sender`` is the caller's own.

Configured in ``credentials.yml`` in place of ``rest``::

    genrec_rasa.rest_channel.RestInput:
      signed_sender: false

REST is meant for server-to-server use: the shop's backend authenticates its shoppers and
chooses the ``sender`` (Rasa listens on loopback in ``make run``). With ``signed_sender: true``
the channel can face browsers too: each ``POST /webhooks/rest/webhook`` must carry
``X-Page-Token: <page token>`` (``genrec_core.page_token``, HMAC under
``GENREC_WEB__SESSION_SECRET``, minted by the recommender's ``POST /web/session``), the
``sender`` is the token's session (a ``sender`` naming another one is refused with 403, a
missing, forged or expired token with 401), and ``input_channel`` is always ``rest``.
Otherwise it is Rasa's own channel; its name stays ``rest``.

A turn whose conversation the tracker store could not read or keep (the database down past
the store's retries: :mod:`genrec_rasa.store_outage`) is answered ``503`` with
``Retry-After`` and ``{"error": ...}``, never ``200`` with replies that are stored nowhere.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import rest as rasa_rest
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.exceptions import Forbidden, Unauthorized
from sanic.request import Request
from sanic.response import HTTPResponse

from genrec_core.page_token import InvalidTokenError, verify
from genrec_rasa import speedups
from genrec_rasa.socketio_channel import SECRET_ENV
from genrec_rasa.store_outage import begin_turn, turn_failures

logger = logging.getLogger(__name__)

#: The request header with the page token.
TOKEN_HEADER = "X-Page-Token"
#: Seconds a client waits before it sends a turn again that the store could not keep.
RETRY_AFTER_S = 5


def unstored_turn_response(method: str) -> HTTPResponse | None:
    """``503`` for a turn (a POST) whose conversation the store did not keep, else None."""
    failures = turn_failures()
    if not failures or method != "POST":
        return None
    logger.error("turn not stored, answered 503: %s", failures[-1])
    return response.json(
        {"error": "the conversation store is unavailable; send the message again"},
        status=503,
        headers={"Retry-After": str(RETRY_AFTER_S)},
    )


class RestInput(rasa_rest.RestInput):
    """Rasa's REST input channel; with ``signed_sender`` the sender must be proven."""

    @classmethod
    def name(cls) -> str:
        """Rasa's name for the channel (trackers and the console see ``rest``)."""
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> RestInput:
        """The channel from its ``credentials.yml`` section (``signed_sender``, default off)."""
        return cls(signed_sender=bool((credentials or {}).get("signed_sender", False)))

    def __init__(self, signed_sender: bool = False, session_secret: str | None = None) -> None:
        """Args: whether to require page tokens; their secret (default ``$GENREC_WEB__SESSION_SECRET``)."""
        super().__init__()
        speedups.install()  # CPU per turn: the Rasa server that loads this channel
        self.signed_sender = signed_sender
        secret = os.environ.get(SECRET_ENV, "") if session_secret is None else session_secret
        self.session_secret = secret.encode()

    async def _extract_sender(self, req: Request) -> str | None:
        sender = await super()._extract_sender(req)
        if not self.signed_sender:
            return sender
        try:
            session = verify(self.session_secret, req.headers.get(TOKEN_HEADER, "").strip())
        except InvalidTokenError as exc:
            raise Unauthorized(f"{TOKEN_HEADER}: {exc}") from None
        if sender not in (None, "", session.session_id):
            raise Forbidden("the sender is not the page token's session")
        return session.session_id

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's routes, with a turn the tracker store did not keep answered ``503``."""
        bp = super().blueprint(on_new_message)

        @bp.middleware("request")
        async def _begin(request: Request) -> None:
            begin_turn()

        @bp.middleware("response")
        async def _refuse_unstored(request: Request, resp: HTTPResponse) -> HTTPResponse | None:
            return unstored_turn_response(request.method)

        speedups.freeze_after_start(bp)
        return bp

    def _extract_input_channel(self, req: Request) -> str:
        return self.name() if self.signed_sender else super()._extract_input_channel(req)
