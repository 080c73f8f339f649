"""Three smartwatches and turns over them, shared by the reply-wording tests."""

from __future__ import annotations

from recommender.data.catalog import Product
from recommender.models.generation.types import ChosenProduct, ProfileFacts, ReplyContext


def watch(pid: str, title: str, price: float, water: str, battery: str, **tags: str) -> Product:
    return Product(
        id=pid,
        title=title,
        brand=title.split()[0],
        category="smartwatches",
        price=price,
        attributes={"water_resistance": water, "battery_life": battery, "gps": "yes"},
        tags=tuple(tags.values()),
    )


WATCHES = (
    watch("w-1", "Garmin Swim 2, 42 mm, Slate", 249.99, "5 ATM", "7 days"),
    watch("w-2", "Fitbit Inspire 3, 39 mm, Midnight", 99.95, "5 ATM", "10 days", t="lightweight"),
    watch("w-3", "Apple Watch SE, 40 mm, Starlight", 249.0, "50 m", "18 hours"),
)


def turn(message: str, products: tuple[Product, ...] = WATCHES, **kw: object) -> ReplyContext:
    return ReplyContext(
        user_message=message,
        profile=ProfileFacts(category="smartwatches"),
        products=tuple(ChosenProduct(p) for p in products),
        **kw,  # type: ignore[arg-type]
    )
