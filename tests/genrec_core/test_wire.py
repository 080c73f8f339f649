"""The recommender API's shapes: round trips and lenient parsing on the client side."""

from __future__ import annotations

import json

import pytest

from genrec_core import wire


def test_response_round_trip() -> None:
    resp = wire.RecommendResponse(
        reply="Here are two picks.",
        products=(wire.ProductCard("p1", "Kettle", brand="Acme", price=29.5, reason="cheap"),),
        preferences=wire.Preferences(category="kettles", budget_max=40.0, any=frozenset({"brand"})),
        understanding=wire.Understanding(need="category", changed=("budget", "category")),
        question=wire.Question(
            "attributes.material", "Which material?", (wire.Option("Glass", "glass"),)
        ),
        relaxation=wire.Relaxation("budget_max", "nothing under $20", ("budget_max",)),
        applied={"category": "kettles"},
        reply_source="generated",
        trace_id="t1",
    )
    again = wire.RecommendResponse.from_dict(json.loads(json.dumps(resp.to_dict())))
    assert again == resp


def test_bad_products_are_skipped_not_fatal() -> None:
    data = {"reply": "x", "products": [{"id": "a", "title": "A"}, {"id": "b"}, "junk", None]}
    resp = wire.RecommendResponse.from_dict(data)
    assert [p.id for p in resp.products] == ["a"]
    assert resp.understanding.need == "none" and resp.question is None


@pytest.mark.parametrize("data", [None, [], "text", {"products": "nope"}])
def test_unusable_responses_raise_value_error(data: object) -> None:
    with pytest.raises(ValueError):
        wire.RecommendResponse.from_dict(data)


def test_preferences_answered_fields() -> None:
    prefs = wire.Preferences(
        category="mugs",
        price_tier="low",
        attributes={"material": "glass"},
        any=frozenset({"brand"}),
    )
    assert prefs.answered() == {"category", "budget", "brand", "attributes.material"}


def test_lenient_values() -> None:
    prefs = wire.Preferences.from_dict({"budget_max": "nan", "price_tier": "weird", "any": "brand"})
    assert prefs == wire.Preferences()
    assert wire.Understanding.from_dict({"need": "teleport"}).need == "none"


def test_request_body() -> None:
    body = wire.RecommendRequest(
        user_id="u",
        message="under 50",
        asked="budget",
        preferences=wire.Preferences(category="mugs"),
    ).to_dict()
    assert body["asked"] == "budget" and body["slots"]["category"] == "mugs"
    assert "session_id" not in body and "similar_to" not in body
    like = wire.RecommendRequest(user_id="u", similar_to="hp-1").to_dict()
    assert like["similar_to"] == "hp-1"


def test_faq_reply_round_trip() -> None:
    reply = wire.FaqReply(
        answer="Returns are free.",
        source="https://shop.example/help/returns",
        confidence=0.91,
        answered=True,
        passage_id="returns/free",
        topic="returns",
    )
    assert wire.FaqReply.from_dict(json.loads(json.dumps(reply.to_dict()))) == reply
    abstained = wire.FaqReply(None, None, 0.2, False, topic="shipping")
    assert wire.FaqReply.from_dict(abstained.to_dict()) == abstained


def test_faq_reply_parsing_is_lenient() -> None:
    # "answered" without an answer is no answer; a bad confidence is 0; unknown keys ignored
    data = {"answered": True, "answer": "  ", "confidence": "high", "extra": 1, "topic": ""}
    assert wire.FaqReply.from_dict(data) == wire.FaqReply(None, None, 0.0, False)
    with pytest.raises(ValueError):
        wire.FaqReply.from_dict(["answer"])


def test_catalog_vocabulary_round_trip() -> None:
    vocab = wire.CatalogVocabulary(
        categories=("headphones", "kettles"),
        brands=("Acme", "Sony"),
        category_synonyms={"earbuds": "headphones"},
        attributes={"color": ("black", "white"), "wireless": ("no", "yes")},
        price_quantiles={"*": (20.0, 300.0), "kettles": (30.0, 80.0)},
    )
    again = wire.CatalogVocabulary.from_dict(json.loads(json.dumps(vocab.to_dict())))
    assert again == vocab
    assert wire.CatalogVocabulary.from_dict({}) == wire.CatalogVocabulary()


def test_catalog_vocabulary_parsing_is_lenient() -> None:
    data = {
        "categories": ["mugs", "", None, "kettles"],
        "brands": "Acme",  # not a list
        "category_synonyms": {"Cups": "mugs"},
        "attributes": {"color": ["red"], "size": "big"},
        "price_quantiles": {"mugs": {"cheap_max": 5, "premium_min": "x"}, "*": [1, 2]},
        "extra": True,
    }
    vocab = wire.CatalogVocabulary.from_dict(data)
    assert vocab.categories == ("mugs", "kettles") and vocab.brands == ()
    assert vocab.category_synonyms == {"cups": "mugs"}
    assert vocab.attributes == {"color": ("red",), "size": ()}
    assert vocab.price_quantiles == {}
    with pytest.raises(ValueError):
        wire.CatalogVocabulary.from_dict(None)
