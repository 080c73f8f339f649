"""The handoff spool file shared by the action server (writer) and the console (reader).

The action server appends one JSON ticket per line when the console cannot take it; the
console takes every line and empties the file. Both hold an exclusive ``flock`` on the file
meanwhile, so no line is lost between them. The default path is
:data:`genrec_core.defaults.HANDOFF_SPOOL`.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator


def append_to_spool(path: Path, record: dict[str, Any]) -> None:
    """Append one record as a JSON line under an exclusive lock, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def taken_lines(path: Path) -> Iterator[list[str]]:
    """The spool's non-empty lines, under the lock; the file is emptied when the block ends
    without an error (on an error the lines stay for the next try). A missing file: ``[]``."""
    if not path.exists():
        yield []
        return
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "r", encoding="utf-8", errors="replace") as src:
            lines = [line.strip() for line in src if line.strip()]
        yield lines
        os.ftruncate(fd, 0)
        os.fsync(fd)
    finally:
        os.close(fd)
