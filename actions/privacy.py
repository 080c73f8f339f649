"""``action_genrec_set_personalisation``: "stop personalising" / "personalise again" from the chat.

Tells the recommender (``PUT /users/{id}/personalisation``); from then on it recommends from
the current conversation only and stores none of the user's behaviour events, until the user
asks again (docs/PRIVACY.md). A message the NLU files here without a word about
personalisation ("i want it ripstop nylon") is handled as an unsure one instead. If the recommender cannot be reached the user is told that
nothing changed, so the bot never claims a change it did not make.
"""

from __future__ import annotations

import logging
import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from .api import RecommenderCallError, get_client
from .fallback import ActionFallbackReply
from .guard import TurnGuard

logger = logging.getLogger(__name__)

STOP_INTENT = "stop_personalisation"
# Words a request about personalisation or tracking carries; without one the intent is a guess.
_ABOUT_PERSONALISATION = re.compile(
    r"\b(?:personali[sz]\w*|personal|track\w*|record\w*|stop|quit|don'?t|do not|turn (?:it )?"
    r"(?:off|on|back)|switch (?:it )?(?:off|on|back)|opt\W?(?:out|in)|history|recommend\w*"
    r"|suggest\w*|again|back on|resume|remember\w*|data|profil\w*|watch\w*|follow\w*"
    r"|privacy|tailor\w*|custom\w*)\b",
    re.I,
)
STOPPED_TEXT = (
    "Done: I've stopped personalising. From now on I only use what you tell me in this "
    "conversation, show popular products otherwise, and don't keep a record of what you view "
    'or click. Say "personalise again" whenever you want it back.'
)
RESUMED_TEXT = (
    "Personalisation is back on: I'll use what you view, click and buy to suggest products "
    'for you. Say "stop personalising" to turn it off again.'
)
FAILED_TEXT = (
    "Sorry, I couldn't change your personalisation setting just now, so nothing has changed. "
    "Please try again in a moment."
)


class ActionSetPersonalisation(TurnGuard, Action):
    """Turns personal recommendations off or on, as the latest intent asks."""

    failure_text = FAILED_TEXT

    def name(self) -> str:
        return "action_genrec_set_personalisation"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if not text.startswith("/") and not _ABOUT_PERSONALISATION.search(text):
            # the NLU's guess without a word about it ("i want it ripstop nylon"): the
            # message is read as any unsure one (an answer, a need, a help question)
            logger.info("personalisation intent without its words for %s", tracker.sender_id)
            return await ActionFallbackReply().run(dispatcher, tracker, {})
        enabled = (tracker.latest_message.get("intent") or {}).get("name") != STOP_INTENT
        try:
            await get_client().set_personalisation(tracker.sender_id, enabled)
        except RecommenderCallError as exc:
            logger.warning("personalisation not changed for %s: %s", tracker.sender_id, exc)
            dispatcher.utter_message(text=FAILED_TEXT)
            return []
        logger.info("personalisation %s for %s", "on" if enabled else "off", tracker.sender_id)
        dispatcher.utter_message(text=RESUMED_TEXT if enabled else STOPPED_TEXT)
        return []
