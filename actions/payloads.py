"""Builds the channel messages that show products: text, quick replies, cards.

One place decides what a product list looks like on each channel:

* web chat (socket.io), REST and others: numbered text, quick-reply buttons, and a custom
  payload ``{"type": "product_list", "products": [...]}`` the widget renders as cards
  (see :func:`channel_json` for the socket.io shape);
* Messenger (``facebook``): a generic template (cards) and quick replies, because Messenger
  rejects arbitrary JSON.

Messages are dicts of keyword arguments for ``CollectingDispatcher.utter_message``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from genrec_core.budget import money

from .api import Product

FACEBOOK = "facebook"
SOCKETIO = "socketio"
# Messenger's documented limits: generic template elements, title/subtitle characters, buttons
# per element, postback payload characters, button and quick-reply titles; rasa's fbmessenger
# library refuses more than 11 quick replies (Messenger itself takes 13).
MAX_CARDS = 10
MAX_FB_TITLE = 80
MAX_FB_SUBTITLE = 80
MAX_FB_BUTTONS = 3
MAX_FB_PAYLOAD = 1000
MAX_FB_BUTTON_TITLE = 20
MAX_FB_QUICK_REPLIES = 11
MAX_FB_TEXT = 2000


def display_category(category: str | None) -> str:
    """Catalog slug as users write it: ``running-shoes`` -> ``running shoes``."""
    return (category or "").replace("-", " ").replace("_", " ").strip()


def price_text(product: Product) -> str:
    """``$79`` / ``79.00 EUR``; empty if the price is unknown."""
    if product.price is None:
        return ""
    if product.currency.upper() == "USD":
        return money(product.price)
    return f"{product.price:,.2f} {product.currency.upper()}"


def product_line(position: int, product: Product) -> str:
    """``1. Sony WH-1000XM5 (Sony), $279: matches your budget``."""
    line = f"{position}. {product.title}"
    if product.brand and product.brand.lower() not in product.title.lower():
        line += f" ({product.brand})"
    if price := price_text(product):
        line += f", {price}"
    if product.reason:
        line += f": {product.reason}"
    return line


def product_list_text(products: Sequence[Product]) -> str:
    """Numbered list the user can refer to ("the second one")."""
    return "\n".join(product_line(i, p) for i, p in enumerate(products, start=1))


def product_payload(products: Iterable[Product]) -> dict[str, Any]:
    """The custom payload web chat renders as product cards."""
    return {"type": "product_list", "products": [p.to_dict() for p in products]}


def channel_json(channel: str | None, payload: dict[str, Any]) -> dict[str, Any] | None:
    """A custom payload shaped for ``channel``'s output (``None``: don't send one).

    Rasa 3.6's socket.io output passes the custom dict as keyword arguments to
    ``emit``, so the payload goes under ``data``; the client then receives
    ``{"custom": {...}}``, the same shape as the REST channel. Messenger would reject it.
    """
    if channel == FACEBOOK:
        return None
    if channel == SOCKETIO:
        return {"data": {"custom": payload}}
    return payload


def intent_payload(intent: str, entities: dict[str, str] | None = None) -> str:
    """Button payload that Rasa parses without NLU: ``/show_more{"refinement": "cheaper"}``."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def follow_up_buttons(products: Sequence[Product]) -> list[dict[str, str]]:
    """Quick replies after a product list: details, cheaper, other brand, more."""
    buttons: list[dict[str, str]] = []
    if products:
        buttons.append(
            {
                "title": "Details on #1",
                "payload": intent_payload("ask_product_details", {"product_ref": "1"}),
            }
        )
    buttons += [
        {"title": "Cheaper", "payload": intent_payload("show_more", {"refinement": "cheaper"})},
        {
            "title": "Other brand",
            "payload": intent_payload("show_more", {"refinement": "other_brand"}),
        },
        {"title": "Show more", "payload": intent_payload("show_more", {"refinement": "more"})},
    ]
    return buttons


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _postback(title: str, payload: str) -> dict[str, str] | None:
    if len(payload) > MAX_FB_PAYLOAD:
        return None  # Messenger would refuse the whole template
    return {"type": "postback", "title": clip(title, MAX_FB_BUTTON_TITLE), "payload": payload}


def messenger_element(product: Product) -> dict[str, Any]:
    """One generic-template element: title, subtitle (price · reason), image, <= 3 buttons."""
    subtitle = " · ".join(x for x in (price_text(product), product.reason) if x)
    element: dict[str, Any] = {"title": clip(product.title, MAX_FB_TITLE) or product.id[:80]}
    if subtitle:
        element["subtitle"] = clip(subtitle, MAX_FB_SUBTITLE)
    if is_web_url(product.image):
        element["image_url"] = product.image
    buttons: list[dict[str, str] | None] = []
    if is_web_url(product.url):
        buttons.append({"type": "web_url", "url": product.url, "title": "View"})
    ref = {"product_ref": product.id}
    buttons.append(_postback("Details", intent_payload("ask_product_details", ref)))
    buttons.append(_postback("More like this", intent_payload("find_similar", ref)))
    element["buttons"] = [b for b in buttons if b is not None][:MAX_FB_BUTTONS]
    return element


def messenger_quick_replies(buttons: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Buttons as Messenger quick replies: at most 11, titles <= 20 chars, payload <= 1000."""
    quick = [
        {
            "content_type": "text",
            "title": clip(b["title"], MAX_FB_BUTTON_TITLE),
            "payload": b["payload"],
        }
        for b in buttons
        if b.get("title") and b.get("payload") and len(b["payload"]) <= MAX_FB_PAYLOAD
    ]
    return quick[:MAX_FB_QUICK_REPLIES]


def is_web_url(url: str) -> bool:
    """Only absolute http(s) URLs go to a channel (no ``javascript:`` or relative links)."""
    return url.startswith(("https://", "http://")) and not any(c.isspace() for c in url)


def messenger_messages(
    intro: str, products: Sequence[Product], buttons: Sequence[dict[str, str]]
) -> list[dict[str, Any]]:
    """Messenger: the intro, a generic template (carousel) and the buttons as quick replies.

    Rasa's Messenger channel drops every button of a text with more than three, so buttons
    always travel as quick replies here.
    """
    quick = messenger_quick_replies(buttons)
    text = clip(intro, MAX_FB_TEXT)
    if not products:
        return [{"text": text, "quick_replies": quick}] if quick else [{"text": text}]
    messages: list[dict[str, Any]] = [
        {"text": text},
        {"elements": [messenger_element(p) for p in products[:MAX_CARDS]]},
    ]
    if quick:
        messages.append({"text": "Anything else?", "quick_replies": quick})
    return messages


def product_messages(
    channel: str | None,
    intro: str,
    products: Sequence[Product],
    buttons: list[dict[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """Messages that present ``products`` after an ``intro`` text on ``channel``.

    Args:
        channel: ``tracker.get_latest_input_channel()``; ``facebook`` gets cards.
        intro: the sentence before the list (recommender reply or our own wording); when it
            already names every product, no numbered list is added to the text.
        products: what to show, in order; positions are 1-based in the text.
        buttons: quick replies; ``None`` means the standard follow-ups.
    """
    if buttons is None:
        buttons = follow_up_buttons(products)
    if channel == FACEBOOK:
        return messenger_messages(intro, products, buttons)
    if not products:
        return [{"text": intro, "buttons": buttons}] if buttons else [{"text": intro}]
    if intro and all(p.title.lower() in intro.lower() for p in products):
        text = intro  # the recommender's reply already lists them (in this order)
    elif intro:
        text = f"{intro}\n{product_list_text(products)}"
    else:
        text = product_list_text(products)
    return [
        {
            "text": text,
            "buttons": buttons,
            "json_message": channel_json(channel, product_payload(products)),
        }
    ]


def reply_messages(
    channel: str | None,
    reply: str,
    products: Sequence[Product],
    buttons: list[dict[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """The recommender's reply, rendered as it came, with the product cards and buttons.

    The service's reply already names every product it returns (generated or template), so
    nothing is added to or cut from its text; ``products`` must be the ones it returned.
    """
    if buttons is None:
        buttons = follow_up_buttons(products)
    if channel == FACEBOOK:
        return messenger_messages(reply, products, buttons)
    message: dict[str, Any] = {"text": reply, "buttons": buttons}
    if products:
        message["json_message"] = channel_json(channel, product_payload(products))
    return [message]


def send(dispatcher: Any, messages: Iterable[dict[str, Any]]) -> None:
    """Sends each message dict through ``dispatcher.utter_message``."""
    for message in messages:
        dispatcher.utter_message(**message)
