"""``GET /api/analytics``: conversation metrics from the tracker store and recommendation
outcomes from the recommender (its ``GET /admin/analytics``), per UTC day and in total."""

from __future__ import annotations

import asyncio
import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import aiohttp

from console.conversations import Summary


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def conversation_metrics(
    summaries: Iterable[Summary], since: float, until: float
) -> dict[str, Any]:
    """Conversations, fallback and handoff rates, reply sources, feedback and turn latency."""
    days: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"conversations": 0, "handoffs": 0, "user_turns": 0, "fallback_turns": 0,
                 "latencies": []}
    )  # fmt: skip
    sources: dict[str, int] = defaultdict(int)
    feedback = {"up": 0, "down": 0}
    latencies: list[float] = []
    conversations = handoffs = with_fallback = turns = fallback_turns = 0
    for s in summaries:
        window = [t for t in s.turn_log if since <= t[0] < until]
        if not window:
            continue
        conversations += 1
        first_day = days[_day(window[0][0])]
        first_day["conversations"] += 1
        if s.handoff:
            handoffs += 1
            first_day["handoffs"] += 1
        with_fallback += any(fb for _, fb, _ in window)
        for ts, fallback, latency in window:
            day = days[_day(ts)]
            day["user_turns"] += 1
            day["fallback_turns"] += fallback
            turns += 1
            fallback_turns += fallback
            if latency is not None:
                day["latencies"].append(latency)
                latencies.append(latency)
        for ts, source in s.reply_log:
            if since <= ts < until:
                sources[source] += 1
        for ts, value in s.feedback_log:
            if since <= ts < until:
                feedback[value] += 1
    per_day = []
    for name in sorted(days):
        d = days[name]
        per_day.append({
            "day": name,
            "conversations": d["conversations"],
            "fallback_rate": _rate(d["fallback_turns"], d["user_turns"]),
            "handoff_rate": _rate(d["handoffs"], d["conversations"]),
            "median_latency_ms": round(statistics.median(d["latencies"]), 1) if d["latencies"] else None,
        })  # fmt: skip
    return {
        "conversations": conversations,
        "user_turns": turns,
        "fallback_rate": _rate(fallback_turns, turns),
        "conversations_with_fallback_rate": _rate(with_fallback, conversations),
        "handoff_rate": _rate(handoffs, conversations),
        "reply_sources": dict(sources),
        "chat_feedback": feedback,
        "median_turn_latency_ms": round(statistics.median(latencies), 1) if latencies else None,
        "per_day": per_day,
    }


async def behaviour_metrics(
    url: str, token: str, since: float, until: float, timeout_s: float = 5.0
) -> tuple[dict[str, Any] | None, str | None]:
    """The recommender's recommendation outcomes, or ``(None, why not)``."""
    if not token:
        return None, "CONSOLE_RECOMMENDER_TOKEN is not set (the recommender's admin token)"
    params = {"since": repr(since), "until": repr(until)}
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with (
            asyncio.timeout(timeout_s),
            aiohttp.ClientSession() as session,
            session.get(f"{url}/admin/analytics", params=params, headers=headers) as resp,
        ):
            if resp.status != 200:
                return None, f"recommender answered HTTP {resp.status}"
            body = await resp.json(content_type=None)
    except TimeoutError:
        return None, f"recommender did not answer within {timeout_s:g}s"
    except (aiohttp.ClientError, OSError, ValueError) as exc:
        return None, f"recommender unreachable: {type(exc).__name__}"
    return (body if isinstance(body, dict) else None), None
