"""Domain errors of the console; the error middleware maps each to its HTTP status."""

from __future__ import annotations


class ConsoleError(Exception):
    """Base class: ``status`` is the HTTP status, ``str(exc)`` the message."""

    status = 500

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(ConsoleError):
    """The request body or a parameter is malformed (400)."""

    status = 400


class UnauthorizedError(ConsoleError):
    """Missing or wrong Bearer token (401)."""

    status = 401


class NotFoundError(ConsoleError):
    """Unknown ticket (404)."""

    status = 404


class ConflictError(ConsoleError):
    """The ticket is not in a state that allows this (already claimed, closed...) (409)."""

    status = 409


class UpstreamError(ConsoleError):
    """Rasa could not be reached or refused the call (502)."""

    status = 502


class StoreUnavailableError(ConsoleError):
    """The ticket store's database cannot be reached or timed out; the next call reconnects
    (503)."""

    status = 503
