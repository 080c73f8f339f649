"""Rasa's event-class lookup from a table: the same class for every name, the same errors."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from genrec_rasa import event_lookup
from genrec_rasa.event_lookup import resolve_by_type

RASA = event_lookup._RASA_RESOLVE


def test_every_event_name_gives_rasas_class() -> None:
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "action", "slot", "session_started"} <= names
    for name in names:
        assert resolve_by_type(name) is RASA(name)


def test_unknown_names_default_and_topic_as_in_rasa() -> None:
    with pytest.raises(ValueError, match="Unknown event name 'nope'"):
        resolve_by_type("nope")
    assert resolve_by_type("nope", SlotSet) is SlotSet
    assert resolve_by_type("topic") is None


def test_a_class_defined_later_is_found() -> None:
    event_lookup.event_classes()  # built before the class exists

    class Later(ActionExecuted):
        type_name = "genrec_test_later"

    assert resolve_by_type("genrec_test_later") is Later
    assert "genrec_test_later" in event_lookup.event_classes()


def test_install_makes_rasa_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Event, "resolve_by_type", staticmethod(RASA))
    event_lookup.install()
    assert Event.resolve_by_type is resolve_by_type
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet"}}},
        {"event": "slot", "name": "x", "value": 1},
    ]
    tracker = DialogueStateTracker.from_dict("s", events, [])
    assert [type(e) for e in tracker.events] == [ActionExecuted, UserUttered, SlotSet]
