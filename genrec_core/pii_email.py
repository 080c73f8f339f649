"""E-mail addresses: ``local@domain``, written plainly, spaced, URL-encoded or in words.

- The local part is an RFC 5322 dot-atom (letters and combining marks in any script, digits
  and ``!#$%&'*+/=?^`{|}~-``, a typographic ``’``; it starts with a letter, a digit, ``_``,
  ``!``, ``$`` or ``~``) or a quoted string (``"john doe"@example.com``). A URL or form field
  before it is no part of it: ``?email=jo@x.org`` and ``site.com/jo@x.org`` give ``jo@x.org``.
- The ``@`` may be a full-width ``＠`` or ``%40`` (a pasted link).
- The domain has a letter-only top-level label (any script, up to 24 letters: ``.co.uk``,
  ``.photography``, ``.рф``, ``.भारत``), a punycode one (``.xn--p1ai``), or is an IP literal
  (``[192.0.2.1]``, ``[IPv6:2001:db8::1]``); its dots may be full-width (``．``) or
  ideographic (``。``, before a Latin label). A top-level label that is a file extension and
  no domain (``logo@2x.png``, ``backup@2024.zip``) is a file name; a count at a retailer
  (``2@walmart.com``) is shop talk.
- ``name @ domain.tld`` with spaces is an address when the domain ends in a mail TLD (``.com``,
  a country...) and neither the name is shop or social talk (``sold @ amazon.com``,
  ``tag @brand.official``) nor the domain a retailer's. A TLD that is an English word
  (``I'm @ home.in the evening``) or a plain word before a handle (``credit @bose.uk``, a
  space before the ``@`` only) needs a mail provider (``ben @gmail.com``) or a name shaped
  like a user name (``li.wei @yahoo.com``).
- In words: ``name at domain dot com``, ``name [at] domain [dot] org``, ``(at)``, ``{at}``,
  ``-at-``, ``[@]``, ``(punkt)``, ``arroba``/``arobase`` (``point`` after ``arobase``); an
  ``@`` with spaced or worded dots (``name @ gmail . com``, ``name@gmail dot com``) where no
  plain address was found. ``name at domain.com`` (a plain dot) only at a mail provider,
  with a name shaped like a user name or after an e-mail word: "kettle at johnlewis.com",
  "my calendar at outlook.com" and "Echo Dot at amazon dot com" are shop talk.
"""

from __future__ import annotations

import re
import unicodedata

from genrec_core.pii_base import Span


def _combining_marks() -> str:
    """Ranges of the combining marks of the BMP (Mn, Mc) for a character class: ``\\w`` leaves
    out the vowel signs of Indic and Thai words (``संपर्क@डाटामेल.भारत``) and accents typed
    apart. Emoji variation selectors (``✉️``) are no part of a word."""
    ranges: list[list[int]] = []
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc") and not 0xFE00 <= cp <= 0xFE0F:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


_MARKS = _combining_marks()
_ATEXT = r"\w" + _MARKS + r"!#$%&'’*+/=?^`{|}~-"  # and a typographic apostrophe
_LOCAL = (
    r'(?:"[^"\n@\\]{1,62}"'  # a quoted local part
    r"|(?<![\w" + _MARKS + r".+])[\w!$~][." + _ATEXT + r"]{0,63}(?<![/'’=?&]))"
)
_TLD = r"(?:xn--[a-z0-9-]{1,59}|[^\W\d_](?:[^\W\d_]|[" + _MARKS + r"]){1,23})"
_LABEL = r"[\w" + _MARKS + r"-]{1,63}"
# A dot, full-width or ideographic too (typed with an IME: "taro＠example．jp", "wei@163。com").
_DOT_SIGN = r"(?:[.\uff0e]|\u3002(?=[a-z]))"
_DOMAIN = (
    r"(?:(?:" + _LABEL + _DOT_SIGN + r"){1,8}(?P<tld>" + _TLD + r")(?![\w-]*\w)"
    r"|\[(?:IPv6:[0-9A-Fa-f:.]{2,45}|\d{1,3}(?:\.\d{1,3}){3})\])"
)
_EMAIL = re.compile(_LOCAL + r"(?P<at>\s?[@\uff20]\s?|%40)" + _DOMAIN, re.IGNORECASE)
# File extensions that are no top-level domain ("icon@2x.png", "banner@3x.webp").
_FILE_EXTENSIONS = frozenset(
    "png jpg jpeg gif webp svg bmp tif tiff heic heif avif ico psd pdf doc docx xls xlsx ppt"
    " pptx odt ods csv txt json xml yaml yml html htm css js mjs mp3 mp4 m4a wav flac ogg avi"
    " mkv webm mov m4v exe dmg apk msi iso bin img tar gz zip rar 7z stl obj 3mf gcode epub"
    " log".split()
)
# Top-level domains that people's mailboxes are at, besides every two-letter country code.
_MAIL_TLDS = (
    r"com|org|net|edu|gov|mil|int|io|info|biz|dev|app|eu|ai|shop|store|online|site|tech|xyz"
    r"|email|news|family|cloud|live|blog|design|studio"
)
_MAIL_TLD = re.compile(r"(?:" + _MAIL_TLDS + r"|[a-z]{2})", re.IGNORECASE)
# A URL or form field glued before the address ("?email=", "&to=", "site.com/path/").
_FIELD = re.compile(
    r"^(?:.*[?&].*|.*\b(?:e-?mail|mail|to|from|cc|bcc|user|username|login|address|addr))=$"
    r"|^.*\..*/$",
    re.IGNORECASE,
)
_OPEN, _CLOSE = r"[\[({<-]", r"[\])}>-]"  # "jane -at- gmail -dot- com" too
# "at" and "dot" in words or brackets, in the languages shoppers write them in.
_AT = (
    r"(?:\s*" + _OPEN + r"\s*(?:at|@|ät|arroba|arobase|chiocciola)\s*" + _CLOSE + r"\s*"
    r"|\s+(?:at|arroba|arobase|chiocciola)\s+)"
)
_DOT = (
    r"(?:\s*" + _OPEN + r"\s*(?:dot|\.|punkt|punto|point|ponto)\s*" + _CLOSE + r"\s*"
    r"|\s+(?:dot|punkt|punto|ponto)\s+)"
)
_GLUED_TLDS = r"com|org|net"  # "dot comthanks" is still an address ending in .com
_COMMON_TLDS = (
    r"edu|gov|mil|int|io|info|biz|dev|app|eu|ai|shop|store|online|site|tech|xyz|email|news"
    r"|family|cloud|live|blog|design|studio|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|ie|pt"
    r"|ru|jp|cn|in|au|ca|us|co|me|cz|sk|hu|ro|bg|gr|tr|ua|by|lt|lv|ee|si|hr|rs|ba|is|lu|li"
    r"|mx|br|ar|cl|pe|za|ng|ke|eg|ma|il|ae|sa|kr|tw|hk|sg|my|th|vn|ph|id|nz|tv|cc|to|ly|gg"
)


def _obfuscated(at: str, dot: str) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w.+-])[\w][\w.+'-]{0,63}(?:" + _DOT + r"[\w+'-]{1,63}){0,3}" + at
        + r"[\w-]{1,63}(?:" + dot + r"[\w-]{1,63}){0,3}" + dot + r"(?:(?:"
        + _GLUED_TLDS + r")|(?:" + _COMMON_TLDS + r")(?!\w))(?![.\w]*@)",
        re.IGNORECASE,
    )  # fmt: skip


# "name at domain dot com", "name [at] domain.org"; and "name @ domain . com", "name@domain
# dot com" (an "@" with dots in words or spaced), only where no plain address matched.
_OBFUSCATED_EMAIL = _obfuscated(_AT, r"(?:" + _DOT + r"|\.)")
# "point" as a word is a dot only after "arobase" ("at this point in time" is no address).
_AROBASE_EMAIL = _obfuscated(r"\s+arobase\s+", r"\s+point\s+")
_SPACED_DOT_EMAIL = _obfuscated(r"\s?[@\uff20]\s?", r"(?:" + _DOT + r"|\s?\.\s?)")
_LOOSE_DOT = re.compile(r"\s\.|\.\s|" + _DOT, re.IGNORECASE)
# Country codes that are English words: after a dot they start the next sentence ("I'm @
# home. in the evening", "pick up @ store.is that ok?").
_WORD_TLDS = frozenset("am as at be by do go hi id in is it me my no so to us".split())
_OBFUSCATION_HINT = re.compile(r"\b(?:at|ät|arroba|arobase|chiocciola)\b|[@\uff20]", re.I)
_NOT_LOCAL = frozenset(
    "me us him her them it its look looks looked arrive arrived this that the is was meet stay"
    " stayed be get got one price sold available cheaper only now here there".split()
)
# Words that stand before "@ shop.com" in shop talk ("sold @ amazon.com", "$5 @ walmart.com")
# or before a social handle ("tag @brand.uk", "follow @shop.de").
_SHOP_TALK = frozenset(
    "price prices priced sale deal deals offer offers cheap cheapest cheaper buy bought order"
    " ordered found listed seen saw available stock instock in on off only now just also"
    " same still back new used refurbished sold selling sells shipped ships free each"
    " item items one ones get got pay paid cost costs costing it this that them there here"
    " online store shop tag tags tagged dm follow followed following ping mention mentioned"
    " via by thanks thx".split()
)
_PROVIDER = (
    r"(?:[\w-]+\.)*(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me"
    r"|mac|aol|proton|protonmail|pm|gmx|web|t-online|posteo|mailbox|yandex|mail|zoho|fastmail"
    r"|tutanota|qq|163|126|naver|orange|free|laposte|libero|virgilio|btinternet|sky|comcast"
    r"|verizon|att|rocketmail|seznam|wp|onet|interia|sapo|telia|ziggo|kpnmail|bluewin|tiscali"
    r"|alice|wanadoo|sfr|bigpond|rediffmail|eircom|daum|kakao)\."
)
_WEBMAIL = re.compile(r"\s?@\s?" + _PROVIDER, re.IGNORECASE)
_MAIL_PROVIDER = re.compile(_PROVIDER, re.IGNORECASE)
_RETAILER = (
    r"(?:www\.)?(?:amazon|ebay|walmart|bestbuy|target|aliexpress|alibaba|etsy|ikea"
    r"|argos|currys|otto|zalando|mediamarkt|saturn|fnac|boulanger|darty|newegg|bhphotovideo"
    r"|costco|homedepot|lowes|johnlewis|tesco|asos|apple|samsung|dell|lenovo|temu|shein"
    r"|wayfair|kohls|macys|idealo|geizhals|pricerunner|google)"
)
_RETAILERS = re.compile(r"\s?@\s?" + _RETAILER + r"\.", re.IGNORECASE)
_RETAILER_DOMAIN = re.compile(_RETAILER + r"\b", re.IGNORECASE)


def _spaced_at_ok(text: str, start: int, local: str, tld: str | None, handle: bool = False) -> bool:
    """``name @ domain.com`` with spaces: an address unless the name is a shop-talk word, the
    domain a retailer's or its TLD no mailbox's ("tag @brand.official"); a number alone, a
    TLD that is an English word ("I'm @ home.in the evening") or a word before a social
    ``handle`` ("credit @bose.uk"; a space before the ``@`` only) only at a mail provider."""
    webmail = bool(_WEBMAIL.match(text, start + len(local)))
    if not re.search(r"[^\W\d_]", local):  # "1234 @ qq.com", not "$5 @ shop.com"
        return webmail
    if (tld or "").lower() in _WORD_TLDS or (handle and not _USERNAME.match(local)):
        return webmail
    low = local.lower()
    return (
        tld is not None
        and bool(_MAIL_TLD.fullmatch(tld))
        and low not in _NOT_LOCAL
        and low not in _SHOP_TALK
        and not _RETAILERS.match(text, start + len(local))
    )


def _local_start(local: str) -> int:
    """Where the address starts inside ``local``: after a URL or form field glued before it."""
    start = 0
    for sep in re.finditer(r"[/=?&]", local):
        if sep.end() < len(local) and _FIELD.match(local[: sep.end()]):
            start = sep.end()
    return start


# "at" as a word ("kettle at johnlewis.com" is shop talk), and what makes it an address anyway.
_WORD_AT = re.compile(r"\s+(?:at|arroba|arobase|chiocciola)\s+", re.IGNORECASE)
_USERNAME = re.compile(r"(?=.*[^\W\d_])(?:.*[._+]|.*[^\W\d_]\d|.*\d[^\W\d_])")
_EMAIL_CUE = re.compile(
    r"\b(?:e-?mails?|mail|mailbox|inbox|contact|write|reach|address|adresse|correo|reply|cc"
    r"|login|account|send(?:\s+\w+){0,3}|forward|me|is|it's|its|i'm)"
    r"(?:\W+(?:to|at|me|is))*\W*$",
    re.IGNORECASE,
)
# "my calendar at outlook.com": a word after a determiner is a thing, not a name.
_DETERMINER = re.compile(
    r"\b(?:my|your|our|his|her|their|the|a|an|this|that|these|those)\s+$", re.IGNORECASE
)


def _worded_at_ok(text: str, start: int, end: int) -> bool:
    """``name at domain.com`` with a plain dot: an address at a mail provider, with a name
    shaped like a user name (``jane.doe``, ``anna85``) or after an e-mail word; otherwise shop
    talk ("kettle at johnlewis.com", "29.99 at argos.co.uk")."""
    found = text[start:end]
    at = _WORD_AT.search(found)
    if at is None:
        return True  # "(at)", "[at]"
    name, domain = found[: at.start()], found[at.end() :]
    if _RETAILER_DOMAIN.match(domain):
        return False  # "Echo Dot at amazon dot com"
    if re.search(_DOT + r"|\spoint\s", domain, re.IGNORECASE):
        return True  # dots in words: nobody writes shop talk so
    if not re.search(r"[^\W\d_]", name):
        return False  # "29.99 at argos.co.uk"
    if _DETERMINER.search(text, 0, start) and not _USERNAME.match(name):
        return False  # "my calendar at outlook.com": a thing, not a name
    return bool(
        _MAIL_PROVIDER.match(domain)
        or _USERNAME.match(name)
        or _EMAIL_CUE.search(text[max(0, start - 30) : start])
    )


_COUNT = re.compile(r"\d+x?", re.IGNORECASE)


def _plain_ok(text: str, m: re.Match[str]) -> bool:
    """Whether a match of ``_EMAIL`` is an address (see the module doc)."""
    tld, local, at = m.group("tld"), text[m.start() : m.start("at")], m.group("at")
    if tld is not None and tld.lower() in _FILE_EXTENSIONS:
        return False
    if _COUNT.fullmatch(local) and _RETAILERS.match(text, m.start("at")):
        return False  # "bought 2@walmart.com": a count at a shop
    handle = at[0].isspace() and not at[-1].isspace()  # "insta @garmin.uk"
    return at == at.strip() or _spaced_at_ok(text, m.start(), local, tld, handle)


def _plain_emails(text: str) -> list[Span]:
    spans, pos = [], 0
    while m := _EMAIL.search(text, pos):
        if _plain_ok(text, m):
            local = text[m.start() : m.start("at")]
            spans.append(Span(m.start() + _local_start(local), m.end(), "EMAIL"))
            pos = m.end()
        else:  # look again after its "@": "contact me @ jane.doe@gmail.com"
            pos = m.start("at") + 1
    return spans


def _obfuscated_emails(text: str, plain: list[Span]) -> list[Span]:
    spans = []
    for m in [*_OBFUSCATED_EMAIL.finditer(text), *_AROBASE_EMAIL.finditer(text)]:
        local = re.split(r"[\s\[({<]", m.group())[0].lower()
        if local in _NOT_LOCAL or local in _SHOP_TALK:
            continue
        if _worded_at_ok(text, m.start(), m.end()):
            spans.append(Span(m.start(), m.end(), "EMAIL"))
    for m in _SPACED_DOT_EMAIL.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in plain):
            continue
        name, domain = re.split(r"\s?[@\uff20]", m.group(), maxsplit=1)
        if not _LOOSE_DOT.search(domain):
            continue  # plain dots: the plain pattern has said no ("credit @bose.uk")
        tld = re.search(r"\w+$", m.group()).group()  # type: ignore[union-attr]
        if not _spaced_at_ok(text, m.start(), name, tld):
            continue
        spans.append(Span(m.start(), m.end(), "EMAIL"))
    return spans


# Mailbox providers whose name alone says "e-mail" ("jane@gmail", "samlee99 at hotmail").
_WEBMAIL_NAMES = (
    r"gmail|googlemail|yahoo|ymail|hotmail|outlook|icloud|aol|protonmail|gmx|yandex"
    r"|rocketmail|rediffmail|btinternet|bigpond|fastmail|zoho|libero|wanadoo|tutanota"
)
# Addresses as typed in a hurry: no top-level domain, or a comma or nothing for its dot, at a
# webmail provider ("jane@gmail", "jane@gmail,com", "jane@gmailcom", "samlee99 at hotmail"),
# a doubled "@" ("peter@@gmail.com"), underscores for the words ("jane_at_gmail_dot_com").
_MISTYPED_EMAIL = re.compile(
    r"(?<![\w.+-])[\w][\w.+'-]{0,63}"
    r"(?:(?:@|\s(?:at)\s)(?:" + _WEBMAIL_NAMES + r")"
    r"(?:,\s?(?:" + _MAIL_TLDS + r"|[a-z]{2})|\s?(?:com|net|org))?"
    r"(?![\w@.-]|,\w)"
    r"|@@(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,24}(?![\w-])"
    r"|_at_[\w-]{1,63}?(?:_dot_[a-z]{2,24}){0,2}_dot_(?:" + _MAIL_TLDS + r"|[a-z]{2})(?!\w))",
    re.IGNORECASE,
)


def _mistyped_emails(text: str, found: list[Span]) -> list[Span]:
    spans = []
    for m in _MISTYPED_EMAIL.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        name = re.split(r"@|\s|_at_", m.group(), maxsplit=1)[0]
        worded = " at " in m.group().lower()
        if name.lower() in _NOT_LOCAL or name.lower() in _SHOP_TALK:
            continue
        if worded and not (
            _USERNAME.match(name) or _EMAIL_CUE.search(text[max(0, m.start() - 30) : m.start()])
        ):
            continue  # "deals at gmail"? only a user name or an e-mail word makes it one
        spans.append(Span(m.start(), m.end(), "EMAIL"))
    return spans


def find_emails(text: str) -> list[Span]:
    """E-mail addresses, plain or written with ``at``/``dot`` in words or brackets."""
    spans = _plain_emails(text)
    if _OBFUSCATION_HINT.search(text):
        spans += _obfuscated_emails(text, spans)
    if "@" in text or "_at_" in text.lower() or _WORD_AT.search(text):
        spans += _mistyped_emails(text, spans)
    return spans
