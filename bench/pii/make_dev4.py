"""Writes ``bench/pii/dev4.jsonl``: a fourth tuning set, e-mail shapes rare in the other sets.

Run: ``python bench/pii/make_dev4.py`` (fixed seed: the file is rebuilt byte for byte).
Written before the e-mail recognizer was changed for it, by reading the recognizer, the other
tuning sets and their scripts (never the held-out sets), to probe e-mail addresses as people
type or paste them into a shop chat in ways the other tuning sets hold few of, and product
texts full of ``@``, dots, "at" and "dot" that hold none.

How it was made:

- ``ADDRESSES``: hand-written addresses grouped by kind (letter case, plus tags, dots,
  hyphens, underscores and digits in the local part, subdomains, long and new TLDs, punycode,
  internationalised local parts and domains, quoted local parts, IP-literal domains, very
  long local parts). Each is put into a carrier sentence drawn (``random.Random(4)``) from
  ``CARRIERS`` (plain and labelled sentences in a dozen languages, brackets, ``mailto:``,
  markdown links, quotes, JSON, punctuation and emojis after it, labels without a space).
- ``WRITTEN``: addresses in words or with spaces (``at``/``dot``, ``[at]``, ``<at>``,
  ``-at-``, ``arobase ... point``, spaces around ``@``) in the sentences shoppers write them
  in; they never go into ``mailto:`` or JSON carriers.
- ``HANDWRITTEN``: whole texts for what a template cannot make: two addresses in one text,
  an address cut by a line break, ``@`` used as "at" before an address, trailing dots, glued
  words and other scripts around it, list bullets.
- Product texts: from templates and lists (social handles, prices with ``@``, specs such as
  ``4K@144Hz``, file names, versions, model numbers, shop domains, "sold at", "at least",
  "dot matrix"), plus hand-written ones (``SHOP_AT``).
- ``PROBES`` and ``PRODUCT_PROBES``, a second batch written after the first round of fixes
  (from ad-hoc probes of shapes the first batch lacks: a webmail name glued to its TLD, a
  typographic apostrophe, an ideographic dot, spaced dots in the local part; and product texts
  aimed at the new rules), kept whole: the ones still missed stay in the set.
- ``BATCH3`` and ``PRODUCT_BATCH3``, a third batch written before the third round of fixes:
  spaced dots in the name or domain, HTML entities and URL encoding, zero-width and
  non-breaking spaces, German/Dutch/Spanish/Italian "at" and "dot" words without brackets, a
  webmail provider without its top-level domain, a first name typed apart before
  ``last@provider``; product texts with spaced numbers, "at" before a shop or a provider, the
  foreign words alone. Its rows come after the others, whose ids stay as they were.

Scores of the recognizer before it was changed for this set: first batch, e-mails 162/171
and 23/166 product texts flagged; second batch, 8/19 and 13/20. After: 171/171 and 0/166;
16/19 and 0/20 (missed: spaced dots inside the name, "at gmail .com", ``&#64;``). Third batch
before: 22/58 and 0/53; after: 58/58 and 0/53 (and the second batch 19/19).

Same format and markers as ``make_dev2.py`` (``[[EMAIL:value]]``) and the same rules of what
counts as ``make_dev3.py``: the value is the address without the brackets, quotes,
``mailto:`` or punctuation around it; in words it runs from the name to the top-level domain.
A marked value may hold a line break (``marked_row``); in a markdown link the second copy is
marked (the benchmark scores the first one in the text).
"""

from __future__ import annotations

import json
import random

from make_dev2 import HERE, pii_row, product_row

# ------------------------------------------------------------------------ addresses by kind

ADDRESSES = {
    "case": [
        "Jane.Doe@GMail.Com",
        "MARK.OBRIEN@OUTLOOK.IE",
        "Sven.Larsson@Telia.SE",
        "McKenzie.Ross@BTInternet.com",
        "LUCIA.FERNANDEZ+PEDIDOS@GMAIL.COM",
        "DeShawn.Williams@Yahoo.COM",
        "aNNA.kARENINA@MAIL.RU",
        "TomHolland1996@Hotmail.co.UK",
        "Info@Bakery-Schmidt.DE",
        "J.P.Morgan@ProtonMail.com",
        "ANDREW.W@ICLOUD.COM",
        "Chloe.Dubois@Free.FR",
        "SMITHJ@AOL.COM",
    ],
    "local part": [
        "jane.doe+amazon.returns@gmail.com",
        "mark+ebay+2024@fastmail.fm",
        "a.b-c_d.e+f@sub-domain.example.org",
        "__mike__@hotmail.com",
        "sarah_o-neill.87@eircom.net",
        "j.o.h.n.s.m.i.t.h@gmail.com",
        "user-name_2024+shop.tag@my-mail.co",
        "liam--fox@proton.me",
        "k8s_admin-01@ops.example.io",
        "mom+dad.family@icloud.com",
        "tim.o'toole+orders@gmail.com",
        "0049.jens@gmx.de",
        "x_x@x-x.xx",
        "1stclass.buyer@yahoo.co.jp",
        "anna.maria.de.la.cruz.lopez@correo.com.mx",
        "bob.smith-jones_3rd@comcast.net",
        "s.o.s+help@me.com",
        "2k24.gamer@outlook.com",
        "user+tag+more.tags@example.com",
        "first_last-99@verizon.net",
    ],
    "subdomain": [
        "r.patel@mail.example.co.uk",
        "student.1234@stud.uni-hamburg.de",
        "j.smith@eng.cam.ac.uk",
        "no.reply.me@alerts.bank.example.com.au",
        "m.rossi@pec.studio-legale.it",
        "hr@london.uk.office.company-group.com",
        "anna@mx1.mail.server.example.net",
        "kim.minji@cs.kaist.ac.kr",
        "lee@mail2.shop-online.co.nz",
        "ops@eu-west-1.mail.example-cloud.com",
        "akira@mail.ecc.u-tokyo.ac.jp",
        "t.mueller@intern.firma.co.at",
    ],
    "tld": [
        "hello@annasphotos.photography",
        "curator@modernart.museum",
        "dev@tinyapp.io",
        "orders@candleshop.shop",
        "sales@company.xn--p1ai",
        "team@studio.xn--80asehdb",
        "info@example.xn--fiqs8s",
        "jo@brandname.agency",
        "marie@cafe.paris",
        "tom@pub.london",
        "ken@ramen.tokyo",
        "me@lukas.xyz",
        "hi@sara.design",
        "nora@nora.consulting",
        "claims@acme.insurance",
        "chef@bistro.restaurant",
        "matt@matt.engineering",
        "info@ferienhaus.immobilien",
        "p.kowalski@sklep.com.pl",
        "bob@builder.construction",
        "info@bergsport.tirol",
        "kids@wooden.toys",
        "hello@plant.garden",
        "m@m.berlin",
        "ceo@startup.ventures",
    ],
    "international": [
        "maría.peña@telefónica.es",
        "françois.lefèvre@orange.fr",
        "zoë.brontë@example.co.uk",
        "søren.madsen@post.dk",
        "用户@例子.公司",
        "联系@例子.中国",
        "사용자@예시.한국",
        "ユーザー@例え.jp",
        "δοκιμή@παράδειγμα.δοκιμή",
        "संपर्क@डाटामेल.भारत",
        "ติดต่อ@ตัวอย่าง.ไทย",
        "info@müller-bäckerei.de",
        "yücel.öztürk@şirket.com.tr",
        "pavel.dvořák@seznam.cz",
        "владимир@почта.рф",
        "משה@דוגמה.ישראל",
        "عمر@مثال.موقع",
        "nguyễn.văn.an@gmail.com",
        "ñandú@empresa.com.ar",
        "chloé@café.fr",
    ],
    "quoted": [
        '"john..doe"@example.org',
        '"Fred Bloggs"@example.co.uk',
        '"info desk"@hotel-alpina.ch',
        '"jane.doe."@gmail.com',
    ],
    "ip literal": [
        "user@[192.168.1.1]",
        "admin@[10.0.0.254]",
        "test@[IPv6:2001:db8:85a3::8a2e:370:7334]",
        "root@[172.16.0.1]",
    ],
    "long": [
        "the.quick.brown.fox.jumps.over.the.lazy.dog.2024@gmail.com",
        "accounts-payable.invoices.emea.finance-team@corp-example.com",
        "firstname.middlename.lastname.department@mail.company.co.uk",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl@example.com",
        "j@very-long-subdomain-name-for-testing.another-long-label.example-company.co.uk",
    ],
}

# Carriers for real addresses: "{e}" is where the address goes.
CARRIERS = [
    "my email is {e}",
    "please send the invoice to {e}",
    "change my account email to {e}, the old one is dead",
    "{e} is the one I ordered with",
    "can you resend the confirmation to {e}?",
    "email: {e}",
    "Email:{e}",
    "E-mail:{e}",
    "mail id:-{e}",
    "Email ID - {e}",
    "<{e}>",
    "Jane Doe <{e}>",
    "mailto:{e}",
    "MAILTO:{e}",
    "[{e}](mailto:{e})",
    "[email me](mailto:{e})",
    "(my email: {e})",
    "({e})",
    "'{e}'",
    '"{e}"',
    "“{e}”",
    "«{e}»",
    "{e}.",
    "{e}...",
    "send it to {e}!",
    "is it {e}?",
    "ok {e};",
    "new email: {e} :)",
    "{e}: that's mine",
    "{e}, thanks",
    "{e} 🙏",
    "{e}😊",
    "📧 {e}",
    "✉️{e}",
    "👉 {e} 👈",
    '{{"email":"{e}"}}',
    '{{"customer": {{"name": "Jo", "email": "{e}"}}}}',
    "email = '{e}'",
    "<email>{e}</email>",
    "Jo,Bloggs,{e},UK",
    "mi correo es {e}, gracias",
    "meine E-Mail-Adresse lautet {e}.",
    "mon adresse mail : {e}",
    "il mio indirizzo email è {e}",
    "meu e-mail é {e}",
    "mijn e-mailadres is {e}",
    "mój e-mail to {e}",
    "e-posta adresim {e}",
    "моя почта {e}, спасибо",
    "我的邮箱是{e}，谢谢",
    "メールアドレスは{e}です",
    "제 이메일은 {e} 입니다",
    "بريدي الإلكتروني {e}",
    "मेरा ईमेल {e} है",
    "địa chỉ email của tôi là {e}",
    "emailku {e} ya kak",
    "min mejl är {e}",
    "το email μου είναι {e}",
    "\t{e}\n",
    "hi,\nplease use {e}\nthx",
]

# Addresses in words or with spaces, in sentences (never in mailto:, JSON or glued labels).
WRITTEN = [
    "email me at [[EMAIL:jane <at> gmail <dot> com]]",
    "my email is [[EMAIL:jane -at- gmail -dot- com]]",
    "[[EMAIL:mike (at) gmail [dot] com]] thanks",
    "contact: [[EMAIL:lisa{at}gmail.com]]",
    "[[EMAIL:JANE [AT] OUTLOOK [DOT] COM]]",
    "[[EMAIL:jane_doe AT hotmail DOT co DOT uk]]",
    "it's [[EMAIL:Jane At Gmail Dot Com]]",
    "[[EMAIL:tom [ at ] yahoo [ dot ] com]] (no spam pls)",
    "mail [[EMAIL:k.ng (at) gmail (dot) com]].",
    "mon email : [[EMAIL:marie arobase orange point fr]]",
    "mon mail c'est [[EMAIL:jean.dupont arobase gmail point com]]",
    "mi correo: [[EMAIL:juan.perez arroba hotmail punto es]]",
    "[[EMAIL:joao arroba gmail ponto com]], obrigado",
    "scrivimi a [[EMAIL:mario chiocciola libero punto it]]",
    "meine Mail: [[EMAIL:max (ät) gmx (punkt) de]]",
    "E-Mail: [[EMAIL:lena.schulz at web dot de]]",
    "email [[EMAIL:Ravi.Kumar @ Outlook.com]]",
    "[[EMAIL:lisa_m @ web.de]] is my mail",
    "reach me: [[EMAIL:jorge @ empresa.com.mx]]",
    "[[EMAIL:kai @ proton.me]] (spaced for the bots)",
    "my email is [[EMAIL:amy @ gmail dot com]]",
    "[[EMAIL:ben.lee @gmail dot com]]",
    "write to [[EMAIL:priya at gmail dot co dot in]] please",
    "its [[EMAIL:sam dot jones at btinternet dot com]]",
    "email me at [[EMAIL:oscar at yahoo dot com]].",
    "you can mail [[EMAIL:nina[at]icloud[dot]com]]!",
    "[[EMAIL:dave(at)dave-designs(dot)co(dot)uk]] for the invoice",
    "contact [[EMAIL:support (at) my-little-shop (dot) shop]]",
    "my email is [[EMAIL:anna.k [at] gmail [.] com]], thanks",
    "[[EMAIL:ELLA AT GMAIL DOT COM]]",
]

HANDWRITTEN = [
    # two addresses in one text
    "[[EMAIL:jane@gmail.com]] and [[EMAIL:bob@yahoo.com]] both need the receipt",
    "old: [[EMAIL:a.smith@aol.com]] → new: [[EMAIL:alice.smith@gmail.com]]",
    "[[EMAIL:first@web.de]];[[EMAIL:second@web.de]]",
    "[[EMAIL:me@x.io]] | [[EMAIL:work@y.io]]",
    "either [[EMAIL:home.mail@gmx.net]] or [[EMAIL:work.mail@firma.de]] is fine",
    "send to [[EMAIL:jane@gmail.com]], cc [[EMAIL:john at gmail dot com]]",
    "wife [[EMAIL:kate.m@icloud.com]]\nme [[EMAIL:tom.m@icloud.com]]",
    # an address cut by a line break
    "my email is [[EMAIL:jane.doe@\ngmail.com]]",
    "[[EMAIL:jonathan.richardson\n@outlook.com]] sorry for the break",
    "email: [[EMAIL:maria.gonzalez@\nhotmail.es]]",
    "please use\n[[EMAIL:peter.parker\n@dailybugle.com]]",
    # "@" as "at" before an address
    "contact me @ [[EMAIL:jane.doe@gmail.com]]",
    "email me @ [[EMAIL:tom.k@outlook.com]] pls",
    "reach me @[[EMAIL:sally.r@yahoo.com]]",
    "I'm @ [[EMAIL:joe.bloggs@hotmail.co.uk]] if you need me",
    # trailing dots and punctuation
    "my email is [[EMAIL:ravi.shah@gmail.com]]..",
    "[[EMAIL:li.na@qq.com]]。谢谢",
    "[[EMAIL:mark@gmail.com]]?!",
    "(email: [[EMAIL:sofia.b@libero.it]]);",
    "[[EMAIL:ann@gmail.com]]…",
    "send to [[EMAIL:joe@gmail.com]]:)",
    "[[EMAIL:kate@outlook.com]].Thanks",
    # glued words and other scripts around it
    "邮箱[[EMAIL:zhangwei88@163.com]]",
    "请把发票发到[[EMAIL:liu.yang@126.com]]请尽快发货谢谢您的耐心等待",
    "メール：[[EMAIL:taro.yamada@docomo.ne.jp]]",
    "아이디는[[EMAIL:minsu_kim@naver.com]]이에요",
    "emails:\n-[[EMAIL:jane@gmail.com]]\n-[[EMAIL:john@gmail.com]]",
    "Email:-[[EMAIL:rahul.verma@rediffmail.com]]",
    "email.[[EMAIL:carla@uol.com.br]]",
    # full-width characters typed with an IME
    "メールは[[EMAIL:taro＠example．co．jp]]です",
]

# ------------------------------------------------------------------------ product texts

HANDLES = [
    "@garmin", "@garmin.uk", "@patagonia.eu", "@bose.uk", "@zara.uk", "@hm.de", "@dyson.uk",
    "@the.north.face", "@lego.de", "@nike.es", "@Currys_PCWorld", "@AmazonHelp",
    "@apple.support", "@ikea.fr", "@sony.jp", "@muji.eu", "@samsung.de", "@bestbuy.ca",
    "@uniqlo.jp", "@adidas.fr",
]  # fmt: skip
HANDLE_CARRIERS = [
    "got this jacket from {h} last week, does it come in XL?",
    "saw it on insta {h}, is it in stock?",
    "credit {h} for the photo",
    "shoutout to {h} for the fast delivery",
    "is this the same model {h} posted?",
    "my friend {h} recommended it",
    "reviewed by {h} 5 stars",
    "{h} says it's back in stock tomorrow",
    "the colour in the {h} reel looks different",
    "loved the unboxing from {h} 😍",
]
PRICES = [
    "2 @ $19.99", "6 @ £1.25 each", "qty 3@€4,99", "12 @ 0.99", "10pcs @ $2.50",
    "2 @ 19.99 = 39.98", "4 @ 12.50 ea", "1@£249 and 1@£199", "3 x @ $5", "5 @ 3.49/kg",
]  # fmt: skip
PRICE_CARRIERS = [
    "I bought {p}, was that the sale price?",
    "{p} in the basket but checkout shows more",
    "invoice says {p}",
]
SPECS = [
    "4K@144Hz", "1440p@165hz", "i9-13900K@5.8GHz", "DDR4-3200@1.35V", "5V@2A", "20V@3.25A",
    "12V@5A", "24V@60W", "65W@20V", "8K@60Hz", "1080p@240fps", "Ryzen 5 5600X@4.65GHz",
]  # fmt: skip
SPEC_CARRIERS = ["does it do {s}?", "the spec sheet says {s}", "mine only runs {s}, normal?"]
FILES = [
    "banner@2x.png", "video@1080p.mov", "print@0.2mm.gcode", "backup@2024.zip",
    "bracket@v2.stl", "firmware@v1.2.bin", "photo@home.heic", "cover@3x.jpg",
    "manual.pdf", "setup.exe", "driver_v2.1.zip", "warranty-card.docx", "invoice_0042.pdf",
    "size-chart@2x.webp", "receipt@store.jpeg", "logo@4x.svg",
]  # fmt: skip
FILE_CARRIERS = ["can't open {f}", "the file {f} is missing from the download", "sent {f}"]
SHOP_AT = [
    "sold at Currys for £399",
    "meet at the store at 5?",
    "at least 5 gb of storage?",
    "the dot matrix printer ribbon, 2 pack",
    "polka dot dress at 29.99 in size 12",
    "it's cheaper at very.co.uk",
    "the kettle at johnlewis.com is £79",
    "in stock at boots.com?",
    "2 for 1 at tesco.com this week",
    "saw the Echo Dot at amazon dot com for 30 dollars",
    "can I sync it with my calendar at outlook.com?",
    "are my photos at icloud.com backed up by the camera?",
    "the sale at asos dot com ends tonight",
    "Jane at Argos.co.uk helped me with the return",
    "the guy at mediamarkt.de said it's the 2023 model",
    "price match at ao.com: 449",
    "the TV at richersounds.com is 100 less",
    "I'm @ home.in the evening, can you deliver then?",
    "pick up @ store.is that ok?",
    "works great @ home and @ work",
    "perfect for use @ home.",
    "arrives @ noon.so can I track it?",
    "bought 2@walmart.com for $10",
    "got 3x@amazon.de for 20 euro",
    "order online @ argos.co.uk or in store",
    "at 9.99 it's a steal",
    "open at 9 at the Leeds store",
    "I'm at the Westfield store now, is it at the till?",
    "the one at John Lewis is 20 cheaper",
    "available at idealo.de for less",
    "download the app at garmin.com/express",
    "see support.apple.com for the manual",
    "is currys.co.uk the same price?",
    "www.argos.co.uk/product/123456",
    "model no. X.200 or X.300?",
    "the AX.3000 router",
    "type C.2 cable, 1 m",
    "firmware v2.1.3 broke the wifi",
    "iOS 17.5.1 and watchOS 10.5",
    "Android 14.0.1 update for the tab",
    "version 3.0.12 of the app",
    "dot com bubble book, hardcover",
    "Echo Dot 5th gen at 24.99",
    "the 'at' key on my keyboard is stuck",
    "at home the speaker is too quiet",
    "arrive at least by friday?",
    "is it at.least 2 m long",
    "2 dots at the back of the box",
    "size M at 49.99, size L at 54.99",
    "email me when it's back in stock",
    "can I get the receipt by email?",
    "my email is the same as on the order",
    "update my email in the app? where?",
    "the e-mail you sent has no tracking number",
    "@ 50% off it's a good deal",
    "20% off @ checkout",
    "delivery @ 8am tomorrow",
    "cheapest @ £199.99",
    "rated 4.5 @ trustpilot.com",
    "npm i @types/node@20.11.5",
    "pip install torch==2.3.1",
    "v1.0.0@latest on the firmware page",
    "nginx@1.25 in the docker image",
    "Sam at currys said it ships friday",
    "the guys at samsung.com chat were useless",
    "at checkout.com it failed",
    "Dot & Bo cushions at 15 each",
    "Dots at 3.99 a pack",
    "jacket @ M&S.com at 60",
    "the reviews at which.co.uk",
    "sold @ 39.99 by HomeGoods.com",
    "anyone at ikea.com to ask?",
    "its at boots dot com for 12",
    "love it!! @asos.com",
    "@ home.de they sell it too",
    "IMG@2x.PNG is blurry",
    "try it at zara.com/uk size guide",
    "from amazon.co.uk: 2@£9.99",
    "the charger is 100-240V~50/60Hz, 1.5A",
    "E27 bulb 9W@230V, 806 lm",
    "camera does 4K@30 and 1080p@120",
    "3 monitors @ 27 inch each",
    "seen it at 19.99 at lidl.de",
    "Gaming PC RTX 4070 @ 1440p ultra",
    "the @ sign doesn't work on the new keyboard",
    "keyboard with the @ on the 2 key?",
    "the sofa in the Dot collection at 899",
    "Sale: 30% off at nordstrom.com until sunday",
    "is the warehouse at Milton Keynes closing?",
    "stock at store no. 4.12?",
    "the Samsung @ 499 or the LG @ 549?",
    "hoodie @ size L.is it oversized?",
    "check www.lego.com/de-de/product/10316 first",
    "returns at returns.asos.com?",
    "Xbox Series X at game.co.uk",
    "Vinted.co.uk has it used",
    "pickup at 3pm at the Birmingham store",
    "my review at trustpilot.com/review/example.com",
    "Apple Watch at apple.com/uk is 399",
    "the deal at hotukdeals.com says 20% off",
    "Galaxy Buds at samsung.com/uk",
    "the wifi at home drops every night",
    "Vans at JD Sports at 65",
    "ping me when the dot matrix ribbons are back",
    "at max speed it's loud",
    "seat height at 45 cm?",
    "the tent at 2.3 kg is too heavy",
    "v2.0.1-beta@dev channel",
]

# ------------------------------------------------------------------------ second batch
# Probes written after the first round of fixes (see the module doc), kept whole: the last
# three e-mail texts are still missed.

PROBES = [
    "my email is [[EMAIL:jane.doe@gmailcom]]",
    "[[EMAIL:mike@hotmailcom]] sorry typo",
    "[[EMAIL:jane.doe@gmail com]]",
    "[[EMAIL:sean.o’brien@eircom.net]] is mine",
    "it’s [[EMAIL:d’angelo.m@tiscali.it]]",
    "邮箱是[[EMAIL:zhang@163。com]]",
    "[[EMAIL:ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ]]",
    "contact: [[EMAIL:jane [at] company [dot] co [dot] uk]]",
    "mail - [[EMAIL:JANE.DOE AT GMAIL.COM]]",
    "email me @ [[EMAIL:jane.doe(at)gmail.com]]",
    "[[EMAIL:jane\u00a0@\u00a0gmail.com]]",
    "[[EMAIL:jane@gmail.\ncom]]",
    "[[EMAIL:info(at)firma-mueller(dot)de]]",
    "[[EMAIL:jan at wp dot pl]]",
    "[[EMAIL:karl(ät)gmx(punkt)de]]",
    "मेरा ईमेल [[EMAIL:राम.शर्मा@उदाहरण.भारत]] है",
    "[[EMAIL:jane . doe @ gmail . com]]",
    "my email is [[EMAIL:jane at gmail .com]]",
    "[[EMAIL:jane&#64;gmail.com]]",
]
PRODUCT_PROBES = [
    "2x@ebay.co.uk for 15",
    "5@argos.co.uk, is that right?",
    "my account at gmail.com is locked, can't get the receipt",
    "the backup at icloud.com is full",
    "her photos at icloud.com won't sync to the frame",
    "a password at yahoo.com for the app?",
    "it’s at argos.co.uk for less",
    "I’m @ home.in the evening",
    "thanks @garmin.uk!",
    "shout out @patagonia.eu",
    "big fan of @the.north.face",
    "@hm.de and @zara.es both have it",
    "2 for £5 at asos dot com",
    "Echo Show at amazon dot co dot uk",
    "iPhone 15 at apple dot com",
    "the Kindle at amazon.com is 89",
    "Nest Hub at google.com/store",
    "state-of-the-art dot matrix at 99",
    "firmware_v3@2024.bin won't flash",
    "a 1-at-a-time feeder, 2 dot 5 kg",
]

# ------------------------------------------------------------------------ third batch
# Kinds the recognizer was asked to learn next (see the module doc), written before it was
# changed for them: spaced dots, HTML entities and URL encoding, invisible and non-breaking
# spaces, "at"/"dot" in German, Dutch, Spanish and Italian without brackets, a webmail
# provider without its top-level domain, and a space between a first and a last name before
# "@" (the value is both names: redacting the last name alone would keep the first).

BATCH3 = [
    # spaced dots, in the name or the domain; "dot" in words
    "my email is [[EMAIL:anna . berg @ gmail . com]]",
    "[[EMAIL:tom . h @ outlook . com]] thanks",
    "email: [[EMAIL:li . wei @ yahoo . com]]",
    "it's [[EMAIL:mark at gmail .com]]",
    "[[EMAIL:sara at hotmail . com]] pls",
    "[[EMAIL:peter . jones at gmail . com]]",
    "reach me at [[EMAIL:nina dot k at icloud dot com]]",
    "[[EMAIL:JOHN DOT SMITH AT GMAIL DOT COM]]",
    "[[EMAIL:emma dot watson at outlook dot co dot uk]] is mine",
    "send the receipt to [[EMAIL:raj.patel @ gmail .com]]",
    "[[EMAIL:olga @ yandex . ru]]",
    "[[EMAIL:jane.doe at gmail . com]] ok",
    # HTML entities and URL encoding
    "[[EMAIL:maria&#64;gmail.com]]",
    "contact: [[EMAIL:john.smith&commat;outlook.com]]",
    "my email is [[EMAIL:kate%40yahoo.co.uk]]",
    "[[EMAIL:info&#x40;shop-owner.de]]",
    "email=[[EMAIL:tom.b%40gmail.com]]&name=Tom",
    "the link had [[EMAIL:lucy.h%40icloud.com]] in it",
    '<a href="mailto:[[EMAIL:sam&#64;proton.me]]">mail me</a>',
    "[[EMAIL:j.doe&#64;web.de]] is the new one",
    # invisible and non-breaking spaces inside the address
    "[[EMAIL:jane\u200b@gmail.com]]",
    "my email is [[EMAIL:tom.k@\u200bhotmail.com]]",
    "[[EMAIL:anna\u00a0@\u00a0web.de]] thx",
    "email: [[EMAIL:mike@gmail\u200b.com]]",
    "[[EMAIL:li\u2060na@qq.com]]",
    "[[EMAIL:sofia@\u00a0libero.it]]",
    "[[EMAIL:pa\u00adul.m@outlook.com]]",
    "[[EMAIL:karen\u202f@\u202fgmail.com]]",
    "\u200b[[EMAIL:ben.r@gmx\u200b.de]]",  # the space before is no part of it
    # German, Dutch, Spanish and Italian words for "at" and "dot", without brackets
    "[[EMAIL:karl ät gmx punkt de]]",
    "meine mail ist [[EMAIL:anna.schmidt ät web punkt de]]",
    "[[EMAIL:max ät gmail punkt com]]",
    "mi correo es [[EMAIL:juan arroba gmail punto com]]",
    "[[EMAIL:lucia.gomez arroba hotmail punto es]] gracias",
    "[[EMAIL:jan apenstaartje ziggo punt nl]]",
    "mijn mail is [[EMAIL:pieter.devries apenstaartje gmail punt com]]",
    "scrivi a [[EMAIL:mario chiocciola libero punto it]]",
    "[[EMAIL:giulia.rossi chiocciola gmail punto com]]",
    "[[EMAIL:joao.silva arroba gmail ponto com ponto br]]",
    # a webmail provider without its top-level domain
    "[[EMAIL:jane at gmail]]",
    "reach me at [[EMAIL:jane@gmail]]",
    "my email is [[EMAIL:tom at yahoo]]",
    "[[EMAIL:anna@gmx]] thanks",
    "contact [[EMAIL:leo at hotmail]]",
    "[[EMAIL:sophie@icloud]]",
    "it's [[EMAIL:kai at outlook]]",
    "[[EMAIL:lena@web]] ok?",
    "[[EMAIL:wang@163]]",
    "[[EMAIL:ivan at yandex]]",
    "[[EMAIL:chris@proton]]",
    "[[EMAIL:zoe at aol]] pls",
    "[[EMAIL:jane dot doe at gmail]]",
    "[[EMAIL:ella (at) gmail]]",
    # a first and a last name before "@" at a webmail provider
    "[[EMAIL:jane doe@gmail.com]]",
    "my email is [[EMAIL:mark smith@outlook.com]]",
    "send it to [[EMAIL:Lisa Brown@yahoo.com]]",
    "email: [[EMAIL:ali khan@hotmail.com]]",
    "[[EMAIL:Emma Jones@icloud.com]] thanks",
]
PRODUCT_BATCH3 = [
    "2 @ 19.99 each, can I get 3?",
    "the 13 . 3 inch one, is it in stock?",
    "5 . 5 inch screen or bigger?",
    "v2 . 1 firmware broke bluetooth",
    "from Currys dot com, 499",
    "I'll be at home dot dot dot",
    "Apple at 999 or Samsung at 899?",
    "meet me at the shop dot",
    "the ipad at 329 . 99 ?",
    "I'm at work . is it shipped?",
    "mum at home. it was left with the neighbour",
    "saw it at tesco . com for less",
    "the laptop at very . co . uk is cheaper",
    "price at argos dot co dot uk is 20 less",
    "it runs at 5 . 0 ghz",
    "2 @ 9 . 99 = 19 . 98",
    "does it sync with gmail?",
    "my calendar at outlook keeps crashing",
    "the storage at icloud is full",
    "photos at icloud won't load on it",
    "does it work with outlook and gmail?",
    "logged in at yahoo but the app won't connect",
    "my dad works at yahoo, is there a discount?",
    "the 2TB plan at icloud or this drive?",
    "html &amp; css book, 2nd ed",
    "the receipt shows &#64; instead of the at sign",
    "Tom & Jerry DVD @ 4.99",
    "R&D@2x.png is blurry",
    "the 15\u00a0inch model @ 1299",
    "size 10\u00a0@\u00a0£45",
    "Dot and Cross jeans at 49.99",
    "Fiat Punto phone holder at 12.99",
    "de apenstaartje toets werkt niet op dit toetsenbord",
    "la tecla arroba no funciona en este teclado",
    "il tasto chiocciola non va",
    "Lieferung punkt 12 Uhr?",
    "peso 2 punto 5 kg, va bene?",
    "hotmail won't let me log in on this tablet",
    "Outlook at 69.99 a year, is it included?",
    "the 163 cm frame at 399",
    "is it cheaper at web or in the app?",
    "watch the launch @ live stream",
    "bundle @ web only price",
    "10 @ 1 . 63 each",
    "support at gmail said it's the phone",
    "the yahoo finance widget on the tv",
    "karl at the Leeds store said friday",
    "Jane Doe bought 2 at gmail prices lol",
    "the Web.de app on the smart tv?",
    "qq music on the speaker?",
    "jane doe ordered the blue one",
    "the m@il button on the remote",
    "it\u200bworks at 5 V",
]

# ------------------------------------------------------------------------ the set


def email_texts(rng: random.Random) -> list[str]:
    texts = []
    for addresses in ADDRESSES.values():
        for address in addresses:
            carrier = rng.choice(CARRIERS)
            marked = "[[EMAIL:" + address + "]]"
            if carrier.count("{e}") == 2:  # a markdown link shows the address twice
                texts.append(carrier.replace("{e}", address, 1).replace("{e}", marked))
            else:
                texts.append(carrier.replace("{{", "{").replace("}}", "}").replace("{e}", marked))
    return texts + WRITTEN + HANDWRITTEN + PROBES


def product_texts(rng: random.Random) -> list[str]:
    texts = [rng.choice(HANDLE_CARRIERS).format(h=h) for h in HANDLES]
    texts += [rng.choice(PRICE_CARRIERS).format(p=p) for p in PRICES]
    texts += [rng.choice(SPEC_CARRIERS).format(s=s) for s in SPECS]
    texts += [rng.choice(FILE_CARRIERS).format(f=f) for f in FILES]
    return texts + SHOP_AT + PRODUCT_PROBES


def marked_row(marked: str) -> dict[str, object]:
    """``make_dev2.pii_row`` for a text whose marked value may hold a line break."""
    row = pii_row(marked.replace("\n", "\0"))
    text = str(row["text"]).replace("\0", "\n")
    values = [{**v, "value": v["value"].replace("\0", "\n")} for v in row["pii"]]  # type: ignore[attr-defined]
    return {**row, "text": text, "pii": values}


def main() -> None:
    """``dev4.jsonl``, as ``make_dev2.write_set`` writes a set (ids ``dev4-000``...)."""
    rng = random.Random(4)
    pii, product = email_texts(rng), product_texts(rng)
    rows = [marked_row(t) for t in pii] + [product_row(t) for t in product]
    # the third batch goes last, so that the rows before keep their ids
    rows += [marked_row(t) for t in BATCH3] + [product_row(t) for t in PRODUCT_BATCH3]
    write_rows("dev4", rows, len(pii) + len(BATCH3), len(product) + len(PRODUCT_BATCH3))


def write_rows(name: str, rows: list[dict[str, object]], n_pii: int, n_product: int) -> None:
    """``<name>.jsonl`` from finished rows (ids ``<name>-000``...), each mark resolved and
    each PII value found in its text."""
    with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as out:
        for i, row in enumerate(rows):
            assert "[[" not in str(row["text"]), row
            for item in row["pii"]:  # type: ignore[attr-defined]
                assert item["value"] in row["text"], row
            out.write(json.dumps({"id": f"{name}-{i:03d}", **row}, ensure_ascii=False) + "\n")
    print(f"{name}.jsonl: {len(rows)} texts ({n_pii} with PII, {n_product} product texts)")


if __name__ == "__main__":
    main()
