"""genrec_core.pii_email: the shapes an e-mail address is typed or pasted in are redacted
exactly (nothing around them), and what only looks like one (file names, handles, package
pins, prices with ``@``) is left alone."""

from __future__ import annotations

import pytest

from genrec_core.pii import redact
from genrec_core.pii_email import find_emails


def found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_emails(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("we use bill&ted@adventure.com", "bill&ted@adventure.com"),  # RFC 5322 atext
        (
            "it's customer/department=shipping@example.com",
            "customer/department=shipping@example.com",
        ),
        ("write to !def!xyz%abc@example.com", "!def!xyz%abc@example.com"),
        ("$A12345@example.com is the inbox", "$A12345@example.com"),
        ("reply to ~tilde~@example.net", "~tilde~@example.net"),
        ("email a=b@example.com", "a=b@example.com"),
        ('email is "john doe"@example.com', '"john doe"@example.com'),  # quoted local part
        ("почта ivan.petrov@почта.рф", "ivan.petrov@почта.рф"),  # a TLD in another script
        ("me@example.xn--p1ai", "me@example.xn--p1ai"),  # a punycode TLD
        ("email postmaster@[192.168.10.1] (intranet)", "postmaster@[192.168.10.1]"),
        ("reach admin@[IPv6:2001:db8::1] lol", "admin@[IPv6:2001:db8::1]"),
        ("email: yuki\uff20example.jp", "yuki\uff20example.jp"),  # a full-width at sign
        ("?email=jane.doe%40gmail.com", "jane.doe%40gmail.com"),  # URL-encoded
        ("contact@mystudio.photography is mine", "contact@mystudio.photography"),
        ("dash.after@mail.com- that's it", "dash.after@mail.com"),
        ("wei.zhang@163.com谢谢", "wei.zhang@163.com谢谢"),  # glued text in one script: taken
    ],
)
def test_uncommon_but_valid_shapes(text: str, value: str) -> None:
    assert value in found(text), found(text)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("From: Jane Doe <jane.doe@example.com>", "From: Jane Doe <<EMAIL>>"),
        ("mailto:kontakt@firma.de", "mailto:<EMAIL>"),
        ("“emma.wilson@icloud.com”", "“<EMAIL>”"),
        ("'lucia.rossi@alice.it'", "'<EMAIL>'"),
        ("**bold.user@proton.me**", "**<EMAIL>**"),
        ("{curly@brace.net}", "{<EMAIL>}"),
        ("Email:glued@colon.com", "Email:<EMAIL>"),
        ("email=formfield@example.com&name=Jo", "email=<EMAIL>&name=Jo"),
        (
            "https://shop.example.com/unsub?email=jo%40gmail.com",
            "https://shop.example.com/unsub?email=<EMAIL>",
        ),
        ("a1@b.com,c2@d.com;e3@f.com", "<EMAIL>,<EMAIL>;<EMAIL>"),
        ("slash1@x.com/slash2@x.com", "<EMAIL>/<EMAIL>"),
        ("is it asking@domain.co?", "is it <EMAIL>?"),
        ("it's ted@x.com's account", "it's <EMAIL>'s account"),
        ("email:\nlinebreak@after.com\nthx", "email:\n<EMAIL>\nthx"),
    ],
)
def test_what_surrounds_an_address_is_kept(text: str, clean: str) -> None:
    assert redact(text) == clean


@pytest.mark.parametrize(
    "text",
    [
        "logo@2x.png is blurry",  # a file extension is no TLD
        "hero-banner@2x.jpg is 2400x800",
        "npm install react@18.2.0",
        "tag @nike.running in your post",  # a handle: "running" is no mail TLD
        "DM @shop.berlin for the size chart",  # a social verb before it
        "follow us @ikea_uk for deals",
        "youtube.com/@mkbhd reviewed it",
        "medium.com/@techreviews/best-laptops-2024",
        "HDMI 2.1, 4K@120Hz and 8K@60Hz",
        "2 @ $15 each",
        "£39 @ argos.co.uk",
    ],
)
def test_lookalikes_are_left_alone(text: str) -> None:
    assert not find_emails(text)


@pytest.mark.parametrize(
    "value",
    [
        "helga[@]gmail.com",
        "bruno (@) gmail.com",
        "jonas.doe(at)gmail(punkt)com",
        "rania[at]gmail[.]com",
        "tariq @ gmail . com",  # an "@" with spaced dots
        "pierre@gmail. com",
        "sven @gmail dot com",  # an "@" with a dot in words
        "juan arroba gmail punto com",
    ],
)
def test_obfuscated_shapes(value: str) -> None:
    assert found(f"my email: {value} thanks") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "I'm @ home. in the evening I can check",  # a sentence after a spaced dot
        "sale @ target . com this weekend",  # a retailer
        "2 @ 3.99. com? no, .co.uk",
        "rated 4 point 5 at bestbuy . com",
        "the (at) sign key is broken on keyboard K380",
    ],
)
def test_obfuscation_lookalikes(text: str) -> None:
    assert not find_emails(text)


@pytest.mark.parametrize(
    "text",
    [
        "£20 at amazon.co.uk",
        "the kettle at johnlewis.com is 79",
        "reviews at rtings.com say it's good",
        "we're at booth 4.2 at ifa-berlin.de",
    ],
)
def test_shop_talk_with_a_worded_at(text: str) -> None:
    assert not find_emails(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("it's sam at acme.co.uk", "sam at acme.co.uk"),  # after "it's"
        ("send the invoice to jo at jo-design.com", "jo at jo-design.com"),  # an e-mail cue
        ("k.wong at company.com.hk", "k.wong at company.com.hk"),  # a user name's shape
        ("olivia at gmail.com", "olivia at gmail.com"),  # a mail provider
    ],
)
def test_a_worded_at_with_a_plain_dot(text: str, value: str) -> None:
    assert found(text) == [value]


def test_a_spaced_at_still_needs_a_mail_tld() -> None:
    assert found("send it to dani @ icloud.com") == ["dani @ icloud.com"]
    assert not found("brand @ studio.official")


@pytest.mark.parametrize(
    "value",
    [
        "jane@gmail",  # no top-level domain at a webmail provider
        "jane@gmail,com",  # a comma for the dot
        "peter@@gmail.com",  # a doubled "@"
        "jane_at_gmail_dot_com",  # underscores for the words
        "j.doe_at_mail_dot_co_dot_uk",
        "samlee99 at hotmail",  # a user name at a provider, in words
    ],
)
def test_addresses_typed_in_a_hurry(value: str) -> None:
    assert found(f"my email is {value} thanks") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "is the gmail app on this phone",
        "tag us @outlook for a discount",
        "the yahoo@home bundle",  # "home" is no provider
        "deals at gmail? no",  # a shop word, not a user name
        "i am at hotmail",
        "version_at_launch_dot_release",  # "release" is no mailbox's domain
        "user@@ is not valid",
    ],
)
def test_hurried_lookalikes_are_left_alone(text: str) -> None:
    assert not find_emails(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("मेरा ईमेल संपर्क@डाटामेल.भारत है", "संपर्क@डाटामेल.भारत"),  # Indic vowel signs
        ("ติดต่อ@ตัวอย่าง.ไทย", "ติดต่อ@ตัวอย่าง.ไทย"),  # Thai vowel marks
        ("✉️admin@[10.0.0.254]", "admin@[10.0.0.254]"),  # an emoji's variation selector
        ("sean.o’brien@eircom.net is mine", "sean.o’brien@eircom.net"),  # a phone's apostrophe
        ("taro＠example．co．jp です", "taro＠example．co．jp"),  # full-width dots
        ("邮箱：zhang@163。com", "zhang@163。com"),  # an ideographic full stop
        ("emails:\n-jane@gmail.com\n-john@gmail.com", "jane@gmail.com"),  # a bullet
        ("Email id:-rahul.verma@rediffmail.com", "rahul.verma@rediffmail.com"),
        ("contact me @ jane.doe@gmail.com", "jane.doe@gmail.com"),  # "@" as "at" before it
        ("reach me @sally.r@yahoo.com", "sally.r@yahoo.com"),
        ("li.wei @yahoo.com", "li.wei @yahoo.com"),  # a user name before a spaced "@"
        ("ben @gmail.com", "ben @gmail.com"),  # a mail provider after it
    ],
)
def test_scripts_dots_and_what_stands_before(text: str, value: str) -> None:
    assert value in found(text), found(text)


@pytest.mark.parametrize(
    "value",
    [
        "jane -at- gmail -dot- com",
        "marie arobase orange point fr",
        "jean.dupont arobase gmail point com",
        "jane.doe@gmailcom",  # a webmail name glued to its TLD
        "jane.doe@gmail com",
    ],
)
def test_more_written_shapes(value: str) -> None:
    assert found(f"my email is {value} thanks") == [value]
    assert found(value) == [value]  # no e-mail word needed


@pytest.mark.parametrize(
    "text",
    [
        "credit @dyson.uk for the photo",  # a word before a handle
        "loved the unboxing from @nike.es",
        "@hm.de and @zara.es both have it",
        "I'm @ home.in the evening, can you deliver then?",  # a TLD that is an English word
        "pick up @ store.is that ok?",
        "bought 2@walmart.com for $10",  # a count at a retailer
        "got 3x@amazon.de for 20 euro",
        "the file backup@2024.zip is missing",  # file extensions
        "sent video@1080p.mov",
        "can't open print@0.2mm.gcode",
        "can I sync it with my calendar at outlook.com?",  # a thing after a determiner
        "the backup at icloud.com is full",
        "saw the Echo Dot at amazon dot com for 30 dollars",  # a retailer in words
        "its at boots dot com for 12",
        "at this point in time it's sold out",  # "point" is a dot only after "arobase"
        "state-of-the-art dot matrix at 99",
    ],
)
def test_handles_counts_files_and_things_are_left_alone(text: str) -> None:
    assert not find_emails(text)


@pytest.mark.parametrize(
    "value",
    [
        "jane . doe @ gmail . com",  # spaced dots in the name and the domain
        "jane .doe@gmail.com",  # a spaced dot in the name only
        "jane at gmail .com",
        "jane.doe at gmail . com",
        "jane . doe at gmail . com",
        "jane dot doe at gmail dot com",
        "jane&#64;gmail.com",  # HTML entities and URL encoding
        "jane&#x40;gmail.com",
        "jane&commat;gmail.com",
        "jane%40gmail%2Ecom",
        "karl ät gmx punkt de",  # German, Dutch, Spanish, Italian words without brackets
        "jan apenstaartje ziggo punt nl",
        "juan arroba gmail punto com",
        "mario chiocciola libero punto it",
    ],
)
def test_spaced_encoded_and_foreign_shapes(value: str) -> None:
    assert found(f"my email is {value} thanks") == [value]
    assert found(value) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("jane\u200b@gmail.com", "jane\u200b@gmail.com"),  # a zero-width space
        ("mail: tom@\u200bhotmail.com", "tom@\u200bhotmail.com"),
        ("mike@gmail\u200b.com ok", "mike@gmail\u200b.com"),
        ("pa\u00adul@outlook.com", "pa\u00adul@outlook.com"),  # a soft hyphen
        ("jane@\u00a0gmail.com", "jane@\u00a0gmail.com"),  # a non-breaking space
        ("\u200bben@gmx.de", "ben@gmx.de"),  # one before the address is no part of it
    ],
)
def test_invisible_characters_inside_an_address(text: str, value: str) -> None:
    assert found(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("jane at gmail", "jane at gmail"),  # nothing after it
        ("jane at gmail, thanks", "jane at gmail"),
        ("my email is tom at yahoo", "tom at yahoo"),  # an e-mail word before it
        ("reach me at jane@gmail", "jane@gmail"),
        ("ella (at) gmail", "ella (at) gmail"),
        ("jane dot doe at gmail", "jane dot doe at gmail"),
        ("jane @ gmail", "jane @ gmail"),
        ("lena@web ok?", "lena@web"),  # a provider that is a word, then nothing
        ("wang@163", "wang@163"),
        ("chris@proton", "chris@proton"),
        ("my email is jane at live", "jane at live"),
    ],
)
def test_a_provider_without_a_top_level_domain(text: str, value: str) -> None:
    assert found(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("jane doe@gmail.com", "jane doe@gmail.com"),
        ("my email is mark smith@outlook.com", "mark smith@outlook.com"),
        ("send it to Lisa Brown@yahoo.com", "Lisa Brown@yahoo.com"),
        ("email: ali khan@hotmail.com", "ali khan@hotmail.com"),
        ("mi correo es juan perez@gmail.com", "juan perez@gmail.com"),
        ("jane doe@company.com", "doe@company.com"),  # not a webmail provider: the address
        ("thanks doe@gmail.com", "doe@gmail.com"),  # a word that is no name
        ("I saw jane doe@gmail.com", "doe@gmail.com"),  # no e-mail word before the name
    ],
)
def test_a_first_name_typed_apart(text: str, value: str) -> None:
    assert found(text) == [value]


def test_the_redactor_reads_a_german_at_without_an_a() -> None:
    assert redact("tom ät gmx punkt de") == "<EMAIL>"


@pytest.mark.parametrize(
    "text",
    [
        "the 13 . 3 inch one, is it in stock?",  # spaced dots in numbers
        "v1 . 2 . 3 @ beta . io",
        "2 @ 9 . 99 = 19 . 98",
        "I'm at work . is it shipped?",  # a sentence after a spaced dot
        "mum at home. it was left with the neighbour",
        "we met at gmail. it was 2010",
        "saw it at tesco . com for less",  # a retailer
        "the storage at icloud is full",  # a provider with no TLD, then more words
        "stored at icloud",
        "my dad works at yahoo, is there a discount?",
        "my calendar at outlook keeps crashing",
        "support at gmail said it's the phone",
        "i am at hotmail",
        "is it cheaper at web or in the app?",  # providers that are words
        "stream@live now",
        "watch the launch @ live stream",
        "at&t@mail order",
        "2@163 each",
        "tag us @outlook for a discount",  # a handle
        "the receipt shows &#64; instead of the at sign",  # an entity alone
        "Tom & Jerry DVD @ 4.99",
        "de apenstaartje toets werkt niet",  # the foreign words alone
        "la tecla arroba no funciona",
        "Lieferung punkt 12 Uhr?",
        "peso 2 punto 5 kg",
        "it\u200bworks at 5 V",
    ],
)
def test_spaced_encoded_and_no_tld_lookalikes(text: str) -> None:
    assert not find_emails(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("[[j s m i t h @ gmail . com]]", "j s m i t h @ gmail . com"),  # letters typed apart
        ("my mail is p e t e r . k @ web . de ok", "p e t e r . k @ web . de"),
        ("t o m @ g m a i l . c o m thanks", "t o m @ g m a i l . c o m"),
        ("mail me: dave {at} fastmail {dot} fm", "dave {at} fastmail {dot} fm"),  # any TLD
        ("chris{at}chrisfoto{dot}photography", "chris{at}chrisfoto{dot}photography"),
        ("my address is sam at samuelson dot photography", "sam at samuelson dot photography"),
        ("info at müller-bau dot de", "info at müller-bau dot de"),  # a role mailbox
        ("alex at alex-m dot me", "alex at alex-m dot me"),  # the domain starts with the name
        ("mike at mike-designs dot studio, my work email", "mike at mike-designs dot studio"),
        ("a.jones@gmail.com or jones at work dot com", "jones at work dot com"),
        ("email is carl@\r\nweb.de", "carl@\r\nweb.de"),  # a Windows line break
    ],
)
def test_letters_apart_long_tlds_in_words_and_dot_words(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "reviews at rtings dot com say it's great",  # "at" and "dot" as words: shop talk
        "price match at very dot co dot uk?",
        "rain jacket at rei dot com is on sale",
        "iphone case at casetify dot com",
        "polka dot dress at zara dot com",
        "look at this dot matrix printer",
        "hello at the bakery dot coffee",  # an uncommon TLD in words needs more
        "sizes S M L @ amazon . com",  # letters apart: sizes, a retailer
        "S M L @ 19.99",
        "v 1 . 2 @ home . com",
        "5 @ $20 each",
        "npm i lodash@4.17.21",
    ],
)
def test_dot_word_and_letters_apart_lookalikes(text: str) -> None:
    assert not find_emails(text)


def test_letters_apart_get_a_typed_placeholder() -> None:
    assert redact("email: j s m i t h @ gmail . com thanks") == "email: <EMAIL> thanks"
