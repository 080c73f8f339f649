"""A logging filter that redacts PII from every record before a handler writes it.

``install()`` puts one :class:`RedactingFilter` on each handler of the root logger (a filter
on a handler sees the records of every logger, a filter on a logger only its own), so a user
message that reaches a log line at any level is written with placeholders.
"""

from __future__ import annotations

import logging

from genrec_core.pii import redact


class RedactingFilter(logging.Filter):
    """Formats the record's message, redacts it and keeps the result (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let the handler report it as usual
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Add the filter to every handler of ``logger`` (default: the root logger), once."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
