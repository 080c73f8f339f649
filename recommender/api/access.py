"""Who may call what: the service token that guards every endpoint but the public ones.

Public (no token): ``GET /health``, the shop page (``GET /``, ``/web/config.json``, its
static files), the read-only catalog listing (``GET /products``, ``GET /products/{id}``) and
the browser paths (``POST /web/session``, ``POST /web/events``), which check a signed page
token of their own. Everything else needs ``Authorization: Bearer <server.service_token>``;
the admin token is accepted too (the admin endpoints check it again themselves).
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web

from recommender.config import ServerConfig
from recommender.errors import UnauthorizedError

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: (method, route pattern) pairs anyone may call; HEAD goes with GET.
PUBLIC_ROUTES = frozenset(
    {
        ("GET", "/health"),
        ("GET", "/"),
        ("GET", "/web/config.json"),
        ("GET", "/products"),
        ("GET", "/products/{id}"),
        ("POST", "/web/session"),
        ("POST", "/web/events"),
    }
)


def bearer(request: web.Request) -> str:
    """The token of an ``Authorization: Bearer <token>`` header, or ``""``."""
    auth = request.headers.get("Authorization", "")
    return auth[len("Bearer ") :].strip() if auth.startswith("Bearer ") else ""


def is_public(request: web.Request) -> bool:
    """Whether the matched route needs no service token (unmatched paths 404 as usual)."""
    match = request.match_info
    if match.http_exception is not None:
        return True
    resource = match.route.resource
    if isinstance(resource, web.StaticResource):
        return True
    method = "GET" if request.method == "HEAD" else request.method
    return resource is not None and (method, resource.canonical) in PUBLIC_ROUTES


def service_token(config: ServerConfig) -> str:
    """``server.service_token``, or a random one when none is configured (fail closed)."""
    if config.service_token:
        return config.service_token
    logger.warning(
        "server.service_token is not set: using a random token, so every protected endpoint "
        "answers 401 to callers (set GENREC_SERVER__SERVICE_TOKEN)"
    )
    return secrets.token_urlsafe(32)


def token_middleware(
    token: str, admin_token: str = ""
) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Middleware refusing non-public routes without the service (or admin) token (401)."""
    accepted = [t.encode() for t in (token, admin_token) if t]

    @web.middleware
    async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not is_public(request):
            given = bearer(request).encode()
            # compare with every accepted token: the time taken does not say which matched
            ok = [hmac.compare_digest(given, t) for t in accepted]
            if not given or not any(ok):
                raise UnauthorizedError("missing or wrong service token (Authorization: Bearer)")
        return await handler(request)

    return require_token
