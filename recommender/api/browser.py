"""The shop page's own endpoints: a signed session for the page, and its behaviour events.

- ``POST /web/session`` ``{"token"?: str}`` -> ``{"session_id", "token", "expires_at"}``:
  a valid token is renewed for the same session; anything else gets a fresh random session.
- ``POST /web/events`` with ``X-Page-Token: <token>``: one event or ``{"events": [...]}``
  (at most ``MAX_BATCH``) of the types a page sends, each for the token's session only.

Both are rate limited per client address, the events also per session (``limits``).
"""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from recommender.api.ratelimit import RateLimiter
from recommender.config import Config
from recommender.errors import ForbiddenError, UnauthorizedError, ValidationError
from recommender.web.page_token import mint, new_session_id, verify

__all__ = ["BROWSER_TYPES", "MAX_BATCH", "add_browser_routes", "client_address"]

BROWSER_TYPES = frozenset({"view", "click", "add_to_cart"})
MAX_BATCH = 20
PAGE_TOKEN_HEADER = "X-Page-Token"


def client_address(request: web.Request, forwarded_for: bool) -> str:
    """The caller's address: the peer, or the last ``X-Forwarded-For`` hop behind a proxy."""
    if forwarded_for:
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")]
        if hops and hops[-1]:
            return hops[-1]
    return request.remote or "unknown"


def session_secret(config: Config) -> bytes:
    """``web.session_secret``, or a random key when none is configured."""
    return (config.web.session_secret or secrets.token_urlsafe(32)).encode()


def add_browser_routes(
    app: web.Application,
    config: Config,
    store: Callable[[web.Request, Any], Awaitable[dict[str, Any]]],
) -> None:
    """Register ``/web/session`` and ``/web/events``.

    Args:
        app: the recommender app.
        config: its configuration (``web`` and ``limits``).
        store: validates an events body, spends each user's event limit and stores it,
            returning the ``/events`` answer; it is called only after every event was
            checked to belong to the page's session.
    """
    secret = session_secret(config)
    limits = config.limits
    per_address = RateLimiter(
        limits.per_address_per_min, limits.per_address_burst, "address", limits.max_keys
    )

    def limit_address(request: web.Request) -> None:
        per_address.take(client_address(request, limits.forwarded_for))

    async def session(request: web.Request) -> web.Response:
        limit_address(request)
        body = await _read_object(request, optional=True)
        old = body.get("token")
        session_id = new_session_id()
        if isinstance(old, str) and old:
            with contextlib.suppress(UnauthorizedError):  # expired or forged: a fresh one
                session_id = verify(secret, old).session_id
        minted = mint(secret, session_id, config.web.session_ttl_s)
        answer = {"session_id": minted.session_id, "token": minted.token}
        return web.json_response(
            {**answer, "expires_at": minted.expires}, headers={"Cache-Control": "no-store"}
        )

    async def events(request: web.Request) -> web.Response:
        limit_address(request)
        page = verify(secret, request.headers.get(PAGE_TOKEN_HEADER, "").strip())
        body = await _read_object(request, optional=False)
        items = body.get("events", [body])
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_BATCH:
            raise ValidationError("events", f"expected 1 to {MAX_BATCH} events")
        for i, item in enumerate(items):
            check_own_event(item, page.session_id, f"events[{i}]." if "events" in body else "")
        return web.json_response(await store(request, {"events": items}))

    app.router.add_post("/web/session", session)
    app.router.add_post("/web/events", events)


def check_own_event(item: Any, session_id: str, prefix: str) -> None:
    """Refuse an event for another user or session, or of a type a page does not send.

    Raises:
        ForbiddenError: the event names another user or session (403).
        ValidationError: not an object, or a type outside :data:`BROWSER_TYPES`.
    """
    if not isinstance(item, dict):
        raise ValidationError(prefix.rstrip(".") or "body", "expected a JSON object")
    if item.get("user_id") != session_id:
        raise ForbiddenError("events may only be sent for the page's own session")
    item.setdefault("session_id", session_id)
    if item["session_id"] != session_id:
        raise ForbiddenError("events may only be sent for the page's own session")
    if item.get("type") not in BROWSER_TYPES:
        raise ValidationError(prefix + "type", f"must be one of {', '.join(sorted(BROWSER_TYPES))}")


async def _read_object(request: web.Request, *, optional: bool) -> dict[str, Any]:
    raw = await request.read()
    if not raw.strip() and optional:
        return {}
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValidationError("body", "invalid JSON") from None
    if not isinstance(body, dict):
        raise ValidationError("body", "expected a JSON object")
    return body
