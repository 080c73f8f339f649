"""Signed page tokens: a client proves which chat session it owns.

A token is ``v1.<session_id>.<expires>.<signature>`` with the signature an HMAC-SHA256 of
``v1.<session_id>.<expires>`` under a secret the recommender and Rasa share
(``GENREC_WEB__SESSION_SECRET``). The recommender mints one for a fresh random session id
when the shop page asks (``POST /web/session``); its browser endpoints accept events only for
the session the token names, and Rasa's socket.io channel (``genrec_rasa/socketio_channel.py``)
joins a client to that session only.

A client without a token (a chat widget on another site) gets an *anonymous* session id,
``anon-<random>-<tag>``, the tag an HMAC of ``anon.<random>``: it can bring that id back after a
reload and keep its conversation, but nobody can make one up for a session the server did not
hand out, and it never names a shop page's session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

__all__ = [
    "InvalidTokenError",
    "PageSession",
    "is_anonymous_id",
    "mint",
    "new_anonymous_id",
    "new_session_id",
    "verify",
]

VERSION = "v1"
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_TOKEN_CHARS = 256
ANONYMOUS = re.compile(r"^anon-([0-9a-f]{20})-([0-9a-f]{24})$")


class InvalidTokenError(ValueError):
    """A token that is malformed, signed with another secret, altered, or expired."""


@dataclass(frozen=True)
class PageSession:
    """What a valid token says: the session id and when the token expires (epoch s)."""

    session_id: str
    expires: int
    token: str


def new_session_id() -> str:
    """A fresh random session id (Rasa's sender id and the recommender's user id)."""
    return secrets.token_hex(16)


def _sign(secret: bytes, payload: str) -> str:
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def mint(secret: bytes, session_id: str, ttl_s: float, now: float | None = None) -> PageSession:
    """A token for ``session_id`` valid for ``ttl_s`` seconds."""
    assert secret, "page tokens need a secret"
    assert SESSION_ID.match(session_id), f"bad session id {session_id!r}"
    expires = int((time.time() if now is None else now) + ttl_s)
    payload = f"{VERSION}.{session_id}.{expires}"
    return PageSession(session_id, expires, f"{payload}.{_sign(secret, payload)}")


def verify(secret: bytes, token: str, now: float | None = None) -> PageSession:
    """The session a token was minted for.

    Raises:
        InvalidTokenError: no secret, or the token is malformed, signed with another secret,
            altered, or expired.
    """
    if not secret:
        raise InvalidTokenError("no secret to check page tokens with")
    ok = isinstance(token, str) and 0 < len(token) <= MAX_TOKEN_CHARS
    parts = token.split(".") if ok else []
    if len(parts) != 4 or parts[0] != VERSION or not SESSION_ID.match(parts[1]):
        raise InvalidTokenError("missing or malformed page token")
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(_sign(secret, payload).encode(), parts[3].encode()):
        raise InvalidTokenError("page token signature does not match")
    if not parts[2].isdigit() or int(parts[2]) < (time.time() if now is None else now):
        raise InvalidTokenError("page token expired")
    return PageSession(parts[1], int(parts[2]), token)


def _anonymous_tag(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, f"anon.{nonce}".encode(), hashlib.sha256).hexdigest()[:24]


def new_anonymous_id(secret: bytes) -> str:
    """A fresh anonymous session id, signed under ``secret`` (plain random without one)."""
    if not secret:
        return new_session_id()
    nonce = secrets.token_hex(10)
    return f"anon-{nonce}-{_anonymous_tag(secret, nonce)}"


def is_anonymous_id(secret: bytes, session_id: object) -> bool:
    """Whether ``session_id`` is an anonymous id handed out under ``secret``."""
    match = ANONYMOUS.match(session_id) if isinstance(session_id, str) and secret else None
    if match is None:
        return False
    return hmac.compare_digest(_anonymous_tag(secret, match.group(1)), match.group(2))
