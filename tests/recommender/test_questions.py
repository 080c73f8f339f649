"""QuestionChooser: the one refining question, chosen from the candidates."""

from __future__ import annotations

from recommender.data.catalog import Product
from recommender.pipeline.questions import QuestionChooser, _nice


def _by(products: tuple[Product, ...], category: str) -> list[Product]:
    return [p for p in products if p.category == category and p.in_stock]


def test_asks_the_split_that_narrows_most(products: tuple[Product, ...]) -> None:
    q = QuestionChooser()(_by(products, "headphones"), frozenset({"category"}))
    assert q is not None
    assert q.field in {"attributes.type", "attributes.wireless", "budget", "brand"}
    values = [o.value for o in q.options]
    assert values[-1] == "any" and len(values) >= 3


def test_never_asks_what_was_answered_or_just_skipped(products: tuple[Product, ...]) -> None:
    chooser = QuestionChooser()
    headphones = _by(products, "headphones")
    first = chooser(headphones, frozenset({"category"}))
    assert first is not None
    second = chooser(headphones, frozenset({"category"}), skipped=frozenset({first.field}))
    assert second is not None and second.field != first.field
    answered = frozenset(
        {
            "category",
            "brand",
            "budget",
            "attributes.type",
            "attributes.wireless",
            "attributes.color",
        }
    )
    assert chooser(headphones, answered) is None


def test_no_question_for_a_short_list(products: tuple[Product, ...]) -> None:
    assert QuestionChooser()(_by(products, "headphones")[:3], frozenset()) is None


def test_budget_bands_are_round_and_parse_back(products: tuple[Product, ...]) -> None:
    from genrec_core.budget import read_budget

    q = QuestionChooser()._budget({p.id: [p] for p in _by(products, "laptops")})[0]
    assert q is not None and q.field == "budget"
    for option in q.options[:-1]:
        reading = read_budget(option.value, expect_budget=True)
        assert reading.stated, option.value
    assert _nice(47) == 50 and _nice(132) == 150 and _nice(880) == 900 and _nice(23) == 25


def test_yes_no_attributes_get_yes_no_buttons(products: tuple[Product, ...]) -> None:
    q = QuestionChooser()._attribute("wireless", {"a": {"yes"}, "b": {"no"}})
    assert q.text == "Do you need wireless?"
    assert [o.value for o in q.options] == ["yes", "no", "any"]


def test_category_question_lists_the_catalog(products: tuple[Product, ...]) -> None:
    q = QuestionChooser().category_question(list(products))
    assert q.field == "category" and "headphones" in q.text
    assert {o.value for o in q.options} == {"headphones", "running-shoes", "laptops"}
    shown = QuestionChooser().category_question(
        list(products)[:1] + list(products)[9:10], shown=True
    )
    assert shown.text.startswith("Which kind are you after")


def _watch(i: int, brand: str, kind: str, color: str) -> Product:
    return Product(
        id=f"w-{i}", title=f"{brand} Watch {i}", brand=brand, category="smartwatches",
        price=100.0 + i, attributes={"type": kind, "color": color},
    )  # fmt: skip


def test_values_beyond_the_buttons_narrow_less() -> None:
    # Ten brands of one model each split the list finer than three types, but a shopper
    # sees four brand buttons: most answers would be "any brand". The type narrows more.
    kinds = ["fitness tracker", "gps running watch", "smartwatch"]
    watches = [_watch(i, f"Brand{i}", kinds[i % 3], "black") for i in range(10)]
    q = QuestionChooser()(watches, frozenset({"category"}))
    assert q is not None and q.field == "attributes.type"


def test_looks_come_after_what_the_product_does() -> None:
    colors = ["black", "white", "rose", "blue"]
    watches = [
        _watch(i, "Acme", ["tracker", "smartwatch", "kids watch"][i % 3], colors[i % 4])
        for i in range(12)
    ]
    q = QuestionChooser()(watches, frozenset({"category", "budget"}))
    assert q is not None and q.field == "attributes.type"


def _laptop(i: int, cpu: str, kind: str) -> Product:
    return Product(
        id=f"l-{i}", title=f"Laptop {i}", brand="Acme", category="laptops", price=500.0 + i,
        attributes={"cpu": cpu, "type": kind},
    )  # fmt: skip


def test_model_codes_make_no_buttons() -> None:
    # "Which cpu: intel core i5-1335u, amd ryzen 5 7520u...?" is a question few shoppers can
    # answer; the split by type is asked instead, although the codes split finer
    cpus = ["intel core i5-1335u", "amd ryzen 5 7520u", "mediatek kompanio 520", "intel n4500"]
    kinds = ["2-in-1", "ultrabook"]
    laptops = [_laptop(i, cpus[i % 4], kinds[i % 2]) for i in range(8)]
    q = QuestionChooser()(laptops, frozenset({"category", "budget"}))
    assert q is not None and q.field == "attributes.type"
