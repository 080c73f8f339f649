"""HTTP handlers of conversation review, analytics, export and forgetting (docs/REVIEW.md).

Every ``/api`` route is behind the console's Bearer token (``auth_middleware``); the pages
``/review`` and ``/analytics`` are static and ask for the token in the browser.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from aiohttp import web

from console.analytics import behaviour_metrics, conversation_metrics
from console.conversations import summarize, turns
from console.errors import NotFoundError, UpstreamError, ValidationError
from console.export import nlu_yaml, stories_yaml
from console.keys import CONFIG, DOMAIN_CACHE, RASA, REVIEWS, STORE, SUMMARIES, TRACKERS
from console.privacy import forget_sender, purge
from console.review import Filters, page, parse_time
from console.reviews import parse_entities, parse_review
from console.routes import read_json
from console.threads import blocking
from console.trackers import TrackerStoreError

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
MAX_SENDER_CHARS = 255
DOMAIN_TTL_S = 300.0


def _sender(request: web.Request) -> str:
    sender = request.match_info["sender_id"]
    if not sender or len(sender) > MAX_SENDER_CHARS:
        raise ValidationError(f"must be 1 to {MAX_SENDER_CHARS} characters", "sender_id")
    return sender


async def _tracker_call(func: Any, *args: Any) -> Any:
    try:
        return await blocking(func, *args)
    except TrackerStoreError as exc:
        raise UpstreamError(str(exc)) from exc


async def _events(request: web.Request, sender: str) -> list[dict[str, Any]]:
    events = (await _tracker_call(request.app[TRACKERS].events, [sender]))[sender]
    if not events:
        raise NotFoundError(f"no conversation {sender}")
    return events


async def vocabulary(request: web.Request) -> dict[str, Any]:
    """Intents and entities of Rasa's domain (cached); the intents seen in the tracker store
    when Rasa cannot be asked."""
    cache = request.app[DOMAIN_CACHE]
    cached = cache.get("value")
    if cached and time.monotonic() - cache["at"] < DOMAIN_TTL_S:
        return dict(cached)
    try:
        domain = await request.app[RASA].domain()
    except UpstreamError as exc:
        summaries = await _tracker_call(request.app[SUMMARIES].refresh)
        seen = sorted({i for s in summaries.values() for i in s.intents})
        return {"intents": seen, "entities": None, "source": "tracker store", "error": exc.message}
    names = []
    for intent in domain.get("intents") or []:
        names.append(next(iter(intent)) if isinstance(intent, dict) else str(intent))
    entities = [
        next(iter(e)) if isinstance(e, dict) else str(e) for e in domain.get("entities") or []
    ]
    value = {
        "intents": sorted(names),
        "entities": sorted(entities),
        "source": "rasa",
        "error": None,
    }
    cache.update(value=value, at=time.monotonic())
    return dict(value)


async def list_conversations(request: web.Request) -> web.Response:
    """``GET /api/conversations``: filtered, newest first, ``next_cursor`` for the next page."""
    filters = Filters.from_query(request.query)
    summaries = await _tracker_call(request.app[SUMMARIES].refresh)
    reviews = await blocking(request.app[REVIEWS].all)
    return web.json_response(page(summaries, reviews, filters))


async def conversation(request: web.Request) -> web.Response:
    """``GET /api/conversations/{sender_id}``: every turn, the review and the corrections."""
    sender = _sender(request)
    events = await _events(request, sender)
    review = await blocking(request.app[REVIEWS].get, sender)
    annotations = await blocking(request.app[REVIEWS].annotations_of, sender)
    by_turn = {a["turn"]: a for a in annotations}
    view = turns(events)
    for turn in view:
        turn["annotation"] = by_turn.get(turn["turn"])
    return web.json_response(
        {"summary": summarize(sender, events).to_dict(), "review": review, "turns": view}
    )


async def put_review(request: web.Request) -> web.Response:
    """``PUT /api/conversations/{sender_id}/review {reviewed?, tags?, note?, reviewer?}``."""
    sender = _sender(request)
    change = parse_review(await read_json(request))
    await _events(request, sender)  # 404 for a conversation that does not exist
    review = await blocking(request.app[REVIEWS].put, sender, change)
    return web.json_response(review)


async def post_annotation(request: web.Request) -> web.Response:
    """``POST /api/annotations {sender_id, turn, intent, entities?, author?}``: 201."""
    body = await read_json(request)
    if not isinstance(body, dict):
        raise ValidationError("expected a JSON object", "body")
    sender = body.get("sender_id")
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
        raise ValidationError("is required", "sender_id")
    turn = body.get("turn")
    if isinstance(turn, bool) or not isinstance(turn, int) or turn < 1:
        raise ValidationError("expected a user turn number (1, 2, ...)", "turn")
    intent = body.get("intent")
    if not isinstance(intent, str) or not intent.strip():
        raise ValidationError("is required", "intent")
    author = body.get("author", "")
    if not isinstance(author, str) or len(author) > 64:
        raise ValidationError("expected a name of at most 64 characters", "author")
    view = [t for t in turns(await _events(request, sender)) if t["turn"] == turn]
    if not view or view[0]["text"] is None:
        raise ValidationError(f"conversation has no user turn {turn}", "turn")
    text = view[0]["text"]
    known = await vocabulary(request)
    if intent not in known["intents"]:
        raise ValidationError(f"unknown intent {intent[:64]!r}", "intent")
    entities = parse_entities(body.get("entities", view[0]["entities"]), text)
    if known["entities"] is not None:
        unknown = [e["entity"] for e in entities if e["entity"] not in known["entities"]]
        if unknown:
            raise ValidationError(f"unknown entity {unknown[0]!r}", "entities")
    row = await blocking(
        request.app[REVIEWS].annotate,
        sender,
        turn,
        text,
        intent,
        entities,
        view[0]["intent"],
        author.strip(),
    )
    return web.json_response(row, status=201)


async def intents(request: web.Request) -> web.Response:
    """``GET /api/intents``: what the intent picker offers."""
    return web.json_response(await vocabulary(request))


def _yaml(text: str, name: str, counts: dict[str, int]) -> web.Response:
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        **{f"X-Genrec-{k.title()}": str(v) for k, v in counts.items()},
    }
    return web.Response(text=text, content_type="application/x-yaml", headers=headers)


async def export_nlu(request: web.Request) -> web.Response:
    """``GET /api/export/nlu.yml``: the corrected messages as NLU training data."""
    annotations = await blocking(request.app[REVIEWS].annotations_of)
    text, counts = nlu_yaml(annotations)
    return _yaml(text, "nlu.yml", counts)


async def export_stories(request: web.Request) -> web.Response:
    """``GET /api/export/stories.yml``: reviewed conversations as test stories."""
    reviews = await blocking(request.app[REVIEWS].all)
    senders = sorted(s for s, r in reviews.items() if r["reviewed"])
    events = await _tracker_call(request.app[TRACKERS].events, senders)
    annotations = await blocking(request.app[REVIEWS].annotations_of)
    corrections: dict[str, dict[int, dict[str, Any]]] = {}
    for a in annotations:
        corrections.setdefault(a["sender_id"], {})[a["turn"]] = a
    known = await vocabulary(request)
    entity_names = set(known["entities"]) if known["entities"] is not None else None
    text, counts = stories_yaml(
        ((s, events[s], corrections.get(s, {})) for s in senders if events.get(s)), entity_names
    )
    return _yaml(text, "stories.yml", counts)


async def analytics(request: web.Request) -> web.Response:
    """``GET /api/analytics?since=&until=`` (default: the last 30 days)."""
    until = parse_time(request.query.get("until"), "until") or time.time()
    since = parse_time(request.query.get("since"), "since") or until - 30 * 86_400
    if not since < until:
        raise ValidationError("must be before until", "since")
    summaries = await _tracker_call(request.app[SUMMARIES].refresh)
    metrics = conversation_metrics(summaries.values(), since, until)
    config = request.app[CONFIG]
    behaviour, error = await behaviour_metrics(
        config.review.recommender_url, config.review.recommender_token, since, until
    )
    return web.json_response(
        {"since": since, "until": until, **metrics, "recommendations": behaviour,
         "recommendations_error": error}
    )  # fmt: skip


async def forget_user(request: web.Request) -> web.Response:
    """``DELETE /api/users/{sender_id}``: tickets, reviews and the Rasa conversation."""
    sender = _sender(request)
    app = request.app
    counts = await _tracker_call(
        forget_sender, sender, app[STORE], app[REVIEWS], app[TRACKERS], app[SUMMARIES]
    )
    logger.info("forgot a user in the console: %s", counts)
    return web.json_response(counts)


async def purge_inactive(request: web.Request) -> web.Response:
    """``POST /api/purge {"older_than_days": N}``."""
    body = await read_json(request)
    days = body.get("older_than_days") if isinstance(body, dict) else None
    if isinstance(days, bool) or not isinstance(days, (int, float)) or not days > 0:
        raise ValidationError("expected a number of days > 0", "older_than_days")
    app = request.app
    totals = await _tracker_call(
        purge, float(days), app[STORE], app[REVIEWS], app[TRACKERS], app[SUMMARIES]
    )
    logger.info("purged conversations inactive for %g days: %s", days, totals)
    return web.json_response(totals)


def _page(name: str) -> Any:
    async def handler(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / name, headers={"Cache-Control": "no-store"})

    return handler


def add_review_routes(app: web.Application) -> None:
    app[DOMAIN_CACHE] = {}
    app.router.add_get("/api/conversations", list_conversations)
    app.router.add_get("/api/conversations/{sender_id}", conversation)
    app.router.add_put("/api/conversations/{sender_id}/review", put_review)
    app.router.add_post("/api/annotations", post_annotation)
    app.router.add_get("/api/intents", intents)
    app.router.add_get("/api/export/nlu.yml", export_nlu)
    app.router.add_get("/api/export/stories.yml", export_stories)
    app.router.add_get("/api/analytics", analytics)
    app.router.add_delete("/api/users/{sender_id}", forget_user)
    app.router.add_post("/api/purge", purge_inactive)
    app.router.add_get("/review", _page("review.html"))
    app.router.add_get("/analytics", _page("analytics.html"))
