"""``action_genrec_answer_faq``: a store question answered from the shop's help texts.

The NLU's response selector names the topic (``ask_faq/returns``); the answer comes from the
knowledge base when it is sure (``POST /faq``, the passage that answers this very question),
else from the topic's short answer in the domain. When the recommender is down the domain's
answer is used. While the bot's question is open, the message is first read as its answer;
when the help texts do not answer it, the recommender is asked whether it is a product need.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from genrec_core.answers import asks_something

from .answer import may_want_products
from .help_topics import (
    about_the_shop,
    ask_faq,
    help_words,
    kb_or_agreed,
    selected_response,
)
from .search import search_in_context
from .slots import ASKED

logger = logging.getLogger(__name__)


class ActionAnswerFaq(Action):
    """Answers a store question: the knowledge base's passage, or the topic's answer."""

    def name(self) -> str:
        return "action_genrec_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        open_question = isinstance(tracker.get_slot(ASKED), str)
        # a problem with a purchase or a help topic named: a help question, not a request
        has_help_words = help_words(text)
        probed = False
        if not asks_something(text) and (open_question or not has_help_words):
            # "probably Skullcandy, i trust them" after "Any brand you prefer?", or a request
            # ("womens trail shoes size 8"): the NLU may file either under a help topic; the
            # recommender reads it (in context) first, and finds no need in "returns policy pls"
            probed = True
            found = await search_in_context(dispatcher, tracker)
            if found is not None:
                return found
        answer = (
            await ask_faq(text, tracker.sender_id) if text and not text.startswith("/") else None
        )
        passage, agreed = kb_or_agreed(tracker, answer, text)
        if passage is not None:
            dispatcher.utter_message(text=passage)
            return []
        if agreed is not None and has_help_words:  # "waranty on headphones": words and NLU agree
            dispatcher.utter_message(response=agreed)
            return []
        # the help texts do not answer it: "I'd like a duvet cover" is filed under warranty
        # by the NLU ("cover"), but the catalog knows it; a question ("can I return these
        # headphones?") stays a help question, "do you sell duvets?" is a product need;
        # a fault or an order ("the tracker i got from you won't turn on") stays a help one;
        # a question about neither the shop nor a purchase ("what can I use for zoom calls?")
        # may be a need, unless it is asked while the bot's own question is open
        wants = may_want_products(text) or not (about_the_shop(text) or open_question)
        if wants and not probed and not has_help_words:
            found = await search_in_context(dispatcher, tracker)
            if found is not None:
                return found
        response = selected_response(tracker)
        logger.info("faq for %s: knowledge base unsure, topic %s", tracker.sender_id, response)
        if response is not None:
            dispatcher.utter_message(response=response)
        else:
            dispatcher.utter_message(
                text="Sorry, I couldn't find that in our help pages. You can ask me for a "
                "person and a colleague will help."
            )
        return []
