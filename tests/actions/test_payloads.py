"""Channel messages for product lists."""

from __future__ import annotations

from actions.api import Product
from actions.payloads import channel_json, product_messages, reply_messages
from actions.search import describe
from genrec_core import wire

PRODUCTS = [
    Product(id="a", title="Sony WH-CH720N", brand="Sony", price=99.0, reason="in budget"),
    Product(id="b", title="JBL Tune 510BT", brand="JBL", price=39.5),
]


def test_numbered_list_follows_an_intro_that_does_not_name_the_products() -> None:
    [message] = product_messages("rest", "Two picks:", PRODUCTS)
    assert message["text"] == (
        "Two picks:\n1. Sony WH-CH720N, $99: in budget\n2. JBL Tune 510BT, $39.50"
    )
    assert message["json_message"]["type"] == "product_list"


def test_no_second_list_when_the_reply_already_names_every_product() -> None:
    reply = "Here you go:\n1. Sony WH-CH720N ($99)\n2. JBL Tune 510BT ($39.50)"
    [message] = product_messages("rest", reply, PRODUCTS)
    assert message["text"] == reply


def test_service_reply_is_rendered_as_it_came() -> None:
    reply = "The Sony WH-CH720N is the pricier one; the JBL Tune 510BT costs $39.50."
    [message] = reply_messages("rest", reply, PRODUCTS)
    assert message["text"] == reply
    assert [p["id"] for p in message["json_message"]["products"]] == ["a", "b"]


def test_no_buttons_when_asked_for_none() -> None:
    [message] = product_messages("rest", "Popular:", PRODUCTS, buttons=[])
    assert message["buttons"] == []


def test_describe_preferences() -> None:
    prefs = wire.Preferences("running-shoes", "Asics", 80.0, 120.0, attributes={"color": "blue"})
    assert describe(prefs) == "Asics running shoes between $80 and $120"
    assert describe(wire.Preferences()) == "products"


def test_socketio_custom_payload_is_wrapped_for_emit_and_messenger_gets_none() -> None:
    [message] = product_messages("socketio", "Two picks:", PRODUCTS)
    assert message["json_message"]["data"]["custom"]["type"] == "product_list"
    assert channel_json("facebook", {"type": "x"}) is None
    assert channel_json("rest", {"type": "x"}) == {"type": "x"}


# --------------------------------------------------------------------------- Messenger
LONG = Product(
    id="x" * 40,
    title="Extremely Long Product Title " * 6,
    brand="Brand",
    price=1234.5,
    reason="because you asked for something with a really long explanation " * 3,
    url="https://shop.example.com/p/1",
    image="https://shop.example.com/i/1.jpg",
)


def _messenger(products: list[Product], buttons: list[dict[str, str]] | None = None) -> list[dict]:
    messages = product_messages("facebook", "Here you go:", products, buttons)
    assert all("json_message" not in m for m in messages)  # Messenger rejects custom JSON
    return messages


def test_messenger_gets_a_generic_template_within_the_documented_limits() -> None:
    products = [LONG, *PRODUCTS] * 5  # 15 products
    intro, carousel, follow = _messenger(products)
    assert intro == {"text": "Here you go:"}
    elements = carousel["elements"]
    assert len(elements) == 10
    for element in elements:
        assert 1 <= len(element["title"]) <= 80
        assert len(element.get("subtitle", "")) <= 80
        assert 1 <= len(element["buttons"]) <= 3
        for button in element["buttons"]:
            assert len(button["title"]) <= 20
            if button["type"] == "postback":
                assert len(button["payload"]) <= 1000
            else:
                assert button["type"] == "web_url" and button["url"].startswith("https://")
    first = elements[0]
    assert first["title"].endswith("…") and first["subtitle"].startswith("$1,234.50 · because")
    assert first["image_url"] == LONG.image
    assert [b["title"] for b in first["buttons"]] == ["View", "Details", "More like this"]
    assert first["buttons"][1]["payload"] == f'/ask_product_details{{"product_ref": "{LONG.id}"}}'
    assert first["buttons"][2]["payload"] == f'/find_similar{{"product_ref": "{LONG.id}"}}'
    assert "image_url" not in elements[1] and elements[1]["subtitle"] == "$99 · in budget"
    quick = follow["quick_replies"]
    assert 1 <= len(quick) <= 11
    assert all(q["content_type"] == "text" and len(q["title"]) <= 20 for q in quick)
    assert [q["title"] for q in quick] == ["Details on #1", "Cheaper", "Other brand", "Show more"]


def test_messenger_limits_quick_replies_and_drops_oversized_payloads() -> None:
    buttons = [
        {"title": f"A very long button title {i}", "payload": f"/inform{i}"} for i in range(15)
    ]
    buttons.insert(0, {"title": "huge", "payload": "/x" + "y" * 1000})
    _, _, follow = _messenger(PRODUCTS, buttons)
    quick = follow["quick_replies"]
    assert len(quick) == 11
    assert quick[0]["payload"] == "/inform0"
    assert all(len(q["title"]) <= 20 and len(q["payload"]) <= 1000 for q in quick)
    huge_id = Product(id="p" * 1000, title="Huge id")
    [element] = _messenger([huge_id])[1]["elements"]
    assert element["buttons"] == []  # no postback may exceed 1000 characters


def test_messenger_never_gets_unsafe_urls_and_no_products_means_quick_replies() -> None:
    bad = Product(id="b", title="Bad", url="javascript:alert(1)", image="data:image/png;base64,x")
    [element] = _messenger([bad])[1]["elements"]
    assert "image_url" not in element
    assert all(b["type"] == "postback" for b in element["buttons"])
    [message] = product_messages("facebook", "Nothing new.", [])
    assert message["text"] == "Nothing new."
    assert [q["title"] for q in message["quick_replies"]] == ["Cheaper", "Other brand", "Show more"]
    [message] = product_messages("facebook", "x" * 3000, [], buttons=[])
    assert len(message["text"]) == 2000 and "quick_replies" not in message
