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
    # parcel carriers: "DPD 0150 6012 3456 78" is a tracking number
    r"|dhl|dpd|gls|ups|usps|fedex|hermes|evri|tnt|postnl|colissimo|chronopost|bpost|royal mail"
)
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:"
    + REFERENCE_WORDS
    + r")\b\.?|#)\s*(?:(?:number|no\.?|nr\.?|num|#|id|is|was|:)\s*)*$",
    re.IGNORECASE,
)


# Upper-case codes with digits that go on a reference ("tracking 1Z 999 AA1 01 2345 6784").
_CODE_PIECES = re.compile(r"(?:\b(?=[A-Z0-9]*\d)[A-Z0-9]{1,12}[ \t]+){1,4}$")


def reference_before(text: str, start: int) -> bool:
    """An order/SKU/tracking word (or ``#``) right before ``start``, maybe with the first
    pieces of an upper-case code between: the number there is a product reference."""
    before = text[max(0, start - 60) : start]
    if _REFERENCE_BEFORE.search(before[-30:]):
        return True
    code = _CODE_PIECES.search(before)
    return bool(
        code
        and re.search(r"[A-Z]", code.group())
        and _REFERENCE_BEFORE.search(before[: code.start()][-30:])
    )
