"""Store questions the intent classifier files elsewhere, and how to answer them.

Two readers name a help topic for every message: the NLU's response selector
(``ask_faq/returns``) and the knowledge base's best passage (``POST /faq`` reports its topic
also when it abstains). Each alone is often unsure on an everyday phrasing; when both name the
same topic, the message is that topic's question ("Hello, what personal info do you keep
about me?"), and it gets the topic's answer from the domain.

A message that reports a problem with a purchase ("my laptop is faulty", "i want to return
something", "which size fits a 10 year old?") is a help request even when the NLU calls it a
product request: the recommend action checks :func:`reports_support_issue` first.
"""

from __future__ import annotations

import logging
import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from genrec_core.wire import FaqReply

from .api import RecommenderCallError, get_client

logger = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 600
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MD_MARK = re.compile(r"(\*\*|__|`)")

#: Below this the response selector's topic is not trusted, even when the knowledge base agrees.
MIN_SELECTOR_CONFIDENCE = 0.5
#: From this on the selector's topic answers a reported problem alone ("the fitness tracker i
#: got from you won't turn on": the help texts read "tracker" as order tracking).
SURE_SELECTOR_CONFIDENCE = 0.8

# After-sales words: returns, faults, orders and deliveries, charges, personal data, sizing.
# "noise cancelling", "sleep tracking" or "a laptop with a long warranty" are no such report.
_SUPPORT_RE = re.compile(
    r"\b(?:return(?:ed|ing|s)?|send (?:\w+ )?back|refund\w*|money back|exchange|swap (?:it|them)"
    r"|broken|broke|faulty|defective|stopped (?:working|charging|turning on|connecting|pairing)"
    r"|arrived (?:damaged|broken|cracked)|(?:is|are) (?:that|this|it|they) covered"
    r"|complain(?:t|ts|ing)?|get in touch|reach (?:you|your (?:team|staff|support))"
    r"|(?:is|are|went|gone|just) dead|died|out of stock|back in stock|sold out"
    r"|(?:the|my) \w+ (?:i|we) (?:ordered|bought|purchased)"
    r"|i (?:ordered|bought|purchased) (?:from you|it|them|this|that|last|on|yesterday)"
    r"|size \d+(?:\.5)? (?:is )?what|size \d+(?:\.5)? in (?:us|uk|eu|men|women)"
    r"|damaged|burn(?:ed|t) out|cracked|breaks(?! the bank)|broke down|between sizes"
    r"|tracking (?:has|hasn'?t|hasnt|isn'?t|is|still|says|shows|won'?t|doesn'?t|not)"
    r"|charge (?:from|on my)|on my (?:card|statement|bank statement)|leak(?:s|ing|ed)?(?!-?proof)|ripped|torn|came (?:apart|off|loose)"
    r"|(?:is|are|came|got|feels?) loose|(?:have|has)(?:n'?t| not) (?:arrived|come|received|got)"
    r"|(?:still|never) (?:not )?(?:arrived|came|received|got)|(?:parcel|package|order) (?:is |was )?lost"
    r"|(?:does ?n[o']?t|won'?t|doesnt|isn'?t|wont) "
    r"(?:work|working|turn on|charge|charging|switch on|start|fit)"
    r"|my (?:order|parcel|package|delivery|refund|account)|order (?:number|no|#)"
    r"|tracking (?:number|link|code|info\w*)|track (?:it|(?:my|the|an?|this) (?:order|parcel|package|"
    r"delivery|shipment|refund|return))|cancel (?:my|the|an?|it|this)"
    r"|cancell?ation|(?:been|was|were|got|i'm|im) (?:double )?charged|charged (?:me|twice)"
    r"|invoice|receipt|unsubscribe|personal (?:data|info\w*|details)"
    r"|size (?:chart|guide)|(?:what|which) size|true to size|(?:run|runs|fit|fits) (?:small|big|large))\b",
    re.I,
)


def plain_answer(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """A passage as plain text: Markdown links and emphasis removed, cut at a sentence."""
    text = _MD_LINK.sub(r"\1 (\2)", text)
    text = _MD_MARK.sub("", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind(".\n"), cut.rfind("? "), cut.rfind("! "))
    if end >= limit // 2:
        return cut[: end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…"


async def ask_faq(question: str, sender_id: str) -> FaqReply | None:
    """The knowledge base's answer, or None when the recommender cannot be reached."""
    try:
        return await get_client().faq(question)
    except RecommenderCallError as exc:
        logger.warning("FAQ unavailable for %s: %s", sender_id, exc)
        return None


def faq_reply(answer: FaqReply) -> str:
    """A knowledge-base answer as the bot says it: plain text and its source."""
    reply = plain_answer(answer.answer or "")
    if answer.source:
        reply += f"\n(Source: {answer.source})"
    return reply


# "my kettle broke, I need a new one": a fault that asks for a product is a product need.
_WANTS_PRODUCT_RE = re.compile(
    r"\b(?:a new one|new ones|a new \w+|a replacement|replace (?:it|them|mine)|looking for"
    r"|recommend|suggest|(?:buy|get|need|want) (?:a|an|another|some|new)\b)",
    re.I,
)


def reports_support_issue(text: str) -> bool:
    """True when the message is about a purchase already made or how the shop works
    (returns, a fault, an order, a charge, personal data, which size) and asks for no product
    ("my kettle broke, I need a new one" asks for one): a help request."""
    text = text or ""
    return _SUPPORT_RE.search(text) is not None and _WANTS_PRODUCT_RE.search(text) is None


# Words of the shop's help topics themselves: "shipping to canada for headphones" is a
# shipping question even though it names a product.
_HELP_WORDS_RE = re.compile(
    r"\b(?:ship(?:ping|ped|s)?|deliver(?:y|ies|ed)?|postage|courier|warrant(?:y|ies)|guarantee"
    r"|payment|pay (?:with|by|in|for)|paypal|klarna|instal?lments?|privacy|personal data"
    r"|contact|customer (?:service|support)|opening hours|sizing|sizes|size (?:chart|guide)"
    r"|complain(?:t|ts)?|get in touch|help ?desk|help ?line|hotline|phone number"
    r"|support (?:team|email|number|line))\b",
    re.I,
)


def mentions_help_topic(text: str) -> bool:
    """The message names a help topic (shipping, warranty, payment, privacy, sizing...)."""
    return _HELP_WORDS_RE.search(text or "") is not None


def help_words(text: str) -> bool:
    """The message reports a problem with a purchase or names a help topic."""
    return reports_support_issue(text) or mentions_help_topic(text)


_ABOUT_THE_SHOP_RE = re.compile(
    r"\b(?:you|your|yours|u|ur|ya|y'all|the (?:shop|store|site))\b", re.I
)


def about_the_shop(text: str) -> bool:
    """The message speaks to or about the shop ("what do you keep about me?"), unlike a need
    ("what can I use for zoom calls?"): a help topic may be guessed for it."""
    return _ABOUT_THE_SHOP_RE.search(text or "") is not None


def selected_topic(tracker: Tracker) -> tuple[str | None, float]:
    """The response selector's help topic (``returns``, ``order_status``) and its confidence."""
    selector = (tracker.latest_message.get("response_selector") or {}).get("ask_faq") or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key") or ""
    if not isinstance(key, str) or not key.startswith("ask_faq/"):
        return None, 0.0
    try:
        confidence = float(response.get("confidence") or 0.0)
    except (TypeError, ValueError):
        confidence = 0.0
    return key.split("/", 1)[1], confidence


def selected_response(tracker: Tracker) -> str | None:
    """``utter_ask_faq/<topic>`` as the NLU's response selector chose it, or None."""
    topic, _ = selected_topic(tracker)
    return f"utter_ask_faq/{topic}" if topic else None


def agreed_response(tracker: Tracker, answer: FaqReply | None) -> str | None:
    """The topic's response when the selector and the knowledge base name the same topic
    (``order_status`` and ``order-status`` are one), else None."""
    topic, confidence = selected_topic(tracker)
    if answer is None or not answer.topic or topic is None:
        return None
    if confidence < MIN_SELECTOR_CONFIDENCE:
        return None
    same = answer.topic.replace("-", "_").lower() == topic.lower()
    return f"utter_ask_faq/{topic}" if same else None


async def answer_help_request(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    text: str,
    *,
    agreement: bool = True,
    selector_alone: bool = True,
) -> bool:
    """Answers ``text`` from the help texts when the knowledge base is sure, when it and the
    NLU agree on the topic (``agreement``), or when the NLU's selector alone is sure
    (``selector_alone``); returns whether it answered. For messages that report a problem
    with a purchase, and for the question a greeting carries."""
    answer = await ask_faq(text, tracker.sender_id)
    if answer is not None and answer.answered and answer.answer:
        dispatcher.utter_message(text=faq_reply(answer))
        return True
    response = agreed_response(tracker, answer) if agreement else None
    topic, confidence = selected_topic(tracker)
    sure = topic is not None and confidence >= SURE_SELECTOR_CONFIDENCE
    if response is None and selector_alone and sure:
        response = f"utter_ask_faq/{topic}"  # the help texts unsure, the selector sure
    if response is not None:
        dispatcher.utter_message(response=response)
        return True
    return False
