"""What the PII recognizers share: the :class:`Span` they return and the context words that
mark a number as a product reference (order, SKU, tracking...) rather than personal data."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """One finding: ``text[start:end]`` is personal data of ``kind``."""

    start: int
    end: int
    kind: str

    def __len__(self) -> int:
        return self.end - self.start


REFERENCE_WORDS = (
    r"order|orders|ord|sku|item|items|model|part|serial|s/n|sn|tracking|track|parcel|shipment"
    r"|ref|reference|invoice|inv|ticket|case|rma|ean|upc|gtin|isbn|barcode|article|art"
    r"|quote|voucher|coupon|loyalty|membership|receipt|warranty|registration|bundle|pack"
    r"|imei|meid|esn|asin|lot|batch|code|codes"
)
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:"
    + REFERENCE_WORDS
    + r")\b\.?|#)\s*(?:(?:number|no\.?|nr\.?|num|#|id|is|was|:)\s*)*$",
    re.IGNORECASE,
)


def reference_before(text: str, start: int) -> bool:
    """An order/SKU/tracking word (or ``#``) right before ``start``: the number there is a
    product reference."""
    return bool(_REFERENCE_BEFORE.search(text[max(0, start - 30) : start]))
