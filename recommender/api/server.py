"""aiohttp app factory for the recommender HTTP API (contract: docs/API.md).

Handlers are thin: validate, run the service in the model thread pool, return JSON. Domain
errors become JSON errors in one middleware; nothing returns an HTML error page.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from aiohttp import web

from genrec_core.dbpool import answers_within
from recommender.api.access import service_token, token_middleware
from recommender.api.auth import require_admin
from recommender.api.browser import add_browser_routes
from recommender.api.listing import list_products, parse_listing_query
from recommender.api.privacy import add_privacy_routes
from recommender.api.ratelimit import RateLimiter, WorkQueue
from recommender.api.schemas import (
    parse_limit,
    parse_parse_request,
    parse_recommend_request,
    parse_slots,
)
from recommender.config import Config
from recommender.data.analytics import from_ga4, from_segment
from recommender.data.catalog import Catalog
from recommender.data.events import parse_events
from recommender.data.stores import EventStore, open_store
from recommender.errors import (
    RecommenderError,
    RetryLaterError,
    ServiceUnavailableError,
    ValidationError,
    ValidationErrors,
)
from recommender.faq.routes import setup_faq
from recommender.pipeline.payloads import slots_dict
from recommender.pipeline.retrieval import Encoder
from recommender.pipeline.service import RecommenderService
from recommender.web import setup_web

logger = logging.getLogger(__name__)

CONFIG = web.AppKey("config", Config)
SERVICE = web.AppKey("service", RecommenderService)
EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)
STORE = web.AppKey("store", EventStore)
WORK_QUEUE = web.AppKey("work_queue", WorkQueue)
USER_LIMIT = web.AppKey("user_limit", RateLimiter)

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
    except ValidationErrors as exc:
        errors = [{"field": e.field, "error": e.message} for e in exc.errors]
        body = {"error": str(exc), "field": exc.field, "errors": errors}
        return web.json_response(body, status=exc.status)
    except ValidationError as exc:
        return json_error(exc.status, exc.message, exc.field)
    except RetryLaterError as exc:
        response = json_error(exc.status, str(exc))
        response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
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
    """Run model code off the event loop, in the app's model thread pool.

    Raises:
        OverloadedError: ``server.max_queue`` jobs already wait or run (503, Retry-After).
    """
    if SERVICE not in request.app:
        raise ServiceUnavailableError("the recommender is still starting")
    loop = asyncio.get_running_loop()
    with request.app[WORK_QUEUE].slot():
        return await loop.run_in_executor(request.app[EXECUTOR], functools.partial(fn, *args))


HEALTH_DB_TIMEOUT_S = 3.0


async def health(request: web.Request) -> web.Response:
    """Models and catalog, and whether the database answers (``503`` when it does not)."""
    body = _service(request).health()
    ok = await answers_within(request.app[STORE].ping, HEALTH_DB_TIMEOUT_S)
    body["database"] = "ok" if ok else "down"
    if not ok:
        body["status"] = "degraded"
    return web.json_response(body, status=200 if ok else 503)


async def recommend(request: web.Request) -> web.Response:
    req = parse_recommend_request(await read_json(request), request.app[CONFIG])
    return web.json_response(await run_blocking(request, request.app[SERVICE].recommend, req))


async def parse(request: web.Request) -> web.Response:
    text = parse_parse_request(await read_json(request))
    return web.json_response(await run_blocking(request, request.app[SERVICE].parse, text))


async def product_listing(request: web.Request) -> web.Response:
    catalog = _service(request).catalog
    return web.json_response(list_products(catalog, **parse_listing_query(request.query, catalog)))


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
    return web.json_response(request.app[SERVICE].vocabulary().to_dict())


def _service(request: web.Request) -> RecommenderService:
    if SERVICE not in request.app:
        raise ServiceUnavailableError("the recommender is still starting")
    return request.app[SERVICE]


async def store_events(request: web.Request, body: Any) -> dict[str, Any]:
    """Validate and store an events body; each user spends its rate limit per event."""
    cfg = request.app[CONFIG].events
    service = _service(request)
    events = parse_events(
        body,
        has_product=service.catalog.__contains__,
        max_batch=cfg.max_batch,
        max_future_s=cfg.max_future_s,
    )
    counts: dict[str, int] = {}
    for event in events:
        counts[event.user_id] = counts.get(event.user_id, 0) + 1
    for user_id, count in counts.items():
        request.app[USER_LIMIT].take(user_id, cost=count)
    result: dict[str, Any] = await run_blocking(request, service.add_events, events)
    return result


async def _ingest(request: web.Request, body: Any, skipped: int | None = None) -> web.Response:
    result = await store_events(request, body)
    if skipped is not None:
        result["skipped"] = skipped
    return web.json_response(result)


async def events(request: web.Request) -> web.Response:
    return await _ingest(request, await read_json(request))


async def events_ga4(request: web.Request) -> web.Response:
    raw, skipped = from_ga4(await read_json(request))
    if not raw:
        return web.json_response({"accepted": 0, "duplicates": 0, "skipped": skipped})
    return await _ingest(request, {"events": raw}, skipped)


async def events_segment(request: web.Request) -> web.Response:
    raw, skipped = from_segment(await read_json(request))
    if not raw:
        return web.json_response({"accepted": 0, "duplicates": 0, "skipped": skipped})
    return await _ingest(request, {"events": raw}, skipped)


async def user_profile(request: web.Request) -> web.Response:
    user_id = request.match_info["id"]
    if len(user_id) > request.app[CONFIG].server.max_user_id_chars:
        raise ValidationError("user_id", "too long")
    session_id = request.query.get("session_id") or None
    slots = None
    if "slots" in request.query:
        try:
            raw = json.loads(request.query["slots"])
        except json.JSONDecodeError:
            raise ValidationError("slots", "expected a JSON object") from None
        slots = slots_dict(parse_slots(raw))
    service = _service(request)
    return web.json_response(
        await run_blocking(request, service.profile, user_id, session_id, slots)
    )


async def reload_ranker(request: web.Request) -> web.Response:
    require_admin(request, request.app[CONFIG].server.admin_token)
    service = _service(request)
    result = await run_blocking(request, service.reload_ranker)
    logger.info("ranker reloaded: %s (was %s)", result["version"], result["previous"])
    return web.json_response(result)


_heap_frozen = False


async def freeze_startup_heap(app: web.Application) -> None:
    """Leave the objects loaded at startup (models, catalog, vocabularies: ~500k) out of
    Python's full garbage collections (``gc.freeze``): each one walked them all, ~0.3 s of
    CPU holding the GIL, so every turn in flight waited. Runs after the models are open,
    once per process (a process that starts apps again, as the tests do, freezes once)."""
    global _heap_frozen
    if _heap_frozen:
        return
    _heap_frozen = True
    gc.collect()
    gc.freeze()
    logger.info("froze %d startup objects out of garbage collection", gc.get_freeze_count())


def create_app(
    config: Config,
    *,
    catalog: Catalog | None = None,
    encoder: Encoder | None = None,
    store: EventStore | None = None,
) -> web.Application:
    """Build the recommender app; models and catalog open when the app starts.

    Args:
        config: service configuration.
        catalog: use this catalog instead of loading ``config.catalog.path`` (tests).
        encoder: use this encoder instead of loading ``config.embeddings`` (tests).
        store: use this open store instead of opening ``config.store`` (tests); the app
            closes it when it stops.
    """
    auth = token_middleware(service_token(config.server), config.server.admin_token)
    app = web.Application(
        client_max_size=config.server.max_body_bytes, middlewares=[error_middleware, auth]
    )
    app[CONFIG] = config
    app[WORK_QUEUE] = WorkQueue(config.server.max_queue, config.server.retry_after_s)
    limits = config.limits
    app[USER_LIMIT] = RateLimiter(
        limits.per_user_per_min, limits.per_user_burst, "user", limits.max_keys
    )

    async def open_service(app: web.Application) -> AsyncIterator[None]:
        start = time.perf_counter()
        executor = ThreadPoolExecutor(
            max_workers=config.server.workers, thread_name_prefix="recommender"
        )
        loop = asyncio.get_running_loop()
        opened: EventStore | None = store
        try:
            if opened is None:
                opened = await loop.run_in_executor(
                    executor,
                    functools.partial(
                        open_store,
                        config.store.url,
                        statement_timeout_ms=config.store.statement_timeout_ms,
                        pool_size=config.store.pool_size,
                    ),
                )
            service = await loop.run_in_executor(
                executor,
                functools.partial(
                    RecommenderService.open, config, catalog=catalog, encoder=encoder, store=opened
                ),
            )
            await loop.run_in_executor(executor, service.warm_up)
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            if opened is not None:
                opened.close()
            raise
        app[SERVICE] = service
        app[EXECUTOR] = executor
        app[STORE] = opened
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
        opened.close()

    app.cleanup_ctx.append(open_service)
    setup_faq(
        app,
        config.faq,
        lambda app: app[SERVICE].encoder,
        executor=EXECUTOR,
        queue=WORK_QUEUE,
        cache_dir=config.embeddings.cache_dir,
    )
    app.on_startup.append(freeze_startup_heap)  # after the cleanup contexts above opened
    app.router.add_get("/health", health)
    app.router.add_post("/recommend", recommend)
    app.router.add_post("/parse", parse)
    app.router.add_get("/products", product_listing)
    app.router.add_get("/products/popular", popular)
    app.router.add_get("/products/{id}", product)
    app.router.add_get("/catalog/vocabulary", vocabulary)
    app.router.add_post("/events", events)
    app.router.add_post("/events/ga4", events_ga4)
    app.router.add_post("/events/segment", events_segment)
    app.router.add_get("/users/{id}/profile", user_profile)
    app.router.add_post("/admin/reload-ranker", reload_ranker)
    add_privacy_routes(app, config, STORE)
    if config.web.enabled:
        setup_web(app, config.web)
        add_browser_routes(app, config, store_events)
    return app
