"""Behaviour analytics for the review console: what shoppers did with recommendations.

From the event store, over a time window: products recommended, clicks and add-to-carts that
followed a recommendation of the same product to the same user within
:data:`ATTRIBUTION_WINDOW_S`, and thumbs up/down; totals and per UTC day.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from recommender.data.stores import EventStore

ATTRIBUTION_WINDOW_S = 86_400.0
TYPES = ("recommended", "click", "add_to_cart", "feedback")


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def behaviour_summary(store: EventStore, since: float, until: float) -> dict[str, Any]:
    """Totals and per-day counts of recommendation outcomes in ``[since, until)``.

    A recommendation (one product shown to one user) is *clicked* or *added to cart* when the
    same user clicks or adds that product within a day after it was shown; events up to a day
    after ``until`` are read so that late clicks still count.
    """
    rows = store.events_between(since, until + ATTRIBUTION_WINDOW_S, TYPES)
    follow: dict[str, dict[tuple[str, str], list[float]]] = {
        "click": defaultdict(list),
        "add_to_cart": defaultdict(list),
    }
    for user, kind, product, ts, _ in rows:
        if kind in follow and product:
            follow[kind][(user, product)].append(ts)  # rows are in time order

    def followed(kind: str, user: str, product: str, ts: float) -> bool:
        times = follow[kind].get((user, product), [])
        i = bisect.bisect_left(times, ts)
        return i < len(times) and times[i] <= ts + ATTRIBUTION_WINDOW_S

    days: dict[str, dict[str, int]] = defaultdict(
        lambda: {
            "recommended": 0,
            "clicked": 0,
            "added_to_cart": 0,
            "thumbs_up": 0,
            "thumbs_down": 0,
        }
    )
    for user, kind, product, ts, context in rows:
        if ts >= until:
            continue
        day = days[_day(ts)]
        if kind == "recommended" and product:
            day["recommended"] += 1
            day["clicked"] += followed("click", user, product, ts)
            day["added_to_cart"] += followed("add_to_cart", user, product, ts)
        elif kind == "feedback":
            day["thumbs_up" if context.get("value") == "up" else "thumbs_down"] += 1
    total = {
        k: sum(d[k] for d in days.values())
        for k in ("recommended", "clicked", "added_to_cart", "thumbs_up", "thumbs_down")
    }
    return {
        "since": since,
        "until": until,
        "attribution_window_s": ATTRIBUTION_WINDOW_S,
        **total,
        "click_through_rate": _rate(total["clicked"], total["recommended"]),
        "add_to_cart_rate": _rate(total["added_to_cart"], total["recommended"]),
        "per_day": [{"day": d, **days[d]} for d in sorted(days)],
    }
