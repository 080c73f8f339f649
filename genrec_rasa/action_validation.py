"""Rasa's check of action-server responses, with the JSON-schema validator built once.

For every custom action Rasa validates the action server's response with
``jsonschema.validate(result, schema)`` (``RemoteAction._validate_action_result``), which
first validates the schema itself against the JSON-schema metaschema: about 20 ms of CPU per
action call on every turn, for a schema that never changes. :func:`install` replaces that
method with one that checks the response against a validator compiled once; a response
that fails is handed to Rasa's own method, so the error raised (and its message) is Rasa's.
The responses accepted and refused are the same.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction

_RASA_VALIDATE = RemoteAction._validate_action_result
_RASA_SPEC = RemoteAction.action_response_format_spec


@lru_cache(maxsize=1)
def response_validator() -> Any:
    """The validator of ``RemoteAction.action_response_format_spec()`` (schema checked once)."""
    schema = _RASA_SPEC()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's ``_validate_action_result`` without re-checking the schema on every call."""
    if type(self).action_response_format_spec is not _RASA_SPEC:  # a subclass's own schema
        return _RASA_VALIDATE(self, result)
    if exceptions.best_match(response_validator().iter_errors(result)) is None:
        return True
    return _RASA_VALIDATE(self, result)  # raises Rasa's ValidationError with its message


def install() -> None:
    """Use :func:`validate_action_result` in this process (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


__all__ = ["install", "response_validator", "validate_action_result"]
