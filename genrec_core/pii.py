"""PII redaction: e-mail addresses, phone numbers, payment cards, IBANs and street addresses.

Each kind of personal data has its own recognizer; :class:`Redactor` runs them all, resolves
overlaps and replaces what they found with a typed placeholder (``<EMAIL>``, ``<PHONE>``,
``<CARD>``, ``<IBAN>``, ``<ADDRESS>``). Recognizers are tuned to leave product talk alone:
model numbers, sizes, prices, order and tracking numbers, SKUs and barcodes.

- Cards: 14 to 19 digits (spaces or dashes between groups) with a known network prefix and a
  valid Luhn check digit, not introduced by an order/tracking/EAN word.
- E-mails: ``local@domain.tld``, also ``name at domain dot com`` and ``name [at] domain``.
- Phones: ``phonenumbers`` validates every phone-shaped candidate; international numbers
  (``+`` or ``00``) for any country, national numbers for the US (3-3-4 digits) and the UK
  (leading 0). A bare digit run needs a phone word nearby (call, phone, mobile...), and an
  order/SKU/tracking word right before a number makes it a reference instead.
- IBANs: country code, length of that country and the ISO 7064 mod-97 check.
- Street addresses: house number and street name with a street word (US/UK ``12 Oak St``,
  German ``Hauptstraße 5``, French ``8 rue de Rivoli``), with unit, town and postcode when
  they follow.

Pure Python (3.8+), no NLP model: the Rasa tracker store, the recommender and the console use
the same code. Measured recall and false positives: docs/BENCHMARKS.md ("PII redaction").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import phonenumbers

KINDS = ("CARD", "EMAIL", "PHONE", "IBAN", "ADDRESS")
PLACEHOLDERS = {kind: f"<{kind}>" for kind in KINDS}
# Longer texts are redacted in pieces of this size (overlapping, so nothing is cut in two).
CHUNK_CHARS = 4_000
CHUNK_OVERLAP = 200


@dataclass(frozen=True)
class Span:
    """One finding: ``text[start:end]`` is personal data of ``kind``."""

    start: int
    end: int
    kind: str

    def __len__(self) -> int:
        return self.end - self.start


# --------------------------------------------------------------------------- context words

_REFERENCE_WORDS = (
    r"order|orders|ord|sku|item|items|model|part|serial|s/n|sn|tracking|track|parcel|shipment"
    r"|ref|reference|invoice|inv|ticket|case|rma|ean|upc|gtin|isbn|barcode|article|art"
    r"|quote|voucher|coupon|loyalty|membership|receipt|warranty|registration|bundle|pack"
)
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:"
    + _REFERENCE_WORDS
    + r")\b\.?|#)\s*(?:(?:number|no\.?|nr\.?|num|#|id|is|was|:)\s*)*$",
    re.IGNORECASE,
)
_PHONE_WORDS = re.compile(
    r"\b(?:call|calls|calling|phone|phoned|tel|telephone|mobile|mob|cell|cellphone|landline"
    r"|ring|text|sms|whatsapp|signal|fax|dial|reach|contact|number|line|office|home)\b",
    re.IGNORECASE,
)


def _reference_before(text: str, start: int) -> bool:
    """An order/SKU/tracking word right before ``start`` (the number is a reference)."""
    return bool(_REFERENCE_BEFORE.search(text[max(0, start - 30) : start]))


def _phone_word_near(text: str, start: int, end: int) -> bool:
    return bool(_PHONE_WORDS.search(text[max(0, start - 40) : start] + " " + text[end : end + 15]))


# --------------------------------------------------------------------------- cards

_CARD_CANDIDATE = re.compile(r"(?<![\w.,/-])\d(?:[ -]?\d){13,18}(?![\w/]|[.,-]\d)")
_CARD_PREFIXES: tuple[tuple[tuple[int, int], tuple[int, ...]], ...] = (
    ((4, 4), (16, 19)),  # Visa
    ((51, 55), (16,)),  # Mastercard
    ((2221, 2720), (16,)),  # Mastercard 2-series
    ((34, 34), (15,)),  # American Express
    ((37, 37), (15,)),
    ((6011, 6011), (16, 19)),  # Discover
    ((644, 649), (16, 19)),
    ((65, 65), (16, 19)),
    ((3528, 3589), (16, 19)),  # JCB
    ((300, 305), (14, 16, 19)),  # Diners Club
    ((36, 36), (14, 16, 19)),
    ((38, 39), (16, 19)),
    ((62, 62), (16, 17, 18, 19)),  # UnionPay
    ((50, 50), (16, 19)),  # Maestro
    ((56, 58), (16, 19)),
    ((67, 67), (16, 19)),
)


def luhn_valid(digits: str) -> bool:
    """Whether the digit string passes the Luhn (mod 10) check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_network(digits: str) -> bool:
    for (low, high), lengths in _CARD_PREFIXES:
        width = len(str(low))
        if len(digits) in lengths and low <= int(digits[:width]) <= high:
            return True
    return False


def _regular_groups(raw: str) -> bool:
    """Separators, if any, split the number as cards are printed (4-4-4-4, 4-6-5, ...)."""
    groups = re.split(r"[ -]", raw)
    if len(groups) == 1:
        return True
    if len({sep for sep in re.findall(r"[ -]", raw)}) > 1:
        return False
    sizes = [len(g) for g in groups]
    return sizes[:-1] == [4] * (len(sizes) - 1) or sizes in ([4, 6, 5], [4, 6, 4])


def find_cards(text: str) -> list[Span]:
    """Luhn-valid card numbers of a known network."""
    out = []
    for m in _CARD_CANDIDATE.finditer(text):
        raw = m.group()
        digits = re.sub(r"\D", "", raw)
        if not (_card_network(digits) and luhn_valid(digits) and _regular_groups(raw)):
            continue
        if _reference_before(text, m.start()):
            continue
        out.append(Span(m.start(), m.end(), "CARD"))
    return out


# --------------------------------------------------------------------------- e-mails

_TLD = r"[A-Za-z]{2,24}"
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w][\w.+-]{0,63}@(?:[\w-]{1,63}\.){1,8}" + _TLD + r"(?![\w-])", re.UNICODE
)
_AT = r"(?:\s*[\[(]\s*at\s*[\])]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[(]\s*dot\s*[\])]\s*|\s+dot\s+)"
_COMMON_TLDS = (
    r"com|org|net|edu|gov|io|me|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|ie|pt|ru|jp|cn"
    r"|in|au|ca|us|info|biz|dev|app|eu"
)
_OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])[\w][\w.+-]{0,63}(?:" + _DOT + r"[\w-]{1,63}){0,3}" + _AT
    + r"[\w-]{1,63}(?:(?:" + _DOT + r"|\.)[\w-]{1,63}){0,3}(?:" + _DOT + r"|\.)(?:" + _COMMON_TLDS
    + r")(?![.\w]*@)",  # no \b: "dot comthanks" is still an address ending in .com
    re.IGNORECASE,
)  # fmt: skip


def find_emails(text: str) -> list[Span]:
    """E-mail addresses, plain or written with ``at``/``dot`` in words or brackets."""
    spans = [Span(m.start(), m.end(), "EMAIL") for m in _EMAIL.finditer(text)]
    if " at " in text.lower() or "(at)" in text.lower() or "[at]" in text.lower():
        for m in _OBFUSCATED_EMAIL.finditer(text):
            local = text[m.start() : m.end()].split()[0].lower()
            if local in ("me", "us", "him", "her", "them", "it", "look", "arrive", "arrived"):
                continue
            spans.append(Span(m.start(), m.end(), "EMAIL"))
    return spans


# --------------------------------------------------------------------------- phones

_PHONE_CANDIDATE = re.compile(
    r"(?<![\w.,/+-])(?:\+|00)?(?:\(\s*\d{1,4}\s*\)|\d)(?:[ .\-\u00a0]{0,2}(?:\(\s*\d{1,4}\s*\)|\d)){6,16}(?![\w/]|[.,-]\d)"
)
# Personal data comes in clusters: a bare number this close to an e-mail or address is a phone.
CLUSTER_CHARS = 60


def _phone_valid(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    try:
        if candidate.startswith(("+", "00")):
            text = "+" + digits[2:] if candidate.startswith("00") else candidate
            # A "+" or "00" already says "phone": any number of a plausible length counts.
            return bool(phonenumbers.is_possible_number(phonenumbers.parse(text)))
        if digits.startswith("0"):
            # UK national format; ranges not allocated yet (or kept for drama) still count.
            number = phonenumbers.parse(candidate, "GB")
            return len(digits) in (10, 11) and bool(phonenumbers.is_possible_number(number))
        number = phonenumbers.parse(candidate, "US")
        if not phonenumbers.is_valid_number(number):
            return False
        groups = [g for g in re.split(r"[^\d]+", candidate) if g]
        return len(groups) == 1 or [len(g) for g in groups][-3:] == [3, 3, 4]
    except phonenumbers.NumberParseException:
        return False


def find_phones(text: str, others: Sequence[Span] = ()) -> list[Span]:
    """Valid phone numbers (``phonenumbers``), with the context rules of the module doc.

    ``others`` are findings of other kinds: a bare digit run next to one of them (contact
    details listed together) counts as a phone without a phone word.
    """
    out = []
    for m in _PHONE_CANDIDATE.finditer(text):
        raw = m.group().rstrip(" .-")
        start, end = m.start(), m.start() + len(raw)
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15 or not _phone_valid(raw):
            continue
        international = raw.startswith(("+", "00"))
        separated = bool(re.search(r"[ .()\-]", raw))
        if _reference_before(text, start) and not international:
            continue
        near_other = any(
            o.start - CLUSTER_CHARS <= end and start <= o.end + CLUSTER_CHARS for o in others
        )
        bare = not (international or separated)
        if bare and not (near_other or _phone_word_near(text, start, end)):
            continue
        out.append(Span(start, end, "PHONE"))
    return out


# --------------------------------------------------------------------------- IBANs

_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30,
    "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28,
    "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20,
}  # fmt: skip
_IBAN_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])"
)


def iban_valid(value: str) -> bool:
    """Country length and mod-97 check of an IBAN written without spaces."""
    value = value.upper()
    if _IBAN_LENGTHS.get(value[:2]) != len(value) or not value[2:4].isdigit():
        return False
    rearranged = value[4:] + value[:4]
    try:
        return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1
    except ValueError:
        return False


def find_ibans(text: str) -> list[Span]:
    """IBANs, grouped by four or written in one piece."""
    out = []
    for m in _IBAN_CANDIDATE.finditer(text):
        raw = m.group()
        compact = raw.replace(" ", "")
        length = _IBAN_LENGTHS.get(compact[:2].upper())
        if length is None or len(compact) < length:
            continue
        if len(compact) > length:  # words after the IBAN were swallowed: cut at its length
            kept, count = 0, 0
            while count < length:
                count += raw[kept] != " "
                kept += 1
            raw, compact = raw[:kept], compact[:length]
            if kept < len(m.group()) and m.group()[kept] != " ":
                continue
        if iban_valid(compact):
            out.append(Span(m.start(), m.start() + len(raw), "IBAN"))
    return out


# --------------------------------------------------------------------------- street addresses

_STREET_WORDS = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way"
    r"|terrace|ter|parkway|pkwy|highway|hwy|circle|cir|crescent|close|square|sq|row|mews"
    r"|gardens|grove|hill|walk|alley|plaza|trail|trl"
)
_CAP_WORD = r"(?:[A-Z][A-Za-z'\u00c0-\u017f-]*\.?|Jr\.?|\d{1,3}(?:st|nd|rd|th))"
_UNIT = r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl)\.?\s*#?\s*\w{1,5}|,?\s+#\d{1,5})"
_US_TAIL = (
    r"(?:,?\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?" + _UNIT + r"?"
    r"(?:,\s*[A-Z][A-Za-z.' -]{1,30}?,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?"  # , City, ST 12345
    r"|,\s*[A-Z][A-Za-z.' -]{1,30}?,?\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # , Town SW1A 2AA
    r")?"
)
_ANGLO = re.compile(
    r"(?<![\w-])(?:(?:Flat|Apt|Unit)\s+\w{1,4},\s*)?\d{1,5}[A-Za-z]?\s+"
    r"(?P<name>(?:" + _CAP_WORD + r"\s+){1,4})(?:" + _STREET_WORDS + r")\b\.?" + _US_TAIL,
    re.IGNORECASE,
)
# Street names are capitalised; the street word alone may be lower case ("12 Oak st").
_ANGLO_CASE = re.compile(r"^(?:(?:Flat|Apt|Unit)\s+\w{1,4},\s*)?\d{1,5}[A-Za-z]?\s+[A-Z0-9]")
_GERMAN = re.compile(
    r"(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß.-]*\s+){0,3}[A-ZÄÖÜ]?[\wäöüß-]*"
    r"(?i:straße|strasse|str\.|weg|allee|platz|gasse|ufer)"
    r"\s+\d{1,4}\s?[a-z]?\b(?:,\s*\d{5}\s+[A-ZÄÖÜ][\wäöüß-]+)?"
)
_FR_NAME_WORD = r"(?:(?:de|du|des|la|le|les|d'|l')\s*|[A-Z\u00c0-\u00dd][\w'\u00c0-\u017f-]*)"
_FRENCH = re.compile(
    r"(?<![\w-])\d{1,4}(?:\s?(?:bis|ter))?,?\s+"
    r"(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|cours)\s+"
    r"(?:" + _FR_NAME_WORD + r"\s*){0,5}[A-Z\u00c0-\u00dd][\w'\u00c0-\u017f-]*"
    r"(?:,\s*\d{5}\s+[A-Z\u00c0-\u00dd][\w'\u00c0-\u017f-]+)?",
)
# Any capitalised street name with a house number, when a German postcode and town follow.
_GERMAN_WITH_TOWN = re.compile(
    r"(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß.-]*\s+(?:(?:den|der|dem|am|an|im|zum|zur|auf|von)\s+)?){1,4}"
    r"\d{1,4}\s?[a-z]?,\s*\d{5}\s+[A-ZÄÖÜ][\wäöüß-]+"
)
_PRODUCT_WORDS = re.compile(
    r"\b(?:pack|packs|piece|pcs|way|series|gen|collection|edition|model|set|seater|shoes"
    r"|lamp|light|speaker|system|bike|ssd|drive|gb|tb|inch|mm|cm|kg|watt|w)\b",
    re.IGNORECASE,
)


def find_addresses(text: str) -> list[Span]:
    """Street addresses (house number + capitalised street name + street word, and
    German/French word orders), with unit, town and postcode when they follow."""
    out = []
    for m in _ANGLO.finditer(text):
        found = m.group()
        if not _ANGLO_CASE.match(found):
            continue
        if _PRODUCT_WORDS.search(m.group("name")):
            continue
        out.append(Span(m.start(), m.end(), "ADDRESS"))
    for pattern in (_GERMAN, _FRENCH, _GERMAN_WITH_TOWN):
        for m in pattern.finditer(text):
            if pattern is _GERMAN and not re.match(r"[A-ZÄÖÜ]", m.group()):
                continue
            out.append(Span(m.start(), m.end(), "ADDRESS"))
    return out


# --------------------------------------------------------------------------- the redactor

RECOGNIZERS: dict[str, Callable[..., list[Span]]] = {
    "CARD": find_cards,
    "IBAN": find_ibans,
    "EMAIL": find_emails,
    "PHONE": find_phones,
    "ADDRESS": find_addresses,
}
# When two findings overlap, the more specific kind wins, then the longer one.
_PRIORITY = {"CARD": 0, "IBAN": 1, "EMAIL": 2, "ADDRESS": 3, "PHONE": 4}


def _resolve(spans: Iterable[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (_PRIORITY[s.kind], -len(s), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


class Redactor:
    """Finds PII and replaces it with typed placeholders.

    Args:
        kinds: which recognizers run (default: all of :data:`KINDS`).
    """

    def __init__(self, kinds: Sequence[str] = KINDS) -> None:
        unknown = set(kinds) - set(KINDS)
        assert not unknown, f"unknown PII kinds: {sorted(unknown)}"
        self.kinds = tuple(kinds)
        self._recognizers = [RECOGNIZERS[k] for k in self.kinds]

    def find(self, text: str) -> list[Span]:
        """Non-overlapping findings, in text order."""
        if not text or not any(ch.isdigit() or ch == "@" or ch in "aA" for ch in text):
            return []
        if len(text) > CHUNK_CHARS:
            return self._find_long(text)
        return _resolve(self._find_all(text))

    def _find_all(self, text: str) -> list[Span]:
        found: list[Span] = []
        for kind, recognizer in zip(self.kinds, self._recognizers):
            if kind != "PHONE":
                found.extend(recognizer(text))
        if "PHONE" in self.kinds:
            found.extend(find_phones(text, found))
        return found

    def _find_long(self, text: str) -> list[Span]:
        found: list[Span] = []
        step = CHUNK_CHARS - CHUNK_OVERLAP
        for offset in range(0, len(text), step):
            piece = text[offset : offset + CHUNK_CHARS]
            found.extend(
                Span(s.start + offset, s.end + offset, s.kind) for s in self._find_all(piece)
            )
        return _resolve(found)

    def redact_spans(self, text: str) -> tuple[str, list[Span], list[Span]]:
        """``(redacted text, spans in the original, spans of the placeholders in the result)``."""
        spans = self.find(text)
        if not spans:
            return text, [], []
        parts, new_spans, last, shift = [], [], 0, 0
        for span in spans:
            placeholder = PLACEHOLDERS[span.kind]
            parts.append(text[last : span.start])
            start = span.start + shift
            new_spans.append(Span(start, start + len(placeholder), span.kind))
            parts.append(placeholder)
            shift += len(placeholder) - len(span)
            last = span.end
        parts.append(text[last:])
        return "".join(parts), spans, new_spans

    def redact(self, text: str) -> str:
        """``text`` with every finding replaced by its placeholder."""
        return self.redact_spans(text)[0]


def shift_offset(position: int, spans: Sequence[Span], new_spans: Sequence[Span]) -> int:
    """Where ``position`` of the original text lands in the redacted text (a position inside
    a redacted span maps to that placeholder's start, or end for a span's end)."""
    shift = 0
    for old, new in zip(spans, new_spans):
        if position <= old.start:
            break
        if position < old.end:
            return new.start
        shift = new.end - old.end
    return position + shift


_DEFAULT: Redactor | None = None


def default_redactor() -> Redactor:
    """The process-wide redactor with every recognizer."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Redactor()
    return _DEFAULT


@functools.lru_cache(maxsize=4096)
def _cached_redact(text: str) -> str:
    return default_redactor().redact(text)


def redact(text: str) -> str:
    """Redact one text with the default redactor (short texts are cached)."""
    if len(text) > 2_000:
        return default_redactor().redact(text)
    return _cached_redact(text)


def contains_pii(text: str) -> bool:
    """Whether the default redactor finds anything in ``text``."""
    return bool(default_redactor().find(text))


# Keys whose string values are names, ids or codes, never free text.
KEEP_KEYS = frozenset(
    {
        "event", "name", "timestamp", "policy", "confidence", "input_channel", "message_id",
        "intent_name", "action_name", "sender_id", "type_name", "entity", "extractor",
        "processors", "retrieval_intent", "utter_action", "template_name", "response",
        "role", "group", "type", "id", "product_id", "trace_id", "session_id", "user_id",
        "reply_source", "ticket_id", "status", "reason", "channel", "currency", "url", "image",
        "payload",
    }
)  # fmt: skip


def redact_value(value: Any, keep_keys: frozenset = KEEP_KEYS, _depth: int = 0) -> Any:
    """A copy of a JSON-like value with every free-text string redacted.

    Strings under a key in ``keep_keys`` (names, ids, codes) are kept as they are; nesting
    deeper than 64 levels is cut (``None``).
    """
    if _depth > 64:
        return None
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {
            k: (v if k in keep_keys and not isinstance(v, (dict, list)) else
                redact_value(v, keep_keys, _depth + 1))
            for k, v in value.items()
        }  # fmt: skip
    if isinstance(value, (list, tuple)):
        return [redact_value(v, keep_keys, _depth + 1) for v in value]
    return value
