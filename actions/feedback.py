"""``action_genrec_record_feedback``: thumbs up / down on products, sent as ``feedback`` events.

What the feedback is about: the ``product_ref`` entity ("the second one", a name, or a
product id from a web-chat button), else the product asked about last if no list was shown
since, else every product of the last list. The value comes from the ``feedback_value``
entity (``up``/``down``, from buttons: ``/feedback{"product_ref": "hp-0028",
"feedback_value": "down"}``), else from the words (:func:`text_value`: "not for me" and
"I don't love it" are down, "I like it" and "not bad at all" up). While the bot's question is
open, a typed message that answers it ("the max one") is read as the answer instead.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import chat_events
from .api import Product
from .guard import TurnGuard
from .payloads import follow_up_buttons
from .product_details import resolve, short_title
from .references import parse_position
from .search import last_products, search_in_context
from .slots import ASKED, DISCUSSED_PRODUCT, LAST_FEEDBACK, LAST_PRODUCTS, LAST_TRACE_ID

logger = logging.getLogger(__name__)

FEEDBACK_VALUE, PRODUCT_REF = "feedback_value", "product_ref"
UP, DOWN = "up", "down"
# fmt: off
_VALUES = {
    "up": UP, "thumbs up": UP, "like": UP, "love": UP, "good": UP, "yes": UP, "positive": UP,
    "+1": UP, "1": UP, "true": UP, "\N{THUMBS UP SIGN}": UP,
    "down": DOWN, "thumbs down": DOWN, "dislike": DOWN, "hate": DOWN, "bad": DOWN, "no": DOWN,
    "negative": DOWN, "-1": DOWN, "0": DOWN, "false": DOWN, "\N{THUMBS DOWN SIGN}": DOWN,
}
# fmt: on
# Free text: words that say up or down; a negator ("not", "don't", "never", ...) up to
# three words before a word turns it round ("I don't love it", "not bad"). A negator that
# turns nothing round is a no ("not for me", "not really"); so are "nah", "nope", "meh".
# fmt: off
_UP_WORDS = frozenset([
    "like", "likes", "liked", "love", "loves", "loved", "good", "great", "nice", "perfect",
    "awesome", "amazing", "excellent", "cool", "lovely", "beautiful", "fan", "favourite",
    "favorite", "up", "\N{THUMBS UP SIGN}",
])
_DOWN_WORDS = frozenset([
    "dislike", "dislikes", "disliked", "hate", "hates", "hated", "bad", "awful", "terrible",
    "horrible", "ugly", "boring", "poor", "worst", "wrong", "disappointed", "disappointing",
    "meh", "nah", "nope", "down", "\N{THUMBS DOWN SIGN}",
])
_NEGATORS = frozenset([
    "not", "no", "never", "hardly", "cannot", "dont", "doesnt", "didnt", "isnt", "wasnt",
    "cant", "wont",
])
# fmt: on
_NEGATION_REACH = 3
_CLAUSE = re.compile(r"[,.;:!?()]|\bbut\b")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[\N{THUMBS UP SIGN}\N{THUMBS DOWN SIGN}]")


def _negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


def says_like_or_dislike(text: str) -> bool:
    """The message holds a word of praise or dislike, or a no ("I really like the second
    one", "not for me"), unlike "the max one"."""
    lowered = text.lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'").replace("-", " ")
    return any(w in _UP_WORDS or w in _DOWN_WORDS or _negator(w) for w in _WORD.findall(lowered))


def text_value(text: str) -> str:
    """``"up"`` or ``"down"`` read from the words of a message; ``"up"`` when unsure (the
    NLU already said it is feedback, and most feedback without a no in it is praise)."""
    lowered = text.lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'").replace("-", " ")
    score, lone_negator = 0, False
    for clause in _CLAUSE.split(lowered):
        negated_until = -1
        pending_negator = False
        for i, word in enumerate(_WORD.findall(clause)):
            polarity = 1 if word in _UP_WORDS else -1 if word in _DOWN_WORDS else 0
            if polarity and i <= negated_until:
                polarity, pending_negator = -polarity, False
            score += polarity
            if _negator(word):
                lone_negator = lone_negator or pending_negator
                negated_until, pending_negator = i + _NEGATION_REACH, True
        lone_negator = lone_negator or pending_negator
    if score:
        return UP if score > 0 else DOWN
    return DOWN if lone_negator else UP


@dataclass(frozen=True)
class Target:
    """A product the feedback is about; ``position`` in the last list when it is from it."""

    product_id: str
    title: str = ""
    position: int | None = None


def feedback_value(tracker: Tracker) -> str:
    """``"up"`` or ``"down"``: the ``feedback_value`` entity, else the words of the message."""
    for raw in tracker.get_latest_entity_values(FEEDBACK_VALUE):
        value = _VALUES.get(str(raw).strip().lower().replace("_", " ").replace("-", " "))
        value = value or _VALUES.get(str(raw).strip())
        if value is not None:
            return value
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        return UP  # a button payload without a value: the thumbs-up button
    return text_value(text)


def _newest_slot(tracker: Tracker, names: set[str]) -> str | None:
    """Which of the slots ``names`` was set last (by event order), or ``None``."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") in names:
            return str(event["name"])
    return None


def targets(tracker: Tracker) -> list[Target] | None:
    """The products the feedback is about; ``[]`` for none, ``None`` if the reference is
    not understood (the bot then asks which one)."""
    shown = last_products(tracker)
    listed = [Target(p.id, p.title, i) for i, p in enumerate(shown, start=1)]
    refs = [str(v).strip() for v in tracker.get_latest_entity_values(PRODUCT_REF) if v]
    text = tracker.latest_message.get("text") or ""
    payload = text.startswith("/")
    found: Product | None = resolve(" ".join(refs), "" if payload else text, shown)
    if found is not None:
        return [t for t in listed if t.product_id == found.id]
    if refs:
        if payload and all(parse_position(r) is None for r in refs):
            return [Target(r) for r in dict.fromkeys(refs)]  # ids from a web-chat card
        return None if shown else []
    discussed = tracker.get_slot(DISCUSSED_PRODUCT)
    if discussed and _newest_slot(tracker, {DISCUSSED_PRODUCT, LAST_PRODUCTS}) != LAST_PRODUCTS:
        return [next((t for t in listed if t.product_id == discussed), Target(str(discussed)))]
    return listed


def reply(value: str, about: list[Target]) -> str:
    """A short answer that says what was understood."""
    if not about:
        return "Thanks for the feedback!" if value == UP else "Thanks for telling me."
    one = about[0].title if len(about) == 1 else ""
    name = f"the {short_title(one)}" if one else ("it" if len(about) == 1 else "")
    if value == UP:
        if name:
            return f"Glad you like {name}! I'll suggest more like it."
        return "Glad you like them! I'll suggest more like these."
    if name:
        return f"Got it, {name} is not for you. I won't suggest it first again."
    return "Got it, those are not for you. I'll suggest other things first."


class ActionRecordFeedback(TurnGuard, Action):
    """Records thumbs up / down as ``feedback`` events and answers briefly."""

    def name(self) -> str:
        return "action_genrec_record_feedback"

    failure_text = "Thanks for the feedback!"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        open_question = isinstance(tracker.get_slot(ASKED), str)
        typed = bool(text) and not text.startswith("/")
        answers = open_question and not says_like_or_dislike(text)
        if typed and (answers or not last_products(tracker)):
            # "the max one" after "Which cushioning would you like?" answers the question;
            # "i love the second one" says what it thinks and stays feedback; with nothing
            # shown yet, "wanna take pics of my food that don't look terrible" is a need
            found = await search_in_context(dispatcher, tracker)
            if found is not None:
                return found
        value = self._run(dispatcher, tracker)
        # Kept in the conversation so that reviewers can find negative feedback.
        return [SlotSet(LAST_FEEDBACK, value)] if value else []

    def _run(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> str | None:
        about = targets(tracker)
        if about is None:
            dispatcher.utter_message(
                text='Thanks! Which product do you mean? You can say "the first one", '
                '"the second one" and so on.'
            )
            return None
        value = feedback_value(tracker)
        trace_id = str(tracker.get_slot(LAST_TRACE_ID) or "")
        events = [
            chat_events.feedback(
                tracker, value, t.product_id, t.position, trace_id if t.position else ""
            )
            for t in about
        ] or [chat_events.feedback(tracker, value)]
        chat_events.emit(events)
        logger.info(
            "feedback %s from %s on %s", value, tracker.sender_id, [t.product_id for t in about]
        )
        # While the shopping form asks its question it runs again next and shows its own
        # buttons; "cheaper" / "other brand" would not fit there.
        in_form = bool(tracker.active_loop_name)
        buttons = follow_up_buttons([]) if value == DOWN and not in_form else []
        dispatcher.utter_message(text=reply(value, about), buttons=buttons)
        return value
