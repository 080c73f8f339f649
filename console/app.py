"""aiohttp app factory of the agent console: JSON API under ``/api``, the inbox page at ``/``."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from aiohttp import web

from console.config import ConsoleConfig
from console.errors import ConsoleError, StoreUnavailableError, UnauthorizedError
from console.expiry import expiry_loop
from console.keys import CONFIG, RASA, REVIEWS, SPOOL_LOCK, STORE, SUMMARIES, TRACKERS, WEBHOOK
from console.rasa import RasaClient
from console.review import SummaryCache
from console.review_routes import add_review_routes
from console.reviews import ReviewStore
from console.routes import add_routes
from console.spool import import_spool
from console.store import TicketStore, open_ticket_store
from console.threads import blocking
from console.trackers import TrackerStoreReader
from console.webhook import WebhookSender

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_error(status: int, message: str, field: str | None = None) -> web.Response:
    """The one error shape: ``{"error": message, "field": field-or-null}``."""
    return web.json_response({"error": message, "field": field}, status=status)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Domain errors and HTTP errors as JSON; anything unexpected is logged and hidden."""
    try:
        return await handler(request)
    except ConsoleError as exc:
        return json_error(exc.status, exc.message, exc.field)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        reason = "request body too large" if exc.status == 413 else (exc.reason or "error")
        return json_error(exc.status, reason)
    except asyncio.CancelledError:
        raise
    except Exception:
        logger.exception("unexpected error on %s %s", request.method, request.path)
        return json_error(500, "internal error")


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """``/api/*`` needs ``Authorization: Bearer <CONSOLE_TOKEN>``; the page and health do not."""
    if request.path.startswith("/api/"):
        header = request.headers.get("Authorization", "")
        given = header[7:] if header.startswith("Bearer ") else ""
        token = request.app[CONFIG].server.token
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise UnauthorizedError("missing or wrong Bearer token")
    return await handler(request)


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


@web.middleware
async def csp_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Pages and their assets load nothing from elsewhere (no CDN, no inline script)."""
    response = await handler(request)
    if not request.path.startswith("/api/"):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})


async def _import_loop(app: web.Application) -> None:
    config = app[CONFIG]
    while True:
        await asyncio.sleep(config.spool.interval_s)
        await import_once(app)


async def import_once(app: web.Application) -> int:
    """Import the spool now; returns how many new tickets it held (errors are logged)."""
    try:
        async with app[SPOOL_LOCK]:
            created = await blocking(import_spool, app[CONFIG].resolved_spool_path, app[STORE])
    except StoreUnavailableError as exc:
        logger.warning("spool import skipped, %s; will retry", exc.message)
        return 0
    except Exception:
        logger.exception("spool import failed; will retry")
        return 0
    for ticket in created:
        app[WEBHOOK].schedule(ticket)
    return len(created)


def create_app(config: ConsoleConfig, store: TicketStore | None = None) -> web.Application:
    """Build the console app; the store opens (and the spool is imported) at startup.

    Args:
        config: the console's settings.
        store: an open ticket store to use instead of ``store.url`` (tests); the caller
            closes it.
    """
    assert config.server.token, "the console needs a token (CONSOLE_TOKEN)"
    app = web.Application(
        client_max_size=config.server.max_body_bytes,
        middlewares=[csp_middleware, error_middleware, auth_middleware],
    )
    app[CONFIG] = config

    async def open_services(app: web.Application) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        opened = (
            store
            if store is not None
            else await loop.run_in_executor(
                None,
                functools.partial(
                    open_ticket_store,
                    config.resolved_store_url,
                    statement_timeout_ms=config.store.statement_timeout_ms,
                    pool_size=config.store.pool_size,
                ),
            )
        )
        app[STORE] = opened
        app[REVIEWS] = await loop.run_in_executor(None, ReviewStore(opened).open)
        app[TRACKERS] = TrackerStoreReader(
            config.review.tracker_store_url, config.review.statement_timeout_ms
        )
        app[SUMMARIES] = SummaryCache(app[TRACKERS])
        app[RASA] = RasaClient(config.rasa.url, config.rasa.jwt_secret, config.rasa.timeout_s)
        app[WEBHOOK] = WebhookSender(config.webhook, config.dead_letter_path)
        app[SPOOL_LOCK] = asyncio.Lock()
        await import_once(app)
        importer = loop.create_task(_import_loop(app))
        tasks = [importer]
        if config.expiry.interval_s > 0:
            tasks.append(loop.create_task(expiry_loop(app)))
        logger.info(
            "console ready on %s:%d, tickets in %s, webhook %s",
            config.server.host, config.server.port,
            "PostgreSQL" if config.resolved_store_url.startswith("postgres") else config.resolved_store_url,
            "on" if config.webhook.url else "off",
        )  # fmt: skip
        yield
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await app[WEBHOOK].close()
        await app[RASA].close()
        if store is None:
            opened.close()

    app.cleanup_ctx.append(open_services)
    add_routes(app)
    add_review_routes(app)
    app.router.add_get("/", index)
    app.router.add_static("/static/", STATIC)
    return app
