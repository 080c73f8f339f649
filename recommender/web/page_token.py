"""Signed page tokens for the recommender's browser endpoints (``genrec_core.page_token``).

The token format lives in ``genrec_core.page_token``, shared with Rasa's socket.io channel;
here a bad token becomes the service's :class:`~recommender.errors.UnauthorizedError` (401).
"""

from __future__ import annotations

from genrec_core import page_token
from genrec_core.page_token import PageSession, mint, new_session_id
from recommender.errors import UnauthorizedError

__all__ = ["PageSession", "mint", "new_session_id", "verify"]


def verify(secret: bytes, token: str, now: float | None = None) -> PageSession:
    """The session a token was minted for.

    Raises:
        UnauthorizedError: malformed, signed with another secret, altered, or expired.
    """
    try:
        return page_token.verify(secret, token, now)
    except page_token.InvalidTokenError as exc:
        raise UnauthorizedError(str(exc)) from None
