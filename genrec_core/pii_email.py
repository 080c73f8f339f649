"""E-mail addresses: ``local@domain``, written plainly, spaced, URL-encoded or in words.

- The local part is an RFC 5322 dot-atom (letters and combining marks in any script, digits
  and ``!#$%&'*+/=?^`{|}~-``, a typographic ``’``; it starts with a letter, a digit, ``_``,
  ``!``, ``$`` or ``~``) or a quoted string (``"john doe"@example.com``). A URL or form field
  before it is no part of it: ``?email=jo@x.org`` and ``site.com/jo@x.org`` give ``jo@x.org``.
- The ``@`` may be a full-width ``＠``, ``%40`` (a pasted link) or an HTML entity (``&#64;``,
  ``&#x40;``, ``&commat;``); a dot ``%2E`` or ``&#46;``. Invisible characters (zero-width
  spaces, a soft hyphen) are read past.
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
  ``-at-``, ``[@]``, ``(punkt)``, ``ät``/``arroba``/``chiocciola``/``arobase``/``apenstaartje``
  (``point`` after ``arobase``, ``punt`` after ``apenstaartje``); an ``@`` with spaced or
  worded dots (``name @ gmail . com``, ``jane . doe@gmail.com``, ``name@gmail dot com``) where
  no plain address was found. ``name at domain.com`` (a plain or spaced dot) only at a mail
  provider, with a name shaped like a user name or after an e-mail word: "kettle at
  johnlewis.com", "my calendar at outlook.com" and "Echo Dot at amazon dot com" are shop talk.
  With "at" and "dot" both plain words the same holds ("reviews at rtings dot com"), though a
  role mailbox (``info at müller-bau dot de``), a name the domain starts with, an e-mail word
  after it or another address in the text will do too (``_dot_words_ok``). A top-level
  domain in words that is no common one (``dave {at} fastmail {dot} fm``, ``dot
  photography``) needs the "at" in brackets or an e-mail word before it (``_any_tld_ok``).
- Letters typed apart (``j s m i t h @ gmail . com``): an address where, with the spaces
  taken out, it is a plain one at a mailbox top-level domain (``_letters_apart_emails``).
- A line break around the ``@`` may be a Windows one (``\r\n``).
- A webmail provider with no top-level domain (``jane@gmail``, ``jane at gmail``), and a first
  name typed apart before ``last@provider`` (``my email is jane doe@gmail.com``): see
  ``_mistyped_ok`` and ``_first_name_start``.
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
# A dot, full-width or ideographic too (typed with an IME: "taro＠example．jp", "wei@163。com"),
# an HTML entity or URL-encoded ("gmail&#46;com", "gmail%2Ecom").
_DOT_SIGN = r"(?:[.\uff0e]|\u3002(?=[a-z])|&#0*46;|&period;|%2e)"
_DOMAIN = (
    r"(?:(?:" + _LABEL + _DOT_SIGN + r"){1,8}(?P<tld>" + _TLD + r")(?![\w-]*\w)"
    r"|\[(?:IPv6:[0-9A-Fa-f:.]{2,45}|\d{1,3}(?:\.\d{1,3}){3})\])"
)
# "@" may be URL-encoded or an HTML entity ("jo%40x.org", "jo&#64;x.org", "jo&commat;x.org").
# A line break around it may be a Windows one ("carl@\r\nweb.de").
_AT_SIGN = r"(?P<at>(?:\r\n|\s)?[@\uff20](?:\r\n|\s)?|%40|&#0*64;|&#x0*40;|&commat;)"
_EMAIL = re.compile(_LOCAL + _AT_SIGN + _DOMAIN, re.IGNORECASE)
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
_AT_WORDS = r"at|ät|arroba|arobase|chiocciola|apenstaartje"
_AT = (
    r"(?:\s*" + _OPEN + r"\s*(?:" + _AT_WORDS + r"|@)\s*" + _CLOSE + r"\s*"
    r"|\s+(?:" + _AT_WORDS + r")\s+)"
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


_KNOWN_TLD = r"(?:(?:" + _GLUED_TLDS + r")|(?:" + _COMMON_TLDS + r")(?!\w))"
# Any top-level domain in words ("dave {at} fastmail {dot} fm", "dot photography"): only
# where the "at" is in brackets or an e-mail word comes before (see ``_any_tld_ok``).
_ANY_TLD = r"(?:[^\W\d_]{2,24})(?!\w)"


def _obfuscated(at: str, dot: str, tld: str = _KNOWN_TLD) -> re.Pattern[str]:
    """A name, ``at``, a domain and a top-level domain ``tld`` after ``dot``, in words or
    signs: the name and the domain may hold dots in words or spaced dots."""
    return re.compile(
        r"(?<![\w.+-])[\w][\w.+'-]{0,63}(?:(?:" + _DOT + r"|\s\.\s?|\.\s)[\w+'-]{1,63}){0,3}"
        + at + r"[\w-]{1,63}(?:" + dot + r"[\w-]{1,63}){0,3}" + dot + tld + r"(?![.\w]*@)",
        re.IGNORECASE,
    )  # fmt: skip


# "name at domain dot com", "name [at] domain.org", "name at gmail . com" (``_worded_at_ok``
# tells "at home. it was" apart); and "name @ domain . com", "name@domain dot com", "jane .
# doe@gmail.com" (an "@" with dots in words or spaced), only where no plain address matched
# more than the part after the spaced dot.
_OBFUSCATED_EMAIL = _obfuscated(_AT, r"(?:" + _DOT + r"|\s?\.\s?)")
# "point" and "punt" as words are dots only after "arobase" and "apenstaartje" ("at this
# point in time" is no address).
_PAIRED_EMAILS = [
    _obfuscated(r"\s+" + at + r"\s+", r"(?:\s+" + dot + r"\s+|" + _DOT + r"|\.)")
    for at, dot in (("arobase", "point"), ("apenstaartje", "punt"))
]
_ANY_TLD_EMAIL = _obfuscated(_AT, _DOT, _ANY_TLD)
_SPACED_DOT_EMAIL = _obfuscated(r"\s?[@\uff20]\s?", r"(?:" + _DOT + r"|\s?\.\s?)")
_LOOSE_DOT = re.compile(r"\s\.|\.\s|" + _DOT, re.IGNORECASE)
# Country codes that are English words: after a dot they start the next sentence ("I'm @
# home. in the evening", "pick up @ store.is that ok?").
_WORD_TLDS = frozenset("am as at be by do go hi id in is it me my no so to us".split())
_OBFUSCATION_HINT = re.compile(r"\b(?:" + _AT_WORDS + r")\b|[@\uff20]", re.I)
_NOT_LOCAL = frozenset(
    "me us him her them it its look looks looked arrive arrived this that the is was meet stay"
    " stayed be get got one price sold available cheaper only now here there i i'm im am are"
    " we we're you you're he he's she she's they they're".split()
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
    r"|wayfair|kohls|macys|idealo|geizhals|pricerunner|google|zara|uniqlo|primark|nordstrom"
    r"|sephora|decathlon|lidl|aldi)"
)
_RETAILERS = re.compile(r"\s?@\s?" + _RETAILER + r"\s?\.", re.IGNORECASE)  # "@ amazon . com"
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
_WORD_AT = re.compile(r"\s+(?:" + _AT_WORDS + r")\s+", re.IGNORECASE)
_USERNAME = re.compile(r"(?=.*[^\W\d_])(?:.*[._+]|.*[^\W\d_]\d|.*\d[^\W\d_])")
_EMAIL_CUE = re.compile(
    r"\b(?:e-?mails?|mail|mailbox|inbox|contact|write|reach|address|adresse|correo|reply|cc"
    r"|login|account|send(?:\s+\w+){0,3}|forward|me|is|it's|its|i'm)"
    r"(?:\W+(?:to|at|me|is|es|ist|est|é|è|er|är))*\W*$",  # "mi correo es", "meine Mail ist"
    re.IGNORECASE,
)
# "my calendar at outlook.com": a word after a determiner is a thing, not a name.
_DETERMINER = re.compile(
    r"\b(?:my|your|our|his|her|their|the|a|an|this|that|these|those)\s+$", re.IGNORECASE
)


# Mailboxes of a shop or an office rather than a person ("info at müller-bau dot de").
_ROLE_NAMES = frozenset(
    "info contact hello hi sales support admin office team enquiries enquiry inquiries kontakt"
    " webmaster billing postmaster service mail".split()
)
# An e-mail word after the address ("mike at mike-designs dot studio, that's my work email").
_EMAIL_WORD_AFTER = re.compile(r"^.{0,40}\b(?:e-?mail|mail|inbox|address)\b", re.I | re.S)


def _dot_words_ok(text: str, start: int, end: int, name: str, domain: str) -> bool:
    """``name at domain dot com`` with "at" and "dot" as plain words: shop talk too ("reviews
    at rtings dot com", "rain jacket at rei dot com"), so an address only with a sign of one:
    a mail provider, a name shaped like a user name, an e-mail word before or after it, a
    role mailbox (``info``, ``sales``), a name the domain repeats (``alex at alex-m dot me``)
    or another address in the text ("jane@gmail.com or jones at work dot com")."""
    low = re.sub(r"\s*(?:\.|\bdot\b|\bpunkt\b|\bpunto\b|\bponto\b)\s*", ".", name.lower())
    label = re.split(r"\s", domain.strip(), maxsplit=1)[0].lower()
    return bool(
        _MAIL_PROVIDER.match(re.sub(r"\s+(?:dot|punkt|punto|ponto)\s+", ".", domain, flags=re.I))
        or _USERNAME.match(low)
        or _EMAIL_CUE.search(text[max(0, start - 30) : start])
        or _EMAIL_WORD_AFTER.search(text[end:])
        or low in _ROLE_NAMES
        or re.match(re.escape(low) + r"(?:$|[-_\d])", label)
        or re.search(r"[@\uff20]", text[:start] + text[end:])
    )


def _worded_at_ok(text: str, start: int, end: int) -> bool:
    """``name at domain.com`` with a plain or spaced dot: an address at a mail provider, with a
    name shaped like a user name (``jane.doe``, ``anna85``) or after an e-mail word; otherwise
    shop talk ("kettle at johnlewis.com", "29.99 at argos.co.uk"). A dot that could end a
    sentence before a TLD that is an English word ("at home. it was") needs all of them. Dots
    in brackets (``[dot]``) make it an address; dots as plain words: ``_dot_words_ok``."""
    found = text[start:end]
    at = _WORD_AT.search(found)
    if at is None:
        return True  # "(at)", "[at]"
    name, domain = found[: at.start()], found[at.end() :]
    spaced = re.search(r"\s\.|\.\s", domain)  # "gmail . com", "gmail .com", "gmail. com"
    sentence = re.search(r"\w\.\s+\w+$", domain)  # "gmail. it"
    domain = re.sub(r"\s*\.\s*", ".", domain)
    if _RETAILER_DOMAIN.match(domain):
        return False  # "Echo Dot at amazon dot com"
    if re.search(r"\s(?:point|punt)\s", domain, re.IGNORECASE):
        return True  # "arobase ... point", "apenstaartje ... punt"
    if re.search(_DOT, domain, re.IGNORECASE):
        if re.search(r"\s*" + _OPEN, domain):
            return True  # "[dot]": nobody writes shop talk so
        return _dot_words_ok(text, start, end, name, domain)
    if not re.search(r"[^\W\d_]", name):
        return False  # "29.99 at argos.co.uk"
    username = _USERNAME.match(re.sub(r"\s*\.\s*", ".", name))
    if _DETERMINER.search(text, 0, start) and not username:
        return False  # "my calendar at outlook.com": a thing, not a name
    provider = _MAIL_PROVIDER.match(domain)
    cue = _EMAIL_CUE.search(text[max(0, start - 30) : start])
    if spaced and domain.rsplit(".", 1)[-1].lower() in _WORD_TLDS:
        # "mum at home. it was late", "we met at gmail. it was 2010"
        return bool(provider and (not sentence or username or cue))
    return bool(provider or username or cue)


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


# "jane doe@gmail.com": a first name typed apart from the last one, at the start of the text
# or after an e-mail word ("my email is", "send it to").
_FIRST_NAME = re.compile(r"(?:^|(?<=\s))([^\W\d_]{2,20}) $")
_NOT_FIRST_NAME = frozenset(
    "email e-mail mail contact write reach address reply cc bcc login account send forward"
    " use try and or to at for from with of my your his our their hi hello hey dear ok yes no"
    " sorry please pls new old id user username".split()
)


def _first_name_start(text: str, start: int, local: str) -> int:
    """Where ``local@provider`` starts when a first name stands apart before it (see
    ``_FIRST_NAME``); ``start`` when none does."""
    name = _FIRST_NAME.search(text, max(0, start - 22), start)
    if not (name and re.fullmatch(r"[^\W\d_]{2,20}", local)):
        return start
    word, before = name.group(1).lower(), text[: name.start(1)]
    if word in _NOT_FIRST_NAME or word in _NOT_LOCAL or word in _SHOP_TALK:
        return start
    if before.strip(" \t\n\"'“‘(-:") and not _EMAIL_CUE.search(before[-30:]):
        return start
    return name.start(1)


def _plain_emails(text: str) -> list[Span]:
    spans, pos = [], 0
    while m := _EMAIL.search(text, pos):
        if _plain_ok(text, m):
            local = text[m.start() : m.start("at")]
            start = m.start() + _local_start(local)
            if m.group("at") == "@" and _WEBMAIL.match(text, m.start("at")):
                start = _first_name_start(text, start, local)
            spans.append(Span(start, m.end(), "EMAIL"))
            pos = m.end()
        else:  # look again after its "@": "contact me @ jane.doe@gmail.com"
            pos = m.start("at") + 1
    return spans


def _spaced_name_ok(name: str) -> bool:
    """A name with spaced dots has a letter in each piece: "jane . doe", not "v1 . 2 . 3"."""
    pieces = re.split(r"\s\.\s?|\.\s", name)
    return len(pieces) == 1 or all(re.search(r"[^\W\d_]", p) for p in pieces)


def _any_tld_ok(text: str, m: re.Match[str]) -> bool:
    """A match of ``_ANY_TLD_EMAIL`` whose top-level domain ``_OBFUSCATED_EMAIL`` does not
    know ("dot fm", "dot photography"): an address where its "at" is in brackets
    (``{at}``) or an e-mail word comes before it ("email hello at bakery dot coffee")."""
    tld = re.search(r"\w+$", m.group()).group().lower()  # type: ignore[union-attr]
    if re.fullmatch(_COMMON_TLDS, tld) or re.match(_GLUED_TLDS, tld):
        return False  # the known-TLD pattern has had its say
    if not _WORD_AT.search(m.group()):
        return True
    return bool(_EMAIL_CUE.search(text[max(0, m.start() - 30) : m.start()]))


def _obfuscated_emails(text: str, plain: list[Span]) -> list[Span]:
    spans = []
    matches = [*_OBFUSCATED_EMAIL.finditer(text)]
    for paired in _PAIRED_EMAILS:
        matches += paired.finditer(text)
    matches += (m for m in _ANY_TLD_EMAIL.finditer(text) if _any_tld_ok(text, m))
    for m in matches:
        local = re.split(r"[\s\[({<]", m.group())[0].lower()
        if local in _NOT_LOCAL or local in _SHOP_TALK:
            continue
        at = re.search(_AT, m.group(), re.IGNORECASE)
        if at and not _spaced_name_ok(m.group()[: at.start()]):
            continue
        if _worded_at_ok(text, m.start(), m.end()):
            spans.append(Span(m.start(), m.end(), "EMAIL"))
    for m in _SPACED_DOT_EMAIL.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in plain if p.end > m.end()):
            continue  # a plain address goes on past it
        name, domain = re.split(r"\s?[@\uff20]", m.group(), maxsplit=1)
        if not (_LOOSE_DOT.search(domain) or _LOOSE_DOT.search(name)):
            continue  # plain dots: the plain pattern has said no ("credit @bose.uk")
        tld = re.search(r"\w+$", m.group()).group()  # type: ignore[union-attr]
        if not (_spaced_name_ok(name) and _spaced_at_ok(text, m.start(), name, tld)):
            continue
        spans.append(Span(m.start(), m.end(), "EMAIL"))
    return spans


# Letters typed apart ("j s m i t h @ gmail . com", "t o m @ g m a i l . c o m"): a name of
# three or more characters with a space between each, "@", and a domain whose labels are
# words or letters typed apart, with spaces around its dots or not.
_APART = r"(?:[\w-] )+[\w-]|[\w-]+"
_LETTERS_APART_EMAIL = re.compile(
    r"(?<![\w.@])[\w](?: [\w.+'-]){2,}(?<! \.) ?[@\uff20] ?"
    r"(?:" + _APART + r")(?: ?\. ?(?:" + _APART + r")){1,4}(?![\w@])",
    re.IGNORECASE,
)


_SIZES = re.compile(r"(?:x{0,3}[sl]|m)+", re.IGNORECASE)  # clothing sizes typed apart


def _letters_apart_emails(text: str) -> list[Span]:
    """Addresses typed with a space between the letters (``_LETTERS_APART_EMAIL``): an address
    where, with the spaces taken out, it is a plain one at a mailbox top-level domain."""
    spans = []
    for m in _LETTERS_APART_EMAIL.finditer(text):
        joined = re.sub(r"\s", "", m.group())
        plain = _EMAIL.fullmatch(joined)
        if not plain or _RETAILERS.match(joined, plain.start("at")):
            continue  # "S M L @ amazon . com"
        letters = re.findall(r"[^\W\d_]", joined[: plain.start("at")])
        if len(letters) < 3 or _SIZES.fullmatch(joined[: plain.start("at")]):
            continue  # "v 1 . 2 @ ...", "sizes S M L @ ..."
        if _MAIL_TLD.fullmatch(plain.group("tld") or "") and _plain_ok(joined, plain):
            spans.append(Span(m.start(), m.end(), "EMAIL"))
    return spans


# Mailbox providers whose name alone says "e-mail" ("jane@gmail", "samlee99 at hotmail").
_WEBMAIL_NAMES = (
    r"gmail|googlemail|yahoo|ymail|hotmail|outlook|icloud|aol|protonmail|gmx|yandex"
    r"|rocketmail|rediffmail|btinternet|bigpond|fastmail|zoho|libero|wanadoo|tutanota"
)
# Providers whose name is a word or a number too ("at web", "@ live stream", "2@163"): without
# a top-level domain an address only after a name with a letter, and "at" needs more.
_WORD_WEBMAILS = frozenset("proton web live msn mail qq 163".split())
# Addresses as typed in a hurry: no top-level domain, or a comma or nothing for its dot, at a
# webmail provider ("jane@gmail", "jane@gmail,com", "jane@gmailcom", "samlee99 at hotmail",
# "ella (at) gmail"), a doubled "@" ("peter@@gmail.com"), underscores for the words
# ("jane_at_gmail_dot_com").
_NO_TLD_PROVIDERS = _WEBMAIL_NAMES + "|" + "|".join(sorted(_WORD_WEBMAILS))
_MISTYPED_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<name>[\w][\w.+'-]{0,63}(?:" + _DOT + r"[\w+'-]{1,63}){0,3})"
    r"(?:(?P<at>\s?@\s?|" + _AT + r")(?P<provider>" + _NO_TLD_PROVIDERS + r")"
    r"(?:,\s?(?:" + _MAIL_TLDS + r"|[a-z]{2})|\s?(?:com|net|org))?(?![\w@.-]|,\w)"
    r"|@@(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,24}(?![\w-])"
    r"|_at_[\w-]{1,63}?(?:_dot_[a-z]{2,24}){0,2}_dot_(?:" + _MAIL_TLDS + r"|[a-z]{2})(?!\w))",
    re.IGNORECASE,
)  # fmt: skip


# What may follow "jane at gmail" at the end of a message.
_SIGN_OFF = re.compile(r"[\W_]*(?:(?:thanks|thank you|thx|ty|pls|please|plz|cheers|ok)\b\W*)?")
# Words before "at gmail" that say where someone works or what is stored there.
_NOT_NAME = frozenset(
    "work works worked working job jobs login logged log signed sign storage photos files"
    " backup calendar contacts inbox spam settings password subscription plan support stored"
    " saved synced backed uploaded shared".split()
)


def _mistyped_ok(text: str, m: re.Match[str]) -> bool:
    """A hurried address (``_MISTYPED_EMAIL``): not after a shop word. With no top-level
    domain, ``name at gmail`` (an English "at", or "@" with spaces) and ``name@live`` (a
    provider that is a word) need a user name, an e-mail word before it or nothing after it
    but a thank-you ("the storage at icloud is full", "i am at hotmail", "stream@live now");
    ``name at live`` needs one of the first two; ``name @gmail`` is a handle."""
    name = m.group("name")
    low = name.lower()
    if low in _NOT_LOCAL or low in _SHOP_TALK:
        return False
    provider = (m.group("provider") or "").lower()
    word_provider = provider in _WORD_WEBMAILS
    if word_provider and not re.search(r"[^\W\d_]", name):
        return False  # "2@163"
    at = m.group("at") or ""
    if re.fullmatch(r"\s@|@\s", at):
        return False  # "tag us @outlook": a handle
    english_at = bool(re.fullmatch(r"\s+at\s+|\s@\s", at, re.IGNORECASE))
    if not (english_at or word_provider):
        return True  # "jane@gmail", "ella (at) gmail", "peter@@gmail.com"
    username = _USERNAME.match(re.sub(_DOT, ".", name, flags=re.IGNORECASE))
    if english_at and (
        low in _NOT_NAME or (_DETERMINER.search(text, 0, m.start()) and not username)
    ):
        return False  # "my dad works at yahoo", "my calendar at outlook"
    cue = _EMAIL_CUE.search(text[max(0, m.start() - 30) : m.start()])
    ends = not (english_at and word_provider) and _SIGN_OFF.fullmatch(text, m.end())
    return bool(username or cue or ends)


def _mistyped_emails(text: str, found: list[Span]) -> list[Span]:
    spans = []
    for m in _MISTYPED_EMAIL.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        if _mistyped_ok(text, m):
            spans.append(Span(m.start(), m.end(), "EMAIL"))
    return spans


# Characters that show nothing (zero-width spaces and joiners, a soft hyphen, a BOM): pasted
# inside an address ("jane\u200b@gmail.com") they would cut it.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def _find_emails(text: str) -> list[Span]:
    spans = _plain_emails(text)
    hint = _OBFUSCATION_HINT.search(text)
    if hint:
        spans += _obfuscated_emails(text, spans)
        spans += _letters_apart_emails(text)
    if hint or "_at_" in text.lower():
        spans += _mistyped_emails(text, spans)
    # "doe@gmail.com" inside "jane . doe@gmail.com": the longer one
    return [
        s for s in spans if not any(o != s and o.start <= s.start and s.end <= o.end for o in spans)
    ]


def find_emails(text: str) -> list[Span]:
    """E-mail addresses, plain or written with ``at``/``dot`` in words or brackets; invisible
    characters inside one are read past (the span covers them)."""
    if not _INVISIBLE.search(text):
        return _find_emails(text)
    kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    shown = "".join(text[i] for i in kept)
    return [Span(kept[s.start], kept[s.end - 1] + 1, s.kind) for s in _find_emails(shown)]
