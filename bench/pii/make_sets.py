"""Writes the PII evaluation sets ``bench/pii/dev.jsonl`` and ``bench/pii/heldout.jsonl``.

Run once: ``python bench/pii/make_sets.py``. The files are committed; the script documents how
they were made and can regenerate them byte for byte (fixed seeds). Each line is
``{"id", "kind": "pii"|"product", "text", "pii": [{"type", "value"}]}``: ``pii`` lists every
personal value the text holds, as it appears in the text (product texts hold none).

Values are drawn at random in many written formats (cards of six networks with Luhn-valid
numbers and four separator styles, e-mails plain and obfuscated, phones in national and
international notation, IBANs of eight countries with valid check digits, street addresses of
four countries) and put into shopper sentences. Product texts are shop sentences dense with
numbers that look like the above: model numbers, sizes, prices, order and tracking numbers,
SKUs, EAN barcodes, dates, dimensions and long digit runs. The dev and held-out sets use
different seeds and different sentence templates, so the held-out set has carriers the
recognizers were never tuned on; each set ends with hand-written texts (``HANDWRITTEN_*``
for dev, ``HANDWRITTEN_TEST_*`` for held-out).
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ------------------------------------------------------------------------------- values


def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    digits = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


CARD_PREFIXES = [("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                 ("6011", 16), ("65", 16), ("3530", 16), ("4", 19)]  # fmt: skip


def card(rng: random.Random) -> str:
    prefix, length = rng.choice(CARD_PREFIXES)
    number = luhn_complete(prefix, length, rng)
    style = rng.choice(["plain", "space", "dash", "space"])
    if style == "plain":
        return number
    sep = " " if style == "space" else "-"
    if length == 15:
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i : i + 4] for i in range(0, length, 4)]
    return sep.join(groups)


FIRST = ["john", "maria", "li", "ahmed", "sofia", "jean-luc", "olga", "kwame", "anna", "tom",
         "priya", "lukas", "chloe", "mateo", "yuki", "fatima", "noah", "emma", "omar", "zoe"]  # fmt: skip
LAST = ["smith", "garcia", "wang", "khan", "rossi", "picard", "ivanova", "mensah", "berg",
        "oconnor", "patel", "mueller", "martin", "lopez", "tanaka", "haddad"]  # fmt: skip
DOMAINS = ["gmail.com", "yahoo.co.uk", "outlook.com", "example.org", "mail.company-x.de",
           "posteo.net", "uni-heidelberg.de", "icloud.com", "proton.me", "shop-mail.io"]  # fmt: skip


def email(rng: random.Random) -> str:
    f, last = rng.choice(FIRST), rng.choice(LAST)
    local = rng.choice([f"{f}.{last}", f"{f}{last}{rng.randint(1, 99)}", f"{f[0]}{last}",
                        f"{f}_{last}", f"{f}+shop", f"{last}.{f}{rng.randint(70, 99)}"])  # fmt: skip
    domain = rng.choice(DOMAINS)
    style = rng.random()
    if style < 0.12:
        return f"{local.upper()}@{domain.upper()}"
    if style < 0.22:
        name, tld = domain.rsplit(".", 1)
        return f"{local} at {name} dot {tld}"
    if style < 0.30:
        return f"{local} [at] {domain.replace('.', ' [dot] ')}"
    if style < 0.36:
        return f"{local}(at){domain}"
    return f"{local}@{domain}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


US_AREAS = ["212", "415", "617", "312", "305", "206", "512", "646", "702", "801", "919", "303"]
UK_MOBILE = ["7700", "7911", "7400", "7555", "7812", "7984"]


def phone(rng: random.Random) -> str:
    kind = rng.choice(["us", "us", "uk", "uk", "de", "fr", "in", "au", "es", "nl"])
    if kind == "us":
        a, b, c = rng.choice(US_AREAS), str(rng.randint(201, 989)), _digits(rng, 4)
        return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}",
                           f"+1-{a}-{b}-{c}", f"1-{a}-{b}-{c}", f"{a} {b} {c}", f"{a}{b}{c}"])  # fmt: skip
    if kind == "uk":
        m, rest = rng.choice(UK_MOBILE), _digits(rng, 6)
        land = f"20 {rng.randint(3000, 8999)} {_digits(rng, 4)}"
        return rng.choice([f"0{m} {rest}", f"+44 {m} {rest}", f"+44 (0){m} {rest[:3]} {rest[3:]}",
                           f"0{m}{rest}", f"+44 {land}", f"0{land}"])  # fmt: skip
    if kind == "de":
        mob = f"15{rng.randint(1, 9)}{rng.randint(0, 9)} {_digits(rng, 7)}"
        return rng.choice([f"+49 {mob}", f"+49 30 {_digits(rng, 8)}", f"0049 89 {_digits(rng, 7)}"])
    if kind == "fr":
        n = f"6 {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)}"
        return rng.choice([f"+33 {n}", f"+33 (0){n}", f"0033 {n}"])
    if kind == "in":
        return f"+91 {rng.choice('6789')}{_digits(rng, 4)} {_digits(rng, 5)}"
    if kind == "au":
        return f"+61 4{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}"
    if kind == "es":
        return f"+34 6{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}"
    return f"+31 6 {_digits(rng, 8)}"


IBAN_FORMATS = {  # country: (length, bban character classes as n=digits a=upper c=alnum)
    "DE": "8n10n", "GB": "4a6n8n", "FR": "5n5n11c2n", "ES": "4n4n1n1n10n", "NL": "4a10n",
    "IT": "1a5n5n12c", "BE": "3n7n2n", "CH": "5n12c",
}  # fmt: skip


def _bban(rng: random.Random, spec: str) -> str:
    out, num = [], ""
    for ch in spec:
        if ch.isdigit():
            num += ch
            continue
        pool = {"n": string.digits, "a": string.ascii_uppercase,
                "c": string.ascii_uppercase + string.digits}[ch]  # fmt: skip
        out.append("".join(rng.choice(pool) for _ in range(int(num))))
        num = ""
    return "".join(out)


def iban(rng: random.Random) -> str:
    country = rng.choice(list(IBAN_FORMATS))
    bban = _bban(rng, IBAN_FORMATS[country])
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    value = f"{country}{check:02d}{bban}"
    if rng.random() < 0.7:
        value = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value.lower() if rng.random() < 0.08 else value


US_STREETS = ["Main", "Oak", "Maple", "Elm", "Washington", "Lake View", "Sunset", "Cedar Hill",
              "Park", "Pine", "Martin Luther King Jr", "Evergreen", "Broad", "Mill Creek"]  # fmt: skip
US_SUFFIX = ["Street", "St", "St.", "Avenue", "Ave", "Road", "Rd.", "Boulevard", "Blvd", "Lane",
             "Drive", "Dr", "Court", "Place", "Way", "Terrace", "Parkway"]  # fmt: skip
US_CITIES = [("Springfield", "IL"), ("Austin", "TX"), ("Portland", "OR"), ("Boston", "MA"),
             ("Denver", "CO"), ("Miami", "FL")]  # fmt: skip
UK_STREETS = ["Baker Street", "High Street", "Church Road", "Victoria Road", "Mill Lane",
              "Kings Road", "Station Road", "Queens Crescent", "Park Avenue"]  # fmt: skip
UK_TOWNS = [("London", "NW1 6XE"), ("Leeds", "LS1 4AP"), ("Bristol", "BS8 1TH"),
            ("Manchester", "M1 1AE"), ("Oxford", "OX1 2JD")]  # fmt: skip
DE_STREETS = ["Hauptstraße", "Bahnhofstrasse", "Goethestr.", "Lindenallee", "Am Marktplatz",
              "Schillerweg", "Berliner Straße", "Rosengasse"]  # fmt: skip
DE_TOWNS = [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg")]
FR_STREETS = ["rue de la Paix", "avenue Victor Hugo", "boulevard Saint-Germain", "rue Lepic",
              "place des Vosges", "chemin des Vignes"]  # fmt: skip
FR_TOWNS = [("75002", "Paris"), ("69001", "Lyon"), ("13001", "Marseille")]


def address(rng: random.Random) -> str:
    kind = rng.choice(["us", "us", "uk", "de", "fr"])
    if kind == "us":
        n = rng.randint(1, 9999)
        street = f"{n} {rng.choice(US_STREETS)} {rng.choice(US_SUFFIX)}"
        if rng.random() < 0.3:
            street += rng.choice([", Apt 4B", " Apt. 12", ", Suite 300", " #5"])
        if rng.random() < 0.6:
            city, state = rng.choice(US_CITIES)
            street += f", {city}, {state} {_digits(rng, 5)}"
        return street
    if kind == "uk":
        n = rng.choice([str(rng.randint(1, 250)), f"{rng.randint(1, 250)}B", "Flat 3, 22"])
        street = f"{n} {rng.choice(UK_STREETS)}"
        if rng.random() < 0.7:
            town, post = rng.choice(UK_TOWNS)
            street += f", {town} {post}" if rng.random() < 0.5 else f", {town}, {post}"
        return street
    if kind == "de":
        street = f"{rng.choice(DE_STREETS)} {rng.randint(1, 180)}{rng.choice(['', '', 'a'])}"
        if rng.random() < 0.7:
            post, town = rng.choice(DE_TOWNS)
            street += f", {post} {town}"
        return street
    street = f"{rng.randint(1, 120)} {rng.choice(FR_STREETS)}"
    if rng.random() < 0.7:
        post, town = rng.choice(FR_TOWNS)
        street += f", {post} {town}"
    return street


MAKERS = {"CARD": card, "EMAIL": email, "PHONE": phone, "IBAN": iban, "ADDRESS": address}

# ------------------------------------------------------------------------------- carriers

# {X} is replaced by a value of type X. Each list is split in halves: even positions for dev,
# odd positions for held-out.
PII_TEMPLATES = [
    "my card is {CARD} can you check the payment",
    "Please charge {CARD}, exp 09/27, for the headphones",
    "the payment failed with card number {CARD}",
    "can I pay with {CARD}?",
    "I entered {CARD} but the checkout says declined",
    "card: {CARD} cvv 123",
    "visa {CARD} was charged twice for order 48213",
    "use my amex {CARD} please",
    "why was {CARD} refused? I have money on it",
    "{CARD}",
    "Refund it to {CARD} instead",
    "hi, it's me again. card ending... actually full number {CARD}",
    "my email is {EMAIL}",
    "send the invoice to {EMAIL} please",
    "you can reach me at {EMAIL} or {PHONE}",
    "contact: {EMAIL}",
    "I never got the confirmation at {EMAIL}",
    "change my account email to {EMAIL}, the old one is dead",
    "{EMAIL}",
    "write to {EMAIL} about the return",
    "email me the tracking info ({EMAIL})",
    "my wife {EMAIL} ordered the same speaker",
    "is {EMAIL} subscribed to the newsletter?",
    "please unsubscribe {EMAIL}.",
    "call me on {PHONE}",
    "my number is {PHONE}",
    "phone {PHONE} - ask for Sam",
    "can someone ring {PHONE} after 5pm",
    "{PHONE}",
    "text me at {PHONE} when it ships",
    "my mobile: {PHONE}",
    "whatsapp {PHONE} if the courier can't find the house",
    "The delivery guy should call {PHONE}, not my old number",
    "reach me at {PHONE}, thanks!",
    "tel. {PHONE}",
    "I'm at {PHONE} all day tomorrow",
    "my IBAN is {IBAN}",
    "refund to IBAN {IBAN} please",
    "bank account {IBAN} (Sparkasse)",
    "{IBAN}",
    "send the money back to {IBAN}, name Anna Berg",
    "Can you wire it to {IBAN}?",
    "ship it to {ADDRESS}",
    "my address is {ADDRESS}",
    "deliver to {ADDRESS} please, ring twice",
    "I moved, new address: {ADDRESS}",
    "the parcel went to {ADDRESS} instead of my office",
    "billing address {ADDRESS}",
    "Can you send it to {ADDRESS}?",
    "{ADDRESS}",
    "please update shipping to {ADDRESS}.",
    "I live at {ADDRESS} and the courier never came",
    "it's {EMAIL}, and my card is {CARD}",
    "Name: Tom Berg, Address: {ADDRESS}, Phone: {PHONE}",
    "call {PHONE} or mail {EMAIL}",
    "ship to {ADDRESS}, call {PHONE} on arrival",
    "refund {IBAN} and confirm to {EMAIL}",
    "my details: {EMAIL} / {PHONE} / {ADDRESS}",
]

PRODUCT_TEMPLATES = [
    "Sony WH-1000XM{d1} wireless headphones, {d2} hours battery, ${p}",
    "Do you have the Galaxy S{d2} Ultra {gb}GB in stock?",
    "order #{order} hasn't arrived yet",
    "my order number is {order}, where is it?",
    "tracking number {track} shows no movement since Monday",
    "SKU {sku} is out of stock on the website",
    "Is item {sku2} compatible with the {d4} model?",
    'Samsung 55" QLED Q{d2}C, 3840x2160, {hz}Hz, ${p}',
    "size {size} in the trail runners, EU {eu}",
    "I'd like something under ${p} with at least {gb}GB storage",
    "EAN {ean} - is this the 2024 version?",
    "The box says model {model}, serial {serial}",
    "dimensions {dim1} x {dim2} x {dim3} cm, weight {kg} kg",
    "between ${p} and ${p2}",
    "return request RMA-{order} for invoice INV-{inv}",
    "Canon EOS R{d1} with RF 24-105mm f/4, {mp} MP, ${p}",
    "i bought it on 2024-{mm}-{dd} for {eur} EUR",
    "price dropped from ${p2} to ${p} on {mm}/{dd}/2025",
    "Bosch Series {d1} dishwasher SMS{d2}{letters}{d2b}GB, {db} dB",
    "part no. {part} for the 2019 Dyson V{d2}",
    "can I get {qty} of SKU {sku} delivered by {dd}.{mm}.",
    "the 3-pack of AA batteries (item {sku2}) arrived broken",
    "is the Lenovo ThinkPad X1 Carbon Gen {d1} ({gb}GB/{tb}TB) any good?",
    "Ref. {order}: wrong colour, I ordered {color} not black",
    "ISBN 978-{isbn1}-{isbn2}-{isbn3}-{d1}",
    "voucher code SAVE{d2} didn't work on order {order}",
    "my {d2}-inch laptop needs a sleeve, {dim1} x {dim2} cm max",
    "Nike Air Zoom Pegasus {d2}, size US {size}, style {style}",
    "iPhone 15 Pro Max {gb}GB vs Pixel {d1} Pro {gb}GB",
    "cable length {d1}.{d1b} m, AWG {awg}, up to {w} W",
    "gift card balance for card ending {last4}?",
    "quote #{order} for {qty} units at ${p} each",
    "Road bike 700x{tire}c, 2x{gears} speed, frame {frame} cm",
    "my loyalty number is {loyal}, can you add the points",
    "firmware {fw} broke the Wi-Fi on router AX{d4}",
    "3 Way Speaker System, {w} W RMS, {hz} Hz - {khz} kHz",
]

HANDWRITTEN_PII = [
    ("hey, my visa is 4539 1488 0343 6467 and it keeps failing", [("CARD", "4539 1488 0343 6467")]),
    ("MASTERCARD 5425233430109903 EXP 04/28", [("CARD", "5425233430109903")]),
    ("amex: 3714-496353-98431", [("CARD", "3714-496353-98431")]),
    ("you have my card 6011 0009 9013 9424 on file right", [("CARD", "6011 0009 9013 9424")]),
    ("number is 4917-4845-8989-7107 thx", [("CARD", "4917-4845-8989-7107")]),
    ("It's l.tanaka@posteo.net", [("EMAIL", "l.tanaka@posteo.net")]),
    ("Mail: Kwame.Mensah@Company-X.de (work)", [("EMAIL", "Kwame.Mensah@Company-X.de")]),
    ("<olga.ivanova@icloud.com>", [("EMAIL", "olga.ivanova@icloud.com")]),
    ("mailto:priya.patel+orders@gmail.com", [("EMAIL", "priya.patel+orders@gmail.com")]),
    ("email me - chloe_m@proton.me!", [("EMAIL", "chloe_m@proton.me")]),
    ("omar dot haddad at gmail dot com", [("EMAIL", "omar dot haddad at gmail dot com")]),
    ("call 415-555-0132 tomorrow", [("PHONE", "415-555-0132")]),
    ("my cell (646) 555 0187", [("PHONE", "(646) 555 0187")]),
    ("+44 20 7946 0958 is the office line", [("PHONE", "+44 20 7946 0958")]),
    ("ring 07700 900461 anytime", [("PHONE", "07700 900461")]),
    ("whatsapp +49 151 23456789", [("PHONE", "+49 151 23456789")]),
    ("Tel: +33 1 42 68 53 00", [("PHONE", "+33 1 42 68 53 00")]),
    ("phone number 312.555.0199", [("PHONE", "312.555.0199")]),
    ("IBAN DE89 3704 0044 0532 0130 00", [("IBAN", "DE89 3704 0044 0532 0130 00")]),
    ("GB29NWBK60161331926819 is my account", [("IBAN", "GB29NWBK60161331926819")]),
    ("please refund FR14 2004 1010 0505 0001 3M02 606", [("IBAN", "FR14 2004 1010 0505 0001 3M02 606")]),
    ("send it to 221B Baker Street, London NW1 6XE", [("ADDRESS", "221B Baker Street, London NW1 6XE")]),
    ("I'm at 1600 Pennsylvania Avenue NW, Washington, DC 20500", [("ADDRESS", "1600 Pennsylvania Avenue NW, Washington, DC 20500")]),
    ("Lieferadresse: Unter den Linden 77, 10117 Berlin", [("ADDRESS", "Unter den Linden 77, 10117 Berlin")]),
    ("deliver to 8 rue de Rivoli, 75004 Paris", [("ADDRESS", "8 rue de Rivoli, 75004 Paris")]),
    ("my address is 350 Fifth Ave, New York, NY 10118", [("ADDRESS", "350 Fifth Ave, New York, NY 10118")]),
]  # fmt: skip

HANDWRITTEN_PRODUCT = [
    "Is the Bose QC45 cheaper than the Sony WH-1000XM5? Both around $279",
    "I need a 65 inch TV under 1200 dollars, 120Hz, 4K",
    "order 1002345 was split into two parcels",
    "My tracking number 1Z999AA10123456784 stopped updating",
    "EAN 4006381333931 - do you stock it?",
    "what's the difference between the 128GB and 256GB model",
    "Size 10.5 US / 44.5 EU / 9.5 UK",
    "model number A2484, serial C02FK1ABQ6L4",
    "It weighs 1.35 kg and measures 30.4 x 21.5 x 1.6 cm",
    "price match: 149.99 at the other store vs 179.99 here",
    "3 Way Street Lamp, 2 x E27 sockets, 60 W max",
    "Main Street Collection sofa, 3 seater, 220 cm wide",
    "Court shoes size 6, heel 7.5 cm",
    "The Drive 500 GB SSD reads at 3500 MB/s",
    "pack of 12 x 330 ml cans, item 100293847",
    "Ticket 2024-000873 about my warranty claim",
    "the 2-in-1 convertible with a 13.3\" 2560x1600 screen",
    "voucher 5521-7788 expired on 31.12.2024",
    "Nintendo Switch OLED 64GB, bundle 045496883386",
    "coffee machine 15 bar, 1.8 l tank, 1450 W, code 8004399331440",
    "Can I return item 4417 8832 1190 after 30 days?",
    "RAM: 2 x 16 GB DDR5-5600 CL36",
    "my order 7700900123 shows delivered but nothing came",
    "Warranty registration 1234-5678-9012 for the drill",
    "ref 20 7946 0958 on the receipt",
    "iPad Air 11\" (M2) 2024, 256 GB, Wi-Fi + Cellular, $749",
    "Order No. 305-5551234-9876543 from the marketplace",
    "Logitech MX Master 3S, 8000 DPI, 70 days battery",
    "my loyalty card 6280 0012 3456 7890 isn't showing points",
    "bike tyre 29 x 2.35, tube 29x2.1-2.5 Presta 48 mm",
]  # fmt: skip

# Written after the first held-out run (seed 2, the templates above) had shown the misses
# that the recognizers were then fixed for: that run became tuning data ("dev"), and the
# final held-out set uses only these carriers and texts, which no tuning has seen.
TEST_PII_TEMPLATES = [
    "hello, i need to update my card to {CARD}",
    "Card {CARD} - expiry 11/26",
    "it says invalid card for {CARD}, is your site broken",
    "could you put the order on {CARD} instead of paypal",
    "[{CARD}]",
    "the number {CARD} belongs to my husband, please delete it",
    "ok here: {CARD}. now what?",
    "you can email {EMAIL} with the receipt",
    "e-mail address {EMAIL}; please don't share it",
    "Hi! {EMAIL} here, I ordered the kettle",
    "is the account under {EMAIL} or my old one",
    "pls send to {EMAIL}thanks",
    "For questions: {EMAIL}.",
    "give me a call at {PHONE}",
    "my phone's {PHONE}, the courier has the wrong one",
    "(mobile) {PHONE}",
    "if nobody answers {PHONE} try the office",
    "Contact number: {PHONE}",
    "wrong number on file, it should be {PHONE} now",
    "sms {PHONE} when the parcel is ready",
    "home {PHONE}, work {PHONE}",
    "IBAN: {IBAN} BIC: COBADEFFXXX",
    "put the refund on my account {IBAN} please",
    "my bank details are {IBAN}",
    "the parcel should go to {ADDRESS}",
    "Address - {ADDRESS}",
    "I'm not at {ADDRESS} anymore",
    "send the replacement to my parents at {ADDRESS}",
    "collect from {ADDRESS} on Friday",
    "{EMAIL}, {PHONE}",
    "{ADDRESS} / {PHONE}",
]
TEST_PRODUCT_TEMPLATES = [
    "Apple Watch Series {d1} GPS {dim1}mm, ${p}",
    "where is order {order}? it said 2-4 days",
    "SKU {sku} vs SKU {sku}: which one is newer",
    "the label says EAN {ean}, batch {d4}-{d2}",
    "tracking {track}",
    "{qty} x item {sku2} at ${p}",
    'LG OLED{d2}C{d1} {d2}" {hz}Hz, HDMI 2.1 x {d1}',
    "invoice INV-{inv}, order {order}, total {eur} EUR",
    "size {size} / EU {eu} / {dim1} cm foot length",
    "is the {gb}GB model ({model}) available in {color}?",
    "my membership number {loyal} isn't recognised",
    "serial no. {serial}, bought {dd}/{mm}/2023",
    "Dell XPS {d2} {d4}, i7-{d4}H, {gb}GB SSD, {d1}.{d1b} kg",
    "Tent {d1}-person, {dim1}0 x {dim2}0 cm, {d4} mm hydrostatic head",
    "Garmin Forerunner {d2}{d1}, {d2} days battery, {p} USD",
    "part {part} fits the 20{d2} models",
    "{qty} units by {dd}.{mm}.2025, quote {order}",
    "printer cartridge {d2}{d1}XL, {d4} pages",
    "case {order}: screen 2560x1440 dead pixel",
    "the 1{d2}0 Watt blender, {d1}.{d1b} L, {d2}000 rpm",
]
HANDWRITTEN_TEST_PII = [
    (
        "I'd like to change the card to 4012 8888 8888 1881 please",
        [("CARD", "4012 8888 8888 1881")],
    ),
    ("5555-5555-5555-4444 is the new one", [("CARD", "5555-5555-5555-4444")]),
    ("AMEX 378282246310005", [("CARD", "378282246310005")]),
    ("card nr 3566 0020 2036 0505 (JCB)", [("CARD", "3566 0020 2036 0505")]),
    ("Reach me: j.smith@company-x.de", [("EMAIL", "j.smith@company-x.de")]),
    ("RSVP to ZOE.LOPEZ@ICLOUD.COM", [("EMAIL", "ZOE.LOPEZ@ICLOUD.COM")]),
    ("my address is anna(at)berg.se", [("EMAIL", "anna(at)berg.se")]),
    (
        "noah.martin77@yahoo.co.uk; tom@example.org",
        [("EMAIL", "noah.martin77@yahoo.co.uk"), ("EMAIL", "tom@example.org")],
    ),
    ("call me: 206 555 0143", [("PHONE", "206 555 0143")]),
    ("+1 (303) 555-0177 is my cell", [("PHONE", "+1 (303) 555-0177")]),
    ("my mobile 07911 123456", [("PHONE", "07911 123456")]),
    ("office: +44 161 496 0000", [("PHONE", "+44 161 496 0000")]),
    ("Handy 0049 170 1234567", [("PHONE", "0049 170 1234567")]),
    ("tel +34 612 345 678", [("PHONE", "+34 612 345 678")]),
    ("ring +61 412 345 678 in the morning", [("PHONE", "+61 412 345 678")]),
    ("phone: 5125550163", [("PHONE", "5125550163")]),
    ("refund to NL91 ABNA 0417 1643 00", [("IBAN", "NL91 ABNA 0417 1643 00")]),
    ("CH9300762011623852957 thanks", [("IBAN", "CH9300762011623852957")]),
    ("deliver to 4 Privet Drive, Little Whinging", [("ADDRESS", "4 Privet Drive")]),
    (
        "ship to 1 Infinite Loop, Cupertino, CA 95014",
        [("ADDRESS", "1 Infinite Loop, Cupertino, CA 95014")],
    ),
    (
        "my address: Kastanienallee 12, 10435 Berlin",
        [("ADDRESS", "Kastanienallee 12, 10435 Berlin")],
    ),
    ("45 rue des Martyrs, 75009 Paris please", [("ADDRESS", "45 rue des Martyrs, 75009 Paris")]),
]
HANDWRITTEN_TEST_PRODUCT = [
    "order 4012888888881881 - wait no that's wrong, order 55123",
    "Is the 5555 series kettle any good?",
    "model 378282 vs model 378283",
    "my receipt says 206 555 items?? no, 2 items",
    'Samsung Galaxy Tab S9 FE 10.9" 128GB (SM-X510NZAAEUB)',
    "the cable is 3 m / 10 ft, 24 AWG",
    "4 Privet Drive Lego set 76218, 797 pieces",
    "1 Infinite Loop mouse pad, 30 x 25 cm",
    "delivery slot 08:00-12:00 on 2025-03-14",
    "price 1.299,00 EUR or 1,399.00 USD",
    "shoe size 44 2/3, width G",
    "article 100.234.56 from the catalogue page 212",
    "pack 12 x 1.5 l, deposit 0.25 each",
    "The 2-Way Radio set, 16 channels, 10 km range",
    "firmware v2.4.1 build 20240512",
    "battery 5000 mAh, 45 W charging, 0-70% in 30 min",
    "order ID 17004412931 placed 03/02",
    "Tracking: 9400 1000 0000 0000 0000 00",
    "reference 0123 4567 89 on the bank transfer from you",
    "screen 15.6 inches, 1920 x 1080, 144 Hz, 3 ms",
]

FILL = {
    "d1": lambda r: str(r.randint(2, 9)), "d1b": lambda r: str(r.randint(0, 9)),
    "d2": lambda r: str(r.randint(10, 99)), "d2b": lambda r: str(r.randint(10, 99)),
    "d4": lambda r: str(r.randint(1000, 9999)), "p": lambda r: f"{r.randint(9, 2999)}.{r.choice(['99', '00', '49'])}",
    "p2": lambda r: str(r.randint(100, 4000)), "gb": lambda r: r.choice(["64", "128", "256", "512"]),
    "tb": lambda r: r.choice(["1", "2"]), "order": lambda r: _digits(r, r.choice([6, 7, 8, 9, 10])),
    "track": lambda r: r.choice([_digits(r, 12), _digits(r, 20), "1Z" + _digits(r, 16), "JD" + _digits(r, 18)]),
    "sku": lambda r: f"{r.choice(['HP', 'TV', 'SH', 'KT', 'LP'])}-{_digits(r, 4)}-{r.choice(['BLK', 'WHT', 'RED'])}",
    "sku2": lambda r: _digits(r, r.choice([6, 8, 9])), "hz": lambda r: r.choice(["60", "120", "144", "240"]),
    "size": lambda r: r.choice(["7", "8.5", "9", "10.5", "11", "12"]), "eu": lambda r: str(r.randint(36, 47)),
    "ean": lambda r: _digits(r, 13), "model": lambda r: f"{r.choice('ABCXZ')}{_digits(r, 4)}",
    "serial": lambda r: _digits(r, r.choice([10, 12, 14])), "dim1": lambda r: str(r.randint(10, 90)),
    "dim2": lambda r: str(r.randint(10, 90)), "dim3": lambda r: str(r.randint(1, 40)),
    "kg": lambda r: f"{r.randint(0, 30)}.{r.randint(0, 9)}", "inv": lambda r: f"2025-{_digits(r, 6)}",
    "mp": lambda r: str(r.randint(20, 61)), "mm": lambda r: f"{r.randint(1, 12):02d}",
    "dd": lambda r: f"{r.randint(1, 28):02d}", "eur": lambda r: f"{r.randint(10, 999)},{r.randint(0, 99):02d}",
    "letters": lambda r: "".join(r.choice(string.ascii_uppercase) for _ in range(2)),
    "db": lambda r: str(r.randint(38, 48)), "part": lambda r: f"{_digits(r, 3)}-{_digits(r, 3)}-{_digits(r, 2)}",
    "qty": lambda r: str(r.randint(2, 500)), "color": lambda r: r.choice(["red", "blue", "sage"]),
    "isbn1": lambda r: str(r.randint(0, 1)), "isbn2": lambda r: _digits(r, 3), "isbn3": lambda r: _digits(r, 5),
    "style": lambda r: f"DV{_digits(r, 4)}-{_digits(r, 3)}", "awg": lambda r: str(r.randint(18, 28)),
    "w": lambda r: str(r.randint(5, 240)), "last4": lambda r: _digits(r, 4),
    "tire": lambda r: r.choice(["23", "25", "28", "32"]), "gears": lambda r: r.choice(["11", "12"]),
    "frame": lambda r: str(r.randint(48, 60)), "loyal": lambda r: _digits(r, r.choice([9, 11, 12])),
    "fw": lambda r: f"{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 99)}", "khz": lambda r: str(r.randint(18, 40)),
}  # fmt: skip


def fill_pii(template: str, rng: random.Random) -> dict[str, object]:
    text, found = template, []
    while "{" in text:
        start = text.index("{")
        kind = text[start + 1 : text.index("}", start)]
        value = MAKERS[kind](rng)
        text = text[:start] + value + text[text.index("}", start) + 1 :]
        found.append({"type": kind, "value": value})
    return {"kind": "pii", "text": text, "pii": found}


def fill_product(template: str, rng: random.Random) -> dict[str, object]:
    return {
        "kind": "product",
        "text": template.format(**{k: f(rng) for k, f in FILL.items()}),
        "pii": [],
    }


def _handwritten(pii: list, product: list) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {"kind": "pii", "text": t, "pii": [{"type": k, "value": v} for k, v in spans]}
        for t, spans in pii
    ]
    return rows + [{"kind": "product", "text": t, "pii": []} for t in product]


def _generated(seed: int, pii_t: list, prod_t: list, n_pii: int, n_product: int) -> list:
    rng = random.Random(seed)
    rows = [fill_pii(pii_t[i % len(pii_t)], rng) for i in range(n_pii)]
    return rows + [fill_product(prod_t[i % len(prod_t)], rng) for i in range(n_product)]


def make(split: str) -> list[dict[str, object]]:
    """``dev``: seed 1 on the even templates, seed 2 on the odd ones and the first
    hand-written texts; ``heldout``: seed 3 on the test templates and the test texts."""
    if split == "dev":
        rows = _generated(1, PII_TEMPLATES[0::2], PRODUCT_TEMPLATES[0::2], 160, 160)
        rows += _generated(2, PII_TEMPLATES[1::2], PRODUCT_TEMPLATES[1::2], 160, 160)
        rows += _handwritten(HANDWRITTEN_PII, HANDWRITTEN_PRODUCT)
    else:
        rows = _generated(3, TEST_PII_TEMPLATES, TEST_PRODUCT_TEMPLATES, 160, 160)
        rows += _handwritten(HANDWRITTEN_TEST_PII, HANDWRITTEN_TEST_PRODUCT)
    for i, row in enumerate(rows):
        row["id"] = f"{split}-{i:03d}"
        for item in row["pii"]:  # type: ignore[attr-defined]
            assert item["value"] in row["text"], row
    return rows


def main() -> None:
    for split in ("dev", "heldout"):
        rows = make(split)
        path = HERE / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                keys = ("id", "kind", "text", "pii")
                out.write(json.dumps({k: row[k] for k in keys}, ensure_ascii=False) + "\n")
        pii = sum(1 for r in rows if r["kind"] == "pii")
        print(f"{path.name}: {len(rows)} texts ({pii} with PII, {len(rows) - pii} product texts)")


if __name__ == "__main__":
    main()
