"""PII redaction: e-mail addresses, phone numbers, payment cards, IBANs and street addresses.

Each kind of personal data has its own recognizer; :class:`Redactor` runs them all, resolves
overlaps and replaces what they found with a typed placeholder (``<EMAIL>``, ``<PHONE>``,
``<CARD>``, ``<IBAN>``, ``<ADDRESS>``). Recognizers are tuned to leave product talk alone:
model numbers, sizes, prices, order and tracking numbers, SKUs and barcodes.

- Cards: 12 to 19 digits with a known network's prefix and length and a valid Luhn check
  digit, grouped as cards are printed (4-4-4-4, 4-6-5, first group apart...; spaces, dashes,
  dots, mixed), not introduced by an order/tracking/EAN word; a 12-digit number, or a bare
  13-digit one that is also a valid EAN barcode, needs a card word near.
- E-mails: :mod:`genrec_core.pii_email`. Phones: :mod:`genrec_core.pii_phone`. IBANs: country
  code, length of that country and the ISO 7064 mod-97 check. Street addresses:
  :mod:`genrec_core.pii_address`.

Pure Python (3.8+), no NLP model: the Rasa tracker store, the recommender and the console use
the same code. Measured recall and false positives: docs/BENCHMARKS.md ("PII redaction").
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any, Callable, Iterable, Sequence

from genrec_core.pii_address import find_addresses
from genrec_core.pii_base import Span, reference_before
from genrec_core.pii_email import find_emails
from genrec_core.pii_phone import find_phones

__all__ = [
    "KINDS", "PLACEHOLDERS", "Redactor", "Span", "contains_pii", "default_redactor",
    "find_addresses", "find_cards", "find_emails", "find_ibans", "find_phones", "iban_valid",
    "luhn_valid", "redact", "redact_value", "shift_offset",
]  # fmt: skip

KINDS = ("CARD", "EMAIL", "PHONE", "IBAN", "ADDRESS")
PLACEHOLDERS = {kind: f"<{kind}>" for kind in KINDS}
# Longer texts are redacted in pieces of this size (overlapping, so nothing is cut in two).
CHUNK_CHARS = 4_000
CHUNK_OVERLAP = 200


# --------------------------------------------------------------------------- cards

# Digit groups with one separator between them: space(s), dash, dot or a line break.
_CARD_CANDIDATE = re.compile(
    r"(?<![\w.,/+-])\d+(?:(?:[ \u00a0]{1,3}|\s?[-.]\s?|\n)\d+)*(?![\w/]|[.,-]\d)"
)
_CARD_PREFIXES: tuple[tuple[tuple[int, int], tuple[int, ...]], ...] = (
    ((4, 4), (13, 16, 19)),  # Visa
    ((51, 55), (16,)),  # Mastercard
    ((2221, 2720), (16,)),  # Mastercard 2-series
    ((2200, 2204), (16, 17, 18, 19)),  # Mir
    ((34, 34), (15,)),  # American Express
    ((37, 37), (15,)),
    ((6011, 6011), (16, 19)),  # Discover
    ((644, 649), (16, 19)),
    ((65, 65), (16, 19)),  # Discover, RuPay, Verve
    ((60, 60), (16,)),  # RuPay
    ((81, 82), (16,)),
    ((3528, 3589), (16, 17, 18, 19)),  # JCB
    ((300, 305), (14, 16, 19)),  # Diners Club
    ((36, 36), (14, 16, 19)),
    ((38, 39), (14, 16, 19)),  # 14 digits: older Diners cards, only with a card word
    ((62, 62), (16, 17, 18, 19)),  # UnionPay
    ((636, 639), (16, 19)),  # InterPayment, InstaPayment
    ((9792, 9792), (16,)),  # Troy
    ((50, 50), (16, 19)),  # Maestro, Verve, Dankort
    ((56, 58), (16, 19)),
    ((67, 67), (16, 19)),
    ((5018, 5018), tuple(range(12, 20))),  # Maestro: 12 to 19 digits
    ((5020, 5020), tuple(range(12, 20))),
    ((5038, 5038), tuple(range(12, 20))),
    ((5893, 5893), tuple(range(12, 20))),
    ((6304, 6304), tuple(range(12, 20))),
    ((6759, 6759), tuple(range(12, 20))),
    ((6761, 6763), tuple(range(12, 20))),
)
_CARD_WORDS = re.compile(
    r"\b(?:card|cards|cc|visa|mastercard|master|mc|amex|american express|discover|diners"
    r"|jcb|unionpay|maestro|credit|debit|kreditkarte|karte|carte|tarjeta|carta|cvv|cvc|exp"
    r"|expiry|expires|pay|paid|payment|charge|charged)\b",
    re.IGNORECASE,
)
_CARD_WORD_BEFORE_HASH = re.compile(
    r"\b(?:card|cc|visa|mastercard|amex|credit|debit)\s*(?:no\.?|nr\.?|number)?\s*#\s*$",
    re.IGNORECASE,
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


def ean_valid(digits: str) -> bool:
    """Whether the digit string has a valid GS1 (EAN/UPC) check digit."""
    total = sum((ord(d) - 48) * (1 if i % 2 == 0 else 3) for i, d in enumerate(reversed(digits)))
    return total % 10 == 0


def _card_network(digits: str) -> bool:
    for (low, high), lengths in _CARD_PREFIXES:
        width = len(str(low))
        if len(digits) in lengths and low <= int(digits[:width]) <= high:
            return True
    return False


def _regular_groups(sizes: Sequence[int]) -> bool:
    """Digit groups as cards are printed: 4-4-4-4(-3), 4-6-5, 4-6-4, 4-3-3-3, the first
    group apart from the rest, or one piece."""
    if len(sizes) == 1:
        return True
    if len(sizes) == 2:
        return sizes[0] in (4, 6)
    if all(n == 4 for n in sizes[:-1]) and 1 <= sizes[-1] <= 4:
        return True
    return list(sizes) in ([4, 6, 5], [4, 6, 4], [4, 3, 3, 3])


def _card_word_near(text: str, start: int, end: int) -> bool:
    return bool(_CARD_WORDS.search(text[max(0, start - 40) : start] + " " + text[end : end + 20]))


def _is_card(text: str, start: int, end: int, digits: str, sizes: Sequence[int]) -> bool:
    if not (_card_network(digits) and luhn_valid(digits) and _regular_groups(sizes)):
        return False
    before = text[max(0, start - 30) : start]
    if reference_before(text, start) and not _CARD_WORD_BEFORE_HASH.search(before):
        return False
    if len(digits) == 12 or (len(sizes) == 1 and len(digits) == 13 and ean_valid(digits)):
        return _card_word_near(text, start, end)  # more likely a UPC or EAN-13 barcode
    if len(digits) == 14 and digits[:2] in ("38", "39"):
        return _card_word_near(text, start, end)
    return True


def find_cards(text: str) -> list[Span]:
    """Luhn-valid card numbers of a known network (see the module doc); in a longer run of
    digit groups, the longest card-shaped part counts ("qty 2 4111 1111 1111 1111")."""
    out = []
    for m in _CARD_CANDIDATE.finditer(text):
        groups = [(g.start(), g.end()) for g in re.finditer(r"\d+", m.group())]
        if not 12 <= sum(e - s for s, e in groups) <= 40:
            continue
        found = None
        for n in range(len(groups), 0, -1):  # longest part first
            for i in range(len(groups) - n + 1):
                part = groups[i : i + n]
                sizes = [e - s for s, e in part]
                if not 12 <= sum(sizes) <= 19:
                    continue
                start, end = m.start() + part[0][0], m.start() + part[-1][1]
                digits = re.sub(r"\D", "", text[start:end])
                if _is_card(text, start, end, digits, sizes):
                    found = Span(start, end, "CARD")
                    break
            if found:
                break
        if found:
            out.append(found)
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


# --------------------------------------------------------------------------- the redactor

RECOGNIZERS: dict[str, Callable[..., list[Span]]] = {
    "CARD": find_cards,
    "IBAN": find_ibans,
    "EMAIL": find_emails,
    "PHONE": find_phones,
    "ADDRESS": find_addresses,
}
# When two findings overlap, the more specific kind wins, then the longer one.
_PRIORITY = {"IBAN": 0, "CARD": 1, "EMAIL": 2, "ADDRESS": 3, "PHONE": 4}


def _resolve(spans: Iterable[Span]) -> list[Span]:
    starts: list[int] = []  # the chosen spans, disjoint, in text order
    chosen: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (_PRIORITY[s.kind], -len(s), s.start)):
        i = bisect.bisect_left(starts, span.start)
        if i > 0 and chosen[i - 1].end > span.start:
            continue
        if i < len(chosen) and chosen[i].start < span.end:
            continue
        starts.insert(i, span.start)
        chosen.insert(i, span)
    return chosen


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
        if not text or not any(ch.isdigit() or ch in "@\uff20aAäÄ" for ch in text):
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
