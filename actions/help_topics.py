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

from genrec_core.answers import asks_for_products, asks_something
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
    r"\b(?:return(?:ed|ing|s)?|send (?:\w+ ){0,3}back|refund\w*|money back|exchange|swap (?:it|them)"
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
    r"|(?:size|sizing|measurement|measurment) ?(?:charts?|guides?)|(?:what|which) size|true to size"
    r"|(?:run|runs|fit|fits) (?:small|big|large)"
    # what came was not what was ordered, or not all of it
    r"|missing (?:from|in)|(?:is|are|was|were)(?:n'?t| not) in (?:the )?(?:box|package|parcel|there)"
    r"|sent (?:me )?(?:the )?wrong|(?:got|received|recieved|came with) (?:the |a )?wrong"
    r"|some ?one else'?s (?:order|parcel|package)|(?:arrived|came) (?:crushed|dented|scratched|smashed)"
    r"|(?:parcel|package|box) (?:came|arrived|was) (?:\w+ )?(?:crushed|dented|damaged|open(?:ed)?|wet)"
    r"|only one (?:side|ear|earbud|bud) (?:works|plays|is working)"
    # how staff treated the shopper
    r"|(?:was|were) (?:really |so |very )?rude|(?:speak|talk) (?:to|with) (?:a|the|your) manager)\b",
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


# Words of the shop's help topics themselves, per topic (the response selector's names):
# "shipping to canada for headphones" is a shipping question even though it names a product.
_TOPIC_WORDS = {
    "shipping": r"ship(?:ping|ped|s)?|deliver(?:y|ies|ed|s)?|postage|courier|arrive[sd]?"
    r"|dispatch(?:ed)?|(?:need|get|have) (?:it|them) by \w+|customs|import (?:duty|duties|fees|tax\w*)"
    r"|(?:delivery|shipping|street) address|(?:separate|different|several|multiple|two|three|\d) "
    r"(?:shipments|parcels|packages|boxes)|split into",
    "returns": r"return(?:ed|ing|s)?|send (?:\w+ ){0,3}back|refund\w*|money back|exchange"
    r"|restocking|sent (?:me )?(?:the |a )?wrong|wrong (?:item|size|colou?r|model|product)s? (?:came|arrived)"
    r"|some ?one else'?s (?:order|parcel|package)|swap\b(?:\s+\w+){0,3}\s+for\b|take (?:it |them |this )?back|non-?returnable|can'?t be returned",
    "payment": r"payment|pay (?:with|by|in|for|later|monthly)|paypal|klarna|afterpay"
    r"|instal?lments?|visa|master ?card|amex|american express|apple pay|google pay"
    r"|(?:debit|credit|gift) ?cards?|vouchers?|coupons?|(?:promo|discount|voucher) codes?"
    r"|student discount|price ?match(?:ing)?|cash on delivery|vat|invoice|layaway"
    r"|(?:double|over)charged|charged (?:me )?twice|spread (?:the )?(?:cost|payments?)|financ(?:e|ing)"
    r"|monthly payments|card (?:info|details|data|number)",
    "order_status": r"my order|order (?:number|no|#|status)|cancel (?:my|the|an?|it|this)"
    r"|tracking (?:number|link|code|info\w*)|track (?:it|my|the) (?:order|parcel|package)"
    r"|where (?:is|are) (?:it|they|my (?:order|parcel|package|stuff))"
    r"|i (?:ordered|bought|purchased)\b(?:\s+\w+){0,3}?\s+(?:on (?:mon|tue|wed|thu|fri|sat|sun)\w*"
    r"|yesterday|\w+ (?:days?|weeks?) ago|last week)|(?:same|existing) order|label created"
    r"|(?:is|are) missing|missing (?:from|in)|(?:is|are|was|were)(?:n'?t| not) in (?:the )?"
    r"(?:box|package|parcel|there)",
    "warranty": r"warrant(?:y|ies)|guarantee[sd]?|repair(?:ed|s)?|fix (?:it|them|this)"
    r"|dead pixels?|stopped \w+ing|swell(?:s|ed|ing)? up|extended (?:warranty|cover)|protection plan"
    r"|extra (?:years? of )?cover|proof of purchase",
    "privacy": r"privacy|personal (?:data|info\w*|details)|unsubscribe|cookies|gdpr|my data"
    r"|personali[sz]\w*|third parties|shared with|(?:sell|share) my"
    r"|(?:collect|store|keep|remember|see|track|use)s? (?:what i|about me|my (?:history|chats?|data"
    r"|info\w*|email|details))|(?:this|the) (?:chat ?bot|bot|chat) (?:collect|store|keep|remember)"
    r"|(?:chats?|conversations?|messages) (?:are |get )?(?:used|stored|saved|kept|recorded)"
    r"|why (?:are|do|did|does) (?:you|it) (?:keep )?(?:suggest|recommend|show)\w*|my recommendations"
    r"|(?:record|history) of my|learn(?:s|ing)? (?:from|about) (?:what i|me|my)",
    "contact": r"contact|customer (?:service|support|care)|opening hours|get in touch"
    r"|help ?desk|help ?line|hotline|phone number|support (?:team|email|number|line)"
    r"|complain(?:t|ts)?|showroom|in person|(?:nearest|physical|local) (?:store|shop)|call ?back"
    r"|whatsapp|escalate|rude|report (?:him|her|them|a member|an? (?:agent|employee))|live (?:rep|agent|person|chat)|mailing address|postal address",
    "sizes": r"sizing|sizes|size (?:chart|guide)|measurement chart|wide feet|width|(?:what|which) size|true to size|between sizes"
    r"|(?:run|runs|fit|fits) (?:small|big|large)|my size|(?:usually|normally) (?:a |an )?(?:size )?"
    r"\d+|what(?:'s| is) that in|how (?:do|does) (?:the |these |this |it )?\w* ?fit",
}
_TOPIC_RES = {topic: re.compile(rf"\b(?:{words})\b", re.I) for topic, words in _TOPIC_WORDS.items()}

# The help words typed in a hurry ("waranty", "shiping", "refnud"): one letter off, swapped,
# missing or extra; "shopping" and "contract" are words of their own.
_TYPO_TARGETS = {
    "shipping": "shipping", "delivery": "shipping", "postage": "shipping",
    "returns": "returns", "refund": "returns", "exchange": "returns",
    "payment": "payment", "warranty": "warranty", "guarantee": "warranty",
    "privacy": "privacy", "contact": "contact", "tracking": "order_status",
    "measurement": "sizes",
}  # fmt: skip
_NOT_TYPOS = frozenset({"shopping", "shopper", "contract", "contacts", "return", "refunds"})


def _one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one substitution, insertion, deletion or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def _typed_topic(text: str) -> str | None:
    for word in re.findall(r"[a-z]{6,}", (text or "").lower()):
        if word in _NOT_TYPOS:
            continue
        for target, topic in _TYPO_TARGETS.items():
            if _one_edit_apart(word, target):
                return topic
    return None


def worded_topic(text: str) -> str | None:
    """The help topic the message's own words name ("when do they arrive" -> shipping,
    "waranty" -> warranty), or None."""
    found = next((t for t, pattern in _TOPIC_RES.items() if pattern.search(text or "")), None)
    return found or _typed_topic(text)


def mentions_help_topic(text: str) -> bool:
    """The message names a help topic (shipping, warranty, payment, privacy, sizing...)."""
    return worded_topic(text) is not None


def asks_for_help(text: str) -> bool:
    """A report of a problem with a purchase, or a question on a help topic that asks for no
    product ("do you take visa debit for phones?", "if i buy the sony headphones today when
    do they arrive"; not "do you have laptops with a long warranty?")."""
    if reports_support_issue(text):
        return True
    return mentions_help_topic(text) and asks_something(text) and not asks_for_products(text)


def may_ask_for_help(text: str) -> bool:
    """A question that names no help topic and asks for no product ("can i get a callback
    instead of sitting on hold", "how come my recommendations are all cameras now"): the help
    texts may answer it, when their readers agree (:func:`answer_help_request`)."""
    text = text or ""
    return (
        asks_something(text)
        and not asks_for_products(text)
        and _WANTS_PRODUCT_RE.search(text) is None
    )


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


def _same_topic(a: str | None, b: str | None) -> bool:
    """``order_status``, ``order-status`` and ``orders`` are one topic."""

    def norm(t: str | None) -> str | None:
        t = (t or "").replace("-", "_").lower() or None
        return "order_status" if t == "orders" else t

    return norm(a) is not None and norm(a) == norm(b)


def agreed_topic(tracker: Tracker, answer: FaqReply | None, text: str | None = None) -> str | None:
    """The help topic two of three readers name: the NLU's selector (when not unsure), the
    knowledge base's best passage and the message's own help words (``text``; left out when
    None). The selector's spelling of the topic (``order_status``), or None."""
    selected, confidence = selected_topic(tracker)
    readers = [
        selected if confidence >= MIN_SELECTOR_CONFIDENCE else None,
        answer.topic if answer is not None else None,
        worded_topic(text) if text is not None else None,
    ]
    for i, topic in enumerate(readers):
        if any(_same_topic(topic, other) for other in readers[i + 1 :]):
            return "order_status" if _same_topic(topic, "orders") else topic
    return None


def agreed_response(
    tracker: Tracker, answer: FaqReply | None, text: str | None = None
) -> str | None:
    """``utter_ask_faq/<topic>`` for the topic two readers agree on (:func:`agreed_topic`)."""
    topic = agreed_topic(tracker, answer, text)
    return f"utter_ask_faq/{topic}" if topic else None


def kb_or_agreed(
    tracker: Tracker, answer: FaqReply | None, text: str | None = None
) -> tuple[str | None, str | None]:
    """What answers a help question: ``(text, None)`` the knowledge base's passage when it is
    sure and no two other readers outvote its topic ("can i use a gift card": the help texts
    read a gift receipt, the NLU and the words read payment), ``(None, response)`` the agreed
    topic's answer, or ``(None, None)``."""
    response = agreed_response(tracker, answer, text)
    sure = answer is not None and answer.answered and answer.answer
    if sure and (response is None or _same_topic(response.rsplit("/", 1)[1], answer.topic)):
        return faq_reply(answer), None
    return None, response


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
    passage, response = kb_or_agreed(tracker, answer, text if agreement else None)
    if passage is not None:
        dispatcher.utter_message(text=passage)
        return True
    if not agreement:
        response = None
    topic, confidence = selected_topic(tracker)
    sure = topic is not None and confidence >= SURE_SELECTOR_CONFIDENCE
    if response is None and selector_alone and sure:
        response = f"utter_ask_faq/{topic}"  # the help texts unsure, the selector sure
    if response is not None:
        dispatcher.utter_message(response=response)
        return True
    return False
