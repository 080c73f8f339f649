"""Rasa's check of action-server responses with the validator built once (same verdicts)."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction

from genrec_rasa import action_validation
from genrec_rasa.action_validation import response_validator, validate_action_result

GOOD: dict[str, Any] = {
    "events": [
        {"event": "slot", "name": "genrec_asked", "value": "budget", "timestamp": None},
        {"event": "action", "name": "action_listen", "timestamp": None},
    ],
    "responses": [{"text": "Here are some headphones", "buttons": []}],
}
BAD: dict[str, Any] = {"events": [{"event": "slot", "name": 3}], "responses": "nope"}


def _rasa_verdict(result: dict[str, Any]) -> str:
    try:
        action_validation._RASA_VALIDATE(RemoteAction("action_x", None), result)
    except ValidationError as exc:
        return exc.message
    return "ok"


def _our_verdict(result: dict[str, Any]) -> str:
    try:
        validate_action_result(RemoteAction("action_x", None), result)
    except ValidationError as exc:
        return exc.message
    return "ok"


@pytest.mark.parametrize("result", [GOOD, BAD, {}, {"events": [{"event": "nonsense"}]}])
def test_same_verdict_and_message_as_rasa(result: dict[str, Any]) -> None:
    assert _our_verdict(result) == _rasa_verdict(result)


def test_the_schema_is_checked_once_not_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    response_validator()  # built (and its schema checked) at most once per process
    cls = validators.validator_for(RemoteAction.action_response_format_spec())
    calls: list[int] = []
    monkeypatch.setattr(cls, "check_schema", classmethod(lambda c, s: calls.append(1)))
    for _ in range(3):
        assert validate_action_result(RemoteAction("action_x", None), GOOD)
    assert calls == []


def test_install_replaces_rasas_method(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", action_validation._RASA_VALIDATE)
    action_validation.install()
    assert RemoteAction._validate_action_result is validate_action_result
    assert RemoteAction("action_x", None)._validate_action_result(GOOD) is True


def test_a_subclass_with_its_own_schema_keeps_rasas_check() -> None:
    class Strict(RemoteAction):
        @staticmethod
        def action_response_format_spec() -> dict[str, Any]:
            return {"type": "object", "required": ["must"]}

    with pytest.raises(ValidationError):
        validate_action_result(Strict("action_x", None), GOOD)
