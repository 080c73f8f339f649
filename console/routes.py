"""HTTP handlers of the console's JSON API: parse, call the store or Rasa, return JSON."""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from console.errors import ConflictError, UpstreamError, ValidationError
from console.expiry import ensure_still_paused
from console.keys import RASA, SPOOL_LOCK, STORE, WEBHOOK
from console.threads import blocking
from console.tickets import STATUSES, parse_agent, parse_reply, parse_ticket
from genrec_core.dbpool import answers_within

logger = logging.getLogger(__name__)


async def read_json(request: web.Request) -> Any:
    """The request body as JSON (400 when it is not JSON; 413 above the size limit)."""
    raw = await request.read()
    if not raw:
        raise ValidationError("a JSON body is required", "body")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValidationError(
            f"invalid JSON: {getattr(exc, 'msg', 'cannot decode')}", "body"
        ) from None


HEALTH_DB_TIMEOUT_S = 3.0


async def health(request: web.Request) -> web.Response:
    """Whether the ticket database answers: ``200`` ``ok``, else ``503`` ``degraded``."""
    ok = await answers_within(request.app[STORE].ping, HEALTH_DB_TIMEOUT_S)
    body = {"status": "ok" if ok else "degraded", "database": "ok" if ok else "down"}
    return web.json_response(body, status=200 if ok else 503)


async def create_ticket(request: web.Request) -> web.Response:
    """``POST /api/tickets``: 201 with the new ticket, 200 if its id was already stored."""
    ticket = parse_ticket(await read_json(request))
    store = request.app[STORE]
    async with request.app[SPOOL_LOCK]:
        created = await blocking(store.add, ticket)
    if created:
        logger.info(
            "ticket %s opened for %s (%s)",
            ticket["ticket_id"],
            ticket["sender_id"],
            ticket["reason"],
        )
        request.app[WEBHOOK].schedule(ticket)
    stored = await blocking(store.get, ticket["ticket_id"])
    return web.json_response(stored, status=201 if created else 200)


async def list_tickets(request: web.Request) -> web.Response:
    """``GET /api/tickets?status=waiting,claimed`` (the default; ``closed`` too on request)."""
    raw = request.query.get("status", "waiting,claimed")
    statuses = [s.strip() for s in raw.split(",") if s.strip()]
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown or not statuses:
        raise ValidationError(f"expected a comma-separated list of {', '.join(STATUSES)}", "status")
    tickets = await blocking(request.app[STORE].list_tickets, statuses)
    return web.json_response({"tickets": tickets})


async def ticket_detail(request: web.Request) -> web.Response:
    """``GET /api/tickets/{id}``: the ticket, plus what was said since (from Rasa) in ``live``."""
    ticket = await blocking(request.app[STORE].get, request.match_info["id"])
    live: list[dict[str, Any]] | None = None
    live_error = None
    try:
        live = await request.app[RASA].messages_since(ticket["sender_id"], ticket["created_at"])
    except UpstreamError as exc:
        live_error = exc.message
    return web.json_response({**ticket, "live": live, "live_error": live_error})


async def claim(request: web.Request) -> web.Response:
    """``POST /api/tickets/{id}/claim {"agent": name}``: 409 if someone holds it."""
    agent = parse_agent(await read_json(request))
    ticket = await blocking(request.app[STORE].claim, request.match_info["id"], agent)
    logger.info("ticket %s claimed by %s", ticket["ticket_id"], agent)
    return web.json_response(ticket)


async def reply(request: web.Request) -> web.Response:
    """``POST /api/tickets/{id}/reply {"agent", "text"}``: send the text to the user."""
    agent, text = parse_reply(await read_json(request))
    store = request.app[STORE]
    ticket = await blocking(store.check_claimed_by, request.match_info["id"], agent)
    await ensure_still_paused(request.app, ticket)
    await request.app[RASA].send(ticket["sender_id"], text, agent)
    message = await blocking(store.add_message, ticket["ticket_id"], agent, text)
    return web.json_response(message, status=201)


async def resume(request: web.Request) -> web.Response:
    """``POST /api/tickets/{id}/resume {"agent"}``: hand the conversation back to the bot."""
    agent = parse_agent(await read_json(request))
    store = request.app[STORE]
    ticket = await blocking(store.get, request.match_info["id"])
    held_by_other = ticket["status"] == "claimed" and ticket["claimed_by"] != agent
    if ticket["status"] in ("closed", "expired") or held_by_other:
        who = f" by {ticket['claimed_by']}" if ticket["claimed_by"] else ""
        raise ConflictError(f"ticket is {ticket['status']}{who}", "status")
    await ensure_still_paused(request.app, ticket)
    await request.app[RASA].resume(ticket["sender_id"])
    closed = await blocking(store.close_ticket, ticket["ticket_id"], agent)
    logger.info("ticket %s closed by %s; bot resumed", ticket["ticket_id"], agent)
    return web.json_response(closed)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/health", health)
    app.router.add_post("/api/tickets", create_ticket)
    app.router.add_get("/api/tickets", list_tickets)
    app.router.add_get("/api/tickets/{id}", ticket_detail)
    app.router.add_post("/api/tickets/{id}/claim", claim)
    app.router.add_post("/api/tickets/{id}/reply", reply)
    app.router.add_post("/api/tickets/{id}/resume", resume)
