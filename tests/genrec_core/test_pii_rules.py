"""One or more cases per recognizer rule of genrec_core.pii, pii_phone and pii_address: the
value that each rule exists for is redacted whole, and the product text it must leave alone
is left alone."""

from __future__ import annotations

import pytest

from genrec_core.pii import Redactor, ean_valid, find_cards, find_emails
from genrec_core.pii_address import find_addresses
from genrec_core.pii_phone import find_phones

REDACTOR = Redactor()


def covered(text: str, value: str, kind: str) -> bool:
    at = text.index(value)
    return any(
        s.kind == kind and s.start <= at and s.end >= at + len(value) for s in REDACTOR.find(text)
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("card 4532-0151 1283-0366 exp 12/27", "4532-0151 1283-0366"),  # mixed separators
        ("Visa 4916.3387.4410.5924, exp 03/26", "4916.3387.4410.5924"),  # dots
        ("please charge 4716  1089  9971  6408", "4716  1089  9971  6408"),  # double spaces
        ("it's 4485 275742308327 exp 0926", "4485 275742308327"),  # first group apart
        ("amex 3782.822463.10005", "3782.822463.10005"),  # 4-6-5 with dots
        ("old visa 4222222222222 still works?", "4222222222222"),  # 13 digits
        ("visa 4007 0000 0002 7", "4007 0000 0002 7"),
        ("card # 4556 7375 8689 9996", "4556 7375 8689 9996"),  # "#" after a card word
        ("qty 2 4111 1111 1111 1111", "4111 1111 1111 1111"),  # a card inside a longer run
        ("card number is 4539 7817 5836 1239\nexp 04/27", "4539 7817 5836 1239"),
        ("Mir 2200 0000 0000 0004", "2200 0000 0000 0004"),
        ("maestro card 5018 0000 0009", "5018 0000 0009"),  # 12 digits with a card word
        ("diners 3852 000002 3237", "3852 000002 3237"),  # 14-digit Diners with a card word
    ],
)
def test_card_formats(text: str, value: str) -> None:
    assert covered(text, value, "CARD"), REDACTOR.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "EAN 4006381333931",
        "the label says 4012345678901",  # 13 digits, valid EAN-13 and Luhn, no card word
        "5018 0000 0009 on the receipt",  # 12 digits without a card word: a barcode
        "IMEI: 490154203237518, it's locked",  # Luhn-valid, but no network's length
        "membership no. 4000123456789 not recognised",
        "whatsapp +4915112345678",  # after "+": a phone
        "my order number is 4111111111111111",
        "part 3852 000002 3237 for the pump",  # 14 digits at 38 without a card word
    ],
)
def test_card_lookalikes_are_not_cards(text: str) -> None:
    assert not find_cards(text)


def test_ean_check_digit() -> None:
    assert ean_valid("4006381333931") and not ean_valid("4006381333932")


def test_an_iban_wins_over_a_card_inside_it() -> None:
    spans = REDACTOR.find("ES87 9361 5191 3383 1061 8493")
    assert [s.kind for s in spans] == ["IBAN"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("[[x]] priya @ example.org (spaces so bots can't read it)", "priya @ example.org"),
        ("my email is ahmed.khan @ gmail.com sorry", "ahmed.khan @ gmail.com"),
        ("it's noah @ proton.me", "noah @ proton.me"),  # a mail provider's domain
        ("the invoice went to o'brien.sean@eircom.ie", "o'brien.sean@eircom.ie"),
        ("contact: yuki {at} tanaka {dot} jp", "yuki {at} tanaka {dot} jp"),
        ("it's omar[at]haddad[dot]com", "omar[at]haddad[dot]com"),
        ("my mail: LUKAS.MUELLER AT GMX DOT DE", "LUKAS.MUELLER AT GMX DOT DE"),
        ("[[x]] lopez.m at seznam dot cz", "lopez.m at seznam dot cz"),
        ("pls send to a.b@example.comthanks", "a.b@example.com"),
    ],
)
def test_email_formats(text: str, value: str) -> None:
    text = text.replace("[[x]] ", "")
    assert covered(text, value, "EMAIL"), REDACTOR.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "price @ bestbuy.com is 299",
        "available @ Amazon.de for 49,99",
        "2 for $5 @ walmart.com",
        "look at the dot in the middle",
        "polka dot dress at 29.99",
    ],
)
def test_email_lookalikes(text: str) -> None:
    assert not find_emails(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my number is (555) 123-4567", "(555) 123-4567"),  # dummy 555 numbers, phone word
        ("555.123.4567 is my cell", "555.123.4567"),
        ("office line (212) 555-0187 ext. 12", "(212) 555-0187 ext. 12"),  # extension
        ("tel +1 415 555 0132 x204", "+1 415 555 0132 x204"),
        ("Handy: 0151 23456789", "0151 23456789"),  # German mobile, 12 digits
        ("Tel. 030/12345678", "030/12345678"),  # slash after the area code
        ("ruf an: +49 30/1234567", "+49 30/1234567"),
        ("my cell is 612 34 56 78 (Spain)", "612 34 56 78"),
        ("my number is 98765 43210", "98765 43210"),
        ("call 090-1234-5678 (Japan)", "090-1234-5678"),
        ("ring me on 070-123 45 67", "070-123 45 67"),
        ("0612345678", "0612345678"),  # a bare national number that is the whole message
        ("(11) 91234-5678", "(11) 91234-5678"),  # area code in brackets
        ("0049-30-1234567", "0049-30-1234567"),
        ("my details: x@y.org / +34 621 743 254 / 73 rue de la Paix", "+34 621 743 254"),
        ("it's 612 34 56 78, thanks", "612 34 56 78"),  # grouped like a phone, no word
        ("call me on 40 61 23 45", "40 61 23 45"),  # 8-digit Nordic number with a word
        ("it's 07400123456, thanks", "07400123456"),  # bare national mobile
        ("call +52 1 55 1234 5678", "+52 1 55 1234 5678"),  # Mexican mobile, old "1"
        ("0121 234 5678", "0121 234 5678"),  # rising groups with a trunk 0 are a phone
        ("call (+44) 20 7946 0958 now", "(+44) 20 7946 0958"),  # country code in brackets
    ],
)
def test_phone_formats(text: str, value: str) -> None:
    assert covered(text, value, "PHONE"), REDACTOR.find(text)


@pytest.mark.parametrize(
    "text",
    [
        'ring light 18", 3200-5600 K',  # a range of measures
        "delivered 01.05.2023, call me",  # a date
        "part number 123-456-7890 for the pump",  # a reference word first
        "please use 612345678 thanks",  # a bare foreign number without a phone word
        "10 000 mAh power bank",
        "sizes 36 38 40 42 44 46 48",
        "ring sizes 50 52 54 56 58",  # a rising list, even after a phone word
        "tables 60 80 100 120",
        "0.12 0.34 0.56 ratios",
        "our codes 612 345 678 are discontinued",
        "need 3 of SKU 447-112-09 and 2 of 447-112-10",  # a list after a reference word
        "tracking 1Z 999 AA1 01 2345 6784",  # a code's pieces between word and number
        "hours 0900-1730 Mon-Fri",  # a time range
        "fabric 01 234 567 sample",  # a short trunk-0 number without a phone word
        "yarn 0176 98765 lot 432",
        "DPD 0150 6012 3456 78",  # a parcel carrier's name is a reference word
        "reference 0049 1234 5678",  # a reference word before an "00" number
    ],
)
def test_phone_lookalikes(text: str) -> None:
    assert not find_phones(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("send it to PO Box 123", "PO Box 123"),
        ("P.O. Box 4567, Austin, TX 78701", "P.O. Box 4567, Austin, TX 78701"),
        ("Lieferadresse rue de Rivoli 10", "rue de Rivoli 10"),  # street word first
        (
            "ship to 12 W 34th St Apt 5C, New York NY 10001",
            "12 W 34th St Apt 5C, New York NY 10001",
        ),
        ("ship to 15 oak street, denver co 80203", "15 oak street, denver co 80203"),  # lower case
        ("my address is 88 pine ave apt 3", "88 pine ave apt 3"),  # lower case after a cue
        ("send to 123 Queen St W, Toronto, ON M5H 2M9", "123 Queen St W, Toronto, ON M5H 2M9"),
        ("ship to Bahnhofstrasse 1, 8001 Zürich", "Bahnhofstrasse 1, 8001 Zürich"),  # 4 digits
        ("deliver to Kalverstraat 92, 1012 PH Amsterdam", "Kalverstraat 92, 1012 PH Amsterdam"),
        ("Carrer de Mallorca 401, 08013 Barcelona", "Carrer de Mallorca 401, 08013 Barcelona"),
        ("Calle Mayor 12, 3º B, 28013 Madrid", "Calle Mayor 12, 3º B, 28013 Madrid"),
        ("ship to 1 Infinite Loop, Cupertino, CA 95014", "1 Infinite Loop, Cupertino, CA 95014"),
        ("Am Sonnenhang 3, 53111 Bonn", "Am Sonnenhang 3, 53111 Bonn"),  # no street word
        (
            "742 Evergreen Terrace, Springfield, Illinois 62704",
            "742 Evergreen Terrace, Springfield, Illinois 62704",
        ),
        (
            "22 High Street, Leeds, West Yorkshire LS1 4AP",
            "22 High Street, Leeds, West Yorkshire LS1 4AP",
        ),
        (
            "1000, rue Sherbrooke Ouest, Montréal (Québec) H3A 3G4",
            "1000, rue Sherbrooke Ouest, Montréal (Québec) H3A 3G4",
        ),
        ("it's 12 Main St, Springfield.", "12 Main St, Springfield"),  # a town closing it
        (
            "24693 Old Mill Cove Ste 100, New York, NY 10001",
            "24693 Old Mill Cove Ste 100, New York, NY 10001",
        ),
        ("Flat 2B, 9 Kingsway, Bath, BA1 1LZ", "Flat 2B, 9 Kingsway, Bath, BA1 1LZ"),
        (
            "149A The Crescent, Newcastle upon Tyne NE1 4ST",
            "149A The Crescent, Newcastle upon Tyne NE1 4ST",
        ),
        ("Zur Mühle 235 c, 80331 München", "Zur Mühle 235 c, 80331 München"),
        ("35bis cours Mirabeau, 69002 Lyon", "35bis cours Mirabeau, 69002 Lyon"),
        (
            "Calle de Alcalá 196, 4º izq., 46002 Valencia",
            "Calle de Alcalá 196, 4º izq., 46002 Valencia",
        ),
        ("Ronda de Atocha, nº 50, 41001 Sevilla", "Ronda de Atocha, nº 50, 41001 Sevilla"),
        (
            "Unit 5, 8027 boul. René-Lévesque Ouest, Montréal, QC H2X 1Y4",
            "Unit 5, 8027 boul. René-Lévesque Ouest, Montréal, QC H2X 1Y4",
        ),
        ("deliver to 221b baker street, london nw1 6xe", "221b baker street, london nw1 6xe"),
        (
            "1221 Avenue of the Americas, New York, NY 10020",
            "1221 Avenue of the Americas, New York, NY 10020",
        ),
        (
            "350 Fifth Avenue, 34th Floor, New York, NY 10118",
            "350 Fifth Avenue, 34th Floor, New York, NY 10118",
        ),
        ("ul. Marszałkowska 10/12, 00-590 Warszawa", "ul. Marszałkowska 10/12, 00-590 Warszawa"),
        ("Postfach 10 01 23, 10001 Berlin", "Postfach 10 01 23, 10001 Berlin"),
        ("ship to 4 Harbour View Road, Sydney NSW 2000", "4 Harbour View Road, Sydney NSW 2000"),
    ],
)
def test_address_formats(text: str, value: str) -> None:
    assert covered(text, value, "ADDRESS"), REDACTOR.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "21 Jump Street Blu-ray, 109 min",  # a title: a product word follows
        "10 Cloverfield Lane DVD",
        "Nike Pegasus 41 Men's Road Running Shoes, Black/White",
        "Sunset Boulevard poster 50 x 70 cm",
        "Plaza Hotel 2 nights 350 euros",  # a count after the number
        "Logitech MX Master 3S, 8000 DPI, 70 days battery",  # a measure is no postcode
        "Place your order 2 days before",
        "connect via USB 3 to the TV",
        "3 way street lamp, 60 W",  # lower case without an address word
        "42 Wallaby Way Sydney Nemo poster",  # a product noun within two words
        "Corso Como 10 perfume 100 ml",
        "Place Setting for 4, 16 Pieces",  # an English word, not every name word capitalised
        "Buy 2 Get 1 Free on the Park Ave range",
        "Brooks Ghost 16 Wide Road Running Shoes",
    ],
)
def test_address_lookalikes(text: str) -> None:
    assert not find_addresses(text)


def test_a_number_shaped_like_a_reference_is_a_phone_when_worded() -> None:
    text = "ref 07700 900123 was wrong, my mobile is 07700 900812"
    assert [text[s.start : s.end] for s in find_phones(text)] == ["07700 900812"]


def test_a_short_trunk_zero_number_is_a_phone_with_a_phone_word() -> None:
    assert find_phones("call me on 01 234567")  # Vienna, 8 digits
