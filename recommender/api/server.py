"""aiohttp app factory for the recommender HTTP API (contract: docs/API.md).

Handlers are thin: validate, run the service in the model thread pool, return JSON. Domain
errors become JSON errors in one middleware; nothing returns an HTML error page.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from aiohttp import web

from recommender.api.schemas import parse_limit, parse_parse_request, parse_recommend_request
from recommender.config import Config
from recommender.data.catalog import Catalog
from recommender.errors import RecommenderError, ServiceUnavailableError, ValidationError
from recommender.faq.routes import setup_faq
from recommender.pipeline.retrieval import Encoder
from recommender.pipeline.service import RecommenderService

logger = logging.getLogger(__name__)

CONFIG = web.AppKey("config", Config)
SERVICE = web.AppKey("service", RecommenderService)
EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)

T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_error(status: int, message: str, field: str | None = None) -> web.Response:
    """The one error shape: ``{"error": message, "field": field-or-null}``."""
    return web.json_response({"error": message, "field": field}, status=status)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Map domain errors and HTTP errors to JSON; log and hide anything unexpected."""
    try:
        return await handler(request)
    except ValidationError as exc:
        return json_error(exc.status, exc.message, exc.field)
    except RecommenderError as exc:
        return json_error(exc.status, str(exc), getattr(exc, "field", None))
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        reason = exc.reason or "error"
        if exc.status == 413:
            reason = "request body too large"
        return json_error(exc.status, reason)
    except asyncio.CancelledError:
        raise
    except Exception:
        logger.exception("unhandled error in %s %s", request.method, request.path)
        return json_error(500, "internal server error")


async def read_json(request: web.Request) -> Any:
    """Request body as JSON; malformed -> 400 on field ``body``, too large -> 413."""
    raw = await request.read()
    if not raw.strip():
        raise ValidationError("body", "expected a JSON object")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValidationError(
            "body", f"invalid JSON: {getattr(exc, 'msg', 'cannot decode')}"
        ) from None


async def run_blocking(request: web.Request, fn: Callable[..., T], *args: Any) -> T:
    """Run model code off the event loop, in the app's model thread pool."""
    if SERVICE not in request.app:
        raise ServiceUnavailableError("the recommender is still starting")
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(request.app[EXECUTOR], functools.partial(fn, *args))


async def health(request: web.Request) -> web.Response:
    return web.json_response(request.app[SERVICE].health())


async def recommend(request: web.Request) -> web.Response:
    req = parse_recommend_request(await read_json(request), request.app[CONFIG])
    return web.json_response(await run_blocking(request, request.app[SERVICE].recommend, req))


async def parse(request: web.Request) -> web.Response:
    text = parse_parse_request(await read_json(request))
    return web.json_response(await run_blocking(request, request.app[SERVICE].parse, text))


async def product(request: web.Request) -> web.Response:
    return web.json_response(request.app[SERVICE].product(request.match_info["id"]))


async def popular(request: web.Request) -> web.Response:
    cfg = request.app[CONFIG].retrieval
    limit = parse_limit(
        request.query.get("limit"),
        default=min(10, cfg.max_popular),
        maximum=cfg.max_popular,
        from_query=True,
    )
    return web.json_response({"products": request.app[SERVICE].popular(limit)})


async def vocabulary(request: web.Request) -> web.Response:
    return web.json_response(request.app[SERVICE].vocabulary())


def create_app(
    config: Config, *, catalog: Catalog | None = None, encoder: Encoder | None = None
) -> web.Application:
    """Build the recommender app; models and catalog open when the app starts.

    Args:
        config: service configuration.
        catalog: use this catalog instead of loading ``config.catalog.path`` (tests).
        encoder: use this encoder instead of loading ``config.embeddings`` (tests).
    """
    app = web.Application(
        client_max_size=config.server.max_body_bytes, middlewares=[error_middleware]
    )
    app[CONFIG] = config

    async def open_service(app: web.Application) -> AsyncIterator[None]:
        start = time.perf_counter()
        executor = ThreadPoolExecutor(
            max_workers=config.server.workers, thread_name_prefix="recommender"
        )
        loop = asyncio.get_running_loop()
        try:
            service = await loop.run_in_executor(
                executor,
                functools.partial(
                    RecommenderService.open, config, catalog=catalog, encoder=encoder
                ),
            )
            await loop.run_in_executor(executor, service.warm_up)
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            raise
        app[SERVICE] = service
        app[EXECUTOR] = executor
        logger.info(
            "recommender ready in %.1fs: %d products, embeddings %s, listening on %s:%d",
            time.perf_counter() - start,
            len(service.catalog),
            service.encoder.name,
            config.server.host,
            config.server.port,
        )
        yield
        executor.shutdown(wait=True, cancel_futures=True)

    app.cleanup_ctx.append(open_service)
    setup_faq(
        app,
        config.faq,
        lambda app: app[SERVICE].encoder,
        executor=EXECUTOR,
        cache_dir=config.embeddings.cache_dir,
    )
    app.router.add_get("/health", health)
    app.router.add_post("/recommend", recommend)
    app.router.add_post("/parse", parse)
    app.router.add_get("/products/popular", popular)
    app.router.add_get("/products/{id}", product)
    app.router.add_get("/catalog/vocabulary", vocabulary)
    return app
