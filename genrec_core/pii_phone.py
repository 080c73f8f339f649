"""Phone numbers: ``phonenumbers`` checks every phone-shaped digit run, context decides.

- International (``+`` or ``00``): any number of a possible length for its country.
- National with a trunk ``0`` (UK, Germany, France, Italy, the Netherlands, Australia, Japan...):
  valid in one of those countries (German ``030/1234567`` too); under 10 digits only with a
  phone word near (``fabric 01 234 567`` is a code).
- North American (3-3-4 digits, ``(555) 123-4567``): valid, or of that shape with brackets
  around the area code or a phone word near (dummy ``555`` numbers are still typed as phones).
- Other national numbers without a trunk ``0`` (Spain ``612 34 56 78``, India ``98765 43210``)
  need a phone word near.

A bare digit run (no separators) needs a phone word near or other contact details next to it
(a number that is the whole message, or has its area code in brackets, counts as worded);
an order/SKU/tracking word right before a national number makes it a reference, and so
the numbers of the same shape after it in a list, unless a phone word is near them; a date
(``01.05.2023``) or a time range (``0900-1730``) is never a phone. An extension (``ext. 12``,
``x204``) joins the number.
"""

from __future__ import annotations

import re
from typing import Sequence

import phonenumbers

from genrec_core.pii_base import Span, reference_before

_GROUP = r"(?:\(\s*\d{1,4}\s*\)|\d)"
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w.,/+-])(?:\+\s?|00|\(\+\d{1,3}\)\s?)?" + _GROUP
    + r"(?:(?:[ .\-\u00a0]{0,2}|\s?/\s?)" + _GROUP + r"){4,16}(?![\w/]|[.,-]\d)"
)  # fmt: skip
_PHONE_WORDS = re.compile(
    r"\b(?:call|calls|calling|phone|phoned|tel|telephone|mobile|mob|cell|cellphone|landline"
    r"|ring|text|sms|whatsapp|signal|telegram|fax|dial|reach|contact|number|line|office|home"
    r"|work|details|handy|telefon|tél|portable|mobiel|cellulare|móvil|movil|numero|número|nummer)\b",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r"\s*,?\s*(?:ext\.?|extension|x|#)\s*\d{1,6}\b", re.IGNORECASE)
# A measurement or a range of them ("3200-5600 K", "10 000 mAh") is no phone.
_UNIT_AFTER = re.compile(
    r"\s?(?:k|w|kw|hz|khz|mhz|ghz|mah|ah|rpm|mm|cm|m|km|kg|g|l|ml|v|dpi|gb|tb|mb|pcs|lm|lumens?"
    r"|ppm|db|nm|kbps|mbps|gbps|%|°|€|\$|£|eur|usd|gbp|dollars?|euros?)(?![\w/])",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}")
_TIME_RANGE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d ?- ?(?:[01]\d|2[0-3])[0-5]\d")  # "0900-1730"
# Personal data comes in clusters: a bare number this close to an e-mail or address is a phone.
CLUSTER_CHARS = 60
# Countries whose national numbers start with a trunk 0, and others commonly typed without one.
TRUNK_ZERO_REGIONS = (
    "GB", "DE", "FR", "IT", "NL", "BE", "AT", "CH", "IE", "AU", "SE", "JP", "IN", "KR", "NZ",
    "ZA", "FI", "TR", "AR",
)  # fmt: skip
OTHER_REGIONS = (
    "ES", "IN", "IT", "BR", "MX", "PL", "PT", "CN", "GR", "US", "NO", "DK", "SG", "HK", "RU",
)  # fmt: skip


def _phone_word_near(text: str, start: int, end: int) -> bool:
    return bool(_PHONE_WORDS.search(text[max(0, start - 40) : start] + " " + text[end : end + 15]))


def _valid_in(raw: str, regions: Sequence[str]) -> bool:
    for region in regions:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(raw, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _international(raw: str, digits: str) -> bool:
    text = "+" + digits[2:] if raw.startswith("00") else "+" + digits
    if text.startswith("+521") and len(text) == 14:  # Mexican mobiles kept their old "1"
        text = "+52" + text[4:]
    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(text)))
    except phonenumbers.NumberParseException:
        return False


def _trunk_zero(raw: str, digits: str) -> bool:
    """A national number with a trunk 0; UK ranges not allocated yet still count."""
    try:
        if len(digits) in (10, 11) and phonenumbers.is_possible_number(
            phonenumbers.parse(raw, "GB")
        ):
            return True
    except phonenumbers.NumberParseException:
        pass
    return _valid_in(raw, TRUNK_ZERO_REGIONS)


def _nanp_shape(raw: str, digits: str) -> bool:
    """Written as North American numbers are: 3-3-4 digits, maybe after a leading 1."""
    groups = [g for g in re.split(r"\D+", raw) if g]
    sizes = [len(g) for g in groups]
    if sizes in ([10], [11]):
        return len(digits) == 10 or digits.startswith("1")
    return sizes in ([3, 3, 4], [1, 3, 3, 4]) and (sizes[0] == 3 or groups[0] == "1")


def _grouped_like_phone(raw: str) -> bool:
    """Three or more small groups with one kind of separator ("612 34 56 78", "512 345 678",
    "691 234 5678"): numbers are written so, years and codes of four digits are not, nor
    codes that end in one pair after a triple ("447-112-10")."""
    groups = re.split(r"[ .\-\u00a0]", raw)
    if len(groups) < 3 or len(set(re.findall(r"[ .\-\u00a0]", raw))) != 1:
        return False
    sizes = [len(g) for g in groups]
    if not all(g.isdigit() for g in groups):
        return False
    return (
        2 <= sizes[0] <= 3
        and all(2 <= n <= 3 for n in sizes[1:-1])
        and 2 <= sizes[-1] <= 4
        and (sizes[-1] > 2 or sizes[-2] == 2)  # pairs end in pairs; "447-112-10" is a code
    )


def _list_length(raw: str) -> int:
    """How many numbers a rising list such as "38 40 42 44 46" (sizes, models) has; 0 when
    ``raw`` is no such list."""
    groups = [g for g in re.split(r"[ .\-\u00a0]", raw) if g]
    if len(groups) < 3 or not all(g.isdigit() and g[0] != "0" for g in groups):
        return 0
    if len(groups[-1]) == 4:  # "123 456 7890" is a phone typed by hand
        return 0
    values = [int(g) for g in groups]
    return len(values) if all(a < b for a, b in zip(values, values[1:])) else 0


def _bare_mobile(digits: str) -> bool:
    """A national mobile number with its trunk 0, typed without spaces ("07400123456")."""
    for region in TRUNK_ZERO_REGIONS:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE:
            return True
    return False


def _nanp_valid(raw: str) -> bool:
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(raw, "US")))
    except phonenumbers.NumberParseException:
        return False


def _accept(text: str, raw: str, start: int, end: int, others: Sequence[Span]) -> bool:
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15 or _DATE.fullmatch(raw) or _TIME_RANGE.fullmatch(raw):
        return False
    if _UNIT_AFTER.match(text, end):
        return False
    if re.search(r"(?:^|\s)0[.,]\d", raw):  # decimals: "0.12 0.34 0.56"
        return False
    international = raw.startswith(("+", "00", "(+"))
    slash = re.match(r"(?:\+\s?\d{1,3}[ .-]?|00\d{1,3}[ .-]?)?\(?0?\d{1,4}\)?\s?/", raw)
    if raw.count("/") > 1 or ("/" in raw and not slash):
        return False  # one slash, after the area code: "030/1234567", "+49 30/1234567"
    if reference_before(text, start) and not raw.startswith(("+", "(+")):
        return False  # "ref 0049 1234 5678" is a reference; "ref +49..." still a phone
    if international:
        return _international(raw, digits)
    near_other = any(
        o.start - CLUSTER_CHARS <= end and start <= o.end + CLUSTER_CHARS for o in others
    )
    separated = bool(re.search(r"[ .()/\-\u00a0]", raw))
    alone = not text[:start].strip(" \t\n:-\"'(") and not text[end:].strip(" .!)\"'")
    # A number that is the whole message, or has its area code in brackets, reads as a phone.
    phone_shaped = (alone and (separated or digits[0] == "0" or _nanp_valid(raw))) or bool(
        re.match(r"\(\d{2,5}\)", raw)
    )
    worded = near_other or phone_shaped or _phone_word_near(text, start, end)
    rising = _list_length(raw)
    if rising >= 5 or (rising and not worded):
        return False
    if not (separated or worded):
        return digits[0] == "0" and 10 <= len(digits) <= 12 and _bare_mobile(digits)
    if digits.startswith("0"):  # a short one ("01 234 567") is a code unless worded
        return (worded or len(digits) >= 10) and _trunk_zero(raw, digits)
    if _nanp_shape(raw, digits) and (_nanp_valid(raw) or worded or raw.startswith("1")):
        return True
    return (worded or _grouped_like_phone(raw)) and _valid_in(raw, OTHER_REGIONS)


def find_phones(text: str, others: Sequence[Span] = ()) -> list[Span]:
    """Phone numbers by the rules of the module doc.

    ``others`` are findings of other kinds: a bare digit run next to one of them (contact
    details listed together) counts as a phone without a phone word.
    """
    out = []
    references: set[str] = set()  # shapes of the reference numbers met so far ("999-999-99")
    for m in _PHONE_CANDIDATE.finditer(text):
        pieces = [(m.start(), m.group())]
        if "/" in m.group():  # "030/1234567", or two numbers: "+34 621 743 254 / 73 rue..."
            pieces += [(m.start() + p.start(), p.group()) for p in re.finditer(r"[^/]+", m.group())]
        for i, (at, piece) in enumerate(pieces):
            raw = piece.rstrip(" .-/")
            lead = len(raw) - len(raw.lstrip(" "))
            start, raw = at + lead, raw.strip(" ")
            end = start + len(raw)
            shape = re.sub(r"\d", "9", raw)
            if reference_before(text, start):
                references.add(shape)
            elif shape in references and not _phone_word_near(text, start, end):
                continue  # the next one in a list: "SKU 447-112-09 and 2 of 447-112-10"
            if _accept(text, raw, start, end, others):
                ext = _EXTENSION.match(text, end)
                out.append(Span(start, ext.end() if ext else end, "PHONE"))
                if i == 0:
                    break
    return out
