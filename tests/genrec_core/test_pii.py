"""The PII redactor: each recognizer, overlaps, offsets, nested values, hostile input, and the
benchmark's thresholds on the held-out set (bench/pii/heldout.jsonl)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from genrec_core.pii import (
    Redactor,
    contains_pii,
    iban_valid,
    luhn_valid,
    redact,
    redact_value,
    shift_offset,
)
from genrec_core.redacting_log import RedactingFilter

HELDOUT = Path(__file__).resolve().parents[2] / "bench" / "pii" / "heldout.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my card is 4539 1488 0343 6467 thanks", "my card is <CARD> thanks"),
        ("amex 3714-496353-98431", "amex <CARD>"),
        ("mail me at Jo.Doe+shop@Example.co.uk.", "mail me at <EMAIL>."),
        ("jo dot doe at gmail dot com", "<EMAIL>"),
        ("call (415) 555-0132 or +44 20 7946 0958", "call <PHONE> or <PHONE>"),
        ("my number is 4155550132", "my number is <PHONE>"),
        ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN <IBAN> please"),
        ("ship to 221B Baker Street, London NW1 6XE now", "ship to <ADDRESS> now"),
        ("Hauptstraße 5, 10115 Berlin", "<ADDRESS>"),
        ("12 rue de la Paix, 75002 Paris", "<ADDRESS>"),
    ],
)
def test_each_kind_is_replaced_by_its_placeholder(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "order #4539148803436467 has not arrived",  # a Luhn-valid number after "order"
        "Sony WH-1000XM5, 30 hours battery, $279.99",
        "my order number is 4155550132",
        "tracking 1Z999AA10123456784",
        "EAN 4006381333931",
        "3 Way Speaker System, 60 Hz - 20 kHz",
        "The Drive 500 GB SSD reads at 3500 MB/s",
        "size 10.5 US, 2 x 16 GB DDR5-5600",
        "look at this dot com bubble book",
    ],
)
def test_product_talk_is_left_alone(text: str) -> None:
    assert redact(text) == text
    assert not contains_pii(text)


def test_checksums() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert iban_valid("GB29NWBK60161331926819") and not iban_valid("GB29NWBK60161331926818")
    assert redact("card 4111 1111 1111 1112") == "card 4111 1111 1111 1112"


def test_offsets_move_with_the_placeholders() -> None:
    text = "mail jo@x.org about the Sony headphones"
    clean, old, new = Redactor().redact_spans(text)
    assert clean == "mail <EMAIL> about the Sony headphones"
    sony = text.index("Sony")
    moved = shift_offset(sony, old, new)
    assert clean[moved : moved + 4] == "Sony"
    assert shift_offset(text.index("jo@"), old, new) == clean.index("<EMAIL>")
    assert shift_offset(2, old, new) == 2


def test_nested_values_keep_ids_and_names() -> None:
    value = {
        "event": "user",
        "text": "I'm jo@x.org",
        "parse_data": {
            "intent": {"name": "inform"},
            "entities": [{"entity": "email", "value": "jo@x.org"}],
        },
        "product_id": "4539148803436467",
        "list": ["call +1 415 555 0132", 3, None],
    }
    clean = redact_value(value)
    assert clean["text"] == "I'm <EMAIL>"
    assert clean["parse_data"]["entities"][0] == {"entity": "email", "value": "<EMAIL>"}
    assert clean["product_id"] == "4539148803436467"
    assert clean["list"] == ["call <PHONE>", 3, None]
    assert value["text"] == "I'm jo@x.org"  # the input is not changed


def test_hostile_input_is_fast_and_safe() -> None:
    start = time.perf_counter()
    for text in [
        "1" * 100_000,
        "a@" * 20_000,
        "+" + "1 " * 30_000,
        "\x00\ud800 4111 1111 1111 1111",
    ]:
        redact(text)
    long = ("word " * 2_000) + "jo@x.org " + ("9" * 3) + " end"
    assert "<EMAIL>" in redact(long) and "jo@x.org" not in redact(long)
    assert redact("") == "" and redact_value(None) is None
    assert time.perf_counter() - start < 10


def test_a_card_across_the_chunk_boundary_is_found() -> None:
    text = "x" * 3_990 + " 4111 1111 1111 1111 " + "y" * 100
    assert "4111" not in redact(text)


def test_log_records_are_redacted() -> None:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "user said %s", ("jo@x.org",), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "user said <EMAIL>"


def test_heldout_thresholds() -> None:
    """The issue's bar on the held-out set: recall >= 99% for cards, e-mails and phones,
    <= 1% of product texts touched (numbers in docs/BENCHMARKS.md)."""
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300
    redactor = Redactor()
    found: dict[str, list[bool]] = {}
    flagged = 0
    products = [r for r in rows if r["kind"] == "product"]
    for row in rows:
        spans = redactor.find(row["text"])
        if row["kind"] == "product":
            flagged += bool(spans)
        for item in row["pii"]:
            at = row["text"].index(item["value"])
            hit = any(
                s.kind == item["type"] and s.start <= at and s.end >= at + len(item["value"])
                for s in spans
            )
            found.setdefault(item["type"], []).append(hit)
    for kind in ("CARD", "EMAIL", "PHONE"):
        assert sum(found[kind]) / len(found[kind]) >= 0.99, kind
    assert len(products) >= 150 and flagged / len(products) <= 0.01
