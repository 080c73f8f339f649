"""Rate limits (token buckets per key) and the bounded queue of model work.

Both refuse at once with a :class:`~recommender.errors.RetryLaterError` that says when to
retry, so an overload turns into fast ``429``/``503`` answers instead of a growing backlog.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from recommender.errors import OverloadedError, RateLimitedError

__all__ = ["RateLimiter", "WorkQueue"]


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """``burst`` requests at once per key, refilled at ``per_min`` per minute.

    Args:
        per_min: steady rate per key.
        burst: bucket size (requests a key may send at once).
        what: names the limit in the error message ("user", "address").
        max_keys: keys tracked at once; the least recently seen are forgotten.
        clock: monotonic seconds (tests pass their own).
    """

    def __init__(
        self,
        per_min: float,
        burst: int,
        what: str,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        assert per_min > 0 and burst >= 1 and max_keys >= 1, "bad rate limit"
        self.rate = per_min / 60.0
        self.burst = float(burst)
        self.what = what
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def take(self, key: str, cost: int = 1) -> None:
        """Spend ``cost`` requests of ``key``'s allowance.

        Raises:
            RateLimitedError: not enough left; ``retry_after_s`` is when enough will be.
        """
        now = self.clock()
        bucket = self._buckets.pop(key, None) or _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        self._buckets[key] = bucket
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        need = min(float(cost), self.burst)
        if bucket.tokens < need:
            wait = math.ceil((need - bucket.tokens) / self.rate)
            raise RateLimitedError(f"rate limit per {self.what} exceeded", wait)
        bucket.tokens -= need


class WorkQueue:
    """Counts model work waiting for or running in the executor; refuses past ``limit``.

    Use as ``with queue.slot(): await loop.run_in_executor(...)`` on the event loop thread.
    """

    def __init__(self, limit: int, retry_after_s: int) -> None:
        assert limit >= 1, "the queue needs room for one job"
        self.limit = limit
        self.retry_after_s = retry_after_s
        self.pending = 0

    def slot(self) -> _Slot:
        """Reserve a place, or raise :class:`OverloadedError` when the queue is full."""
        if self.pending >= self.limit:
            raise OverloadedError(
                f"the recommender is busy ({self.pending} requests queued)", self.retry_after_s
            )
        return _Slot(self)


class _Slot:
    def __init__(self, queue: WorkQueue) -> None:
        self.queue = queue

    def __enter__(self) -> None:
        self.queue.pending += 1

    def __exit__(self, *exc: object) -> None:
        self.queue.pending -= 1
