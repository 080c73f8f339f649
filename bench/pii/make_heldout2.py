"""Writes the second held-out PII set ``bench/pii/heldout2.jsonl``.

Run once: ``python bench/pii/make_heldout2.py`` (fixed seed 2027, regenerates the file byte for
byte). Same line format as ``make_sets.py``: ``{"id", "kind": "pii"|"product", "text", "pii":
[{"type", "value"}]}``, ``pii`` listing every personal value as it appears in the text.

Written by someone who had not read the recognizers (``genrec_core/pii.py``) nor the earlier
sets' texts: every sentence template, value format and hand-written text here is new. Values:
Luhn-valid cards of nine networks in several groupings and separators; e-mails plain, with
tags, sub-domains and country domains, and obfuscated in several ways; phones of twelve
countries in national and international notation (only numbers that ``phonenumbers`` calls
valid, as a real shopper's would be); IBANs of eleven countries with valid check digits,
grouped or not; street addresses of six countries. Product texts are shop sentences dense
with numbers (model numbers, sizes, prices, order and tracking numbers, SKUs, EANs, dates,
dimensions, versions) and hold no personal data. The set ends with hand-written texts typed
as chat users type (``HANDWRITTEN_PII``, ``HANDWRITTEN_PRODUCT``).
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import phonenumbers

HERE = Path(__file__).resolve().parent
SEED = 2027

# ------------------------------------------------------------------------------- cards


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# (network, prefixes, lengths)
NETWORKS = [
    ("visa", ["4"], [16, 16, 16, 13, 19]),
    ("mastercard", ["51", "52", "53", "54", "55", "2221", "2500", "2720"], [16]),
    ("amex", ["34", "37"], [15]),
    ("discover", ["6011", "644", "65"], [16]),
    ("jcb", ["3528", "3550", "3589"], [16]),
    ("diners", ["36", "300", "305"], [14]),
    ("unionpay", ["62"], [16, 19]),
    ("maestro", ["6759", "5018", "6304"], [16]),
    ("mir", ["2200", "2204"], [16]),
]


def card_number(rng: random.Random) -> tuple[str, str]:
    network, prefixes, lengths = rng.choice(NETWORKS)
    prefix, length = rng.choice(prefixes), rng.choice(lengths)
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    number = body + luhn_check_digit(body)
    assert luhn_valid(number), number
    return network, number


def group(number: str, sizes: list[int], sep: str) -> str:
    parts, i = [], 0
    for size in sizes:
        parts.append(number[i : i + size])
        i += size
    if i < len(number):
        parts.append(number[i:])
    return sep.join(p for p in parts if p)


def card(rng: random.Random) -> str:
    network, number = card_number(rng)
    n = len(number)
    if network == "amex":
        sizes = [4, 6, 5]
    elif network == "diners" and n == 14:
        sizes = [4, 6, 4]
    else:
        sizes = [4] * (n // 4 + 1)
    style = rng.choice(["space", "space", "dash", "none", "double", "dot", "mixed"])
    if style == "space":
        return group(number, sizes, " ")
    if style == "dash":
        return group(number, sizes, "-")
    if style == "none":
        return number
    if style == "double":
        return group(number, sizes, "  ")
    if style == "dot":
        return group(number, sizes, ".")
    # mixed: first group apart, the rest run together (as when typed on a phone)
    return number[:4] + " " + number[4:]


# ------------------------------------------------------------------------------- e-mails

FIRST = ["mila", "tomasz", "priya", "oliver", "aiko", "lucas", "fatima", "jonas", "chloe",
         "diego", "ingrid", "kwame", "sofia", "henrik", "yara", "mateo", "leonie", "rahul",
         "ewan", "noor", "bastien", "greta", "arjun", "siobhan", "pablo", "hanna"]  # fmt: skip
LAST = ["kowalski", "nakamura", "osei", "fernandez", "lindqvist", "obrien", "moreau",
        "schneider", "patel", "da-silva", "van-dijk", "murphy", "rossi", "novak", "haddad",
        "berg", "okafor", "garcia", "meyer", "chen"]  # fmt: skip
DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "web.de", "gmx.net", "orange.fr",
           "icloud.com", "proton.me", "hotmail.es", "ziggo.nl", "mail.company-intra.com",
           "student.uva.nl", "posteo.de", "fastmail.fm", "btinternet.com", "libero.it"]  # fmt: skip


def email_local(rng: random.Random) -> str:
    f, last = rng.choice(FIRST), rng.choice(LAST)
    return rng.choice(
        [
            f"{f}.{last}",
            f"{f}{rng.randint(1, 99)}",
            f"{f[0]}{last}",
            f"{f}_{last}{rng.randint(70, 99)}",
            f"{f}+{rng.choice(['shop', 'orders', 'promo', 'amz'])}",
            f"{last}.{f}.{rng.randint(1, 9)}",
        ]
    )


def email(rng: random.Random) -> str:
    local, domain = email_local(rng), rng.choice(DOMAINS)
    style = rng.choice(["plain", "plain", "plain", "upper", "at_dot", "brackets", "spaced", "caps"])
    if style == "plain":
        return f"{local}@{domain}"
    if style == "upper":
        return f"{local}@{domain}".upper() if rng.random() < 0.5 else f"{local.title()}@{domain}"
    name, _, tld = domain.rpartition(".")
    name = name.replace(".", " dot ")
    if style == "at_dot":
        return f"{local} at {name} dot {tld}"
    if style == "brackets":
        return f"{local}[at]{name.replace(' dot ', '[dot]')}[dot]{tld}"
    if style == "spaced":
        return f"{local} @ {domain}"
    return f"{local} AT {name.replace(' dot ', ' DOT ')} DOT {tld}"


# ------------------------------------------------------------------------------- phones

# region -> (national number patterns with 'X' for a random digit)
PHONE_PATTERNS = {
    "US": ["2XX5XXXXXX", "3XX7XXXXXX", "4XX8XXXXXX", "6XX9XXXXXX", "7XX4XXXXXX"],
    "CA": ["416XXXXXXX", "604XXXXXXX", "514XXXXXXX"],
    "GB": ["7XXXXXXXXX", "20XXXXXXXX", "161XXXXXXX", "131XXXXXXX"],
    "DE": ["15XXXXXXXX", "17XXXXXXXXX", "30XXXXXXXX", "89XXXXXXX", "40XXXXXXXX"],
    "FR": ["6XXXXXXXX", "7XXXXXXXX", "1XXXXXXXX", "4XXXXXXXX"],
    "ES": ["6XXXXXXXX", "91XXXXXXX", "93XXXXXXX"],
    "IT": ["3XXXXXXXXX", "06XXXXXXXX", "02XXXXXXXX"],
    "NL": ["6XXXXXXXX", "20XXXXXXX", "10XXXXXXX"],
    "IN": ["9XXXXXXXXX", "8XXXXXXXXX", "7XXXXXXXXX"],
    "AU": ["4XXXXXXXX", "2XXXXXXXX", "3XXXXXXXX"],
    "IE": ["8XXXXXXXX", "1XXXXXXX"],
    "CH": ["7XXXXXXXX", "44XXXXXXX"],
}


def phone(rng: random.Random) -> str:
    region = rng.choice(list(PHONE_PATTERNS))
    cc = phonenumbers.country_code_for_region(region)
    for _ in range(10_000):
        pattern = rng.choice(PHONE_PATTERNS[region])
        national = "".join(rng.choice(string.digits) if c == "X" else c for c in pattern)
        number = phonenumbers.parse(f"+{cc}{national}")
        if phonenumbers.is_valid_number(number):
            break
    else:
        raise ValueError(f"no valid number for {region}")
    fmt = rng.choice(["national", "international", "e164", "intl_dashes", "compact_national"])
    if fmt == "national":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if fmt == "international":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if fmt == "e164":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if fmt == "intl_dashes":
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return text.replace(" ", "-", text.count(" ")).replace("+", "00", 1)
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(c for c in text if c.isdigit() or c == "+")


# ------------------------------------------------------------------------------- IBANs

# country -> BBAN layout: 'n' digit, 'a' upper-case letter, 'c' letter or digit
IBAN_LAYOUTS = {
    "DE": "n" * 18,
    "GB": "aaaa" + "n" * 14,
    "FR": "n" * 10 + "c" * 11 + "nn",
    "ES": "n" * 20,
    "NL": "aaaa" + "n" * 10,
    "IT": "a" + "n" * 10 + "c" * 12,
    "BE": "n" * 12,
    "AT": "n" * 16,
    "CH": "n" * 5 + "c" * 12,
    "IE": "aaaa" + "n" * 14,
    "PL": "n" * 24,
}


def iban(rng: random.Random) -> str:
    country = rng.choice(list(IBAN_LAYOUTS))
    pools = {
        "n": string.digits,
        "a": string.ascii_uppercase,
        "c": string.ascii_uppercase + string.digits,
    }
    bban = "".join(rng.choice(pools[c]) for c in IBAN_LAYOUTS[country])
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    value = f"{country}{check:02d}{bban}"
    assert int("".join(str(int(c, 36)) for c in value[4:] + value[:4])) % 97 == 1
    style = rng.choice(["grouped", "grouped", "compact", "lower_grouped"])
    if style == "compact":
        return value
    grouped = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return grouped.lower() if style == "lower_grouped" else grouped


# ------------------------------------------------------------------------------- addresses


def address(rng: random.Random) -> str:
    n = rng.randint(1, 2400)
    country = rng.choice(["US", "UK", "DE", "FR", "ES", "CA"])
    if country == "US":
        street = rng.choice(["Sycamore Lane", "Bridgewater Blvd", "N Halsted St", "Old Mill Road",
                             "Cedar Ridge Dr", "W 34th Street", "Magnolia Ct"])  # fmt: skip
        town = rng.choice(["Austin, TX 78704", "Madison, WI 53703", "Boise, ID 83702",
                           "Savannah, GA 31401", "Tacoma, WA 98403"])  # fmt: skip
        unit = rng.choice(["", f", Unit {rng.randint(1, 40)}", f" Apt {rng.randint(1, 9)}C"])
        return f"{n} {street}{unit}, {town}"
    if country == "UK":
        street = rng.choice(["Thornbury Close", "Kelvin Grove", "Ashby Mews", "Queens Parade",
                             "Wellington Terrace", "Holloway Road"])  # fmt: skip
        town = rng.choice(["Bristol BS6 5AQ", "Glasgow G12 8RT", "Norwich NR2 3HL",
                           "Cardiff CF24 4LN", "London N7 6PA"])  # fmt: skip
        flat = rng.choice(["", f"Flat {rng.randint(1, 12)}, "])
        return f"{flat}{rng.randint(1, 180)} {street}, {town}"
    if country == "DE":
        street = rng.choice(["Kastanienallee", "Am Sonnenhang", "Bergmannstr.", "Hauptstraße",
                             "Schillerplatz", "Wiesenweg"])  # fmt: skip
        town = rng.choice(["10437 Berlin", "80469 München", "50667 Köln", "04109 Leipzig",
                           "70173 Stuttgart"])  # fmt: skip
        return f"{street} {rng.randint(1, 140)}{rng.choice(['', 'a', 'b'])}, {town}"
    if country == "FR":
        street = rng.choice(["rue Oberkampf", "avenue Jean Jaurès", "boulevard Voltaire",
                             "impasse des Tilleuls", "chemin du Moulin"])  # fmt: skip
        town = rng.choice(["75011 Paris", "33000 Bordeaux", "31000 Toulouse", "44000 Nantes"])
        bis = rng.choice(["", " bis"])
        return f"{rng.randint(1, 120)}{bis} {street}, {town}"
    if country == "ES":
        street = rng.choice(
            ["Calle de Alcalá", "Avenida Diagonal", "Calle Mayor", "Paseo de Gracia"]
        )
        town = rng.choice(["28014 Madrid", "08008 Barcelona", "46001 Valencia"])
        return f"{street} {rng.randint(1, 300)}, {rng.randint(1, 8)}º {rng.choice('ABCD')}, {town}"
    street = rng.choice(["Bloor Street West", "Rue Sainte-Catherine", "Granville St"])
    town = rng.choice(["Toronto, ON M5S 1V6", "Montréal, QC H3B 1A7", "Vancouver, BC V6Z 1L2"])
    return f"{n} {street}, {town}"


VALUES = {"CARD": card, "EMAIL": email, "PHONE": phone, "IBAN": iban, "ADDRESS": address}

# ------------------------------------------------------------------------------- templates
# New carriers, none taken from make_sets.py. {CARD} etc. mark where a value goes.

PII_TEMPLATES = [
    "Quick question before I pay: will {CARD} work for the 2-year warranty add-on?",
    "charged twice on {CARD}?? I only ordered one pair of size 42 trainers",
    "Please refund the €89.90 back to the card ending... actually the full one is {CARD}",
    "My partner's card {CARD} got declined for the 65\" TV, can we split the payment?",
    "can i save {CARD} for next time so i don't have to type it",
    "The gift voucher didn't cover it, so put the rest (£23.50) on {CARD} please",
    "Use {CARD}, exp 09/28, for the preorder of the PS5 Pro bundle",
    "For the invoice please send it to {EMAIL} rather than my work address",
    "I never got the confirmation mail at {EMAIL} for order 55120",
    "change my login email to {EMAIL} thx",
    "Reach me at {EMAIL} when the 3-pack of HDMI 2.1 cables is back in stock",
    "My daughter's address for the school laptop receipt: {EMAIL}",
    "Newsletter keeps going to {EMAIL}, unsubscribe that one please",
    "The courier can call {PHONE} if nobody answers the door",
    "Text me on {PHONE} when the 2 x 4 m rug is ready for pick-up",
    "my number changed, it's now {PHONE}",
    "Could a technician ring {PHONE} about the dishwasher install on the 14th?",
    "Delivery driver needs a number: {PHONE} (I'm on the 5th floor)",
    "Whatsapp {PHONE} with the return label pls",
    "For the bank transfer I used {IBAN}, reference is the order number",
    "Refund to my account {IBAN} please, I paid by transfer",
    "Our company pays by SEPA, debit {IBAN} for the 12 office chairs",
    "iban for the cashback: {IBAN}",
    "Ship the 55 L backpack to {ADDRESS}, it's a gift",
    "I've moved! New delivery address is {ADDRESS}",
    "Can you send the replacement charger to {ADDRESS} instead?",
    "billing address {ADDRESS} — same as shipping",
    "Parcel was left at the wrong house, mine is {ADDRESS}",
    "Contact: {EMAIL} / {PHONE}. Please call before 6pm about the sofa.",
    "Name on card: J. Smith, number {CARD}, billing {ADDRESS}",
    "Update my profile: phone {PHONE}, mail {EMAIL}",
    "Send the 3 boxes to {ADDRESS} and text {PHONE} when they leave the warehouse",
    "Pay the 2 x 499.00 instalments from {IBAN}, receipt to {EMAIL}",
    "I got two mails at {EMAIL}, one says card {CARD} failed and one says it worked?",
    "hi, order 7731-22 was paid by {CARD}; the phone on file should be {PHONE}",
]

PRODUCT_TEMPLATES = [
    'Samsung QE{s}Q80C {s}" QLED, 120 Hz, 4 HDMI 2.1 ports, now {price} (was {price2})',
    "Order {order} shipped on {date}: 2 x SKU {sku}, tracking {track}",
    "EAN {ean} — Bosch PSR 18 LI-2, 2 x 2.0 Ah battery, {price}",
    "Dimensions {d1} x {d2} x {d3} cm, weight {kg} kg, model {model}",
    "Firmware {ver} for router {model} fixes the 5 GHz drop on channel 149",
    "Size chart: EU 38 = UK 5 = US 7.5; EU 44 = UK 9.5 = US 10.5; item {sku}",
    "Your return for order {order} ({price}) was received on {date}",
    "Tracking number {track}: out for delivery, expected between 14:00 and 18:00",
    "Pack of {qty} AA batteries 1.5 V, 2850 mAh, EAN {ean}, {price}",
    'Compare {model} vs {model2}: 16 GB RAM, 512 GB SSD, 14.2" 3024x1964, from {price}',
    "Invoice INV-{inv} dated {date}, subtotal {price}, VAT 19 %, total {price2}",
    "Lego 42115 Lamborghini Sián FKP 37, 3696 pieces, ages 18+, {price}",
    "Replacement filter {sku} fits models {model} and {model2} (2019-2023)",
    "Serial no. {serial}, manufactured {date}, warranty until {date2}",
    "Bulk price: 1-9 units {price}, 10-49 units {price2}, 50+ on request; SKU {sku}",
    "Shelf 180 x 40 cm holds up to 25 kg per board; article no. {art}",
    "Pre-order {model}: release {date}, limited to {qty} per customer, {price}",
    "Version {ver} changelog: build {build}, fixes issue #{issue} and #{issue2}",
    "Tyres 225/45 R17 94W XL, DOT {dotcode}, set of 4 for {price}",
    "Gift card balance check: card code GC-{gc} shows {price} remaining",
    'Monitor {model}, 27" 2560 x 1440, 165 Hz, 1 ms, product code {art}, {price}',
    "Ticket #{issue}: customer asked about order {order} and RMA {rma}",
    "Warehouse bin A-{bin}, pallet {pallet}, {qty} cartons of {sku}",
    "Price drop alert: {model} from {price2} to {price} until {date}",
    "ISBN {isbn}, paperback, 384 pages, 13.5 x 21 cm, {price}",
]


def price(rng: random.Random) -> str:
    amount = rng.randint(3, 2999) + rng.choice([0, 0.49, 0.95, 0.99])
    return rng.choice([f"€{amount:,.2f}", f"${amount:,.2f}", f"£{amount:.2f}", f"{amount:.2f} EUR"])


def ean13(rng: random.Random) -> str:
    body = rng.choice(["400", "50", "87", "590", "84"])
    body += "".join(rng.choice(string.digits) for _ in range(12 - len(body)))
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def isbn13(rng: random.Random) -> str:
    body = "978" + "".join(rng.choice(string.digits) for _ in range(9))
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    d = str((10 - total % 10) % 10)
    return f"{body[:3]}-{body[3]}-{body[4:8]}-{body[8:]}-{d}"


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def product_fill(rng: random.Random) -> dict[str, str]:
    models = ["XPS 13 9340", "RTX 4070 Ti", "SM-S928B", "WH-1000XM5", "KD-55X85L", "A2337",
              "ThinkPad T14s Gen 4", "EX-F1", "RT-AX86U", "LG 27GP850-B", "GA-B650M", "TP-4020"]  # fmt: skip
    return {
        "s": str(rng.choice([43, 50, 55, 65, 75, 85])),
        "price": price(rng),
        "price2": price(rng),
        "order": rng.choice(
            [
                f"{digits(rng, 3)}-{digits(rng, 7)}-{digits(rng, 7)}",
                f"#{digits(rng, 9)}",
                f"ORD-{rng.randint(2023, 2026)}-{digits(rng, 6)}",
                digits(rng, 10),
            ]
        ),
        "date": rng.choice(
            [
                f"{rng.randint(2023, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2023, 2026)}",
                f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(2023, 2026)}",
            ]
        ),
        "date2": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2026, 2030)}",
        "sku": rng.choice(
            [
                f"SKU-{digits(rng, 5)}-{rng.choice(['BLK', 'WHT', 'RED'])}-{rng.choice(['S', 'M', 'XL'])}",
                f"{rng.choice(string.ascii_uppercase)}{digits(rng, 7)}",
                f"{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 2)}",
            ]
        ),
        "track": rng.choice(
            [
                f"1Z{digits(rng, 3)}{rng.choice(['AA', 'E2', 'X0'])}{digits(rng, 11)}",
                f"JJD{digits(rng, 18)}",
                f"9400 {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}",
                f"{rng.choice(['RR', 'LX', 'CP'])}{digits(rng, 9)}{rng.choice(['DE', 'GB', 'CN'])}",
            ]
        ),
        "ean": ean13(rng),
        "isbn": isbn13(rng),
        "d1": str(rng.randint(20, 220)),
        "d2": str(rng.randint(20, 120)),
        "d3": f"{rng.randint(2, 90)}.{rng.randint(0, 9)}",
        "kg": f"{rng.randint(1, 60)}.{rng.randint(0, 9)}",
        "model": rng.choice(models),
        "model2": rng.choice(models),
        "ver": f"{rng.randint(1, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 400)}",
        "build": digits(rng, 5),
        "issue": digits(rng, 5),
        "issue2": digits(rng, 4),
        "qty": str(rng.choice([2, 4, 6, 8, 12, 24, 48, 100])),
        "inv": f"{rng.randint(2023, 2026)}{digits(rng, 6)}",
        "serial": rng.choice(
            [f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}", f"SN{digits(rng, 12)}"]
        ),
        "art": f"{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 2)}",
        "dotcode": f"{rng.choice(['HF', 'XN', 'B3'])}{rng.choice(['4T', '9K'])} {rng.randint(1, 52):02d}{rng.randint(20, 25)}",
        "gc": f"{digits(rng, 4)}-{digits(rng, 4)}",
        "rma": f"RMA{digits(rng, 8)}",
        "bin": f"{rng.randint(1, 40):02d}-{rng.randint(1, 9)}",
        "pallet": f"PAL-{digits(rng, 6)}",
    }


# ------------------------------------------------------------------------------- hand-written

HANDWRITTEN_PII = [
    ("hey so my visa is 4539 1488 0343 6467 but it keeps saying invalid??", [("CARD", "4539 1488 0343 6467")]),
    ("pls email me the reciept to annalena.kraus@web.de , its for my taxes", [("EMAIL", "annalena.kraus@web.de")]),
    ("my nr is 0176 23456789 call me abt the washing machine", [("PHONE", "0176 23456789")]),
    ("u can reach me +44 7700 900123 or just reply here lol", [("PHONE", "+44 7700 900123")]),
    ("paid with amex 3782 822463 10005 for the nike air max size 44, wheres my order", [("CARD", "3782 822463 10005")]),
    ("email is joe dot bloggs at gmail dot com dont want spam tho", [("EMAIL", "joe dot bloggs at gmail dot com")]),
    ("send it to 42 wallaby way sydney nsw 2000 pls", [("ADDRESS", "42 wallaby way sydney nsw 2000")]),
    ("the headphones r broken, refund to DE89 3704 0044 0532 0130 00", [("IBAN", "DE89 3704 0044 0532 0130 00")]),
    ("ok my mastercard 5555555555554444 exp 12/27 cvv i wont say", [("CARD", "5555555555554444")]),
    ("wrong adress!! it should be 1600 Pennsylvania Ave NW, Washington, DC 20500", [("ADDRESS", "1600 Pennsylvania Ave NW, Washington, DC 20500")]),
    ("tel. 06 12 34 56 78 (france) for the delivery guy", [("PHONE", "06 12 34 56 78")]),
    ("Hi!! I want the 2 tb ssd but first change my mail to PETRA.NOVAK@SEZNAM.CZ", [("EMAIL", "PETRA.NOVAK@SEZNAM.CZ")]),
    ("im in india, my number +91 98765 43210, will the charger work on 230v", [("PHONE", "+91 98765 43210")]),
    ("card: 6011 1111 1111 1117. also do u have the blue one in size m", [("CARD", "6011 1111 1111 1117")]),
    ("reply to marco_rossi[at]libero[dot]it thanks", [("EMAIL", "marco_rossi[at]libero[dot]it")]),
    ("my iban is NL91ABNA0417164300 for the return of the 3 lamps", [("IBAN", "NL91ABNA0417164300")]),
    ("call me 415 692 3381 not the old number on my account, its about the fridge", [("PHONE", "415 692 3381")]),
    ("ship to 7 Elm Row, Edinburgh EH7 4AA not my work pls", [("ADDRESS", "7 Elm Row, Edinburgh EH7 4AA")]),
    ("jcb card 3566 0020 2036 0505 does ur shop take it", [("CARD", "3566 0020 2036 0505")]),
    ("email me @ kev.obrien87@hotmail.com when the ps5 controllers r back", [("EMAIL", "kev.obrien87@hotmail.com")]),
    ("whatsapp +34 612 34 56 78 pls, im in madrid til friday", [("PHONE", "+34 612 34 56 78")]),
    ("the refund goes to GB29 NWBK 6016 1331 9268 19 right? it was 249.99", [("IBAN", "GB29 NWBK 6016 1331 9268 19")]),
    ("deliver to Musterstraße 12, 80331 München, 3. stock links", [("ADDRESS", "Musterstraße 12, 80331 München")]),
    ("my card 4111-1111-1111-1111 and my phone 020 7946 0958, pls fix the order asap", [("CARD", "4111-1111-1111-1111"), ("PHONE", "020 7946 0958")]),
    ("i typed s.meyer (at) posteo (dot) de at checkout but no mail came", [("EMAIL", "s.meyer (at) posteo (dot) de")]),
    ("australian mobile 0412 345 678 - can u ship the 4k monitor here", [("PHONE", "0412 345 678")]),
    ("diners 3056 9309 0259 04 is my only card, is that ok for the 1299 laptop", [("CARD", "3056 9309 0259 04")]),
    ("address is 15 rue de la paix 75002 paris, the bell says dupont", [("ADDRESS", "15 rue de la paix 75002 paris")]),
    ("FR76 3000 6000 0112 3456 7890 189 is where the money should go for order 88412", [("IBAN", "FR76 3000 6000 0112 3456 7890 189")]),
    ("nvm the size, just call 0031 6 12345678 its about my order", [("PHONE", "0031 6 12345678")]),
    ("i'm liam, liam.walsh@icloud.com, 087 123 4567 (ireland), card 5425233430109903", [("EMAIL", "liam.walsh@icloud.com"), ("PHONE", "087 123 4567"), ("CARD", "5425233430109903")]),
    ("kontakt: tel 030 12345678 oder mail info.huber@gmx.net", [("PHONE", "030 12345678"), ("EMAIL", "info.huber@gmx.net")]),
    ("unionpay 6212 3456 7890 1232 plz, my chinese card", [("CARD", "6212 3456 7890 1232")]),
]  # fmt: skip

HANDWRITTEN_PRODUCT = [
    "do u have the iphone 15 pro 256gb in natural titanium, model A3102? under 1100?",
    "whats the diff between the RTX 4060 8GB and 4060 Ti 16GB for 1440p",
    "order 112-3345678-9012345 still says processing since 3/14",
    "need a 2.5m hdmi 2.1 cable 48gbps for my 65 inch lg oled c3",
    "size 10.5 US in the adidas samba? or 44 2/3 EU",
    "is the 4 x 4 x 8 ft grow tent still 129,99?",
    "my tracking 1Z999AA10123456784 hasnt moved in 5 days",
    "can i get 3 of sku 40012-77 and 2 of 40012-78",
    "the tv stand is 160 x 40 x 55 cm right? will a 75\" fit",
    "battery 18650 3500mah 10A pack of 4 for 19.95??",
    "got invoice 2024000318 but total 1.249,00 is wrong should be 1.149,00",
    "firmware 3.12.0 bricked my router ax5400, any rollback to 3.11.7",
    "barcode on the box is 4006381333931 is that the 2023 version",
    "looking for a 27 inch 4k 144hz monitor between 300 and 450",
    "ram ddr5 6000 cl30 2x16gb or 2x32gb 5600 cl36 which one",
    "my order number is 4400012398 and i got the 500 ml bottle not the 750 ml",
    "does the 2023 macbook air 15 m2 8/256 come in midnight",
    "i need 12 pcs 20 x 30 frames and 6 pcs 50 x 70 for the gallery",
]  # fmt: skip


def fill(template: str, rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    text, spans = template, []
    for kind, make in VALUES.items():
        while "{" + kind + "}" in text:
            value = make(rng)
            text = text.replace("{" + kind + "}", value, 1)
            spans.append((kind, value))
    return text, spans


def build() -> list[dict]:
    rng = random.Random(SEED)
    rows = []
    pii_rows = []
    for i in range(150):
        template = PII_TEMPLATES[i % len(PII_TEMPLATES)]
        text, spans = fill(template, rng)
        pii_rows.append((text, spans))
    pii_rows += HANDWRITTEN_PII
    product_rows = []
    for i in range(150):
        template = PRODUCT_TEMPLATES[i % len(PRODUCT_TEMPLATES)]
        product_rows.append(template.format(**product_fill(rng)))
    product_rows += HANDWRITTEN_PRODUCT
    for text, spans in pii_rows:
        for _, value in spans:
            assert value in text, (value, text)
        rows.append(
            {"kind": "pii", "text": text, "pii": [{"type": k, "value": v} for k, v in spans]}
        )
    for text in product_rows:
        rows.append({"kind": "product", "text": text, "pii": []})
    return [{"id": f"heldout2-{i:03d}", **row} for i, row in enumerate(rows)]


def main() -> None:
    rows = build()
    with (HERE / "heldout2.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    n_pii = sum(r["kind"] == "pii" for r in rows)
    print(f"heldout2: {len(rows)} texts, {n_pii} with PII, {len(rows) - n_pii} product texts")


if __name__ == "__main__":
    main()
