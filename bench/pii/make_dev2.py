"""Writes ``bench/pii/dev2.jsonl``: hand-written chat texts, a second tuning set.

Run: ``python bench/pii/make_dev2.py``. Written before the recognizers were changed for it,
by reading only ``dev.jsonl`` and ``make_sets.py`` (never the held-out sets). Same line format
as ``dev.jsonl``: ``{"id", "kind": "pii"|"product", "text", "pii": [{"type", "value"}]}``.

Personal values are marked in the texts as ``[[KIND:value]]``. In a ``CARD`` value a final
``?`` is replaced by the Luhn check digit; in product texts ``{{EAN:digits?}}`` and
``{{LUHN:digits?}}`` put an EAN/UPC check digit or a Luhn check digit on ``digits``.

What counts (the benchmark's rules, decided here):

- An address is labelled whole: house number, street, unit, town, postcode as typed; a
  country name after it is not part of the value.
- A phone's extension ("ext. 12", "x204") is part of the value.
- IMEIs, serial numbers, barcodes, order, tracking and loyalty numbers are product data, not
  personal: a text holding one is a product text even where the number is Luhn-valid (every
  real IMEI is). A 15-digit IMEI never has a card network's length and prefix together
  (Amex is 34/37, JCB 3528-3589 is 16-19 digits), so Luhn alone does not make it a card.
- Gift-card and loyalty-card numbers are product data too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def luhn_digit(digits: str) -> str:
    """The check digit that makes ``digits + it`` Luhn-valid."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def ean_digit(digits: str) -> str:
    """GS1 check digit (EAN-13, UPC-A, ...)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def complete_card(value: str) -> str:
    if not value.endswith("?"):
        return value
    digits = re.sub(r"\D", "", value[:-1])
    return value[:-1] + luhn_digit(digits)


_MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\](?!\])")  # an IP-literal e-mail ends in "]"
_FILL = re.compile(r"\{\{(EAN|LUHN):(\d+)\?\}\}")


def pii_row(marked: str) -> dict[str, object]:
    values = []

    def repl(m: re.Match[str]) -> str:
        kind, value = m.group(1), m.group(2)
        if kind == "CARD":
            value = complete_card(value)
        values.append({"type": kind, "value": value})
        return value

    text = _MARK.sub(repl, marked)
    return {"kind": "pii", "text": text, "pii": values}


def product_row(text: str) -> dict[str, object]:
    def repl(m: re.Match[str]) -> str:
        digits = m.group(2)
        return digits + (ean_digit(digits) if m.group(1) == "EAN" else luhn_digit(digits))

    return {"kind": "product", "text": _FILL.sub(repl, text), "pii": []}


PII = [
    # ---------------------------------------------------------------- cards
    "my card is [[CARD:4111 1111 1111 111?]].",
    "card [[CARD:4532-0151 1283-036?]] exp 12/27",
    "Visa [[CARD:4916.3387.4410.592?]], exp 03/26, cvv 412",
    "can you use [[CARD:5425233430109903]] for the TV?",
    "MC [[CARD:5105 1051 0510 510?]] - expires 08/25",
    "amex [[CARD:3782 822463 1000?]]",
    "Amex: [[CARD:3714-496353-9843?]].",
    "pay with my AMEX [[CARD:340000000000009]] please",
    "old visa [[CARD:4222222222222]] still works?",
    "the card ending in 1111? no wait, full number: [[CARD:4000 0566 5566 555?]]",
    "card number [[CARD:6011111111111117]], exp 11/28",
    "Discover [[CARD:6011 0009 9013 942?]] was declined",
    "JCB [[CARD:3530 1113 3330 000?]] ok?",
    "diners club [[CARD:3056 930902 590?]]",
    "[[CARD:36227206271667]] is my diners card",
    "unionpay [[CARD:6212 3456 7890 1234 56?]]",
    "my card: [[CARD:6250 9410 0652 859?]]",
    "visa [[CARD:4000 1234 5678 9010 12?]] (19 digits, yes)",
    "here you go: [[CARD:4242424242424242]]!",
    "([[CARD:4012 8888 8888 1881]])",
    '"[[CARD:5555 5555 5555 4444]]" is what I typed',
    "card:[[CARD:2223003122003222]]",
    "card_number=[[CARD:4111111111111111]]&exp=1227",
    "I used [[CARD:5200 8282 8282 821?]], then [[CARD:4000 0025 0000 300?]]; both failed",
    "card # [[CARD:4556 7375 8689 999?]]",
    "please charge [[CARD:4716  1089  9971  640?]] (sorry for the spaces)",
    "it's [[CARD:4485 275742308327]] exp 0926",
    "number [[CARD:5355-2200-4534-821?]], security code 938",
    "Card no. [[CARD:4929 8058 0150 432?]] , exp: 07/29",
    "the cc is [[CARD:4024007103939509]]; cvc 321",
    "mastercard [[CARD:2720 9926 5336 021?]] exp 1/30",
    "Use card [[CARD:5509.1377.0018.663?]] for the refund",
    "card number is [[CARD:4539 7817 5836 123?]]\nexp 04/27",
    "card\n[[CARD:4716 2613 4578 332?]]",
    "I'll pay with [[CARD:6011-5940-2817-451?]]?",
    "credit card: [[CARD:3566 1111 1111 1113]] (jcb)",
    "debit card (maestro) [[CARD:6759 6498 2643 8453]]",
    "for order 48213 use card [[CARD:4917 4845 8989 710?]]",
    "order #12345: [[CARD:4263 9826 4026 929?]] exp 05/28",
    "Payment card [[CARD:448504003710?]] (13 digit old visa)",
    "VISA [[CARD:4556 0721 7418 230?]]. Thanks!",
    "try [[CARD:5123 4567 8901 234?]], it has funds",
    "My wife's card is [[CARD:4007 0000 0002 7]]",
    "card ****-****-****-1234? no, the full one is [[CARD:5496 1983 3771 045?]]",
    "Amex [[CARD:3400 000000 00009]]",
    "my debit card number is [[CARD:4406 6300 1295 744?]] and the pin is not your business",
    "cc [[CARD:5425-2334-3010-9903]] cvv 123 exp 04/28",
    "kreditkarte [[CARD:4111 1111 1111 1111]]",
    "[[CARD:3528 0007 0000 000?]], exp 10/26",
    "new card - [[CARD:6500 0000 0000 000?]] - please update",
    # ---------------------------------------------------------------- e-mails
    "email: [[EMAIL:john.smith+orders@gmail.com]]",
    "my email is [[EMAIL:Maria.Garcia@Mail.Company-X.de]].",
    "send it to [[EMAIL:SOFIA.ROSSI@OUTLOOK.COM]] please",
    "[[EMAIL:john dot smith at gmail dot com]]",
    "reach me at [[EMAIL:john(at)mail.com]]",
    "[[EMAIL:j.smith [at] example [dot] org]] is my address",
    "contact <[[EMAIL:anna.berg@posteo.net]]>",
    "mailto:[[EMAIL:kwame.mensah@proton.me]]",
    "is [[EMAIL:li.wang@uni-heidelberg.de]], right?",
    "write me at [[EMAIL:tom_oconnor@yahoo.co.uk]]!",
    "my mail: [[EMAIL:lukas.mueller AT gmx DOT de]]",
    "[[EMAIL:priya @ example.org]] (spaces so bots can't read it)",
    "email [[EMAIL:fatima.haddad@sub.mail.example.co.uk]]; thanks",
    "Tom Berg <[[EMAIL:tom.berg@icloud.com]]>",
    '"[[EMAIL:noah.martin77@hotmail.fr]]"',
    "the invoice went to [[EMAIL:o'brien.sean@eircom.ie]] not me",
    "my qq is [[EMAIL:123456789@qq.com]]",
    "email is [[EMAIL:mary-jane.watson@daily-bugle.news]]",
    "contact: [[EMAIL:yuki {at} tanaka {dot} jp]]",
    "[[EMAIL:chloe (at) martin (dot) fr]]",
    "it's [[EMAIL:omar[at]haddad[dot]com]]",
    "mail [[EMAIL:emma at example dot co dot uk]] if it's late",
    "you can email [[EMAIL:zoe.lopez at gmail.com]]",
    "Email me ([[EMAIL:mateo.lopez@proton.me]]) when it ships",
    "my address is [[EMAIL:olga_ivanova1990@yandex.ru]], not the old one",
    "cc [[EMAIL:jean-luc.picard@starfleet.org]] and [[EMAIL:w.riker@starfleet.org]]",
    "[[EMAIL:Priya.Patel@Company.COM]]: please confirm",
    "e-mail: [[EMAIL:info+shop@my-little-store.com.au]]",
    "please use [[EMAIL:a.b.c.d@e.fg.hi.museum]] for now",
    "my work email: [[EMAIL:k.mensah@accounts.bigcorp.technology]]",
    "update my email to [[EMAIL:ahmedkhan@gmail.com]]... the old one bounced",
    "[[EMAIL:lopez.m@seznam.cz]] (my cz address)",
    "send to: [[EMAIL:tanaka.yuki@docomo.ne.jp]]",
    "I'm [[EMAIL:sofia dot rossi at libero dot it]]",
    "EMAIL: [[EMAIL:MUELLER_LUKAS@WEB.DE]]",
    "[[EMAIL:noah@martin.dev]]/[[EMAIL:noah.martin@work.io]]",
    "email address - [[EMAIL:emma.berg+newsletter@outlook.com]] -",
    "my gmail [[EMAIL:zoe.lopez87@gmail.com]]?",
    "reply to [[EMAIL:support-ticket.li@wang.family]] pls",
    "[[EMAIL:anna.berg(at)posteo(dot)de]]",
    "my email: [[EMAIL:kwame at mensah dot io]].",
    "email=[[EMAIL:priya.patel@gmail.com]]&name=Priya",
    "[[EMAIL:tom@berg.se]],[[EMAIL:anna@berg.se]]",
    "mail me: [[EMAIL:Olga.Ivanova@Mail.Ru]]!!",
    "the account is [[EMAIL:jsmith@example.com]] - can you reset it",
    "[[EMAIL:fatima_h@hotmail.co.uk]] — please no spam",
    "my email is [[EMAIL:ahmed.khan @ gmail.com]] sorry for the space",
    "write to [[EMAIL:l.tanaka [at] posteo.net]]",
    "send the receipt to [[EMAIL:omar-haddad@t-online.de]].",
    # ---------------------------------------------------------------- phones
    "call me on [[PHONE:+44 20 7946 0958]]",
    "my number is [[PHONE:(555) 123-4567]]",
    "[[PHONE:555.123.4567]] is my cell",
    "text [[PHONE:+1-555-123-4567]] when it ships",
    "[[PHONE:0049 30 1234567]] (office)",
    "mobile [[PHONE:07700 900123]]",
    "office line [[PHONE:(212) 555-0187 ext. 12]]",
    "tel [[PHONE:+1 415 555 0132 x204]]",
    "whatsapp [[PHONE:+49 151 23456789]]",
    "cell: [[PHONE:646-555-0134]]",
    "my phone number is [[PHONE:212.555.0199]].",
    "call [[PHONE:020 7946 0321]] after 6",
    "reach me at [[PHONE:+44 7911 123456]]",
    "[[PHONE:+44 (0)7700 900 456]]",
    "mob: [[PHONE:07912 345678]]",
    "Handy: [[PHONE:0151 23456789]]",
    "Tel. [[PHONE:030/12345678]]",
    "my number [[PHONE:0171-1234567]]",
    "call [[PHONE:+49 (0)89 1234567]] please",
    "[[PHONE:06 12 34 56 78]] (portable)",
    "my phone is [[PHONE:+33 6 12 34 56 78]]",
    "tel: [[PHONE:01.42.68.53.00]]",
    "whatsapp me: [[PHONE:+34 612 345 678]]",
    "my cell is [[PHONE:612 34 56 78]] (Spain)",
    "call [[PHONE:+39 347 123 4567]] or [[PHONE:06 1234 5678]]",
    "[[PHONE:+31 6 12345678]]",
    "mobiel [[PHONE:06-12345678]]",
    "my mobile is [[PHONE:0412 345 678]]",
    "ring [[PHONE:(02) 9876 5432]] in the morning",
    "call me on [[PHONE:+61 412 345 678]]",
    "[[PHONE:+91 98765 43210]] is my whatsapp",
    "my number is [[PHONE:98765 43210]]",
    "phone: [[PHONE:+1 (416) 555-0123]]",
    "[[PHONE:+55 11 91234-5678]] (Brazil)",
    "call [[PHONE:090-1234-5678]] (Japan)",
    "tel [[PHONE:+81 3-1234-5678]]",
    "phone [[PHONE:+41 44 668 18 00]]",
    "my number is [[PHONE:+48 512 345 678]]",
    "call [[PHONE:087 123 4567]] (Ireland)",
    "mobile: [[PHONE:+353 87 123 4567]]",
    "ring me on [[PHONE:070-123 45 67]]",
    "[[PHONE:+14155550132]]",
    "whatsapp [[PHONE:+4915112345678]]",
    "my number is [[PHONE:2125550187]]",
    "call [[PHONE:07700900123]] please",
    "[[PHONE:1-800-555-0199]] is the number on my account",
    "call me at [[PHONE:1 (800) 555-0199]]",
    "tel:[[PHONE:+1-212-555-0187]]",
    "[[PHONE:0044 20 7946 0958]]",
    "[[PHONE:00 33 1 42 68 53 00]] is my landline",
    "my mobile number: [[PHONE:+52 55 1234 5678]]",
    "call [[PHONE:(415) 555-0132]], ask for Sam",
    "contact number [[PHONE:415 555 0132]]",
    "sms [[PHONE:+44 7400 123456]] when the courier arrives",
    "my phone: [[PHONE:+1 212 555 0187]], email: [[EMAIL:sam@example.com]]",
    "call me on [[PHONE:0161 496 0000]] or [[PHONE:07700 900 461]]",
    "mob. [[PHONE:+44-7700-900123]]",
    "my number is [[PHONE:303-555-0177]], call after 5pm",
    "phone (home): [[PHONE:(303) 555 0143]]",
    "Tel.: [[PHONE:+43 1 234 5678]]",
    "[[PHONE:+1 555 123 4567]]",
    "my cell phone is [[PHONE:555-123-4567]].",
    # ---------------------------------------------------------------- IBANs
    "IBAN: [[IBAN:DE89 3704 0044 0532 0130 00]]",
    "refund to [[IBAN:GB33BUKB20201555555555]] please",
    "my iban is [[IBAN:fr76 3000 6000 0112 3456 7890 189]]",
    "[[IBAN:NL91ABNA0417164300]], name Anna Berg",
    "IBAN [[IBAN:ES91 2100 0418 4502 0005 1332]].",
    # ---------------------------------------------------------------- addresses
    "ship to [[ADDRESS:742 Evergreen Terrace, Springfield, IL 62704]]",
    "my address is [[ADDRESS:Apt 4B, 12 Main St.]]",
    "send it to [[ADDRESS:PO Box 123]]",
    "[[ADDRESS:P.O. Box 4567, Austin, TX 78701]]",
    "deliver to [[ADDRESS:221B Baker Street, London NW1 6XE]] please",
    "[[ADDRESS:Hauptstraße 5, 10115 Berlin]]",
    "Lieferadresse [[ADDRESS:rue de Rivoli 10]]",
    "address: [[ADDRESS:1600 Amphitheatre Pkwy, Mountain View, CA 94043]]",
    "I live at [[ADDRESS:350 5th Ave, New York, NY 10118]]",
    "billing: [[ADDRESS:233 S. Wacker Dr., Suite 3400, Chicago, IL 60606]]",
    "ship to [[ADDRESS:12 W 34th St Apt 5C, New York NY 10001]]",
    "new address [[ADDRESS:1234 NE 56th Ave, Portland, OR 97213]]",
    "[[ADDRESS:77 Massachusetts Ave, Cambridge, MA 02139]] is the office",
    "send it to [[ADDRESS:500 E. Main St. #210, Louisville, KY 40202]].",
    "ship to [[ADDRESS:15 oak street, denver co 80203]]",
    "my address is [[ADDRESS:88 pine ave apt 3]]",
    "[[ADDRESS:10 Downing St, London SW1A 2AA]]",
    "deliver to [[ADDRESS:Flat 2, 14 Elm Grove, Bristol BS7 8AB]]",
    "it's [[ADDRESS:42 Acacia Avenue, Manchester M14 5RT]]",
    "[[ADDRESS:5 Station Rd, Cambridge CB1 2JW]], ring the bell",
    "send to [[ADDRESS:123 Queen St W, Toronto, ON M5H 2M9]]",
    "address [[ADDRESS:Musterstr. 12a, 80331 München]]",
    "bitte an [[ADDRESS:Am Sonnenhang 3, 53111 Bonn]] liefern",
    "[[ADDRESS:Karl-Marx-Allee 90, 10243 Berlin]]",
    "my address is [[ADDRESS:Friedrichstraße 123]], 3rd floor",
    "ship to [[ADDRESS:Bahnhofstrasse 1, 8001 Zürich]]",
    "[[ADDRESS:Mariahilfer Straße 77, 1060 Wien]]",
    "deliver to [[ADDRESS:10 rue de Rivoli, 75001 Paris]]",
    "[[ADDRESS:25 avenue des Champs-Élysées, 75008 Paris]]",
    "adresse: [[ADDRESS:3 bd Haussmann, 75009 Paris]]",
    "[[ADDRESS:12 bis rue Victor Hugo, 69002 Lyon]]",
    "send it to [[ADDRESS:Calle Mayor 12, 28013 Madrid]]",
    "dirección: [[ADDRESS:Avenida de la Constitución 20, 41001 Sevilla]]",
    "[[ADDRESS:Carrer de Mallorca 401, 08013 Barcelona]]",
    "ship to [[ADDRESS:Via Roma 10, 00184 Roma]]",
    "[[ADDRESS:Corso Buenos Aires 33, 20124 Milano]]",
    "deliver to [[ADDRESS:Kalverstraat 92, 1012 PH Amsterdam]]",
    "[[ADDRESS:Prinsengracht 263, 1016 GV Amsterdam]]",
    "my address: [[ADDRESS:4059 Mt Lee Dr, Hollywood, CA 90068]]",
    "[[ADDRESS:1 Infinite Loop, Cupertino, CA 95014]]",
    "ship it to [[ADDRESS:9 Privet Drive]]",
    "the address is [[ADDRESS:456 Elm St, Apt 12, Austin, TX 78701]], USA",
    "I moved to [[ADDRESS:78 Maple Avenue, Unit 5, Boston, MA 02116]]",
    "address [[ADDRESS:1000 Rue Sherbrooke O, Montréal, QC H3A 3G4]]",
    "[[ADDRESS:Unter den Linden 77, 10117 Berlin]]",
    "send the parcel to [[ADDRESS:Lindenweg 7b, 20095 Hamburg]]",
    "shipping: [[ADDRESS:PO Box 9876, Miami, FL 33101]]",
    "my address is [[ADDRESS:25 Rosemary Lane, Leeds LS6 2QT]]",
    # ---------------------------------------------------------------- mixed
    "Name: Tom Berg, [[ADDRESS:12 Oak Street, Springfield, IL 62704]], "
    "[[PHONE:(217) 555-0123]], [[EMAIL:tom.berg@gmail.com]]",
    "[[EMAIL:anna.mueller@web.de]] / [[PHONE:+49 170 1234567]]",
    "card [[CARD:4111 1111 1111 1111]], ship to [[ADDRESS:742 Evergreen Terrace]]",
    "contact me at [[PHONE:07700 900789]] or [[EMAIL:kwame@mensah.co.uk]]",
    "deliver to [[ADDRESS:Hauptstraße 8, 10115 Berlin]], Tel. [[PHONE:030 1234567]]",
]

PRODUCT = [
    # ---------------------------------------------------------------- model numbers
    "Sony WH-1000XM5 vs WH-1000XM4, which has better ANC?",
    "RTX 4070 or RTX 4070 Ti Super for 1440p?",
    'is the Samsung QN90C 65" (QN65QN90CAFXZA) in stock?',
    "Bose QC45 - $279.00, QC Ultra - $429.00",
    "model A2484 vs A2485, serial C02FK1ABQ6L4",
    "Dyson V15 Detect SV47, 240 AW suction",
    "Canon EOS R6 Mark II with RF 24-105mm f/4L IS USM",
    "Intel Core i7-13700K vs Ryzen 7 7800X3D",
    "DDR5-6000 CL30 2x16GB kit",
    "Samsung 990 Pro 2TB NVMe, 7450 MB/s read",
    'LG 27GP850-B 27" 2560x1440 165Hz',
    "Galaxy S24 Ultra SM-S928B/DS 512GB",
    "iPhone 15 Pro Max 256 GB, A17 Pro",
    "Garmin Forerunner 965, 47 mm, 23 days battery",
    "Nikon Z8 body, 45.7 MP, 8K60",
    'the Kindle Paperwhite 11th gen, 6.8", 16 GB',
    "Philips 3200 Series EP3246/70 espresso machine",
    "Bosch Serie 6 SMS6ZCI49E dishwasher, 44 dB",
    "Miele WWD 320 WPS washing machine, 1400 rpm",
    "HP LaserJet Pro M404dn, 38 ppm",
    "Lenovo ThinkPad T14 Gen 4 (21HD0041GE)",
    "ASUS ROG Strix G16 G614JV-N3087W",
    "Nespresso Vertuo Next ENV120.W, 1500 W",
    "Xbox Series X 1TB vs PS5 Slim 1TB",
    "Logitech G Pro X Superlight 2, 60 g, 32000 DPI",
    # ---------------------------------------------------------------- SKUs, orders, tracking
    "SKU 1234-5678-90 is out of stock",
    "SKU: HP-4521-BLK",
    "item no. 100234567 arrived broken",
    "order #100234567 hasn't shipped",
    "my order number is 4111111111111111",
    "order 305-5551234-9876543 from the marketplace",
    "tracking number 1Z999AA10123456784",
    "tracking: 9400 1000 0000 0000 0000 00",
    "DHL tracking JD014600006281234567",
    "FedEx 7946 0958 1234, still in transit",
    "Royal Mail tracking AB123456789GB",
    "return label RMA-2024-004512",
    "invoice INV-2024-000873, total $1,299.99",
    "ticket #40213 about the warranty",
    "case 0123456789 was closed without an answer",
    "order ID 17004412931 placed 03/02",
    "Order No. 112-3456789-1234567",
    "order 2125550187, where is it?",
    "ref 07700900123 on my invoice",
    "quote Q-2025-0042 for 25 units at $12.50",
    "voucher SAVE20 didn't work on order 884421",
    "gift card 6035 7143 5678 9012 balance?",
    "loyalty card 6280 0012 3456 7890 isn't showing points",
    "membership no. 4000123456789 not recognised",
    "part number 123-456-7890 for the dishwasher pump",
    "part no. 00754866 fits the Bosch SMS6",
    "replacement filter 9001-2345-678",
    "item 4417 8832 1190 after 30 days?",
    "article 100.234.56 from the catalogue page 212",
    "reference 0123 4567 89 on the bank transfer",
    "my return code is 5541 2290 7763",
    "order 4532015112830366 was charged twice",
    "parcel ID 00340434161234567895",
    "shipment 4006381333931 left the warehouse",
    # ---------------------------------------------------------------- barcodes, serials, IMEIs
    "EAN {{EAN:400638133393?}} - do you stock it?",
    "barcode {{EAN:871234567890?}} on the box",
    "UPC {{EAN:04210000526?}}",
    "the label says {{EAN:401234567890?}}",
    "EAN-13: {{EAN:590123412345?}}, batch 2024-11",
    "ean {{EAN:978014300723?}} (the paperback)",
    "ISBN 978-3-16-148410-0",
    "ISBN 0-306-40615-2, 2nd edition",
    "IMEI {{LUHN:35693803564380?}}",
    "the IMEI of my phone is {{LUHN:86001000123456?}}",
    "IMEI: 490154203237518, it's locked",
    "my phone's IMEI 35 209900 176148 1 is blacklisted",
    "serial 4512 3398 1207 55 on the back",
    "S/N 5CD1234XYZ, bought 2023",
    "serial number {{LUHN:378282246310?}}",
    "MAC 00:1A:2B:3C:4D:5E on the router",
    "the box barcode is {{EAN:501234567890?}}",
    "GTIN 0{{EAN:001234567890?}}",
    "ASIN B09XS7JWHH",
    # ---------------------------------------------------------------- prices, sizes, dimensions
    "$1,299.99 or €1.199,00?",
    "price dropped from 1 499,00 € to 1 299,00 €",
    "between 200 and 350 dollars",
    "under £2,500 please",
    "it costs 12 999 kr in Sweden",
    "30 x 40 x 20 cm, 4.5 kg",
    "dimensions 1200 x 600 x 750 mm",
    "size 10.5 US / 44.5 EU / 9.5 UK",
    "waist 32, length 34",
    "bike tyre 29 x 2.35, tube 29x2.1-2.5",
    "700x28c tyres, 2x12 speed",
    "RAM 2 x 16 GB, SSD 1 TB",
    'screen 15.6", 1920 x 1080, 144 Hz',
    "resolution 3840 x 2160 at 120 Hz",
    "battery 5000 mAh, 45 W, 0-70% in 30 min",
    "10 000 mAh power bank, 22.5 W",
    "1 000 000 pieces sold",
    "12 x 330 ml cans, 6 x 1.5 l bottles",
    "2.4 GHz / 5 GHz, 802.11ax, 3000 Mbps",
    "shoe size 44 2/3, width G",
    "the 120 x 200 cm mattress, 25 cm high",
    "bed 160x200, slats 28 x 8 mm",
    "rug 200 x 300 cm, 12 mm pile",
    'TV 55", 123.1 x 70.8 x 2.5 cm, 17.4 kg',
    "tent 2-person, 210 x 140 x 105 cm, 3000 mm hydrostatic head",
    "blender 1200 W, 1.5 L, 30000 rpm",
    "drill 18 V, 2 x 4.0 Ah, 60 Nm",
    # ---------------------------------------------------------------- dates, times, versions
    "delivered on 2024-05-12 at 14:30",
    "delivery slot 08:00-12:00 on 2025-03-14",
    "bought it on 12/05/2023 for 89.99",
    "warranty until 31.12.2026",
    "firmware v2.14.3 build 20240512",
    "iOS 17.4.1 broke Bluetooth",
    "version 1.2.3-beta.4",
    "2019-2023 models only",
    "from 10:00 to 18:00, Mon-Fri",
    "opening hours 9-17, 365 days a year",
    "it's from 1998",
    "released 14 March 2024",
    "Windows 11 Pro 23H2, build 22631.3447",
    "timestamp 1715520000 in the log",
    "log: 2024-05-12T14:30:00Z order=884421 sku=HP-4521-BLK qty=2",
    # ---------------------------------------------------------------- street-like product names
    "Main Street Collection sofa, 3 seater, 220 cm wide",
    "3 Way Street Lamp, 2 x E27, 60 W",
    "Park Avenue armchair in sage, 80 x 85 cm",
    "21 Jump Street Blu-ray, 109 min",
    "10 Cloverfield Lane DVD",
    "Abbey Road 50th anniversary box set, 3 LP",
    "Sunset Boulevard poster 50 x 70 cm",
    "Route 66 jacket, size L",
    "the 5th Avenue chair, 45 cm seat height",
    "4 Privet Drive Lego set 76218, 797 pieces",
    "1 Infinite Loop mouse pad, 30 x 25 cm",
    "Oak Hill desk 140 x 70 cm",
    "Highway 61 Revisited vinyl 180 g",
    "2 Broadway tickets for 12/14",
    "Court shoes size 6, heel 7.5 cm",
    "The Drive 500 GB SSD reads at 3500 MB/s",
    "Victoria Road bike, 54 cm frame",
    "Baker Street tea set, 12 pieces",
    "a 3-drawer Hill Lane dresser",
    "42nd Street cast recording CD",
    # ---------------------------------------------------------------- at / dot / phone words
    "look at this dot com bubble book",
    "polka dot dress at 29.99",
    "the dot matrix printer at 1200 dpi",
    "phone case for iPhone 15, 6.1 inch",
    "my phone is the Pixel 8 Pro 256GB",
    "mobile: Galaxy A54 5G, model SM-A546B",
    "call of duty for PS5, 2023 edition",
    "home theater 5.1 system, 1000 W",
    "office chair up to 120 kg, seat 50 x 48 cm",
    "cell 18650 3.7 V 3500 mAh",
    "line 6 Helix, 2 x 6 footswitches",
    'text size 12 pt on the 7.8" e-reader',
    'ring light 18", 3200-5600 K',
    "the Ring doorbell 4, 1536p",
    "reach 4.5 m with the 2 x 2.5 m extension",
    "contact grill 2000 W, 29 x 23 cm plates",
    "mobile phone holder for 4.7 to 6.8 inch",
    "call me when order 884421 ships",
    "ring me when 3 x 500 g packs are back",
    'landline phone Gigaset A690, 1.8" display',
    "whatsapp says the order 5521 7788 is delivered",
    "sms alerts for order 100234567",
    'my number one choice is the 75" model',
    "home 2 x 1.5 l jars, office 1 x 3 l",
    "fax machine Brother FAX-2840, 33.6 kbps",
    # ---------------------------------------------------------------- long digit runs
    "123456789012",
    "the receipt number 40213 5521 77",
    "Warranty registration 1234-5678-9012 for the drill",
    "pack of 100, item 4006381333931",
    "2 x 4111 1111 batteries",
    "hmm 5555 series kettle is nice",
    "model 378282 vs model 378283",
    "my receipt says 206 555 items?? no, 2 items",
    "NIST 800-53 compliant router",
    "Cat6 cable 1 2 3 5 10 20 m",
    "sizes 36 38 40 42 44 46 48",
    "rated 4.5/5 from 1,234 reviews",
    "save 20% on 3+ items, code 2024-SPRING",
    "page 12 of 340, table 4.2",
    "lot 2024 0512 1430 on the bottle",
    "3 for 2 on 500 ml bottles",
    "£12.99 x 3 = £38.97",
    "1.299,00 EUR or 1,399.00 USD",
    "I paid 4111 dollars??? that's wrong",
    '1/2" drive socket set, 8-32 mm, 24 pcs',
    "postcode lookup for the store near 10115?",
    "store hours at the Berlin 10115 branch: 9-20",
    "is the NW1 store open on Sunday?",
]


def write_set(name: str, pii: list[str], product: list[str]) -> None:
    """``<name>.jsonl`` from marked PII texts and product texts (ids ``<name>-000``...)."""
    rows = [pii_row(t) for t in pii] + [product_row(t) for t in product]
    path = HERE / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, row in enumerate(rows):
            for item in row["pii"]:  # type: ignore[attr-defined]
                assert item["value"] in row["text"], row
            line = {"id": f"{name}-{i:03d}", **row}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{path.name}: {len(rows)} texts ({len(pii)} with PII, {len(product)} product texts)")


def main() -> None:
    write_set("dev2", PII, PRODUCT)


if __name__ == "__main__":
    main()
