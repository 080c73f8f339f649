"""TurnGuard: a bug inside an action is logged and answered; the turn goes on."""

from __future__ import annotations

import logging

import pytest
from builders import all_text, make_tracker
from rasa_sdk import Action
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions.guard import TurnGuard


class Broken(TurnGuard, Action):
    failure_text = "Sorry, that went wrong."

    def name(self) -> str:
        return "action_broken_for_test"

    async def answer(self, dispatcher, tracker):  # type: ignore[no-untyped-def]
        raise KeyError("bug")


class Working(TurnGuard, Action):
    def name(self) -> str:
        return "action_working_for_test"

    async def answer(self, dispatcher, tracker):  # type: ignore[no-untyped-def]
        dispatcher.utter_message(text="done")
        return [SlotSet("category", "headphones")]


async def test_a_bug_is_logged_and_answered(caplog: pytest.LogCaptureFixture) -> None:
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.ERROR):
        events = await Broken().run(dispatcher, make_tracker("hi", sender_id="u-7"), {})
    assert events == []
    assert all_text(dispatcher) == "Sorry, that went wrong."
    assert "action_broken_for_test failed for u-7" in caplog.text


async def test_answer_events_pass_through() -> None:
    dispatcher = CollectingDispatcher()
    events = await Working().run(dispatcher, make_tracker("hi"), {})
    assert events == [SlotSet("category", "headphones")]
    assert all_text(dispatcher) == "done"


def test_the_action_server_registers_the_actions_not_the_guard() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    names = set(executor.actions)
    expected = {"action_genrec_recommend_products", "action_genrec_show_more", "action_genrec_similar_products",
                "action_genrec_product_details", "action_genrec_record_feedback"}  # fmt: skip
    assert expected <= names
