"""read_need: what kind of product need a message states (category, use, gift, none)."""

from __future__ import annotations

import pytest

from recommender.config import Config
from recommender.data.catalog import Catalog
from recommender.pipeline.schemas import RecommendRequest, Slots
from recommender.pipeline.service import RecommenderService


@pytest.fixture
def service(test_config: Config, catalog: Catalog, encoder, nlp) -> RecommenderService:  # type: ignore[no-untyped-def]
    return RecommenderService(test_config, catalog, encoder, nlp=nlp)


def need(service: RecommenderService, message: str, **kw: object) -> tuple[str, object]:
    _, merged, reading = service.understand(RecommendRequest(user_id="u", message=message, **kw))  # type: ignore[arg-type]
    return reading.need, merged.constraints.category


def test_a_named_category_decides(service: RecommenderService) -> None:
    assert need(service, "wireless headphones please") == ("category", "headphones")


def test_content_words_find_the_category_through_its_products(service: RecommenderService) -> None:
    kind, category = need(service, "something for gaming sessions")
    assert kind == "use" and category in {"headphones", "laptops"}


def test_nothing_to_go_on_is_no_need(service: RecommenderService) -> None:
    assert need(service, "what do you recommend?") == ("none", None)


def test_a_gift_with_nothing_else_browses_across_categories(service: RecommenderService) -> None:
    kind, category = need(service, "a gift for my mum under 50")
    assert kind == "gift" and category is None


def test_a_change_to_a_search_under_way_refines_it(service: RecommenderService) -> None:
    assert need(service, "under 100", slots=Slots(category="headphones")) == (
        "refinement",
        "headphones",
    )
    assert need(service, "", slots=Slots(category="headphones"))[0] == "refinement"
    assert need(service, "")[0] == "browse"


def test_probe_needs_a_clear_need(service: RecommenderService) -> None:
    assert need(service, "ok then", probe=True)[0] == "none"
    assert need(service, "ok then", slots=Slots(category="headphones"), probe=True)[0] == "none"


def test_an_answer_to_an_attribute_question(service: RecommenderService) -> None:
    _, merged, reading = service.understand(
        RecommendRequest(
            user_id="u", message="over-ear ones", slots=Slots(category="headphones"),
            asked="attributes.type",
        )
    )  # fmt: skip
    assert merged.constraints.attributes == {"type": "over-ear"}
    assert (merged.constraints.category, reading.need) == ("headphones", "refinement")


def test_a_product_tag_does_not_switch_a_search_under_way(service: RecommenderService) -> None:
    _kind, category = need(service, "something for gaming", slots=Slots(category="headphones"))
    assert category == "headphones"


@pytest.mark.parametrize(
    "message",
    ["what was the score of the football match yesterday?", "how do I bake sourdough bread?"],
)
def test_an_unsure_question_is_no_need_even_with_a_product_tag(
    service: RecommenderService, message: str
) -> None:
    assert need(service, message, probe=True)[0] == "none"


def test_what_the_shopper_has_is_not_what_they_want(service: RecommenderService) -> None:
    _, category = need(service, "something to carry my laptop to work")
    assert category != "laptops"
    assert need(service, "my laptop broke, i need a replacement")[1] == "laptops"
    # what a serving verb acts on, without "my": the shopper has it too
    assert need(service, "a bag for carrying camera gear")[1] != "cameras"
    assert need(service, "a school bag that fits a laptop")[1] != "laptops"
    assert need(service, "a laptop that fits in my backpack")[1] == "laptops"


@pytest.mark.parametrize(
    ("message", "value"),
    [("no for the wireless", "no"), ("yes please", "yes"), ("nope, wired is fine", "no")],
)
def test_a_yes_or_no_first_answers_a_yes_no_question(
    service: RecommenderService, message: str, value: str
) -> None:
    _, merged, _ = service.understand(
        RecommendRequest(
            user_id="u", message=message, slots=Slots(category="headphones"),
            asked="attributes.wireless",
        )
    )  # fmt: skip
    assert merged.constraints.attributes.get("wireless") == value


def test_what_the_need_is_compared_with_is_not_the_need(service: RecommenderService) -> None:
    # the test catalog: headphones, running shoes, laptops
    assert need(service, "something for music that sounds better than my laptop")[1] == "headphones"
    assert need(service, "a laptop that is faster than my old laptop")[1] == "laptops"


@pytest.mark.parametrize(
    ("message", "verb"),
    [("my dad watches tv late", True), ("he watches films on the train", True),
     ("cheap watches for kids", False), ("do you have watches", False)],
)  # fmt: skip
def test_watches_as_a_verb(nlp, message: str, verb: bool) -> None:  # type: ignore[no-untyped-def]
    from recommender.pipeline.text import _used_as_verb

    token = next(t for t in nlp(message) if t.lower_ == "watches")
    assert _used_as_verb(token) is verb


def test_a_possessive_alone_does_not_make_it_owned(service: RecommenderService) -> None:
    assert need(service, "my son's laptop is ancient, he needs a new one")[1] == "laptops"


@pytest.mark.parametrize(
    ("category", "asked", "message", "value"),
    [
        ("headphones", "type", "I'd like them to sit over my ears", "over-ear"),
        ("running-shoes", "gender", "they're for a woman", "women"),
    ],
)
def test_an_answer_may_say_one_word_of_a_value(
    service: RecommenderService, category: str, asked: str, message: str, value: str
) -> None:
    _, merged, _ = service.understand(
        RecommendRequest(user_id="u", message=message, slots=Slots(category=category),
                         asked=f"attributes.{asked}")
    )  # fmt: skip
    assert merged.constraints.attributes.get(asked) == value


def test_an_unsure_question_about_a_value_is_no_need(service: RecommenderService) -> None:
    # "over-ear" is a headphones value, but a how-to question is no request to buy
    assert need(service, "how do you clean over-ear pads?", probe=True)[0] == "none"


def test_an_unsure_question_asking_for_products_is_a_need(service: RecommenderService) -> None:
    assert need(service, "do you have any over-ear ones?", probe=True)[0] != "none"


class _Close:
    """A matcher for which no category leads: the message is shown side by side."""

    def scores(self, text: str) -> list[object]:
        from recommender.pipeline.category_match import CategoryScore

        return [CategoryScore("headphones", 0.40), CategoryScore("laptops", 0.39)]


def test_categories_side_by_side_choose_none_for_the_shopper(service: RecommenderService) -> None:
    from dataclasses import replace

    from recommender.config import NeedConfig
    from recommender.pipeline.understanding import read_need

    parsed, merged, _ = service.understand(RecommendRequest(user_id="u", message="x"))
    # a product tag put a category into the preferences ("200 works" read as the "work" tag)
    parsed = replace(parsed, category="laptops", category_from_tag=True, query_text="for work")
    merged = replace(
        merged,
        slots=replace(merged.slots, category="laptops", budget_max=200.0),
        constraints=replace(merged.constraints, category="laptops", budget_max=200.0),
    )
    reading, out = read_need(
        "for work under 200", parsed, merged, _Close(), service.vocab, NeedConfig(tag_bonus=0.0)
    )  # type: ignore[arg-type]
    assert reading.alternatives == ("headphones", "laptops")
    assert out.constraints.category is None and out.slots.category is None
    assert out.constraints.budget_max == 200.0  # the budget stays for the category chosen next


def test_values_are_read_for_the_category_a_use_chose(service: RecommenderService) -> None:
    # a category chosen after parsing reads its own values, and only those
    text = "something wireless that goes over the ears"
    assert service.parser.attributes_for(text, "headphones") == {
        "type": "over-ear",
        "wireless": "yes",
    }
    assert "type" not in service.parser.attributes_for(text, "running-shoes")
