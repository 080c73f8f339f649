"""The only module that talks to the recommender service over HTTP (contract: docs/API.md).

Every call carries ``Authorization: Bearer <recommender.token>`` (the recommender's
``server.service_token``) and runs inside one time budget (``recommender.timeout_s``, default 2.5 s;
settings in :mod:`actions.settings`) and either
returns typed results or raises :class:`RecommenderUnavailable` (timeout, connection error,
5xx, malformed JSON) or :class:`RecommenderRejected` (a 4xx other than a 404 lookup), both
:class:`RecommenderCallError`. Response shapes are the wire types of :mod:`genrec_core.wire`. The
client also keeps a small cache of popular products that actions show when the service is
down; it is refreshed from ``GET /products/popular`` and from every successful recommend.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import aiohttp

from genrec_core import defaults, wire
from genrec_core.wire import opt_str

from ..settings import RecommenderSettings, get_settings

logger = logging.getLogger(__name__)

DEFAULT_URL = defaults.RECOMMENDER_URL
DEFAULT_TIMEOUT_S = RecommenderSettings.timeout_s
MAX_MESSAGE_CHARS = 2_000  # server.max_message_chars default
MAX_USER_ID_CHARS = 128
MAX_EXCLUDE_IDS = 200
MAX_LIMIT = 10
MAX_SESSION_ID_CHARS = 128
EVENTS_TIMEOUT_S = RecommenderSettings.events_timeout_s  # events never hold a turn longer
POPULAR_TTL_S = 600.0
CACHE_SIZE = 30
VOCABULARY_TTL_S = 900.0


class RecommenderCallError(Exception):
    """Base class: a call to the recommender gave no usable answer (client side; the
    service's own error base is ``recommender.errors.RecommenderError``)."""


class RecommenderUnavailable(RecommenderCallError):
    """Timeout, connection error, 5xx or a body that is not the JSON the contract promises."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RecommenderRejected(RecommenderCallError):
    """The service refused the request (4xx); ``field`` names the offending field if known."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message
        self.field = field


#: One product as the service returns it (the wire type shared with the service).
Product = wire.ProductCard


class RecommenderClient:
    """Async client of the recommender HTTP API with one shared ``aiohttp.ClientSession``.

    Args:
        base_url: service root, e.g. ``http://127.0.0.1:8000``.
        timeout_s: time budget of one call, connection included.
        token: the recommender's service token, sent as ``Authorization: Bearer``.
    """

    def __init__(
        self, base_url: str = DEFAULT_URL, timeout_s: float = DEFAULT_TIMEOUT_S, token: str = ""
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.token = token
        self._session: aiohttp.ClientSession | None = None
        self._session_loop: asyncio.AbstractEventLoop | None = None
        self._popular: list[Product] = []
        self._popular_at: float | None = None
        self._recent: dict[str, Product] = {}
        self._vocabulary: wire.CatalogVocabulary | None = None
        self._vocabulary_at = 0.0
        self._tasks: set[asyncio.Task[Any]] = set()

    @classmethod
    def from_settings(cls, settings: RecommenderSettings) -> RecommenderClient:
        """Client configured from the ``recommender`` section of the action-server settings."""
        if not settings.token:
            logger.warning("RECOMMENDER_TOKEN is not set: the recommender will refuse calls (401)")
        return cls(settings.url, settings.timeout_s, settings.token)

    # ----------------------------------------------------------------- session

    def _get_session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._session_loop is not loop:
            # A session is bound to its event loop; a new loop (tests, restarts) needs a new one.
            headers = {"Accept": "application/json"}
            if self.token:
                headers["Authorization"] = f"Bearer {self.token}"
            self._session = aiohttp.ClientSession(headers=headers, raise_for_status=False)
            self._session_loop = loop
        return self._session

    async def close(self) -> None:
        """Cancels background refreshes and closes the HTTP session."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    # ----------------------------------------------------------------- transport

    async def _call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        allow_404: bool = False,
        timeout_s: float | None = None,
    ) -> Any:
        """One HTTP call inside the time budget; returns the decoded JSON (``None`` on 404)."""
        url = f"{self.base_url}{path}"
        budget = self.timeout_s if timeout_s is None else timeout_s
        try:
            return await asyncio.wait_for(
                self._request(method, url, body, allow_404), timeout=budget
            )
        except asyncio.TimeoutError as exc:
            raise RecommenderUnavailable(f"timeout after {budget:g}s on {path}") from exc
        except aiohttp.ClientError as exc:
            raise RecommenderUnavailable(f"{type(exc).__name__} on {path}: {exc}") from exc
        except OSError as exc:  # e.g. refused before aiohttp wraps it
            raise RecommenderUnavailable(f"{type(exc).__name__} on {path}: {exc}") from exc

    async def _request(self, method: str, url: str, body: Any, allow_404: bool) -> Any:
        session = self._get_session()
        async with session.request(method, url, json=body) as resp:
            raw = await resp.read()
            if resp.status >= 500:
                raise RecommenderUnavailable(f"HTTP {resp.status} from {url}")
            if resp.status == 404 and allow_404:
                return None
            data = self._decode(raw, url) if raw else None
            if resp.status >= 400:
                message, field_name = f"HTTP {resp.status}", None
                if isinstance(data, dict):
                    message = str(data.get("error") or message)
                    field_name = opt_str(data.get("field"))
                raise RecommenderRejected(resp.status, message, field_name)
            if data is None:
                raise RecommenderUnavailable(f"bad JSON: empty body from {url}")
            return data

    @staticmethod
    def _decode(raw: bytes, url: str) -> Any:
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise RecommenderUnavailable(f"bad JSON from {url}: {exc}") from exc

    # ----------------------------------------------------------------- API

    async def recommend(self, request: wire.RecommendRequest) -> wire.RecommendResponse:
        """``POST /recommend``: products for this user, what the service understood, and
        the next question.

        The message and context are cut to the server's maximum size, the exclusion list to
        its most recent entries, so a long chat or a pasted essay never turns into a 400.
        """
        body = request.to_dict()
        body["user_id"] = (request.user_id or "anonymous")[:MAX_USER_ID_CHARS]
        body["message"] = (request.message or "")[:MAX_MESSAGE_CHARS]
        body["context"] = (request.context or "")[-MAX_MESSAGE_CHARS:]
        body["exclude_ids"] = [str(i) for i in request.exclude_ids][-MAX_EXCLUDE_IDS:]
        body["limit"] = max(1, min(int(request.limit), MAX_LIMIT))
        if request.session_id:
            body["session_id"] = request.session_id[:MAX_SESSION_ID_CHARS]
        data = await self._call("POST", "/recommend", body)
        try:
            result = wire.RecommendResponse.from_dict(data)
        except ValueError as exc:
            raise RecommenderUnavailable(f"bad JSON: {exc}") from exc
        self._remember(result.products)
        self._maybe_refresh_popular()
        return result

    async def product(self, product_id: str) -> Product | None:
        """``GET /products/{id}``: the full product, or ``None`` if the id is unknown."""
        from urllib.parse import quote

        data = await self._call("GET", f"/products/{quote(product_id, safe='')}", allow_404=True)
        if data is None:
            return None
        try:
            product = Product.from_dict(data)
        except ValueError as exc:
            raise RecommenderUnavailable(f"bad JSON: product {product_id!r}: {exc}") from exc
        return product

    async def popular(self, limit: int = 10) -> list[Product]:
        """``GET /products/popular``; refreshes the fallback cache on success."""
        data = await self._call("GET", f"/products/popular?limit={max(1, int(limit))}")
        if not isinstance(data, dict):
            raise RecommenderUnavailable("bad JSON: /products/popular did not return an object")
        try:
            products = list(wire.product_cards(data.get("products", [])))
        except ValueError as exc:
            raise RecommenderUnavailable(f"bad JSON: {exc}") from exc
        self._popular = products[:CACHE_SIZE]
        self._popular_at = time.monotonic()
        return products

    async def post_events(
        self, events: Sequence[Mapping[str, Any]], timeout_s: float = EVENTS_TIMEOUT_S
    ) -> dict[str, Any]:
        """``POST /events`` with ``{"events": [...]}``: ``{"accepted": n, "duplicates": m}``.

        Uses its own short time budget; raises like every call (callers that must not wait
        or fail send through :mod:`actions.chat_events`).
        """
        data = await self._call(
            "POST", "/events", {"events": [dict(e) for e in events]}, timeout_s=timeout_s
        )
        if not isinstance(data, dict):
            raise RecommenderUnavailable("bad JSON: /events did not return an object")
        return data

    async def vocabulary(self) -> wire.CatalogVocabulary:
        """``GET /catalog/vocabulary``, cached for a while; a stale copy is used when down."""
        now = time.monotonic()
        if self._vocabulary is not None and now - self._vocabulary_at < VOCABULARY_TTL_S:
            return self._vocabulary
        try:
            data = await self._call("GET", "/catalog/vocabulary")
        except RecommenderCallError:
            if self._vocabulary is not None:
                return self._vocabulary
            raise
        try:
            self._vocabulary = wire.CatalogVocabulary.from_dict(data)
        except ValueError as exc:
            raise RecommenderUnavailable(f"bad JSON: {exc}") from exc
        self._vocabulary_at = now
        return self._vocabulary

    async def faq(self, question: str) -> wire.FaqReply:
        """``POST /faq``: the knowledge-base passage that answers ``question``, if any."""
        data = await self._call("POST", "/faq", {"question": (question or "")[:MAX_MESSAGE_CHARS]})
        try:
            return wire.FaqReply.from_dict(data)
        except ValueError as exc:
            raise RecommenderUnavailable(f"bad JSON: {exc}") from exc

    async def profile(self, user_id: str) -> dict[str, Any] | None:
        """``GET /users/{id}/profile`` as JSON; ``None`` if the service does not know the id."""
        from urllib.parse import quote

        uid = quote((user_id or "anonymous")[:MAX_USER_ID_CHARS], safe="")
        data = await self._call("GET", f"/users/{uid}/profile", allow_404=True)
        if data is not None and not isinstance(data, dict):
            raise RecommenderUnavailable("bad JSON: profile is not an object")
        return data

    async def set_personalisation(self, user_id: str, enabled: bool) -> bool:
        """``PUT /users/{id}/personalisation``: turn personal recommendations off or on."""
        from urllib.parse import quote

        uid = quote((user_id or "anonymous")[:MAX_USER_ID_CHARS], safe="")
        data = await self._call("PUT", f"/users/{uid}/personalisation", {"enabled": enabled})
        if not isinstance(data, dict) or not isinstance(data.get("personalised"), bool):
            raise RecommenderUnavailable("bad JSON: personalisation answer")
        return bool(data["personalised"])

    # ----------------------------------------------------------------- fallback cache

    def cached_products(
        self,
        limit: int = 3,
        exclude_ids: Iterable[str] = (),
        category: str | None = None,
        budget_max: float | None = None,
    ) -> list[Product]:
        """Popular (then recently recommended) products to show when the service is down.

        Products matching ``category``/``budget_max`` come first; others fill up the list
        (the caller presents them as popular items, not as matches).
        """
        excluded = set(exclude_ids)
        pool: dict[str, Product] = {}
        for product in [*self._popular, *reversed(list(self._recent.values()))]:
            if product.id not in excluded and product.in_stock:
                pool.setdefault(product.id, product)

        def fits(p: Product) -> bool:
            if category and p.category.lower() != category.lower():
                return False
            return not (budget_max is not None and p.price is not None and p.price > budget_max)

        ranked = sorted(pool.values(), key=lambda p: not fits(p))  # stable: keeps popularity
        return ranked[:limit]

    def _remember(self, products: Iterable[Product]) -> None:
        for product in products:
            self._recent.pop(product.id, None)
            self._recent[product.id] = product
        while len(self._recent) > CACHE_SIZE:
            self._recent.pop(next(iter(self._recent)))

    def _maybe_refresh_popular(self) -> None:
        """After a successful call, refresh the popular cache in the background if stale."""
        if self._tasks:
            return
        if self._popular_at is not None and time.monotonic() - self._popular_at < POPULAR_TTL_S:
            return
        task = asyncio.get_running_loop().create_task(self._refresh_popular())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _refresh_popular(self) -> None:
        try:
            await self.popular(CACHE_SIZE)
        except RecommenderCallError as exc:
            logger.info("could not refresh popular products: %s", exc)


_client: RecommenderClient | None = None


def get_client() -> RecommenderClient:
    """The process-wide client (created from the settings on first use)."""
    global _client
    if _client is None:
        _client = RecommenderClient.from_settings(get_settings().recommender)
    return _client


def set_client(client: RecommenderClient | None) -> None:
    """Replaces the process-wide client (tests; ``None`` recreates it from the settings)."""
    global _client
    _client = client
