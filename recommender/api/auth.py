"""The admin token check shared by the recommender's admin endpoints."""

from __future__ import annotations

import hmac

from aiohttp import web

from recommender.errors import ForbiddenError


def require_admin(request: web.Request, token: str) -> None:
    """Accept ``Authorization: Bearer <token>`` (or ``X-Admin-Token``), else raise.

    Raises:
        ForbiddenError: the token is not configured (admin endpoints off), missing or wrong.
    """
    if not token:
        raise ForbiddenError("admin endpoints are disabled (server.admin_token is empty)")
    given = request.headers.get("X-Admin-Token", "")
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        given = auth[len("Bearer ") :]
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ForbiddenError("wrong or missing admin token")
