"""Process CPU time per stage of one turn, for the turn log (``stage_cpu_ms``)."""

from __future__ import annotations

import time
from collections.abc import Callable


class StageClock:
    """Laps of ``time.process_time`` (every thread of the process: the reply writer runs
    its model in its own threads). Exact when turns do not overlap (the CPU benchmark,
    ``bench/cpu_breakdown.py``); under concurrent turns a stage also counts the others' CPU."""

    def __init__(self, clock: Callable[[], float] = time.process_time) -> None:
        self._clock = clock
        self._last = clock()
        self.ms: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        """Charge the CPU since the previous lap (or the start) to ``stage``."""
        now = self._clock()
        self.ms[stage] = self.ms.get(stage, 0.0) + (now - self._last) * 1000.0
        self._last = now

    def rounded(self) -> dict[str, float]:
        """The laps in ms, one decimal (what the turn log records)."""
        return {stage: round(ms, 1) for stage, ms in self.ms.items()}
