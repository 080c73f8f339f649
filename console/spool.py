"""Imports tickets the action server spooled to disk while the console was unreachable.

The action server appends one JSON ticket per line under an exclusive ``flock``
(:mod:`genrec_core.spool`, shared by both); the import takes the same lock, stores every line
and only then truncates the file, so a crash in between re-imports lines that are then
skipped by their ``ticket_id``. Lines that are not valid tickets go to ``<spool>.rejected``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from console.errors import ValidationError
from console.store import TicketStore
from console.tickets import parse_ticket
from genrec_core.spool import taken_lines

logger = logging.getLogger(__name__)


def _reject(path: Path, line: str, why: str) -> None:
    rejected = path.with_name(path.name + ".rejected")
    with rejected.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"error": why, "line": line}) + "\n")
    logger.error("spooled ticket rejected (%s); kept in %s", why, rejected)


def import_spool(path: Path, store: TicketStore) -> list[dict[str, Any]]:
    """Store every spooled ticket and empty the spool; returns the tickets that were new."""
    created: list[dict[str, Any]] = []
    with taken_lines(path) as lines:
        for line in lines:
            try:
                ticket = parse_ticket(json.loads(line))
            except json.JSONDecodeError as exc:
                _reject(path, line, f"invalid JSON: {exc.msg}")
                continue
            except ValidationError as exc:
                _reject(path, line, f"{exc.field}: {exc.message}")
                continue
            if store.add(ticket):
                created.append(ticket)
    if lines:
        logger.info("imported %d spooled tickets (%d new) from %s", len(lines), len(created), path)
    return created
