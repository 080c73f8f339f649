"""Read a catalog file's physical lines safely: bounded length, UTF-8, no NUL bytes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

MAX_LINE_BYTES = 1 << 20
"""A line (JSONL record, CSV/TSV line) longer than this is refused; so is one XML field."""


class LineError(Exception):
    """A physical line cannot be read (too long, not UTF-8, NUL byte)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_lines(stream: IO[bytes], counter: list[int] | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, text)`` for each line, bounded in length, decoded as UTF-8.

    Args:
        stream: the file, opened in binary mode; a UTF-8 byte order mark is dropped.
        counter: when given, ``counter[0]`` is kept at the number of the last line read.

    Raises:
        LineError: a line is too long, not UTF-8 or holds a NUL byte.
    """
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if counter is not None:
            counter[0] = number
        if len(raw) > MAX_LINE_BYTES:
            raise LineError(number, f"line is longer than {MAX_LINE_BYTES} bytes")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(
                number, f"not UTF-8 text (bad byte at offset {exc.start}); save the file as UTF-8"
            ) from None
        if "\x00" in text:
            raise LineError(number, "contains a NUL byte; is this a binary file?")
        yield number, text
