"""The redacting tracker-store wrapper around Rasa's real SQL tracker store (SQLite file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from genrec_rasa.redacting_tracker_store import (
    RedactingTrackerStore,
    redact_event,
    redact_tracker,
)
from genrec_rasa.store_outage import begin_turn, turn_failures

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [inform]
entities: [email, category]
slots:
  contact:
    type: text
    mappings: [{type: custom}]
  category:
    type: text
    mappings: [{type: custom}]
"""
)
RAW = "I want headphones, mail jo.doe@example.org or call +44 20 7946 0958"
CARD = "4539 1488 0343 6467"


def _tracker(sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    email_at = RAW.index("jo.doe")
    entities = [
        {"entity": "category", "value": "headphones", "start": 7, "end": 17},
        {"entity": "email", "value": "jo.doe@example.org", "start": email_at, "end": email_at + 18},
    ]
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(
        UserUttered(
            RAW,
            {"name": "inform", "confidence": 0.9},
            entities,
            {"text": RAW, "intent": {"name": "inform", "confidence": 0.9}, "entities": entities},
        )
    )
    tracker.update(SlotSet("contact", "jo.doe@example.org"))
    tracker.update(BotUttered(f"Charged card {CARD}.", {"custom": {"note": CARD, "id": "hp-1"}}))
    return tracker


@pytest.fixture
def store(tmp_path: Path) -> RedactingTrackerStore:
    return RedactingTrackerStore(
        DOMAIN, wrapped_type="SQL", dialect="sqlite", db=str(tmp_path / "tracker.db")
    )


async def test_saved_conversation_has_placeholders_and_the_file_no_raw_text(
    store: RedactingTrackerStore, tmp_path: Path
) -> None:
    assert isinstance(store.wrapped, SQLTrackerStore)
    tracker = _tracker("alice")
    await store.save(tracker)
    assert tracker.latest_message.text == RAW  # the turn itself keeps the raw text
    stored = await store.retrieve("alice")
    assert stored is not None
    user = stored.latest_message
    assert user.text == "I want headphones, mail <EMAIL> or call <PHONE>"
    by_name = {e["entity"]: e for e in user.entities}
    assert by_name["category"]["value"] == "headphones"
    assert user.text[by_name["category"]["start"] : by_name["category"]["end"]] == "headphones"
    assert by_name["email"]["value"] == "<EMAIL>"
    assert user.text[by_name["email"]["start"] : by_name["email"]["end"]] == "<EMAIL>"
    assert stored.get_slot("contact") == "<EMAIL>"
    bot = next(e for e in stored.events if isinstance(e, BotUttered))
    assert bot.text == "Charged card <CARD>." and bot.data["custom"] == {
        "note": "<CARD>",
        "id": "hp-1",
    }
    data = (tmp_path / "tracker.db").read_bytes()
    for raw in ("jo.doe@example.org", "7946 0958", "4539 1488", "4539148803436467"):
        assert raw.encode() not in data


async def test_only_new_events_are_appended_across_turns(store: RedactingTrackerStore) -> None:
    tracker = _tracker("bob")
    await store.save(tracker)
    again = await store.retrieve("bob")
    assert again is not None
    again.update(UserUttered("my card is " + CARD, {"name": "inform", "confidence": 0.8}))
    await store.save(again)
    final = await store.retrieve("bob")
    assert final is not None
    texts = [e.text for e in final.events if isinstance(e, UserUttered)]
    assert texts == ["I want headphones, mail <EMAIL> or call <PHONE>", "my card is <CARD>"]
    assert sorted(await store.keys()) == ["bob"]


async def test_a_turn_without_personal_data_is_saved_without_a_rebuilt_copy(
    store: RedactingTrackerStore,
) -> None:
    tracker = _tracker("carol")
    assert redact_tracker(tracker, DOMAIN) is not tracker  # personal data: a redacted copy
    await store.save(tracker)
    again = await store.retrieve("carol")
    assert again is not None
    again.update(UserUttered("any brand is fine", {"name": "inform", "confidence": 0.8}))
    assert redact_tracker(again, DOMAIN) is again  # nothing to replace: no replay
    await store.save(again)
    final = await store.retrieve("carol")
    assert final is not None
    assert [e.as_dict() for e in final.events] == [e.as_dict() for e in again.events]


def test_events_other_than_user_keep_their_names() -> None:
    event = {
        "event": "action",
        "name": "action_genrec_handoff",
        "policy": "RulePolicy",
        "confidence": 1.0,
    }
    assert redact_event(event) == event
    slot = {
        "event": "slot",
        "name": "genrec_last_products",
        "value": [{"id": "hp-1", "title": "Call 4155550132"}],
    }
    assert redact_event(slot)["value"] == [{"id": "hp-1", "title": "Call <PHONE>"}]


def test_it_refuses_to_wrap_itself() -> None:
    with pytest.raises(ValueError):
        RedactingTrackerStore(
            DOMAIN, wrapped_type="genrec_rasa.redacting_tracker_store.RedactingTrackerStore"
        )


class Flaky:
    """A wrapped store whose first ``fails`` calls lose their connection."""

    def __init__(self, inner: Any, fails: int, error: Exception) -> None:
        self.inner, self.fails, self.error, self.calls = inner, fails, error, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self.calls += 1
        if self.calls <= self.fails:
            raise self.error
        await self.inner.save(tracker)


def _lost_connection() -> Exception:
    from sqlalchemy.exc import OperationalError

    return OperationalError("INSERT ...", {}, Exception("server closed the connection"))


async def test_a_save_that_lost_its_connection_is_tried_again(
    store: RedactingTrackerStore,
) -> None:
    flaky = Flaky(store.wrapped, fails=2, error=_lost_connection())
    store._store = flaky
    begin_turn()
    await store.save(_tracker("retry-1"))
    assert flaky.calls == 3
    assert turn_failures() == []
    assert await store.retrieve("retry-1") is not None


async def test_a_store_still_down_after_the_retries_is_noted_for_the_channel(
    tmp_path: Path,
) -> None:
    store = RedactingTrackerStore(
        DOMAIN, wrapped_type="SQL", dialect="sqlite", db=str(tmp_path / "t.db"), store_retry_s=0.5
    )
    store._store = Flaky(store.wrapped, fails=1000, error=_lost_connection())
    begin_turn()
    with pytest.raises(Exception, match="server closed the connection"):
        await store.save(_tracker("down-1"))
    assert len(turn_failures()) == 1


async def test_a_bug_is_not_retried(store: RedactingTrackerStore) -> None:
    flaky = Flaky(store.wrapped, fails=1, error=ValueError("not a connection problem"))
    store._store = flaky
    begin_turn()
    with pytest.raises(ValueError):
        await store.save(_tracker("bug-1"))
    assert flaky.calls == 1
    assert turn_failures() == ["ValueError: not a connection problem"]
