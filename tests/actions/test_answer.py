"""action_genrec_answer_question: replies to the open question, whatever intent the NLU gave them."""

from __future__ import annotations

from builders import all_text, make_tracker, slot_events
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerQuestion
from actions.api import RecommenderClient
from actions.faq import ActionAnswerFaq
from conftest import FakeRecommender

SEARCH = {"category": "headphones", "genrec_asked": "brand"}


async def run(tracker, dispatcher: CollectingDispatcher) -> list[dict]:
    return await ActionAnswerQuestion().run(dispatcher, tracker, {})


async def test_an_answer_filed_as_out_of_scope_continues_the_search(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("probably Bose, i trust them", intent="out_of_scope", slots=SEARCH)
    events = await run(tracker, dispatcher)
    body = fake.bodies("/recommend")[0]
    assert body["asked"] == "brand" and body["probe"] is True
    assert {p["brand"] for p in dispatcher.messages[0]["custom"]["products"]} == {"Bose"}
    assert slot_events(events)["brand"] == "Bose"


async def test_a_no_declines_the_question(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("nah", intent="deny", slots=SEARCH)
    events = await run(tracker, dispatcher)
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"
    assert slot_events(events)["brand"] == "any" and slot_events(events)["genrec_declined"] == [
        "brand"
    ]


async def test_a_yes_answers_a_yes_no_question(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("yes please", intent="affirm",
                           slots={"category": "headphones", "genrec_asked": "attributes.wireless"})  # fmt: skip
    await run(tracker, dispatcher)
    assert fake.bodies("/recommend")[-1]["slots"]["attributes"] == {"wireless": "yes"}


async def test_a_real_out_of_scope_question_gets_its_usual_answer(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("who won the match last night?", intent="out_of_scope", slots=SEARCH)
    events = await run(tracker, dispatcher)
    assert "not something I can help with" in all_text(dispatcher)
    assert not any(m.get("custom") for m in dispatcher.messages)
    assert "brand" not in slot_events(events)


async def test_an_answer_filed_as_a_help_topic_continues_the_search(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("probably Bose, i trust them", intent="ask_faq", slots=SEARCH)
    events = await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert {p["brand"] for p in dispatcher.messages[0]["custom"]["products"]} == {"Bose"}
    assert slot_events(events)["brand"] == "Bose"


async def test_a_help_question_while_a_question_is_open_gets_its_answer(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("how long does shipping take?", intent="ask_faq", slots=SEARCH)
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert not fake.bodies("/recommend")  # a question is no answer to "Any brand?"
    assert not any(m.get("custom") for m in dispatcher.messages)
    assert dispatcher.messages  # the help text (or the apology when none is found)


async def test_a_product_request_filed_as_a_help_topic_gets_products(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    # no /faq answer (the knowledge base is unsure), the recommender reads a product need
    tracker = make_tracker("I'd like some headphones", intent="ask_faq")
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert fake.bodies("/recommend")[0]["probe"] is True
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"


async def test_a_question_about_a_use_not_the_shop_is_probed_for_products(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("what headphones can I use for zoom calls all day?", intent="ask_faq")
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert fake.bodies("/recommend")[0]["probe"] is True
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"


async def test_a_request_filed_as_help_gets_products_before_the_help_text(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    fake.faq = {**fake.faq, "answer": "Size chart ...", "answered": True, "topic": "sizes"}
    tracker = make_tracker("womens headphones size 8", intent="ask_faq")
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"
    assert "/faq" not in fake.paths()


async def test_a_statement_naming_a_help_topic_gets_the_help_text(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    fake.faq = {**fake.faq, "answer": "We ship to Canada.", "answered": True, "topic": "shipping"}
    tracker = make_tracker("shipping to canada for headphones", intent="ask_faq")
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert "/recommend" not in fake.paths()
    assert "We ship to Canada." in all_text(dispatcher)


async def test_a_help_question_naming_a_product_stays_a_help_question(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("can i return headphones after 20 days", intent="ask_faq")
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert not fake.bodies("/recommend")
    assert not any(m.get("custom") for m in dispatcher.messages)


async def test_a_fault_report_naming_a_product_gets_the_topic_answer(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    # not a question, names a product, the knowledge base is unsure: still no products
    tracker = make_tracker("my headphones won't turn on", intent="ask_faq",
                           help_topic=("warranty", 0.9))  # fmt: skip
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert not fake.bodies("/recommend")
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_faq/warranty"]


async def test_an_out_of_scope_question_is_not_probed_for_products(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("tell me a joke about headphones", intent="out_of_scope")
    await run(tracker, dispatcher)
    assert not fake.bodies("/recommend")
    assert "not something I can help with" in all_text(dispatcher)


async def test_an_out_of_scope_question_asking_for_products_is_probed(
    client: RecommenderClient, fake: FakeRecommender, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker("do you have any headphones?", intent="out_of_scope")
    await run(tracker, dispatcher)
    assert fake.bodies("/recommend")[0]["probe"] is True
    assert dispatcher.messages[0]["custom"]["type"] == "product_list"
