"""Per-turn CPU savings inside the Rasa server, the same behaviour (docs/BENCHMARKS.md,
"CPU per turn"). Installed by every genrec_rasa component Rasa loads (the tracker store, the
REST and socket.io channels)."""

from __future__ import annotations

import gc
import logging
from typing import Any

from genrec_rasa import action_validation, event_lookup

logger = logging.getLogger(__name__)
_heap_frozen = False


def install() -> None:
    """Event classes looked up in a table; action responses checked by a compiled validator."""
    event_lookup.install()
    action_validation.install()


def freeze_startup_heap() -> None:
    """Leave the objects that exist now (the loaded model: about a million) out of Python's
    full garbage collections (``gc.freeze``).

    Each full collection walked them all: ~0.9 s of CPU every hundred turns or so, during
    which the single-threaded server answered nothing. Only objects made later are scanned
    now; startup objects that become garbage later are not reclaimed (they are not, in
    practice: the model lives as long as the server).
    """
    global _heap_frozen
    if _heap_frozen:  # both channels ask; once per process
        return
    _heap_frozen = True
    gc.collect()
    gc.freeze()
    logger.info("froze %d startup objects out of garbage collection", gc.get_freeze_count())


def freeze_after_start(blueprint: Any) -> None:
    """Call :func:`freeze_startup_heap` once the server has started (Rasa loads its model
    before that, in ``before_server_start``)."""

    async def _freeze(app: Any, loop: Any) -> None:
        freeze_startup_heap()

    blueprint.listener("after_server_start")(_freeze)
