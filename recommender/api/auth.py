"""The admin token check shared by the recommender's admin endpoints."""

from __future__ import annotations

import hmac

from aiohttp import web

from recommender.api.access import bearer
from recommender.errors import ForbiddenError


def require_admin(request: web.Request, token: str) -> None:
    """Accept ``Authorization: Bearer <token>`` or ``X-Admin-Token: <token>``, else raise.

    A caller may send the service token as Bearer (it passes the service check) and the
    admin token as ``X-Admin-Token``; either header holding the admin token is enough.

    Raises:
        ForbiddenError: the token is not configured (admin endpoints off), missing or wrong.
    """
    if not token:
        raise ForbiddenError("admin endpoints are disabled (server.admin_token is empty)")
    candidates = [request.headers.get("X-Admin-Token", ""), bearer(request)]
    matches = [hmac.compare_digest(c.encode(), token.encode()) for c in candidates]
    if not any(matches):
        raise ForbiddenError("wrong or missing admin token")
