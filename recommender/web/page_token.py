"""Signed page tokens: a shop page proves which chat session it owns.

A token is ``v1.<session_id>.<expires>.<signature>`` with the signature an HMAC-SHA256 of
``v1.<session_id>.<expires>`` under ``web.session_secret``. The recommender mints one for a
fresh random session id when the page asks (``POST /web/session``); the browser endpoints
accept events only for the session the token names.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from recommender.errors import UnauthorizedError

__all__ = ["PageSession", "mint", "new_session_id", "verify"]

VERSION = "v1"
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


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
        UnauthorizedError: malformed, signed with another secret, altered, or expired.
    """
    parts = token.split(".") if token and len(token) <= 256 else []
    if len(parts) != 4 or parts[0] != VERSION or not SESSION_ID.match(parts[1]):
        raise UnauthorizedError("missing or malformed page token")
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(_sign(secret, payload).encode(), parts[3].encode()):
        raise UnauthorizedError("page token signature does not match")
    if not parts[2].isdigit() or int(parts[2]) < (time.time() if now is None else now):
        raise UnauthorizedError("page token expired")
    return PageSession(parts[1], int(parts[2]), token)
