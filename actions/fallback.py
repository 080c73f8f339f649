"""``action_genrec_fallback_reply``: when the NLU is unsure, a help text, products, or a person.

Runs for ``nlu_fallback`` (low NLU confidence) and the core fallback. In order:

1. a very negative message hands over to a person at once;
2. a confident answer from the shop's knowledge base (``POST /faq``) is sent with its source,
   unless the NLU and the message's help words agree on another topic; a message whose help
   words ("waranty on headphones") and one other reader agree on a topic gets its answer;
3. a message the recommender reads as a product need ("i want to start vlogging", or "over
   ear ones" answering the question just asked) gets products like any search
   (``probe``: only a clear need counts);
4. a message about the shop or a purchase whose help topic the NLU and the knowledge base
   agree on gets that topic's answer (``help_topics.agreed_topic``);
5. otherwise the bot says it does not know and what it can do; from the second unanswered
   fallback in a row it also offers a person (yes/no buttons; a typed "yes" also hands over,
   see data/rules/support.yml; "no" withdraws the offer, ``action_genrec_decline_human``); the third
   hands over.

A product need never leads to a person. When the recommender is down the bot degrades to
"I don't know" plus the offer; it never crashes the turn.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .capabilities import capabilities
from .handoff import hand_off
from .help_topics import (
    about_the_shop,
    ask_faq,
    help_words,
    kb_or_agreed,
    reports_support_issue,
)
from .history import user_turns
from .payloads import intent_payload
from .search import preferences, run_search
from .sentiment import is_very_negative
from .slots import ASKED, FALLBACK_STREAK, HUMAN_OFFERED

logger = logging.getLogger(__name__)

LONG_MESSAGE_CHARS = 1_000
OFFER_AFTER_UNANSWERED = 2  # the second unanswered fallback in a row offers a person
HANDOFF_AFTER_UNANSWERED = 3  # the third hands over
OFFER_BUTTONS = [
    {"title": "Yes, connect me", "payload": intent_payload("request_human")},
    {"title": "No, thanks", "payload": intent_payload("deny")},
]


def _has_words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", text))


def _mostly_non_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(not ch.isascii() for ch in letters) > len(letters) / 2


def unreadable_reason(text: str) -> str | None:
    """Why the message cannot be a question for the knowledge base (``None``: it can)."""
    if len(text) > LONG_MESSAGE_CHARS:
        return "That's a long message! Could you tell me in one sentence what you need?"
    if not _has_words(text):
        return "Sorry, I couldn't read a question in that."
    if _mostly_non_latin(text):
        return "Sorry, I can only chat in English for now."
    return None


def _streak(tracker: Tracker) -> int:
    """Unanswered fallbacks in a row before this message."""
    value = tracker.get_slot(FALLBACK_STREAK)
    if not isinstance(value, dict):
        return 0
    try:
        last_turn, count = int(value.get("turn", -9)), int(value.get("count", 0))
    except (TypeError, ValueError):
        return 0
    return count if last_turn == user_turns(tracker.events) - 1 else 0


class ActionFallbackReply(Action):
    """Knowledge-base answer, or "I don't know" with the offer of a person, or a handoff."""

    def name(self) -> str:
        return "action_genrec_fallback_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        turn = user_turns(tracker.events)
        if is_very_negative(text):
            logger.info("fallback for %s: very negative message, handing over", tracker.sender_id)
            return [
                SlotSet(FALLBACK_STREAK, None),
                *await hand_off(dispatcher, tracker, "negative"),
            ]

        opening = unreadable_reason(text)
        answer = None if opening else await ask_faq(text, tracker.sender_id)
        logger.info(
            "fallback for %s: intent=%s chars=%d faq=%s",
            tracker.sender_id,
            intent,
            len(text),
            None if answer is None else f"{answer.answered}/{answer.confidence:.2f}",
        )
        passage, agreed = kb_or_agreed(tracker, answer, text)
        if passage is not None:
            dispatcher.utter_message(text=passage)
            return [SlotSet(FALLBACK_STREAK, None), SlotSet(HUMAN_OFFERED, False)]
        if opening is None and agreed is not None and help_words(text):
            dispatcher.utter_message(response=agreed)  # its help words and one reader agree
            return [SlotSet(FALLBACK_STREAK, None), SlotSet(HUMAN_OFFERED, False)]
        if opening is None:
            found = await run_search(
                dispatcher, tracker, preferences(tracker), message=text, probe=True
            )
            if found is not None:  # a product need after all: products, never a person
                return [*found, SlotSet(FALLBACK_STREAK, None), SlotSet(HUMAN_OFFERED, False)]
            guessable = reports_support_issue(text) or about_the_shop(text)
            response = agreed if guessable else None
            if response is not None:  # the NLU and the help texts name the same topic
                dispatcher.utter_message(response=response)
                return [SlotSet(FALLBACK_STREAK, None), SlotSet(HUMAN_OFFERED, False)]

        streak = _streak(tracker) + 1
        if streak >= HANDOFF_AFTER_UNANSWERED:
            events = await hand_off(dispatcher, tracker, "repeated_fallback")
            return [SlotSet(FALLBACK_STREAK, None), *events]
        if opening is None:
            opening = "Sorry, I don't know the answer to that."
        streak_event = SlotSet(FALLBACK_STREAK, {"turn": turn, "count": streak})
        if streak < OFFER_AFTER_UNANSWERED:  # a person only after repeated failure
            dispatcher.utter_message(text=f"{opening} {await capabilities()}")
            return [streak_event, SlotSet(HUMAN_OFFERED, False)]
        dispatcher.utter_message(
            text=f"{opening} {await capabilities()} Would you like me to connect you with a person?",
            buttons=OFFER_BUTTONS,
        )
        # the offer is now the open question: a "yes" means a person, not an earlier question
        return [streak_event, SlotSet(HUMAN_OFFERED, True), SlotSet(ASKED, None)]


class ActionDeclineHuman(Action):
    """Answers "no, thanks" to the offered person: acknowledges it, withdraws the offer.

    Resets ``human_offered``, so a later "yes" is not read as accepting the old offer.
    """

    def name(self) -> str:
        return "action_genrec_decline_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_deny_reply")
        return [SlotSet(HUMAN_OFFERED, False), SlotSet(FALLBACK_STREAK, None)]
