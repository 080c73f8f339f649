"""Channel messages for product lists."""

from __future__ import annotations

from actions.api import Product
from actions.payloads import channel_json, product_messages
from actions.search import SearchFilters, attribute_words

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


def test_no_buttons_when_asked_for_none() -> None:
    [message] = product_messages("rest", "Popular:", PRODUCTS, buttons=[])
    assert message["buttons"] == []


def test_describe_filters() -> None:
    assert attribute_words("color", "black") == "black"
    assert attribute_words("noise_cancelling", "yes") == "noise cancelling"
    assert attribute_words("gps", "no") == "no gps"
    filters = SearchFilters("running-shoes", "Asics", 80.0, 120.0, {"color": "blue"})
    assert filters.describe() == "blue Asics running shoes between $80 and $120"


def test_socketio_custom_payload_is_wrapped_for_emit_and_messenger_gets_none() -> None:
    [message] = product_messages("socketio", "Two picks:", PRODUCTS)
    assert message["json_message"]["data"]["custom"]["type"] == "product_list"
    assert channel_json("facebook", {"type": "x"}) is None
    assert channel_json("rest", {"type": "x"}) == {"type": "x"}
