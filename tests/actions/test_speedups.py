"""genrec_rasa.speedups: installed by the channels and the store; the heap frozen once."""

from __future__ import annotations

import gc

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from sanic import Blueprint

from genrec_rasa import speedups
from genrec_rasa.action_validation import validate_action_result
from genrec_rasa.event_lookup import resolve_by_type
from genrec_rasa.rest_channel import RestInput


def test_the_rest_channel_installs_them() -> None:
    RestInput()
    assert Event.resolve_by_type is resolve_by_type
    assert RemoteAction._validate_action_result is validate_action_result


def test_the_heap_is_frozen_after_start_once(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    monkeypatch.setattr(speedups, "_heap_frozen", False)
    bp = Blueprint("t")
    speedups.freeze_after_start(bp)
    assert [f.event for f in bp._future_listeners] == ["after_server_start"]
    speedups.freeze_startup_heap()
    speedups.freeze_startup_heap()
    assert frozen == [1]
