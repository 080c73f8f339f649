"""``POST /faq``: aiohttp route and startup hook that the app factory wires in with :func:`setup_faq`.

Request ``{"question": str}`` -> ``{"answer": str|null, "source": str|null, "confidence":
float, "answered": bool, "passage_id": str|null, "topic": str|null}`` (``topic``: the best
passage's topic, also when the service abstains); the shape is
:class:`genrec_core.wire.FaqReply`, which the action server parses. Malformed requests raise
``ValidationError`` (the server's error middleware turns it into a 400 JSON error); unknown
keys are ignored, as in the rest of the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiohttp import web

from genrec_core import wire
from recommender.api.ratelimit import WorkQueue
from recommender.errors import ServiceUnavailableError, ValidationError
from recommender.faq.config import FaqConfig
from recommender.faq.knowledge_base import load_knowledge_base
from recommender.faq.retriever import Encoder, FaqRetriever, RetrievedAnswer
from recommender.pipeline.text import normalize_text

logger = logging.getLogger(__name__)

FAQ_RETRIEVER = web.AppKey("faq_retriever", FaqRetriever)
FAQ_EXECUTOR = web.AppKey("faq_executor", ThreadPoolExecutor)
FAQ_QUEUE = web.AppKey("faq_queue", WorkQueue)

EncoderSource = Encoder | Callable[[web.Application], Encoder]


def parse_faq_request(body: Any, max_chars: int) -> str:
    """The cleaned question of a ``POST /faq`` body.

    Raises:
        ValidationError: body not an object; ``question`` missing, not a string, empty after
            cleaning, or longer than ``max_chars`` after cleaning.
    """
    if not isinstance(body, dict):
        raise ValidationError("body", "expected a JSON object")
    if body.get("question") is None:
        raise ValidationError("question", "is required")
    raw = body["question"]
    if not isinstance(raw, str):
        raise ValidationError("question", "expected a string")
    question = normalize_text(raw, max_chars=max(len(raw), 1)).text
    if not question:
        raise ValidationError("question", "must not be empty")
    if len(question) > max_chars:
        raise ValidationError("question", f"must be at most {max_chars} characters")
    return question


def faq_reply(answer: RetrievedAnswer) -> wire.FaqReply:
    """The ``POST /faq`` response (JSON: its ``to_dict``) for the retriever's answer."""
    return wire.FaqReply(
        answer=answer.answer,
        source=answer.source,
        confidence=answer.confidence,
        answered=answer.answered,
        passage_id=answer.passage_id,
        topic=answer.best_topic,
    )


async def _read_json(request: web.Request) -> Any:
    raw = await request.read()
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValidationError(
            "body", f"invalid JSON: {getattr(exc, 'msg', 'cannot decode')}"
        ) from None


async def faq(request: web.Request) -> web.Response:
    """``POST /faq``: answer a question from the knowledge base, or say it does not know."""
    retriever = request.app.get(FAQ_RETRIEVER)
    question = parse_faq_request(
        await _read_json(request),
        retriever.config.max_question_chars if retriever else FaqConfig().max_question_chars,
    )
    if retriever is None:
        raise ServiceUnavailableError("the FAQ knowledge base is still loading")
    loop = asyncio.get_running_loop()
    queue = request.app.get(FAQ_QUEUE)
    with queue.slot() if queue is not None else contextlib.nullcontext():
        answer = await loop.run_in_executor(request.app.get(FAQ_EXECUTOR), retriever, question)
    return web.json_response(faq_reply(answer).to_dict())


def build_retriever(
    config: FaqConfig, encoder: Encoder, cache_dir: str | os.PathLike[str] | None = None
) -> FaqRetriever:
    """Load the knowledge base at ``config.kb_path`` and index it (blocking, seconds)."""
    start = time.perf_counter()
    passages = load_knowledge_base(config.kb_path)
    retriever = FaqRetriever(config).fit(passages, encoder, cache_dir=cache_dir)
    logger.info(
        "FAQ ready in %.1fs: %d passages from %s, threshold %.2f",
        time.perf_counter() - start,
        len(passages),
        config.kb_path,
        config.threshold,
    )
    return retriever


def setup_faq(
    app: web.Application,
    config: FaqConfig,
    encoder: EncoderSource,
    *,
    executor: web.AppKey[ThreadPoolExecutor] | None = None,
    queue: web.AppKey[WorkQueue] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> None:
    """Add ``POST /faq`` and a startup hook that loads and indexes the knowledge base.

    Call it in the app factory after appending the cleanup context that opens the encoder:
    the hook runs after it at startup. A malformed knowledge base fails the startup with a
    ``KnowledgeBaseError`` naming the file and line.

    Args:
        app: the application being built.
        config: FAQ settings.
        encoder: the sentence encoder, or a function of the started app returning it (e.g.
            ``lambda app: app[SERVICE].encoder``), resolved when the hook runs.
        executor: app key of the thread pool that runs model code (set by an earlier
            cleanup context); ``None`` uses the loop's default executor.
        queue: app key of the bounded work queue that executor's jobs pass through.
        cache_dir: directory for cached passage embeddings (``None``: no cache).
    """

    async def open_faq(app: web.Application) -> AsyncIterator[None]:
        enc = encoder if hasattr(encoder, "encode") else encoder(app)
        pool = app[executor] if executor is not None else None
        loop = asyncio.get_running_loop()
        build = functools.partial(build_retriever, config, enc, cache_dir)
        retriever = await loop.run_in_executor(pool, build)
        if pool is not None:
            app[FAQ_EXECUTOR] = pool
        if queue is not None:
            app[FAQ_QUEUE] = app[queue]
        app[FAQ_RETRIEVER] = retriever
        yield

    app.cleanup_ctx.append(open_faq)
    app.router.add_post("/faq", faq)
