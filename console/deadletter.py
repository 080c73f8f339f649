"""The webhook dead-letter file (JSONL): locked appends, and taking its records to replay.

Writers and the replay lock the file (``flock``). The replay renames the file under the lock
before reading it, so a ticket dead-lettered meanwhile lands in a fresh file: a writer that
was waiting for the lock sees the path now names another file and opens it again.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[IO[str]]:
    """``path`` open for appending, locked, and still the file that ``path`` names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        out = path.open("a+", encoding="utf-8")
        fcntl.flock(out, fcntl.LOCK_EX)
        try:
            same = os.fstat(out.fileno()).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        out.close()
    try:
        yield out
    finally:
        out.close()


def append_records(path: Path, records: list[dict[str, Any]]) -> None:
    """Append records, one JSON line each, under the lock."""
    if not records:
        return
    with _locked(path) as out:
        out.write("".join(json.dumps(r) + "\n" for r in records))
        out.flush()
        os.fsync(out.fileno())


def _read(path: Path) -> list[dict[str, Any]]:
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            logger.warning("dead letter %s line %d is not JSON; skipped", path, n)
            continue
        if isinstance(record, dict) and isinstance(record.get("payload"), dict):
            records.append(record)
    return records


def take_records(path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """Move the dead letter aside (``<name>.replaying``) and return its records.

    A ``.replaying`` file left by an interrupted replay is taken too. Delete the returned
    path once every record is delivered or appended back.
    """
    taking = path.with_name(path.name + ".replaying")
    if path.exists():
        with _locked(path):
            if taking.exists():
                with taking.open("a", encoding="utf-8") as out:
                    out.write(path.read_text(encoding="utf-8"))
                path.unlink()
            else:
                path.rename(taking)
    return taking, _read(taking) if taking.exists() else []
