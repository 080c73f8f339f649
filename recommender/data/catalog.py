"""The product model and an in-memory catalog indexed for lookups and filters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from recommender.errors import NotFoundError


@dataclass(frozen=True)
class Product:
    """One sellable product. Every fact a reply states about a product comes from here.

    Attributes:
        id: stable product id (SKU), unique in the catalog.
        title: display name.
        brand: brand name as the shop writes it.
        category: one catalog category (lower-case slug, e.g. ``headphones``).
        price: unit price in ``currency``, >= 0.
        currency: ISO 4217 code, e.g. ``USD``.
        description: free text, may be long.
        attributes: flat string attributes (``color``, ``size``, ``wireless`` ...).
        url: product page.
        image: image URL.
        tags: extra search words (synonyms, use cases).
        in_stock: whether it can be recommended.
    """

    id: str
    title: str
    brand: str
    category: str
    price: float
    currency: str = "USD"
    description: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    url: str = ""
    image: str = ""
    tags: tuple[str, ...] = ()
    in_stock: bool = True

    def search_text(self) -> str:
        """Text the retrieval encoder sees for this product."""
        attrs = ", ".join(f"{k}: {v}" for k, v in sorted(self.attributes.items()))
        parts = [
            self.title,
            self.brand,
            self.category,
            attrs,
            " ".join(self.tags),
            self.description,
        ]
        return ". ".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with every field."""
        return {
            "id": self.id,
            "title": self.title,
            "brand": self.brand,
            "category": self.category,
            "price": self.price,
            "currency": self.currency,
            "description": self.description,
            "attributes": dict(self.attributes),
            "url": self.url,
            "image": self.image,
            "tags": list(self.tags),
            "in_stock": self.in_stock,
        }


class Catalog:
    """Products in a fixed order with lookups by id, category and brand."""

    def __init__(self, products: Iterable[Product]) -> None:
        self._products: list[Product] = list(products)
        self._by_id: dict[str, Product] = {}
        self._row: dict[str, int] = {}
        for row, p in enumerate(self._products):
            if p.id in self._by_id:
                raise ValueError(f"duplicate product id {p.id!r}")
            self._by_id[p.id] = p
            self._row[p.id] = row
        self.categories: tuple[str, ...] = tuple(sorted({p.category for p in self._products}))
        self.brands: tuple[str, ...] = tuple(sorted({p.brand for p in self._products}))

    def __len__(self) -> int:
        return len(self._products)

    def __iter__(self) -> Iterator[Product]:
        return iter(self._products)

    def __contains__(self, product_id: object) -> bool:
        return product_id in self._by_id

    def get(self, product_id: str) -> Product:
        """Return the product with this id.

        Raises:
            NotFoundError: no such product.
        """
        try:
            return self._by_id[product_id]
        except KeyError:
            raise NotFoundError(f"unknown product id {product_id!r}") from None

    def index_of(self, product_id: str) -> int:
        """Position of a product in catalog order (the row of its embedding)."""
        return self._row[product_id]
