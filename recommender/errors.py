"""Domain exceptions of the recommender; the server maps each to one HTTP status."""

from __future__ import annotations


class RecommenderError(Exception):
    """Base class of every error the service raises on purpose."""

    status = 500


class ValidationError(RecommenderError):
    """A request or a record is malformed; ``field`` names the offending field."""

    status = 400

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(RecommenderError):
    """A referenced entity (product, user, ...) does not exist."""

    status = 404


class CatalogError(RecommenderError):
    """A catalog file cannot be loaded; the message names the row and field."""

    status = 422

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None) -> None:
        where = []
        if row is not None:
            where.append(f"row {row}")
        if field is not None:
            where.append(f"field '{field}'")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + message)
        self.row = row
        self.field = field


class ServiceUnavailableError(RecommenderError):
    """A component the turn needs (a model, a store) is not ready."""

    status = 503


class UnauthorizedError(RecommenderError):
    """The service token (or a page token) is missing or wrong."""

    status = 401


class RetryLaterError(RecommenderError):
    """Refused for now; the answer carries ``Retry-After: retry_after_s``."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = max(1, int(retry_after_s))


class RateLimitedError(RetryLaterError):
    """A user or a client address sent more than its rate limit allows."""

    status = 429


class OverloadedError(RetryLaterError):
    """The model work queue is full: refused at once instead of waiting."""

    status = 503


class StoreUnavailableError(ServiceUnavailableError):
    """The event store's database cannot be reached or timed out; the next call reconnects."""


class ForbiddenError(RecommenderError):
    """The caller may not use this endpoint (admin token missing, wrong, or not configured)."""

    status = 403


class ValidationErrors(ValidationError):
    """Several fields of one request are malformed; ``errors`` holds one error per field.

    ``field`` and ``message`` describe the first one, so code that handles a single
    :class:`ValidationError` keeps working.
    """

    def __init__(self, errors: list[ValidationError]) -> None:
        assert errors, "ValidationErrors needs at least one error"
        super().__init__(errors[0].field, errors[0].message)
        self.errors = errors
        self.args = ("; ".join(f"{e.field}: {e.message}" for e in errors[:20]),)
