"""Privacy and analytics endpoints of the recommender.

- ``DELETE /users/{id}`` (admin token): forget the user everywhere (docs/PRIVACY.md).
- ``GET``/``PUT /users/{id}/personalisation``: whether the user gets personal recommendations
  and has behaviour events stored (the chat's "stop personalising" / "personalise again").
- ``GET /admin/analytics?since=&until=`` (admin token): recommendation outcomes for the
  review console.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import web

from recommender.api.auth import require_admin
from recommender.config import Config
from recommender.data.behaviour_stats import behaviour_summary
from recommender.data.erasure import ConsoleEraser, forget_user
from recommender.data.events import parse_ts
from recommender.data.stores import EventStore
from recommender.errors import ServiceUnavailableError, ValidationError

logger = logging.getLogger(__name__)
T = TypeVar("T")
MAX_WINDOW_DAYS = 400


def add_privacy_routes(
    app: web.Application, config: Config, store_key: web.AppKey[EventStore]
) -> None:
    """Register the routes; ``store_key`` is where the app keeps its open event store."""

    async def blocking(request: web.Request, fn: Callable[..., T], *args: Any) -> T:
        if store_key not in request.app:
            raise ServiceUnavailableError("the recommender is still starting")
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(fn, *args))

    def user_id(request: web.Request) -> str:
        value = request.match_info["id"]
        if not value.strip() or len(value) > config.server.max_user_id_chars:
            raise ValidationError(
                "user_id", f"must be 1 to {config.server.max_user_id_chars} characters"
            )
        return value

    async def forget(request: web.Request) -> web.Response:
        require_admin(request, config.server.admin_token)
        uid = user_id(request)
        eraser = ConsoleEraser.from_config(config.privacy)
        report = await blocking(request, forget_user, request.app[store_key], eraser, uid)
        status = 200 if report.complete else 502
        return web.json_response({"user_id": uid, **report.to_dict()}, status=status)

    async def get_personalisation(request: web.Request) -> web.Response:
        uid = user_id(request)
        on = await blocking(request, request.app[store_key].personalising, uid)
        return web.json_response({"user_id": uid, "personalised": on})

    async def put_personalisation(request: web.Request) -> web.Response:
        uid = user_id(request)
        body = await _read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("enabled"), bool):
            raise ValidationError("enabled", "expected true or false")
        await blocking(request, request.app[store_key].set_personalising, uid, body["enabled"])
        logger.info("personalisation %s for a user", "on" if body["enabled"] else "off")
        return web.json_response({"user_id": uid, "personalised": body["enabled"]})

    async def analytics(request: web.Request) -> web.Response:
        require_admin(request, config.server.admin_token)
        now = time.time()
        until = _epoch(request.query.get("until"), "until", now)
        since = _epoch(request.query.get("since"), "since", until - 30 * 86_400)
        if not since < until or until - since > MAX_WINDOW_DAYS * 86_400:
            raise ValidationError("since", f"must be before until, at most {MAX_WINDOW_DAYS} days")
        summary = await blocking(request, behaviour_summary, request.app[store_key], since, until)
        return web.json_response(summary)

    app.router.add_delete("/users/{id}", forget)
    app.router.add_get("/users/{id}/personalisation", get_personalisation)
    app.router.add_put("/users/{id}/personalisation", put_personalisation)
    app.router.add_get("/admin/analytics", analytics)


async def _read_json(request: web.Request) -> Any:
    raw = await request.read()
    try:
        return json.loads(raw) if raw.strip() else None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValidationError("body", "invalid JSON") from None


def _epoch(raw: str | None, name: str, default: float) -> float:
    """Epoch seconds from a number or an ISO-8601 date/time (UTC when no zone)."""
    if raw is None or not raw.strip():
        return default
    return parse_ts(raw.strip(), name, now=time.time(), max_future_s=366 * 86_400)
