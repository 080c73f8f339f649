"""The one log line per ``/recommend`` turn: counts and hashes, never the user's text."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping

from recommender.pipeline.schemas import Constraints, RecommendRequest, RelaxedSearch


def short_hash(text: str) -> str:
    """First 12 hex digits of SHA-256: lets logs correlate turns without storing user text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def turn_record(
    request: RecommendRequest,
    *,
    trace_id: str,
    message: str,
    latency_ms: float,
    returned: int,
    relaxation: RelaxedSearch | None,
    requested: Constraints,
    signals: Collection[str],
    reply_source: str,
    stage_cpu_ms: Mapping[str, float] | None = None,
) -> str:
    """The turn as one JSON object (sorted keys); the user id and the cleaned message only
    as hashes. ``stage_cpu_ms``: process CPU ms per stage (:mod:`recommender.pipeline.stage_clock`)."""
    return json.dumps(
        {
            "trace_id": trace_id,
            "user": short_hash(request.user_id),
            "message": short_hash(message),
            "message_chars": len(message),
            "latency_ms": round(latency_ms, 1),
            "returned": returned,
            "excluded": len(request.exclude_ids),
            "relaxed": list(relaxation.relaxed) if relaxation else [],
            "constraints": sorted(requested.to_dict()),
            "signals": sorted(signals),
            "reply_source": reply_source,
            "stage_cpu_ms": dict(stage_cpu_ms or {}),
        },
        sort_keys=True,
    )
